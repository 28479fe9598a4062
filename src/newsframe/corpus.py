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
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from .article import read_article
from .errors import NewsframeError
from .frames import RESULT_SCHEMAS
from .reading import DateLike, parse_date, read_manifest
from .text import count_words

if TYPE_CHECKING:
    import pandas as pd

Engine = Literal["serial", "processes", "dask"]
ENGINES: tuple[str, ...] = get_args(Engine)
"""The engines a corpus runs on (see :func:`engine_runner`)."""
TABLES: tuple[str, ...] = ("lines", "sentences", "places", "dates", "sentiment")
ARTICLE_COLUMNS = RESULT_SCHEMAS["articles"]


@dataclass(frozen=True, slots=True)
class Job:
    """One article to process: its path, the publication date to use (or None), and its key
    in the corpus (the file stem, made unique: a second ``x.txt`` becomes ``x~2``)."""

    path: str
    published: dt.date | None = None
    key: str = ""


def process_article(job: Job) -> dict[str, Any]:
    """Read one article and build all its frames; never raises for a bad file.

    Returns a dict with an ``articles`` record (see :attr:`Corpus.articles`) and, when the
    article could be read, one frame per table in :data:`TABLES` with an ``article`` column.
    """
    path = Path(job.path)
    record: dict[str, Any] = {
        "article": job.key or path.stem,
        "stem": path.stem,
        "path": str(path),
        "published": job.published,
        "source": None,
        "title": None,
        "dateline": None,
        "lines": 0,
        "words": 0,
        "error": None,
    }
    try:
        art = read_article(path, published=job.published)
        frames = {name: getattr(art, name) for name in TABLES}
    except NewsframeError as exc:
        record["error"] = str(exc)
        return {"articles": record}
    except Exception as exc:  # a bug must not stop a 100,000-article run; it is reported
        record["error"] = f"{path}: unexpected {type(exc).__name__}: {exc}"
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

    Globs and folders give their files in sorted order, without metadata sidecars
    (``*.meta.json``) and manifests (``*.csv``); a path that exists is never read as a glob
    ("st[1].txt"), and a named path that does not exist is kept, so that it is reported.
    """
    items = [paths_or_glob] if isinstance(paths_or_glob, str | os.PathLike) else list(paths_or_glob)
    out: list[str] = []
    for item in items:
        s = str(item)
        if Path(s).is_dir():
            out.extend(_articles_in(sorted(Path(s).iterdir())))
        elif not Path(s).exists() and any(c in s for c in "*?["):
            out.extend(_articles_in(sorted(Path(p) for p in glob.glob(s))))
        else:
            out.append(s)
    return out


def _articles_in(paths: Iterable[Path]) -> list[str]:
    return [str(p) for p in paths if p.is_file() and not p.name.endswith((".meta.json", ".csv"))]


def make_jobs(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
) -> list[Job]:
    """One :class:`Job` per file, with its date from ``published``, the manifest or a sidecar.

    Without ``manifest``, a ``MANIFEST.csv`` (columns ``file``, ``published``) in an
    article's folder is used for the articles of that folder.
    """
    paths = expand_paths(paths_or_glob)
    date = parse_date(published, name="published")
    if manifest:
        by_stem = read_manifest(manifest)
    else:  # a MANIFEST.csv beside the articles is read when no manifest is given
        by_stem = {}
        for folder in dict.fromkeys(Path(p).parent for p in paths):
            if (folder / "MANIFEST.csv").is_file():
                by_stem.update(read_manifest(folder / "MANIFEST.csv"))
    jobs: list[Job] = []
    seen: Counter[str] = Counter()
    for p in paths:
        stem = Path(p).stem
        seen[stem] += 1
        key = stem if seen[stem] == 1 else f"{stem}~{seen[stem]}"
        jobs.append(Job(p, date or by_stem.get(stem), key))
    return jobs


# -- engines -----------------------------------------------------------------------------
Runner = Callable[[Sequence[Job]], list[dict[str, Any]]]
"""Processes a batch of jobs and returns chunk results (see :func:`process_chunk`) in order."""


@contextmanager
def engine_runner(
    engine: Engine = "serial", *, scheduler: str | None = None, workers: int | None = None
) -> Iterator[Runner]:
    """Start ``engine`` once and yield a function that processes a batch of jobs in order.

    ``serial`` runs in this process; ``processes`` keeps one pool of ``workers`` local
    processes (default: all cores); ``dask`` connects a ``distributed`` client to
    ``scheduler``, or starts a LocalCluster when it is None, and maps a ``dask.bag``.
    """
    n = workers or os.cpu_count() or 1
    if engine == "serial":
        yield lambda jobs: [process_chunk(jobs)]
    elif engine == "processes":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=n) as pool:

            def run(jobs: Sequence[Job]) -> list[dict[str, Any]]:
                size = max(1, min(64, -(-len(jobs) // (n * 2))))
                return list(pool.map(process_chunk, _chunks(jobs, size)))

            yield run
    elif engine == "dask":
        try:
            import dask.bag as db
            from distributed import Client, LocalCluster
        except ImportError:
            raise NewsframeError(
                "the dask engine needs the 'dask' extra: pip install 'newsframe[dask]'"
            ) from None
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
    jobs: Sequence[Job],
    engine: Engine = "serial",
    *,
    batch: int = 256,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> Iterator[list[dict[str, Any]]]:
    """Process ``jobs`` on ``engine`` in batches of ``batch``; yield each batch's chunk results
    (see :func:`process_chunk`), in input order."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(jobs), unit="article", file=sys.stderr, desc="articles")
    try:
        with engine_runner(engine, scheduler=scheduler, workers=workers) as run:
            for i in range(0, len(jobs), batch):
                results = run(jobs[i : i + batch])
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

        groups = {
            name: dict(iter(frame.groupby("article", observed=True, sort=False)))
            for name, frame in self.frames.items()
        }
        for row in self.articles[self.articles.error.isna()].itertuples(index=False):
            published = None if pd.isna(row.published) else row.published.date()
            meta = {
                "title": row.title,
                "published": published,
                "dateline": row.dateline,
                "path": row.path,
                "stem": row.article,
            }
            frames = {
                name: g.get(row.article, frame.iloc[:0])
                .drop(columns="article")
                .reset_index(drop=True)
                for (name, g), frame in zip(groups.items(), self.frames.values(), strict=True)
            }
            yield ArticleView(row.article, meta, frames)

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
        """Write one Parquet file per table (and ``articles.parquet``) into ``folder``."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        self.articles.to_parquet(out / "articles.parquet", index=False)
        for name, frame in self.frames.items():
            frame.to_parquet(out / f"{name}.parquet", index=False)
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
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    published: DateLike = None,
    manifest: str | os.PathLike[str] | None = None,
    engine: Engine = "serial",
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> Corpus:
    """Read many articles into one :class:`Corpus`.

    Args:
        paths_or_glob: a glob ("data/raw/cnn-stories/*.story"), a folder, a path, or a list.
        published: one date for every article (otherwise the manifest, then each sidecar).
        manifest: a CSV with ``file`` and ``published`` columns.
        engine: ``"serial"``, ``"processes"`` (all local cores) or ``"dask"`` (a
            ``distributed`` client on ``scheduler``, or a LocalCluster when it is None).
        workers: processes or Dask workers (default: the number of cores).
        progress: show a tqdm progress bar on stderr.

    Bad files do not stop the run: they appear in ``Corpus.articles`` with their error.
    """
    jobs = make_jobs(paths_or_glob, published, manifest)
    batches = iter_batches(jobs, engine, scheduler=scheduler, workers=workers, progress=progress)
    corpus = _assemble(r for results in batches for r in results)
    if progress:
        print(corpus.summary(), file=sys.stderr)
    return corpus


def write_corpus(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
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
) -> Path:
    """Process a corpus in batches of ``batch`` articles, streaming each table to Parquet.

    Only one batch of frames is in memory at a time, so memory stays flat as the corpus grows.
    Writes ``articles.parquet`` and one ``<table>.parquet`` per table into ``folder``; each
    batch is one row group. Read it back with :func:`read_parquet`.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    jobs = make_jobs(paths_or_glob, published, manifest)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    schemas: dict[str, pa.Schema] = {}
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
                frame = (
                    frame.assign(article=frame.article.astype(str)) if name != "articles" else frame
                )
                table = pa.Table.from_pandas(frame, preserve_index=False)
                if name not in writers:
                    schemas[name] = table.schema
                    writers[name] = pq.ParquetWriter(out / f"{name}.parquet", table.schema)
                writers[name].write_table(table.cast(schemas[name]))
            if on_batch:
                on_batch(done)
    finally:
        for writer in writers.values():
            writer.close()
    return out


def read_parquet(folder: str | os.PathLike[str]) -> Corpus:
    """Load a corpus written by :meth:`Corpus.to_parquet` or :func:`write_corpus`."""
    import pandas as pd

    src = Path(folder)
    if not (src / "articles.parquet").is_file():
        raise NewsframeError(f"{src}: no articles.parquet here; not a newsframe corpus folder")
    from .frames import SCHEMAS

    articles = _restore(pd.read_parquet(src / "articles.parquet"), ARTICLE_COLUMNS)
    order = articles.article.astype(str).tolist()
    frames = {}
    for name in TABLES:
        frame = _restore(pd.read_parquet(src / f"{name}.parquet"), SCHEMAS[name])
        frames[name] = _key_first(frame, order)
    return Corpus(articles, frames)


def _restore(frame: pd.DataFrame, schema: Mapping[str, Any]) -> pd.DataFrame:
    """Give columns back the dtypes of the frame contract (Parquet stores datetimes in ms)."""
    for col, dtype in schema.items():
        if col in frame.columns and str(frame[col].dtype) != str(dtype):
            frame[col] = frame[col].astype(dtype)
    return frame


__all__ = [
    "TABLES",
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
