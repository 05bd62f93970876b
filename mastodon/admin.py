"""Administration and moderation (manual section 3.13).

The admin area is split by sub-area: :mod:`mastodon.admin_accounts`,
:mod:`mastodon.admin_reports`, :mod:`mastodon.admin_blocks`, :mod:`mastodon.admin_trends`
and :mod:`mastodon.admin_measures`, one mixin each. This module keeps the combination
``AdminMixin`` and the names it used to define, for code that imports them from here.
"""
from __future__ import annotations

from mastodon.admin_accounts import (  # noqa: F401 - re-exported
    ACCOUNT_ORIGINS, ACCOUNT_PERMISSIONS, ACCOUNT_STATUSES, MODERATION_ACTIONS, AdminAccountsMixin)
from mastodon.admin_blocks import DOMAIN_BLOCK_SEVERITIES, AdminBlocksMixin  # noqa: F401 - re-exported
from mastodon.admin_measures import RETENTION_FREQUENCIES, AdminMeasuresMixin  # noqa: F401 - re-exported
from mastodon.admin_reports import AdminReportsMixin
from mastodon.admin_trends import AdminTrendsMixin


class AdminMixin(AdminAccountsMixin, AdminReportsMixin, AdminBlocksMixin, AdminTrendsMixin, AdminMeasuresMixin):
    """All administration and moderation endpoints (the combination of the admin mixins)."""
