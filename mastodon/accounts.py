"""Accounts: registration, profiles, following (manual sections 3.4.2 and 3.6)."""
from __future__ import annotations
from typing import Any, Dict, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

from mastodon import _credentials
from mastodon._core import RequestCore, api_error
from mastodon._encoding import IdLike, page_params
from mastodon._oauth import DEFAULT_SCOPES, accept_token, check_granted_scopes, scope_list, token_request
from mastodon._validate import date_text, id_list
from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.return_types import (
    Account, AccountCreationError, CredentialAccount, FamiliarFollowers, FeaturedTag, NonPaginatableList,
    PaginatableList, Relationship, Status, UserList)
from mastodon.utility import api_version


def _matching_account(accounts: Sequence[Any], query: str) -> Any:
    """The account of a search result that ``query`` (``user@domain``, ``@user@domain``,
    ``user`` or a profile URL) names, or None."""
    wanted = query.lstrip("@").lower()
    username, _, domain = wanted.partition("@")
    for account in accounts:
        if str(account.get("acct", "")).lower() == wanted or query in (account.get("url"), account.get("uri")):
            return account
    if domain:  # a local account has no domain in its acct; check the host of its profile
        for account in accounts:
            if (str(account.get("acct", "")).lower() == username
                    and (urlsplit(account.get("url") or "").hostname or "") == domain):
                return account
    return None


# Module functions rather than methods, so that no private name can clash in the Mastodon class.
def _account_page(api: RequestCore, id: IdLike, what: str, max_id: Any, min_id: Any, since_id: Any,
                  limit: Optional[int]) -> Any:
    params = page_params(max_id, min_id, since_id, limit)
    return api._request("GET", api._path("/api/v1/accounts/{}/" + what, id), params)


def _account_action(api: RequestCore, id: IdLike, action: str,
                    params: Optional[Dict[str, Any]] = None) -> Any:
    return api._request("POST", api._path("/api/v1/accounts/{}/" + action, id), params)


