"""Benchmark: corpus throughput per engine and peak memory as the corpus grows.

The 21 development articles (the seed and the 20 CNN stories) are replicated to N documents in
a temporary folder with a manifest of their dates. Printed side by side, in the same run:

* articles/s for the serial, processes and dask engines (all four analyses included),
* articles/s for the same work done with geotext + dateparser + TextBlob (the baseline),
* peak RSS of a streaming ``write_corpus`` run at 2,000 and at 20,000 documents.

Targets (issue 7): serial >= 50 articles/s; processes >= 1.7x serial on 2 cores; peak RSS at
20,000 within 1.5x of that at 2,000. Sizes: NEWSFRAME_BENCH_N (default 2000) and
NEWSFRAME_BENCH_BIG (default 20000).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._report import recorded
from newsframe.corpus import read_corpus
from newsframe.paths import CNN_STORIES, SEED

N = int(os.environ.get("NEWSFRAME_BENCH_N", "2000"))
BIG = int(os.environ.get("NEWSFRAME_BENCH_BIG", "20000"))


def replicate(folder: Path, n: int) -> Path:
    """Copy the 21 development articles round-robin to ``n`` files; write MANIFEST.csv."""
    dates = {SEED.stem: "2013-01-18"}
    with (CNN_STORIES / "MANIFEST.csv").open() as fh:
        dates.update({Path(r["file"]).stem: r["published"] for r in csv.DictReader(fh)})
    sources = [SEED, *sorted(CNN_STORIES.glob("*.story"))]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "MANIFEST.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "published"])
        for i in range(n):
            src = sources[i % len(sources)]
            name = f"{i:06d}_{src.stem[:12]}{src.suffix}"
            shutil.copyfile(src, folder / name)
            w.writerow([name, dates[src.stem]])
    return folder


def baseline_rate(paths: list[Path], manifest: dict[str, str]) -> float:
    """geotext + dateparser.search_dates + TextBlob per line, as a user would without newsframe."""
    import datetime as dt

    from dateparser.search import search_dates
    from geotext import GeoText
    from textblob import TextBlob

    t0 = time.perf_counter()
    for p in paths:
        text = p.read_text(encoding="utf-8")
        base = dt.datetime.fromisoformat(manifest[p.name])
        GeoText(text).country_mentions  # noqa: B018
        search_dates(text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        [TextBlob(line).sentiment for line in text.splitlines() if line.strip()]
    return len(paths) / (time.perf_counter() - t0)


MEMORY_CHILD = """
import resource, sys
from newsframe.corpus import write_corpus
folder, out = sys.argv[1], sys.argv[2]
write_corpus(folder, out, manifest=folder + "/MANIFEST.csv", engine="processes",
             batch=500)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def peak_rss(folder: Path, out: Path) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(folder), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    parent, child = map(float, res.stdout.split())
    return parent, child, time.perf_counter() - t0


@recorded
def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = replicate(Path(tmp) / "corpus", N)
        manifest = folder / "MANIFEST.csv"
        pattern = str(folder)
        print(
            f"corpus: the 21 development articles replicated to {N:,} documents; "
            f"{os.cpu_count()} cores"
        )
        rates = {}
        for engine in ("serial", "processes", "dask"):
            t0 = time.perf_counter()
            corpus = read_corpus(pattern, manifest=manifest, engine=engine)
            rates[engine] = len(corpus) / (time.perf_counter() - t0)
            bad = int(corpus.articles.error.notna().sum())
            print(f"  {engine:<10s} {rates[engine]:8.1f} articles/s  ({bad} failed)")
        with manifest.open() as fh:
            dates = {r["file"]: r["published"] for r in csv.DictReader(fh)}
        sample = sorted(folder.glob("0000*"))[:42]
        base = baseline_rate(sample, dates)
        print(
            f"  {'baseline':<10s} {base:8.1f} articles/s  (geotext + dateparser + TextBlob, "
            f"{len(sample)} documents)"
        )
        print(
            f"  serial {rates['serial']:.0f} articles/s (target >= 50), "
            f"{rates['serial'] / base:.0f}x the baseline; "
            f"processes {rates['processes'] / rates['serial']:.2f}x serial (target >= 1.7x)"
        )
        del corpus

        print("peak RSS of a streaming write_corpus (processes engine, batches of 500):")
        results = {}
        for n in (N, BIG):
            big = replicate(Path(tmp) / f"mem{n}", n)
            parent, child, secs = peak_rss(big, Path(tmp) / f"out{n}")
            results[n] = parent
            print(
                f"  {n:>7,} documents: main process {parent:7.1f} MB, "
                f"largest worker {child:7.1f} MB, {n / secs:6.1f} articles/s"
            )
            shutil.rmtree(big)
        ratio = results[BIG] / results[N]
        print(f"  growth {N:,} -> {BIG:,}: {ratio:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
