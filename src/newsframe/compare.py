"""Comparisons across a corpus: coverage by country over publication time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

CorpusLike = Any
"""A :class:`~newsframe.Corpus`, or anything with its ``articles`` and ``places`` frames (and,
for :func:`days_from_publication`, its articles when iterated)."""


def coverage_over_time(corpus: CorpusLike, freq: str = "M") -> pd.DataFrame:
    """Mentions per country per week (``freq="W"``) or month (``"M"``) of publication.

    Articles without a publication date are left out (they cannot be placed in time).

    Returns:
        DataFrame with ``period`` (datetime64[s], the first day of the week or month),
        ``iso3`` (str), ``country`` (str), ``mentions`` (int64, mentions in articles
        published in that period; as in :func:`~newsframe.coverage_by_country`, places in
        credit lines and page furniture are not counted) and ``articles`` (int64, how many
        of those articles mention the country), sorted by period and then by mentions, descending.
    """
    import pandas as pd

    if freq not in ("W", "M"):
        raise ValueError("freq must be 'W' (weeks) or 'M' (months)")
    published = corpus.articles.set_index("article").published
    from .coverage import COUNTED_SECTIONS

    places = corpus.places[corpus.places.section.isin(COUNTED_SECTIONS)]
    places = places.assign(article=places.article.astype(str))
    places = places.assign(published=places.article.map(published)).dropna(subset=["published"])
    columns = {
        "period": "datetime64[s]",
        "iso3": "str",
        "country": "str",
        "mentions": "int64",
        "articles": "int64",
    }
    if places.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    period = pd.to_datetime(places.published).dt.to_period("W-SUN" if freq == "W" else "M")
    grouped = places.assign(period=period.dt.start_time).groupby(
        ["period", "iso3", "country"], observed=True
    )
    out = pd.DataFrame(
        {"mentions": grouped.size(), "articles": grouped.article.nunique()}
    ).reset_index()
    out = out.sort_values(["period", "mentions"], ascending=[True, False], kind="stable")
    return out.astype(columns).reset_index(drop=True)


def days_from_publication(corpus: CorpusLike, window: tuple[int, int] = (-30, 14)) -> pd.DataFrame:
    """Pooled timeline of a corpus, on a common axis: days before or after publication.

    Each article's expressions are spread over their days (see
    :func:`newsframe.timeline_density`) and each day is measured from that article's own
    publication date, so articles published years apart can be pooled. Articles without a
    publication date are left out.

    Returns:
        DataFrame with ``days`` (int64, day minus the article's publication date; negative is
        the past), ``section`` (category), ``granularity`` (category) and ``weight``
        (float64, summed over articles), for ``window[0] <= days <= window[1]``.
    """
    import pandas as pd

    from .dates import timeline_density

    density = timeline_density(corpus)
    columns = ["days", "section", "granularity", "weight"]
    if density.empty or "article" not in density.columns:
        return pd.DataFrame(
            {
                "days": pd.Series(dtype="int64"),
                "section": density.get("section", pd.Series(dtype="category")),
                "granularity": density.get("granularity", pd.Series(dtype="category")),
                "weight": pd.Series(dtype="float64"),
            }
        )[columns].iloc[:0]
    published = corpus.articles.set_index("article").published
    pub = density.article.astype(str).map(published)
    days = (density.date - pub).dt.days
    keep = days.notna() & days.between(*window)
    out = density[keep].assign(days=days[keep].astype("int64"))
    grouped = out.groupby(["days", "section", "granularity"], observed=True, as_index=False)
    return grouped.weight.sum()[columns]


__all__ = ["coverage_over_time", "days_from_publication"]
