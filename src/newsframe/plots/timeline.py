"""Timeline charts: where in the calendar an article points, and with which words.

* :func:`plot_timeline_density` shows day mentions as bars stacked by section, and spans
  (weekend, week, month, season, year, decade) as translucent horizontal bands in lanes above
  them, so that "last week" reads as one week and not as seven spikes. A dashed line marks the
  publication date.
* :func:`plot_date_strip` is a rug of the expressions: one row per expression in reading
  order, a dot (a day) or a bar (a span) at its dates, and its text beside it.

Both take an optional ``ax`` and say "no dates found" on empty data.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._base import SECTION_COLORS, get_ax, no_data, plain

if TYPE_CHECKING:
    from matplotlib.axes import Axes

EMPTY_MESSAGE = "no dates found"
SPAN_LANES = ("weekend", "week", "month", "season", "year", "decade")
"""Granularities drawn as bands, bottom lane first."""
CALENDAR = (pd.Timestamp("0001-01-01"), pd.Timestamp("9999-12-31 23:59:59"))
"""The dates matplotlib can draw (and the dates frame holds): an x-range is kept inside it."""


def _in_calendar(lo: pd.Timestamp, hi: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``lo .. hi`` cut to :data:`CALENDAR`, so that a margin around a date at either end of
    the calendar never asks matplotlib for the year 0 or 10000."""
    return max(lo, CALENDAR[0]), min(hi, CALENDAR[1])


def _keep_x_in_calendar(ax: Axes) -> None:
    """Cut the x-limits matplotlib chose (data plus margins) to :data:`CALENDAR`."""
    import matplotlib.dates as mdates

    first, last = (float(mdates.date2num(d.to_pydatetime())) for d in CALENDAR)
    lo, hi = ax.get_xlim()
    if lo < first or hi > last:
        ax.set_xlim(max(lo, first), min(hi, last))


def _frame_of(obj: Any) -> tuple[pd.DataFrame, Any]:
    """(dates or density frame, publication date if known) from a frame or an Article."""
    if isinstance(obj, pd.DataFrame):
        return obj, None
    if hasattr(obj, "dates"):
        return obj.dates, getattr(obj, "published", None)
    raise TypeError(f"expected a dates frame, a density frame or an Article, not {type(obj)}")


def _day_bars(frame: pd.DataFrame) -> pd.DataFrame:
    """Day mentions per (date, section): weights of a density frame or counts of a dates frame."""
    if "weight" in frame.columns:
        days = frame[frame["granularity"].astype(str) == "day"]
        return days.groupby(["date", "section"], observed=True)["weight"].sum().reset_index()
    days = frame[(frame["granularity"].astype(str) == "day") & frame["date_start"].notna()]
    out = days.groupby(["date_start", "section"], observed=True).size().reset_index(name="weight")
    return out.rename(columns={"date_start": "date"})


def _spans(frame: pd.DataFrame) -> pd.DataFrame:
    """Span mentions as (start, end, section, granularity) rows."""
    if "weight" in frame.columns:  # a density frame: rebuild runs of consecutive days
        rows = frame[frame["granularity"].astype(str) != "day"].sort_values("date")
        out = []
        for (sec, gran), grp in rows.groupby(["section", "granularity"], observed=True):
            dates = grp["date"].drop_duplicates().sort_values()
            run = (dates.diff() != pd.Timedelta(days=1)).cumsum()
            for _, part in dates.groupby(run):
                out.append((part.iloc[0], part.iloc[-1], sec, gran))
        return pd.DataFrame(out, columns=["start", "end", "section", "granularity"])
    rows = frame[(frame["granularity"].astype(str) != "day") & frame["date_start"].notna()]
    return pd.DataFrame(
        {
            "start": rows["date_start"],
            "end": rows["date_end"],
            "section": rows["section"],
            "granularity": rows["granularity"],
        }
    )


