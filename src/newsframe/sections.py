"""Split an article into physical lines and label each line with its section.

Labels (the categorical order used everywhere):

========== ==================================================================================
title      a short unpunctuated headline on the first line, before the dateline
caption    photo captions: prose before the dateline, or the short present-tense paragraph
           right after the dateline paragraph (the CNN layout puts gallery captions there)
highlight  story highlights: "- " / "• " bullets before the body, and ``@highlight`` blocks
body       the story itself
related    related-link headlines spliced into the body: short lines without sentence-final
           punctuation, or short headline questions
byline     reporting credits ("CNN's X reported from...", "... contributed to this report",
           "By X", wire credits such as "(Reporting by X in Y; Editing by Z)")
boilerplate site chrome and scraped footers ("E-mail to a friend", "Watch ... »", editor's
           notes, copyright lines, separators such as "___", wire-desk slugs such as
           "bur-jh/cw", text in another script than the story's)
markup     dataset markup lines such as ``@highlight``
blank      empty or whitespace-only lines
========== ==================================================================================

The rules are positional and typographic: where a line sits relative to the dateline and to
the body, how it starts, how it ends, how long it is, which script it is written in. No rule
looks at what a particular article is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import TAIL_CHROME as _TAIL_CHROME
from .text import script_counts

SECTIONS: tuple[str, ...] = (
    "title",
    "caption",
    "highlight",
    "body",
    "related",
    "byline",
    "boilerplate",
    "markup",
    "blank",
)

# --- the dateline -------------------------------------------------------------------------
# "Bamako, Mali (CNN) --", "WASHINGTON (CNN) --", "SEOUL, Aug. 20 (Yonhap) --",
# "(CNN)  --", "Marseille, France (CNN)The", "NEW YORK (AP) —", "LONDON, England (Reuters) --"
_UP = "A-ZÀ-ÖØ-Þ"  # capitals, accented ones included ("BOGOTÁ", "SÃO PAULO")
_LO = "a-zß-öø-ÿ"
# a place: up to four capitalised words; each word is possessive (it never gives back the
# letters, dots, apostrophes and hyphens it took), so a line splits into words one way only
_PLACE = rf"[{_UP}][{_UP}{_LO}.'’\-]*+(?:[ \-][{_UP}][{_UP}{_LO}.'’\-]*+){{0,3}}"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"
_AGENCY = r"\((?:[A-Z][A-Za-z&.\-]*)(?:\s[A-Z][A-Za-z&.\-]*){0,3}\)"
_CAPS_AGENCY = r"\([A-Z][A-Z&.\-]+(?:\s[A-Z][A-Z&.\-]+){0,2}\)"
_DASH = r"\s*(?:--|—|–|-)(?=\s)"
# either an agency and a dash, or an all-capital agency ("(CNN)", "(AP)") without one
DATELINE_RE = re.compile(
    rf"^(?P<dateline>(?:(?P<place>{_PLACE}(?:,\s*{_PLACE}){{0,2}})(?:,\s*{_DATE})?\s*)?"
    rf"(?:{_AGENCY}{_DASH}|{_CAPS_AGENCY}(?:{_DASH})?))\s*"
)
# All-capital place and a dash, no agency: "BAGHDAD -- ", "NEW YORK — "
DATELINE_CAPS_RE = re.compile(
    rf"^(?P<dateline>(?P<place>[{_UP}][{_UP}.'\- ]{{2,30}}[{_UP}]"
    rf"(?:,\s*[{_UP}][{_LO}]+(?: [{_UP}][{_LO}]+)?)?)"
    rf"(?:,\s*{_DATE})?\s+(?:--|—|–))\s+"
)
# A place and a colon, as Indian and other outlets write it: "New Delhi: The government..."
# Only looked for on the first content lines, and only before a long sentence.
DATELINE_COLON_RE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE}(?:,\s*{_PLACE})?)\s*:)\s+"
    rf"(?=[\"“{_UP}]\S*(?:\s+\S+){{11}})"
)

# Title-case place, its country or state, and a dash, no agency: "Baghdad, Iraq – "
DATELINE_PLACE_DASH_RE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE}(?:,\s*{_PLACE}){{1,2}})\s+(?:—|–|--))\s+(?=[\"“A-Z])"
)
# lines that are not prose: separators ("___", "* * *") and wire-desk slugs ("bur-jh/cw")
_NOT_PROSE_RE = re.compile(
    r"^[\W_]+$|^\s*[a-z]{2,5}(?:[-/][a-z]{1,5}){1,4}(?:\s*\([^()]{2,60}\))?\s*$"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# a line that only stamps the page: "2021/02/21 00:12", "08 September, 2022, 11:25 am",
# "Updated: ...", "Last modified: ...", "Published 3 hours ago"
_TIMESTAMP_RE = re.compile(
    rf"(?ix)^\s*(?:(?:last\ )?(?:updated|modified|published|posted|first\ published)\b"
    rf"[^.!?]{{0,60}}$"
    rf"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*$)"
)
# a photo credit ends the line: "Photograph: Xinhua/Rex Features", "... via Getty Images",
# "China Daily via REUTERS/File Photo", "(AP Photo/John Doe)"
_PHOTO_CREDIT_RE = re.compile(
    r"(?:\b(?:Photograph|Photo|Picture|Image)s?(?:\s+credit)?\s*:\s*\S[^.]{0,80}"
    r"|\bvia\s+(?:Getty\s+Images|REUTERS|Reuters|AP|AFP|EPA)\S*[^.]{0,30}"
    r"|/(?:File\s+Photo|Getty\s+Images|Reuters|REUTERS|AFP|AP)"
    r"|\((?:AP|AFP|Reuters|EPA)\s+Photo[^()]{0,60}\))\s*$"
)
# a line that is only a news agency's or outlet's name: "Reuters", "By Associated Press"
_AGENCY_CREDIT_RE = re.compile(
    r"^\s*(?:By\s+)?(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France[- ]Presse|"
    r"Bloomberg|Xinhua|Yonhap|Kyodo|dpa|ANI|PTI|IANS|Anadolu|CNN|BBC\s+News|NPR)"
    r"(?:\s*(?:,|and|/)\s*(?:AP|Reuters|AFP|dpa|staff))*\s*$"
)

_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪●]|\d{1,2}[.)])\s+\S")
_MARKUP_RE = re.compile(r"^\s*@[a-z_]+\s*$")
_CHROME_RE = re.compile(
    r"(?ix)^\s*(?:"
    r"e-?mail\ to\ a\ friend|share\ this|click\ here\b|advertisement$|"
    r"(?:watch|see|read|listen|explore)\b.{0,200}[»›]\s*$|"
    r".{0,80}\ball\ rights\ reserved\b|(?:copyright|©)\s|"
    r"editor'?s\ note\s*:|"
    r"(?:sign\ up|subscribe)\b.{0,80}(?:newsletter|alerts?)|"
    r"follow\ (?:us|@)\S*.{0,60}$|"
    r"(?:related|more)\ (?:stories|articles|coverage)\s*:?$|"
    r"(?:next\ up|up\ next|read\ more|most\ read|skip\ to\ (?:main\ )?content)\s*:?\s*$"
    r")"
)
_BYLINE_RE = re.compile(
    r"(?x)"
    r"\bcontributed\ to\ this\ (?:report|story|article)\b"
    # one or more names joined by ", ", ", and " or " and ": each name is a run of capitalised
    # words, and a separator always holds a comma or "and", so a line splits into names one way
    r"|^[A-Z][\w&.\- ]{0,40}['’]s\ [A-Z][\w.'’\-]+(?:\ [A-Z][\w.'’\-]+)*"
    r"(?:(?:,\ (?:and\ )?|\ and\ )[A-Z][\w.'’\-]+(?:\ [A-Z][\w.'’\-]+)*)*"
    r"\ (?:reported|wrote|contributed|compiled|produced)\b"
    r"|^(?:By|BY)\ [A-Z][\w.'’\-]+(?:\ [A-Z][\w.'’\-]+){0,3}(?:,\ [A-Z][\w ]+)?$"
)
# wire-copy credits: "(Reporting by X in Y; Additional reporting by Z; Editing by W)",
# "Reporting by X in Y", "Writing by X, editing by Y". The whole line must be credits: each part
# a role, "by" and names (capitalised words, name particles, and "and", "in", "from"... between
# them), parts joined by ";", "," or "."; brackets and a final period optional. Every token is
# taken possessively, so a line splits into parts one way only.
_CREDIT_ROLE = (
    r"(?i:(?:(?:additional|further|contributing|extra)\s+)?"
    r"(?:reporting|writing|editing|compiling|research|graphics|photography|translation|"
    r"fact[- ]checking|reported|written|edited|compiled|researched|translated|produced)"
    r"(?:\s+and\s+(?:reporting|writing|editing|research|photography))?\s+by)"
)
_CREDIT_NAME = (
    r"(?:[A-Z][\w.'’\-]*+|(?:al|el|ad|as|an)-[A-Z][\w.'’\-]*+"
    r"|(?:de|da|do|dos|das|del|della|di|du|la|le|van|von|der|den|ter|bin|ibn|al|el)(?=\s))"
)
_CREDIT_PART = (
    rf"{_CREDIT_ROLE}\s++{_CREDIT_NAME}"
    rf"(?:[\s,]++(?!{_CREDIT_ROLE})(?:{_CREDIT_NAME}|(?:and|in|from|at|for|with|&|/)(?=\s)))*+"
)
_CREDIT_RE = re.compile(
    rf"^\s*+[(\[]?\s*+(?:(?:--|—|–)\s*+)?{_CREDIT_PART}"
    rf"(?:\s*+[;,.]?\s*+{_CREDIT_PART})*+\s*+[)\]]?\s*+\.?\s*+$"
)
_QUOTES = '"“”«»'
_QUOTE_SET = frozenset(_QUOTES)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according|asked|added)\b")
_PAST = re.compile(r"\b(?:was|were|had|did|didn't|wasn't|weren't|has been|have been)\b")
_CAPTION_DATE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|"
    r"Dec\.)\s+\d{1,2}\b)"
)
_PRONOUN_START = re.compile(
    r"^(?:He|She|It|They|We|I|You|His|Her|Its|Their|Our|This|That|These|Those|There|But|And|"
    r"So|Yet|Or)\b"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A recognised dateline: the line it sits on and its character span within that line."""

    line: int  # 1-based
    text: str
    start: int  # offset within the line
    end: int  # offset within the line, where the body's first sentence may begin


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into physical lines as ``(content, line_break)`` pairs.

    Breaks are ``\\n``, ``\\r\\n`` or ``\\r``; the last line's break is ``""`` when the text does
    not end with one. Concatenating ``content + line_break`` over all pairs gives ``text`` back.
    """
    parts = re.split(r"(\r\n|\n|\r)", text)
    pairs = list(zip(parts[0:-1:2], parts[1::2], strict=True))
    if parts[-1] != "" or not pairs:
        pairs.append((parts[-1], ""))
    return pairs


def find_dateline(lines: list[str], max_line: int | None = None) -> Dateline | None:
    """Return the first dateline among the article's lines, or ``None``.

    Only lines in the first two thirds of the article are considered, and the dateline must be
    followed by prose (at least four words) on the same line. The agency and dash forms are
    looked for first, everywhere; the colon form ("New Delhi: ...") only when none is found,
    on the first three content lines, and never for a label such as "Analysis:" or
    "Editor's note:".
    """
    limit = len(lines) if max_line is None else min(max_line, len(lines))
    limit = max(1, min(limit, (2 * len(lines)) // 3 + 1))
    content = [(i, line) for i, line in enumerate(lines[:limit]) if line.strip()]
    for i, line in content:
        for rx in (DATELINE_RE, DATELINE_CAPS_RE, DATELINE_PLACE_DASH_RE):
            m = rx.match(line)
            if m and len(line[m.end() :].split()) >= 4:
                return _dateline(i, m)
    for i, line in content[:3]:
        m = DATELINE_COLON_RE.match(line)
        if m and not _COLON_LABELS.search(m.group("place")):
            return _dateline(i, m)
    return None


def _dateline(i: int, m: re.Match[str]) -> Dateline:
    text = m.group("dateline").strip()
    return Dateline(line=i + 1, text=text, start=m.start("dateline"), end=m.end())


# words that make "X:" a label, not a place
_COLON_LABELS = re.compile(
    r"(?i)\b(?:note|analysis|opinion|comment|commentary|editorial|warning|update|updated|"
    r"exclusive|breaking|watch|video|photos?|live|explainer|review|interview|factbox|"
    r"timeline|q&a|read|listen|related|source|sources|summary|correction)\b|['’]s\b"
)


def _latin_share(text: str) -> float | None:
    """The share of ``text``'s letters written in the Latin script; None when it has none."""
    counts = script_counts(text)
    letters = sum(counts.values())
    return counts.get("Latin", 0) / letters if letters else None


