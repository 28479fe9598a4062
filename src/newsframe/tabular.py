"""Article tables: one article per row of a DataFrame, or of a JSON lines, CSV or Parquet file.

The columns are named by the caller (``text=``, ``published=``, ``source=``, ``title=``,
``key=``) or recognised from common layouts (:data:`LAYOUTS`): newsframe's own names,
news-please's ``maintext`` / ``date_publish`` / ``source_domain`` / ``title`` and the CC-News
style ``text`` / ``date`` / ``domain`` / ``title``.

Files are read in batches, never whole: JSON lines one line at a time, CSV one row at a time,
Parquet one record batch at a time, so a file of any size streams. A row that cannot be read
(an empty text, a line that is not JSON) is yielded as a :class:`Row` with an ``error`` that
names the file and the row or line, and the rows after it are read as usual.

:mod:`newsframe.corpus` turns the rows into articles.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadInputError, MissingDateError
from .reading import MAX_BYTES, name_parts, parse_date

if TYPE_CHECKING:
    import pandas as pd

FIELDS = ("text", "published", "source", "title", "key")
"""What a column of an article table can hold."""

LAYOUTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext"),
    "published": ("published", "date_publish", "date"),
    "source": ("source", "source_domain", "domain"),
    "title": ("title",),
    "key": (),
}
"""Column names recognised when a field's column is not given, tried in this order."""

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""File name endings read as article tables (compared without case)."""


_Record = tuple[str, int, Any, "str | None"]
"""Where a row is, its number, its values (a mapping, or None) and its error (or None)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of an article table: where it is (``"line 7"``, ``"row 3"``), its number,
    its values by field, and the error that kept it from being read (or None)."""

    where: str
    number: int
    text: str | None = None
    published: dt.date | None = None
    source: str | None = None
    title: str | None = None
    key: str | None = None
    error: str | None = None


def table_kind(path: str | os.PathLike[str]) -> str | None:
    """``"jsonl"``, ``"csv"`` or ``"parquet"`` when ``path`` names an article table by its
    ending, else None."""
    s = os.fspath(path)
    if os.sep in s or (os.altsep is not None and os.altsep in s):
        return SUFFIXES.get(Path(s).suffix.lower())
    return SUFFIXES.get(name_parts(s)[1].lower())  # one name: no Path, nothing interned


def table_columns(source: pd.DataFrame | str | os.PathLike[str]) -> list[str]:
    """The column names of an article table: a DataFrame's columns, a Parquet file's schema,
    a CSV file's header, or the keys of a JSON lines file's first object.

    Raises:
        BadInputError: the file cannot be read, or holds no row at all.
    """
    if not isinstance(source, str | os.PathLike):
        return [str(c) for c in source.columns]
    path = Path(source)
    kind = table_kind(path)
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if kind == "csv":
            with path.open(newline="", encoding="utf-8-sig") as fh:
                return next(csv.reader(fh), [])
        with path.open("rb") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict):
                    return [str(k) for k in record]
        return []
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the table ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise BadInputError(
            f"{path}: the table is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    except Exception as exc:  # pyarrow's errors for a file that is not Parquet
        raise BadInputError(f"{path}: cannot read the table ({exc})") from None


def resolve_columns(
    found: list[str], given: Mapping[str, str | None], name: str
) -> dict[str, str | None]:
    """Map each field of :data:`FIELDS` to a column of ``found``: the one ``given`` names, or
    the first of :data:`LAYOUTS` that is there, or None (text must be found).

    Raises:
        BadInputError: a named column is not there, or no text column is; the message lists
            the columns found.
    """
    listed = ", ".join(repr(c) for c in found) if found else "none"
    out: dict[str, str | None] = {}
    for field in FIELDS:
        column = given.get(field)
        if column:
            if column not in found:
                raise BadInputError(
                    f"{name}: no column {column!r} (given as {field}=); columns found: {listed}"
                )
            out[field] = column
        else:
            out[field] = next((c for c in LAYOUTS[field] if c in found), None)
    if out["text"] is None:
        tried = " or ".join(repr(c) for c in LAYOUTS["text"])
        raise BadInputError(
            f"{name}: no text column ({tried}; name it with text=, or --text-column on the "
            f"command line); columns found: {listed}"
        )
    return out


def iter_rows(
    source: pd.DataFrame | str | os.PathLike[str],
    columns: Mapping[str, str | None],
    *,
    batch: int = 1024,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Row]:
    """The rows of an article table, read ``batch`` rows at a time, with their values by
    field (``columns`` from :func:`resolve_columns`)."""
    if not isinstance(source, str | os.PathLike):
        name = "<DataFrame>"
        records: Iterator[_Record] = _frame_records(source, columns, batch)
    else:
        name = str(source)
        kind = table_kind(source)
        if kind == "parquet":
            records = _parquet_records(Path(source), columns, batch)
        elif kind == "csv":
            records = _csv_records(Path(source))
        else:
            records = _jsonl_records(Path(source), max_bytes)
    for where, number, record, error in records:
        if error is not None:  # the row could not be read (its key, when there is one)
            key = _value(record or {}, columns.get("key"))
            yield Row(where, number, key=key, error=f"{name}, {where}: {error}")
            continue
        yield _row(name, where, number, record, columns)


def _missing(v: Any) -> bool:
    """None, NaN, pandas' NA and NaT: a cell with no value."""
    return (
        v is None
        or (isinstance(v, float) and math.isnan(v))
        or type(v).__name__ in ("NAType", "NaTType")
    )


