"""Media attachments: media, media_post (real PNG and AVI files), media_update."""
import builtins
import io
import re
from datetime import datetime, timezone

import pytest

import mastodon._files
import mastodon.media
from mastodon.errors import (MastodonAPIError, MastodonFileNotFoundError, MastodonIllegalArgumentError,
                             MastodonVersionError)
from tests import entities
from tests import entities_statuses as more
from tests.harness import Reply

MID = "110000000000000001"
UPLOAD_NAME = re.compile(r"^mastodonpyupload_\d+\.\d+_[0-9a-f]{32}(\.[a-z0-9]+)?$")


def processing_media(**kw):
    return entities.media_attachment(type="video", url=None, preview_url=None, **kw)


@pytest.fixture
def png_file(tmp_path):
    path = tmp_path / "robin.png"
    path.write_bytes(more.png())
    return path


@pytest.fixture
def video_file(tmp_path):
    path = tmp_path / "clip.avi"
    path.write_bytes(more.avi())
    return path


@pytest.fixture
def fast_polling(monkeypatch):
    monkeypatch.setattr(mastodon.media, "MEDIA_POLL_INTERVAL", 0.001)
    monkeypatch.setattr(mastodon.media, "MEDIA_POLL_MAX_INTERVAL", 0.002)


@pytest.fixture
def opened_files(monkeypatch):
    """Record every file the media module opens."""
    handles = []

    def recording_open(*args, **kwargs):
        handle = builtins.open(*args, **kwargs)
        handles.append(handle)
        return handle

    monkeypatch.setattr(mastodon._files, "open", recording_open, raising=False)
    return handles


def test_media(api, server):
    server.route("GET", "/api/v1/media/%s" % MID, json=entities.media_attachment())
    result = api.media({"id": MID})
    assert (server.last.method, server.last.path, server.last.query) == ("GET", "/api/v1/media/%s" % MID, {})
    assert result.id == int(MID) and result.url.endswith("photo.png")
    assert result.meta.focus.x == -0.42


def test_media_post_real_png_by_path(api, server, png_file, opened_files):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    result = api.media_post(str(png_file), description="A robin", focus=(-0.5, 0.25))
    req = server.last
    assert (req.method, req.path) == ("POST", "/api/v2/media")
    assert req.content_type.startswith("multipart/form-data")
    assert req.form == {"description": ["A robin"], "focus": ["-0.5,0.25"]}
    name, ctype, data = req.files["file"]
    assert ctype == "image/png" and data == more.png()
    assert UPLOAD_NAME.match(name) and name.endswith(".png")
    assert set(req.files) == {"file"}
    assert result.id == int(MID) and result.meta.original.width == 640
    assert len(opened_files) == 1 and opened_files[0].closed


def test_media_post_real_video_by_pathlib_path_returns_the_answer_as_is(api, server, video_file):
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    result = api.media_post(video_file, mime_type="video/mp4", file_name="clip.avi")
    name, ctype, data = server.last.files["file"]
    assert (name, ctype, data) == ("clip.avi", "video/x-msvideo", more.avi())
    assert server.last.form == {}
    assert result.url is None and result.type == "video" and result.id == int(MID)
    assert len(server.requests) == 1


def test_media_post_detects_the_type_from_the_content(api, server, tmp_path):
    misnamed = tmp_path / "robin.jpg"
    misnamed.write_bytes(more.png())
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(misnamed)
    assert server.last.files["file"][1] == "image/png"


def test_media_post_without_python_magic_uses_the_file_name(api, server, video_file, monkeypatch):
    monkeypatch.setattr(mastodon._files, "_magic", None)
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(video_file)
    assert server.last.files["file"][1] == "video/x-msvideo"


def test_media_post_when_magic_fails_uses_the_file_name(api, server, png_file, monkeypatch):
    class BrokenMagic:
        @staticmethod
        def from_file(path, mime=False):
            raise OSError("libmagic database missing")

    monkeypatch.setattr(mastodon._files, "_magic", BrokenMagic)
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(png_file)
    assert server.last.files["file"][1] == "image/png"


def test_media_post_unknown_content_falls_back_to_the_given_mime_type(api, server, tmp_path):
    blob = tmp_path / "blob"
    blob.write_bytes(bytes(range(7, 200)) * 3)
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(blob, mime_type="audio/ogg")
    assert server.last.files["file"][1] == "audio/ogg"


def test_media_post_undeterminable_mime_type(api, server, tmp_path, opened_files):
    blob = tmp_path / "blob"
    blob.write_bytes(bytes(range(7, 200)) * 3)
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.media_post(str(blob))
    assert "mime type" in str(info.value)
    assert server.requests == []
    assert all(handle.closed for handle in opened_files)


