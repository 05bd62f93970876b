"""Accounts: registration, profiles, following (manual sections 3.4.2 and 3.6)."""
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

from mastodon._core import RequestCore
from mastodon._files import open_uploads
from mastodon.authentication import DEFAULT_SCOPES, check_granted_scopes
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version

#: An id, or a dict (such as an account dict) with an ``id``.
IdLike = Union[int, str, Dict[str, Any]]
#: Most profile fields the server accepts.
MAX_PROFILE_FIELDS = 4


def _fields_attributes(fields: Iterable[Any]) -> Dict[str, Any]:
    """Encode profile fields as ``fields_attributes[i][name]`` / ``[value]`` parameters.

    Each field is a ``(name, value)`` pair or a dict with ``name`` and ``value`` (as in
    ``account.source.fields``). An empty sequence clears all fields (the server drops
    entries with a blank name).
    """
    if isinstance(fields, (str, bytes, dict)):
        raise MastodonIllegalArgumentError("fields must be a list of (name, value) pairs, got %r" % (fields,))
    pairs = list(fields)
    if len(pairs) > MAX_PROFILE_FIELDS:
        raise MastodonIllegalArgumentError("A maximum of %d fields are allowed, got %d"
                                           % (MAX_PROFILE_FIELDS, len(pairs)))
    if not pairs:
        pairs = [("", "")]
    params: Dict[str, Any] = {}
    for index, pair in enumerate(pairs):
        if isinstance(pair, dict) and "name" in pair and "value" in pair:
            name, value = pair["name"], pair["value"]
        elif isinstance(pair, (list, tuple)) and len(pair) == 2:
            name, value = pair
        else:
            raise MastodonIllegalArgumentError(
                "Each profile field must be a (name, value) pair or a dict with name and value, got %r" % (pair,))
        params["fields_attributes[%d][name]" % index] = "" if name is None else name
        params["fields_attributes[%d][value]" % index] = "" if value is None else value
    return params


def _matching_account(accounts: Sequence[Any], query: str) -> Optional[AttribAccessDict]:
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


class AccountsMixin(RequestCore):
    """Account endpoints."""

    @api_version("2.7.0", "2.7.0", "3.4.0")
    def create_account(self, username: str, password: str, email: str, agreement: bool = False,
                       reason: Optional[str] = None, locale: str = "en", scopes: Sequence[str] = DEFAULT_SCOPES,
                       to_file: Optional[Any] = None,
                       return_detailed_error: bool = False) -> Union[Optional[str], Tuple[Optional[str], dict]]:
        """Register a new user account and log the client in as it.

        ``agreement`` must be True (after the user has read and accepted the server's
        terms); ``locale`` is the language of the confirmation e-mail; ``reason`` is
        shown to moderators when registrations need approval. Needs a client id and
        secret, no access token. Servers limit this to 5 calls per 30 minutes per IP.

        Returns the access token (usable once the e-mail is confirmed), also saved to
        ``to_file`` like :meth:`log_in` does. A refusal raises
        :class:`MastodonIllegalArgumentError`, unless ``return_detailed_error`` is True:
        then ``(token, {})`` is returned on success and ``(None, error)`` on failure,
        where ``error`` is the server's answer (``error`` text and ``details`` per field,
        with categories such as ``ERR_TAKEN`` or ``ERR_BLANK``).
        """
        if self.client_id is None or self.client_secret is None:
            raise MastodonIllegalArgumentError("create_account needs the client id and secret of a registered app")
        app_token = self._token_request({
            "scope": " ".join(scopes), "client_id": self.client_id, "client_secret": self.client_secret,
            "grant_type": "client_credentials"}, "Invalid request during oauth phase", access_token="")
        params = {
            "username": username, "password": password, "email": email,
            "agreement": True if agreement else None, "reason": reason, "locale": locale,
            "return_detailed_error": bool(return_detailed_error),
            "client_id": self.client_id, "client_secret": self.client_secret,
        }
        response = self._request("POST", "/api/v1/accounts", params, rate_limited=False,
                                 access_token=app_token["access_token"], check_errors=False)
        if not isinstance(response, dict) or "access_token" not in response:
            if return_detailed_error:
                return None, response if isinstance(response, dict) else {"error": response}
            error_text = response.get("error") if isinstance(response, dict) else response
            raise MastodonIllegalArgumentError("Invalid request: %s" % (error_text,))
        check_granted_scopes(scopes, response.get("scope"))
        self._accept_token(response, to_file)
        if return_detailed_error:
            return response["access_token"], {}
        return response["access_token"]

    @api_version("3.4.0", "3.4.0", "3.4.0")
    def email_resend_confirmation(self) -> None:
        """Ask the server to send the confirmation e-mail again, for a logged-in user
        who has not confirmed yet. Only works for the app the user signed up with."""
        self._request("POST", "/api/v1/emails/confirmations")
