"""A corpus dataset on disk: one folder of Parquet parts per table, written by the workers, and
``articles.parquet`` and the manifest written last by the client.

Layout of a folder written by :func:`newsframe.corpus.write_corpus` (format 2)::

    lines/part-000000.parquet        one part per batch of articles, numbered by input position
    lines/part-000001.parquet
    sentences/...  places/...  dates/...  sentiment/...
    _status/part-000000.parquet      what each part holds (article rows and a content hash):
                                     written last by the worker, it marks the part finished
    articles.parquet                 one row per article, written by the client
    newsframe.json                   the manifest, written last: without it the folder is
                                     incomplete

Each table folder is one Parquet dataset: ``pandas.read_parquet("out/lines")``,
``pyarrow.dataset.dataset("out/lines")`` and DuckDB's ``read_parquet('out/lines/*.parquet')``
read it as one table, rows in input order (the parts sort by name). Files being written are
hidden (``.part-000003.<id>.partial``), so readers never see half a part.

The folder may be a local path or an fsspec URL (``s3://bucket/run``, ``file:///data/run``)
that the client and every worker can reach; URLs need ``fsspec`` and the filesystem's package.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
import posixpath
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import NewsframeError
from .frames import RESULT_SCHEMAS
from .names import TABLES

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMAT = 2
"""The layout version written to the manifest (format 1: one Parquet file per table)."""
DATASET_MANIFEST = "newsframe.json"
"""Written last, after every table is in place: a folder without it is not a complete
dataset (a run was interrupted, or is still writing), and ``read_parquet`` refuses it."""
STATUS = "_status"
"""The folder of per-part status files (hidden from dataset readers by its leading ``_``)."""
LOCK = ".newsframe.lock"
ARTICLE_COLUMNS = RESULT_SCHEMAS["articles"]


def part_name(index: int) -> str:
    """``part-000042.parquet``: zero-padded, so that sorting by name is input order."""
    return f"part-{index:06d}.parquet"


def part_index(name: str) -> int | None:
    """The number of a part file name, or None for any other name."""
    if name.startswith("part-") and name.endswith(".parquet"):
        digits = name[len("part-") : -len(".parquet")]
        if digits.isdigit():
            return int(digits)
    return None


class Store:
    """The output folder: a local path, or an fsspec URL. Only the few operations a dataset
    needs; every path given to them is relative to the folder."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.name = os.fspath(folder)
        self.fs: Any = None
        if "://" in self.name:
            try:
                fsspec = importlib.import_module("fsspec")
            except ImportError:
                raise NewsframeError(
                    f"{self.name}: writing to a URL needs fsspec (pip install fsspec, and the "
                    "package of the filesystem, such as s3fs)"
                ) from None
            try:
                self.fs, self.root = fsspec.core.url_to_fs(self.name)
            except (ImportError, ValueError) as exc:
                raise NewsframeError(f"{self.name}: cannot open the location ({exc})") from None
        else:
            self.root = self.name

    @property
    def local(self) -> Path | None:
        """The folder on this machine's disk, when it is one (for the lock)."""
        if self.fs is None:
            return Path(self.root)
        protocol = self.fs.protocol
        protocols = (protocol,) if isinstance(protocol, str) else tuple(protocol)
        return Path(self.root) if "file" in protocols or "local" in protocols else None

    def path(self, *parts: str) -> str:
        if self.fs is None:
            return os.path.join(self.root, *parts)
        return posixpath.join(self.root, *parts)

    def open(self, rel: str, mode: str = "rb") -> IO[bytes]:
        if self.fs is None:
            return open(self.path(rel), mode)
        return self.fs.open(self.path(rel), mode)

    def exists(self, rel: str) -> bool:
        if self.fs is None:
            return os.path.exists(self.path(rel))
        return bool(self.fs.exists(self.path(rel)))

    def makedirs(self, rel: str = "") -> None:
        if self.fs is None:
            os.makedirs(self.path(rel) if rel else self.root, exist_ok=True)
        else:
            self.fs.makedirs(self.path(rel) if rel else self.root, exist_ok=True)

    def listdir(self, rel: str) -> list[str]:
        """Names in a subfolder (hidden ones included); empty when it does not exist."""
        if self.fs is None:
            try:
                return sorted(os.listdir(self.path(rel)))
            except (FileNotFoundError, NotADirectoryError):
                return []
        try:
            found = self.fs.ls(self.path(rel), detail=False)
        except FileNotFoundError:
            return []
        return sorted(posixpath.basename(str(p).rstrip("/")) for p in found)

    def remove(self, rel: str) -> None:
        try:
            if self.fs is None:
                os.unlink(self.path(rel))
            else:
                self.fs.rm(self.path(rel))
        except FileNotFoundError:
            pass

    def replace(self, src: str, dst: str) -> None:
        if self.fs is None:
            os.replace(self.path(src), self.path(dst))
        else:
            self.fs.mv(self.path(src), self.path(dst))

    def write_text(self, rel: str, text: str) -> None:
        """Write a small file atomically: a hidden temporary name, then a rename."""
        tmp = _hidden(rel)
        with self.open(tmp, "wb") as fh:
            fh.write(text.encode("utf-8"))
        self.replace(tmp, rel)


