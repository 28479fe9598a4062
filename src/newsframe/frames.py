"""The frame contract: column names and dtypes of every frame newsframe returns.

Every frame is built through :func:`typed_frame`, so an empty result keeps every column and
dtype, and a test can check each frame against :data:`SCHEMAS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .sections import SECTIONS

SECTION_DTYPE = pd.CategoricalDtype(list(SECTIONS), ordered=True)

SCHEMAS: dict[str, dict[str, Any]] = {
    "lines": {
        "line": "int64",
        "section": SECTION_DTYPE,
        "text": "str",
        "start": "int64",
        "end": "int64",
        "eol": "str",
    },
    "sentences": {
        "sentence": "int64",
        "line": "int64",
        "section": SECTION_DTYPE,
        "text": "str",
        "start": "int64",
        "end": "int64",
    },
    "places": {
        "line": "int64",
        "sentence": "int64",
        "section": SECTION_DTYPE,
        "start": "int64",
        "end": "int64",
        "surface": "str",
        "kind": pd.CategoricalDtype(["country", "demonym", "city"]),
        "iso3": "str",
        "country": "str",
    },
    "dates": {
        "line": "int64",
        "sentence": "int64",
        "section": SECTION_DTYPE,
        "start": "int64",
        "end": "int64",
        "surface": "str",
        "date_start": "datetime64[s]",
        "date_end": "datetime64[s]",
        "granularity": pd.CategoricalDtype(
            ["day", "weekend", "week", "month", "season", "year", "decade"]
        ),
        "anchor": pd.CategoricalDtype(["explicit", "publication", "previous mention", "none"]),
    },
    "sentiment": {
        "sentence": "int64",
        "line": "int64",
        "section": SECTION_DTYPE,
        "polarity": "float64",
        "subjectivity": "float64",
        "words": "int64",
        "vader": "float64",
        "script": "str",
        "scored": "bool",
    },
}


def typed_frame(kind: str, data: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Build a frame of ``kind`` with exactly the columns and dtypes of ``SCHEMAS[kind]``
    (documented on the Article property of the same name), in that order."""
    schema = SCHEMAS[kind]
    data = data or {}
    cols = {}
    for col, dtype in schema.items():
        values = data.get(col, [])
        cols[col] = pd.Series(
            list(values) if not isinstance(values, pd.Series) else values,
            dtype=dtype if dtype != "datetime64[s]" else None,
        )
        if dtype == "datetime64[s]":
            cols[col] = pd.to_datetime(cols[col]).astype("datetime64[s]")
    frame = pd.DataFrame(cols)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def table_of(obj: Any, kind: str) -> pd.DataFrame:
    """The ``kind`` frame of ``obj``: ``obj`` itself if it is a DataFrame, else ``obj.<kind>``
    (an Article or a corpus ArticleView)."""
    if isinstance(obj, pd.DataFrame):
        return obj
    if hasattr(obj, kind):
        return getattr(obj, kind)
    raise TypeError(f"expected an Article or a {kind} frame, not {type(obj).__name__}")


def empty_frame(kind: str) -> pd.DataFrame:
    """An empty frame of ``kind`` with every column and dtype of ``SCHEMAS[kind]``."""
    return typed_frame(kind)


__all__ = ["SCHEMAS", "SECTION_DTYPE", "empty_frame", "table_of", "typed_frame"]


# -- column descriptions (the data dictionary pages of the docs are generated from these) ------
COLUMN_DOCS: dict[str, dict[str, str]] = {
    "lines": {
        "line": "1-based physical line number (blank lines included).",
        "section": "The line's section (see Sections).",
        "text": "The line without its line break.",
        "start": "Character offset of the start of `text` in `Article.text`.",
        "end": "Character offset of the end of `text` in `Article.text`.",
        "eol": 'The line break after it: `"\\n"`, `"\\r\\n"`, `"\\r"` or `""`; '
        '`"".join(lines.text + lines.eol) == art.text` always holds.',
    },
    "sentences": {
        "sentence": "0-based sentence id, in reading order.",
        "line": "The line it sits on (sentences never cross a line).",
        "section": "The line's section; `boilerplate` for site chrome glued to the end of a "
        'paragraph ("E-mail to a friend").',
        "text": "The sentence; `art.text[start:end] == text`.",
        "start": "Character offset of the start of the sentence in `Article.text`.",
        "end": "Character offset of the end of the sentence in `Article.text`.",
    },
    "places": {
        "line": "1-based physical line.",
        "sentence": "Sentence id; a dateline mention takes the id of the sentence after it.",
        "section": "The sentence's section.",
        "start": "Offset of the mention in `Article.text`; `text[start:end] == surface`.",
        "end": "End offset of the mention in `Article.text`.",
        "surface": 'The exact text ("Mali" for "Mali\'s").',
        "kind": "`country`, `demonym` or `city` (any settlement or sub-national place).",
        "iso3": "ISO 3166-1 alpha-3 code (exceptions on the Places page).",
        "country": "The country's common English name.",
    },
    "dates": {
        "line": "1-based line number.",
        "sentence": "Id of the sentence holding the expression.",
        "section": "That sentence's section.",
        "start": "Offset of the expression in `Article.text`; `text[start:end] == surface`.",
        "end": "End offset of the expression in `Article.text`.",
        "surface": "The expression as written, without a leading preposition.",
        "date_start": "First day of the inclusive span; `NaT` when unresolved.",
        "date_end": "Last day of the inclusive span; `NaT` when unresolved.",
        "granularity": "day, weekend, week, month, season, year or decade.",
        "anchor": "What resolved it: explicit, publication, previous mention or none.",
    },
    "sentiment": {
        "sentence": "Sentence id of `Article.sentences`.",
        "line": "Line number.",
        "section": "The sentence's section.",
        "polarity": "TextBlob polarity, −1…1; NaN when not scored.",
        "subjectivity": "TextBlob subjectivity, 0…1; NaN when not scored.",
        "words": "Whitespace-separated tokens holding a letter or digit.",
        "vader": "VADER compound score, −1…1; NaN when not scored.",
        "script": 'Script of most of its letters ("Latin", "Han"...); "Common" without letters.',
        "scored": "False for text in another script or language, or with no words.",
    },
}
"""One short description per column of every frame in :data:`SCHEMAS`, same keys and order."""

__all__ = [*__all__, "COLUMN_DOCS"]
