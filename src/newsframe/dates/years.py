"""Years the text does not write in full: "1/17/13", "the '90s", "January 17", and the year of
an undated article.

Every year here is taken from the publication date or from an argument; nothing reads the
clock, so the same article always gives the same dates.

* A yearless date takes the publication year or a neighbour of it (rule 2 of the package
  docstring): :func:`yearless_date`.
* An undated article may still fix its year by weekday-date pairs (rule 11):
  :func:`infer_year` looks for the one year among :data:`FIRST_YEAR` .. ``last_year`` (by
  default :data:`LAST_YEAR`, the last year the recogniser reads) whose calendar agrees with
  every pair, after narrowing to the years the text writes. Without such a year, yearless
  dates and everything relative stay unresolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import Hit, OutOfRange, calendar_date
from .vocabulary import WEEKDAY_INDEX, month_number

FIRST_YEAR = 1900
"""The earliest year an undated article is considered to be from."""
LAST_YEAR = 2099
"""The latest year an undated article is considered to be from, unless told otherwise: the last
year the recogniser reads as a year ("1[0-9]{3}|20[0-9]{2}")."""


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day ("February 30", or a year outside
    1..9999)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _earlier_date(year: int, month: int, day: int) -> dt.date | None:
    """:func:`safe_date` for a year before the publication year, but
    :class:`~newsframe.dates.model.OutOfRange` when it is before the year 1, so that the
    expression is reported as out of range."""
    try:
        return calendar_date(year, month, day)
    except ValueError:  # no such day; OutOfRange is not a ValueError and goes through
        return None


def full_year(year: int) -> int:
    """A year written with two digits: 00-49 -> 2000-2049, 50-99 -> 1950-1999."""
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def decade_start(two: int, published: dt.date | None) -> int:
    """The first year of "the '90s": this century's decade if it has begun by the publication
    date, else the last century's; undated, '30s-'90s are the 1900s and '00s-'20s the 2000s."""
    if published is None:
        return 1900 + two if two >= 30 else 2000 + two
    return (2000 if 2000 + two <= published.year else 1900) + two


def yearless_date(
    month: int,
    day: int,
    weekday: int | None,
    *,
    published: dt.date | None,
    year: int | None,
    line_year: int | None,
    future: Callable[[], bool],
) -> tuple[dt.date, str] | None:
    """The date of "January 17" (``weekday`` given for "Thursday, January 17") and its anchor.

    Undated, it takes the inferred ``year`` (anchor ``explicit``), if any. Dated: a year
    written earlier on the line (``line_year``) if that keeps it on or before P and agrees
    with the weekday; else the year among P's and its neighbours that agrees with the weekday
    (within 200 days of P); else P's year, or the year before when that would put it after P
    and ``future()`` (the wording) does not say future. :class:`~newsframe.dates.model.OutOfRange`
    when that year would be before the year 1, or the weekday agrees with the year 0 or 10000.
    """
    if published is None:
        found = safe_date(year, month, day) if year is not None else None
        return (found, "explicit") if found else None
    pub = published
    if line_year is not None and line_year != pub.year:
        d = safe_date(line_year, month, day)
        if d and d <= pub and (weekday is None or d.weekday() == weekday):
            return d, "previous mention"
    if weekday is not None:
        for y in (pub.year, pub.year - 1, pub.year + 1):
            # the year 0 or 10000 is read 400 years on or back, where the Gregorian calendar
            # repeats itself: a pair that agrees there is out of range, not another date
            shift = 400 if y < dt.MINYEAR else -400 if y > dt.MAXYEAR else 0
            d = safe_date(y + shift, month, day)
            near = pub.replace(year=pub.year + shift)
            if d and d.weekday() == weekday and abs((d - near).days) < 200:
                if shift:
                    raise OutOfRange(f"{y}-{month:02d}-{day:02d} is outside the years 1..9999")
                return d, "publication"
    d = safe_date(pub.year, month, day)
    if d is None:  # 29 February in a common year
        d = _earlier_date(pub.year - 1, month, day) or _earlier_date(pub.year - 4, month, day)
    elif d > pub and not future():
        d = _earlier_date(pub.year - 1, month, day)
    return (d, "publication") if d else None


# --- the year of an undated article (rule 11) ---------------------------------------------------
@dataclass(frozen=True, slots=True)
class YearInference:
    year: int | None  # the one year every weekday-date pair agrees with, if there is one
    candidates: list[int]  # every year that agrees (after narrowing to the text's years)


def weekday_date_pairs(hits: Iterable[Hit]) -> set[tuple[int, int, int]]:
    """(month, day, weekday) of every yearless weekday-date pair ("Friday, January 11")."""
    return {
        (month_number(h.parts.month or ""), int(h.parts.day), WEEKDAY_INDEX[h.parts.weekday])
        for h in hits
        if h.parts.weekday and h.parts.day and not h.parts.year
    }


def written_years(hits: Iterable[Hit]) -> list[int]:
    """Years the text writes, as written ("13" in "1/17/13" is 13)."""
    return [int(h.parts.year) for h in hits if h.parts.year]


def infer_year(hits: Sequence[Hit], last_year: int = LAST_YEAR) -> YearInference:
    """The one year between :data:`FIRST_YEAR` and ``last_year`` whose calendar agrees with
    every weekday-date pair of ``hits``; when several do, those from the earliest year the
    text writes to the year after its latest are preferred."""
    pairs = weekday_date_pairs(hits)
    if not pairs:
        return YearInference(None, [])
    candidates = [
        y
        for y in range(FIRST_YEAR, last_year + 1)
        if all((d := safe_date(y, m, day)) and d.weekday() == wd for m, day, wd in pairs)
    ]
    years = sorted(set(written_years(hits)))
    if years and len(candidates) > 1:
        near = [y for y in candidates if years[0] <= y <= years[-1] + 1]
        candidates = near or candidates
    return YearInference(candidates[0] if len(candidates) == 1 else None, candidates)


__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "YearInference",
    "decade_start",
    "full_year",
    "infer_year",
    "safe_date",
    "weekday_date_pairs",
    "written_years",
    "yearless_date",
]