def _foreign_script(line: str, article_is_latin: bool) -> bool:
    if not article_is_latin or line.isascii():  # an ASCII line has only Latin letters
        return False
    share = _latin_share(line)
    return share is not None and share < 0.5


def _ends_sentence(s: str) -> bool:
    """True when the line ends like a sentence (closing quotes and brackets looked through)."""
    s = s.rstrip().rstrip("\"'”’»)]")
    return bool(s) and s[-1] in ".!?…:;"


_TWO_SENTENCES = re.compile(r"[.!?][\"'”’]*+\s+[\"“A-Z]")


def _is_related(s: str) -> bool:
    """A short headline-like line: no sentence-final punctuation, or a short question.

    The cheap tests come first: most lines of prose fail on their first letter or length."""
    head = s.lstrip()[:1]
    if not head.isupper() and not head.isdigit():
        return False  # chrome is cut from the end only: the first letter stays
    s = _TAIL_CHROME.sub("", s).strip()
    if not s or len(s) > 100 or not _QUOTE_SET.isdisjoint(s):
        return False
    words = s.split()
    if not 2 <= len(words) <= 14 or _TWO_SENTENCES.search(s):
        return False  # more than one sentence: prose, not a headline
    if s.endswith("?"):
        return s.count("?") == 1 and "." not in s[:-1].replace("U.S.", "").replace("U.N.", "")
    return not _ends_sentence(s)