def test_media_post_missing_file(api, server, tmp_path):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.media_post(tmp_path / "nope.png", mime_type="image/png")
    assert isinstance(info.value, MastodonFileNotFoundError)
    assert "nope.png" in str(info.value)
    with pytest.raises(MastodonFileNotFoundError):
        api.media_post(str(tmp_path))  # a directory is not a file
    assert server.requests == []


def test_media_post_bytes(api, server):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(more.png(), mime_type="image/png", description="raw data")
    name, ctype, data = server.last.files["file"]
    assert ctype == "image/png" and data == more.png() and UPLOAD_NAME.match(name)
    assert server.last.form == {"description": ["raw data"]}


def test_media_post_file_object_is_read_not_closed(api, server):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    handle = io.BytesIO(more.avi())
    api.media_post(handle, "video/x-msvideo", file_name="mine.avi")
    assert server.last.files["file"] == ("mine.avi", "video/x-msvideo", more.avi())
    assert not handle.closed


@pytest.mark.parametrize("data", [b"\x89PNG...", io.BytesIO(b"data")])
def test_media_post_data_needs_a_mime_type(api, server, data):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.media_post(data)
    assert "mime type" in str(info.value)
    assert server.requests == []


@pytest.mark.parametrize("media_file", [None, 42, ["robin.png"]])
def test_media_post_bad_media_file(api, server, media_file):
    with pytest.raises(MastodonIllegalArgumentError):
        api.media_post(media_file, mime_type="image/png")
    assert server.requests == []


@pytest.mark.parametrize("focus, sent", [((0, 1), "0,1"), ([0.5, -0.5], "0.5,-0.5"),
                                         ({"x": -0.42, "y": 0.69}, "-0.42,0.69")])
def test_media_post_focus(api, server, focus, sent):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    api.media_post(more.png(), "image/png", focus=focus)
    assert server.last.form == {"focus": [sent]}


@pytest.mark.parametrize("focus", [(0, 2), (0.5,), "0.5,0.5", (True, 0), (0, float("nan"))])
def test_media_post_bad_focus(api, server, focus):
    with pytest.raises(MastodonIllegalArgumentError) as info:
        api.media_post(more.png(), "image/png", focus=focus)
    assert "between -1 and 1" in str(info.value)
    assert server.requests == []


def test_media_post_with_thumbnail(api, server, video_file, png_file, opened_files):
    server.route("POST", "/api/v2/media", json=processing_media())
    api.media_post(video_file, thumbnail=png_file, thumbnail_mime_type="image/jpeg")
    files = server.last.files
    assert files["file"][1:] == ("video/x-msvideo", more.avi())
    name, ctype, data = files["thumbnail"]
    assert (ctype, data) == ("image/png", more.png()) and UPLOAD_NAME.match(name)
    assert len(opened_files) == 2 and all(handle.closed for handle in opened_files)


def test_media_post_thumbnail_data(api, server, video_file):
    server.route("POST", "/api/v2/media", json=processing_media())
    api.media_post(video_file, thumbnail=more.png(), thumbnail_mime_type="image/png")
    assert server.last.files["thumbnail"][1:] == ("image/png", more.png())


def test_media_post_thumbnail_needs_3_2(make_api, server, video_file, png_file):
    old = make_api(mastodon_version="3.1.4")
    with pytest.raises(MastodonVersionError):
        old.media_post(video_file, thumbnail=png_file)
    assert server.requests == []


def test_media_post_uses_v1_before_3_1_4(make_api, server, png_file):
    old = make_api(mastodon_version="3.0.0")
    server.route("POST", "/api/v1/media", json=entities.media_attachment())
    server.route("GET", "/api/v1/instance/", json=entities.instance(version="3.0.0"))
    result = old.media_post(png_file)
    assert [(r.method, r.path) for r in server.requests] == [("POST", "/api/v1/media")]
    result = old.media_post(png_file, synchronous=True)
    assert [(r.method, r.path) for r in server.requests[1:]] == [("POST", "/api/v1/media"),
                                                                 ("GET", "/api/v1/instance/")]
    assert result.url.endswith("photo.png")
    assert (old.mastodon_major, old.mastodon_minor, old.mastodon_patch) == (3, 0, 0)


def test_media_post_synchronous_polls_until_processed(api, server, video_file, fast_polling):
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    server.route("GET", "/api/v1/media/%s" % MID, [
        Reply(status=206, json=processing_media()), Reply(status=206, json=processing_media()),
        Reply(json=entities.media_attachment(type="video", url="https://files.example.social/media/clip.mp4"))])
    result = api.media_post(video_file, synchronous=True)
    assert [(r.method, r.path) for r in server.requests] == [
        ("POST", "/api/v2/media"), ("GET", "/api/v1/instance/")] + [("GET", "/api/v1/media/%s" % MID)] * 3
    assert result.url == "https://files.example.social/media/clip.mp4" and result.id == int(MID)


