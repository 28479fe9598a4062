"""Small facts about English text shared by every extractor: calendar names, words, scripts.

Month and weekday names come from the standard library's :mod:`calendar`, read once in the C
locale so that they are English whatever locale the user's program has set.
"""

from __future__ import annotations

import calendar
import re
import string
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any


def _calendar_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    with calendar.different_locale("C"):  # type: ignore[arg-type]
        months = tuple(calendar.month_name[1:])
        days = tuple(calendar.day_name)
    return months, days


MONTHS, WEEKDAYS = _calendar_names()
"""English month names (January ... December) and weekday names (Monday ... Sunday)."""

MONTH_ABBREVIATIONS: dict[str, int] = {
    **{name[:3]: i for i, name in enumerate(MONTHS, start=1) if name != "May"},
    "Sept": 9,
}
"""Newsroom abbreviations (AP style and common variants), without the full stop: Jan ... Dec,
Sept. "May" is a full name, not an abbreviation."""

MONTH_NUMBERS: dict[str, int] = {
    **{name: i for i, name in enumerate(MONTHS, start=1)},
    **MONTH_ABBREVIATIONS,
}
"""Month names and abbreviations -> month number (1-12)."""

_TOKEN_RE = re.compile(
    r"(?<!\S)\S*?[^\W_]"
)  # one match per whitespace token holding a letter/digit


def count_words(text: str) -> int:
    """Words in ``text``: whitespace-separated tokens holding at least one letter or digit.

    The one word counter of newsframe (sentiment word counts and corpus article lengths)."""
    return len(_TOKEN_RE.findall(text))


_SCRIPT_NAMES = {
    "CJK": "Han",
    "HIRAGANA": "Hiragana",
    "KATAKANA": "Katakana",
    "HANGUL": "Hangul",
    "LATIN": "Latin",
}


@lru_cache(maxsize=8192)
def script_of_letter(c: str) -> str:
    """The script of one letter: "Latin", "Han", "Cyrillic", "Arabic"..."""
    if c.isascii():
        return "Latin"
    name = unicodedata.name(c, "UNKNOWN")
    if "LATIN" in name:  # also "FULLWIDTH LATIN ...", "MODIFIER LETTER SMALL LATIN ..."
        return "Latin"
    first = name.split(" ", 1)[0]
    return _SCRIPT_NAMES.get(first, first.title())


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER_BYTES = string.ascii_letters.encode("ascii")
_COUNTER_FROM = 64  # fewer non-ASCII characters are cheaper to walk one by one
_WALK_UP_TO = 48  # a text this short costs less walked letter by letter than set up for


def script_counts(text: str) -> dict[str, int]:
    """How many of ``text``'s letters are written in each script, scripts in the order of
    their first letter. ASCII letters are counted by a bytes translation and other characters
    by a C-level counter; each distinct character is looked up once, so a long text costs
    little whatever its script. A short text is walked once, letter by letter (the first
    letter of each script then inserts it, in order)."""
    if text.isascii():
        data = text.encode("ascii")
        letters = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
        return {"Latin": letters} if letters else {}
    if len(text) <= _WALK_UP_TO:
        walked: dict[str, int] = {}
        for c in text:
            if c.isalpha():
                name = "Latin" if c < "\x80" else script_of_letter(c)
                walked[name] = walked.get(name, 0) + 1
        return walked
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    latin = _ASCII_LETTER.search(text)
    if latin is not None:
        first["Latin"] = latin.start()
        # UTF-8 writes an ASCII letter as that one byte and nothing else with its bytes, so
        # the bytes the translation deletes are the ASCII letters (no list of matches)
        data = text.encode("utf-8", "surrogatepass")
        counts["Latin"] = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
    # distinct characters in the order of their first occurrence: the first one met
    # of a script is that script's first non-ASCII letter
    met: set[str] = set()
    chars = _NON_ASCII.findall(text)
    counted = Counter(chars).items() if len(chars) > _COUNTER_FROM else ((c, 1) for c in chars)
    for c, k in counted:
        if c.isalpha():
            name = script_of_letter(c)
            counts[name] = counts.get(name, 0) + k
            if name not in met:
                met.add(name)
                first[name] = min(first.get(name, len(text)), text.find(c))
    return {name: counts[name] for name in sorted(counts, key=first.__getitem__)}


def script_of(text: str) -> str:
    """The script most of ``text``'s letters are written in: "Latin", "Han", "Cyrillic"...

    "Common" when the text has no letters at all (numbers, punctuation).
    """
    if text.isascii():
        return "Latin" if _ASCII_LETTER.search(text) else "Common"
    counts = script_counts(text)
    if not counts:
        return "Common"
    return max(counts.items(), key=lambda kv: kv[1])[0]


# -- literals every match of a pattern holds ----------------------------------------------
def required_literals(pattern: str) -> frozenset[str] | None:
    """ASCII literal strings, none holding a blank, one of which every match of ``pattern``
    contains: ``r"\b(?:usually|tends?[ \t]+to)\b"`` -> ``{"usually", "tend"}``. Of the
    choices a pattern offers, the one whose shortest string is longest. ``None`` when the
    pattern offers none (every match may be made of classes, or be empty).

    A blank splits a literal: a window of words joined by single spaces can hold "set to"
    where the text has "set\tto", but a literal free of blanks lies within one word. So does
    any other character than ASCII: a case-insensitive pattern matches "μ" to "µ" and "σ" to
    "ς", which :func:`newsframe.dates.patterns.fold` leaves apart; of ASCII letters it
    knows every caseless match. The pattern is parsed without flags.

    Both the date cues (:class:`newsframe.dates.patterns.Folded`) and the place patterns
    (``newsframe.places``) screen text with these literals before searching it.
    """
    return _required(list(re._parser.parse(pattern)))  # type: ignore[attr-defined]


def _rank(choice: frozenset[str]) -> tuple[int, int]:
    """Longer shortest string first, then fewer strings."""
    return min(map(len, choice)), -len(choice)


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run = ""

    def take(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _rank(found) > _rank(best)):
            best = found

    for op, av in items:
        kind = str(op)
        if kind == "LITERAL" and chr(av).isascii() and not chr(av).isspace():
            run += chr(av)
            continue
        take(frozenset({run}) if run else None)
        run = ""
        if kind == "SUBPATTERN":
            take(_required(list(av[-1])))
        elif kind == "BRANCH":
            each = [_required(list(alternative)) for alternative in av[1]]
            if all(each):
                take(frozenset().union(*each))  # type: ignore[arg-type]
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            take(_required(list(av[2])))
        # anything else (a class, any character, a zero-width test) holds no literal
    take(frozenset({run}) if run else None)
    return best


__all__ = [
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NUMBERS",
    "WEEKDAYS",
    "count_words",
    "required_literals",
    "script_counts",
    "script_of",
    "script_of_letter",
]
