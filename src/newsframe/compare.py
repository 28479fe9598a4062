"""Comparisons across a corpus: coverage by country over publication time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus


def coverage_over_time(corpus: Corpus, freq: str = "M") -> pd.DataFrame:
    """Mentions per country per week (``freq="W"``) or month (``"M"``) of publication.

    Articles without a publication date are left out (they cannot be placed in time).

    Returns:
        DataFrame with ``period`` (datetime64[s], the first day of the week or month),
        ``iso3`` (str), ``country`` (str), ``mentions`` (int64, mentions in articles
        published in that period) and ``articles`` (int64, how many of those articles mention
        the country), sorted by period and then by mentions, descending.
    """
    import pandas as pd

    if freq not in ("W", "M"):
        raise ValueError("freq must be 'W' (weeks) or 'M' (months)")
    published = corpus.articles.set_index("article").published
    places = corpus.places.assign(article=corpus.places.article.astype(str))
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


__all__ = ["coverage_over_time"]
