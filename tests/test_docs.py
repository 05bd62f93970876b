"""The documentation covers every public method and builds without warnings."""
import glob
import inspect
import os
import re
import subprocess
import sys

import pytest

from mastodon import Mastodon

DOCS = os.path.join(os.path.dirname(__file__), "..", "docs")


def public_methods():
    names = {"__init__"}
    for name, value in inspect.getmembers(Mastodon):
        if not name.startswith("_") and callable(value):
            names.add(name)
    return names


def documented_methods():
    found = set()
    for path in glob.glob(os.path.join(DOCS, "*.rst")):
        with open(path, encoding="utf-8") as handle:
            found.update(re.findall(r"^\.\. automethod:: Mastodon\.(\w+)", handle.read(), re.M))
    return found


def test_every_public_method_is_documented():
    missing = sorted(public_methods() - documented_methods())
    assert not missing, "public methods missing from docs/: %s" % ", ".join(missing)


def test_docs_build_without_warnings(tmp_path):
    pytest.importorskip("sphinx")
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", DOCS, str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
