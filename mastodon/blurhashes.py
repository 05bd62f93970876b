"""Decoding blurhash previews of media (manual section 3.12.2)."""
from __future__ import annotations
from typing import Any, List, Sequence

from mastodon._core import RequestCore
from mastodon.errors import MastodonIllegalArgumentError



class BlurhashMixin(RequestCore):
    """decode_blurhash."""

    def decode_blurhash(self, media_dict: Any, out_size: Sequence[int] = (16, 16),
                        size_per_component: bool = True, return_linear: bool = True) -> List[List[List[float]]]:
        """Decode the ``blurhash`` of a media dict into a small image.

        ``out_size`` is (width, height) in pixels, per blurhash component by default
        (``size_per_component``), else absolute. The image is linear RGB, ready for
        scaling, unless ``return_linear`` is False (then sRGB, ready to display).

        Returns a nested list ``[row][column][r, g, b]``. Needs the ``blurhash``
        package (``pip install mastodon[blurhash]``), else raises NotImplementedError.
        """
        try:
            import blurhash  # imported on first use: it is optional and slow to import
        except ImportError:
            raise NotImplementedError(
                "To use the blurhash functions, please install the blurhash Python module.") from None
        code = media_dict.get("blurhash") if isinstance(media_dict, dict) else None
        if not code:
            raise MastodonIllegalArgumentError("The media dict has no blurhash")
        try:
            components_x, components_y = blurhash.components(code)
        except ValueError as err:
            raise MastodonIllegalArgumentError("Invalid blurhash %r: %s" % (code, err)) from None
        width, height = out_size
        if size_per_component:
            width, height = components_x * width, components_y * height
        return blurhash.decode(code, width, height, linear=return_linear)
