import os
import sys

sys.path.insert(0, os.path.abspath(".."))

project = "Mastodon.py"
author = "the Mastodon.py contributors"
copyright = "2026, " + author
extensions = ["sphinx.ext.autodoc"]
autodoc_member_order = "bysource"
autodoc_typehints = "none"
master_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
