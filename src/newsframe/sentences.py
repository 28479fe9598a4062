"""Offline, rule-based sentence splitting inside one line.

A boundary is sentence-final punctuation (``.``, ``!``, ``?``, ``…``), optionally followed by
closing quotes or brackets, then whitespace, then something that can open a sentence (a capital
letter, a digit or an opening quote). A period does not end a sentence after a known
abbreviation ("Gen.", "Aug.", "Mr."), a single initial ("Robert H. Schuller") or an
initialism ("U.S.", "U.N.") unless the next word is a usual sentence opener ("U.S. The ...").
Hyphens ("U.N.-mandated") and apostrophes ("OK'd") never split.

Trailing site chrome glued to a paragraph ("... justice is served. E-mail to a friend",
"... in a statement.  Watch what led to Vick's suspension »") becomes its own sentence, marked
so that the caller can label it ``boilerplate``.
"""

from __future__ import annotations

import re
import string

_ABBREV_WORDS = """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr rep sen gov pres supt insp
    det st ste mt ft jr sr rev fr hon amb atty messrs mme mlle jan feb mar apr jun jul aug sep
    sept oct nov dec tues thurs nos vol fig inc ltd corp bros dept univ est approx vs etc al
    ave blvd ala ariz ark calif colo conn fla kan kans mich minn mont neb nev okla tenn tex wis
    wyo
"""
ABBREVIATIONS = frozenset(_ABBREV_WORDS.split())
# words that make "U.S. <Word>" a boundary: "... in the U.S. The president said"
_OPENER_WORDS = """
    the a an he she it they we i his her their its this that these those there but and so in on
    at for if when while after before as yet however meanwhile
"""
_OPENERS = frozenset(_OPENER_WORDS.split())

# a sentence boundary: a whole run of end punctuation (never started inside one), closing quotes
# and brackets, blanks, then an opening quote or bracket and a capital or digit; possessive
# runs and the look-behind keep the scan linear on "!!!!..." and the like
_BOUNDARY = re.compile(
    r"""(?<![.!?…])(?P<punct>[.!?…]++)(?P<close>["'”’»)\]]*+)(?P<space>\s++)"""
    r"""(?=(?P<next>["'“‘«(\[]*[A-Z0-9À-ÖØ-Þ]))"""
)
_LOOKBACK = 64  # characters searched for the word before a period: keeps splitting linear
# the word after a boundary, behind opening quotes and brackets (read where a match ends, so
# the look-behind only keeps a search over hostile text linear)
_NEXT_WORD = re.compile(r"(?<![\"'“‘«(\[])[\"'“‘«(\[]*+([A-Za-z]+)")
TAIL_CHROME = re.compile(
    r"(?i)(?:(?<=\s)|^)(?:e-?mail\ to\ a\ friend|(?:watch|see|read|listen)\b[^.!?]{0,160}»)\s*$",
    re.X,
)


_WORD_CHARS = string.ascii_letters + ".'’-"


def _word_before(text: str, dot_at: int) -> str | None:
    """The word before the period at ``dot_at``, or ``None``.

    Within the :data:`_LOOKBACK` characters before the period (a final line break left
    out), take the run of ASCII letters, periods, apostrophes and hyphens that ends them, and
    drop what comes before its first letter: "the U.S" -> "U.S", "... 1999" -> ``None``. This
    is what ``re.search(r"([A-Za-z][A-Za-z.'’-]*)$", window)`` finds, by two strips instead
    of a search that tries every start in the window."""
    seg = text[max(0, dot_at - _LOOKBACK) : dot_at]
    if seg.endswith("\n"):
        seg = seg[:-1]
    run = seg[len(seg.rstrip(_WORD_CHARS)) :]
    word = run.lstrip(".'’-")
    return word or None


def _is_abbreviation(word: str) -> bool:
    if "." in word.rstrip("."):  # initialism such as U.S or U.N or a.m
        return True
    bare = word.rstrip(".").lower()
    return len(bare) == 1 or bare in ABBREVIATIONS


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int, bool]]:
    """Split ``text`` into sentences.

    Returns ``(start, end, is_chrome)`` triples: character offsets into ``text`` plus
    ``offset``, with surrounding whitespace excluded, and ``is_chrome`` true for trailing site
    chrome. Empty or whitespace-only text gives no sentences.
    """
    spans: list[tuple[int, int, bool]] = []
    body_end = len(text.rstrip())
    chrome = TAIL_CHROME.search(text, 0, body_end + 1)
    chrome_span: tuple[int, int] | None = None
    if chrome and chrome.start() > 0:
        chrome_span = (chrome.start(), body_end)
        body_end = len(text[: chrome.start()].rstrip())
    elif chrome:
        return [(offset + chrome.start(), offset + body_end, True)]

    start = 0
    for m in _BOUNDARY.finditer(text, 0, body_end):
        punct = m.group("punct")
        before = _word_before(text, m.start()) if punct == "." else None
        if before and _is_abbreviation(before):
            nxt = _NEXT_WORD.match(text, m.end())
            if not ("." in before and nxt and nxt.group(1).lower() in _OPENERS):
                continue
        end = m.start("space")
        _append(spans, text, start, end, offset)
        start = m.end()
    _append(spans, text, start, body_end, offset)
    if chrome_span:
        spans.append((offset + chrome_span[0], offset + chrome_span[1], True))
    return spans


def _append(
    spans: list[tuple[int, int, bool]], text: str, start: int, end: int, offset: int
) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail > lead:
        spans.append((offset + start + lead, offset + start + trail, False))


__all__ = ["ABBREVIATIONS", "split_sentences"]
