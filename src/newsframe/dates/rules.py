"""One rule per kind of temporal expression, all in one ordered registry.

A :class:`Rule` says everything about one kind of expression: the pattern that finds it, the
filters that turn candidates down, how it is resolved and its granularity. :data:`RULES` keeps
them in the order they are tried; where two candidates overlap, the earlier rule wins.
"""

from __future__ import annotations

import re

from . import resolution as res
from .model import Parts, Registry, Rule
from .patterns import (
    CAPITAL_AFTER,
    COUNT,
    COUNT_BEFORE,
    DAY,
    DIGIT_BEFORE,
    GENERIC_BEFORE_WEEKDAY,
    GENERIC_MONTH,
    LEADING_WORDS,
    MONTH,
    MONTH_CONTEXT,
    MONTH_FULL,
    NAME_AFTER,
    NEXT_WORD,
    NOT_A_DAY_AFTER,
    OF_OR_THE_BEFORE,
    ORDINAL_OR_OF,
    OSP,
    PREVIOUS_WORD,
    RELATIVE_PREFIX,
    SEASONS,
    SP,
    STREET_AFTER,
    STRONG_MONTH_CONTEXT,
    THE_BEFORE,
    WEEKDAY,
    WEEKDAY_NAME_AFTER,
    YEAR4,
    YEAR_AFTER,
    YEAR_BAD_BEFORE,
    YEAR_PREP,
    YEAR_RANGE_AFTER,
    ci,
)
from .vocabulary import COUNT_NOUNS, MONTHS, SEASON_START, WEEKDAY_NAME_BEFORE


# --- filters ------------------------------------------------------------------------------------
def _before(text: str, m: re.Match[str]) -> str:
    return text[max(0, m.start() - 60) : m.start()]


def _after(text: str, m: re.Match[str]) -> str:
    return text[m.end() : m.end() + 60]


def _day_in_range(m: re.Match[str]) -> bool:
    return 1 <= int(m.group("day")) <= 31


def accept_month_day(m: re.Match[str], text: str) -> bool:
    """A month and a day ("January 17"), but not "January 17-year-old" nor "June 5 percent"."""
    return _day_in_range(m) and not NOT_A_DAY_AFTER.match(_after(text, m))


def accept_day_month(m: re.Match[str], text: str) -> bool:
    """A day and a month ("17 January"); "5 May" and "3 March" only with a year, an ordinal or
    an "of" (they are verbs too)."""
    if not _day_in_range(m):
        return False
    if m.group("month") in ("May", "March") and not m.group("year"):
        return bool(ORDINAL_OR_OF.search(m.group(0)))
    return True


def accept_weekday(m: re.Match[str], text: str) -> bool:
    """Not a name ("Black Friday", "Sunday Times") nor a generic day ("every Sunday")."""
    previous = PREVIOUS_WORD.search(text[max(0, m.start() - 40) : m.start()])
    if previous and previous.group(1) in WEEKDAY_NAME_BEFORE:
        return False
    if GENERIC_BEFORE_WEEKDAY.search(_before(text, m)):
        return False
    return not WEEKDAY_NAME_AFTER.match(_after(text, m))


def accept_month(m: re.Match[str], text: str) -> bool:
    """A bare month only after a word that makes it a time ("in July", "until March"); "May",
    "March" (verbs) and "June", "August", "April" (names) need more."""
    month, before, after = m.group("month"), _before(text, m), _after(text, m)
    if GENERIC_MONTH.search(before):
        return False
    context = STRONG_MONTH_CONTEXT if month in ("May", "March") else MONTH_CONTEXT
    if not context.search(before):
        return False
    if month in ("May", "March", "August", "June", "April") and CAPITAL_AFTER.match(after):
        return False  # "in June Carter's ...", "August Wilson"
    return not NAME_AFTER.match(after) or month not in ("May", "March")


def accept_year(m: re.Match[str], text: str) -> bool:
    """A year, not a street number, flight, model, count, money or clock time."""
    before, after = _before(text, m), _after(text, m)
    if YEAR_AFTER.match(text, m.end()):
        return False
    if YEAR_BAD_BEFORE.search(before) or STREET_AFTER.match(after):
        return False
    nxt = NEXT_WORD.match(after)
    if nxt and nxt.group(1).lower() in COUNT_NOUNS:
        return False
    if (
        nxt
        and nxt.group(1).islower()
        and COUNT_BEFORE.search(before)
        and not OF_OR_THE_BEFORE.search(before)
    ):
        return False
    if YEAR_RANGE_AFTER.match(after) and DIGIT_BEFORE.search(before):
        return False
    return int(m.group("year")) >= 1800 or bool(YEAR_PREP.search(before))


def accept_relative_unit(m: re.Match[str], text: str) -> bool:
    """Not "in the last year" nor "over the next month": those are spans, not calendar units."""
    return not THE_BEFORE.search(_before(text, m))


