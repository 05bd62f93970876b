"""Reports (manual section 3.11)."""
from mastodon._core import RequestCore


class ReportsMixin(RequestCore):
    """Reports endpoints."""