def _hidden(rel: str) -> str:
    """A temporary name beside ``rel`` that dataset readers skip (leading dot) and that no
    other writer uses (a second attempt at the same part, on another worker, never clashes)."""
    head, tail = posixpath.split(rel)
    return posixpath.join(head, f".{tail}.{uuid.uuid4().hex[:12]}.partial")


# -- schemas: the frame contract as Arrow types ----------------------------------------------
def articles_frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """``Corpus.articles`` from per-article records, with the dtypes of the contract."""
    import pandas as pd

    frame = pd.DataFrame.from_records(list(records), columns=list(ARTICLE_COLUMNS))
    frame["published"] = pd.to_datetime(frame.published).astype("datetime64[s]")
    for col, dtype in ARTICLE_COLUMNS.items():
        if dtype != "datetime64[s]":
            frame[col] = frame[col].astype(dtype)
    return frame


def empty_table_frame(name: str) -> pd.DataFrame:
    """An empty corpus table: ``article`` (str) first, then the columns of ``SCHEMAS[name]``."""
    import pandas as pd

    from .frames import empty_frame

    frame = empty_frame(name)
    frame.insert(0, "article", pd.array([], dtype="str"))
    return frame


@functools.cache
def arrow_schema(name: str) -> pa.Schema:
    """The Arrow schema of a stored table (``articles`` or one of :data:`TABLES`): the frame
    contract's dtypes, categoricals as dictionaries with every category."""
    import pyarrow as pa

    frame = articles_frame([]) if name == "articles" else empty_table_frame(name)
    return pa.Schema.from_pandas(frame, preserve_index=False)


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """One table (a batch of articles) in the stored schema of ``name``."""
    import pyarrow as pa

    return pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False)


# -- writing ----------------------------------------------------------------------------------
def write_table(store: Store, rel: str, table: pa.Table) -> None:
    """Write one Parquet file under a hidden name, then move it into place."""
    import pyarrow.parquet as pq

    tmp = _hidden(rel)
    try:
        with store.open(tmp, "wb") as fh:
            pq.write_table(table, fh)
        store.replace(tmp, rel)
    except OSError as exc:
        store.remove(tmp)
        raise NewsframeError(
            f"{store.path(rel)}: cannot write ({exc.strerror or exc}); the parts already "
            "finished are kept, run the same command again to finish"
        ) from None


def write_part(
    store: Store, index: int, tables: Mapping[str, pa.Table], status: pa.Table
) -> dict[str, int]:
    """Write one part of every table, then its status file (the mark that the part is
    finished). Returns the rows written per table."""
    for name in TABLES:
        write_table(store, f"{name}/{part_name(index)}", tables[name])
    write_table(store, f"{STATUS}/{part_name(index)}", status)
    return {name: tables[name].num_rows for name in TABLES}


