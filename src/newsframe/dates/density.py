"""Timeline density: resolved expressions spread over the days they cover (frames in, table out)."""

from __future__ import annotations

import pandas as pd

from ..frames import SCHEMAS, named_frames

DENSITY_COLUMNS = ("date", "section", "granularity", "weight")


def timeline_density(
    article_or_articles: object,
    freq: str = "D",
    counts: bool = False,
) -> pd.DataFrame:
    """Spread each resolved expression's weight of 1 evenly over the days of its span.

    A day mention puts 1 on its day; "last week" puts 1/7 on each of its seven days; "2012"
    puts 1/366 on each day of 2012. Unresolved expressions (``NaT``) are left out.

    Args:
        article_or_articles: an :class:`~newsframe.Article`, a dates frame, or several of
            either (a list, a mapping of name -> article, or a Corpus). With several, an
            ``article`` column (named by :func:`newsframe.frames.named_frames`) comes first.
        freq: a pandas period alias ("D", "W", "M", "Y"...): the days are summed into periods
            labelled by their first day.
        counts: also return ``count``, the number of expressions whose span covers the period
            (raw, unweighted: a week mention counts 1 on each of its days).

    Returns:
        A tidy frame, one row per (article), date, section and granularity:

        * ``article`` (str): only when several articles are given.
        * ``date`` (datetime64[s]): the day (or the first day of the period).
        * ``section`` (category): the section of the sentence holding the expressions.
        * ``granularity`` (category): the expressions' granularity.
        * ``weight`` (float64): summed weights; over all rows it totals the number of
          resolved expressions.
        * ``count`` (int64): only with ``counts=True``.
    """
    items, several = named_frames(article_or_articles, "dates")
    out = _summed(_daily(items), freq)
    cols = (["article"] if several else []) + list(DENSITY_COLUMNS) + (["count"] if counts else [])
    return out[cols].reset_index(drop=True)


def _daily(items: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One row per day of every resolved span, weighted 1 / (days in the span)."""
    schema = SCHEMAS["dates"]
    arts, days, secs, grans, weights = [], [], [], [], []
    one_day = pd.Timedelta(days=1)
    for label, frame in items:
        ok = frame.dropna(subset=["date_start", "date_end"])
        for s, e, sec, gran in zip(
            ok["date_start"], ok["date_end"], ok["section"], ok["granularity"], strict=True
        ):
            n = int((e - s) / one_day) + 1
            if n <= 0:
                continue
            span = pd.date_range(s, periods=n, freq="D")
            arts.extend([label] * n)
            days.extend(span)
            secs.extend([sec] * n)
            grans.extend([gran] * n)
            weights.extend([1.0 / n] * n)
    return pd.DataFrame(
        {
            "article": pd.Series(arts, dtype="str"),
            "date": pd.Series(pd.DatetimeIndex(days), dtype="datetime64[s]")
            if days
            else pd.Series([], dtype="datetime64[s]"),
            "section": pd.Series(secs, dtype=schema["section"]),
            "granularity": pd.Series(grans, dtype=schema["granularity"]),
            "weight": pd.Series(weights, dtype="float64"),
        }
    )


def _summed(out: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The daily rows summed per article, period (labelled by its first day), section and
    granularity, with ``count`` the number of rows summed."""
    schema = SCHEMAS["dates"]
    out["count"] = 1
    if freq.upper() != "D" and len(out):
        out["date"] = out["date"].dt.to_period(freq).dt.start_time.astype("datetime64[s]")
    keys = ["article", "date", "section", "granularity"]
    out = (
        out.groupby(keys, observed=True, sort=True)
        .agg(weight=("weight", "sum"), count=("count", "sum"))
        .reset_index()
    )
    out["date"] = out["date"].astype("datetime64[s]")
    out["section"] = out["section"].astype(schema["section"])
    out["granularity"] = out["granularity"].astype(schema["granularity"])
    out["weight"] = out["weight"].astype("float64")
    out["count"] = out["count"].astype("int64")
    out["article"] = out["article"].astype("str")
    return out


__all__ = ["DENSITY_COLUMNS", "timeline_density"]
