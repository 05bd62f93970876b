"""Realistic JSON of the admin entities of the Mastodon API (field names and types from
ENTITIES.md: Admin::Account, Admin::Report, Admin::DomainBlock, Admin::Measure,
Admin::Dimension, Admin::Cohort, Admin::Tag, Trends::Link), as a server sends them.

Each builder returns a fresh dict; keyword arguments override fields.
"""
from tests import entities
from tests.entities import CREATED, _merge


def role(**kw):
    return _merge({"id": "3", "name": "Owner", "color": "", "permissions": "1048575", "highlighted": True}, kw)


def admin_account(id="109382", username="alice", **kw):
    return _merge({
        "id": id, "username": username, "domain": None, "created_at": "2022-11-01T00:00:00.000Z",
        "email": "%s@example.org" % username, "ip": "192.0.2.10",
        "ips": [{"ip": "192.0.2.10", "used_at": "2023-03-14T10:00:00.000Z"}],
        "locale": "en", "invite_request": "I love birds", "role": role(),
        "confirmed": True, "approved": True, "disabled": False, "sensitized": False,
        "silenced": False, "suspended": False,
        "account": entities.account(id=id, acct=username),
        "created_by_application_id": "12", "invited_by_account_id": "108000",
    }, kw)


def admin_report(id="4324", **kw):
    return _merge({
        "id": id, "action_taken": False, "action_taken_at": None, "category": "spam",
        "comment": "Posts ads all day", "forwarded": False,
        "created_at": CREATED, "updated_at": "2023-03-14T13:00:00.000Z",
        "account": admin_account(id="109383", username="bob"),
        "target_account": admin_account(id="109384", username="spammer"),
        "assigned_account": None, "action_taken_by_account": None,
        "statuses": [entities.status()], "rules": [{"id": "2", "text": "No spam"}],
    }, kw)


def admin_domain_block(id="17", domain="spam.example", **kw):
    return _merge({
        "id": id, "domain": domain, "digest": "5a1b7f0c3e4d", "created_at": CREATED,
        "severity": "silence", "reject_media": False, "reject_reports": False,
        "private_comment": None, "public_comment": "Spam source", "obfuscate": False,
    }, kw)


def admin_measure(key="active_users", **kw):
    return _merge({
        "key": key, "unit": None, "total": "34", "human_value": "34", "previous_total": "29",
        "data": [{"date": "2023-03-13T00:00:00.000+00:00", "value": "21"},
                 {"date": "2023-03-14T00:00:00.000+00:00", "value": "13"}],
    }, kw)


def admin_dimension(key="languages", **kw):
    return _merge({
        "key": key,
        "data": [{"key": "en", "human_key": "English", "value": "210"},
                 {"key": "de", "human_key": "German", "value": "38"}],
    }, kw)


def admin_cohort(period="2023-03-13T00:00:00.000+00:00", **kw):
    return _merge({
        "period": period, "frequency": "day",
        "data": [{"date": "2023-03-13T00:00:00.000+00:00", "rate": 1.0, "value": "12"},
                 {"date": "2023-03-14T00:00:00.000+00:00", "rate": 0.5, "value": "6"}],
    }, kw)


def admin_tag(name="birds", **kw):
    return _merge(entities.tag(name=name, id="802", trendable=True, usable=True, requires_review=False), kw)


def trends_link(**kw):
    return _merge(entities.card(history=[
        {"day": "1678752000", "accounts": "7", "uses": "12"},
        {"day": "1678665600", "accounts": "2", "uses": "3"}]), kw)