def _value(record: Mapping[str, Any], column: str | None) -> str | None:
    v = record.get(column) if column is not None else None
    if _missing(v):
        return None
    return v if isinstance(v, str) else str(v)


def _row(
    name: str, where: str, number: int, record: Mapping[str, Any], columns: Mapping[str, Any]
) -> Row:
    def value(field: str) -> str | None:
        return _value(record, columns.get(field))

    key = value("key")
    text = value("text")
    if text is None or not text.strip():
        return Row(where, number, key=key, error=f"{name}, {where}: the text is empty")
    published = None
    column = columns.get("published")
    if column is not None:
        cell = record.get(column)
        if isinstance(cell, str) and not cell.strip():
            cell = None  # a blank cell (CSV) is no date, not a bad one
        try:
            published = None if _missing(cell) else parse_date(cell, name=f"{name}, {where}")
        except MissingDateError as exc:
            return Row(where, number, key=key, error=str(exc))
    return Row(where, number, text, published, value("source"), value("title"), key)


def _frame_records(
    frame: pd.DataFrame, columns: Mapping[str, str | None], batch: int
) -> Iterator[_Record]:
    wanted = list(dict.fromkeys(c for c in columns.values() if c is not None))
    labels = [str(c) for c in frame.columns]
    positions = [labels.index(c) for c in wanted]
    for start in range(0, len(frame), batch):
        part = frame.iloc[start : start + batch, positions]
        part.columns = wanted
        records = part.to_dict("records")
        for i, (label, record) in enumerate(zip(part.index, records, strict=True)):
            yield f"row {label}", start + i, record, None


def _parquet_records(
    path: Path, columns: Mapping[str, str | None], batch: int
) -> Iterator[_Record]:
    import pyarrow.parquet as pq

    wanted = list(dict.fromkeys(c for c in columns.values() if c is not None))
    number = 0
    for part in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=wanted):
        for record in part.to_pylist():
            number += 1
            yield f"row {number}", number, record, None


def _csv_records(path: Path) -> Iterator[_Record]:
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    number = 0
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            for record in reader:
                number += 1
                if None in record:  # more cells than the header has columns
                    error = "more cells than the header has columns"
                    yield f"row {number}", number, record, error
                    continue
                yield f"row {number}", number, record, None
    except (UnicodeDecodeError, csv.Error) as exc:
        error = f"cannot read the rest of the file ({exc})"
        yield f"row {number + 1}", number + 1, None, error


def _jsonl_records(path: Path, max_bytes: int) -> Iterator[_Record]:
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"line {number}"
            if len(line) > max_bytes:
                error = f"the line is too large for one article (limit {max_bytes:,})"
                yield where, number, None, error
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError as exc:
                yield where, number, None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
                continue
            except (ValueError, RecursionError) as exc:
                yield where, number, None, f"not a valid JSON line ({exc})"
                continue
            if not isinstance(record, dict):
                yield where, number, None, "not a JSON object"
                continue
            yield where, number, record, None


__all__ = [
    "FIELDS",
    "LAYOUTS",
    "SUFFIXES",
    "Row",
    "iter_rows",
    "resolve_columns",
    "table_columns",
    "table_kind",
]
