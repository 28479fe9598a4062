"""The records temporal-expression extraction passes between its steps, in one module so that
the steps import it and never each other: a :class:`Rule` and its :class:`Registry`, the
:class:`Parts` of an expression as written, a :class:`Hit` found in the text, and what a hit
resolves to (a :class:`Span`, ``None`` for unresolved, or :data:`DROP`) against a
:class:`Reference`; and the calendar a span can hold (:data:`FIRST_DAY` .. :data:`LAST_DAY`),
with the only date arithmetic resolvers use to leave a day, :func:`calendar_date` and
:func:`add_days`, which raise :class:`OutOfRange` rather than anything of :mod:`datetime`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from .patterns import (
    CLAUSE_BREAK,
    CLAUSE_BREAK_CHARACTERS,
    FORECAST_BEFORE,
    FUTURE_LOOSE,
    FUTURE_STRICT,
    HABITUAL,
    HEADLINE_FUTURE,
    PAST_CUE_BEFORE,
    Folded,
    fold,
)
from .vocabulary import NOT_PAST, PASSIVE_AUXILIARIES, PAST_IRREGULAR


# --- rules --------------------------------------------------------------------------------------
class Parts(NamedTuple):
    """The named parts of an expression as written: the named groups of its rule's pattern."""

    year: str | None = None  # "2013"; "13" in "1/17/13"
    month: str | None = None  # "January", "Jan.", "01"
    day: str | None = None  # "17"
    weekday: str | None = None  # "Thursday"
    relation: str | None = None  # "last", "this" or "next" before a weekday or a month
    year_relation: str | None = None  # "last" in "May last year"
    modifier: str | None = None  # "last", "earlier this", "this past" before a unit
    unit: str | None = None  # "week", "days", "summer"
    # "two" in "two days ago" (the field hides tuple.count, which nothing here calls)
    count: str | None = None  # type: ignore[assignment]
    season: str | None = None  # "fall"
    decade: str | None = None  # "1950" in "the 1950s"
    decade_short: str | None = None  # "90" in "the '90s"
    last: str | None = None  # "last" in "last night"
    word: str | None = None  # "today", "yesterday", "tomorrow", "tonight"
    past: str | None = None  # "past" in "the past weekend"


Accept = Callable[[re.Match[str], str], bool]
Resolver = Callable[["Hit", "Reference"], "Outcome"]  # see resolution.py


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of temporal expression.

    ``needs`` and ``near`` only make the scan faster: the pattern is not run unless the text
    holds, for each group of ``needs``, one of its substrings, and when ``near`` is given it is
    only run within a few words of one of those substrings.
    """

    name: str
    example: str  # documentation: one surface this rule finds
    pattern: re.Pattern[str]
    resolve: Resolver  # hit -> calendar span (see resolution.py)
    granularity: str | Callable[[Parts], str]
    relative: bool = False  # only resolved against a publication date (else left unresolved)
    needs: tuple[tuple[str, ...], ...] = ()
    near: tuple[str, ...] | None = None
    bad_before: str = ""  # characters that may not come right before (nor letters, digits, _)
    accept: Accept | None = None  # a final say on a candidate, given the text around it
    takes_relation: bool = False  # a "last", "this" or "next" right before it is part of it
    trim: Callable[[str], int] | None = None  # leading characters the surface leaves out
    # dropped in a habitual clause ("normally begins in July"), unless "last / this / next" is
    # part of it: the expression names no particular month, season or day
    habitual_drops: bool = False

    def granularity_of(self, parts: Parts) -> str:
        g = self.granularity
        return g if isinstance(g, str) else g(parts)


class Registry:
    """Rules in the order they are tried. A rule must have a name of its own and a pattern
    that cannot match the empty string (an empty match would be an expression without words)."""

    def __init__(self) -> None:
        self._rules: list[Rule] = []

    def add(self, rule: Rule) -> Rule:
        if any(r.name == rule.name for r in self._rules):
            raise ValueError(f"a rule named {rule.name!r} is already registered")
        if _can_match_empty(rule.pattern):
            raise ValueError(f"rule {rule.name!r}: its pattern can match the empty string")
        self._rules.append(rule)
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, name: str) -> Rule:
        return next(r for r in self._rules if r.name == name)


def _can_match_empty(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` has a match of width 0 anywhere, read from its parsed structure
    (look-arounds and anchors have width 0)."""
    parsed = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
    return parsed.getwidth()[0] == 0


# --- hits ---------------------------------------------------------------------------------------
class Context(NamedTuple):
    """Where a hit sits: the span of its sentence (stretched to cover the hit) and of the
    sentence before it on the same line (``0, 0`` when there is none)."""

    start: int
    end: int
    previous_start: int = 0
    previous_end: int = 0


