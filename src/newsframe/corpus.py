"""Many articles into one set of frames: serially, on local processes, or on a Dask cluster.

Each article is processed by one pure function, :func:`process_article`, which reads the file,
builds its five frames and returns them with an ``article`` key. The engines only decide where
that function runs; results keep input order, so every engine gives identical frames. A file
that cannot be read becomes a row of :attr:`Corpus.articles` with its error, and the run goes
on.

For corpora that do not fit in memory, :func:`write_corpus` hands batches of articles to the
workers, and each worker writes its own Parquet part of every table (see
:mod:`newsframe.dataset`); only counts and one status row per article come back, and the
client writes ``articles.parquet`` and the manifest last. :func:`read_parquet` loads the
result back as a :class:`Corpus`.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import read_article, read_text
from .dataset import DATASET_MANIFEST
from .errors import BadInputError, MissingDateError, NewsframeError
from .frames import RESULT_SCHEMAS
from .names import TABLES, Engine
from .reading import (
    DateLike,
    Listing,
    Manifest,
    _expand_listed,
    name_parts,
    parse_date,
    read_manifest,
)
from .text import count_words

if TYPE_CHECKING:
    import pandas as pd

ARTICLE_COLUMNS = RESULT_SCHEMAS["articles"]


@dataclass(frozen=True, slots=True)
class Job:
    """One article to process: its path, the publication date to use (or None), its key in
    the corpus (the file stem, made unique: a second ``x.txt`` becomes ``x~2``), and an error
    found before reading it (a bad manifest cell, a folder that cannot be listed, a bad row).

    An article from a row of an article table carries its ``text`` (and ``title``,
    ``source``); ``path`` is then the table's, and ``where`` the row (``"line 7"``).
    ``basis`` is what ``meta["published_basis"]`` says of ``published``; ``"manifest"``
    with no ``published`` means the manifest was looked up and has no date for the article
    (a sidecar or the page may still have one), so the worker never reads the manifest."""

    path: str
    published: dt.date | None = None
    key: str = ""
    error: str | None = None
    time_limit: float | None = None
    text: str | None = None
    title: str | None = None
    source: str | None = None
    where: str = ""
    basis: str = "given"


TIME_LIMIT = 120.0
"""Seconds one article may take in a corpus run (its five frames) before it is reported as too
slow and the run goes on. Ordinary articles take milliseconds; the 20 MB size limit of real
prose takes about a minute. Enforced where the article runs in a process's main thread (the
serial and processes engines); Dask runs tasks in threads, which cannot be interrupted."""


class _TooSlow(Exception):
    pass


@contextmanager
def _raising_on(signum: int, error: Callable[[int], BaseException]) -> Iterator[bool]:
    """While the block runs, signal ``signum`` raises ``error(signum)``. Signal handlers can
    only be set in the main thread: elsewhere nothing is set, and the block is told so."""
    if threading.current_thread() is not threading.main_thread():
        yield False
        return

    def stop(signum: int, frame: object) -> None:
        raise error(signum)

    previous = signal.signal(signum, stop)
    try:
        yield True
    finally:
        signal.signal(signum, previous)


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_TooSlow` in the block after ``seconds`` of wall time (main thread only)."""
    if not seconds:
        yield
        return
    with _raising_on(signal.SIGALRM, lambda _: _TooSlow()) as armed:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)


def process_article(job: Job) -> dict[str, Any]:
    """Read one article and build all its frames; never raises for a bad file.

    Returns a dict with an ``articles`` record (see :attr:`Corpus.articles`) and, when the
    article could be read, one frame per table in :data:`TABLES` with an ``article`` column.
    """
    out = _process_article(job)
    key = out["articles"]["article"]
    return {
        name: value if name == "articles" else value.assign(article=key)
        for name, value in out.items()
    }


def _process_article(job: Job) -> dict[str, Any]:
    """:func:`process_article` without the ``article`` column (added once per batch)."""
    path = Path(job.path)
    record: dict[str, Any] = {
        "article": job.key or path.stem,
        "stem": job.key if job.where else path.stem,
        "path": str(path),
        "published": job.published,
        "source": None,
        "title": None,
        "dateline": None,
        "lines": 0,
        "words": 0,
        "error": None,
    }
    if job.error:
        record["error"] = job.error
        return {"articles": record}
    label = f"{path}, {job.where}" if job.where else str(path)
    try:
        with _time_limit(job.time_limit):
            if job.text is not None:
                meta = {"title": job.title, "source": job.source, "stem": job.key}
                art = read_text(
                    job.text,
                    name=label,
                    published=job.published,
                    published_basis=job.basis,
                    meta={**meta, "path": job.path},
                )
            else:
                art = read_article(
                    path,
                    published=job.published,
                    published_basis=job.basis,
                    manifest=job.basis != "manifest",  # looked up already
                )
            frames = {name: getattr(art, name) for name in TABLES}
    except _TooSlow:
        record["error"] = (
            f"{label}: took longer than the time limit of {job.time_limit:g} s; skipped "
            "(raise time_limit=, or --time-limit on the command line)"
        )
        return {"articles": record}
    except NewsframeError as exc:
        record["error"] = str(exc)
        return {"articles": record}
    except Exception as exc:  # a bug must not stop a 100,000-article run; it is reported
        record["error"] = f"{label}: unexpected {type(exc).__name__}: {exc}"
        return {"articles": record}
    record.update(
        published=art.published,
        source=art.meta.get("source"),
        title=art.meta.get("title"),
        dateline=art.meta.get("dateline"),
        lines=len(frames["lines"]),
        words=sum(count_words(t) for t in frames["sentences"].text),
    )
    return {"articles": record, **frames}


