"""Charts that compare articles of a corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._base import get_ax, no_data, plain

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
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import ListedColormap

    values = grid.to_numpy(dtype=float)
    # Start the colour scale at a visible blue so that one mention never looks like none;
    # cells without a mention stay white.
    base = colormaps[style.pop("cmap", "Blues")]
    cmap = ListedColormap(base(np.linspace(0.18, 1.0, 256))).with_extremes(bad="white")
    top_value = max(1.0, float(values.max()))
    image = ax.imshow(
        np.ma.masked_equal(values, 0),
        aspect="auto",
        cmap=cmap,
        vmin=min(1.0, top_value),
        vmax=top_value,
        **style,
    )
    if values.size <= 240:
        for (row, col), value in np.ndenumerate(values):
            if value:
                ink = "white" if value > 0.6 * top_value else "black"
                ax.text(col, row, f"{value:g}", ha="center", va="center", fontsize=7, color=ink)
    ax.set_yticks(range(len(grid.index)), [plain(c) for c in grid.index])
    monthly = all(p.day == 1 for p in grid.columns)
    labels = [p.strftime("%Y-%m" if monthly else "%Y-%m-%d") for p in grid.columns]
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    ax.set_xlabel("month of publication" if monthly else "week of publication (first day)")
    ax.figure.colorbar(image, ax=ax, label="mentions (white: none)", shrink=0.8)
    ax.set_title("Mentions per country by publication period", loc="left")
    return ax


def plot_days_from_publication(pooled: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """Bars of mention weight by day relative to publication (0), stacked by section.

    ``pooled`` is the frame of :func:`newsframe.compare.days_from_publication`.
    """
    from ._base import SECTION_COLORS

    ax = get_ax(ax, figsize=style.pop("figsize", (9, 3.8)))
    if pooled.empty:
        return no_data(ax, "no dated expressions near publication")
    table = pooled.pivot_table(
        index="days", columns="section", values="weight", aggfunc="sum", observed=True
    ).fillna(0)
    bottom = None
    for section in table.columns:
        values = table[section].to_numpy()
        ax.bar(
            table.index,
            values,
            bottom=bottom,
            width=0.85,
            color=SECTION_COLORS.get(str(section), "#888888"),
            label=plain(section),
            **style,
        )
        bottom = values if bottom is None else bottom + values
    ax.axvline(0, color="0.2", linestyle="--", linewidth=1)
    ax.text(0, ax.get_ylim()[1], " publication", va="top", fontsize="small")
    ax.set_xlabel("days from each article's publication date (negative: before)")
    ax.set_ylabel("mention weight")
    ax.legend(frameon=False, fontsize="small", title="section")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("When the articles' dates fall, relative to publication", loc="left")
    return ax


__all__ = ["plot_coverage_heatmap", "plot_days_from_publication"]
