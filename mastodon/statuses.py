"""Statuses: reading, posting, editing and interacting with them (manual section 3.5)."""
from __future__ import annotations
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple, Union

from mastodon._core import RequestCore
from mastodon._validate import check_choice, id_list
from mastodon._encoding import page_params, IdLike
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import (
    Account, Context, NonPaginatableList, PaginatableList, PreviewCard, ScheduledStatus, Status, StatusEdit,
    StatusSource, Translation)
from mastodon.statuses_edit import media_attributes_list
from mastodon.statuses_quotes import QUOTE_POLICIES
from mastodon.utility import AttribAccessDict, api_version, typed_return

#: The values ``visibility`` accepts (case-insensitive).
VISIBILITIES = ("direct", "private", "unlisted", "public")
#: The values ``content_type`` accepts (with ``feature_set="pleroma"``).
CONTENT_TYPES = ("text/plain", "text/html", "text/markdown", "text/bbcode")


class StatusesMixin(RequestCore):
    """Statuses: reading, posting, editing and interacting with them endpoints."""

    # -- reading -----------------------------------------------------------------------------
    @api_version("1.0.0", "2.0.0", "3.3.0")
    def status(self, id: IdLike) -> Status:
        """Fetch a single status.

        Does not require authentication for publicly visible statuses.

        Returns a status dict.
        """
        return self._request("GET", self._path("/api/v1/statuses/{}", id))

    @api_version("1.0.0", "1.0.0", "3.3.0")
    def status_context(self, id: IdLike) -> Context:
        """Fetch the ancestors and descendants of a status.

        Does not require authentication for publicly visible statuses.

        Returns a context dict (``ancestors`` and ``descendants``, lists of status dicts).
        """
        return self._request("GET", self._path("/api/v1/statuses/{}/context", id))

    @api_version("1.0.0", "2.1.0", "3.3.0")
    def status_reblogged_by(self, id: IdLike, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                            since_id: Optional[IdLike] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that have reblogged a status.

        Does not require authentication for publicly visible statuses.

        The page parameters (additions of this library) work as in :meth:`timeline`.

        Returns a list of account dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", self._path("/api/v1/statuses/{}/reblogged_by", id), params)

    @api_version("1.0.0", "2.1.0", "3.3.0")
    def status_favourited_by(self, id: IdLike, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                             since_id: Optional[IdLike] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that have favourited a status.

        Does not require authentication for publicly visible statuses.

        The page parameters (additions of this library) work as in :meth:`timeline`.

        Returns a list of account dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", self._path("/api/v1/statuses/{}/favourited_by", id), params)

    @api_version("1.0.0", "3.0.0", "3.2.0")
    def status_card(self, id: IdLike) -> Optional[PreviewCard]:
        """Fetch the preview card of a status (an embedded link, video, ...).

        The card endpoint was removed in Mastodon 3.0.0: on such servers the status is
        fetched and its ``card`` field returned (None when the status has no card); on
        older servers the old ``/card`` endpoint is used. Prefer reading the ``card``
        field of status dicts you already have.

        Returns a card dict, or None.
        """
        if self._server_at_least("3.0.0"):
            return self.status(id).get("card")
        return self._request("GET", self._path("/api/v1/statuses/{}/card", id))

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def status_history(self, id: IdLike) -> NonPaginatableList[StatusEdit]:
        """Fetch the edit history of a status, oldest version first.

        A status edited once has two entries, one edited twice has three, and so on.

        Returns a list of status edit dicts.
        """
        return self._request("GET", self._path("/api/v1/statuses/{}/history", id))

    @typed_return
    def status_source(self, id: IdLike) -> StatusSource:
        """Fetch the source of one of your statuses, for editing it.

        Needs Mastodon 3.5.0 or newer.

        Returns a dict with the ``id``, the plain ``text`` and the ``spoiler_text`` of
        the status: what :meth:`status_update` takes (with ``text`` as ``status``).
        """
        return self._request("GET", self._path("/api/v1/statuses/{}/source", id))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def statuses(self, ids: List[IdLike]) -> NonPaginatableList[Status]:
        """Fetch several statuses at once (``GET /api/v1/statuses?id[]=...``).

        ``ids`` is a non-empty list (or tuple) of ids or status dicts; anything else
        raises :class:`MastodonIllegalArgumentError` before a request is sent. Statuses that
        do not exist or that you may not see are left out of the answer.

        Returns a list of status dicts.
        """
        if not isinstance(ids, (list, tuple)):
            raise MastodonIllegalArgumentError("ids must be a list of status ids or dicts, got %r" % (ids,))
        if not ids:
            raise MastodonIllegalArgumentError("statuses needs at least one status id")
        return self._request("GET", "/api/v1/statuses", {"id": id_list("ids", ids)})

    @api_version("4.0.0", "4.0.0", "4.2.0")
    def status_translate(self, id: IdLike, lang: Optional[str] = None) -> Translation:
        """Translate a public or unlisted status with the server's translation service.

        ``lang`` (an ISO 639-1 code) is the language to translate into; by default the
        locale of the logged-in user.

        Returns a translation dict: ``content``, ``spoiler_text``, ``poll`` and
        ``media_attachments`` (translated), ``language``,
        ``detected_source_language`` and ``provider``.
        """
        if lang is not None and (not isinstance(lang, str) or not lang):
            raise MastodonIllegalArgumentError("lang must be a language code such as 'en', got %r" % (lang,))
        return self._request("POST", self._path("/api/v1/statuses/{}/translate", id),
                             {"lang": lang})

    @api_version("1.0.0", "1.0.0", "1.0.0")
    def status_oembed(self, url: Any, maxwidth: Optional[int] = None, maxheight: Optional[int] = None) -> AttribAccessDict:
        """Fetch the OEmbed preview of a status (``GET /api/oembed``), to embed it in a
        web page. Needs no login.

        ``url`` is the status's URL, or a status dict (its ``url`` is used).
        ``maxwidth`` and ``maxheight`` bound the size of the embedding iframe (the
        server's default width is 400).

        Returns a dict with the OEmbed fields (``type`` ``"rich"``, ``version``,
        ``title``, ``author_name``, ``author_url``, ``provider_name``,
        ``provider_url``, ``cache_age``, ``html``, ``width``, ``height``).
        """
        if isinstance(url, dict):
            url = url.get("url") or url.get("uri")
        if not isinstance(url, str) or not url:
            raise MastodonIllegalArgumentError("url must be the URL of a status or a status dict, got %r" % (url,))
        for name, value in (("maxwidth", maxwidth), ("maxheight", maxheight)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
                raise MastodonIllegalArgumentError("%s must be a positive number of pixels, got %r" % (name, value))
        return self._request("GET", "/api/oembed",
                             {"url": url, "maxwidth": maxwidth, "maxheight": maxheight})

    # -- writing -----------------------------------------------------------------------------
    def _status_body(self, status: Optional[str], in_reply_to_id: Any = None, media_ids: Any = None,
                     sensitive: Optional[bool] = None, visibility: Optional[str] = None,
                     spoiler_text: Optional[str] = None, language: Optional[str] = None,
                     idempotency_key: Optional[str] = None, content_type: Optional[str] = None,
                     scheduled_at: Optional[datetime] = None, poll: Optional[Dict[str, Any]] = None,
                     quote_id: Any = None, strict_content_type: bool = False, quoted_status_id: Any = None,
                     quote_approval_policy: Optional[str] = None,
                     media_attributes: Any = None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """Check the arguments of status_post / status_update and build the request.

        Returns ``(params, request options)``: the parameters and the keyword arguments
        for :meth:`_request` (a JSON body when a poll or media attributes are attached,
        the Idempotency-Key header).
        """
        visibility = check_choice("visibility", visibility, VISIBILITIES, lower=True)
        quote_approval_policy = check_choice("quote_approval_policy", quote_approval_policy, QUOTE_POLICIES)
        attributes = media_attributes_list(media_attributes)
        if content_type is not None and not strict_content_type:
            self._require_feature_set("pleroma", "content_type")
            check_choice("content_type", content_type, CONTENT_TYPES)
        elif content_type is not None and not isinstance(content_type, str):
            raise MastodonIllegalArgumentError("content_type must be a mime type string, got %r" % (content_type,))
        if quote_id is not None:
            self._require_feature_set("fedibird", "quote_id")
        if isinstance(quoted_status_id, (bool, list, tuple, set, frozenset)):
            raise MastodonIllegalArgumentError(
                "quoted_status_id must be one status id or status dict (a status quotes one status), got %r"
                % (quoted_status_id,))
        media_ids = id_list("media_ids", media_ids)
        if media_ids and poll is not None:
            raise MastodonIllegalArgumentError("A status can have media attachments or a poll, not both")
        if poll is not None and not isinstance(poll, dict):
            raise MastodonIllegalArgumentError("poll must be a dict as returned by make_poll(), got %r" % (poll,))
        params = {
            "status": status, "in_reply_to_id": self._unpack_id(in_reply_to_id), "media_ids": media_ids,
            "sensitive": sensitive, "visibility": visibility, "spoiler_text": spoiler_text,
            "language": language, "content_type": content_type, "scheduled_at": scheduled_at,
            "poll": poll, "quote_id": self._unpack_id(quote_id),
            "quoted_status_id": self._unpack_id(quoted_status_id), "quote_approval_policy": quote_approval_policy,
            "media_attributes": attributes,
        }
        options: Dict[str, Any] = {"use_json": poll is not None or attributes is not None}
        if idempotency_key is not None:
            options["headers"] = {"Idempotency-Key": str(idempotency_key)}
        return params, options

    @api_version("1.0.0", "2.8.0", "3.3.0", params={"quoted_status_id": "4.5.0", "quote_approval_policy": "4.5.0"})
    def status_post(self, status: str, in_reply_to_id: Optional[IdLike] = None, media_ids: Any = None,
                    sensitive: bool = False, visibility: Optional[str] = None, spoiler_text: Optional[str] = None,
                    language: Optional[str] = None, idempotency_key: Optional[str] = None,
                    content_type: Optional[str] = None, scheduled_at: Optional[datetime] = None,
                    poll: Optional[Dict[str, Any]] = None, quote_id: Optional[IdLike] = None,
                    strict_content_type: bool = False, quoted_status_id: Optional[IdLike] = None,
                    quote_approval_policy: Optional[str] = None) -> Union[Status, ScheduledStatus]:
        """Post a status, optionally in reply to another one (``in_reply_to_id``) and with
        media or a poll.

        ``media_ids`` is one media id, one media dict (as returned by :meth:`media_post`)
        or a list of them (up to four, usually). ``sensitive=True`` hides the media
        behind a warning. ``visibility`` is one of ``"direct"`` (mentioned users
        only), ``"private"`` (followers only), ``"unlisted"`` (public, but not on public
        timelines) or ``"public"`` (case does not matter); when not given, the server
        uses the account's default. ``spoiler_text`` is a content warning shown
        before the text. ``language`` (an ISO 639-1 or 639-3 code) overrides the
        language detection.

        ``idempotency_key`` identifies an attempt at posting (sent as the
        ``Idempotency-Key`` header): posting again with the same key creates only one
        status. ``scheduled_at`` (a datetime, at least 5 minutes in the future; a naive
        datetime is local time) schedules the status instead of posting it; then a
        scheduled status dict is returned. ``poll`` attaches a poll built with
        :meth:`make_poll` (the request then has a JSON body); a status cannot have both
        media and a poll.

        Only with ``feature_set="pleroma"``: ``content_type`` is the format of the
        text (``"text/plain"``, ``"text/markdown"``, ``"text/html"`` or
        ``"text/bbcode"``). Only with ``feature_set="fedibird"``: ``quote_id`` is the
        id of a quoted status. With other feature sets these parameters raise
        :class:`MastodonIllegalArgumentError`, as do another ``content_type``, an
        invalid visibility and media together with a poll, all before anything is sent. The text itself is not
        checked: the server refuses an empty or too long status (:class:`MastodonAPIError`);
        :meth:`get_status_length` counts it as the server does.

        ``strict_content_type=True`` (Mastodon.py 2.x) sends ``content_type`` as given
        whatever the feature set, for servers that accept it; the server decides.

        Quote posts (Mastodon 4.5.0 and newer): ``quoted_status_id`` (an id or status
        dict) quotes that status; ``quote_approval_policy`` sets who may quote the new
        status: ``"public"`` (anyone), ``"followers"`` or ``"nobody"`` (only you); when
        not given, the account's default applies. Another policy raises
        :class:`MastodonIllegalArgumentError`.

        Returns a status dict with the new status, or a scheduled status dict.
        """
        params, options = self._status_body(
            status, in_reply_to_id, media_ids, True if sensitive else None, visibility, spoiler_text,
            language, idempotency_key, content_type, scheduled_at, poll, quote_id, strict_content_type,
            quoted_status_id, quote_approval_policy)
        return self._request("POST", "/api/v1/statuses", params, **options)

    @api_version("1.0.0", "2.8.0", "3.3.0")
    def toot(self, status: str) -> Union[Status, ScheduledStatus]:
        """Post a status with the given text and default settings.

        Same as :meth:`status_post` with only the text; for quick scripts.

        Returns a status dict with the new status.
        """
        return self.status_post(status)

    @api_version("1.0.0", "2.8.0", "3.3.0", params={"quoted_status_id": "4.5.0", "quote_approval_policy": "4.5.0"})
    def status_reply(self, to_status: Dict[str, Any], status: str, in_reply_to_id: Optional[IdLike] = None,
                     media_ids: Any = None, sensitive: bool = False, visibility: Optional[str] = None,
                     spoiler_text: Optional[str] = None, language: Optional[str] = None,
                     idempotency_key: Optional[str] = None, content_type: Optional[str] = None,
                     scheduled_at: Optional[datetime] = None, poll: Optional[Dict[str, Any]] = None,
                     untag: bool = False, quote_id: Optional[IdLike] = None, strict_content_type: bool = False,
                     quoted_status_id: Optional[IdLike] = None,
                     quote_approval_policy: Optional[str] = None) -> Union[Status, ScheduledStatus]:
        """Reply to a status: like :meth:`status_post`, with the people being replied to
        mentioned and the content warning and visibility of ``to_status`` kept.

        ``to_status`` must be a status dict (it needs its ``id``, ``account`` and
        ``mentions``). The text is prefixed with ``@acct`` of the author of
        ``to_status`` and of every account it mentions, except the logged-in account
        (whose id is fetched once per access token and cached). With ``untag=True``
        only the author is mentioned. ``visibility`` and ``spoiler_text`` default to
        those of ``to_status``. The reply always goes to ``to_status``: the
        ``in_reply_to_id`` argument is ignored. ``quote_id``, ``strict_content_type``,
        ``quoted_status_id`` and ``quote_approval_policy`` (additions of Mastodon.py 2.x)
        are passed on to :meth:`status_post`.

        Returns a status dict with the new status, or a scheduled status dict.
        """
        if not isinstance(to_status, dict) or "id" not in to_status or not isinstance(to_status.get("account"), dict):
            raise MastodonIllegalArgumentError(
                "to_status must be a status dict with 'id' and 'account' (as returned by status())")
        # Check the arguments before the request that finds the logged-in account.
        self._status_body(status, None, media_ids, sensitive, visibility, spoiler_text, language, idempotency_key,
                          content_type, scheduled_at, poll, quote_id, strict_content_type, quoted_status_id,
                          quote_approval_policy)
        own_id = str(self._logged_in_id())
        accounts = [to_status["account"]]
        if not untag:
            accounts.extend(to_status.get("mentions") or [])
        mentioned: List[str] = []
        seen = {own_id}
        for account in accounts:
            key = str(account["id"]) if account.get("id") is not None else "@" + str(account.get("acct"))
            if key in seen or not account.get("acct"):
                continue
            seen.add(key)
            mentioned.append("@%s " % account["acct"])
        if visibility is None:
            visibility = to_status.get("visibility")
        if spoiler_text is None:
            spoiler_text = to_status.get("spoiler_text")
        return self.status_post("".join(mentioned) + status, in_reply_to_id=to_status["id"], media_ids=media_ids,
                                sensitive=sensitive, visibility=visibility, spoiler_text=spoiler_text,
                                language=language, idempotency_key=idempotency_key, content_type=content_type,
                                scheduled_at=scheduled_at, poll=poll, quote_id=quote_id,
                                strict_content_type=strict_content_type, quoted_status_id=quoted_status_id,
                                quote_approval_policy=quote_approval_policy)

    @api_version("3.5.0", "3.5.0", "3.3.0", params={"quote_approval_policy": "4.5.0"})
    def status_update(self, id: IdLike, status: Optional[str] = None, spoiler_text: Optional[str] = None,
                      sensitive: Optional[bool] = None, media_ids: Any = None,
                      poll: Optional[Dict[str, Any]] = None, media_attributes: Any = None,
                      quote_approval_policy: Optional[str] = None) -> Status:
        """Edit one of your statuses.

        The parameters mean the same as in :meth:`status_post`; those left at None are
        not sent (``sensitive=False`` is sent, to remove the sensitive mark). A status
        can have media or a poll, not both. Editing a poll resets its votes.

        ``media_attributes`` changes the description, focus point or thumbnail of
        attached media: a list of dicts made with
        :meth:`generate_media_edit_attributes` (each needs the media ``id``; the media
        must also be in ``media_ids``). The request then has a JSON body.
        ``quote_approval_policy`` (Mastodon 4.5.0 and newer) works as in
        :meth:`status_post`.

        Returns a status dict with the edited status.
        """
        params, options = self._status_body(status, media_ids=media_ids, sensitive=sensitive,
                                            spoiler_text=spoiler_text, poll=poll,
                                            quote_approval_policy=quote_approval_policy,
                                            media_attributes=media_attributes)
        return self._request("PUT", self._path("/api/v1/statuses/{}", id), params, **options)

    @api_version("1.0.0", "1.0.0", "1.0.0", params={"delete_media": "4.4.0"})
    def status_delete(self, id: IdLike, delete_media: Optional[bool] = None) -> Status:
        """Delete one of your statuses.

        ``delete_media=True`` (Mastodon 4.4.0 and newer) deletes its media attachments
        right away; otherwise the server keeps them for about a day, so that they can
        be attached to a new status.

        Returns the deleted status dict, with its source ``text`` (for "delete and
        redraft").
        """
        if delete_media is not None and not isinstance(delete_media, bool):
            raise MastodonIllegalArgumentError("delete_media must be True or False, got %r" % (delete_media,))
        return self._request("DELETE", self._path("/api/v1/statuses/{}", id), {"delete_media": delete_media})

    @api_version("1.0.0", "2.0.0", "3.3.0")
    def status_reblog(self, id: IdLike, visibility: Optional[str] = None) -> Status:
        """Reblog (boost) a status.

        ``visibility`` works as in :meth:`status_post` and can lower the visibility of
        the reblog.

        Returns a status dict with the new status that wraps the reblogged one.
        """
        params = {"visibility": check_choice("visibility", visibility, VISIBILITIES, lower=True)}
        return self._request("POST", self._path("/api/v1/statuses/{}/reblog", id), params)

    # -- interactions: POST /api/v1/statuses/:id/<action> -------------------------------------
    def _status_action(self, action: str, id: IdLike) -> Any:
        return self._request("POST", self._path("/api/v1/statuses/{}/" + action, id))

    @api_version("1.0.0", "2.0.0", "3.3.0")
    def status_unreblog(self, id: IdLike) -> Status:
        """Undo your reblog of a status.

        Returns a status dict with the status that was reblogged.
        """
        return self._status_action("unreblog", id)

    @api_version("1.0.0", "2.0.0", "3.3.0")
    def status_favourite(self, id: IdLike) -> Status:
        """Favourite a status.

        Returns a status dict with the favourited status.
        """
        return self._status_action("favourite", id)

    @api_version("1.0.0", "2.0.0", "3.3.0")
    def status_unfavourite(self, id: IdLike) -> Status:
        """Remove a status from your favourites.

        Returns a status dict with the status that was favourited.
        """
        return self._status_action("unfavourite", id)

    @api_version("1.4.0", "2.0.0", "3.3.0")
    def status_mute(self, id: IdLike) -> Status:
        """Mute notifications about the conversation a status belongs to.

        Returns a status dict with the now muted status.
        """
        return self._status_action("mute", id)

    @api_version("1.4.0", "2.0.0", "3.3.0")
    def status_unmute(self, id: IdLike) -> Status:
        """Unmute notifications about the conversation a status belongs to.

        Returns a status dict with the status that was muted.
        """
        return self._status_action("unmute", id)

    @api_version("2.1.0", "2.1.0", "3.3.0")
    def status_pin(self, id: IdLike) -> Status:
        """Pin one of your statuses to your profile.

        Returns a status dict with the pinned status.
        """
        return self._status_action("pin", id)

    @api_version("2.1.0", "2.1.0", "3.3.0")
    def status_unpin(self, id: IdLike) -> Status:
        """Unpin one of your statuses from your profile.

        Returns a status dict with the status that was pinned.
        """
        return self._status_action("unpin", id)

    @api_version("3.1.0", "3.1.0", "3.3.0")
    def status_bookmark(self, id: IdLike) -> Status:
        """Bookmark a status.

        Returns a status dict with the bookmarked status.
        """
        return self._status_action("bookmark", id)

    @api_version("3.1.0", "3.1.0", "3.3.0")
    def status_unbookmark(self, id: IdLike) -> Status:
        """Remove a status from your bookmarks.

        Returns a status dict with the status that was bookmarked.
        """
        return self._status_action("unbookmark", id)

    # -- scheduled statuses ------------------------------------------------------------------
    @api_version("2.7.0", "2.7.0", "3.3.0")
    def scheduled_statuses(self, max_id: Optional[IdLike] = None, min_id: Optional[IdLike] = None,
                           since_id: Optional[IdLike] = None, limit: Optional[int] = None) -> PaginatableList[ScheduledStatus]:
        """Fetch your scheduled statuses.

        The page parameters (additions of this library) work as in :meth:`timeline`.

        Returns a list of scheduled status dicts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._request("GET", "/api/v1/scheduled_statuses", params)

    @api_version("2.7.0", "2.7.0", "3.3.0")
    def scheduled_status(self, id: IdLike) -> ScheduledStatus:
        """Fetch one of your scheduled statuses.

        Returns a scheduled status dict.
        """
        return self._request("GET", self._path("/api/v1/scheduled_statuses/{}", id))

    @api_version("2.7.0", "2.7.0", "3.3.0")
    def scheduled_status_update(self, id: IdLike, scheduled_at: datetime) -> ScheduledStatus:
        """Change when a scheduled status is posted.

        ``scheduled_at`` is a datetime at least 5 minutes in the future (a naive
        datetime is local time); it is sent in UTC.

        Returns the updated scheduled status dict.
        """
        if scheduled_at is None:
            raise MastodonIllegalArgumentError("scheduled_at is required (a datetime)")
        return self._request("PUT", self._path("/api/v1/scheduled_statuses/{}", id),
                             {"scheduled_at": scheduled_at})

    @api_version("2.7.0", "2.7.0", "2.7.0")
    def scheduled_status_delete(self, id: IdLike) -> None:
        """Cancel a scheduled status. Returns None."""
        self._request("DELETE", self._path("/api/v1/scheduled_statuses/{}", id))
