"""Resolution: each hit becomes an inclusive calendar span ``start .. end`` (rules 1-10 of the
package docstring), is left unresolved (``None``), or turns out not to be a date (:data:`DROP`).

Every rule names its resolver here: ``resolver(hit, reference) -> Span | None | DROP``.
:func:`resolve_hits` runs them in text order, remembering per line the last year written and
the last weekday-date pair, which later expressions on the line are anchored to.

Resolvers step from day to day only through :func:`~newsframe.dates.model.add_days` and build
days only through :func:`~newsframe.dates.model.calendar_date`: a span that would leave the
years 1..9999 (``datetime``'s range, and so the dates frame's) raises
:class:`~newsframe.dates.model.OutOfRange`, and :func:`resolve_hits` leaves that expression
unresolved instead of letting ``datetime`` raise ``OverflowError`` or ``ValueError`` out of
the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from .model import DROP, Hit, Outcome, OutOfRange, Reference, Span, add_days, calendar_date
from .patterns import PAST_CONTRAST, TODAY_EVENT, WORD_CHARACTER, Folded
from .vocabulary import SEASON_START, WEEKDAY_INDEX, month_number, number
from .years import decade_start, full_year, safe_date, yearless_date


def resolve_hits(
    hits: Sequence[Hit],
    text: str,
    published: dt.date | None,
    year: int | None,
    *,
    out_of_range: list[Hit] | None = None,
) -> list[tuple[Hit, Span | None]]:
    """Each hit with its span (``None``: unresolved), in text order, without the dropped ones.

    A hit whose span would fall outside the years 1..9999 is left unresolved (and appended to
    ``out_of_range`` when given): date arithmetic never raises out of here.
    """
    ref = Reference(text, published, year)
    out: list[tuple[Hit, Span | None]] = []
    for hit in hits:
        if hit.rule.habitual_drops and not hit.parts.relation and hit.is_habitual(text):
            continue  # "the monsoon normally begins in July": no particular July (DROP)
        if hit.rule.relative and published is None:
            outcome: Outcome = None
        else:
            try:
                outcome = hit.rule.resolve(hit, ref)
            except OutOfRange:
                outcome = None
                if out_of_range is not None:
                    out_of_range.append(hit)
        if isinstance(outcome, Span):
            ref.remember(hit, outcome)
        if outcome is not DROP:
            out.append((hit, outcome))  # type: ignore[arg-type]
    return out


# --- calendar arithmetic ------------------------------------------------------------------------
def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return add_days(day, -day.weekday())


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = calendar_date(year, month, 1)
    return first, calendar_date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def season_span(year: int, season: str) -> tuple[dt.date, dt.date]:
    """The meteorological season of that name starting in ``year`` (winter runs into the next)."""
    first = SEASON_START[season]
    end_year, end_month = add_months(year, first, 2)
    return calendar_date(year, first, 1), month_span(end_year, end_month)[1]


def season_relative(pub: dt.date, season: str, rel: str) -> tuple[dt.date, dt.date]:
    """The season of that name relative to ``pub``: ``last``, ``this``, ``next`` or ``bare``
    (the most recent one that has started). :class:`~newsframe.dates.model.OutOfRange` when
    that season does not fit in the years 1..9999.

    The season is chosen on (year, month, day) bounds, which exist for every year, and only
    then built: a season outside the calendar is never skipped in favour of another one.
    """
    if rel == "this":
        year = pub.year - 1 if season == "winter" and pub.month <= 2 else pub.year
        return season_span(year, season)
    first, day = SEASON_START[season], (pub.year, pub.month, pub.day)

    def bounds(year: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        end_year, end_month = add_months(year, first, 2)
        return (year, first, 1), (end_year, end_month, 31)  # 31: after every day of a month

    years = range(pub.year - 2, pub.year + 2)
    if rel == "last":
        year = [y for y in years if bounds(y)[1] < day][-1]
    elif rel == "next":
        year = next(y for y in years if bounds(y)[0] > day)
    else:
        year = [y for y in years if bounds(y)[0] <= day][-1]
    return season_span(year, season)


def _year_span(year: int, anchor: str) -> Span:
    return Span(calendar_date(year, 1, 1), calendar_date(year, 12, 31), anchor)


# --- expressions that say which date they are (rule 1, 2 and 11) -------------------------------
def numeric_date(hit: Hit, ref: Reference, *, month_first: bool = False) -> Outcome:
    """A numeric date: "2013-01-17", "2013/1/17", "17.01.2013"."""
    p = hit.parts
    year, month, day = full_year(int(p.year or 0)), int(p.month or 0), int(p.day or 0)
    if month_first and month > 12 >= day:  # "21/02/2021" can only be day/month
        month, day = day, month
    return Span.day(safe_date(year, month, day), "explicit")


def month_first_numeric_date(hit: Hit, ref: Reference) -> Outcome:
    """A numeric date, month first: "1/17/2013", "1/17/13" ("21/02/2021" is day first)."""
    return numeric_date(hit, ref, month_first=True)


def named_date(hit: Hit, ref: Reference) -> Outcome:
    """A named month and a day: "January 17", "Thursday, January 17", "17 January 2013"."""
    p = hit.parts
    month, day = month_number(p.month or ""), int(p.day or 0)
    if p.year:
        return Span.day(safe_date(int(p.year), month, day), "explicit")
    found = yearless_date(
        month,
        day,
        WEEKDAY_INDEX[p.weekday] if p.weekday else None,
        published=ref.published,
        year=ref.year,
        line_year=ref.line_years.get(hit.line),
        future=lambda: hit.is_future(ref.text, loose=True),
    )
    return Span.day(*found) if found else None


def month_of_year(hit: Hit, ref: Reference) -> Outcome:
    """A month of a year: "March 1945"."""
    return Span(
        *month_span(int(hit.parts.year or 0), month_number(hit.parts.month or "")), "explicit"
    )


def season_of_year(hit: Hit, ref: Reference) -> Outcome:
    """A season of a year: "summer of 2014" (rule 10: the winter of 2014 starts in December)."""
    season = (hit.parts.season or "").lower().replace("autumn", "fall")
    return Span(*season_span(int(hit.parts.year or 0), season), "explicit")


def decade(hit: Hit, ref: Reference) -> Outcome:
    """A decade: "the 1950s", "the '90s"."""
    p = hit.parts
    first = int(p.decade) if p.decade else decade_start(int(p.decade_short or 0), ref.published)
    return Span(calendar_date(first, 1, 1), calendar_date(first + 9, 12, 31), "explicit")


def written_year(hit: Hit, ref: Reference) -> Outcome:
    """A year: "2001"."""
    return _year_span(int(hit.parts.year or 0), "explicit")


# --- weekdays (rules 3 and 4) -------------------------------------------------------------------
def weekday(hit: Hit, ref: Reference) -> Outcome:
    """A weekday: in the week of a weekday-date pair given earlier on the line, else the most
    recent one on or before P (the next one when the wording says future). "last / this /
    next Friday" are relative to P only."""
    wd, pub = WEEKDAY_INDEX[hit.parts.weekday or ""], ref.published
    if hit.parts.relation:
        return _relative_weekday(wd, hit.parts.relation.lower(), pub) if pub else None
    pair = ref.line_pairs.get(hit.line)
    if pair is not None:
        return Span.day(add_days(week_of(pair), wd), "previous mention")
    if pub is None:
        return None
    if hit.is_future(ref.text, loose=False):
        delta = (wd - pub.weekday()) % 7
    else:
        delta = -((pub.weekday() - wd) % 7)
    return Span.day(add_days(pub, delta), "publication")


