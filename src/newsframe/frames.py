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