def _is_inline_caption(s: str) -> bool:
    """A photo caption sitting right after the dateline paragraph (the CNN layout).

    News photo captions say when the picture was taken (a weekday or a month and day), are
    short, unquoted, not attributed and not in the past tense. A short line with no
    sentence-final punctuation in that position is a caption too ("X as Y in 'Film'").
    """
    s = s.strip()
    if not s or len(s) > 260:
        return False
    if _BULLET_RE.match(s) or not s[0].isupper():
        return False
    if not _ends_sentence(s) and len(s.split()) <= 20:
        return True
    if not _QUOTE_SET.isdisjoint(s) or not _CAPTION_DATE.search(s):
        return False
    if _REPORTING.search(s) or _PAST.search(s) or _PRONOUN_START.match(s):
        return False
    sentences = [p for p in re.split(r"(?<=[.!?])\s+", s) if p]
    return len(sentences) <= 2 and s[0].isupper()


def classify_lines(lines: list[str]) -> tuple[list[str], Dateline | None]:
    """Label every line with a section from :data:`SECTIONS`; also return the dateline."""
    n = len(lines)
    labels: list[str | None] = [None] * n
    article_is_latin = (_latin_share("".join(lines)) or 0.0) > 0.5

    # 1. blank, markup, @highlight blocks, chrome and foreign-script lines
    after_markup = False
    first_markup: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            labels[i] = "blank"
        elif "@" in line and _MARKUP_RE.match(line):
            labels[i] = "markup"
            after_markup = True
            first_markup = i if first_markup is None else first_markup
        elif after_markup:
            labels[i] = "highlight"
            after_markup = False
        elif (
            _foreign_script(line, article_is_latin)
            or _CHROME_RE.match(line)
            or _NOT_PROSE_RE.match(line)
            or _TIMESTAMP_RE.match(line)
        ):
            labels[i] = "boilerplate"
        elif _AGENCY_CREDIT_RE.match(line):
            labels[i] = "byline"

    # 2. the dateline splits the article into a front zone (captions, highlights) and the body
    content_end = first_markup if first_markup is not None else n
    dateline = find_dateline(lines, max_line=content_end)
    body_start = dateline.line - 1 if dateline else None
    if body_start is None:
        # no dateline: the body starts at the first line that is neither blank nor a bullet
        body_start = next(
            (i for i in range(content_end) if labels[i] is None and not _BULLET_RE.match(lines[i])),
            content_end,
        )
        # a short unpunctuated first line is the headline
        if body_start < content_end and _looks_like_title(lines[body_start]):
            labels[body_start] = "title"
            body_start += 1
    else:
        first = next((i for i in range(body_start) if labels[i] is None), None)
        if first is not None and _looks_like_title(lines[first]):
            labels[first] = "title"
        for i in range(body_start):
            if labels[i] is None:
                if _BULLET_RE.match(lines[i]):
                    labels[i] = "highlight"
                elif _is_byline(lines[i], 200):
                    labels[i] = "byline"
                else:
                    labels[i] = "caption"

    # 3. inside the body: the caption after the first paragraph, related links, bylines
    prose = [i for i in range(body_start, content_end) if labels[i] is None]
    has_front_captions = "caption" in labels[:body_start]
    if (
        dateline is not None
        and not has_front_captions
        and len(prose) >= 3
        and _is_inline_caption(lines[prose[1]])
    ):
        labels[prose[1]] = "caption"
    for i in prose:
        if len(lines[i]) < 600 and _PHOTO_CREDIT_RE.search(lines[i]):
            labels[i] = "caption"
    byline_at: int | None = None
    for i in range(body_start, content_end):
        if labels[i] is not None:
            continue
        line = lines[i]
        if _is_byline(line, 400):
            labels[i] = "byline"
            if "body" in labels[body_start:i]:
                byline_at = i  # credits after the story: what follows is its footer
        elif i != body_start and _is_related(line):
            labels[i] = "related"
        elif byline_at is not None and len(line) < 200:
            labels[i] = "boilerplate"  # footers after the credits
        else:
            labels[i] = "body"
    # anything left (after the first @highlight, a stray line) is a highlight
    return [lab if lab is not None else "highlight" for lab in labels], dateline


def is_credit(text: str) -> bool:
    """Whether ``text`` is wholly wire-copy credits: "(Reporting by X in Y; Editing by Z)"."""
    return len(text) < 400 and _CREDIT_RE.match(text) is not None


def _is_byline(line: str, max_len: int) -> bool:
    """A reporting credit: "By X", "CNN's X reported...", "(Reporting by X; Editing by Y)"."""
    return len(line) < max_len and bool(_BYLINE_RE.search(line) or _CREDIT_RE.match(line))


def _looks_like_title(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s.split()) <= 15
        and not _ends_sentence(s)
        and not _BULLET_RE.match(s)
        and s[:1].isupper()
        and DATELINE_RE.match(s) is None
    )


__all__ = ["SECTIONS", "Dateline", "classify_lines", "find_dateline", "is_credit", "split_lines"]
