"""The shared argument helpers and the version gates of the api_version decorator."""
import datetime

import pytest

from mastodon import MastodonIllegalArgumentError, MastodonVersionError
from mastodon._encoding import page_params
from mastodon._validate import check_choice, id_list


def test_check_choice_accepts_none_and_known_values():
    assert check_choice("order", None, ("active", "new")) is None
    assert check_choice("order", "new", ("active", "new")) == "new"
    assert check_choice("visibility", "Public", ("public",), lower=True) == "public"


@pytest.mark.parametrize("value", ["popular", "", 3, ["new"]])
def test_check_choice_names_the_parameter_and_the_choices(value):
    with pytest.raises(MastodonIllegalArgumentError, match=r"Invalid order .*: use one of 'active', 'new'"):
        check_choice("order", value, ("active", "new"))


def test_check_choice_required():
    with pytest.raises(MastodonIllegalArgumentError, match="policy"):
        check_choice("policy", None, ("all",), required=True)


def test_id_list_unpacks_single_values_and_dicts():
    assert id_list("ids", None) is None
    assert id_list("ids", 5) == [5]
    assert id_list("ids", {"id": 7}) == [7]
    assert id_list("ids", ({"id": 1}, "2")) == [1, "2"]
    for bad in ([None], [[1]], True):
        with pytest.raises(MastodonIllegalArgumentError, match="ids"):
            id_list("ids", bad)


def test_page_params():
    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    assert page_params(1, None, when, 5, local=True) == {
        "max_id": 1, "min_id": None, "since_id": when, "limit": 5, "local": True}


def test_parameter_version_gate(make_api, server):
    api = make_api(mastodon_version="3.1.0")
    with pytest.raises(MastodonVersionError, match=r"media_update\(thumbnail=...\) needs Mastodon 3.2.0"):
        api.media_update(1, thumbnail=b"\x89PNG", thumbnail_mime_type="image/png")
    assert server.requests == []


def test_parameter_version_gate_is_off_in_mode_none(make_api, server):
    server.route("GET", "/api/v2/search", json={"accounts": [], "statuses": [], "hashtags": []})
    api = make_api(mastodon_version="2.7.0", version_check_mode="none")
    api.search_v2("cat", result_type="accounts")
    assert server.last.query["type"] == ["accounts"]


def test_unavailable_range(make_api, server):
    api = make_api(mastodon_version="3.4.0")
    with pytest.raises(MastodonVersionError, match="search_v1 is not available on Mastodon 3.0.0 and newer"):
        api.search_v1("cat")
    assert server.requests == []
