"""Hostile inputs shared by ``make fuzz``, ``bench_hostile`` and the property tests.

Each generator makes text of a given size from a shape that once hung or exploded an
extractor (issue 16), or that stresses one: repeated tokens on one line or on many, long runs
of punctuation, hyphenated and capitalised words, date and place words packed together.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from typing import Any

from newsframe.names import TABLES

UNITS: tuple[str, ...] = (
    "Georgia. ",
    "Iran-Iraq ",
    "on Monday ",
    "A-",
    "!",
    "Aa's Bb Cc ",
    "Mr. Smith. ",
    "the 1990s and 2000s, ",
    "January 17, ",
    "Paris, France, ",
    "CNN's Joe Smith, ",
    "(CNN) -- ",
    "last week ",
    "éé ",
    "New York Times ",
    "Jordan Jordan ",
    "two days ago ",
    "in May last year ",
    "Washington, D.C. -- ",
    "300 decades ago ",
    "\t",
    "'s ",
    "((",
    "today ",
    "in July ",
    "Dr. No ",
)
"""Repeated units: each gives one input on a single line and one with a line per unit."""


def hostile_texts(size: int) -> Iterator[tuple[str, str]]:
    """``(label, text)`` of about ``size`` characters for every unit, on one line and on many."""
    for unit in UNITS:
        for sep, layout in (("", "one line"), ("\n", "lines")):
            n = max(1, size // (len(unit) + len(sep)))
            text = (unit + sep) * n
            if not text.strip(" \t\n!'(."):  # needs a letter to be an article at all
                text = "x " + text
            yield f"{unit!r} x {n}, {layout}", text
    yield from shaped_texts(size)


def _word(i: int) -> str:
    """The ``i``-th of distinct lowercase words: "ba", "bb", ... "zz", "baa"..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        out = letters[i % 26] + out
        i //= 26
        if not i:
            return "b" + out


def shaped_texts(size: int) -> Iterator[tuple[str, str]]:
    """Inputs of a shape rather than a repeated unit: dates packed as densely as in "in July "
    repeated but each with words around it that no other has (a cost per expression that a
    cache of repeated contexts would hide), and a long highlight line (the headline rules
    read it from its start)."""
    for unit in ("in July ", "on Monday ", "today "):
        for sep, layout in ((" ", "one line"), ("\n", "lines")):
            parts, n, i = [], 0, 0
            while n < size:
                parts.append(f"{unit}{_word(i)}{sep}")
                n += len(parts[-1])
                i += 1
            yield f"{unit!r} + a distinct word x {i}, {layout}", "".join(parts)[:size]
    n = (size - len("@highlight\n\n")) // len("in July ")
    yield f"'in July ' x {n} on a highlight line", "@highlight\n\n" + "in July " * n


def prose(texts: list[str], size: int, *, one_line: bool = False) -> str:
    """Ordinary article text of at most ``size`` UTF-8 bytes, made of ``texts`` repeated (one
    line per paragraph as written, or everything on one line)."""
    parts, n, i = [], 0, 0
    while n < size:
        t = texts[i % len(texts)]
        if one_line:
            t = " ".join(t.split())
        parts.append(t)
        n += len(t) + 2
        i += 1
    data = (" " if one_line else "\n\n").join(parts).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def frames_of(text: str) -> tuple[Any, dict[str, Any], float]:
    """Read ``text`` (published 2013-01-18) and build its five frames: the article, the frames
    and the CPU seconds they took. What the fuzz run checks and the benchmark times."""
    import newsframe as nf

    t = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        art = nf.read_article(text, published="2013-01-18")
        frames = {name: getattr(art, name) for name in TABLES}
    return art, frames, time.process_time() - t
