""":func:`extract_dates`: find the expressions, fix the year of an undated article, resolve,
and build the dates frame."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..collector import paused_collection
from ..frames import SCHEMAS, typed_frame
from ..reading import DateLike, parse_date
from .model import FIRST_DAY, LAST_DAY
from .recognition import Hit, find_hits
from .resolution import Span, resolve_hits
from .years import YearInference, infer_year

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_NO_DAY = 0  # no date has ordinal 0 (0001-01-01 is 1)


@paused_collection
def extract_dates(
    text: str,
    sentences: pd.DataFrame,
    published: DateLike = None,
    *,
    name: str | None = None,
) -> pd.DataFrame:
    """Find the temporal expressions of an article and resolve them to calendar spans.

    Args:
        text: the article text (:attr:`Article.text`).
        sentences: its sentences frame (:attr:`Article.sentences`); only lines that hold a
            sentence are searched, so blank and markup lines never yield dates.
        published: the publication date (date, datetime, Timestamp or ISO string) or ``None``.
        name: how warnings name the article (defaults to its first words).

    Returns:
        One row per expression, in text order (schema ``SCHEMAS["dates"]``):

        * ``line`` (int64): 1-based line number.
        * ``sentence`` (int64): id of the sentence holding it (for a date in a dateline, the
          first sentence of that line).
        * ``section`` (category): that sentence's section.
        * ``start``, ``end`` (int64): offsets into ``text``; ``text[start:end] == surface``.
        * ``surface`` (str): the expression as written ("Thursday, January 17", "last week").
        * ``date_start``, ``date_end`` (datetime64[s]): the inclusive calendar span it
          denotes; ``NaT`` when it cannot be resolved (no publication date, or a span outside
          the years 1..9999: "300 decades ago", "next year" published 9999-12-31).
        * ``granularity`` (category): ``day``, ``weekend``, ``week``, ``month``, ``season``,
          ``year`` or ``decade``.
        * ``anchor`` (category): what it was resolved against: ``explicit`` (the text gives
          the date), ``publication``, ``previous mention`` (an earlier date on the same line)
          or ``none`` (unresolved).

    Raises:
        MissingDateError: ``published`` is given but is not a calendar date.

    Warns:
        UserWarning: without a publication date, naming the article and how many relative
            expressions were left unresolved, and which years the weekday-date pairs allow.
            The year of an undated article is never taken from the clock (see
            :mod:`newsframe.dates.years`). Also, dated or not, when expressions were left
            unresolved because their span falls out of range (outside the years 1..9999),
            naming them. Date arithmetic never raises.
    """
    label = _article_label(text, name)
    pub = parse_date(published, name=label)
    if len(sentences) == 0 or not text:
        return typed_frame("dates")
    hits = find_hits(text, sentences)
    inferred = infer_year(hits) if pub is None else YearInference(None, [])
    out_of_range: list[Hit] = []
    resolved = resolve_hits(hits, text, pub, inferred.year, out_of_range=out_of_range)
    if pub is None:
        _warn_undated(label, resolved, inferred, _out_of_range(out_of_range, text))
    elif out_of_range:
        _warn_out_of_range(label, resolved, _out_of_range(out_of_range, text))
    return _dates_frame(resolved, text)


def _article_label(text: str, name: str | None) -> str:
    if name:
        return name
    first = " ".join(text.strip().split()[:8])
    return f"<text starting {first[:60]!r}>"


def _out_of_range(hits: Sequence[Hit], text: str) -> str:
    """Why ``hits`` were left unresolved (empty when there are none)."""
    if not hits:
        return ""
    shown = ", ".join(repr(text[h.start : h.end]) for h in hits[:3])
    more = ", ..." if len(hits) > 3 else ""
    return (
        f"out of range: {len(hits)} of them fall outside the years "
        f"{FIRST_DAY.year}-{LAST_DAY.year} ({shown}{more})"
    )


def _warn_out_of_range(label: str, resolved: Sequence[tuple[Hit, Span | None]], why: str) -> None:
    """Say how many expressions of a dated article were left unresolved: out of range."""
    unresolved = sum(1 for _, span in resolved if span is None)
    warnings.warn(
        f"{label}: {unresolved} of {len(resolved)} temporal expressions left unresolved (NaT); "
        f"{why}.",
        UserWarning,
        stacklevel=4,  # _warn_*, extract_dates, its paused_collection wrapper, the caller
    )


def _warn_undated(
    label: str,
    resolved: Sequence[tuple[Hit, Span | None]],
    inferred: YearInference,
    out_of_range: str = "",
) -> None:
    """Say how many expressions of an undated article were left unresolved, and why."""
    unresolved = sum(1 for _, span in resolved if span is None)
    if not unresolved:
        return
    candidates, year = inferred.candidates, inferred.year
    if len(candidates) > 1:
        shown = ", ".join(map(str, candidates[-6:])) + (", ..." if len(candidates) > 6 else "")
        why = f"the weekday-date pairs fit {len(candidates)} years ({shown})"
    elif year:
        why = f"the year {year} was inferred from weekday-date pairs"
    else:
        why = "no weekday-date pair fixes the year"
    if out_of_range:
        why = f"{why}; {out_of_range}"
    warnings.warn(
        f"{label}: no publication date; {unresolved} of {len(resolved)} temporal expressions "
        f"left unresolved (NaT); {why}. Give the publication date to resolve them: "
        f"--published YYYY-MM-DD on the command line, published= in Python, or a "
        f"<stem>.meta.json sidecar.",
        UserWarning,
        stacklevel=4,  # _warn_*, extract_dates, its paused_collection wrapper, the caller
    )


def _dates_frame(resolved: Sequence[tuple[Hit, Span | None]], text: str) -> pd.DataFrame:
    """The dates frame, with exactly the dtypes of ``SCHEMAS["dates"]``.

    An empty result goes through :func:`typed_frame`. A non-empty one is assembled from
    columns that already have the schema's dtypes (categorical codes, ``datetime64[s]``
    arrays): the same frame as ``typed_frame`` would build, in a fraction of the time.
    """
    if not resolved:
        return typed_frame("dates")
    schema = SCHEMAS["dates"]
    hits = [hit for hit, _ in resolved]
    spans = [span for _, span in resolved]

    def cat(col: str, values: list[str]) -> pd.Categorical:
        dtype = schema[col]
        index = {c: i for i, c in enumerate(dtype.categories)}
        codes = np.fromiter((index[v] for v in values), dtype="int16", count=len(values))
        return pd.Categorical.from_codes(codes, dtype=dtype)

    def days(values: list[dt.date | None]) -> np.ndarray:
        # days since 1970-01-01 from the proleptic ordinals, NaT where there is no date
        ords = np.fromiter(
            (v.toordinal() if v is not None else _NO_DAY for v in values),
            dtype="int64",
            count=len(values),
        )
        out = ((ords - _EPOCH_ORDINAL) * 86_400).astype("datetime64[s]")
        out[ords == _NO_DAY] = np.datetime64("NaT")
        return out

    def ints(values: list[int]) -> np.ndarray:
        return np.asarray(values, dtype="int64")

    return pd.DataFrame(
        {
            "line": ints([h.line for h in hits]),
            "sentence": ints([h.sentence for h in hits]),
            "section": cat("section", [h.section for h in hits]),
            "start": ints([h.start for h in hits]),
            "end": ints([h.end for h in hits]),
            "surface": pd.array([text[h.start : h.end] for h in hits], dtype="str"),
            "date_start": days([s.start if s else None for s in spans]),
            "date_end": days([s.end if s else None for s in spans]),
            "granularity": cat("granularity", [h.rule.granularity_of(h.parts) for h in hits]),
            "anchor": cat("anchor", [s.anchor if s else "none" for s in spans]),
        },
        copy=False,
    )


__all__ = ["extract_dates"]
