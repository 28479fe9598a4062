"""Charts that compare articles of a corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import get_ax, no_data

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def plot_coverage_heatmap(
    over_time: pd.DataFrame, ax: Axes | None = None, top: int = 12, **style: Any
) -> Axes:
    """Heat map of mentions per country (rows, the ``top`` countries) per period (columns).

    ``over_time`` is the frame of :func:`newsframe.compare.coverage_over_time`.
    """
    ax = get_ax(ax, figsize=style.pop("figsize", (9, 4.5)))
    if over_time.empty:
        return no_data(ax, "no places found in dated articles")
    totals = over_time.groupby("country").mentions.sum().sort_values(ascending=False)
    keep = totals.index[:top]
    grid = (
        over_time[over_time.country.isin(keep)]
        .pivot_table(index="country", columns="period", values="mentions", aggfunc="sum")
        .reindex(keep)
        .fillna(0)
    )
    image = ax.imshow(grid.to_numpy(), aspect="auto", cmap=style.pop("cmap", "Blues"), **style)
    ax.set_yticks(range(len(grid.index)), grid.index)
    labels = [p.strftime("%Y-%m-%d") for p in grid.columns]
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    ax.figure.colorbar(image, ax=ax, label="mentions", shrink=0.8)
    ax.set_title("Mentions per country by publication period", loc="left")
    return ax


__all__ = ["plot_coverage_heatmap"]