class Hit(NamedTuple):
    """One temporal expression found in the text.

    ``text[start:end]`` is its surface. ``found`` is where its rule matched, before leading
    prepositions were left out of the surface ("over the weekend" is found at "over").
    """

    rule: Rule
    start: int
    end: int
    found: int
    parts: Parts
    line: int
    sentence: int
    section: str
    context: Context

    @property
    def kind(self) -> str:
        return self.rule.name

    # --- reading around the hit ------------------------------------------------------------
    def before(self, text: str) -> str:
        """The sentence up to where the hit was found."""
        return text[self.context.start : self.found]

    def after(self, text: str, chars: int) -> str:
        """Up to ``chars`` characters of the sentence after the hit.

        The window starts at ``found + len(surface)``: for a hit whose surface was trimmed
        ("the fall" found as "in the fall") that is a few characters before the end of the
        match. That is where it has always started; starting it at ``end`` would change a few
        results, which is for a change that means to alter extraction.
        """
        at = self.found + (self.end - self.start)
        return text[at : min(self.context.end, at + chars)]

    def previous_sentence(self, text: str) -> str:
        return text[self.context.previous_start : self.context.previous_end]

    def is_future(self, text: str, *, loose: bool) -> bool:
        """Whether the wording around the hit points to the future (rule 2 of the package
        docstring). ``loose`` also takes "until", "deadline", "plans" and an "-ing" verb just
        before it as future cues."""
        before = _last_words(text[max(self.context.start, self.found - 120) : self.found], 10)
        if _may_occur(PAST_CUE_BEFORE, text, self.context) and PAST_CUE_BEFORE.search(before):
            return False
        # the last two words before the hit, leaving out "on", "late", "early" and "by"
        tail: list[str] = []
        for w in reversed(before.split()):
            if w.lower() not in _LEFT_OUT:
                tail.append(w)
                if len(tail) == 2:
                    break
        # "said Friday": the past, whatever follows; but "will be held Friday" is no past
        passive = len(tail) > 1 and tail[1].lower() in PASSIVE_AUXILIARIES
        if tail and _is_past_verb(tail[0]) and not passive:
            return False
        cue = FUTURE_LOOSE if loose else FUTURE_STRICT
        after = " ".join(self.after(text, 96).split()[:8])
        # one search over both windows: no cue takes in the NUL between them, and it ends
        # and starts a word as the windows' own ends do
        if _may_occur(cue, text, self.context) and cue.search(f"{before}\x00{after}"):
            return True
        if _may_occur(FORECAST_BEFORE, text, self.context) and FORECAST_BEFORE.search(before):
            return True
        if self.section in ("title", "highlight", "caption") and HEADLINE_FUTURE.match(
            _sentence_text(text, self.context), 0, self.found - self.context.start
        ):
            return True
        return bool(loose and tail and tail[0].lower().endswith("ing"))

    def is_habitual(self, text: str) -> bool:
        """Whether the hit's clause says it recurs: a habitual cue ("normally", "usually",
        "every year"...) between the last clause break (comma, semicolon, bracket, dash) and
        the hit, or a short fronted one ("Every year, the rains start in March"), with no
        past-tense verb between the cue and the hit ("the usually dry river flooded in July"
        is one July). "The monsoon, which normally begins in July, arrived in August": July
        recurs, August does not. Only the 160 characters before the hit are read."""
        if not _may_occur(HABITUAL, text, self.context):
            return False
        start = self.context.start
        before = text[max(start, self.found - _HABIT_WINDOW) : self.found]
        # from the end of the last clause break (0 when there is none: rfind gives -1)
        cue = HABITUAL.search(before, max(map(before.rfind, CLAUSE_BREAK_CHARACTERS)) + 1)
        if cue is None:  # a short clause opening the sentence: "Every year, ..."
            head = text[start : min(self.found, start + 40)]
            brk = CLAUSE_BREAK.search(head)
            if brk is None or len(head[: brk.start()].split()) > 4:
                return False
            if self.found - (start + brk.end()) > _HABIT_WINDOW:
                return False
            before = text[start + brk.end() : self.found]
            if not HABITUAL.search(head, 0, brk.start()):
                return False
            words = before.split()
        else:
            words = before[cue.end() :].split()
        return not any(
            _is_past_verb(w) and not (i and words[i - 1].lower() in PASSIVE_AUXILIARIES)
            for i, w in enumerate(words)
        )


_HABIT_WINDOW = 160
_SCREENED_FROM = 256


class _Sentence:
    """The last sentence a hit read around: its copy, and what is known of the cues it can
    hold. Every hit of a long highlight line matches its head from this one copy (a copy per
    hit was quadratic), and a cue none of whose literals the sentence holds is never searched
    for in any of its windows (a search per hit read the same characters again and again)."""

    __slots__ = ("cues", "end", "folded", "start", "text", "value")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.value = text[start:end]
        self.folded: str | None = None  # fold(value), made when a cue is first asked about
        self.cues: dict[Folded, bool] = {}


# the record of the last sentence read around; a new sentence gets a new record, so threads
# reading different articles never mix two sentences (a record is only ever filled in with
# what any thread would fill in: the fold of its sentence and what a cue's literals say)
_LAST_SENTENCE = _Sentence("", 0, 0)


