"""Adversarial strings for a regular expression, built from its own alphabet.

Catastrophic backtracking needs input made of what the pattern matches almost everywhere: the
same few characters and words, repeated, with the match failing at the end. So for each
pattern this takes the characters and literal words it names (``re._parser``), and builds
repetitions of each character, of each pair, of each word, of all words together, random
strings over the alphabet (a fixed seed), and a few shapes seen in hostile news input. A
pattern is linear-time in practice when every one of them is searched in well under a second
at tens of kilobytes.
"""

from __future__ import annotations

import contextlib
import itertools
import random
import re
import signal
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

from benchmarks.hostile import UNITS

_CATEGORY = {
    C.CATEGORY_DIGIT: "7",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_WORD: ".",
}
# the slow-input units of the benchmarks, and short shapes that exercise a pattern's classes
_SHAPES = ("Aa ", "Aa's ", "Aa's Bb ", "1 ", "January 1, ", "The ", "a ", ". ", "--", " -- ", "A. ")
HOSTILE = tuple(dict.fromkeys((*UNITS, *_SHAPES)))


class TooSlow(Exception):
    """Raised by :func:`deadline` in the block it guards."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block with :class:`TooSlow` after ``seconds`` of wall time (the regex
    engine checks signals), so that a hang fails a test instead of stopping the suite."""

    def stop(signum: int, frame: object) -> None:
        raise TooSlow(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _walk(items, chars: set[str], words: list[str]) -> None:  # type: ignore[no-untyped-def]
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            chars.add(chr(av))
            continue
        if len(run) > 1:
            words.append("".join(run))
        run = []
        if op is C.NOT_LITERAL or op is C.ANY:
            chars.update("a ")
        elif op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    chars.add(chr(iav))
                elif iop is C.RANGE:
                    chars.update((chr(iav[0]), chr(iav[1])))
                elif iop is C.CATEGORY and iav in _CATEGORY:
                    chars.add(_CATEGORY[iav])
        elif op is C.CATEGORY and av in _CATEGORY:
            chars.add(_CATEGORY[av])
        elif op is C.BRANCH:
            for branch in av[1]:
                _walk(branch, chars, words)
        elif op is C.SUBPATTERN:
            _walk(av[-1], chars, words)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _walk(av[2], chars, words)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], chars, words)
        elif op is C.ATOMIC_GROUP:
            _walk(av, chars, words)
    if len(run) > 1:
        words.append("".join(run))


def alphabet(pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """The characters and the literal words (runs of two or more literals) a pattern names."""
    chars: set[str] = set()
    words: list[str] = []
    _walk(_parser.parse(pattern.pattern, pattern.flags), chars, words)
    chars.discard("\x00")
    return sorted(chars), sorted(set(words))


def strings(pattern: re.Pattern[str], size: int, *, pairs: int = 12) -> Iterator[str]:
    """Adversarial strings of about ``size`` characters for ``pattern``."""
    chars, words = alphabet(pattern)
    rng = random.Random(2013)
    for unit in [*chars, *words, *HOSTILE]:
        yield unit * (size // len(unit))
        yield (unit + " ") * (size // (len(unit) + 1)) + "\n"
    for a, b in itertools.islice(itertools.combinations(chars, 2), pairs):
        yield (a + b) * (size // 2)
    if words:
        yield (" ".join(words) + " ") * max(1, size // (sum(map(len, words)) + len(words)))
    pool = chars + words + [" "]
    for _ in range(3):
        out: list[str] = []
        while sum(map(len, out)) < size:
            out.append(rng.choice(pool))
        yield "".join(out)
    titled = " ".join(w.capitalize() for w in (words or ["word"]))
    yield ("Aa's " + titled + " ") * max(1, size // (len(titled) + 6))