# --- surfaces -----------------------------------------------------------------------------------
def trim_prepositions(surface: str) -> int:
    """Leave prepositions out: "over the weekend" -> "weekend", "the past weekend" -> "past
    weekend"."""
    m = LEADING_WORDS.match(surface)
    return m.end() if m else 0


def trim_prepositions_keep_the(surface: str) -> int:
    """Leave prepositions out but keep "the": "in the fall" -> "the fall", as the gold does."""
    m = LEADING_WORDS.match(surface)
    if not m:
        return 0
    return m.end() - 4 if surface[m.end() - 4 : m.end()].lower() == "the " else m.end()


def trim_the(surface: str) -> int:
    """Leave "the" out: "the 7th of October" -> "7th of October"."""
    return 4 if surface[:4].lower() == "the " else 0


# --- granularities that depend on the unit ------------------------------------------------------
def unit_granularity(parts: Parts) -> str:
    unit = (parts.unit or "").lower()
    return "season" if unit in SEASON_START else unit


def ago_granularity(parts: Parts) -> str:
    unit = (parts.unit or "").rstrip("s")
    return "day" if unit == "week" else unit


# --- substrings the scan looks for first (speed only) -------------------------------------------
MONTH_TOKENS = tuple(name[:3] for name in MONTHS)  # every month name or abbreviation holds one
SEASON_TOKENS = ("pring", "ummer", "fall", "Fall", "utumn", "inter")
UNIT_TOKENS = ("week", "month", "year", "Week", "Month", "Year", *SEASON_TOKENS)
PART_OF_DAY_TOKENS = ("night", "morning", "afternoon", "evening")
DECADE_TOKENS = ("0s", "0's", "0’s")
YEAR_LATER = rf"(?:,?{SP}(?P<year>{YEAR4})(?!\d|,\d))?"  # ", 2013" after a month and day

# --- the registry -------------------------------------------------------------------------------
RULES = Registry()
_add = RULES.add

# fmt: off