class AccountsMixin(RequestCore):
    """Account endpoints."""

    @api_version("2.7.0", "2.7.0", "3.4.0", params={"date_of_birth": "4.4.0"})
    def create_account(self, username: str, password: str, email: str, agreement: bool = False,
                       reason: Optional[str] = None, locale: str = "en", scopes: Sequence[str] = DEFAULT_SCOPES,
                       to_file: Optional[Any] = None,
                       return_detailed_error: bool = False,
                       date_of_birth: Optional[Any] = None) -> Union[Optional[str], Tuple[Optional[str], AccountCreationError]]:
        """Register a new user account and log the client in as it.

        ``agreement`` must be True (after the user has read and accepted the server's
        terms); ``locale`` is the language of the confirmation e-mail; ``reason`` is
        shown to moderators when registrations need approval. Needs a client id and
        secret, no access token. Servers limit this to 5 calls per 30 minutes per IP.

        Returns the access token (usable once the e-mail is confirmed), also saved to
        ``to_file`` like :meth:`log_in` does. A refusal raises
        :class:`MastodonIllegalArgumentError` (a server failure, 5xx, raises
        :class:`MastodonServerError`), unless ``return_detailed_error`` is True:
        then ``(token, {})`` is returned on success and ``(None, error)`` on failure,
        where ``error`` is the server's answer (``error`` text and ``details`` per field,
        with categories such as ``ERR_TAKEN`` or ``ERR_BLANK``).

        ``date_of_birth`` (Mastodon 4.4.0 and newer; a ``datetime.date`` or a
        ``"YYYY-MM-DD"`` string) is needed by servers that set a minimum age (the
        instance's ``registrations.min_age``).
        """
        birth_date = date_text("date_of_birth", date_of_birth)
        scopes = scope_list(scopes)
        _credentials.check_writable(to_file)
        if self.client_id is None or self.client_secret is None:
            raise MastodonIllegalArgumentError("create_account needs the client id and secret of a registered app")
        app_token = token_request(self, {
            "scope": " ".join(scopes), "client_id": self.client_id, "client_secret": self.client_secret,
            "grant_type": "client_credentials"}, "Invalid request during oauth phase", access_token="")
        params = {
            "username": username, "password": password, "email": email,
            "agreement": True if agreement else None, "reason": reason, "locale": locale,
            "return_detailed_error": bool(return_detailed_error),
            "date_of_birth": birth_date,
            "client_id": self.client_id, "client_secret": self.client_secret,
        }
        answer = self._request("POST", "/api/v1/accounts", params, rate_limited=False,
                               access_token=app_token["access_token"], return_response=True)
        if answer.status_code >= 500:  # the server failed; the request was not refused
            raise api_error(answer)
        response = self._parse_body(answer, answer.content)
        if not isinstance(response, dict) or "access_token" not in response:
            if return_detailed_error:
                return None, response if isinstance(response, dict) else {"error": response}  # type: ignore[return-value]
            error_text = response.get("error") if isinstance(response, dict) else response
            raise MastodonIllegalArgumentError("Invalid request: %s" % (error_text,))
        check_granted_scopes(scopes, response.get("scope"))
        accept_token(self, response, to_file)
        if return_detailed_error:
            return response["access_token"], {}  # type: ignore[return-value]
        return response["access_token"]

    @api_version("3.4.0", "3.4.0", "3.4.0")
    def email_resend_confirmation(self) -> None:
        """Ask the server to send the confirmation e-mail again, for a logged-in user
        who has not confirmed yet. Only works for the app the user signed up with."""
        self._request("POST", "/api/v1/emails/confirmations")

    # -- reading ---------------------------------------------------------------------------
    @api_version("1.0.0", "1.0.0", "3.3.0")
    def account(self, id: IdLike) -> Account:
        """Fetch an account by its ``id`` (or account dict).

        Needs no login for publicly visible accounts. Returns an account dict.
        """
        return self._request("GET", self._path("/api/v1/accounts/{}", id))

    @api_version("4.3.0", "4.3.0", "4.3.0")
    def accounts(self, ids: Sequence[IdLike]) -> NonPaginatableList[Account]:
        """Fetch several accounts at once; ``ids`` is a list of ids or account dicts
        (the server answers for up to 40).

        An empty list raises :class:`~mastodon.errors.MastodonIllegalArgumentError`.
        Returns a list of account dicts, for the ids the server knows.
        """
        id_values = id_list("ids", ids)
        if not id_values:
            raise MastodonIllegalArgumentError("accounts needs at least one account id")
        return self._request("GET", "/api/v1/accounts", {"id": id_values})

    @api_version("1.0.0", "2.1.0", "3.3.0")
    def account_verify_credentials(self) -> CredentialAccount:
        """Fetch the logged-in user's own account.

        Returns an account dict with the additional ``source`` field (the plain-text
        profile and the posting defaults) and, on newer servers, the user's ``role``.
        """
        return self._request("GET", "/api/v1/accounts/verify_credentials")

    @api_version("1.0.0", "2.1.0", "3.3.0")
    def me(self) -> CredentialAccount:
        """Fetch the logged-in user's own account; the same as
        :meth:`account_verify_credentials`, under a clearer name.

        Returns an account dict with the additional ``source`` field.
        """
        return self._request("GET", "/api/v1/accounts/verify_credentials")

    @api_version("1.0.0", "2.8.0", "3.3.0")
    def account_statuses(self, id: IdLike, only_media: bool = False, pinned: bool = False,
                         exclude_replies: bool = False, exclude_reblogs: bool = False,
                         tagged: Optional[str] = None, max_id: Optional[Any] = None,
                         min_id: Optional[Any] = None, since_id: Optional[Any] = None,
                         limit: Optional[int] = None, exclude_direct: Optional[bool] = None) -> PaginatableList[Status]:
        """Fetch the statuses posted (and boosted) by the account ``id``, newest first,
        as the logged-in user sees them (direct messages to them included).

        ``only_media``: only statuses with media attachments. ``pinned``: only pinned
        statuses (reliable for local accounts only). ``exclude_replies`` /
        ``exclude_reblogs``: leave out replies / boosts. ``tagged``: only statuses with
        this hashtag (a single tag; a leading ``#`` is removed). ``max_id``, ``min_id``
        and ``since_id`` may be ids, status dicts or datetimes. ``exclude_direct``: leave
        out direct messages.

        Needs no login for public statuses of publicly visible accounts (Mastodon
        2.7.0 and newer). Returns a paginated list of status dicts.
        """
        params = page_params(
            max_id, min_id, since_id, limit,
            only_media=True if only_media else None, pinned=True if pinned else None,
            exclude_replies=True if exclude_replies else None,
            exclude_reblogs=True if exclude_reblogs else None,
            exclude_direct=True if exclude_direct else None,
            tagged=tagged.lstrip("#") if isinstance(tagged, str) else tagged)
        return self._request("GET", self._path("/api/v1/accounts/{}/statuses", id), params)

    @api_version("1.0.0", "2.6.0", "3.3.0")
    def account_following(self, id: IdLike, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                          since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that the account ``id`` follows.

        Returns a paginated list of account dicts.
        """
        return _account_page(self, id, "following", max_id, min_id, since_id, limit)

    @api_version("1.0.0", "2.6.0", "3.3.0")
    def account_followers(self, id: IdLike, max_id: Optional[Any] = None, min_id: Optional[Any] = None,
                          since_id: Optional[Any] = None, limit: Optional[int] = None) -> PaginatableList[Account]:
        """Fetch the accounts that follow the account ``id``.

        Returns a paginated list of account dicts.
        """
        return _account_page(self, id, "followers", max_id, min_id, since_id, limit)

    @api_version("1.0.0", "1.4.0", "3.3.0", params={"with_suspended": "4.3.0"})
    def account_relationships(self, id: Union[IdLike, Sequence[IdLike]],
                              with_suspended: Optional[bool] = None) -> NonPaginatableList[Relationship]:
        """Fetch the relationships (following, followed by, blocking, muting, follow
        requested, ...) of the logged-in user to one or more accounts.

        ``id`` is an id or account dict, or a list of them. ``with_suspended`` (Mastodon
        4.3.0 and newer): also return relationships to suspended accounts.

        Returns a list of relationship dicts, one per account.
        """
        return self._request("GET", "/api/v1/accounts/relationships", {"id": id, "with_suspended": with_suspended})

    @api_version("1.0.0", "2.3.0", "3.3.0")
    def account_search(self, q: str, limit: Optional[int] = None, following: bool = False,
                       resolve: bool = False, offset: Optional[int] = None) -> NonPaginatableList[Account]:
        """Search for accounts by username, display name or ``username@domain``.

        ``following``: only accounts the logged-in user follows. ``resolve``: let the
        server look up a ``username@domain`` it does not know yet through WebFinger
        (otherwise only known accounts are found). ``offset`` skips that many results.

        Returns a list of account dicts.
        """
        params = {"q": q, "limit": limit, "following": bool(following), "resolve": True if resolve else None,
                  "offset": offset}
        return self._request("GET", "/api/v1/accounts/search", params)

    @api_version("2.1.0", "2.1.0", "2.1.0")
    def account_lists(self, id: IdLike) -> NonPaginatableList[UserList]:
        """Fetch the logged-in user's lists that the account ``id`` is a member of.

        Returns a list of list dicts.
        """
        return self._request("GET", self._path("/api/v1/accounts/{}/lists", id))

    @api_version("3.4.0", "3.4.0", "3.3.0")
    def account_lookup(self, acct: str) -> Account:
        """Look up an account by ``user@domain`` (just ``user`` for a local account).

        Only finds accounts the server already knows (no WebFinger look-up); use
        :meth:`account_search` with ``resolve=True`` to find others.

        Returns an account dict.
        """
        return self._request("GET", "/api/v1/accounts/lookup", {"acct": acct})

    @api_version("3.5.0", "3.5.0", "3.5.0")
    def account_familiar_followers(self, id: Union[IdLike, Sequence[IdLike]]) -> NonPaginatableList[FamiliarFollowers]:
        """Find the followers of one or more accounts that the logged-in user also follows.

        ``id`` is an id or account dict, or a list of them.

        Returns a list of familiar follower dicts (``id`` of the account asked about and
        ``accounts``, the list of such followers), one per account.
        """
        ids = id if isinstance(id, (list, tuple, set)) else [id]
        return self._request("GET", "/api/v1/accounts/familiar_followers",
                             {"id": [self._unpack_id(i) for i in ids]}, use_json=True)

    @api_version("3.3.0", "3.3.0", "2.3.4")
    def account_featured_tags(self, id: IdLike) -> NonPaginatableList[FeaturedTag]:
        """Fetch the hashtags the account ``id`` features on its profile.

        Returns a list of featured tag dicts (``id``, ``name``, ``url``,
        ``statuses_count``, ``last_status_at``).
        """
        return self._request("GET", self._path("/api/v1/accounts/{}/featured_tags", id))

    # -- following, blocking, muting -------------------------------------------------------------
    @api_version("1.0.0", "3.3.0", "3.3.0")
    def account_follow(self, id: IdLike, reblogs: bool = True, notify: bool = False) -> Relationship:
        """Follow the account ``id`` (or send a follow request to a locked account).

        ``reblogs=False`` hides the account's boosts from the home timeline;
        ``notify=True`` sends a notification for each of its posts. Calling it again for
        a followed account updates these settings.

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "follow", {"reblogs": bool(reblogs), "notify": bool(notify)})

    @api_version("1.0.0", "2.1.0", "3.3.0")
    def follows(self, uri: str) -> Account:
        """Follow an account given as ``username@domain`` (or a profile URL), remote or local.

        The server is asked to find (and, for a remote account it does not know yet,
        resolve) the account through search, which is then followed; the old
        ``/api/v1/follows`` endpoint no longer exists. Raises
        :class:`~mastodon.errors.MastodonNotFoundError` when no account matches.

        Returns the account dict of the followed account.
        """
        query = str(uri).strip()
        if not query.lstrip("@"):
            raise MastodonIllegalArgumentError("follows needs an account as username@domain, got %r" % (uri,))
        if self._server_at_least("2.4.1"):
            result = self._request("GET", "/api/v2/search", {"q": query, "resolve": True, "type": "accounts"})
            accounts = (result.get("accounts") or []) if isinstance(result, dict) else []
        else:
            accounts = self._request("GET", "/api/v1/accounts/search", {"q": query, "resolve": True}) or []
        account = _matching_account(accounts, query)
        if account is None:
            raise MastodonNotFoundError("Could not find the account %r" % query, 404, "Not Found",
                                        "No account found for %s" % query)
        _account_action(self, account, "follow")
        return account

    @api_version("1.0.0", "1.4.0", "3.3.0")
    def account_unfollow(self, id: IdLike) -> Relationship:
        """Unfollow the account ``id`` (or withdraw a follow request).

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "unfollow")

    @api_version("3.5.0", "3.5.0", "3.3.0")
    def account_remove_from_followers(self, id: IdLike) -> Relationship:
        """Remove the account ``id`` from the logged-in user's followers (make it unfollow
        the user, a "soft block").

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "remove_from_followers")

    @api_version("1.0.0", "1.4.0", "3.3.0")
    def account_block(self, id: IdLike) -> Relationship:
        """Block the account ``id``.

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "block")

    @api_version("1.0.0", "1.4.0", "3.3.0")
    def account_unblock(self, id: IdLike) -> Relationship:
        """Unblock the account ``id``.

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "unblock")

    @api_version("1.1.0", "2.4.3", "3.3.0")
    def account_mute(self, id: IdLike, notifications: bool = True, duration: Optional[int] = None) -> Relationship:
        """Mute the account ``id``.

        ``notifications=False`` keeps the account's notifications coming although it
        is muted in timelines. ``duration``: lift the mute automatically after that many
        seconds.

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "mute", {"notifications": bool(notifications), "duration": duration})

    @api_version("1.1.0", "1.4.0", "3.3.0")
    def account_unmute(self, id: IdLike) -> Relationship:
        """Unmute the account ``id``.

        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "unmute")

    @api_version("2.5.0", "2.5.0", "3.3.0")
    def account_pin(self, id: IdLike) -> Relationship:
        """Endorse (feature) the account ``id`` on the logged-in user's profile.

        Uses the ``endorse`` endpoint on Mastodon 4.4.0 and newer (``pin`` before).
        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "endorse" if self._server_at_least("4.4.0") else "pin")

    @api_version("2.5.0", "2.5.0", "3.3.0")
    def account_unpin(self, id: IdLike) -> Relationship:
        """Stop endorsing (featuring) the account ``id`` on the logged-in user's profile.

        Uses the ``unendorse`` endpoint on Mastodon 4.4.0 and newer (``unpin`` before).
        Returns a relationship dict with the updated relationship.
        """
        return _account_action(self, id, "unendorse" if self._server_at_least("4.4.0") else "unpin")

    @api_version("3.2.0", "3.2.0", "3.3.0")
    def account_note_set(self, id: IdLike, comment: str) -> Relationship:
        """Set the private note (visible only to the logged-in user) on the account ``id``;
        an empty ``comment`` removes it.

        Returns a relationship dict, whose ``note`` holds the new note.
        """
        return _account_action(self, id, "note", {"comment": comment})
