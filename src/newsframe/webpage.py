"""Saved web pages: the main text and metadata of an HTML page.

A page is recognised by its content, whatever its file name (:func:`looks_like_html`). Its main
text is extracted with `trafilatura <https://trafilatura.readthedocs.io>`_ (navigation,
comments, cookie banners and other boilerplate left out; one paragraph per line), and its
publication date is found with `htmldate <https://htmldate.readthedocs.io>`_: first in the
page's metadata (``<meta>`` tags, JSON-LD), then in its URL.

Both libraries are imported on first use, so reading plain text never loads them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import BadInputError

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<\?xml\b|<head\b|<body\b)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|td|tr|table|h[1-6]|img|meta|link)\b[^>]*>", re.I
)
# "<!-- saved from url=(0061)https://... -->", written by browsers that save a complete page
_SAVED_FROM = re.compile(r"<!--\s*+saved from url=\(\d++\)\s*+([^\s<>]++)\s*+-->", re.I)
_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,200}?charset\s*+=\s*+["']?\s*+([A-Za-z0-9_.:-]{1,40})""", re.I
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*+\s*+$""")
_WORD = re.compile(r"\w+")

MIN_WORDS = 15
"""Extracted text with fewer words than this, or without one line that ends a sentence, is not
an article's main text (a login wall, an index page of teasers, a navigation bar)."""

PUBLISHED_BASES = ("given", "sidecar", "manifest", "table", "page metadata", "url")
"""The values of ``meta["published_basis"]``: where the publication date came from (``None``
when there is no date). ``given``: the ``published`` argument; ``sidecar``: the
``<stem>.meta.json``; ``manifest``: a ``MANIFEST.csv``; ``table``: the date column of an
article table; ``page metadata``: the page's ``<meta>`` tags, JSON-LD or time elements;
``url``: a date in the page's URL."""


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup rather than article text: it starts as an HTML
    document, or its first 4 KB hold at least eight common tags."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 8


def is_html_document(text: str) -> bool:
    """Whether ``text`` starts as a whole HTML document (``<!doctype html>``, ``<html>``...)."""
    return bool(_HTML_START.match(text[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The character set a page declares in its first 4 KB (``<meta charset>``), if Python
    knows it."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def extractor_version() -> str:
    """``"trafilatura <version>"``: what extracts the main text of a page."""
    from importlib.metadata import version

    return f"trafilatura {version('trafilatura')}"


def extract_page(html: str, name: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The main text of a page (one paragraph per line) and its metadata.

    Args:
        html: the page.
        name: the file (or ``<text>``), for error messages.
        url: the page's address, when known from elsewhere (a sidecar); otherwise it is read
            from the page (a canonical link, ``og:url``, or the "saved from url" comment that
            browsers write).

    Returns:
        ``(text, meta)``: ``meta`` holds ``title``, ``source`` (the site name), ``author``,
        ``url``, ``language``, ``published`` (a ``datetime.date`` or None),
        ``published_basis`` (``page metadata``, ``url`` or None) and ``text_basis``.

    Raises:
        BadInputError: no main text can be extracted (a login wall, an index page).
    """
    import trafilatura

    if url is None:
        saved = _SAVED_FROM.search(html[:4096])
        url = saved.group(1) if saved else None
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    found: dict[str, Any] = {}
    if isinstance(doc, dict):
        found = doc
    elif doc is not None:
        found = doc.as_dict()
    text = _main_text(found.get("text") or "")
    if not text:
        raise BadInputError(
            f"{name}: this HTML page has no main text that could be extracted (an index page, "
            "a login or cookie wall, or an empty page?); save the article page itself"
        )
    page_url = url or found.get("url") or None
    published, basis = page_date(html, page_url)
    meta = {
        "title": found.get("title") or None,
        "source": found.get("sitename") or found.get("hostname") or None,
        "author": found.get("author") or None,
        "url": page_url,
        "language": found.get("language") or None,
        "published": published,
        "published_basis": basis,
        "text_basis": f"HTML page, main text by {extractor_version()}",
    }
    return text, meta


def _main_text(text: str) -> str:
    """The extracted text with blank and space-only lines dropped, or ``""`` when it is not
    an article's main text (see :data:`MIN_WORDS`)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    words = sum(len(_WORD.findall(line)) for line in lines)
    if words < MIN_WORDS or not any(_SENTENCE_END.search(line) for line in lines):
        return ""
    return "\n".join(lines) + "\n"


def page_date(html: str, url: str | None) -> tuple[dt.date | None, str | None]:
    """The publication date of a page and where it was found: ``(date, "page metadata")``
    from its ``<meta>`` tags, JSON-LD or time elements, else ``(date, "url")`` from a date in
    its URL, else ``(None, None)``. htmldate's extensive search of the article's own text is
    not used: a date the article mentions is not its publication date."""
    from htmldate import find_date

    options: dict[str, Any] = {"extensive_search": False, "original_date": True}
    found = find_date(html, url=url or "", deferred_url_extractor=True, **options)
    if not found:
        return None, None
    day = dt.date.fromisoformat(found[:10])
    from_url = find_date("<html><body></body></html>", url=url or "", **options) if url else None
    if from_url == found and find_date(html, url="", **options) != found:
        return day, "url"
    return day, "page metadata"


__all__ = [
    "MIN_WORDS",
    "PUBLISHED_BASES",
    "declared_charset",
    "extract_page",
    "extractor_version",
    "is_html_document",
    "looks_like_html",
    "page_date",
]
