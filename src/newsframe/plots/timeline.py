"""Timeline charts: where in the calendar an article points, and with which words.

* :func:`plot_timeline_density` shows day mentions as bars stacked by section, and spans
  (weekend, week, month, season, year, decade) as translucent bands in lanes of a panel above
  them (same date axis, its own lanes), so that "last week" reads as one week and not as seven
  spikes, and never counts on the "mentions per day" axis. A dashed line marks the
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

    Day mentions are bars on ``ax`` (height = mentions per day, stacked by section). Span
    mentions (weekend, week, month, season, year, decade) are bands in a panel of their own
    above it, sharing its date axis: one lane per granularity that has a band in view, so the
    "mentions per day" axis counts days only and no lane is empty. The x-range covers day and
    week-scale mentions around the publication date; what falls outside it, and expressions
    left unresolved (without a publication date), are counted in a note under the axis.
    Returns ``ax`` (the day bars); the span panel is ``ax.child_axes[0]`` when drawn.
    """
    frame, pub_from_obj = _frame_of(dates_or_density)
    published = published if published is not None else pub_from_obj
    ax = get_ax(ax, style.get("figsize", (9, 4.5)))
    bars = _day_bars(frame) if len(frame) else pd.DataFrame()
    spans = _spans(frame) if len(frame) else pd.DataFrame()
    unresolved = _unresolved_note(frame, published)
    if bars.empty and spans.empty:
        if "title" in style:
            ax.set_title(style["title"])
        return no_data(ax, f"no dates resolved: {unresolved}" if unresolved else EMPTY_MESSAGE)

    pub = pd.Timestamp(published) if published is not None else None
    lo, hi = _date_range(bars, spans, pub, style.get("xlim"))
    top = _draw_day_bars(ax, bars, width=float(style.get("bar_width", 0.8)))
    outside = 0
    if not bars.empty:
        outside += int(((bars["date"] < lo) | (bars["date"] > hi)).sum())
    visible, hidden = _spans_in_view(spans, (lo, hi))
    outside += hidden
    lanes = [g for g in SPAN_LANES if not visible.empty and g in set(visible["granularity"])]
    head = ax
    if lanes:
        alpha = float(style.get("band_alpha", 0.25))
        head = _draw_span_panel(ax, visible, lanes, (lo, hi), alpha)
    if bars.empty:
        ax.text(
            0.5, 0.5, "no single day mentioned", transform=ax.transAxes,
            ha="center", va="center", color="0.4", fontsize=8,
        )  # fmt: skip
    if pub is not None and lo <= pub <= hi:
        for axes in {ax, head}:
            axes.axvline(pub, color="0.2", linestyle="--", linewidth=1)
        ax.text(pub, top * 1.02, " published", fontsize=8, color="0.2", va="bottom", ha="left")
    notes = [f"{outside} mention(s) outside this range"] if outside else []
    notes += [unresolved] if unresolved else []
    _finish_axes(ax, (lo, hi), top * 1.12, "; ".join(notes))
    if "title" in style:
        head.set_title(style["title"])
    _section_legend(head, bars, visible)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _unresolved_note(frame: pd.DataFrame, published: Any) -> str:
    """ "N expression(s) unresolved: …" for a dates frame with NaT rows, else ""."""
    if "date_start" not in frame.columns:
        return ""
    n = int(frame["date_start"].isna().sum())
    if not n:
        return ""
    why = (
        "no publication date to resolve them against (give published= or --published)"
        if published is None
        else "no date could be fixed for them"
    )
    return f"{n} expression(s) unresolved: {why}"


def _spans_in_view(
    spans: pd.DataFrame, xrange: tuple[pd.Timestamp, pd.Timestamp]
) -> tuple[pd.DataFrame, int]:
    """The spans that overlap ``xrange`` (granularity as str), and how many do not."""
    if spans.empty:
        return spans, 0
    lo, hi = xrange
    ends = spans["end"].map(lambda e: min(pd.Timestamp(e) + pd.Timedelta(days=1), CALENDAR[1]))
    keep = (ends >= lo) & (spans["start"].map(pd.Timestamp) <= hi)
    visible = spans[keep].assign(granularity=spans["granularity"].astype(str))
    return visible, int((~keep).sum())


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


def _draw_span_panel(
    ax: Axes,
    spans: pd.DataFrame,
    lanes: list[str],
    xrange: tuple[pd.Timestamp, pd.Timestamp],
    alpha: float,
) -> Axes:
    """Draw each span as a band in its granularity's lane, in a panel above ``ax`` that shares
    its date axis; lanes are named on the left. Return the panel."""
    height = min(0.12 * len(lanes) + 0.04, 0.5)
    panel = plain(ax.inset_axes((0.0, 1.06, 1.0, height), sharex=ax))
    lo, hi = xrange
    for i, gran in enumerate(lanes):
        for row in spans[spans["granularity"] == gran].itertuples():
            start = pd.Timestamp(row.start)
            end = min(pd.Timestamp(row.end) + pd.Timedelta(days=1), CALENDAR[1])
            color = SECTION_COLORS.get(str(row.section), "0.5")
            panel.fill_between(
                [max(start, lo), min(end, hi)],
                i - 0.35,
                i + 0.35,
                facecolor=color,
                edgecolor=color,
                alpha=alpha,
                linewidth=0.8,
            )
    panel.set_ylim(-0.6, len(lanes) - 0.4)
    panel.set_yticks(range(len(lanes)), [plain(g) for g in lanes], fontsize=8)
    panel.tick_params(axis="x", labelbottom=False, length=0)
    panel.tick_params(axis="y", length=0)
    for side in ("top", "right", "bottom"):
        panel.spines[side].set_visible(False)
    panel.set_ylabel("spans", fontsize=8)
    return panel


