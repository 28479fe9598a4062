"""Shared plumbing for the plot helpers: axes creation, empty-data messages, saving.

Every plot helper has the signature ``(frame, ax=None, **style) -> Axes``; it draws only what
the frame holds. :func:`save_figure` writes a figure together with the data behind it
(PNG + CSV side by side), as in The Markup's investigation repositories.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def get_ax(ax: Axes | None = None, figsize: tuple[float, float] = (8, 4.5)) -> Axes:
    """Return ``ax``, or a new one on a new figure (matplotlib is imported only here)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return new_ax


def no_data(ax: Axes, message: str) -> Axes:
    """Write ``message`` in the middle of an empty chart instead of failing."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def save_figure(ax: Axes, data: pd.DataFrame, name: str, folder: str | Path | None = None) -> Path:
    """Save the figure holding ``ax`` as ``<folder>/<name>.png`` and its data as ``<name>.csv``.

    ``folder`` defaults to ``reports/figures``. Returns the PNG's path.
    """
    from ..paths import FIGURES

    out = Path(folder) if folder is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    png = out / f"{name}.png"
    figure = ax.get_figure(root=True)
    assert figure is not None, "the axes belong to no figure"
    figure.savefig(png, dpi=150, bbox_inches="tight")
    data.to_csv(out / f"{name}.csv", index=False)
    return png


SECTION_COLORS: dict[str, Any] = {
    "title": "#6b6b6b",
    "caption": "#e69f00",
    "highlight": "#cc79a7",
    "body": "#0072b2",
    "related": "#009e73",
    "byline": "#56b4e9",
    "boilerplate": "#999999",
    "markup": "#bbbbbb",
    "blank": "#dddddd",
}
"""One colour per section (Okabe–Ito, colour-blind safe), used by every chart."""

__all__ = ["SECTION_COLORS", "get_ax", "no_data", "save_figure"]