_add(Rule(
    "iso", "2013-01-17",
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])"),
    res.numeric_date, "day",
    needs=(("-0", "-1"),), near=("-0", "-1"), bad_before="-",
))
_add(Rule(
    "ymd", "2013/01/17",
    re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\w/])"),
    res.numeric_date, "day",
    needs=(("/",),), bad_before="/.-",
))
_add(Rule(
    "numeric", "1/17/2013",
    re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\w/])"),
    res.month_first_numeric_date, "day",
    needs=(("/",),), near=("/",), bad_before="/.",
))
_add(Rule(
    "dmydot", "17.01.2013",
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\w.]|\.\d)"),
    res.numeric_date, "day",
    needs=((".0", ".1"),),  # the month after the first dot starts with 0 or 1
    bad_before="./-",
))
_add(Rule(
    "weekday mdy", "Thursday, January 17; Sunday (Jan. 13, 2013)",
    re.compile(
        rf"(?P<weekday>{WEEKDAY})(?:,?{SP}|{OSP}\({OSP})(?P<month>{MONTH}){OSP}{DAY}(?![\d:])"
        rf"(?:{OSP}\))?{YEAR_LATER}(?!\w)"
    ),
    res.named_date, "day",
    needs=(MONTH_TOKENS,), bad_before="-", accept=accept_month_day,
))
_add(Rule(
    "mdy", "January 17; Aug. 20; June 13, 2014",
    re.compile(rf"(?P<month>{MONTH}){OSP}{DAY}(?![\d:]){YEAR_LATER}(?!\w)"),
    res.named_date, "day",
    needs=(MONTH_TOKENS,), bad_before="-", accept=accept_month_day,
))
_add(Rule(
    "weekday dmy", "Thursday, 17 January 2013",
    re.compile(
        rf"(?P<weekday>{WEEKDAY}),?{SP}(?:the{SP})?{DAY}{SP}(?:of{SP})?(?P<month>{MONTH})(?!\w)"
        rf"{YEAR_LATER}"
    ),
    res.named_date, "day",
    needs=(MONTH_TOKENS,), bad_before=".,$", accept=accept_day_month,
))
_add(Rule(
    "the dmy", "the 7th of October",
    re.compile(rf"the{SP}{DAY}{SP}(?:of{SP})?(?P<month>{MONTH})(?!\w){YEAR_LATER}"),
    res.named_date, "day",
    needs=(MONTH_TOKENS,), bad_before=".,$", accept=accept_day_month, trim=trim_the,
))
_add(Rule(
    "dmy", "17 January 2013",
    re.compile(rf"{DAY}{SP}(?:of{SP})?(?P<month>{MONTH})(?!\w){YEAR_LATER}"),
    res.named_date, "day",
    needs=(MONTH_TOKENS,), near=MONTH_TOKENS, bad_before=".,$", accept=accept_day_month,
))
_add(Rule(
    "month year", "March 1945; September of 2013",
    re.compile(rf"(?P<month>{MONTH})(?:{SP}of)?,?{SP}(?P<year>{YEAR4})(?!\d|[.,]\d)"),
    res.month_of_year, "month",
    needs=(MONTH_TOKENS,), bad_before="-",
))
_add(Rule(
    "season year", "summer of 2014; fall 2007",
    re.compile(
        rf"(?P<season>{ci(*SEASONS.split('|'))})(?:{SP}of)?{SP}(?P<year>{YEAR4})(?!\d|[.,]\d)"
    ),
    res.season_of_year, "season",
    needs=(SEASON_TOKENS,), near=SEASON_TOKENS, bad_before="-",
))
_add(Rule(
    "decade", "the 1950s; the '90s",
    re.compile(r"(?:(?P<decade>1[0-9]{2}0|20[0-9]0)|['’](?P<decade_short>[0-9]0))['’]?s(?!\w)"),
    res.decade, "decade",
    needs=(DECADE_TOKENS,), near=DECADE_TOKENS, bad_before="$",
))
_add(Rule(
    "ago", "a week ago; two days ago; Seventy years ago",
    re.compile(
        rf"(?P<count>{COUNT}){SP}(?P<unit>days?|weeks?|months?|years?|decades?){SP}ago(?!\w)"
    ),
    res.ago, ago_granularity, relative=True,
    needs=((" ago",),), near=(" ago",), bad_before="-",
))
_add(Rule(
    "month relative year", "May last year; March of next year",
    re.compile(
        rf"(?P<month>{MONTH_FULL})(?:{SP}of)?{SP}(?P<year_relation>{ci('last', 'this', 'next')})"
        rf"{SP}year(?![\w-])"
    ),
    res.bare_month, "month", relative=True,
    needs=(MONTH_TOKENS, ("year", "Year")), near=("year", "Year"), bad_before="-",
))
_add(Rule(
    "relative unit", "last week; Earlier this month; this past weekend; next summer",
    re.compile(
        rf"(?P<modifier>{RELATIVE_PREFIX}){SP}"
        rf"(?P<unit>{ci('weekend', 'week', 'month', 'year')}|{SEASONS})(?![\w-])"
    ),
    res.relative_unit, unit_granularity, relative=True,
    needs=(("ast ", "ext ", "his "), UNIT_TOKENS), near=UNIT_TOKENS, bad_before="-",
    accept=accept_relative_unit,
))
_add(Rule(
    "part of day", "last night; this morning",
    re.compile(
        rf"(?:(?P<last>{ci('last')}){SP}(?:night|evening)|{ci('this')}{SP}"
        r"(?:morning|afternoon|evening))(?!\w)"
    ),
    res.part_of_day, "day", relative=True,
    needs=(PART_OF_DAY_TOKENS,), near=PART_OF_DAY_TOKENS, bad_before="-",
))
_add(Rule(
    "deictic", "today; yesterday; tomorrow; tonight",
    re.compile(rf"(?P<word>{ci('today', 'yesterday', 'tomorrow', 'tonight')})(?!\w)"),
    res.deictic, "day", relative=True,
    needs=(("oday", "esterday", "omorrow", "onight"),), bad_before="-",
))
_add(Rule(
    "the weekend", "over the weekend; the past weekend",
    re.compile(
        rf"(?:{ci('over', 'during', 'on', 'at', 'for')}{SP}the|(?:the|{ci('this')}){SP}"
        rf"(?P<past>past)){SP}weekend(?![\w-])"
    ),
    res.the_weekend, "weekend", relative=True,
    needs=(("weekend",),), near=("weekend",), bad_before="-", trim=trim_prepositions,
))
_add(Rule(
    "season", "in the fall; during the summer",
    re.compile(
        rf"{ci('in', 'during', 'by', 'until', 'through', 'over', 'since', 'for')}{SP}the"
        rf"{SP}(?:(?:early|late){SP})?(?P<season>(?:{SEASONS}))(?!\w)(?!{SP}of{SP}[A-Z])"
    ),
    res.bare_season, "season", relative=True,
    needs=(SEASON_TOKENS,), near=SEASON_TOKENS, bad_before="-", trim=trim_prepositions_keep_the,
    habitual_drops=True,
))
_add(Rule(
    "weekday", "Friday; on Sunday; last Friday; Friday's",
    re.compile(rf"(?P<weekday>{WEEKDAY})(?!\w|['’]s\w)"),
    res.weekday, "day",
    needs=(("day",),),  # every weekday name ends in "day"
    bad_before="-", accept=accept_weekday, takes_relation=True, habitual_drops=True,
))
_add(Rule(
    "month", "in July; until March; last January",
    re.compile(rf"(?P<month>{MONTH_FULL})(?!\w|[ \t]*\d|-\w)"),
    res.bare_month, "month", relative=True,
    needs=(MONTH_TOKENS,), bad_before="-", accept=accept_month, takes_relation=True,
    habitual_drops=True,
))
_add(Rule(
    "year", "2001; in 1492",
    re.compile(r"(?P<year>1[0-9]{3}|20[0-9]{2})"),
    res.written_year, "year",
    bad_before="$£€#.,/:'’-", accept=accept_year,
))
# fmt: on

__all__ = ["RULES", "Parts", "Registry", "Rule"]
