"""Shared plumbing for the plot helpers: axes creation, plain text, empty-data messages, saving.

Every plot helper has the signature ``(frame, ax=None, **style) -> Axes``; it draws only what
the frame holds. :func:`save_figure` writes a figure together with the data behind it
(PNG + CSV side by side), as in The Markup's investigation repositories.

Text from the data (titles, file and article names, country names, surfaces, section labels)
is text, never mathtext: a file named ``cost $x_$.txt`` must not be typeset, nor crash the
chart. :func:`plain` does it, in its two forms:

* ``plain(ax)`` (done by :func:`get_ax` on every axes a helper draws on) turns mathtext off
  on the axes' three titles and two axis labels, once and for all, so that whatever title or
  label is set on them later, by a helper or by the caller, is drawn as written. Set those
  with the raw string.
* ``plain(text)`` returns ``text`` with each ``$`` escaped, for every other string handed to
  matplotlib (tick labels, categories, legend entries, annotations), which matplotlib turns
  into text objects of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TITLE_SLOTS = ("title", "_left_title", "_right_title")
"""The :class:`~matplotlib.axes.Axes` attributes holding its centre, left and right titles."""


@overload
def plain(text: Axes) -> Axes: ...  # type: ignore[overload-overlap]  # an Axes is an object
@overload
def plain(text: object) -> str: ...
def plain(text: object) -> Any:
    """Text drawn as written, never as mathtext (nor LaTeX).

    Given an Axes, turn mathtext and LaTeX off on its titles and axis labels (``parse_math``
    and ``usetex`` false: matplotlib has both since 3.5), so that titles and labels set on it
    later, with raw strings, are drawn as written; return the Axes. Given anything else,
    return it as a string with every ``$`` escaped (``\\$``), which matplotlib draws as ``$``:
    for tick labels, categories, legend entries and annotations.
    """
    from matplotlib.axes import Axes

    if isinstance(text, Axes):
        slots = [getattr(text, name, None) for name in TITLE_SLOTS]
        for label in [*slots, text.xaxis.label, text.yaxis.label]:
            if label is not None:
                label.set_parse_math(False)
                label.set_usetex(False)
        return text
    return str(text).replace("$", r"\$")


def get_ax(ax: Axes | None = None, figsize: tuple[float, float] = (8, 4.5)) -> Axes:
    """Return ``ax``, or a new one on a new figure (matplotlib is imported only here); either
    way with plain-text titles and axis labels (see :func:`plain`)."""
    if ax is not None:
        return plain(ax)
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return plain(new_ax)


def no_data(ax: Axes, message: str) -> Axes:
    """Write ``message`` in the middle of an empty chart instead of failing."""
    ax.text(0.5, 0.5, plain(message), ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


def save_figure(ax: Axes, data: pd.DataFrame, name: str, folder: str | Path | None = None) -> Path:
    """Save the figure holding ``ax`` as ``<folder>/<name>.png`` and its data as ``<name>.csv``.

    ``folder`` defaults to ``reports/figures`` (:data:`newsframe.paths.FIGURES`) and is created
    if missing. The whole figure is saved, also when ``ax`` sits in a subfigure. Returns the
    PNG's path.
    """
    from ..paths import FIGURES

    out = Path(folder) if folder is not None else FIGURES
    out.mkdir(parents=True, exist_ok=True)
    png = out / f"{name}.png"
    _root_figure(ax).savefig(png, dpi=150, bbox_inches="tight")
    data.to_csv(out / f"{name}.csv", index=False)
    return png


def _root_figure(ax: Axes) -> Figure:
    """The figure at the root of ``ax``'s (sub)figures. ``.figure`` of a subfigure is its
    root figure (and a figure's is itself) in every matplotlib this supports, where
    ``get_figure(root=True)`` only exists from 3.10."""
    figure: Any = ax.figure
    if figure is None:
        raise ValueError("the axes belong to no figure")
    while figure.figure is not figure:
        figure = figure.figure
    return figure


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

__all__ = ["SECTION_COLORS", "get_ax", "no_data", "plain", "save_figure"]
