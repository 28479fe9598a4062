"""Many articles into one set of frames: serially, on local processes, or on a Dask cluster.

Each article is processed by one pure function, :func:`process_article`, which reads the file,
builds its five frames and returns them with an ``article`` key. The engines only decide where
that function runs; they all return results in input order, so every engine gives identical
frames. A file that cannot be read becomes a row of :attr:`Corpus.articles` with its error, and
the run goes on.

For corpora that do not fit in memory, :func:`write_corpus` streams batches straight into one
Parquet file per table (one row group per batch), so memory stays flat however many articles
there are; :func:`read_parquet` loads the result back as a :class:`Corpus`.
"""

from __future__ import annotations

import datetime as dt
import glob
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
from .errors import BadInputError, MissingDateError, NewsframeError
from .frames import RESULT_SCHEMAS
from .names import TABLES, Engine
from .reading import DateLike, Manifest, parse_date, read_manifest
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
    ``basis`` is what ``meta["published_basis"]`` says of ``published``."""

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
                art = read_article(path, published=job.published, published_basis=job.basis)
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
    out: dict[str, Any] = {"articles": record}
    for name, frame in frames.items():
        out[name] = frame.assign(article=job.key or path.stem)
    return out


def process_chunk(jobs: Sequence[Job]) -> dict[str, Any]:
    """Process several articles in one worker and merge their frames there.

    Returns ``{"articles": [record, ...], "<table>": frame or None, ...}``. Merging in the
    worker keeps what crosses the process boundary to a few large frames per chunk, which is
    far cheaper to pickle than many small ones.
    """
    import pandas as pd

    results = [process_article(job) for job in jobs]
    out: dict[str, Any] = {"articles": [r["articles"] for r in results]}
    for name in TABLES:
        parts = [r[name] for r in results if name in r]
        out[name] = pd.concat(parts, ignore_index=True) if parts else None
    return out


def _chunks(jobs: Sequence[Job], size: int) -> list[Sequence[Job]]:
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def expand_paths(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[str]:
    """Turn a glob, a directory, a path or a list of them into a list of files.

    Globs and folders give their entries in sorted order, without metadata sidecars
    (``*.meta.json``), manifests (``*.csv``) and subfolders; every other entry is kept, also
    one that is not a regular file (a FIFO, a broken link), so that reading it reports it. A
    path that exists is never read as a glob ("st[1].txt"), and a named path that does not
    exist is kept, so that it is reported.
    """
    return [path for path, _ in _expand(paths_or_glob)]


def _expand(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[tuple[str, str | None]]:
    """:func:`expand_paths` with an error for what cannot be listed: ``(path, error)``."""
    items = [paths_or_glob] if isinstance(paths_or_glob, str | os.PathLike) else list(paths_or_glob)
    out: list[tuple[str, str | None]] = []
    for item in items:
        s = os.fspath(item)
        if Path(s).is_dir():
            try:
                entries = sorted(Path(s).iterdir())
            except OSError as exc:
                out.append((s, f"{s}: cannot list the folder ({exc.strerror})"))
                continue
            out.extend((p, None) for p in _articles_in(entries))
        elif not os.path.lexists(s) and any(c in s for c in "*?["):
            out.extend((p, None) for p in _articles_in(sorted(Path(p) for p in glob.glob(s))))
        else:
            out.append((s, None))
    return out


def _articles_in(paths: Iterable[Path]) -> list[str]:
    return [
        str(p) for p in paths if not p.name.endswith((".meta.json", ".csv")) and not _is_folder(p)
    ]


def _is_folder(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:  # a link loop: reported when read
        return False


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
    from .tabular import resolve_columns, table_columns, table_kind

    items = [inputs] if isinstance(inputs, str | os.PathLike) or _is_frame(inputs) else inputs
    given = dict(columns or {})
    # what to read, in order: ("files", [(path, error)...]) or ("table", source, columns)
    plan: list[tuple[Any, ...]] = []
    for item in items:
        if _is_frame(item):
            plan.append(("table", item))
            continue
        for path, error in _expand(item):
            if error is None and table_kind(path) and Path(path).is_file():
                plan.append(("table", path))
            elif plan and plan[-1][0] == "files":
                plan[-1][1].append((path, error))
            else:
                plan.append(("files", [(path, error)]))
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
    found_files = [pair for step in plan if step[0] == "files" for pair in step[1]]
    given_manifest = read_manifest(manifest) if manifest else None
    beside: dict[Path, Manifest] = {}  # a MANIFEST.csv beside the articles, when none is given
    if given_manifest is None:
        for folder in dict.fromkeys(Path(p).parent for p, _ in found_files):
            if (folder / "MANIFEST.csv").is_file():
                beside[folder] = read_manifest(folder / "MANIFEST.csv")
    return _jobs_of(resolved, date, given_manifest, beside, time_limit)


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
            for p, error in step[1]:
                stem = Path(p).stem
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
    processes = list(getattr(pool, "_processes", {}).values())
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


@contextmanager
def engine_runner(
    engine: Engine = "serial", *, scheduler: str | None = None, workers: int | None = None
) -> Iterator[Runner]:
    """Start ``engine`` once and yield a function that processes a batch of jobs in order.

    ``serial`` runs in this process; ``processes`` keeps one pool of ``workers`` local
    processes (default: all cores); ``dask`` connects a ``distributed`` client to
    ``scheduler``, or starts a LocalCluster when it is None, and maps a ``dask.bag``. On an
    error, Ctrl-C or SIGTERM the workers are stopped before the exception goes on.
    """
    n = workers or os.cpu_count() or 1
    if engine == "serial":
        yield lambda jobs: [process_chunk(jobs)]
    elif engine == "processes":
        from concurrent.futures import ProcessPoolExecutor

        _refuse_nested_start(engine)
        with _sigterm_as_exit():
            pool = ProcessPoolExecutor(max_workers=n, initializer=_ignore_sigint)

            def run(jobs: Sequence[Job]) -> list[dict[str, Any]]:
                size = max(1, min(64, -(-len(jobs) // (n * 2))))
                return list(pool.map(process_chunk, _chunks(jobs, size)))

            try:
                yield run
            except BaseException:
                _stop_pool(pool)
                raise
            pool.shutdown()
    elif engine == "dask":
        try:
            import dask.bag as db
            from distributed import Client, LocalCluster
        except ImportError:
            raise NewsframeError(
                "the dask engine needs the 'dask' extra: pip install 'newsframe[dask]'"
            ) from None
        _refuse_nested_start(engine)
        with _sigterm_as_exit():
            cluster = None
            if scheduler:
                client = Client(scheduler)
            else:
                cluster = LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                )
                client = Client(cluster)
            try:

                def run_dask(jobs: Sequence[Job]) -> list[dict[str, Any]]:
                    size = max(1, min(64, -(-len(jobs) // (n * 2))))
                    chunks = _chunks(jobs, size)
                    bag = db.from_sequence(chunks, npartitions=len(chunks))
                    return list(bag.map(process_chunk).compute(scheduler=client.get))

                yield run_dask
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
    else:
        raise NewsframeError(f"unknown engine {engine!r}; use 'serial', 'processes' or 'dask'")


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
    large article table): it is taken one batch at a time."""
    import itertools

    bar = None
    if progress:
        from tqdm import tqdm

        total = len(jobs) if isinstance(jobs, Sequence) else None
        bar = tqdm(total=total, unit="article", file=sys.stderr, desc="articles")
    pending = iter(jobs)
    try:
        with engine_runner(engine, scheduler=scheduler, workers=workers) as run:
            while chunk := list(itertools.islice(pending, batch)):
                results = run(chunk)
                if bar is not None:
                    bar.update(sum(len(r["articles"]) for r in results))
                yield results
    finally:
        if bar is not None:
            bar.close()


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

    def to_parquet(self, folder: str | os.PathLike[str]) -> Path:
        """Write one Parquet file per table (and ``articles.parquet``) into ``folder``, with the
        manifest :data:`DATASET_MANIFEST` written last (see :func:`write_corpus`)."""
        out = _output_folder(folder)
        with _folder_lock(out), _committed(out) as partial:
            self.articles.to_parquet(partial("articles"), index=False)
            for name, frame in self.frames.items():
                frame.to_parquet(partial(name), index=False)
        return out


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
    articles = _articles_frame(records)
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