def _batch_frames(results: Sequence[dict[str, Any]]) -> dict[str, pd.DataFrame | None]:
    """One frame per table for a batch of :func:`_process_article` results, ``article`` (str)
    first: one concatenation per table, the key column built once (not one copy of every
    article's frame to add it). None for a table when no article of the batch was read."""
    import numpy as np
    import pandas as pd

    read = [r for r in results if len(r) > 1]
    keys = np.array([r["articles"]["article"] for r in read], dtype=object)
    out: dict[str, pd.DataFrame | None] = {}
    for name in TABLES:
        if not read:
            out[name] = None
            continue
        parts = [r[name] for r in read]
        frame = pd.concat(parts, ignore_index=True)
        counts = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        frame.insert(0, "article", pd.array(np.repeat(keys, counts), dtype="str"))
        out[name] = frame
    return out


def process_chunk(jobs: Sequence[Job]) -> dict[str, Any]:
    """Process several articles in one worker and merge their frames there.

    Returns ``{"articles": [record, ...], "<table>": frame or None, ...}``; each frame has
    ``article`` (str) first. Merging in the worker keeps what crosses the process boundary to
    a few large frames per chunk, which is far cheaper to pickle than many small ones.
    """
    results = [_process_article(job) for job in jobs]
    return {"articles": [r["articles"] for r in results], **_batch_frames(results)}


@dataclass(frozen=True, slots=True)
class Part:
    """One task of :func:`write_corpus`: the jobs of part ``index`` (numbered by input
    position) and the output ``folder`` (a path or URL every worker can reach)."""

    index: int
    jobs: tuple[Job, ...]
    folder: str
    resume: bool = True


def job_hash(job: Job) -> str:
    """What the frames of a job depend on, as a hex digest: the job itself (key, date, its
    basis, error, time limit, a row's title and source), the newsframe version, and the bytes
    of the text (a row's text, or the file and its ``.meta.json`` sidecar). A part whose
    articles all have the hashes recorded by an earlier run is not written again."""
    import hashlib

    from . import __version__

    h = hashlib.blake2b(digest_size=16)
    fields = (
        __version__,
        job.key,
        job.path,
        job.where,
        str(job.published),
        job.basis,
        job.error,
        job.time_limit,
        job.title,
        job.source,
    )
    h.update(repr(fields).encode("utf-8", "surrogatepass"))
    if job.text is not None:
        h.update(job.text.encode("utf-8", "surrogatepass"))
    elif job.error is None:
        path = Path(job.path)
        for p in (path, path.with_name(path.stem + ".meta.json")):
            digest = _file_digest(p)
            h.update(len(digest).to_bytes(8, "little") + digest)
    return h.hexdigest()


def _file_digest(path: Path) -> bytes:
    """The bytes of a regular file of ordinary size; otherwise what is known without opening it
    (a FIFO is never opened, a huge file never read)."""
    import stat

    from .reading import MAX_BYTES

    try:
        info = os.stat(path)
    except OSError as exc:
        return f"\0missing {exc.errno}".encode()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        return f"\0{info.st_mode} {info.st_size} {info.st_mtime_ns}".encode()
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"\0unreadable {exc.errno}".encode()


def write_part(part: Part) -> dict[str, Any]:
    """Process one part's articles and write its Parquet part of every table (the worker's
    side of :func:`write_corpus`); never raises for a bad article.

    Returns ``{"index", "articles": <pyarrow.Table of status rows>, "rows": {table: n},
    "skipped": bool}``: only counts and one status row per article cross back to the client.
    With ``resume``, a part that an earlier run finished with the same articles (keys and
    :func:`job_hash`) is not processed again; its status rows are read back.
    """
    import pyarrow as pa

    from . import dataset

    store = dataset.Store(part.folder)
    hashes = [job_hash(job) for job in part.jobs]
    keys = [job.key or Path(job.path).stem for job in part.jobs]
    if part.resume and (found := dataset.finished_part(store, part.index)) is not None:
        status, rows = found
        names = status.column_names
        if (
            "hash" in names
            and "article" in names
            and status.column("article").to_pylist() == keys
            and status.column("hash").to_pylist() == hashes
        ):
            articles = status.drop_columns(["hash"])
            return {"index": part.index, "articles": articles, "rows": rows, "skipped": True}
    results = [_process_article(job) for job in part.jobs]
    frames = _batch_frames(results)
    tables = {
        name: dataset.to_arrow(name, dataset.empty_table_frame(name) if frame is None else frame)
        for name, frame in frames.items()
    }
    articles = dataset.to_arrow(
        "articles", dataset.articles_frame([r["articles"] for r in results])
    )
    status = articles.append_column("hash", pa.array(hashes, type=pa.string()))
    rows = dataset.write_part(store, part.index, tables, status)
    return {"index": part.index, "articles": articles, "rows": rows, "skipped": False}


