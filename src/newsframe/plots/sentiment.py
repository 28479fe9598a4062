"""Charts of tone: polarity per section with intervals, and a polarity track down the article.

Both helpers take a frame (or an :class:`~newsframe.article.Article`) and an optional ``ax``,
return the ``ax``, and write a message instead of failing when there is nothing to draw.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..sentiment import MIN_SENTENCES, NEUTRAL, sentiment_by_section
from ._base import SECTION_COLORS, get_ax, no_data, plain

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_NEUTRAL_LABEL = f"neutral band (|polarity| < {NEUTRAL:g})"


def _footnote(ax: Axes, markers: str) -> None:
    """The key under the axis label, right-aligned, where no point can sit behind it: the
    neutral band and what the markers mean."""
    ax.annotate(
        f"grey band: {_NEUTRAL_LABEL}; {markers}",
        xy=(1.0, 0.0),
        xycoords="axes fraction",
        xytext=(0, -34),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=7.5,
        color="0.35",
    )


def _neutral_band(ax: Axes) -> None:
    ax.axvspan(-NEUTRAL, NEUTRAL, color="0.92", zorder=0, lw=0)
    ax.axvline(0, color="0.6", lw=0.8, zorder=1)


def _symmetric_xlim(ax: Axes, values: np.ndarray) -> None:
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    lim = min(1.05, max(0.25, top * 1.15))
    ax.set_xlim(-lim, lim)


def _as_sentiment(data: Any) -> pd.DataFrame:
    if hasattr(data, "sentences") and hasattr(data, "meta"):
        return data.sentiment
    return data


def plot_sentiment_by_section(
    summary_or_sentiment: pd.DataFrame | Any, ax: Axes | None = None, **style: Any
) -> Axes:
    """Mean polarity per section with its 95% bootstrap interval, over the sentences' scores.

    Args:
        summary_or_sentiment: a :func:`~newsframe.sentiment.sentiment_by_section` frame, a
            sentiment frame (:attr:`Article.sentiment`, summarised here) or an Article. With a
            sentiment frame or an Article every sentence is also drawn as a faint dot.
        ax: the axes to draw on; a new figure when omitted.
        **style: ``title`` (str), ``show_sentences`` (bool, default True); anything else goes
            to ``ax.errorbar`` for the means (``markersize``, ``capsize``, ...).

    Sections with fewer than 10 scored sentences get an open marker and a ``*`` on their
    label: read their interval, not the point. Sections with no scored sentence are listed
    with ``n=0`` and no point. The grey band is the neutral band. A summary of several
    articles (with an ``article`` column) gets one row per section, one small interval per
    article and a black diamond for the mean over all their sentences.
    """
    title = style.pop("title", "Tone per section (TextBlob polarity)")
    show_sentences = style.pop("show_sentences", True)
    data = _as_sentiment(summary_or_sentiment)
    sentences: pd.DataFrame | None = None
    if isinstance(data, pd.DataFrame) and "polarity_mean" in data.columns:
        summary = data
    elif isinstance(data, pd.DataFrame) and "polarity" in data.columns:
        sentences = data
        summary = sentiment_by_section(data)
    else:
        raise TypeError("expected a per-section summary, a sentiment frame or an Article")
    several = "article" in summary.columns
    rows = summary["section"].nunique() if several else len(summary)
    ax = get_ax(ax, figsize=(8, max(2.5, 0.55 * rows + 1.5)))
    if summary.empty or int(summary["sentences"].sum()) == 0:
        return no_data(ax, "No scored sentences: no tone to chart")
    if several:
        return _plot_corpus(summary, ax, title, style)

    _neutral_band(ax)
    jitter = np.random.default_rng(0)
    labels, xs = [], []
    for y, row in enumerate(summary.itertuples(index=False)):
        section = str(row.section)
        color = SECTION_COLORS.get(section, "0.3")
        labels.append(f"{section} (n={row.sentences}){' *' if row.few_sentences else ''}")
        if show_sentences and sentences is not None:
            pts = sentences.loc[
                sentences["scored"] & (sentences["section"].astype(str) == section), "polarity"
            ].to_numpy(dtype=float)
            ax.scatter(
                pts,
                y + jitter.uniform(-0.18, 0.18, len(pts)),
                s=14,
                color=color,
                alpha=0.35,
                lw=0,
                zorder=2,
            )
            xs.extend(pts)
        if row.sentences == 0 or math.isnan(row.polarity_mean):
            continue
        kw: dict[str, Any] = {"fmt": "o", "capsize": 4, "markersize": 7, "lw": 1.6, **style}
        xs.extend(_mean_with_interval(ax, row, y, color, markeredgewidth=1.6, **kw))
    ax.set_yticks(range(len(summary)), [plain(s) for s in labels])
    ax.set_ylim(len(summary) - 0.5, -0.5)
    _symmetric_xlim(ax, np.asarray(xs, dtype=float))
    ax.set_xlabel("polarity (−1 negative … +1 positive); mean and 95% bootstrap interval")
    ax.set_title(title, loc="left")
    _footnote(ax, f"open marker, *: fewer than {MIN_SENTENCES} sentences")
    ax.grid(axis="x", color="0.9", lw=0.6)
    return ax


def _mean_with_interval(ax: Axes, row: Any, y: float, color: Any, **kw: Any) -> list[float]:
    """Draw a section's mean polarity with its bootstrap interval (open marker for a small
    section); return the x values drawn, for the axis limits."""
    mean = float(row.polarity_mean)
    xerr = None
    drawn = [mean]
    if not (math.isnan(row.ci_low) or math.isnan(row.ci_high)):
        xerr = [[max(0.0, mean - row.ci_low)], [max(0.0, row.ci_high - mean)]]
        drawn += [row.ci_low, row.ci_high]
    ax.errorbar(
        [mean],
        [y],
        xerr=xerr,
        color=color,
        markerfacecolor="white" if row.few_sentences else color,
        zorder=3,
        **kw,
    )
    return drawn


def _plot_corpus(summary: pd.DataFrame, ax: Axes, title: str, style: dict[str, Any]) -> Axes:
    """Several articles: one row per section, one small interval per article, dodged."""
    _neutral_band(ax)
    articles = list(dict.fromkeys(summary["article"]))
    sections = list(dict.fromkeys(summary["section"].astype(str)))
    offsets = np.linspace(-0.32, 0.32, len(articles)) if len(articles) > 1 else np.zeros(1)
    labels, xs = [], []
    for y, section in enumerate(sections):
        part = summary[summary["section"].astype(str) == section]
        color = SECTION_COLORS.get(section, "0.3")
        n = int(part["sentences"].sum())
        with_data = part[part["sentences"] > 0]
        labels.append(f"{section} (n={n}, {len(with_data)} art.)")
        for row in with_data.itertuples(index=False):
            dy = offsets[articles.index(row.article)]
            kw: dict[str, Any] = {"fmt": "o", "capsize": 0, "markersize": 3.5, "lw": 0.9, **style}
            xs.extend(_mean_with_interval(ax, row, y + dy, color, **kw))
        if n:
            pooled = float((with_data["polarity_mean"] * with_data["sentences"]).sum() / n)
            ax.plot([pooled], [y], marker="D", color="black", markersize=6, zorder=4, lw=0)
    ax.set_yticks(range(len(sections)), [plain(s) for s in labels])
    ax.set_ylim(len(sections) - 0.5, -0.5)
    _symmetric_xlim(ax, np.asarray(xs, dtype=float))
    ax.set_xlabel("polarity; one interval per article (95% bootstrap), ◆ all sentences pooled")
    ax.set_title(f"{title}, {len(articles)} articles", loc="left")
    _footnote(ax, f"open marker: fewer than {MIN_SENTENCES} sentences")
    ax.grid(axis="x", color="0.9", lw=0.6)
    return ax


def plot_polarity_track(
    sentiment: pd.DataFrame | Any, ax: Axes | None = None, **style: Any
) -> Axes:
    """Sentence-by-sentence polarity down the article, one bar per sentence, coloured by section.

    Args:
        sentiment: a sentiment frame (:attr:`Article.sentiment`) or an Article.
        ax: the axes to draw on; a new, tall figure when omitted.
        **style: ``title`` (str), ``window`` (int, default 5: a centred rolling mean over the
            scored sentences, drawn as a line; 0 or 1 turns it off), ``vader`` (bool, default
            False: VADER's compound as grey diamonds beside each bar); anything else goes to
            ``ax.barh`` (``alpha``, ``height``, ...).

    The article reads from top to bottom; a coloured rug on the left edge gives every
    sentence's section, including those scoring 0, which have no bar. Sentences that were not
    scored (another script or language) are marked with a grey ``×`` on the zero line.
    """
    title = style.pop("title", "Polarity sentence by sentence")
    window = int(style.pop("window", 5))
    show_vader = bool(style.pop("vader", False))
    data = _as_sentiment(sentiment)
    if not isinstance(data, pd.DataFrame) or "polarity" not in data.columns:
        raise TypeError("expected a sentiment frame or an Article")
    if "article" in data.columns and data["article"].nunique() > 1:
        raise ValueError("plot_polarity_track draws one article at a time")
    n = len(data)
    ax = get_ax(ax, figsize=(7, min(16.0, max(3.5, 0.11 * n + 1.5))))
    scored = data[data["scored"]]
    if scored.empty:
        return no_data(ax, "No scored sentences: no tone to chart")

    _neutral_band(ax)
    sections = scored["section"].astype(str)
    colors = [SECTION_COLORS.get(s, "0.3") for s in sections]
    bar_kw: dict[str, Any] = {"height": 0.8, **style}
    ax.barh(scored["sentence"], scored["polarity"], color=colors, zorder=2, **bar_kw)
    # a rug at the left edge: every sentence's section, also where its polarity is 0
    from matplotlib.transforms import blended_transform_factory

    rug = blended_transform_factory(ax.transAxes, ax.transData)
    ax.barh(
        data["sentence"],
        0.015,
        left=0,
        height=1.0,
        color=[SECTION_COLORS.get(str(s), "0.3") for s in data["section"]],
        transform=rug,
        zorder=2,
        lw=0,
    )
    unscored = data[~data["scored"]]
    if not unscored.empty:
        ax.scatter(
            np.zeros(len(unscored)),
            unscored["sentence"],
            marker="x",
            color="0.45",
            s=18,
            zorder=3,
            label="not scored",
        )
    if show_vader:
        ax.scatter(
            scored["vader"],
            scored["sentence"],
            marker="D",
            s=10,
            color="0.35",
            zorder=3,
            label="VADER compound",
        )
    if window > 1 and len(scored) > 1:
        smooth = scored["polarity"].rolling(window, center=True, min_periods=1).mean()
        ax.plot(
            smooth,
            scored["sentence"],
            color="black",
            lw=1.2,
            zorder=4,
            label=f"rolling mean ({window})",
        )

    from matplotlib.patches import Patch

    handles, _ = ax.get_legend_handles_labels()
    present = list(dict.fromkeys(data["section"].astype(str)))
    handles = [Patch(color=SECTION_COLORS.get(s, "0.3"), label=plain(s)) for s in present] + handles
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False
    )
    values = scored["polarity"].to_numpy(dtype=float)
    if show_vader:
        values = np.concatenate([values, scored["vader"].to_numpy(dtype=float)])
    _symmetric_xlim(ax, values)
    lo, hi = int(data["sentence"].min()), int(data["sentence"].max())
    ax.set_ylim(hi + 0.7, lo - 0.7)
    ax.set_ylabel("sentence (reading order)")
    ax.set_xlabel(f"TextBlob polarity; grey band: {_NEUTRAL_LABEL}")
    ax.set_title(title, loc="left")
    return ax


__all__ = ["plot_polarity_track", "plot_sentiment_by_section"]
