"""The frame contract: column names and dtypes of every frame newsframe returns.

Every frame is built through :func:`typed_frame`, so an empty result keeps every column and
dtype, and a test can check each frame against :data:`SCHEMAS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any

import pandas as pd

from .sections import SECTIONS

SECTION_DTYPE = pd.CategoricalDtype(list(SECTIONS), ordered=True)
PLACE_RULES = (
    "country",
    "demonym",
    "pair",
    "in_mentioned_division",
    "prominent",
    "country_in_sentence",
    "cued_in_mentioned_country",
    "region_of_mentioned_country",
    "only_town_of_mentioned_country",
    "town_of_main_country",
    "us_state",
    "unit",
    "feature_base",
    "listed_with_places",
)
"""The rules that place a mention, in the order the resolver tries them (``places.rule``)."""

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
        "admin1": "str",
        "rule": pd.CategoricalDtype(list(PLACE_RULES)),
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
        "admin1": (
            "The first-level division (state, province, region) the place lies in or is, in"
            ' English ("Bavaria" for Munich and for "Bavarian"); empty for countries, their'
            " demonyms and places whose division is unknown."
        ),
        "rule": (
            "The rule that placed the mention: `country` or `demonym` (a name that always"
            ' counts), `pair` ("City, Country"), `in_mentioned_division` (in a state or'
            " province the article names), `prominent` (a capital, a large place, a"
            " state), `country_in_sentence`, `cued_in_mentioned_country`,"
            " `region_of_mentioned_country`, `only_town_of_mentioned_country` (evidence from"
            ' the article), `us_state` (Georgia the state), `unit` ("Ludian county", "the'
            ' Ebro delta", "Lake Ziway"), `feature_base` ("Kintyre" after "the Kintyre'
            ' peninsula") or `listed_with_places` ("Oban, Ulva and Tobermory"). The Places'
            " page describes each."
        ),
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


# -- tables built from frames (aggregations and the corpus) ----------------------------------
_SENTIMENT_BY_SECTION: dict[str, Any] = {
    "section": SECTION_DTYPE,
    "sentences": "int64",
    "unscored": "int64",
    "words": "int64",
    "polarity_mean": "float64",
    "polarity_weighted": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "subjectivity_mean": "float64",
    "subjectivity_weighted": "float64",
    "neutral_share": "float64",
    "no_opinion_share": "float64",
    "vader_mean": "float64",
    "few_sentences": "bool",
}
_SENTIMENT_AGREEMENT: dict[str, Any] = {
    "article": "str",
    "sentences": "int64",
    "sign_agreement": "float64",
    "polar_agreement": "float64",
    "kappa": "float64",
    "pearson": "float64",
}
_TOP_SENTENCES: dict[str, Any] = {
    "kind": pd.CategoricalDtype(["positive", "negative"]),
    "rank": "int64",
    "sentence": "int64",
    "line": "int64",
    "section": SECTION_DTYPE,
    "polarity": "float64",
    "subjectivity": "float64",
    "vader": "float64",
    "drivers": "str",
    "text": "str",
    "assessments": "object",
}

_ARTICLES: dict[str, Any] = {
    "article": "str",
    "stem": "str",
    "path": "str",
    "published": "datetime64[s]",
    "source": "str",
    "title": "str",
    "dateline": "str",
    "lines": "int64",
    "words": "int64",
    "error": "str",
}

RESULT_SCHEMAS: dict[str, dict[str, Any]] = {
    "articles": _ARTICLES,
    "sentiment_by_section": _SENTIMENT_BY_SECTION,
    "sentiment_agreement": _SENTIMENT_AGREEMENT,
    "top_sentences": _TOP_SENTENCES,
}
"""Columns and dtypes of the tables built from frames: ``Corpus.articles`` and the sentiment
summaries (documented on the functions that return them)."""


ArticleLike = Any
"""What the aggregations accept for one article: an :class:`~newsframe.Article`, an article of
a :class:`~newsframe.Corpus`, or one of their frames. Aggregations never import either class;
they read the frame they need by attribute (see :func:`named_frames`)."""


def typed_frame(
    kind: str | Mapping[str, Any], data: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Build a frame of ``kind`` with exactly the columns and dtypes of ``SCHEMAS[kind]``
    (documented on the Article property of the same name), in that order. ``kind`` may also
    be a schema (``{column: dtype}``), such as one of :data:`RESULT_SCHEMAS`.

    Columns are built as typed arrays (NumPy for numbers, categorical codes, Arrow strings),
    not as Series of Python objects: the same frame, four times faster."""
    schema = SCHEMAS[kind] if isinstance(kind, str) else kind
    data = data or {}
    cols = {col: _typed_column(data.get(col, []), dtype) for col, dtype in schema.items()}
    frame = pd.DataFrame(cols, copy=False)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _typed_column(values: Any, dtype: Any) -> Any:
    """One column of :func:`typed_frame`: an array of ``dtype`` holding ``values``."""
    import numpy as np

    if isinstance(values, pd.Series):
        return pd.Series(values, dtype=dtype if dtype != "datetime64[s]" else None).pipe(
            _as_seconds if dtype == "datetime64[s]" else _same
        )
    values = list(values)
    if dtype == "int64" and set(map(type, values)) <= {int}:  # C-level: no bool, no float
        return np.asarray(values, dtype=np.int64)
    if dtype == "str":
        return pd.array(values, dtype="str")
    if isinstance(dtype, pd.CategoricalDtype):
        index = {c: i for i, c in enumerate(dtype.categories)}
        codes = np.fromiter(
            map(index.get, values, repeat(-1, len(values))), dtype=np.int64, count=len(values)
        )
        return pd.Categorical.from_codes(codes, dtype=dtype)
    if dtype == "datetime64[s]":
        return _as_seconds(pd.Series(values))
    return pd.Series(values, dtype=dtype)