def _articles_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=list(ARTICLE_COLUMNS))
    frame["published"] = pd.to_datetime(frame.published).astype("datetime64[s]")
    for col, dtype in ARTICLE_COLUMNS.items():
        if dtype != "datetime64[s]":
            frame[col] = frame[col].astype(dtype)
    return frame


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
) -> Path:
    """Process a corpus in batches of ``batch`` articles, streaming each table to Parquet.

    Only one batch of frames is in memory at a time, so memory stays flat as the corpus grows;
    an article table is read a batch at a time too. The inputs and their options are those of
    :func:`read_corpus`.
    Writes ``articles.parquet`` and one ``<table>.parquet`` per table into ``folder``; each
    batch is one row group. Read it back with :func:`read_parquet`.

    The folder is locked while the run writes (a second run on it fails at once). Tables are
    written under temporary names and moved into place at the end, then the manifest
    :data:`DATASET_MANIFEST` is written last: a run stopped by an error, Ctrl-C or SIGTERM
    stops its workers, removes what it wrote, and never leaves a folder that looks complete.

    Raises:
        NewsframeError: the folder cannot be written or is locked by another run, a manifest
            cannot be read, or ``published`` is not a date.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    jobs = iter_jobs(
        paths_or_glob,
        published,
        manifest,
        time_limit,
        {"text": text, "source": source, "title": title, "key": key},
    )
    out = _output_folder(folder)
    with _folder_lock(out), _sigterm_as_exit(), _committed(out) as partial:
        writers: dict[str, pq.ParquetWriter] = {}
        schemas: dict[str, pa.Schema] = {}
        rows: dict[str, int] = {}
        batches = iter_batches(
            jobs, engine, batch=batch, scheduler=scheduler, workers=workers, progress=progress
        )
        done = 0
        try:
            for chunk_results in batches:
                corpus = _assemble(chunk_results)
                done += len(corpus)
                tables = {"articles": corpus.articles, **corpus.frames}
                for name, frame in tables.items():
                    if name != "articles":
                        frame = frame.assign(article=frame.article.astype(str))
                    table = pa.Table.from_pandas(frame, preserve_index=False)
                    if name not in writers:
                        schemas[name] = table.schema
                        writers[name] = pq.ParquetWriter(partial(name), table.schema)
                    writers[name].write_table(table.cast(schemas[name]))
                    rows[name] = rows.get(name, 0) + len(frame)
                if on_batch:
                    on_batch(done)
        finally:
            for writer in writers.values():
                writer.close()
        if not writers:  # no article at all: still a complete, empty dataset
            empty = _assemble([])
            for name, frame in {"articles": empty.articles, **empty.frames}.items():
                frame.to_parquet(partial(name), index=False)
                rows[name] = 0
    return out


# -- a dataset on disk: one Parquet file per table, and a manifest written last ----------------
DATASET_MANIFEST = "newsframe.json"
"""Written last, after every table is in place: a folder without it is not a complete
dataset (a run was interrupted, or is still writing), and :func:`read_parquet` refuses it."""
_LOCK = ".newsframe.lock"


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


@contextmanager
def _folder_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out`` (``.newsframe.lock``, released by the system even
    when the process dies); a second writer gets a clear error at once."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one writer per folder is on the user
        yield
        return
    fd = os.open(out / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NewsframeError(
                f"{out}: another newsframe run is writing to this folder; wait for it to "
                "finish or choose another output folder"
            ) from None
        yield
    finally:
        os.close(fd)


@contextmanager
def _committed(out: Path) -> Iterator[Callable[[str], Path]]:
    """Write tables under temporary names; on success move them into place and write the
    manifest last; on any error, Ctrl-C or SIGTERM remove them. Yields ``partial(name)``, the
    temporary path of a table. The old manifest goes first, so a rewrite that does not
    finish never leaves a folder that looks complete."""
    import json

    from . import __version__

    (out / DATASET_MANIFEST).unlink(missing_ok=True)
    written: dict[str, Path] = {}

    def partial(name: str) -> Path:
        written[name] = out / f".{name}.parquet.partial"
        return written[name]

    try:
        yield partial
    except BaseException:
        for path in written.values():
            path.unlink(missing_ok=True)
        raise
    rows = {}
    for name, path in written.items():
        rows[name] = _parquet_rows(path)
        os.replace(path, out / f"{name}.parquet")
    manifest = {"format": 1, "newsframe": __version__, "tables": rows}
    tmp = out / f".{DATASET_MANIFEST}.partial"
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out / DATASET_MANIFEST)


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def read_parquet(folder: str | os.PathLike[str]) -> Corpus:
    """Load a corpus written by :meth:`Corpus.to_parquet` or :func:`write_corpus`."""
    import pandas as pd

    src = Path(folder)
    _check_complete(src)
    from .frames import SCHEMAS

    articles = _restore(pd.read_parquet(src / "articles.parquet"), ARTICLE_COLUMNS)
    order = articles.article.astype(str).tolist()
    frames = {}
    for name in TABLES:
        frame = _restore(pd.read_parquet(src / f"{name}.parquet"), SCHEMAS[name])
        frames[name] = _key_first(frame, order)
    return Corpus(articles, frames)


def _check_complete(src: Path) -> None:
    """Refuse a folder that is not a complete dataset, with the reason."""
    import json

    if not (src / DATASET_MANIFEST).is_file():
        if (src / "articles.parquet").is_file() or any(src.glob(".*.parquet.partial")):
            raise NewsframeError(
                f"{src}: incomplete corpus folder (no {DATASET_MANIFEST}): the run that wrote "
                "it did not finish, or is still running; run it again"
            )
        raise NewsframeError(f"{src}: no {DATASET_MANIFEST} here; not a newsframe corpus folder")
    try:
        manifest = json.loads((src / DATASET_MANIFEST).read_text(encoding="utf-8"))
        expected = {name: int(n) for name, n in manifest["tables"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise NewsframeError(f"{src}: {DATASET_MANIFEST} cannot be read") from None
    for name in ("articles", *TABLES):
        path = src / f"{name}.parquet"
        if name not in expected or not path.is_file() or _parquet_rows(path) != expected[name]:
            raise NewsframeError(
                f"{src}: {name}.parquet is missing or does not match {DATASET_MANIFEST}; "
                "the folder was changed after it was written"
            )


def _restore(frame: pd.DataFrame, schema: Mapping[str, Any]) -> pd.DataFrame:
    """Give columns back the dtypes of the frame contract (Parquet stores datetimes in ms)."""
    for col, dtype in schema.items():
        if col in frame.columns and str(frame[col].dtype) != str(dtype):
            frame[col] = frame[col].astype(dtype)
    return frame


__all__ = [
    "TABLES",
    "TIME_LIMIT",
    "ArticleView",
    "Corpus",
    "Job",
    "engine_runner",
    "iter_batches",
    "make_jobs",
    "process_article",
    "process_chunk",
    "read_corpus",
    "read_manifest",
    "read_parquet",
    "write_corpus",
]