def finished_part(store: Store, index: int) -> tuple[pa.Table, dict[str, int]] | None:
    """The status rows (with ``hash``) and row counts of a finished part, or None when the part
    is not finished (no status file, or a table part missing or unreadable)."""
    import pyarrow.parquet as pq

    status_rel = f"{STATUS}/{part_name(index)}"
    if not store.exists(status_rel):
        return None
    try:
        with store.open(status_rel) as fh:
            status = pq.read_table(fh)
        rows = {}
        for name in TABLES:
            with store.open(f"{name}/{part_name(index)}") as fh:
                rows[name] = pq.ParquetFile(fh).metadata.num_rows
    except (OSError, ValueError):  # a part removed or damaged by hand: write it again
        return None
    return status, rows


def prepare(store: Store, resume: bool) -> None:
    """Before a run: create the folder, remove the manifest first (the folder is incomplete
    from now on), hidden files left by killed writers, the files of the one-file-per-table
    layout, and, unless resuming, every part."""
    try:
        store.makedirs()
        store.remove(DATASET_MANIFEST)
        for name in ("articles", *TABLES):
            store.remove(f"{name}.parquet")  # format 1, or an unfinished articles table
        for entry in store.listdir(""):
            if entry.endswith(".partial"):
                store.remove(entry)
        for folder in (*TABLES, STATUS):
            for entry in store.listdir(folder):
                if entry.endswith(".partial") or (not resume and part_index(entry) is not None):
                    store.remove(f"{folder}/{entry}")
            store.makedirs(folder)
    except OSError as exc:
        raise NewsframeError(
            f"{store.name}: cannot prepare the output folder ({exc.strerror or exc})"
        ) from None


def sweep(store: Store) -> None:
    """Remove the hidden files of unfinished writes (after the workers are stopped)."""
    for folder in ("", *TABLES, STATUS):
        for entry in store.listdir(folder):
            if entry.endswith(".partial"):
                store.remove(posixpath.join(folder, entry) if folder else entry)