def test_media_post_synchronous_with_a_processed_answer_does_not_poll(api, server, png_file):
    server.route("POST", "/api/v2/media", json=entities.media_attachment())
    result = api.media_post(png_file, synchronous=True)
    assert [(r.method, r.path) for r in server.requests] == [("POST", "/api/v2/media"),
                                                             ("GET", "/api/v1/instance/")]
    assert result.url.endswith("photo.png")


def test_media_post_synchronous_reads_the_server_version_again(make_api, server, video_file, fast_polling):
    # As 1.8.0: the version is asked for again; a server older than 3.1.4 is not polled.
    client = make_api(mastodon_version="4.2.0")
    server.route("GET", "/api/v1/instance/", json=entities.instance(version="3.0.5"))
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    result = client.media_post(video_file, synchronous=True)
    assert result.url is None and len(server.requests) == 2
    assert (client.mastodon_major, client.mastodon_minor, client.mastodon_patch) == (3, 0, 5)


def test_media_post_synchronous_keeps_the_known_version_when_the_instance_fails(
        make_api, server, video_file, fast_polling):
    client = make_api(mastodon_version="4.2.0")
    server.route("GET", "/api/v1/instance/", status=503, json={"error": "busy"})
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    server.route("GET", "/api/v1/media/%s" % MID, json=entities.media_attachment())
    result = client.media_post(video_file, synchronous=True)
    assert result.url.endswith("photo.png")
    assert (client.mastodon_major, client.mastodon_minor, client.version_check_worked) == (4, 2, True)


def test_media_post_synchronous_gives_up(api, server, video_file, fast_polling, monkeypatch):
    monkeypatch.setattr(mastodon.media, "MEDIA_POLL_TIMEOUT", 0.05)
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    server.route("GET", "/api/v1/media/%s" % MID, status=206, json=processing_media())
    started = datetime.now(timezone.utc)
    with pytest.raises(MastodonAPIError) as info:
        api.media_post(video_file, synchronous=True)
    assert "still being processed" in str(info.value) and MID in str(info.value)
    assert (datetime.now(timezone.utc) - started).total_seconds() < 5
    assert len(server.requests) >= 2


def test_media_post_synchronous_processing_error(api, server, video_file, fast_polling):
    server.route("POST", "/api/v2/media", status=202, json=processing_media())
    server.route("GET", "/api/v1/media/%s" % MID, status=422, json={"error": "Error processing thumbnail"})
    with pytest.raises(MastodonAPIError) as info:
        api.media_post(video_file, synchronous=True)
    assert info.value.args[3] == "Error processing thumbnail"


def test_media_post_server_error_still_closes_the_file(api, server, png_file, opened_files):
    server.route("POST", "/api/v2/media", status=422, json={"error": "File type not supported"})
    with pytest.raises(MastodonAPIError):
        api.media_post(png_file)
    assert len(opened_files) == 1 and opened_files[0].closed


def test_media_update(api, server):
    path = "/api/v1/media/%s" % MID
    server.route("PUT", path, json=entities.media_attachment(description="A robin, singing"))
    result = api.media_update(entities.media_attachment(), description="A robin, singing", focus=(0.1, -0.2))
    req = server.last
    assert (req.method, req.path, req.form) == ("PUT", path, {"description": ["A robin, singing"],
                                                             "focus": ["0.1,-0.2"]})
    assert req.content_type.startswith("application/x-www-form-urlencoded")
    assert result.description == "A robin, singing" and result.id == int(MID)


def test_media_update_thumbnail(api, server, png_file):
    path = "/api/v1/media/%s" % MID
    server.route("PUT", path, json=entities.media_attachment())
    api.media_update(MID, thumbnail=png_file)
    req = server.last
    assert req.content_type.startswith("multipart/form-data")
    assert req.files["thumbnail"][1:] == ("image/png", more.png())
    assert req.form == {}


def test_media_update_thumbnail_needs_3_2(make_api, server, png_file):
    old = make_api(mastodon_version="3.0.0")
    with pytest.raises(MastodonVersionError):
        old.media_update(MID, thumbnail=png_file)
    assert server.requests == []


def test_media_update_bad_focus(api, server):
    with pytest.raises(MastodonIllegalArgumentError):
        api.media_update(MID, focus=(3, 3))
    assert server.requests == []