def _sentence(text: str, context: Context) -> _Sentence:
    global _LAST_SENTENCE
    last = _LAST_SENTENCE
    if last.text is text and last.start == context.start and last.end == context.end:
        return last
    last = _LAST_SENTENCE = _Sentence(text, context.start, context.end)
    return last


def _sentence_text(text: str, context: Context) -> str:
    """``text[context.start : context.end]``, copied once per sentence."""
    return _sentence(text, context).value


def _may_occur(cue: Folded, text: str, context: Context) -> bool:
    """Whether a match of ``cue`` can lie in the sentence (:meth:`Folded.may_occur_in`): every
    window a hit reads lies in it. Decided once per sentence and cue, for a sentence of
    :data:`_SCREENED_FROM` characters or more (a shorter one is about as long as the windows
    read in it: searching them costs no more than screening it first)."""
    if context.end - context.start < _SCREENED_FROM:
        return True
    sentence = _sentence(text, context)
    known = sentence.cues.get(cue)
    if known is None:
        if sentence.folded is None:
            sentence.folded = fold(sentence.value)
        known = sentence.cues[cue] = cue.may_occur_in(sentence.folded)
    return known


_LEFT_OUT = frozenset({"on", "late", "early", "by"})  # words is_future reads past


def _last_words(chunk: str, n: int) -> str:
    return " ".join(chunk.split()[-n:])


def _is_past_verb(word: str) -> bool:
    w = word.lower().strip(".,")
    if w in NOT_PAST:
        return False
    return w in PAST_IRREGULAR or (len(w) > 4 and w.endswith("ed"))


# --- the calendar a span can hold ---------------------------------------------------------------
FIRST_DAY: Final = dt.date.min
"""The first day a span can hold: 0001-01-01, the first day of :mod:`datetime` (the dates
frame's ``datetime64[s]`` holds more; resolution computes with :class:`datetime.date`)."""
LAST_DAY: Final = dt.date.max
"""The last day a span can hold: 9999-12-31."""


class OutOfRange(ArithmeticError):
    """A day an expression denotes falls outside :data:`FIRST_DAY` .. :data:`LAST_DAY` ("300
    decades ago", "next year" in 9999): the expression is left unresolved, and the warning
    says so."""


def calendar_date(year: int, month: int, day: int) -> dt.date:
    """``date(year, month, day)``; :class:`OutOfRange` when ``year`` is outside 1..9999 (a
    ``ValueError`` still means there is no such day)."""
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise OutOfRange(f"the year {year} is outside {FIRST_DAY.year}..{LAST_DAY.year}")
    return dt.date(year, month, day)


def add_days(day: dt.date, days: int) -> dt.date:
    """``day + days`` (a negative count goes back); :class:`OutOfRange` when that leaves
    :data:`FIRST_DAY` .. :data:`LAST_DAY`, however large the count."""
    ordinal = day.toordinal() + days
    if not FIRST_DAY.toordinal() <= ordinal <= LAST_DAY.toordinal():
        raise OutOfRange(f"{day.isoformat()} {days:+d} days is outside {FIRST_DAY}..{LAST_DAY}")
    return dt.date.fromordinal(ordinal)


# --- outcomes -----------------------------------------------------------------------------------
class Span(NamedTuple):
    """An inclusive calendar span and what it was resolved against: ``explicit`` (the text
    gives it), ``publication`` or ``previous mention`` (an earlier date on the same line)."""

    start: dt.date
    end: dt.date
    anchor: str

    @classmethod
    def day(cls, day: dt.date | None, anchor: str) -> Span | None:
        return cls(day, day, anchor) if day is not None else None


class _NotADate:
    """The resolver found the expression is not a date after all ("today's terrorists")."""

    def __repr__(self) -> str:
        return "DROP"


DROP: Final = _NotADate()
Outcome = Span | None | _NotADate


@dataclass(slots=True)
class Reference:
    """What the hits of one article are resolved against: its text, its publication date or
    (undated) the year inferred for it, and what each line has said so far."""

    text: str
    published: dt.date | None
    year: int | None = None  # undated article: the year its weekday-date pairs fix (rule 11)
    line_years: dict[int, int] = field(default_factory=dict)  # last year written, per line
    line_pairs: dict[int, dt.date] = field(default_factory=dict)  # last weekday-date pair
    # the first match of a context pattern in a sentence, by (pattern id, sentence span)
    firsts: dict[tuple[int, int, int], tuple[int, int] | None] = field(default_factory=dict)

    def remember(self, hit: Hit, span: Span) -> None:
        if hit.parts.year is not None:
            self.line_years[hit.line] = span.start.year
        if hit.parts.weekday is not None and hit.parts.day is not None:
            self.line_pairs[hit.line] = span.start


__all__ = [
    "DROP",
    "FIRST_DAY",
    "LAST_DAY",
    "Accept",
    "Context",
    "Hit",
    "OutOfRange",
    "Outcome",
    "Parts",
    "Reference",
    "Registry",
    "Resolver",
    "Rule",
    "Span",
    "add_days",
    "calendar_date",
]
