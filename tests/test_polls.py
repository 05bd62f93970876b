"""Polls: poll, poll_vote, make_poll."""
from datetime import datetime, timedelta, timezone

import pytest

from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonVersionError
from tests import entities


def test_poll(api, server):
    server.route("GET", "/api/v1/polls/34830", json=entities.poll())
    result = api.poll({"id": "34830"})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/polls/34830", {})
    assert result.id == 34830
    assert result.expires_at == datetime(2023, 3, 15, 12, 30, 45, tzinfo=timezone.utc)
    assert result.options[0].title == "accept" and result.own_votes == [1]


def test_poll_needs_2_8(make_api, server):
    old = make_api(mastodon_version="2.7.0")
    with pytest.raises(MastodonVersionError):
        old.poll(1)
    assert server.requests == []


def test_poll_vote_single_choice_returns_the_poll(api, server):
    server.route("POST", "/api/v1/polls/34830/votes", json=entities.poll(own_votes=[0], votes_count=11))
    result = api.poll_vote(entities.poll(), 0)
    req = server.last
    assert (req.method, req.path, req.form) == ("POST", "/api/v1/polls/34830/votes", {"choices[]": ["0"]})
    assert result is not None and result.id == 34830 and result.votes_count == 11 and result.own_votes == [0]
    assert result.expires_at.tzinfo is not None


def test_poll_vote_multiple_choices(api, server):
    server.route("POST", "/api/v1/polls/34830/votes", json=entities.poll(multiple=True, own_votes=[0, 2]))
    result = api.poll_vote(34830, [0, 2])
    assert server.last.form == {"choices[]": ["0", "2"]}
    assert result.multiple is True


def test_poll_vote_digit_strings_as_in_1_8_0(api, server):
    server.route("POST", "/api/v1/polls/34830/votes", json=entities.poll(multiple=True, own_votes=[0, 2]))
    api.poll_vote(34830, "1")
    assert server.last.form == {"choices[]": ["1"]}
    api.poll_vote(34830, (0, "2"))
    assert server.last.form == {"choices[]": ["0", "2"]}


@pytest.mark.parametrize("choices", [[], -1, "-1", "one", [0, "x"], True, None, 1.5, [None]])
def test_poll_vote_invalid_choices(api, server, choices):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.poll_vote(34830, choices)
    assert "choices" in str(info.value)
    assert server.requests == []


def test_poll_vote_refused_by_the_server(api, server):
    server.route("POST", "/api/v1/polls/34830/votes", status=422,
                 json={"error": "Validation failed: You have already voted on this poll"})
    with pytest.raises(MastodonAPIError) as info:
        api.poll_vote(34830, 1)
    assert "already voted" in info.value.args[3]


def test_make_poll(api, server):
    poll = api.make_poll(["accept", "deny"], 300)
    assert poll == {"options": ["accept", "deny"], "expires_in": 300, "multiple": False, "hide_totals": False}
    assert type(poll) is dict
    poll = api.make_poll(("a", "b", "c"), timedelta(days=1), multiple=True, hide_totals=True)
    assert poll == {"options": ["a", "b", "c"], "expires_in": 86400, "multiple": True, "hide_totals": True}
    assert api.make_poll(["a", "b"], "300")["expires_in"] == 300
    assert api.make_poll(["a", "b"], 3600.0)["expires_in"] == 3600
    assert server.requests == []


@pytest.mark.parametrize("options, expires_in", [
    ("yes or no", 300), (["only one"], 300), (["a", 2], 300), (None, 300),
    (["a", "b"], 0), (["a", "b"], -5), (["a", "b"], "5m"), (["a", "b"], None), (["a", "b"], 1.5),
    (["a", "b"], True), (["a", "b"], timedelta(0))])
def test_make_poll_invalid(api, server, options, expires_in):
    with pytest.raises(MastodonIllegalArgumentError):
        api.make_poll(options, expires_in)
    assert server.requests == []


def test_status_post_with_a_poll(api, server):
    server.route("POST", "/api/v1/statuses", json=entities.status(poll=entities.poll(), media_attachments=[]))
    result = api.status_post("Accept?", poll=api.make_poll(["accept", "deny"], 600, hide_totals=True))
    assert server.last.json == {"status": "Accept?", "poll": {"options": ["accept", "deny"], "expires_in": 600,
                                                              "multiple": False, "hide_totals": True}}
    assert result.poll.id == 34830
