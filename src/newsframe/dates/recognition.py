"""Finding temporal expressions: every rule's pattern is run over the text, candidates are
filtered, earlier rules win overlaps, and each hit is placed in its line and sentence.

A :class:`Hit` holds offsets into the article text, never copies of it: the text is passed
along to whatever needs to read around a hit.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import pandas as pd

from .model import Context, Hit, Parts, Rule
from .patterns import (
    RELATION_BEFORE,
)
from .rules import RULES
from .vocabulary import MONTHS

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# --- scanning -----------------------------------------------------------------------------------
class Candidate(NamedTuple):
    """An expression found by :func:`scan`, not yet placed in a sentence."""

    rule: Rule
    start: int
    end: int
    parts: Parts


def scan(text: str) -> list[Candidate]:
    """All expressions in ``text``, earlier rules winning overlaps, in text order."""
    claimed = bytearray(len(text) + 1)
    present: dict[str, bool] = {}  # substrings looked for so far
    found: list[Candidate] = []
    for rule in RULES:
        if not _needed(rule, text, present):
            continue
        for m in _matches(rule, text):
            s, e = m.span()
            if claimed[s] or claimed[e - 1] or 1 in claimed[s:e] or not _kept(rule, m, text):
                continue
            parts = m.groupdict()
            month = parts.get("month") or ""
            if text[e - 1] == "." and month.endswith(".") and month[:-1] in MONTHS:
                e -= 1  # "of October." : the full stop ends the sentence
            if rule.takes_relation:  # "last Friday", "next July", "this Monday"
                rel = RELATION_BEFORE.search(text, max(0, s - 8), s)
                if rel and (rel.start() == 0 or not text[rel.start() - 1].isalnum()):
                    parts["relation"] = rel.group(1)
                    s = rel.start()
            claimed[s:e] = b"\x01" * (e - s)
            found.append(Candidate(rule, s, e, Parts(**parts)))
    found.sort(key=lambda c: c.start)
    return found


def _needed(rule: Rule, text: str, present: dict[str, bool]) -> bool:
    """Whether ``text`` holds, for each group of the rule's ``needs``, one of its substrings."""
    for group in rule.needs:
        for token in group:
            holds = present.get(token)
            if holds is None:
                holds = present[token] = token in text
            if holds:
                break
        else:
            return False
    return True


def _kept(rule: Rule, m: re.Match[str], text: str) -> bool:
    """The rule's filters: not inside a word nor after one of its ``bad_before`` characters,
    then its own ``accept``."""
    s = m.start()
    if s:
        c = text[s - 1]
        if c.isalnum() or c == "_" or c in rule.bad_before:
            return False
    return rule.accept is None or rule.accept(m, text)


def _matches(rule: Rule, text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, over the whole text or only near the rule's ``near`` tokens."""
    if rule.near is None:
        yield from rule.pattern.finditer(text)
        return
    spots = sorted(i for tok in rule.near for i in _find_all(text, tok))
    windows: list[list[int]] = []
    for i in spots:  # merge overlapping windows, then scan each once
        lo, hi = max(0, i - 60), min(len(text), i + 40)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    seen_end = -1
    for lo, hi in windows:
        for m in rule.pattern.finditer(text, lo, hi):
            # a match ending at the window's edge may have been cut short there
            if m.start() >= seen_end and (m.end() < hi or hi == len(text)):
                seen_end = m.end()
                yield m


def _find_all(text: str, token: str) -> Iterable[int]:
    i = text.find(token)
    while i >= 0:
        yield i
        i = text.find(token, i + 1)


# --- placing hits in sentences ------------------------------------------------------------------
def find_hits(text: str, sentences: pd.DataFrame) -> list[Hit]:
    """The expressions of ``text`` on lines that hold a sentence, in text order, each with
    its line, sentence, section and context."""
    table = _SentenceTable(text, sentences)
    hits = []
    for c in scan(text):
        placed = table.place(c.start, c.end)
        if placed is None:  # a line without a sentence: blank or markup
            continue
        line, k, context = placed
        trim = c.rule.trim(text[c.start : c.end]) if c.rule.trim else 0
        hits.append(
            Hit(
                rule=c.rule,
                start=c.start + trim,
                end=c.end,
                found=c.start,
                parts=c.parts,
                line=line,
                sentence=table.ids[k],
                section=table.sections[k],
                context=context,
            )
        )
    return hits


class _SentenceTable:
    """The sentences frame as plain lists, with the sentences of each line."""

    def __init__(self, text: str, sentences: pd.DataFrame) -> None:
        self.lines = sentences["line"].to_numpy().tolist()
        self.starts = sentences["start"].to_numpy().tolist()
        self.ends = sentences["end"].to_numpy().tolist()
        self.sections = [str(v) for v in sentences["section"].tolist()]
        self.ids = sentences["sentence"].to_numpy().tolist()
        self.by_line: dict[int, list[int]] = defaultdict(list)
        self.line_starts: dict[int, list[int]] = defaultdict(list)  # sentence starts, in order
        for i, ln in enumerate(self.lines):
            self.by_line[ln].append(i)
            self.line_starts[ln].append(self.starts[i])
        self.breaks = [m.end() for m in _LINE_BREAK.finditer(text)]

    def place(self, start: int, end: int) -> tuple[int, int, Context] | None:
        """The line of ``text[start:end]``, the row of its sentence (the last one of the line
        starting at or before it) and its context; None on a line without sentences."""
        line = bisect.bisect_right(self.breaks, start) + 1
        rows = self.by_line.get(line)
        if not rows:
            return None
        # the last sentence of the line starting at or before ``start`` (a bisection: a line
        # of 100,000 sentences costs no more per hit than a line of three)
        k = rows[max(0, bisect.bisect_right(self.line_starts[line], start) - 1)]
        same_line = k > 0 and self.lines[k - 1] == line
        previous = (self.starts[k - 1], self.ends[k - 1]) if same_line else (0, 0)
        context = Context(min(self.starts[k], start), max(self.ends[k], end), *previous)
        return line, k, context


__all__ = ["Candidate", "Context", "Hit", "find_hits", "scan"]
