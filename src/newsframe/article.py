"""Reading an article: decoding, validation, sidecar metadata and the lazily built frames."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import BadInputError
from .frames import typed_frame
from .reading import (
    MAX_BYTES,
    DateLike,
    check_size,
    check_text,
    decode_bytes,
    is_path,
    parse_date,
    read_bytes,
    read_manifest,
    read_sidecar,
)
from .sections import SECTIONS, Dateline, classify_lines, is_credit, split_lines
from .sentences import split_sentences

if TYPE_CHECKING:
    from collections.abc import Mapping


class Article:
    """One news article: its text, its metadata and its frames.

    Build it with :func:`read_article`. Each frame (``lines``, ``sentences``, ``places``,
    ``dates``, ``sentiment``) is computed on first access and cached.

    Attributes:
        text: the decoded text, unchanged (a UTF-8 byte-order mark is not part of it).
        meta: ``title``, ``source``, ``published`` (a ``datetime.date``), ``dateline``,
            ``language``, ``path``, ``stem`` and ``encoding``; ``None`` where unknown.
    """

    __slots__ = ("__dict__", "meta", "name", "text")

    def __init__(self, text: str, meta: Mapping[str, Any] | None = None, name: str = "<text>"):
        self.text = text
        self.name = name
        base: dict[str, Any] = {
            "title": None,
            "source": None,
            "published": None,
            "dateline": None,
            "language": None,
            "path": None,
            "stem": None,
            "encoding": None,
        }
        base.update(meta or {})
        self.meta: dict[str, Any] = base
        self.meta["dateline"] = self._structure[1].text if self._structure[1] else None

    def __repr__(self) -> str:
        pub = self.meta.get("published")
        return f"<Article {self.name!r} lines={len(self._line_spans)} published={pub}>"

    @property
    def published(self) -> dt.date | None:
        """The publication date, or ``None``."""
        return self.meta.get("published")

    @property
    def stem(self) -> str:
        """A short key for this article: the file stem, or ``"text"``."""
        return self.meta.get("stem") or "text"

    # -- structure -----------------------------------------------------------------------
    @cached_property
    def _line_spans(self) -> list[tuple[str, str]]:
        return split_lines(self.text)

    @cached_property
    def _structure(self) -> tuple[list[str], Dateline | None]:
        return classify_lines([content for content, _ in self._line_spans])

    @cached_property
    def lines(self) -> pd.DataFrame:
        """One row per physical line, blank lines included.

        Columns:
            line (int64): 1-based line number.
            section (category): the line's section, categories in :data:`SECTIONS` order.
            text (str): the line without its line break.
            start (int64), end (int64): offsets of ``text`` in :attr:`Article.text`.
            eol (str): the line break that followed (``"\\n"``, ``"\\r\\n"``, ``"\\r"`` or
                ``""``). ``"".join(text + eol)`` reproduces :attr:`Article.text`.
        """
        labels, _ = self._structure
        rows_text, rows_eol, starts, ends = [], [], [], []
        pos = 0
        for content, eol in self._line_spans:
            rows_text.append(content)
            rows_eol.append(eol)
            starts.append(pos)
            ends.append(pos + len(content))
            pos += len(content) + len(eol)
        return typed_frame(
            "lines",
            {
                "line": range(1, len(rows_text) + 1),
                "section": labels,
                "text": rows_text,
                "start": starts,
                "end": ends,
                "eol": rows_eol,
            },
        )

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence. Sentences never cross a line; the dateline is not in one.

        Columns:
            sentence (int64): 0-based sentence id, in reading order.
            line (int64): the line it sits on.
            section (category): the line's section, or ``boilerplate`` for site chrome glued
                to the end of a paragraph ("E-mail to a friend", "Watch ... »"), or
                ``byline`` for wire credits glued to the end of a body paragraph ("... said.
                (Reporting by X; Editing by Y)").
            text (str): the sentence.
            start (int64), end (int64): offsets into :attr:`Article.text`;
                ``text[start:end] == sentence text``.
        """
        labels, dateline = self._structure
        lines_, secs, texts, starts, ends = [], [], [], [], []
        pos = 0
        for i, (content, eol) in enumerate(self._line_spans):
            section = labels[i]
            if section not in ("blank", "markup"):
                skip = dateline.end if dateline and dateline.line == i + 1 else 0
                spans = split_sentences(content[skip:], pos + skip)
                line_secs = ["boilerplate" if chrome else section for _, _, chrome in spans]
                # credits glued to the end of a paragraph are the byline, not the story
                k = len(spans) - 1
                while k > 0 and line_secs[k] == "boilerplate":
                    k -= 1
                while (
                    k > 0 and section == "body" and is_credit(self.text[spans[k][0] : spans[k][1]])
                ):
                    line_secs[k] = "byline"
                    k -= 1
                for (s, e, _), sec in zip(spans, line_secs, strict=True):
                    lines_.append(i + 1)
                    secs.append(sec)
                    texts.append(self.text[s:e])
                    starts.append(s)
                    ends.append(e)
            pos += len(content) + len(eol)
        return typed_frame(
            "sentences",
            {
                "sentence": range(len(texts)),
                "line": lines_,
                "section": secs,
                "text": texts,
                "start": starts,
                "end": ends,
            },
        )

    # -- analyses (imported lazily so that reading an article stays fast) ------------------
    @cached_property
    def places(self) -> pd.DataFrame:
        """One row per place mention, resolved to a country (see
        :func:`newsframe.places.extract_places` for the rules).

        Columns: ``line``, ``sentence`` (int64), ``section`` (category), ``start``, ``end``
        (int64 offsets; ``text[start:end] == surface``), ``surface`` (str), ``kind``
        (category: country, demonym, city), ``iso3`` (str, ISO 3166-1 alpha-3) and
        ``country`` (str, common English name).
        """
        from .places import extract_places

        return extract_places(
            self.text,
            self.sentences,
            dateline=self.meta.get("dateline"),
            source=self.meta.get("source"),
        )

    @cached_property
    def dates(self) -> pd.DataFrame:
        """One row per temporal expression, resolved against the publication date (see
        :func:`newsframe.dates.extract_dates` for the rules).

        Columns: ``line``, ``sentence`` (int64), ``section`` (category), ``start``, ``end``
        (int64 offsets; ``text[start:end] == surface``), ``surface`` (str), ``date_start``,
        ``date_end`` (datetime64[s], inclusive; NaT when unresolved), ``granularity``
        (category: day, weekend, week, month, season, year, decade) and ``anchor`` (category:
        explicit, publication, previous mention, none).
        """
        from .dates import extract_dates

        return extract_dates(self.text, self.sentences, self.published, name=self.name)

    @cached_property
    def sentiment(self) -> pd.DataFrame:
        """One row per sentence outside boilerplate and markup, scored by TextBlob and VADER
        (see :func:`newsframe.sentiment.score_sentences`; its ``include_boilerplate=True``
        keeps every sentence).

        Columns: ``sentence``, ``line`` (int64), ``section`` (category), ``polarity``,
        ``subjectivity`` (float64, TextBlob; NaN when not scored), ``words`` (int64),
        ``vader`` (float64, VADER compound), ``script`` (str) and ``scored`` (bool: False for
        text in another script or language).
        """
        from .sentiment import score_sentences

        return score_sentences(self.sentences, language=self.meta.get("language"))


