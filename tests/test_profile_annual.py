"""The profile API (Mastodon 4.6) and annual reports (4.3-4.6)."""
import pytest

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError, MastodonVersionError
from tests import entities_statuses as more
from tests import entities_statuses_today as today


@pytest.fixture
def api46(make_api):
    return make_api(mastodon_version="4.6.0", ratelimit_method="throw")


def test_profile(api46, server):
    server.route("GET", "/api/v1/profile", json=today.profile())
    result = api46.profile()
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/profile", {})
    assert result.id == 116222600881276277
    assert result.fields[0].name == "pronouns" and result.attribution_domains == ["articles.example.com"]


def test_profile_update_form(api46, server):
    server.route("PATCH", "/api/v1/profile", json=today.profile(display_name="Alice B."))
    result = api46.profile_update(display_name="Alice B.", locked=True, show_media=False,
                                  attribution_domains=["a.example", "b.example"], fields=[("pronouns", "she/her")],
                                  avatar_description="A robin")
    req = server.last
    assert (req.method, req.path, req.content_type.split(";")[0]) == (
        "PATCH", "/api/v1/profile", "application/x-www-form-urlencoded")
    assert req.form == {"display_name": ["Alice B."], "avatar_description": ["A robin"], "locked": ["1"],
                        "show_media": ["0"], "attribution_domains[]": ["a.example", "b.example"],
                        "fields_attributes[0][name]": ["pronouns"], "fields_attributes[0][value]": ["she/her"]}
    assert result.display_name == "Alice B." and result.id == 116222600881276277


def test_profile_update_uploads_images(api46, server, tmp_path):
    image = tmp_path / "robin.png"
    image.write_bytes(more.png())
    server.route("PATCH", "/api/v1/profile", json=today.profile(avatar="https://files.example.social/a.png"))
    result = api46.profile_update(avatar=str(image), header=more.png(3, 2), header_mime_type="image/png",
                                  header_description="Sky", bot=False)
    req = server.last
    assert req.content_type.startswith("multipart/form-data")
    assert req.form == {"header_description": ["Sky"], "bot": ["0"]}
    assert req.files["avatar"][1:] == ("image/png", more.png())
    assert req.files["header"][1:] == ("image/png", more.png(3, 2))
    assert result.avatar == "https://files.example.social/a.png"


@pytest.mark.parametrize("kwargs", [{"locked": "yes"}, {"show_media": 1}, {"attribution_domains": 5},
                                    {"attribution_domains": [""]}, {"fields": [("a", "b")] * 5},
                                    {"avatar": b"\x89PNG"}, {"header": "/no/such/file.png"}])
def test_profile_update_refuses_bad_input(api46, server, kwargs):
    with pytest.raises(MastodonIllegalArgumentError):
        api46.profile_update(**kwargs)
    assert server.requests == []


def test_annual_reports(api46, server):
    server.route("GET", "/api/v1/annual_reports", json=today.wrapped_annual_reports(2025, 2026))
    result = api46.annual_reports()
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/annual_reports")
    assert [r.year for r in result.annual_reports] == [2025, 2026]
    assert result.annual_reports[0].data.archetype == "oracle"
    assert result.accounts[0].id == 109382 and result.statuses[0].created_at.year == 2023


def test_annual_report(api46, server):
    server.route("GET", "/api/v1/annual_reports/2025", json=today.wrapped_annual_reports(2025))
    result = api46.annual_report(2025)
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/annual_reports/2025")
    assert result.annual_reports[0].share_url.endswith("/2025/7fa0231c0f206390")
    server.route("GET", "/api/v1/annual_reports/2019", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api46.annual_report(2019)


def test_annual_report_state_read_generate(api46, server):
    server.route("GET", "/api/v1/annual_reports/2026/state", json={"state": "generating"},
                 headers={"Mastodon-Async-Refresh": 'id="report-1", retry=3'})
    state = api46.annual_report_state(2026)
    assert (server.last.method, server.last.path) == ("GET", "/api/v1/annual_reports/2026/state")
    assert state.state == "generating"
    assert api46.get_async_refresh_info(state)[0].id == "report-1"
    server.route("POST", "/api/v1/annual_reports/2026/read", json={})
    assert api46.annual_report_read(2026) is None
    assert (server.last.method, server.last.path, server.last.form) == ("POST", "/api/v1/annual_reports/2026/read", {})
    server.route("POST", "/api/v1/annual_reports/2026/generate", status=202, json={})
    assert api46.annual_report_generate(2026) == {}
    assert (server.last.method, server.last.path) == ("POST", "/api/v1/annual_reports/2026/generate")


@pytest.mark.parametrize("bad", ["2025", 2025.0, True, None, 0])
def test_annual_reports_refuse_non_integer_years(api46, server, bad):
    for method in ("annual_report", "annual_report_read", "annual_report_state", "annual_report_generate"):
        with pytest.raises(MastodonIllegalArgumentError, match="year"):
            getattr(api46, method)(bad)
    assert server.requests == []


def test_versions(make_api, server):
    api42 = make_api(mastodon_version="4.2.0")
    api43 = make_api(mastodon_version="4.3.0")
    for call in (api42.annual_reports, lambda: api43.annual_report(2025), lambda: api43.annual_report_state(2025),
                 lambda: api43.annual_report_generate(2025), api43.profile, api43.profile_update):
        with pytest.raises(MastodonVersionError):
            call()
    assert server.requests == []


def test_profile_update_clears_lists(api46, server):
    server.route("PATCH", "/api/v1/profile", json=today.profile(attribution_domains=[], fields=[]))
    result = api46.profile_update(attribution_domains=[], fields=[])
    assert server.last.form == {"attribution_domains[]": [""], "fields_attributes[0][name]": [""],
                                "fields_attributes[0][value]": [""]}
    assert result.attribution_domains == [] and result.fields == []