def _relative_weekday(wd: int, rel: str, pub: dt.date) -> Outcome:
    if rel == "next":
        delta = (wd - pub.weekday()) % 7 or 7
    elif rel == "last":
        delta = -((pub.weekday() - wd) % 7 or 7)
    else:
        delta = wd - pub.weekday()
    return Span.day(add_days(pub, delta), "publication")


# --- expressions relative to the publication date P (rules 5-10) -------------------------------
# These rules are ``relative``: without P they are left unresolved before getting here.
def deictic(hit: Hit, ref: Reference) -> Outcome:
    """today / tonight = P, yesterday = P - 1, tomorrow = P + 1; a generic "today" is none."""
    word = (hit.parts.word or "").lower()
    if word == "today" and _generic_today(hit, ref):
        return DROP
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    return Span.day(add_days(_pub(ref), offset), "publication")


def _generic_today(hit: Hit, ref: Reference) -> bool:
    """Whether "today" means nowadays: "today's terrorists" (but not "today's vote"), or after
    a contrast with the past in its sentence ("In 1990 ... Today, 140 states ...") or, when
    it starts the sentence, in the previous one."""
    text = ref.text
    tail = hit.after(text, 30)
    if tail.startswith(("'s", "’s")) and not TODAY_EVENT.match(tail):
        return True
    if _contrast_before(hit, ref):
        return True
    word = _first_in_sentence(WORD_CHARACTER, hit, ref)
    opens = word is None or word[0] >= hit.found  # no word before the hit in its sentence
    return opens and bool(PAST_CONTRAST.search(hit.previous_sentence(text)))


def _first_in_sentence(
    pattern: Folded | re.Pattern[str], hit: Hit, ref: Reference
) -> tuple[int, int] | None:
    """The offsets of ``pattern``'s first match in the hit's sentence, searched once per
    sentence and pattern."""
    start, end = hit.context.start, hit.context.end
    key = (id(pattern), start, end)
    if key not in ref.firsts:
        m = pattern.search(ref.text[start:end])
        ref.firsts[key] = None if m is None else (start + m.start(), start + m.end())
    return ref.firsts[key]