def read_article(
    source: str | os.PathLike[str],
    *,
    published: DateLike = None,
    max_bytes: int = MAX_BYTES,
) -> Article:
    """Read one article from a path or from a string of text.

    Args:
        source: a path (``str`` or ``Path``) to a text file, or the article text itself. A
            string without line breaks that names an existing file, or ends in a file
            extension, is taken as a path.
        published: the publication date (date, datetime or ISO string). When omitted, it is
            read from a ``<stem>.meta.json`` sidecar next to the file, or else from a
            ``MANIFEST.csv`` (columns ``file``, ``published``) in the file's folder.
        max_bytes: larger files are rejected.

    Raises:
        BadInputError: missing file, directory, empty, binary, undecodable, HTML or huge input.
        MissingDateError: ``published`` (or the sidecar's) is not a date.
    """
    if not isinstance(source, str | os.PathLike):
        raise BadInputError(f"read_article needs a path or a string, not {type(source).__name__}")
    meta: dict[str, Any] = {}
    if is_path(source):
        path = Path(source)
        name = str(path)
        data = read_bytes(path, max_bytes)
        text, encoding = decode_bytes(data, name)
        sidecar = read_sidecar(path)
        meta.update({k: sidecar.get(k) for k in ("title", "source", "language")})
        meta.update(path=str(path), stem=path.stem, encoding=encoding)
        if published is None:
            published = sidecar.get("published")
            if published is not None:
                name_for_date = str(path.with_name(path.stem + ".meta.json"))
                meta["published"] = parse_date(published, name=name_for_date)
            elif (path.parent / "MANIFEST.csv").is_file():
                manifest = read_manifest(path.parent / "MANIFEST.csv")
                meta["published"] = manifest.date_of(path.stem)
    else:
        name = "<text>"
        text = str(source)
        text = text.removeprefix("\ufeff")
        check_size(text, name, max_bytes)
        meta["encoding"] = "str"
    check_text(text, name)
    if published is not None and meta.get("published") is None:
        meta["published"] = parse_date(published, name=name)
    return Article(text, meta, name=name)


__all__ = ["MAX_BYTES", "SECTIONS", "Article", "parse_date", "read_article"]
