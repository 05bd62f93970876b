"""Media attachments: upload and update (manual section 3.5)."""
from mastodon._core import RequestCore


class MediaMixin(RequestCore):
    """Media attachments: upload and update endpoints."""