def _contrast_before(hit: Hit, ref: Reference) -> bool:
    """Does the sentence say something about the past before the hit (``PAST_CONTRAST`` in
    ``hit.before(text)``)?

    The sentence is searched once, for its first match, and every hit of the sentence is
    answered from that: a sentence of thousands of "today" costs linear time, not a search of
    its whole head per hit. The head is searched itself only in the two cases where the first
    match of the sentence does not decide: a match running across the hit, or a hit glued to
    the word before it (where the head's end makes a word boundary the sentence lacks).
    """
    text, start, found = ref.text, hit.context.start, hit.found
    first = _first_in_sentence(PAST_CONTRAST, hit, ref)
    if first is not None and first[1] <= found:
        return True
    straddles = first is not None and first[0] < found
    glued = found > start and bool(
        WORD_CHARACTER.match(text, found - 1) and WORD_CHARACTER.match(text, found)
    )
    return (straddles or glued) and bool(PAST_CONTRAST.search(hit.before(text)))


def part_of_day(hit: Hit, ref: Reference) -> Outcome:
    """this morning / afternoon / evening = P; last night / evening = P - 1."""
    return Span.day(add_days(_pub(ref), -1 if hit.parts.last else 0), "publication")


def relative_unit(hit: Hit, ref: Reference) -> Outcome:
    """last / this / next week, weekend, month, year or season; "earlier this month" is this
    month, "this past weekend" the last one."""
    pub = _pub(ref)
    modifier, unit = (hit.parts.modifier or "").lower(), (hit.parts.unit or "").lower()
    rel = "last" if modifier == "this past" else modifier.split()[-1]
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit in ("week", "weekend"):
        monday = add_days(week_of(pub), 7 * step)
        first = add_days(monday, 5 if unit == "weekend" else 0)
        return Span(first, add_days(monday, 6), "publication")
    if unit == "month":
        return Span(*month_span(*add_months(pub.year, pub.month, step)), "publication")
    if unit == "year":
        return _year_span(pub.year + step, "publication")
    season = "fall" if unit == "autumn" else unit
    return Span(*season_relative(pub, season, rel), "publication")


def the_weekend(hit: Hit, ref: Reference) -> Outcome:
    """The weekend: "over the weekend" is the most recent weekend on or before P (the coming
    one when the wording says future); "the past weekend" is always the last one."""
    pub = _pub(ref)
    future = hit.is_future(ref.text, loose=False)
    saturday = add_days(week_of(pub), 5)
    if saturday > pub and (hit.parts.past or not future):
        saturday = add_days(saturday, -7)
    elif future and add_days(saturday, 1) < pub:
        saturday = add_days(saturday, 7)
    return Span(saturday, add_days(saturday, 1), "publication")


def ago(hit: Hit, ref: Reference) -> Outcome:
    """A count ago: "N days / weeks ago" are single days, "N months ago" a month, "N years ago"
    a year, "N decades ago" a decade."""
    pub, n, unit = _pub(ref), number(hit.parts.count or ""), (hit.parts.unit or "").rstrip("s")
    if n is None:
        return DROP
    if unit in ("day", "week"):
        return Span.day(add_days(pub, -n * (7 if unit == "week" else 1)), "publication")
    if unit == "month":
        return Span(*month_span(*add_months(pub.year, pub.month, -n)), "publication")
    if unit == "year":
        return _year_span(pub.year - n, "publication")
    first = (pub.year - 10 * n) // 10 * 10
    return Span(calendar_date(first, 1, 1), calendar_date(first + 9, 12, 31), "publication")


def bare_month(hit: Hit, ref: Reference) -> Outcome:
    """A bare month: the most recent one on or before P's month (the next one when the wording
    says future; the one of a year written earlier on the line). "last / next July", "May last
    year"."""
    pub, p = _pub(ref), hit.parts
    mon, anchor = month_number(p.month or ""), "publication"
    rel = (p.relation or "").lower()
    line_year = ref.line_years.get(hit.line)
    if p.year_relation:
        year = pub.year + {"last": -1, "this": 0, "next": 1}[p.year_relation.lower()]
    elif rel == "this":
        year = pub.year
    elif rel == "last":
        year = pub.year if mon < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if mon > pub.month else pub.year + 1
    elif mon > pub.month and hit.is_future(ref.text, loose=True):
        year = pub.year  # "would co-host another one in May": future wording wins
    elif (
        line_year is not None
        and line_year != pub.year
        and (line_year, mon) <= (pub.year, pub.month)
    ):
        year, anchor = line_year, "previous mention"
    else:
        year = pub.year if mon <= pub.month else pub.year - 1
    return Span(*month_span(year, mon), anchor)


def bare_season(hit: Hit, ref: Reference) -> Outcome:
    """A season: "in the fall" is the most recent fall that has started by P (the next one
    when the wording says future)."""
    name = "fall" if hit.parts.season == "autumn" else hit.parts.season or ""
    future = hit.is_future(ref.text, loose=True)
    return Span(*season_relative(_pub(ref), name, "next" if future else "bare"), "publication")


def _pub(ref: Reference) -> dt.date:
    assert ref.published is not None, "relative rules are only resolved with a publication date"
    return ref.published


__all__ = ["DROP", "Reference", "Span", "resolve_hits"]
