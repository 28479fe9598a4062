"""Regular-expression building blocks: the pieces rules are written with, and the patterns that
read the words around an expression (is it a name, a count, a future?).

Rule patterns start with literals and never with a look-behind, so that the regex engine can
skip ahead by its fast prefix scan; "not inside a word" tests are done by the rules' filters.
"""

from __future__ import annotations

import re
import sys

from ..text import required_literals
from .vocabulary import MONTH_ABBREVIATIONS, MONTHS, NUMBERS, WEEKDAYS


def ci(*words: str) -> str:
    """``ci("last", "next")`` -> ``"(?:last|Last|next|Next)"``: a flat alternation of literals,
    first letter in either case."""
    return "(?:" + "|".join(f"{w}|{w[0].upper()}{w[1:]}" for w in words) + ")"


class Folded:
    """A case-insensitive pattern for the short windows of text read around an expression.

    CPython's ``re`` tries every alternative of a case-insensitive alternation in both cases
    at every position; the same pattern matched case-sensitively over the lowercased window is
    three times faster. For an ASCII window the two are the same search: lowercasing ASCII
    keeps every offset and every word boundary, and the pattern's literals are all lowercase.
    Other windows, and windows longer than :attr:`LONGEST` (whose lowercasing would cost more
    than it saves), use the case-insensitive pattern. Matches from the fast path are matches
    over the lowercased window: read their offsets, not their text.
    """

    __slots__ = ("_exact", "_folded", "_needle", "needles", "pattern", "reach")
    LONGEST = 400

    def __init__(self, pattern: str, *, reach: int | None = None) -> None:
        """``reach``, for a pattern anchored at the end by a final ``[ \t]+$`` or
        ``[ \t]*$``: the most characters its match can span before those trailing spaces.
        A whole-window search then starts that far from the end instead of trying every
        position of the window (a look-behind or ``\b`` still sees the characters before)."""
        literals = re.sub(r"\\.", "", pattern)  # escapes (\b, \W) are no literals
        if literals != literals.lower():
            raise ValueError(f"a folded pattern is written in lowercase: {pattern!r}")
        self.pattern, self.reach = pattern, reach
        self._exact = re.compile(pattern)
        self._folded = re.compile(pattern, re.IGNORECASE)
        self.needles = required_literals(pattern)
        """Strings one of which every match contains (see :func:`required_literals`)."""
        self._needle = (
            re.compile("|".join(map(re.escape, sorted(self.needles)))) if self.needles else None
        )

    def may_occur_in(self, folded: str) -> bool:
        """False when no part of the text whose :func:`fold` is ``folded`` can hold a match:
        none of :attr:`needles` occurs in it. A window searched later (a slice of that text,
        or words of it joined by spaces) then needs no search at all."""
        return self._needle is None or self._needle.search(folded) is not None

    def search(self, s: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.reach is not None and pos == 0 and endpos >= len(s):
            # "$" also matches before a final line break: the spaces end there, then
            body = s[:-1] if s.endswith("\n") else s
            pos = max(0, len(body.rstrip(" \t")) - self.reach)
        if len(s) <= self.LONGEST and s.isascii():
            return self._exact.search(s.lower(), pos, endpos)
        return self._folded.search(s, pos, endpos)


_CASELESS_EXTRAS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(s: str) -> str:
    """``s`` lowercased, with the four non-ASCII letters that a case-insensitive ``re`` pattern
    matches to an ASCII letter ("İ", "ı", "ſ" and the Kelvin sign, in the ``re`` docs under
    ``IGNORECASE``) written as that letter. One character for one: every character a
    :class:`Folded` pattern's literal matches folds to that literal (a test checks every code
    point)."""
    return s.lower() if s.isascii() else s.translate(_CASELESS_EXTRAS).lower()


# --- pieces of rule patterns -------------------------------------------------------------------
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
MONTH_FULL = "(?:" + "|".join(MONTHS) + ")"
# full names before abbreviations, and "Sept" before "Sep"; an abbreviation may keep its dot
MONTH = "(?:" + "|".join([*MONTHS, *sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)]) + r")\.?"
COUNT = (
    r"(?:\d{1,3}|"
    + "|".join(f"{w}|{w.capitalize()}" for w in sorted(NUMBERS, key=len, reverse=True))
    + ")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
SP = r"[ \t\u00a0]+"  # spaces that never cross a line
OSP = r"[ \t\u00a0]*"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
SEASONS = "spring|summer|fall|autumn|winter"
RELATIVE_PREFIX = ci(
    *[f"{m} {r}" for m in ("earlier", "later", "early", "late") for r in ("this", "last", "next")],
    "this past",
    "last",
    "this",
    "next",
)
RELATION_BEFORE = re.compile(r"(last|next|this|Last|Next|This)[ \t]+$")
"""A "last", "next" or "this" right before a weekday or a month ("last Friday", "next July")."""
LEADING_WORDS = re.compile(
    r"^(?:(?:in|on|at|by|the|during|over|for|until|since|through|till)[ \t]+)+(?:the[ \t]+)?",
    re.I,
)
"""Prepositions a surface leaves out ("over the weekend" -> "weekend")."""

# --- what comes before or after a candidate (the rules' filters) -------------------------------
# The "after" patterns are matched where a candidate ends; the look-behind that opens those
# that start with blanks changes nothing there, and keeps a search over hostile text linear.
YEAR_AFTER = re.compile(r"[\w%°]|[.,:/]\d|-\d|(?<![ \t])[ \t]*(?:%|percent|per cent)")
WEEKDAY_NAME_AFTER = re.compile(
    r"^(?:['’]s)?[ \t]+(?:Times|Telegraph|Mirror|Express|Herald|Post|Night[ \t]+(?:Live|Football)"
    r"|service|services|school|schools|mass|worship|best|brunch|roast|league|paper|papers|"
    r"edition of the)\b"
)
GENERIC_BEFORE_WEEKDAY = Folded(r"\b(?:a|every|each|any|one|some|most)[ \t]+$", reach=5)
MONTH_CONTEXT = Folded(
    r"\b(?:in|since|until|till|by|from|through|to|before|after|during|of|early|mid|late|around"
    r"|last|next|this|that|the|for|between|and|or|beginning|starting|ending|throughout|as)"
    r"[ \t]+$|\bmid-$",
    reach=10,
)
STRONG_MONTH_CONTEXT = Folded(
    r"\b(?:in|since|until|till|by|from|through|before|after|during|early|late|last|next|this)"
    r"[ \t]+$|\bmid-$",
    reach=7,
)
GENERIC_MONTH = Folded(r"\b(?:every|each)[ \t]+(?:the[ \t]+)?$")
CAPITAL_AFTER = re.compile(r"(?<![ \t])[ \t]+[A-Z]")
NAME_AFTER = re.compile(r"(?<![ \t])[ \t]+[A-Z][a-z]")
ORDINAL_OR_OF = re.compile(r"(?:st|nd|rd|th)[ \t]|of[ \t]")
NOT_A_DAY_AFTER = re.compile(r"(?<![ \t])[ \t]*(?:-year|-day|%|percent|million|billion)")
THE_BEFORE = re.compile(r"\b(?:the|The)[ \t]+$")
YEAR_PREP = Folded(
    r"\b(?:in|since|of|by|from|until|till|before|after|circa|year|during|early|late|mid)[ \t]+$",
    reach=6,
)
YEAR_BAD_BEFORE = Folded(
    r"(?:\b(?:flight|flights|no|nos|number|route|highway|interstate|room|suite|apartment|apt|box|"
    r"boeing|airbus|chapter|article|section|page|pages|resolution|code|model|channel|form|rule|"
    r"station|gate|unit|bus|train|lot|platform|pier|exit|bill|hr|s|act|ticket|account|phone|"
    r"call|serial|pin|zip|order|case|file|ref|reference|id)\.?[ \t]+|[#№][ \t]*)$",
    reach=11,
)
NEXT_WORD = re.compile(r"(?<![ \t])[ \t]+([A-Za-z]+)")
COUNT_BEFORE = Folded(
    r"\b(?:than|some|about|nearly|almost|approximately|roughly|least|over|under|around|only|"
    r"just|estimated|total|of|all|the|those|these|another|extra|additional)[ \t]+$",
    reach=13,
)
OF_OR_THE_BEFORE = re.compile(r"\b(?:of|the)[ \t]+$")
YEAR_RANGE_AFTER = re.compile(r"(?<![ \t])[ \t]*(?:to|-|–)[ \t]*\d{3,4}\b")
DIGIT_BEFORE = re.compile(r"\d[ \t]*$")
STREET_AFTER = re.compile(
    r"^(?:[ \t]+[A-Z][\w.'’-]*){1,3}[ \t]+(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Lane|Ln"
    r"|Drive|Dr|Way|Place|Pl|Court|Ct|Highway|Hwy|Pike|Parkway|Pkwy|Circle|Terrace|Square)\b"
)
# the look-behind tries each word once, from its first letter, not from every letter of it
# (searched on a slice: with pos > 0 the look-behind would see the characters before pos)
PREVIOUS_WORD = re.compile(r"(?<![\w'’.-])([\w'’.-]+)[ \t,]*$")

# --- tense and genericity (the resolvers' context tests) ---------------------------------------
_FUTURE_WORDS = (
    r"will|won['’]t|would|shall|['’]ll|set to|scheduled|slated|due|expected to|expects? to|"
    r"plans? to|planning to|planned for|going to|upcoming|next|to be held|set for|"
    r"(?:is|are) (?:due |likely |expected )?to|likely to|poised to"
)
FUTURE_STRICT = Folded(rf"(?:\b|(?<=['’]))(?:{_FUTURE_WORDS})\b")
FUTURE_LOOSE = Folded(
    rf"(?:\b|(?<=['’]))(?:{_FUTURE_WORDS}|until|till|deadline|as early as|as soon as|planning"
    r"|plans)\b"
)
# a forecast in the passive before the expression: "rain is expected on Friday", "storms are
# forecast for Friday" (after it, "... on Sunday, and more rain is expected" is another clause)
FORECAST_BEFORE = Folded(
    r"\b(?:is|are|be|being)[ \t]+(?:expected|forecast|forecasted|predicted|projected)\b"
)
HEADLINE_FUTURE = re.compile(r"^\W*(?:[A-Z][\w.'’-]*\s+){1,5}(?:is\s+)?to\s+[a-z]{3,}")
# the clause around a bare month, season or weekday says it happens every year or week ("the
# monsoon normally begins in July", "Every year, the rains start in March"): no particular one
HABITUAL = Folded(
    r"\b(?:normally|usually|typically|traditionally|generally|customarily|ordinarily|"
    r"routinely|regularly|habitually|invariably|annually|often|tends?[ \t]+to|"
    r"(?:every|each)[ \t]+(?:year|week|summer|winter|spring|autumn|fall)|in[ \t]+most[ \t]+years|"
    r"as[ \t]+a[ \t]+rule)\b"
)
CLAUSE_BREAK_CHARACTERS = ",;:()—–"
CLAUSE_BREAK = re.compile("[" + re.escape(CLAUSE_BREAK_CHARACTERS) + "]")
PAST_CUE_BEFORE = Folded(r"\b(?:since|ago|last|previous|earlier)\W*$")
TODAY_EVENT = re.compile(
    r"^['’]s[ \t]+(?:ceremony|meeting|vote|announcement|hearing|decision|game|match|race|"
    r"speech|session|release|report|briefing|attack|event|election|rally|summit|launch|"
    r"news|statement|visit|trial|verdict|ruling|agreement|deal|talks|signing|funeral)\b"
)
PAST_CONTRAST = Folded(
    r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b|\b(?:ago|then|at the time|in the past|used to|once|"
    r"formerly|decades?|centuries|century|history)\b"
)
WORD_CHARACTER = re.compile(r"\w")
