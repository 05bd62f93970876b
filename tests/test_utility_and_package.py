"""Utility methods, the package's exports and the exception hierarchy."""
import copy
import datetime
import json
import os
import pickle

import pytest

import mastodon
from mastodon import AttribAccessDict, AttribAccessList, MastodonAPIError, MastodonIllegalArgumentError
from tests.harness import Reply

SPEC = os.path.join(os.path.dirname(__file__), "data", "package_surface.json")


def _spec():
    with open(SPEC, encoding="utf-8") as handle:
        return json.load(handle)


def test_get_approx_server_time(api, server):
    server.route("HEAD", "/", Reply(headers={"Date": "Tue, 14 Mar 2023 12:30:45 GMT"}))
    result = api.get_approx_server_time()
    assert (server.last.method, server.last.path) == ("HEAD", "/")
    assert result.tzinfo is None
    expected = datetime.datetime(2023, 3, 14, 12, 30, 45, tzinfo=datetime.timezone.utc).astimezone().replace(tzinfo=None)
    assert result == expected


def test_get_approx_server_time_with_unknown_zone(api, server):
    server.route("HEAD", "/", Reply(headers={"Date": "Tue, 14 Mar 2023 12:30:45 -0000"}))
    expected = datetime.datetime(2023, 3, 14, 12, 30, 45, tzinfo=datetime.timezone.utc).astimezone().replace(tzinfo=None)
    assert api.get_approx_server_time() == expected


def test_get_approx_server_time_without_date(api, monkeypatch):
    class NoDate:
        headers = {}
        status_code = 200

    monkeypatch.setattr(api, "_request", lambda *args, **kwargs: NoDate())
    with pytest.raises(MastodonAPIError, match="server time"):
        api.get_approx_server_time()


def test_get_supported_version():
    assert mastodon.Mastodon.get_supported_version() == "3.5.5"


def test_decode_blurhash(api):
    media = {"blurhash": "LEHV6nWB2yk8pyo0adR*.7kCMdnj"}  # 4x3 components
    image = api.decode_blurhash(media, out_size=(2, 3))
    assert len(image) == 3 * 3 and len(image[0]) == 4 * 2 and len(image[0][0]) == 3
    absolute = api.decode_blurhash(media, out_size=(5, 7), size_per_component=False, return_linear=False)
    assert len(absolute) == 7 and len(absolute[0]) == 5
    assert all(0 <= channel <= 255 for row in absolute for pixel in row for channel in pixel)
    assert all(0.0 <= channel <= 1.0 for row in image for pixel in row for channel in pixel)
    with pytest.raises(MastodonIllegalArgumentError):
        api.decode_blurhash({"blurhash": None})


def test_set_language(api, server):
    server.route("GET", "/api/v1/x", json={})
    api.set_language("pt")
    api._request("GET", "/api/v1/x")
    assert server.last.query == {"lang": ["pt"]}


# -- AttribAccessDict ---------------------------------------------------------------------------------------
def test_attrib_access_dict():
    d = AttribAccessDict(id=1, account=AttribAccessDict(acct="alice"))
    assert d.account.acct == "alice" and d["id"] == 1
    with pytest.raises(AttributeError):
        assert d.missing is None  # never reached: the attribute does not exist
    with pytest.raises(AttributeError):
        d.id = 2
    d._pagination_next = {"max_id": 3}
    assert "_pagination_next" not in d and d._pagination_next == {"max_id": 3}
    assert d == {"id": 1, "account": {"acct": "alice"}}
    clone = pickle.loads(pickle.dumps(d))
    assert clone == d and clone._pagination_next == {"max_id": 3} and clone.account.acct == "alice"
    assert copy.deepcopy(d) == d


def test_attrib_access_list():
    page = AttribAccessList([1, 2])
    page._pagination_next = {"max_id": 1}
    assert page == [1, 2] and page._pagination_next == {"max_id": 1}
    assert pickle.loads(pickle.dumps(page)) == [1, 2]


# -- exports and exceptions ---------------------------------------------------------------------------------------
def test_package_exports():
    for name in _spec()["exports_18"] + ["AttribAccessList", "MastodonReadTimeout"]:
        assert hasattr(mastodon, name), name


def test_mastodon_module_reexports():
    import sys
    from mastodon.Mastodon import AttribAccessDict, Mastodon, MastodonAPIError, MastodonReadTimeout  # noqa: F401
    module = sys.modules["mastodon.Mastodon"]
    for name in _spec()["exports_18"]:
        if name not in ("StreamListener", "CallbackStreamListener"):
            assert hasattr(module, name), name
    assert module.MastodonReadTimeout is mastodon.MastodonReadTimeout
    assert module.parse_version_string("1.2.3") == (1, 2, 3)


def test_imports_of_code_written_for_1_8_0():
    """The import lines found in code written for Mastodon.py 1.8.0."""
    import mastodon.Mastodon  # noqa: F401 - the module path must stay importable
    from mastodon.Mastodon import (AttribAccessDict, Mastodon, MastodonAPIError, MastodonError,  # noqa: F401
                                   MastodonIllegalArgumentError, MastodonNetworkError, MastodonNotFoundError,
                                   MastodonRatelimitError, MastodonServerError, MastodonUnauthorizedError,
                                   MastodonVersionError, api_version, max_version, parse_version_string)
    from mastodon.Mastodon import CallbackStreamListener, StreamListener  # noqa: F401
    from mastodon.errors import MastodonMalformedEventError  # noqa: F401
    from mastodon.utility import AttribAccessDict as UtilityDict
    import mastodon as package
    assert Mastodon is package.Mastodon and AttribAccessDict is UtilityDict
    assert MastodonNotFoundError is package.MastodonNotFoundError
    assert callable(Mastodon._Mastodon__json_hooks) and Mastodon.create_app.__name__ == "create_app"


def test_module_level_helpers():
    from mastodon.streaming import CallbackStreamListener, StreamListener  # noqa: F401
    from mastodon.utility import AttribAccessDict, AttribAccessList, api_version, max_version, parse_version_string  # noqa: F401
    import mastodon.errors as errors
    for entry in _spec()["exceptions"]:
        if entry["since"] == "1.8.0":
            assert hasattr(errors, entry["name"])


def test_exception_hierarchy():
    builtins = {"Exception": Exception, "ValueError": ValueError, "IOError": IOError}
    for entry in _spec()["exceptions"]:
        if entry["since"] != "1.8.0":
            continue
        cls = getattr(mastodon.errors, entry["name"])
        for base in entry["bases"]:
            expected = builtins.get(base) or getattr(mastodon.errors, base)
            assert issubclass(cls, expected), (entry["name"], base)
        assert issubclass(cls, mastodon.MastodonError) or entry["name"] == "MastodonError"


def test_py_typed_is_shipped():
    assert os.path.exists(os.path.join(os.path.dirname(mastodon.__file__), "py.typed"))


def test_optional_package_flags_of_1_8_0():
    from mastodon.Mastodon import IMPL_HAS_BLURHASH, IMPL_HAS_CRYPTO, IMPL_HAS_ECE
    assert IMPL_HAS_BLURHASH is True and IMPL_HAS_CRYPTO is True and IMPL_HAS_ECE is True
    import sys
    with pytest.raises(AttributeError):
        sys.modules["mastodon.Mastodon"].IMPL_HAS_NOTHING  # noqa: B018
