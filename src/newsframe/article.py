"""Reading an article: decoding, validation, sidecar metadata and the lazily built frames."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadInputError
from .reading import (
    MAX_BYTES,
    DateLike,
    check_size,
    check_text,
    decode_page_or_text,
    is_path,
    parse_date,
    read_bytes,
    read_manifest,
    read_sidecar,
)
from .sections import SECTIONS, Dateline, classify_lines, is_credit, split_lines
from .sentences import split_sentences
from .webpage import extract_page, is_html_document, looks_like_html

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd


class Article:
    """One news article: its text, its metadata and its frames.

    Build it with :func:`read_article`. Each frame (``lines``, ``sentences``, ``places``,
    ``dates``, ``sentiment``) is computed on first access and cached.

    Attributes:
        text: the decoded text, unchanged (a UTF-8 byte-order mark is not part of it).
        meta: ``title``, ``source``, ``published`` (a ``datetime.date``), ``dateline``,
            ``language``, ``path``, ``stem``, ``encoding``, ``author``, ``url``,
            ``published_basis`` (where the date came from) and ``text_basis`` (where the text
            came from: ``plain text``, or the HTML page and its extractor); ``None`` where
            unknown.
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
            "author": None,
            "url": None,
            "published_basis": None,
            "text_basis": None,
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
        from .frames import typed_frame  # pandas: only when a frame is built

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
        from .frames import typed_frame

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
    published_basis: str = "given",
    manifest: bool = True,
) -> Article:
    """Read one article from a path or from a string: plain text, or a saved web page.

    A web page is recognised by its content, whatever the file is called (``.html``,
    ``.htm``, no extension). Its main text, one paragraph per line, is extracted with
    trafilatura (navigation, comments and boilerplate left out) and becomes
    :attr:`Article.text`; the page's title, site name (``source``), author and URL fill
    ``meta``, and when no date is given, its publication date is read from the page's
    metadata or else its URL (see :mod:`newsframe.webpage`). The file is never changed.

    Args:
        source: a path (``str`` or ``Path``) to a text file or a saved page, or the article
            itself (text, or a whole HTML page starting with ``<html>`` or ``<!doctype``). A
            string without line breaks that names an existing file, or ends in a file
            extension, is taken as a path.
        published: the publication date (date, datetime or ISO string). When omitted, it is
            read from a ``<stem>.meta.json`` sidecar next to the file, or else from a
            ``MANIFEST.csv`` (columns ``file``, ``published``) in the file's folder, or else
            (for a web page) from the page.
        max_bytes: larger files are rejected.
        published_basis: what ``meta["published_basis"]`` says when ``published`` is given
            (a corpus passes ``manifest`` or ``table`` here).
        manifest: look in a ``MANIFEST.csv`` beside the file. A corpus passes False for an
            article its manifest was already looked up for (it has no date there).

    ``meta["published_basis"]`` says where the date came from (``given``, ``sidecar``,
    ``manifest``, ``page metadata``, ``url``; None without a date) and ``meta["text_basis"]``
    where the text came from (``plain text``, or the HTML page and the extractor).

    Raises:
        BadInputError: missing file, directory, empty, binary, undecodable or huge input, HTML
            markup that is not a whole page, or a page without extractable main text.
        MissingDateError: ``published`` (or the sidecar's) is not a date.
    """
    if not isinstance(source, str | os.PathLike):
        raise BadInputError(f"read_article needs a path or a string, not {type(source).__name__}")
    given = published
    meta: dict[str, Any] = {"text_basis": "plain text"}
    sidecar: dict[str, Any] = {}
    if is_path(source):
        path = Path(source)
        name = str(path)
        data = read_bytes(path, max_bytes)
        text, encoding = decode_page_or_text(data, name)
        sidecar = read_sidecar(path)
        meta.update({k: sidecar.get(k) for k in ("title", "source", "language")})
        meta.update(path=str(path), stem=path.stem, encoding=encoding)
        if published is None:
            published = sidecar.get("published")
            if published is not None:
                name_for_date = str(path.with_name(path.stem + ".meta.json"))
                meta["published"] = parse_date(published, name=name_for_date)
                meta["published_basis"] = "sidecar"
            elif manifest and (path.parent / "MANIFEST.csv").is_file():
                listing = read_manifest(path.parent / "MANIFEST.csv")
                meta["published"] = listing.date_of(path.stem)
                if meta["published"] is not None:
                    meta["published_basis"] = "manifest"
        page = looks_like_html(text)
    else:
        name = "<text>"
        text = str(source)
        text = text.removeprefix("\ufeff")
        check_size(text, name, max_bytes)
        meta["encoding"] = "str"
        page = is_html_document(text)
    url = sidecar.get("url") or None
    return _finish(text, meta, name, page=page, url=url, published=given, basis=published_basis)


def read_text(
    text: str,
    *,
    name: str = "<text>",
    published: DateLike = None,
    published_basis: str = "given",
    meta: Mapping[str, Any] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Article:
    """An article from a string that is never taken for a path: a row of an article table.

    A whole HTML page (starting with ``<html>`` or ``<!doctype``) is extracted as
    :func:`read_article` does; ``meta`` (title, source...) comes before what the page says.

    Raises:
        BadInputError: empty, binary, HTML markup that is not a whole page, or huge text.
        MissingDateError: ``published`` is not a date.
    """
    text = text.removeprefix("\ufeff")
    check_size(text, name, max_bytes)
    info: dict[str, Any] = {"encoding": "str", "text_basis": "plain text", **(meta or {})}
    page = is_html_document(text)
    return _finish(
        text, info, name, page=page, url=info.get("url"), published=published, basis=published_basis
    )


def _finish(
    text: str,
    meta: dict[str, Any],
    name: str,
    *,
    page: bool,
    url: str | None,
    published: DateLike,
    basis: str,
) -> Article:
    """The last steps of :func:`read_article` and :func:`read_text`: a page's main text and
    metadata (what ``meta`` already says comes first), the text's checks, the given date
    (``published``, which wins over the sidecar's or the manifest's, recorded with ``basis``)."""
    if page:
        text, found = extract_page(text, name, url=url)
        for key, value in found.items():
            if meta.get(key) is None:
                meta[key] = value
        meta["text_basis"] = found["text_basis"]
    check_text(text, name)
    if published is not None:
        meta["published"] = parse_date(published, name=name)
        meta["published_basis"] = basis
    if meta.get("published") is None:
        meta["published_basis"] = None
    return Article(text, meta, name=name)


__all__ = ["MAX_BYTES", "SECTIONS", "Article", "parse_date", "read_article", "read_text"]