def plot_timeline_density(
    dates_or_density: Any,
    ax: Axes | None = None,
    published: dt.date | str | pd.Timestamp | None = None,
    **style: Any,
) -> Axes:
    """Chart the dates an article mentions, by section, marking the publication date.

    Args:
        dates_or_density: an Article, its ``dates`` frame, or a frame from
            :func:`newsframe.dates.timeline_density` (single article).
        ax: the axes to draw on (a new figure when ``None``).
        published: the publication date to mark (taken from an Article when not given).
        **style: ``figsize``, ``title``, ``xlim`` (two dates), ``band_alpha`` (default 0.25),
            ``bar_width`` in days (default 0.8).

    Day mentions are bars (height = number of mentions, stacked by section). Span mentions
    are translucent bands in one lane per granularity (weekend, week, month, season, year,
    decade) above the bars. The x-range covers day and week-scale mentions around the
    publication date; spans and days outside it are counted in a note.
    """
    frame, pub_from_obj = _frame_of(dates_or_density)
    published = published if published is not None else pub_from_obj
    ax = get_ax(ax, style.get("figsize", (9, 4.5)))
    if "title" in style:
        ax.set_title(style["title"])
    bars = _day_bars(frame) if len(frame) else pd.DataFrame()
    spans = _spans(frame) if len(frame) else pd.DataFrame()
    if bars.empty and spans.empty:
        return no_data(ax, EMPTY_MESSAGE)

    pub = pd.Timestamp(published) if published is not None else None
    lo, hi = _date_range(bars, spans, pub, style.get("xlim"))
    top = _draw_day_bars(ax, bars, width=float(style.get("bar_width", 0.8)))
    lanes = [
        g for g in SPAN_LANES if not spans.empty and g in set(spans["granularity"].astype(str))
    ]
    # bars use the lower part of the axes; each span granularity gets a lane above them
    bar_share = 0.62 if lanes else 0.92
    alpha = float(style.get("band_alpha", 0.25))
    outside = _draw_span_lanes(ax, spans, lanes, bar_share, (lo, hi), alpha)
    if not bars.empty:
        outside += int(((bars["date"] < lo) | (bars["date"] > hi)).sum())
    if pub is not None and lo <= pub <= hi:
        ax.axvline(pub, color="0.2", linestyle="--", linewidth=1)
        ax.text(pub, top * 1.02, " published", fontsize=8, color="0.2", va="bottom", ha="left")
    _finish_axes(ax, (lo, hi), top / bar_share, outside)
    _section_legend(ax, bars, spans)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _date_range(
    bars: pd.DataFrame, spans: pd.DataFrame, pub: pd.Timestamp | None, xlim: Any = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x-range: two days either side of the day- and week-scale mentions and the
    publication date (or of every span when there are none), not whole decades; ``xlim``
    (two dates) overrides it."""
    if xlim is not None:
        lo, hi = (pd.Timestamp(x) for x in xlim)
        return _in_calendar(lo, hi)
    near = [*bars["date"].tolist()] if not bars.empty else []
    if not spans.empty:
        short = spans[spans["granularity"].astype(str).isin(["weekend", "week"])]
        near += short["start"].tolist() + short["end"].tolist()
    if pub is not None and near:
        near.append(pub)
    if not near:
        near = spans["start"].tolist() + spans["end"].tolist()
        near += [pub] if pub is not None else []
    return _in_calendar(min(near) - pd.Timedelta(days=2), max(near) + pd.Timedelta(days=2))


def _draw_day_bars(ax: Axes, bars: pd.DataFrame, width: float) -> float:
    """Draw the day mentions as bars stacked by section; return the tallest stack (at least 1)."""
    if bars.empty:
        return 1.0
    table = bars.pivot_table(
        index="date", columns="section", values="weight", aggfunc="sum", observed=True
    ).fillna(0.0)
    bottom = pd.Series(0.0, index=table.index)
    for sec in table.columns:
        ax.bar(
            table.index,
            table[sec],
            bottom=bottom,
            width=width,
            color=SECTION_COLORS.get(str(sec), "0.5"),
            label=plain(sec),
            align="center",
        )
        bottom += table[sec]
    return max(1.0, float(bottom.max()))


def _draw_span_lanes(
    ax: Axes,
    spans: pd.DataFrame,
    lanes: list[str],
    bar_share: float,
    xrange: tuple[pd.Timestamp, pd.Timestamp],
    alpha: float,
) -> int:
    """Draw each span as a band in its granularity's lane, above the bars (the lower
    ``bar_share`` of the axes), and name the lane on the right; return how many spans fall
    outside ``xrange``."""
    lo, hi = xrange
    lane_h = (0.97 - bar_share - 0.03) / max(len(lanes), 1)
    outside = 0
    for i, gran in enumerate(lanes):
        y0 = bar_share + 0.03 + i * lane_h
        for row in spans[spans["granularity"].astype(str) == gran].itertuples():
            start = pd.Timestamp(row.start)
            end = min(pd.Timestamp(row.end) + pd.Timedelta(days=1), CALENDAR[1])
            if end < lo or start > hi:
                outside += 1
                continue
            color = SECTION_COLORS.get(str(row.section), "0.5")
            ax.axvspan(
                max(start, lo),
                min(end, hi),
                ymin=y0 + 0.1 * lane_h,
                ymax=y0 + 0.9 * lane_h,
                facecolor=color,
                edgecolor=color,
                alpha=alpha,
                linewidth=0.8,
            )
        ax.text(
            1.005,
            y0 + lane_h / 2,
            plain(gran),
            transform=ax.transAxes,
            va="center",
            ha="left",
            fontsize=8,
            color="0.3",
        )
    return outside


def _finish_axes(
    ax: Axes, xrange: tuple[pd.Timestamp, pd.Timestamp], ymax: float, outside: int
) -> None:
    """Set the limits, the y label and concise date ticks; note mentions outside the range."""
    import matplotlib.dates as mdates

    ax.set_ylim(0, ymax)
    ax.set_xlim(*xrange)
    ax.set_ylabel("mentions per day")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    if outside:
        ax.text(
            0.99,
            0.01,
            f"{outside} mention(s) outside this range",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color="0.4",
        )


def _section_legend(ax: Axes, bars: pd.DataFrame, spans: pd.DataFrame) -> None:
    """One legend entry per section drawn (bars or bands), right of the lane names."""
    from matplotlib.patches import Patch

    sections = list(dict.fromkeys([*bars.get("section", []), *spans.get("section", [])]))
    handles = [Patch(color=SECTION_COLORS.get(str(s), "0.5"), label=plain(s)) for s in sections]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.06, 0.6),
        fontsize=8,
        frameon=False,
        title="section",
    )


def plot_date_strip(dates: Any, ax: Axes | None = None, **style: Any) -> Axes:
    """A rug of the temporal expressions: one row each, in reading order, with its text.

    Args:
        dates: an Article or its ``dates`` frame.
        ax: the axes to draw on (a new figure when ``None``).
        **style: ``figsize``, ``title``, ``max_rows`` (default 60), ``fontsize`` (default 7).

    A day is a dot; a span is a bar from its first to its last day. Colour is the section.
    Unresolved expressions (``NaT``) are listed in a note, not drawn.
    """
    import matplotlib.dates as mdates

    frame, _ = _frame_of(dates)
    rows = frame[frame["date_start"].notna()].head(int(style.get("max_rows", 60)))
    height = max(2.5, 0.22 * len(rows) + 1)
    ax = get_ax(ax, style.get("figsize", (9, height)))
    if "title" in style:
        ax.set_title(style["title"])
    if rows.empty:
        return no_data(ax, EMPTY_MESSAGE)
    fontsize = style.get("fontsize", 7)
    for y, row in enumerate(rows.itertuples()):
        color = SECTION_COLORS.get(str(row.section), "0.5")
        start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end)
        if end > start:
            stop = min(end + pd.Timedelta(days=1), CALENDAR[1])
            ax.plot([start, stop], [y, y], color=color, lw=4, alpha=0.6)
        else:
            ax.plot([start], [y], "o", color=color, ms=4)
        ax.annotate(
            plain(f" {row.surface}  (line {row.line})"),
            (end, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=fontsize,
        )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _keep_x_in_calendar(ax)
    ax.set_yticks([])
    ax.set_ylabel("expressions in reading order")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    unresolved = int(frame["date_start"].isna().sum())
    if unresolved:
        ax.text(
            0.99,
            0.01,
            f"{unresolved} unresolved",
            transform=ax.transAxes,
            ha="right",
            fontsize=8,
            color="0.4",
        )
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


__all__ = ["EMPTY_MESSAGE", "plot_date_strip", "plot_timeline_density"]
