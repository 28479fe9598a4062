"""Charts of an article's structure: which lines belong to which section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..text import count_words
from ._base import SECTION_COLORS, get_ax, no_data, plain

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def section_summary(lines: pd.DataFrame) -> pd.DataFrame:
    """Lines, words and characters per section (blank and markup lines left out).

    Returns:
        DataFrame with ``section`` (category), ``lines`` (int64), ``words`` (int64) and
        ``chars`` (int64), one row per section present, in section order. With an ``article``
        column in ``lines`` (a corpus), the counts are pooled over articles.
    """
    import pandas as pd

    content = lines[~lines.section.isin(["blank", "markup"])]
    grouped = content.assign(
        words=content.text.map(count_words).astype("int64"),
        chars=content.text.str.len().astype("int64"),
    ).groupby("section", observed=True)
    out = pd.DataFrame(
        {
            "lines": grouped.size().astype("int64"),
            "words": grouped.words.sum().astype("int64"),
            "chars": grouped.chars.sum().astype("int64"),
        }
    )
    return out.reset_index()


def plot_article_map(lines: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """Draw the article as a column of bars, one per line, as long as the line, coloured by
    section: a minimap that shows where captions, highlights, related links and footers sit.
    """
    ax = get_ax(ax, figsize=style.pop("figsize", (8, 5)))
    content = lines[lines.section != "blank"]
    if content.empty:
        return no_data(ax, "no lines to show")
    from matplotlib.patches import Patch

    widths = content.text.str.len().to_numpy()
    colors = [SECTION_COLORS.get(s, "#888888") for s in content.section.astype(str)]
    ax.barh(content.line.to_numpy(), widths, height=0.85, color=colors, **style)
    ax.set_ylim(lines.line.max() + 1, 0)
    ax.set_xlabel("characters in the line")
    ax.set_ylabel("line")
    present = [s for s in content.section.cat.categories if s in set(content.section.astype(str))]
    ax.legend(
        handles=[Patch(color=SECTION_COLORS[s], label=plain(s)) for s in present],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize="small",
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("The article, line by line, coloured by section", loc="left")
    return ax


def plot_section_counts(lines: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """Horizontal bars of the number of words per section."""
    ax = get_ax(ax, figsize=style.pop("figsize", (7, 3)))
    summary = section_summary(lines)
    if summary.empty:
        return no_data(ax, "no lines to show")
    labels = summary.section.astype(str).tolist()
    colors = [SECTION_COLORS.get(s, "#888888") for s in labels]
    ax.barh([plain(s) for s in labels], summary.words, color=colors, **style)
    for y, (n_lines, words) in enumerate(zip(summary.lines, summary.words, strict=True)):
        label = f"  {_count(words, 'word')}, {_count(n_lines, 'line')}"
        ax.text(words, y, label, va="center", fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, summary.words.max() * 1.35)
    return ax


def _count(n: int, noun: str) -> str:
    """``1 line``, ``2 lines``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


__all__ = ["plot_article_map", "plot_section_counts", "section_summary"]
