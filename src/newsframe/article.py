"""Reading an article: decoding, validation, sidecar metadata and the lazily built frames."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import warnings
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import BadInputError, MissingDateError
from .frames import typed_frame
from .sections import SECTIONS, Dateline, classify_lines, split_lines
from .sentences import split_sentences

if TYPE_CHECKING:
    from collections.abc import Mapping

MAX_BYTES = 20_000_000
"""Files larger than this (20 MB, about 3 million words) are rejected as not being one article."""

DateLike = dt.date | dt.datetime | str | pd.Timestamp | None

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml\b|<head\b|<body\b)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|img|meta|link)\b[^>]*>", re.I
)
# a string names a file when it has no whitespace and ends in an extension ("story.txt") or
# holds a directory separator ("data/raw/story"), or when it has a separator and an extension
# ("My Articles/story.txt")
_PATHLIKE = re.compile(
    r"^(?:\S{0,4096}\.[A-Za-z][A-Za-z0-9]{0,7}|\S{0,4096}[/\\]\S{0,4096}"
    r"|.{0,4096}[/\\].*\.[A-Za-z][A-Za-z0-9]{0,7})$"
)
_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


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
        base = {
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
                to the end of a paragraph ("E-mail to a friend", "Watch ... »").
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
                for s, e, chrome in split_sentences(content[skip:], pos + skip):
                    lines_.append(i + 1)
                    secs.append("boilerplate" if chrome else section)
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

        return extract_places(self.text, self.sentences, dateline=self.meta.get("dateline"))

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


# -- reading -----------------------------------------------------------------------------
def parse_date(value: DateLike, *, what: str = "published", name: str = "<text>") -> dt.date | None:
    """Turn a date, datetime, Timestamp or ISO string into a ``datetime.date``.

    Raises:
        MissingDateError: the value cannot be read as a calendar date.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        try:
            if pd.isna(value):  # None, NaN, NaT, pd.NA
                return None
        except (TypeError, ValueError):
            pass
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if type(value).__name__ == "datetime64":
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        try:
            if m:
                return dt.date.fromisoformat(m.group(1))
        except ValueError:
            pass
    raise MissingDateError(
        f"{name}: {what} date {value!r} is not a calendar date; use ISO form such as 2013-01-18"
    )


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article's bytes; return ``(text, encoding)``.

    UTF-8 (with or without a byte-order mark) is read as is. Anything else that decodes as
    Windows-1252 is accepted with a ``UnicodeWarning`` naming the file; bytes that are not
    text in either encoding raise :class:`BadInputError`.
    """
    if not data.strip():
        raise BadInputError(f"{name}: the file is empty (or only whitespace)")
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in data or controls / len(sample) > 0.01:
        raise BadInputError(f"{name}: this looks like binary data, not article text")
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, payload = "utf-8-sig", data[3:]
    else:
        encoding, payload = "utf-8", data
    try:
        return payload.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = payload.decode("cp1252")
    except UnicodeDecodeError:
        raise BadInputError(
            f"{name}: cannot decode the text as UTF-8 ({utf8_error.reason} at byte "
            f"{utf8_error.start}) or Windows-1252; convert it to UTF-8 first"
        ) from None
    warnings.warn(
        f"{name}: not valid UTF-8; decoded as Windows-1252 (Latin-1). Check accented letters.",
        UnicodeWarning,
        stacklevel=3,
    )
    return text, "cp1252"


def check_text(text: str, name: str) -> None:
    """Reject text that is not a plain-text article (empty, HTML)."""
    if not text.strip():
        raise BadInputError(f"{name}: the article is empty (or only whitespace)")
    if "\x00" in text:
        raise BadInputError(f"{name}: this looks like binary data (it holds NUL characters)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInputError(
            f"{name}: the text holds characters that are not valid Unicode ({exc.reason})"
        ) from None
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 8:
        raise BadInputError(
            f"{name}: this is HTML, not article text; extract the text first "
            "(for example with trafilatura or BeautifulSoup's get_text())"
        )


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"{sidecar}: cannot read the metadata sidecar: {exc}") from None
    if not isinstance(meta, dict):
        raise BadInputError(f"{sidecar}: the metadata sidecar must hold a JSON object")
    return meta


def _is_path(source: str | os.PathLike[str]) -> bool:
    if isinstance(source, os.PathLike):
        return True
    if "\n" in source or "\r" in source:
        return False
    return os.path.exists(source) or bool(_PATHLIKE.match(source.strip()))


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
    if _is_path(source):
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise BadInputError(f"{name}: no such file")
        if path.is_dir():
            raise BadInputError(f"{name}: is a directory, not an article file")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise BadInputError(
                    f"{name}: {size:,} bytes is too large for one article (limit {max_bytes:,})"
                )
            data = path.read_bytes()
        except PermissionError:
            raise BadInputError(f"{name}: permission denied") from None
        except OSError as exc:
            raise BadInputError(f"{name}: cannot read the file ({exc.strerror})") from None
        text, encoding = decode_bytes(data, name)
        sidecar = _read_sidecar(path)
        meta.update({k: sidecar.get(k) for k in ("title", "source", "language")})
        meta.update(path=str(path), stem=path.stem, encoding=encoding)
        if published is None:
            published = sidecar.get("published")
            if published is not None:
                name_for_date = str(path.with_name(path.stem + ".meta.json"))
                meta["published"] = parse_date(published, name=name_for_date)
            elif (path.parent / "MANIFEST.csv").is_file():
                from .corpus import read_manifest  # a corpus folder's manifest of dates

                meta["published"] = read_manifest(path.parent / "MANIFEST.csv").get(path.stem)
    else:
        name = "<text>"
        text = source[1:] if source.startswith("\ufeff") else source
        if len(text) > max_bytes:
            raise BadInputError(f"{name}: the text is too large for one article")
        meta["encoding"] = "str"
    check_text(text, name)
    if published is not None and meta.get("published") is None:
        meta["published"] = parse_date(published, name=name)
    return Article(text, meta, name=name)


__all__ = ["MAX_BYTES", "SECTIONS", "Article", "parse_date", "read_article"]
