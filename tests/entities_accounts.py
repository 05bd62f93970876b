"""More realistic JSON entities (ENTITIES.md) for the account, list, filter, report and
marker tests; same conventions as tests/entities.py."""
from tests import entities
from tests.entities import CREATED, _merge


def user_list(id="12249", title="Birdwatchers", **kw):
    return _merge({"id": id, "title": title, "replies_policy": "list", "exclusive": False}, kw)


def filter_v1(id="6191", phrase="spoiler", context=("home", "public"), **kw):
    return _merge({"id": id, "phrase": phrase, "context": list(context), "whole_word": True,
                   "expires_at": "2099-01-01T00:00:00.000Z", "irreversible": False}, kw)


def featured_tag(id="627", name="birds", **kw):
    return _merge({"id": id, "name": name, "url": "https://example.social/@alice/tagged/%s" % name,
                   "statuses_count": "42", "last_status_at": "2023-03-13"}, kw)


def report(id="48914", **kw):
    return _merge({"id": id, "action_taken": False, "action_taken_at": None, "category": "violation",
                   "comment": "Spam links", "forwarded": True, "created_at": CREATED,
                   "status_ids": ["110123456789012345"], "rule_ids": ["2"],
                   "target_account": entities.account(id="109383", acct="bob@other.example")}, kw)


def marker(last_read_id="110123456789012345", **kw):
    return _merge({"last_read_id": last_read_id, "version": 462, "updated_at": "2023-03-14T12:31:00.000Z"}, kw)


def preferences(**kw):
    return _merge({"posting:default:visibility": "unlisted", "posting:default:sensitive": False,
                   "posting:default:language": "en", "reading:expand:media": "default",
                   "reading:expand:spoilers": False}, kw)


def familiar_followers(id="109382", **kw):
    return _merge({"id": id, "accounts": [entities.account(id="109384", acct="carol@birds.example")]}, kw)


def search(accounts=(), statuses=(), hashtags=()):
    return {"accounts": list(accounts), "statuses": list(statuses), "hashtags": list(hashtags)}