def _chunks(jobs: Sequence[Job], size: int) -> list[Sequence[Job]]:
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def unique_keys(stems: Iterable[str]) -> list[str]:
    """One key per stem, in order: the stem itself, or when taken the first of ``stem~2``,
    ``stem~3``... that is free. Unique by construction, whatever the file names are
    (``x``, ``x``, ``x~2`` give ``x``, ``x~2``, ``x~2~2``)."""
    used: set[str] = set()
    keys = []
    for stem in stems:
        key, n = stem, 1
        while key in used:
            n += 1
            key = f"{stem}~{n}"
        used.add(key)
        keys.append(key)
    return keys


Inputs = Any
"""What :func:`read_corpus` takes: a glob, a folder, a path (an article file, a saved page or
an article table), a pandas DataFrame of articles, or a list of them."""


class _Keys:
    """Unique keys, in order: see :func:`unique_keys`."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, stem: str) -> str:
        key, n = stem, 1
        while key in self.used:
            n += 1
            key = f"{stem}~{n}"
        self.used.add(key)
        return key


def _is_frame(item: object) -> bool:
    return type(item).__name__ == "DataFrame" and hasattr(item, "iloc")


def iter_jobs(
    inputs: Inputs,
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
    time_limit: float | None = TIME_LIMIT,
    columns: Mapping[str, str | None] | None = None,
) -> Iterator[Job]:
    """One :class:`Job` per article file, and per row of each article table, in input order;
    the rows of a table are read as the jobs are taken, a batch at a time (see
    :mod:`newsframe.tabular`), so a table of any size streams.

    Files get their dates as in :func:`make_jobs`. A table's columns are ``columns``
    (``{"text": ..., "published": ..., "source": ..., "title": ..., "key": ...}``) or
    recognised from common layouts; every table's columns are checked before the first job
    is yielded. A row's key is its ``key`` cell, or else its row number (a JSON lines file's
    line number; a DataFrame's index label), made unique.

    Raises:
        BadInputError: ``published`` is not a date (nor a column of every table), a manifest
            or table cannot be read, or a table lacks a named column or any text column (the
            message lists the columns found).
    """
    return _plan_jobs(inputs, published, manifest, time_limit, columns)[0]


def _plan_jobs(
    inputs: Inputs,
    published: DateLike,
    manifest: str | os.PathLike[str] | None,
    time_limit: float | None,
    columns: Mapping[str, str | None] | None,
) -> tuple[Iterator[Job], int | None]:
    """:func:`iter_jobs`, and the number of jobs when it is known before reading them (files
    only; rows of article tables are counted as they are read)."""
    from .tabular import resolve_columns, table_columns

    items = [inputs] if isinstance(inputs, str | os.PathLike) or _is_frame(inputs) else inputs
    given = dict(columns or {})
    # what to read, in order: ("files", [(path, error)...]) or ("table", source, columns)
    plan: list[tuple[Any, ...]] = []
    for item in items:
        if _is_frame(item):
            plan.append(("table", item))
            continue
        for entry in _expand_listed(item):
            for group in _split_tables(entry):
                if isinstance(group, str):
                    plan.append(("table", group))
                elif plan and plan[-1][0] == "files":
                    plan[-1][1].append(group)
                else:
                    plan.append(("files", [group]))
    tables = [step[1] for step in plan if step[0] == "table"]
    published_column = None
    if tables and isinstance(published, str) and published:
        found = [table_columns(t) for t in tables]
        if all(published in cols for cols in found):
            published_column, published = published, None
        elif any(published in cols for cols in found):
            raise BadInputError(f"published={published!r} is a column of some tables only")
    try:
        date = parse_date(published, name="published")
    except MissingDateError:
        if tables:
            found_cols = ", ".join(repr(c) for c in table_columns(tables[0]))
            raise MissingDateError(
                f"published={published!r} is neither a date nor a column of the table "
                f"(columns found: {found_cols})"
            ) from None
        raise
    if published_column is not None:
        given["published"] = published_column
    resolved = []
    for step in plan:
        if step[0] == "table":
            source = step[1]
            name = "<DataFrame>" if _is_frame(source) else str(source)
            resolved.append((*step, resolve_columns(table_columns(source), given, name)))
        else:
            resolved.append(step)
    groups = [group for step in plan if step[0] == "files" for group in step[1]]
    given_manifest = read_manifest(manifest) if manifest else None
    beside: dict[Path, Manifest] = {}  # a MANIFEST.csv beside the articles, when none is given
    if given_manifest is None:
        folders = (Path(g.base) if isinstance(g, Listing) else Path(g[0]).parent for g in groups)
        for folder in dict.fromkeys(folders):
            if (folder / "MANIFEST.csv").is_file():
                beside[folder] = read_manifest(folder / "MANIFEST.csv")
    total = None if tables else sum(len(g.names) if isinstance(g, Listing) else 1 for g in groups)
    return _jobs_of(resolved, date, given_manifest, beside, time_limit), total


def _split_tables(
    entry: Listing | tuple[str, str | None],
) -> Iterator[str | Listing | tuple[str, str | None]]:
    """An expanded input as runs of article files (a :class:`Listing` or one ``(path,
    error)``) and the article tables among them (their paths), in order."""
    from .tabular import table_kind

    if not isinstance(entry, Listing):
        path, error = entry
        yield path if error is None and table_kind(path) and Path(path).is_file() else entry
        return
    run: list[str] = []
    for name, path in zip(entry.names, entry.paths(), strict=True):
        if table_kind(name) and Path(path).is_file():
            if run:
                yield Listing(entry.base, run)
                run = []
            yield path
        else:
            run.append(name)
    if run:
        yield Listing(entry.base, run)


def _files_of(
    groups: list[Listing | tuple[str, str | None]],
) -> Iterator[tuple[str, str | None, str]]:
    """The ``(path, error, stem)`` of every article file of a run of groups, in order (a
    listed name's stem by :func:`name_parts`, without a Path)."""
    for group in groups:
        if isinstance(group, Listing):
            for name, path in zip(group.names, group.paths(), strict=True):
                yield path, None, name_parts(name)[0]
        else:
            yield group[0], group[1], Path(group[0]).stem


def _jobs_of(
    resolved: list[tuple[Any, ...]],
    date: dt.date | None,
    given_manifest: Manifest | None,
    beside: dict[Path, Manifest],
    time_limit: float | None,
) -> Iterator[Job]:
    from .tabular import iter_rows

    keys = _Keys()
    for step in resolved:
        if step[0] == "files":
            for p, error, stem in _files_of(step[1]):
                day: dt.date | None = date
                basis = "given"
                if day is None and error is None:
                    table = (
                        given_manifest if given_manifest is not None else beside.get(Path(p).parent)
                    )
                    if table is not None:
                        basis = "manifest"
                        try:
                            day = table.date_of(stem)
                        except MissingDateError as exc:
                            error = str(exc)
                yield Job(p, day, keys(stem), error, time_limit, basis=basis)
            continue
        source, cols = step[1], step[2]
        path = "<DataFrame>" if _is_frame(source) else str(source)
        for row in iter_rows(source, cols):
            key = keys(row.key or row.where.split(" ", 1)[1])  # "line 7" -> "7"
            if row.error:
                yield Job(path, None, key, row.error, time_limit, where=row.where)
                continue
            day = row.published if date is None else date
            yield Job(
                path,
                day,
                key,
                None,
                time_limit,
                text=row.text,
                title=row.title,
                source=row.source,
                where=row.where,
                basis="given" if date is not None else "table",
            )


def make_jobs(
    paths_or_glob: Inputs,
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
    time_limit: float | None = TIME_LIMIT,
    columns: Mapping[str, str | None] | None = None,
) -> list[Job]:
    """One :class:`Job` per file (and per row of an article table: see :func:`iter_jobs`),
    with its date from ``published``, the manifest or a sidecar.

    Without ``manifest``, a ``MANIFEST.csv`` (columns ``file``, ``published``) in an
    article's folder is used for the articles of that folder. A manifest cell that is not a
    date becomes that article's error; a manifest that cannot be read at all raises.

    Raises:
        BadInputError: ``published`` is not a date, or a manifest cannot be read.
    """
    return list(iter_jobs(paths_or_glob, published, manifest, time_limit, columns))


# -- engines -----------------------------------------------------------------------------
Runner = Callable[[Sequence[Job]], list[dict[str, Any]]]
"""Processes a batch of jobs and returns chunk results (see :func:`process_chunk`) in order."""


def _refuse_nested_start(engine: str) -> None:
    """A worker process that re-imports a script which starts an engine at import time would
    start engines recursively; stop with the fix instead of a cryptic multiprocessing error."""
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        raise NewsframeError(
            f"engine={engine!r} was started while a worker process imported your script; put "
            'the code that reads the corpus under `if __name__ == "__main__":` '
            "(see Corpora in the docs)"
        )


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops them (no traceback from every worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """While the block runs, SIGTERM raises SystemExit in the main thread, so that cleanup
    (stopping workers, removing partial files) runs as it does for Ctrl-C."""
    with _raising_on(signal.SIGTERM, lambda signum: SystemExit(128 + signum)):
        yield


def _stop_pool(pool: Any) -> None:
    """Cancel what is queued and end the workers now, rather than after their current work."""
    pool.shutdown(wait=False, cancel_futures=True)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


class _Done:
    """The result of a task the serial engine ran at once (a future that is already done)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


class _Pool:
    """Where tasks run: ``submit(fn, arg)`` gives a future, ``wait(futures)`` the set of those
    done (at least one). ``workers`` is how many tasks run at once."""

    def __init__(self, engine: str, workers: int, backend: Any = None) -> None:
        self.engine = engine
        self.workers = workers
        self.backend = backend  # a ProcessPoolExecutor or a distributed Client

    def submit(self, fn: Callable[[Any], Any], arg: Any) -> Any:
        if self.engine == "serial":
            return _Done(fn(arg))
        if self.engine == "dask":
            return self.backend.submit(fn, arg, pure=False)
        return self.backend.submit(fn, arg)

    def wait(self, futures: set[Any]) -> set[Any]:
        if self.engine == "serial":
            return set(futures)
        if self.engine == "dask":
            from distributed import wait

            return set(wait(list(futures), return_when="FIRST_COMPLETED").done)
        from concurrent.futures import FIRST_COMPLETED, wait

        return set(wait(futures, return_when=FIRST_COMPLETED).done)

    def result(self, future: Any) -> Any:
        if self.engine == "processes":
            from concurrent.futures.process import BrokenProcessPool

            try:
                return future.result()
            except BrokenProcessPool:
                raise NewsframeError(
                    "a worker process died (killed, or out of memory) while processing "
                    "articles; the run was stopped"
                ) from None
        return future.result()


def _load_shared_data() -> None:
    """Load the gazetteer before the processes engine forks its workers: they inherit it
    (frozen out of the garbage collector, so its pages stay shared) instead of each loading
    it again. With a start method other than fork, the workers load their own."""
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":  # the pool uses the default context
        from .gazetteer import load_gazetteer

        load_gazetteer()


@contextmanager
def _start_pool(
    engine: Engine, *, scheduler: str | None = None, workers: int | None = None
) -> Iterator[_Pool]:
    """Start ``engine`` and yield its :class:`_Pool`; on an error, Ctrl-C or SIGTERM the
    workers are stopped before the exception goes on."""
    n = workers or os.cpu_count() or 1
    if engine == "serial":
        yield _Pool("serial", 1)
    elif engine == "processes":
        from concurrent.futures import ProcessPoolExecutor

        _refuse_nested_start(engine)
        _load_shared_data()
        with _sigterm_as_exit():
            executor = ProcessPoolExecutor(max_workers=n, initializer=_ignore_sigint)
            try:
                yield _Pool("processes", n, executor)
            except BaseException:
                _stop_pool(executor)
                raise
            executor.shutdown()
    elif engine == "dask":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise NewsframeError(
                "the dask engine needs the 'dask' extra: pip install 'newsframe[dask]'"
            ) from None
        _refuse_nested_start(engine)
        with _sigterm_as_exit():
            cluster = None
            if scheduler:
                try:
                    client = Client(scheduler, timeout="30s")
                except OSError as exc:
                    raise NewsframeError(
                        f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                    ) from None
            else:
                import dask

                # Workers sample every thread's stack 100 times a second for the dashboard's
                # profile, which this cluster does not serve: a fifth more CPU per article
                # (benchmarks/bench_scale.py). The nannies hand this setting to the workers.
                with dask.config.set({"distributed.worker.profile.enabled": False}):
                    cluster = LocalCluster(
                        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                    )
                client = Client(cluster)
            try:
                threads = sum(client.nthreads().values()) if scheduler else n
                yield _Pool("dask", max(1, threads), client)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
    else:
        raise NewsframeError(f"unknown engine {engine!r}; use 'serial', 'processes' or 'dask'")


@dataclass
class RunStats:
    """Where the client's time went in a run (the scaling benchmark reads it): ``seconds`` of
    wall time, ``waiting`` for workers, ``tasks`` run and ``skipped`` (finished earlier)."""

    seconds: float = 0.0
    waiting: float = 0.0
    tasks: int = 0
    skipped: int = 0


LAST_RUN = RunStats()
"""The :class:`RunStats` of the last :func:`write_corpus` in this process."""


def _imap(
    pool: _Pool,
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    window: int,
    ordered: bool = False,
    held: Callable[[], int] = lambda: 0,
    max_held: int = 64,
    stats: RunStats | None = None,
) -> Iterator[Any]:
    """``fn`` over ``items`` on ``pool``, at most ``window`` tasks in flight, each finished
    task replaced before its result is handed on, so the workers never wait for the caller.

    Results come as they finish, or in input order when ``ordered`` (finished results then
    wait in a buffer that counts toward the window). ``held()`` is how many results the
    caller buffers itself; no task is submitted while it is ``max_held`` or more (a slow
    part holds the others back only that far).
    """
    import time

    pending: dict[Any, int] = {}
    ready: dict[int, Any] = {}
    source = iter(items)
    submitted = emitted = 0
    exhausted = False

    def fill() -> None:
        nonlocal submitted, exhausted
        while not exhausted and len(pending) + len(ready) < window and held() < max_held:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                return
            pending[pool.submit(fn, item)] = submitted
            submitted += 1

    fill()
    while pending:
        started = time.perf_counter()
        done = pool.wait(set(pending))
        if stats is not None:
            stats.waiting += time.perf_counter() - started
        out = []
        for future in sorted(done, key=pending.__getitem__):
            index = pending.pop(future)
            if ordered:
                ready[index] = pool.result(future)
            else:
                out.append(pool.result(future))
        while ordered and emitted in ready:
            out.append(ready.pop(emitted))
            emitted += 1
        if pool.engine != "serial":  # the serial engine would run the next task first
            fill()
        yield from out
        if not pending:
            fill()


def _window(pool: _Pool) -> int:
    """Tasks in flight: one running and one queued per worker, so none idles between tasks."""
    return 1 if pool.engine == "serial" else 2 * pool.workers


@contextmanager
def engine_runner(
    engine: Engine = "serial", *, scheduler: str | None = None, workers: int | None = None
) -> Iterator[Runner]:
    """Start ``engine`` once and yield a function that processes a batch of jobs in order.

    ``serial`` runs in this process; ``processes`` keeps one pool of ``workers`` local
    processes (default: all cores); ``dask`` connects a ``distributed`` client to
    ``scheduler``, or starts a LocalCluster when it is None, and submits one task per chunk.
    On an error, Ctrl-C or SIGTERM the workers are stopped before the exception goes on.
    """
    with _start_pool(engine, scheduler=scheduler, workers=workers) as pool:

        def run(jobs: Sequence[Job]) -> list[dict[str, Any]]:
            if pool.engine == "serial":
                return [process_chunk(jobs)]
            size = max(1, min(64, -(-len(jobs) // (pool.workers * 2))))
            chunks = _chunks(jobs, size)
            return list(_imap(pool, process_chunk, chunks, window=_window(pool), ordered=True))

        yield run


def iter_batches(
    jobs: Iterable[Job],
    engine: Engine = "serial",
    *,
    batch: int = 256,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> Iterator[list[dict[str, Any]]]:
    """Process ``jobs`` on ``engine`` in batches of ``batch``; yield each batch's chunk results
    (see :func:`process_chunk`), in input order. ``jobs`` may be an iterator (the rows of a
    large article table): it is taken a chunk at a time, and the chunks of the next batch are
    already running while the caller handles this one."""
    import itertools

    bar = None
    if progress:
        from tqdm import tqdm

        total = len(jobs) if isinstance(jobs, Sequence) else None
        bar = tqdm(total=total, unit="article", file=sys.stderr, desc="articles")
    try:
        with _start_pool(engine, scheduler=scheduler, workers=workers) as pool:
            per_batch = 1 if pool.engine == "serial" else 2 * pool.workers
            size = max(1, min(64, -(-batch // per_batch)))
            chunks = _batched(jobs, size)
            results = _imap(pool, process_chunk, chunks, window=_window(pool), ordered=True)
            pending = iter(results)
            while group := list(itertools.islice(pending, -(-batch // size))):
                if bar is not None:
                    bar.update(sum(len(r["articles"]) for r in group))
                yield group
    finally:
        if bar is not None:
            bar.close()


def _batched(jobs: Iterable[Job], size: int) -> Iterator[tuple[Job, ...]]:
    import itertools

    source = iter(jobs)
    while chunk := tuple(itertools.islice(source, size)):
        yield chunk


# -- the corpus --------------------------------------------------------------------------
@dataclass(frozen=True)
class ArticleView:
    """One article's slice of a :class:`Corpus`: ``stem``, ``meta`` and its five frames.

    It quacks like an :class:`~newsframe.Article` for the aggregations
    (``coverage_by_country``, ``timeline_density``, ``sentiment_by_section``...).
    """

    stem: str
    meta: dict[str, Any]
    frames: dict[str, pd.DataFrame]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.frames[name]
        raise AttributeError(name)

    @property
    def published(self) -> dt.date | None:
        return self.meta.get("published")


@dataclass
class Corpus:
    """The per-article frames of many articles, concatenated, with an ``article`` key first.

    Attributes:
        articles: one row per input file: ``article`` (str, the key: the file stem, made
            unique), ``stem`` (str), ``path`` (str), ``published`` (datetime64[s]),
            ``source`` (str, the outlet from the sidecar), ``title`` (str), ``dateline``
            (str), ``lines`` (int64), ``words`` (int64) and ``error`` (str; missing when the
            article was read).
        lines, sentences, places, dates, sentiment: the :class:`~newsframe.Article` frames
            with ``article`` (categorical, categories in input order) as first column.
    """

    articles: pd.DataFrame
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.frames[name]
        raise AttributeError(name)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[ArticleView]:
        """The articles that were read, one :class:`ArticleView` each, in input order."""
        import pandas as pd

        tables = {name: self.named_tables(name) for name in self.frames}
        read = self.articles[self.articles.error.isna()]
        for k, row in enumerate(read.itertuples(index=False)):
            published = None if pd.isna(row.published) else row.published.date()
            meta = {
                "title": row.title,
                "published": published,
                "dateline": row.dateline,
                "path": row.path,
                "stem": row.article,
            }
            frames = {name: pairs[k][1] for name, pairs in tables.items()}
            yield ArticleView(row.article, meta, frames)

    def named_tables(self, kind: str) -> list[tuple[str, pd.DataFrame]]:
        """``[(article key, its <kind> frame), ...]`` for the articles that were read, in
        input order: what iterating gives, for one table only (the aggregations use it through
        :func:`newsframe.frames.named_frames`, so they never regroup the other four)."""
        frame = self.frames[kind]
        groups = dict(iter(frame.groupby("article", observed=True, sort=False)))
        read = self.articles.article[self.articles.error.isna()]
        return [
            (key, groups.get(key, frame.iloc[:0]).drop(columns="article").reset_index(drop=True))
            for key in read
        ]

    def __repr__(self) -> str:
        bad = int(self.articles.error.notna().sum())
        return f"<Corpus {len(self)} articles, {bad} failed>"

    @property
    def errors(self) -> pd.DataFrame:
        """The articles that could not be read: ``article``, ``path`` and ``error`` (str)."""
        return self.articles[self.articles.error.notna()][["article", "path", "error"]]

    def summary(self) -> str:
        """One line: how many articles were read, and which failed and why."""
        bad = self.errors
        line = f"{len(self) - len(bad)} of {len(self)} articles read"
        if len(bad):
            line += "; failed: " + "; ".join(bad.error.tolist())
        return line

    def to_parquet(self, folder: str | os.PathLike[str]) -> Path | str:
        """Write the corpus as a dataset in ``folder`` (a local folder or an fsspec URL): one
        folder per table holding one part, ``articles.parquet``, and the manifest
        :data:`DATASET_MANIFEST` written last (the layout of :func:`write_corpus`)."""
        from . import dataset

        store = dataset.Store(folder)
        if store.fs is None:
            _output_folder(folder)
        with dataset.folder_lock(store):
            dataset.prepare(store, resume=False)
            rows = {"articles": len(self.articles)}
            for name in TABLES:
                frame = self.frames[name]
                frame = frame.assign(article=frame.article.astype(str))
                dataset.write_table(
                    store, f"{name}/{dataset.part_name(0)}", dataset.to_arrow(name, frame)
                )
                rows[name] = len(frame)
            table = dataset.to_arrow("articles", self.articles)
            dataset.write_table(store, "articles.parquet", table)
            dataset.commit(store, 1, rows)
        return Path(folder) if store.fs is None else store.name


def _assemble(results: Iterable[dict[str, Any]]) -> Corpus:
    import pandas as pd

    from .frames import empty_frame

    records: list[dict[str, Any]] = []
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    for result in results:  # chunk results of process_chunk
        records.extend(result["articles"])
        for name in TABLES:
            if result.get(name) is not None:
                parts[name].append(result[name])
    from .dataset import articles_frame

    articles = articles_frame(records)
    order = articles.article.tolist()
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        frame = (
            pd.concat(parts[name], ignore_index=True)
            if parts[name]
            else empty_frame(name).assign(article=pd.Series(dtype="str"))
        )
        frames[name] = _key_first(frame, order)
    return Corpus(articles, frames)


def _key_first(frame: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    import pandas as pd

    cats = list(dict.fromkeys(order))
    frame = frame.assign(article=pd.Categorical(frame.article.astype(str), categories=cats))
    return frame[["article", *[c for c in frame.columns if c != "article"]]]


def read_corpus(
    paths_or_glob: Inputs,
    *,
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
    engine: Engine = "serial",
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
    time_limit: float | None = TIME_LIMIT,
    text: str | None = None,
    source: str | None = None,
    title: str | None = None,
    key: str | None = None,
) -> Corpus:
    """Read many articles into one :class:`Corpus`.

    Args:
        paths_or_glob: a glob ("data/raw/cnn-stories/*.story"), a folder, a path, a pandas
            DataFrame of articles, or a list of them. Files may be plain text or saved web
            pages (recognised by their content); a ``.jsonl``, ``.csv`` or ``.parquet`` file
            named directly (``.jsonl`` and ``.parquet`` also in a folder) is an article table,
            one article per row, read in batches.
        published: one date for every article (otherwise the manifest, then each sidecar, then
            a web page's own metadata); for article tables, the name of the date column.
        manifest: a CSV with ``file`` and ``published`` columns.
        engine: ``"serial"``, ``"processes"`` (all local cores) or ``"dask"`` (a
            ``distributed`` client on ``scheduler``, or a LocalCluster when it is None).
        workers: processes or Dask workers (default: the number of cores).
        progress: show a tqdm progress bar on stderr.
        time_limit: seconds one article may take (:data:`TIME_LIMIT`; None: no limit).
        text: the column of an article table that holds the text. Without it (and the
            three below), common layouts are recognised
            (:data:`newsframe.tabular.LAYOUTS`: ``text`` or ``maintext``; ``published``,
            ``date_publish`` or ``date``; ``source``, ``source_domain`` or ``domain``;
            ``title``).
        source: the column with the outlet.
        title: the column with the headline.
        key: the column with a unique key; a row without one is keyed by its row number (a
            JSON lines file's line number, a DataFrame's index label), made unique.

    Bad files, bad rows (an empty text, a date that is not one, a line that is not JSON) and
    articles over the time limit do not stop the run: they appear in ``Corpus.articles`` with
    their error, which names the file and the row or line. A table without a named column,
    or without any text column, is one error before the run that lists the columns found.
    """
    jobs = iter_jobs(
        paths_or_glob,
        published,
        manifest,
        time_limit,
        {"text": text, "source": source, "title": title, "key": key},
    )
    batches = iter_batches(jobs, engine, scheduler=scheduler, workers=workers, progress=progress)
    corpus = _assemble(r for results in batches for r in results)
    if progress:
        print(corpus.summary(), file=sys.stderr)
    return corpus


PARTS = 256
"""How many parts :func:`write_corpus` aims at when it knows the number of articles: enough
that many workers share the work evenly, few enough that the files stay large."""
MIN_PART = 50
"""The fewest articles in a part (unless ``batch`` is smaller)."""


def part_size(batch: int, total: int | None) -> int:
    """Articles per part: ``batch`` at most; for a known number of articles, about
    ``total / PARTS`` but at least :data:`MIN_PART`. Depends on the inputs only (never on the
    workers), so a rerun numbers its parts as the first run did."""
    if batch < 1:
        raise NewsframeError(f"batch must be at least 1, not {batch}")
    if total is None:
        return batch
    return max(1, min(batch, max(MIN_PART, -(-total // PARTS))))


def write_corpus(
    paths_or_glob: Inputs,
    folder: str | os.PathLike[str],
    *,
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
    engine: Engine = "serial",
    scheduler: str | None = None,
    workers: int | None = None,
    batch: int = 500,
    progress: bool = False,
    on_batch: Callable[[int], None] | None = None,
    time_limit: float | None = TIME_LIMIT,
    text: str | None = None,
    source: str | None = None,
    title: str | None = None,
    key: str | None = None,
    resume: bool = True,
) -> Path | str:
    """Process a corpus into a Parquet dataset in ``folder``; the workers write it themselves.

    The articles are cut into parts of at most ``batch`` articles (see :func:`part_size`),
    numbered by input position. Each part is one task: a worker processes its articles and
    writes ``<table>/part-<n>.parquet`` for every table, then returns only counts and one
    status row per article. The client keeps the workers busy (the next parts are submitted
    before it handles a finished one), writes ``articles.parquet`` and, last, the manifest
    :data:`DATASET_MANIFEST`. Memory stays flat however many articles there are; an article
    table is read a batch at a time. The layout is described in :mod:`newsframe.dataset`;
    read it back with :func:`read_parquet`. The inputs and their options are those of
    :func:`read_corpus`.

    ``folder`` is a local folder or an fsspec URL (``s3://bucket/run``) that the client and
    every worker can reach. A local folder is locked while the run writes (a second run on it
    fails at once). A run stopped by an error, Ctrl-C, SIGTERM or a dead worker stops its
    workers and leaves a folder without a manifest, which :func:`read_parquet` refuses: never
    one that looks complete. Run the same command again to finish it: with ``resume`` (the
    default) a part that was finished with the same articles (their keys and
    :func:`job_hash`: the text, its sidecar, the date and options) is kept, and only the rest
    is processed. ``resume=False`` processes every article again.

    Returns the folder (a ``Path``, or the URL as given).

    Raises:
        NewsframeError: the folder cannot be written or is locked by another run, a manifest
            cannot be read, ``published`` is not a date, or a worker died.
    """
    import time

    from . import dataset

    jobs, total = _plan_jobs(
        paths_or_glob,
        published,
        manifest,
        time_limit,
        {"text": text, "source": source, "title": title, "key": key},
    )
    size = part_size(batch, total)
    store = dataset.Store(folder)
    if store.local is not None and store.fs is None:
        _output_folder(store.local)
    stats = LAST_RUN
    stats.seconds = stats.waiting = 0.0
    stats.tasks = stats.skipped = 0
    started = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="article", file=sys.stderr, desc="articles")
    try:
        with dataset.folder_lock(store), _sigterm_as_exit():
            dataset.prepare(store, resume)
            writer = dataset.ArticlesWriter(store)
            rows = dict.fromkeys(TABLES, 0)
            parts = done = 0
            try:
                with _start_pool(engine, scheduler=scheduler, workers=workers) as pool:
                    tasks = (
                        Part(i, chunk, store.name, resume)
                        for i, chunk in enumerate(_batched(jobs, size))
                    )
                    window = _window(pool)
                    for result in _imap(
                        pool,
                        write_part,
                        tasks,
                        window=window,
                        held=lambda: writer.waiting,
                        stats=stats,
                    ):
                        writer.add(result["index"], result["articles"])
                        parts += 1
                        stats.tasks += 1
                        stats.skipped += result["skipped"]
                        done += result["articles"].num_rows
                        for name in TABLES:
                            rows[name] += result["rows"][name]
                        if bar is not None:
                            bar.update(result["articles"].num_rows)
                        if on_batch:
                            on_batch(done)
                if parts == 0:  # no article at all: still a complete, empty dataset
                    write_part(Part(0, (), store.name, False))
                    writer.add(0, dataset.to_arrow("articles", dataset.articles_frame([])))
                    parts = 1
                writer.close()
            except BaseException:
                writer.abandon()
                dataset.sweep(store)
                raise
            dataset.commit(store, parts, {"articles": writer.rows, **rows})
    finally:
        if bar is not None:
            bar.close()
        stats.seconds = time.perf_counter() - started
    return store.local if store.fs is None and store.local is not None else store.name


def _output_folder(folder: str | os.PathLike[str]) -> Path:
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise NewsframeError(f"{out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsframeError(f"{out}: cannot create the output folder ({exc.strerror})") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise NewsframeError(f"{out}: the output folder is not writable")
    return out


def read_parquet(folder: str | os.PathLike[str]) -> Corpus:
    """Load a corpus written by :meth:`Corpus.to_parquet` or :func:`write_corpus` (a local
    folder or an fsspec URL), with the dtypes of the frame contract and rows in input order.

    Raises:
        NewsframeError: the folder is not a complete corpus dataset (no manifest: a run did
            not finish), or was changed after it was written.
    """
    from . import dataset
    from .frames import SCHEMAS

    store = dataset.Store(folder)
    manifest = dataset.read_manifest_of(store)
    articles = dataset.read_table(store, "articles", manifest).to_pandas()
    articles = _restore(articles, ARTICLE_COLUMNS)
    order = articles.article.astype(str).tolist()
    frames = {}
    for name in TABLES:
        frame = _restore(dataset.read_table(store, name, manifest).to_pandas(), SCHEMAS[name])
        frames[name] = _key_first(frame, order)
    return Corpus(articles, frames)


def _restore(frame: pd.DataFrame, schema: Mapping[str, Any]) -> pd.DataFrame:
    """Give columns back the dtypes of the frame contract (Parquet stores datetimes in ms)."""
    for col, dtype in schema.items():
        if col in frame.columns and str(frame[col].dtype) != str(dtype):
            frame[col] = frame[col].astype(dtype)
    return frame


__all__ = [
    "DATASET_MANIFEST",
    "LAST_RUN",
    "MIN_PART",
    "PARTS",
    "TABLES",
    "TIME_LIMIT",
    "ArticleView",
    "Corpus",
    "Job",
    "Part",
    "RunStats",
    "engine_runner",
    "iter_batches",
    "job_hash",
    "make_jobs",
    "part_size",
    "process_article",
    "process_chunk",
    "read_corpus",
    "read_manifest",
    "read_parquet",
    "write_corpus",
    "write_part",
]
