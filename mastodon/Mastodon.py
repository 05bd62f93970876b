"""The :class:`Mastodon` client, assembled from one mixin per area of the API.

This module also re-exports the names code written for Mastodon.py 1.8.0 imports from
``mastodon.Mastodon``: the exceptions, ``AttribAccessDict`` and the version helpers.
"""
from mastodon._convert import json_hook
from mastodon._versions import normalize_version_string
from mastodon.accounts import AccountsMixin
from mastodon.accounts_profile import AccountsProfileMixin
from mastodon.admin import AdminMixin
from mastodon.annual_reports import AnnualReportsMixin
from mastodon.async_refresh import AsyncRefreshMixin
from mastodon.authentication import AuthenticationMixin
from mastodon.blurhashes import BlurhashMixin
from mastodon.collections import CollectionsMixin
from mastodon.conversations import ConversationsMixin
from mastodon.endorsements import EndorsementsMixin
from mastodon.errors import *  # noqa: F401,F403 - re-exported for 1.8.0 compatibility
from mastodon.favourites import FavouritesMixin
from mastodon.filters import FiltersMixin
from mastodon.filters_v2 import FiltersV2Mixin
from mastodon.hashtags import HashtagsMixin
from mastodon.instance import InstanceMixin
from mastodon.instance_info import InstanceInfoMixin
from mastodon.lists import ListsMixin
from mastodon.media import MediaMixin
from mastodon.notification_groups import NotificationGroupsMixin
from mastodon.notification_requests import NotificationRequestsMixin
from mastodon.notifications import NotificationsMixin
from mastodon.pagination import PaginationMixin
from mastodon.polls import PollsMixin
from mastodon.preferences import PreferencesMixin
from mastodon.push import PushMixin
from mastodon.relationships import RelationshipsMixin
from mastodon.reports import ReportsMixin
from mastodon.search import SearchMixin
from mastodon.status_length import StatusLengthMixin
from mastodon.statuses import StatusesMixin
from mastodon.statuses_edit import StatusEditsMixin
from mastodon.statuses_quotes import StatusQuotesMixin
from mastodon.streaming import CallbackStreamListener, StreamListener  # noqa: F401
from mastodon.streaming_endpoints import StreamingMixin
from mastodon.suggestions import SuggestionsMixin
from mastodon.timeline import TimelineMixin
from mastodon.trends import TrendsMixin
from mastodon.utility import AttribAccessDict, AttribAccessList, api_version, max_version, parse_version_string  # noqa: F401
from mastodon.versions import VersionsMixin


class Mastodon(AuthenticationMixin, VersionsMixin, PaginationMixin, BlurhashMixin,
               StatusesMixin, MediaMixin, PollsMixin, TimelineMixin, FavouritesMixin, ConversationsMixin,
               AccountsMixin, RelationshipsMixin, ListsMixin, EndorsementsMixin, HashtagsMixin,
               SuggestionsMixin, FiltersMixin, FiltersV2Mixin, ReportsMixin, PreferencesMixin,
               InstanceMixin, SearchMixin, TrendsMixin, NotificationsMixin, NotificationGroupsMixin,
               NotificationRequestsMixin, PushMixin,
               AccountsProfileMixin, InstanceInfoMixin,
               StreamingMixin, AdminMixin,
               StatusQuotesMixin, StatusEditsMixin, StatusLengthMixin, AsyncRefreshMixin, CollectionsMixin,
               AnnualReportsMixin):
    """A client for the Mastodon API.

    See :meth:`__init__` for construction; every API method is documented in its area
    of the documentation.
    """

    # Private names that code written for Mastodon.py 1.8.0 uses.
    _Mastodon__json_hooks = staticmethod(json_hook)
    _Mastodon__normalize_version_string = staticmethod(normalize_version_string)


#: Flags of 1.8.0 saying whether optional packages are installed, by module name.
_OPTIONAL_PACKAGES = {"IMPL_HAS_CRYPTO": "cryptography", "IMPL_HAS_ECE": "http_ece", "IMPL_HAS_BLURHASH": "blurhash"}


def __getattr__(name: str) -> bool:
    """``IMPL_HAS_CRYPTO``, ``IMPL_HAS_ECE`` and ``IMPL_HAS_BLURHASH``, worked out on first
    use without importing the (slow to import) packages."""
    if name in _OPTIONAL_PACKAGES:
        import importlib.util
        return importlib.util.find_spec(_OPTIONAL_PACKAGES[name]) is not None
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