def _as_seconds(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[s]")


def _same(series: pd.Series) -> pd.Series:
    return series


def named_frames(
    source: Any, kind: str, get: Callable[[Any], pd.DataFrame] | None = None
) -> tuple[list[tuple[str, pd.DataFrame]], bool]:
    """Turn "an article or many" into ``([(name, frame), ...], several)``: the one naming rule
    every aggregation uses.

    ``source`` is one item (an Article, a corpus article, or a ``kind`` frame), or several: a
    mapping of name -> item, a Corpus, or any other iterable of items. ``get`` turns an item
    into its frame (default: the item itself if it is a DataFrame, else its ``kind``
    attribute). Names are the mapping key, else the item's
    ``stem`` (an Article's file stem, a corpus article's key), else ``article<i>`` (``i``
    counted from 0 in input order); a name given twice gets ``~2``, ``~3``... as corpus keys
    do. ``several`` is False when one item was given (named by the same rule).
    """
    if get is None and callable(getattr(source, "named_tables", None)):
        return source.named_tables(kind), True  # a Corpus: split one table, not all five
    get = get or (lambda item: _table_of(item, kind))
    one = isinstance(source, pd.DataFrame) or not isinstance(source, Iterable)
    if one and (isinstance(source, pd.DataFrame) or hasattr(source, kind)):
        return [(_stem(source) or "article0", get(source))], False
    if one or isinstance(source, str | bytes):
        name = type(source).__name__
        raise TypeError(f"expected an Article, a {kind} frame or several, not {name}")
    if isinstance(source, Mapping):
        pairs = [(str(key), item) for key, item in source.items()]
    else:
        pairs = [(_stem(item) or f"article{i}", item) for i, item in enumerate(source)]
    seen: dict[str, int] = {}
    out = []
    for name, item in pairs:
        seen[name] = seen.get(name, 0) + 1
        out.append((name if seen[name] == 1 else f"{name}~{seen[name]}", get(item)))
    return out, True


def _table_of(item: Any, kind: str) -> pd.DataFrame:
    if isinstance(item, pd.DataFrame):
        return item
    if hasattr(item, kind):
        return getattr(item, kind)
    raise TypeError(f"expected an Article or a {kind} frame, not {type(item).__name__}")


def _stem(item: Any) -> str | None:
    if isinstance(item, pd.DataFrame):
        return None
    stem = getattr(item, "stem", None)
    return stem if isinstance(stem, str) and stem else None


def empty_frame(kind: str) -> pd.DataFrame:
    """An empty frame of ``kind`` with every column and dtype of ``SCHEMAS[kind]``."""
    return typed_frame(kind)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is read as a formula by spreadsheet programs."""


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas (CSV
    injection): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading apostrophe, as OWASP advises. Numbers, dates and other cells are unchanged.
    Used for CSV export; Parquet and JSON keep the text exactly."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if isinstance(values.dtype, pd.CategoricalDtype) or not (
            pd.api.types.is_string_dtype(values) or values.dtype == object
        ):
            continue
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
        if risky.any():
            out[col] = values.where(~risky, "'" + values.astype(str))
    return out


__all__ = [
    "COLUMN_DOCS",
    "FORMULA_START",
    "RESULT_SCHEMAS",
    "SCHEMAS",
    "SECTION_DTYPE",
    "ArticleLike",
    "empty_frame",
    "named_frames",
    "spreadsheet_safe",
    "typed_frame",
]
