"""Coverage by country: place frames in, a table of mentions per country out."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .frames import named_frames
from .sections import SECTIONS

COVERAGE_SECTIONS: tuple[str, ...] = tuple(s for s in SECTIONS if s not in ("markup", "blank"))
"""Sections that get a count column in :func:`coverage_by_country` (all that hold prose)."""

COUNTED_SECTIONS: tuple[str, ...] = tuple(
    s for s in COVERAGE_SECTIONS if s not in ("byline", "boilerplate")
)
"""Sections whose places are coverage and make ``mentions``: not the credits ("Reporting by X
in Nairobi" says where a reporter was, not what the article covers) nor page furniture."""


def coverage_by_country(article_or_articles: Any) -> pd.DataFrame:
    """Count place mentions per country.

    Accepts one :class:`~newsframe.Article` (or its ``places`` frame), or several: a list or
    mapping of them, or a :class:`~newsframe.Corpus` (named by
    :func:`newsframe.frames.named_frames`).

    Returns:
        One row per country (per article and country for several), sorted by ``mentions``
        (descending; ties by country name). For several articles the rows are grouped by
        article in the order given.

        ========== ======= ============================================================
        article    str     only for several articles: the article's name (its stem or
                           key, or ``article<i>`` for a bare frame)
        iso3       str     ISO 3166-1 alpha-3 code
        country    str     common English name
        mentions   int64   mentions that are coverage: those in
                           :data:`COUNTED_SECTIONS` (title, caption, highlight, body,
                           related); places in credits and page furniture are not
        <section>  int64   mentions in that section, one column for each of
                           :data:`COVERAGE_SECTIONS` (the above, byline, boilerplate)
        share      float64 ``mentions`` over all mentions counted in the article (0-1)

        A country named only in a credit line has a row with ``mentions`` 0.
        ========== ======= ============================================================
    """
    items, several = named_frames(article_or_articles, "places")
    if not several:
        return _coverage_one(items[0][1])
    frames = []
    for name, places in items:
        cov = _coverage_one(places)
        cov.insert(0, "article", pd.Series([name] * len(cov), dtype="str"))
        frames.append(cov)
    if not frames:
        from .frames import empty_frame

        empty = _coverage_one(empty_frame("places"))
        empty.insert(0, "article", pd.Series([], dtype="str"))
        return empty
    return pd.concat(frames, ignore_index=True)


def _coverage_one(places: pd.DataFrame) -> pd.DataFrame:
    cols = ["iso3", "country", "mentions", *COVERAGE_SECTIONS, "share"]
    if places.empty:
        out = pd.DataFrame({c: pd.Series([], dtype="str") for c in ("iso3", "country")})
        for c in ("mentions", *COVERAGE_SECTIONS):
            out[c] = pd.Series([], dtype="int64")
        out["share"] = pd.Series([], dtype="float64")
        return out[cols]
    sec = pd.crosstab(places["iso3"], places["section"].astype(str)).reindex(
        columns=list(COVERAGE_SECTIONS), fill_value=0
    )
    names = places.groupby("iso3")["country"].first()
    out = sec.astype("int64")
    out.insert(0, "mentions", out[list(COUNTED_SECTIONS)].sum(axis=1).astype("int64"))
    out.insert(0, "country", names.reindex(out.index).astype("str"))
    out = out.reset_index().rename(columns={"index": "iso3"})
    out["iso3"] = out["iso3"].astype("str")
    total = int(out["mentions"].sum())
    out["share"] = (out["mentions"] / total if total else out["mentions"] * 0.0).astype("float64")
    out = out.sort_values(["mentions", "country"], ascending=[False, True], kind="stable")
    out.columns.name = None
    return out[cols].reset_index(drop=True)


__all__ = ["COUNTED_SECTIONS", "COVERAGE_SECTIONS", "coverage_by_country"]