def _finish_axes(
    ax: Axes, xrange: tuple[pd.Timestamp, pd.Timestamp], ymax: float, note: str
) -> None:
    """Set the limits, the y label and concise date ticks; write ``note`` under the axis,
    where no bar can hide it."""
    import matplotlib.dates as mdates

    ax.set_ylim(0, ymax)
    ax.set_xlim(*xrange)
    ax.set_ylabel("mentions per day")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.yaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    if note:
        ax.set_xlabel(note, fontsize=8, color="0.35", loc="left")


def _section_legend(ax: Axes, bars: pd.DataFrame, spans: pd.DataFrame) -> None:
    """One legend entry per section drawn (bars or bands), right of the lane names."""
    from matplotlib.patches import Patch

    sections = list(dict.fromkeys([*bars.get("section", []), *spans.get("section", [])]))
    handles = [Patch(color=SECTION_COLORS.get(str(s), "0.5"), label=plain(s)) for s in sections]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
        title="section",
    )


SHORT_SPAN = pd.Timedelta(days=7)
"""Spans up to a week set the date strip's range with the days; longer ones are cut to it."""


def _strip_range(rows: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The date strip's x-range when longer spans would squeeze the rest: the days and the
    spans of a week or less, with a margin; None when there are none, or nothing longer."""
    start, end = rows["date_start"], rows["date_end"]
    long = (end - start) >= SHORT_SPAN
    if not long.any() or long.all():
        return None
    lo, hi = start[~long].min(), end[~long].max() + pd.Timedelta(days=1)
    pad = max(pd.Timedelta(days=1), (hi - lo) * 0.05)
    return _in_calendar(lo - pad, hi + pad)


def plot_date_strip(dates: Any, ax: Axes | None = None, **style: Any) -> Axes:
    """A rug of the temporal expressions: one row each, in reading order, with its text.

    Args:
        dates: an Article or its ``dates`` frame.
        ax: the axes to draw on (a new figure when ``None``).
        **style: ``figsize``, ``title``, ``max_rows`` (default 60), ``fontsize`` (default 7).

    A day is a dot; a span is a bar from its first to its last day. Colour is the section.
    The date axis covers the days and the spans of a week or less: a longer span ("last
    year", "July") is cut at the edges of the chart, drawn hatched with an arrow on each cut
    side (or only an arrow at the edge when it lies wholly outside), and its first and last
    day are written in its label, so that it does not squeeze every
    other expression against one edge. Unresolved expressions (``NaT``) are counted in a
    note, not drawn.
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
    xrange = _strip_range(rows)
    lo, hi = xrange if xrange is not None else CALENDAR
    cut = 0
    for y, row in enumerate(rows.itertuples()):
        color = SECTION_COLORS.get(str(row.section), "0.5")
        start, end = pd.Timestamp(row.date_start), pd.Timestamp(row.date_end)
        label = f" {row.surface}  (line {row.line})"
        if end > start:
            stop = min(end + pd.Timedelta(days=1), CALENDAR[1])
            left, right = max(start, lo), min(stop, hi)
            if (left, right) != (start, stop):
                cut += 1
                label = f" {row.surface}  ({start:%Y-%m-%d} – {end:%Y-%m-%d}, line {row.line})"
                if left < right:
                    ax.fill_between(
                        [left, right], y - 0.18, y + 0.18, facecolor="none", edgecolor=color,
                        hatch="////", linewidth=0.8,
                    )  # fmt: skip
                else:  # wholly outside the range: a mark at the nearer edge
                    left = right = lo if stop <= lo else hi
                if left > start:
                    ax.plot([left], [y], marker="<", color=color, ms=5)
                if right < stop:
                    ax.plot([right], [y], marker=">", color=color, ms=5)
            else:
                ax.plot([start, stop], [y, y], color=color, lw=4, alpha=0.6)
            end = max(min(stop, hi), lo)  # the label starts where the bar ends
        else:
            ax.plot([start], [y], "o", color=color, ms=4)
        ax.annotate(
            plain(label),
            (end, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=fontsize,
        )
    ax.set_ylim(len(rows) - 0.5, -0.5)
    if xrange is not None:
        ax.set_xlim(*xrange)
    _keep_x_in_calendar(ax)
    ax.set_yticks([])
    ax.set_ylabel("expressions in reading order")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    unresolved = int(frame["date_start"].isna().sum())
    notes = [f"{unresolved} unresolved"] if unresolved else []
    if cut:
        notes.insert(0, f"{cut} span(s) longer than a week cut at the edges (hatched, ◂ ▸)")
    if notes:
        ax.set_xlabel("; ".join(notes), fontsize=8, color="0.35", loc="left")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return ax


__all__ = ["EMPTY_MESSAGE", "plot_date_strip", "plot_timeline_density"]
