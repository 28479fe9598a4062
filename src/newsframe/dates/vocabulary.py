"""The words temporal expressions are made of, and the words around them that matter.

Month and weekday names come from :mod:`newsframe.text`; everything else here is a plain word
list. Nothing in this module knows about regular expressions.
"""

from __future__ import annotations

from ..text import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS, WEEKDAYS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WEEKDAY_INDEX: dict[str, int] = {name: i for i, name in enumerate(WEEKDAYS)}
"""Weekday name -> ``date.weekday()`` (Monday = 0)."""

NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
"""Number words that count units in "N days ago" ("twenty-one" is read as 20 + 1)."""

SEASON_START: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
"""The month a meteorological season starts in."""

PAST_IRREGULAR = _words(
    """said told came went took gave held made met found began left saw got won lost spoke
    wrote sent brought bought fell rose ran struck hit shot paid led fled flew drove heard kept
    felt sold thought stood sat broke chose caught fought taught knew grew threw wore was were
    did had died became sang swore awoke woke arose"""
)
"""Past-tense verbs that do not end in "-ed"."""

NOT_PAST = _words(
    """scheduled slated planned expected need speed indeed proceed succeed exceed hundred seed
    feed red bed shed united"""
)
"""Words ending in "-ed" that do not put what follows in the past."""
PASSIVE_AUXILIARIES = _words("is are am be being")
"""Before a participle they make it no past tense: "will be held Friday", "is planned"."""

WEEKDAY_NAME_BEFORE = _words(
    """Black Good Super Bloody Ash Easter Palm Holy Cyber Giving Fat Maundy Shrove News Fox Meet
    Face Red Blue Manic Casual"""
)
"""Words that make a weekday part of a name ("Black Friday", "Fox News Sunday")."""

COUNT_NOUNS = _words(
    """pixels px people persons men women children kids troops soldiers students workers
    residents civilians deaths dead victims cases homes houses cars vehicles feet foot ft meters
    metres miles km kilometers kilometres yards acres tons tonnes pounds lbs dollars euros hours
    minutes seconds days weeks months years points votes members employees jobs units rooms
    copies barrels calories words pages protesters prisoners inmates refugees migrants officers
    police marines sailors flights passengers fans delegates signatures names species animals
    dogs cats birds fish horses cattle sheep trees rounds shots bullets missiles rockets bombs
    times gmt utc et est edt pst bst hrs"""
)
"""Nouns that make a four-digit number a count ("2000 troops") or a time ("1800 GMT")."""


def number(word: str) -> int | None:
    """The value of a count as written: "12", "a", "Seventy", "twenty-one"; None if unread."""
    word = word.lower().replace("-", " ")
    if word.isdigit():
        return int(word)
    total = 0
    for part in word.split():
        if part not in NUMBERS:
            return None
        total += NUMBERS[part]
    return total or None


def month_number(name: str) -> int:
    """The month of a name or abbreviation as written: "January", "Jan.", "Sept" -> 1-12."""
    return MONTH_NUMBERS[name.rstrip(".")]


__all__ = [
    "COUNT_NOUNS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "NOT_PAST",
    "NUMBERS",
    "PASSIVE_AUXILIARIES",
    "PAST_IRREGULAR",
    "SEASON_START",
    "WEEKDAYS",
    "WEEKDAY_INDEX",
    "WEEKDAY_NAME_BEFORE",
    "month_number",
    "number",
]