def commit(store: Store, parts: int, rows: Mapping[str, int]) -> None:
    """After every part is finished and ``articles.parquet`` is in place: remove the parts a
    longer earlier run left beyond the last one, then write the manifest, last."""
    from . import __version__

    for folder in (*TABLES, STATUS):
        for entry in store.listdir(folder):
            index = part_index(entry)
            if index is not None and index >= parts:
                store.remove(f"{folder}/{entry}")
    manifest = {
        "format": FORMAT,
        "newsframe": __version__,
        "parts": parts,
        "tables": dict(sorted(rows.items())),
    }
    store.write_text(DATASET_MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


class ArticlesWriter:
    """``articles.parquet``, written by the client a part at a time in part order (parts
    finishing out of order wait in a small buffer), under a hidden name until closed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.tmp = _hidden("articles.parquet")
        self.pending: dict[int, pa.Table] = {}
        self.next = 0
        self.rows = 0
        self._fh: IO[bytes] | None = None
        self._writer: Any = None

    def add(self, index: int, status: pa.Table) -> None:
        self.pending[index] = status
        while self.next in self.pending:
            self._write(self.pending.pop(self.next))
            self.next += 1

    @property
    def waiting(self) -> int:
        """Parts received out of order and not yet written."""
        return len(self.pending)

    def _write(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        schema = arrow_schema("articles")
        if self._writer is None:
            self._fh = self.store.open(self.tmp, "wb")
            self._writer = pq.ParquetWriter(self._fh, schema)
        self._writer.write_table(table.select(schema.names).cast(schema))
        self.rows += table.num_rows

    def close(self) -> None:
        """Move the table into place (an empty one when no part was written)."""
        if self.pending:
            raise NewsframeError(f"parts {sorted(self.pending)} came without the parts before")
        if self._writer is None:
            self._write(to_arrow("articles", articles_frame([])))
        self._writer.close()
        assert self._fh is not None
        self._fh.close()
        self.store.replace(self.tmp, "articles.parquet")

    def abandon(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
                if self._fh is not None:
                    self._fh.close()
            except Exception:  # already failing: remove what is there
                pass
        self.store.remove(self.tmp)


_LOCK_FDS: set[int] = set()
"""Descriptors of the folder locks this process holds."""


def _drop_inherited_locks() -> None:
    """In a forked child (a pool worker), close the inherited lock descriptors: a flock is held
    while any process keeps a descriptor open, so a worker that outlives its run (killed, slow
    to exit) would otherwise keep the folder locked after the run has ended."""
    for fd in list(_LOCK_FDS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _LOCK_FDS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


@contextmanager
def folder_lock(store: Store) -> Iterator[None]:
    """Hold an exclusive lock on a local output folder (``.newsframe.lock``, released by the
    system even when the process dies); a second writer gets a clear error at once. Folders
    behind other URLs are not locked: one writer per folder is on the user."""
    local = store.local
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks
        local = None
    try:
        store.makedirs()
    except OSError as exc:
        raise NewsframeError(
            f"{store.name}: cannot create the output folder ({exc.strerror or exc})"
        ) from None
    if local is None:
        yield
        return
    fd = os.open(local / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NewsframeError(
                f"{local}: another newsframe run is writing to this folder; wait for it to "
                "finish or choose another output folder"
            ) from None
        _LOCK_FDS.add(fd)
        yield
    finally:
        _LOCK_FDS.discard(fd)
        os.close(fd)


# -- reading ----------------------------------------------------------------------------------
def read_manifest_of(store: Store) -> dict[str, Any]:
    """The manifest of a complete dataset; a one-line error for a folder that is not one."""
    if not store.exists(DATASET_MANIFEST):
        unfinished = store.exists("articles.parquet") or store.exists(STATUS)
        if unfinished or any(e.endswith(".partial") for e in store.listdir("")):
            raise NewsframeError(
                f"{store.name}: incomplete corpus folder (no {DATASET_MANIFEST}): the run that "
                "wrote it did not finish, or is still running; run it again (the parts it "
                "finished are kept)"
            )
        raise NewsframeError(
            f"{store.name}: no {DATASET_MANIFEST} here; not a newsframe corpus folder"
        )
    try:
        with store.open(DATASET_MANIFEST) as fh:
            manifest = json.loads(fh.read().decode("utf-8"))
        manifest["tables"] = {name: int(n) for name, n in manifest["tables"].items()}
        manifest["format"] = int(manifest.get("format", 1))
        manifest["parts"] = int(manifest.get("parts", 0))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise NewsframeError(f"{store.name}: {DATASET_MANIFEST} cannot be read") from None
    return manifest


def read_table(store: Store, name: str, manifest: Mapping[str, Any]) -> pa.Table:
    """One stored table (``articles`` or one of :data:`TABLES`), rows in input order, checked
    against the manifest: a missing part or a changed row count is a one-line error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    expected = manifest["tables"].get(name)
    changed = NewsframeError(
        f"{store.name}: {name} is missing or does not match {DATASET_MANIFEST}; the folder "
        "was changed after it was written"
    )
    if expected is None:
        raise changed
    if name == "articles" or manifest["format"] == 1:
        rels = [f"{name}.parquet"]
    else:
        rels = [f"{name}/{part_name(i)}" for i in range(manifest["parts"])]
    tables = []
    try:
        for rel in rels:
            with store.open(rel) as fh:
                tables.append(pq.read_table(fh))
    except (OSError, ValueError, pa.ArrowException):
        raise changed from None
    if not tables:
        return arrow_schema(name).empty_table()
    table = pa.concat_tables(tables, promote_options="permissive")
    if table.num_rows != expected:
        raise changed
    return table


__all__ = [
    "DATASET_MANIFEST",
    "FORMAT",
    "STATUS",
    "ArticlesWriter",
    "Store",
    "arrow_schema",
    "articles_frame",
    "commit",
    "finished_part",
    "folder_lock",
    "part_name",
    "prepare",
    "read_manifest_of",
    "read_table",
    "sweep",
    "to_arrow",
    "write_part",
]
