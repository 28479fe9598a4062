"""Chart helpers. Each takes a frame and an optional ``ax`` and returns the ``ax``."""

from __future__ import annotations

from ._base import SECTION_COLORS, get_ax, no_data, plain, save_figure

__all__ = ["SECTION_COLORS", "get_ax", "no_data", "plain", "save_figure"]
