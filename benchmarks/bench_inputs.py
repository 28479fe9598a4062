"""Benchmark: saved web pages beside plain text, and a large JSON lines article table.

The 21 development articles (the seed and the 20 CNN stories) are used twice:

* as plain-text files, and as saved web pages built from them (each paragraph a ``<p>``, with
  navigation, a cookie banner, a related-links box, reader comments and a footer around it,
  and the date in ``article:published_time``). Printed side by side: pages/s for
  ``read_article`` alone (for a page: trafilatura extraction and the htmldate search) and for
  ``read_article`` with all five frames;
* as rows of a JSON lines file in news-please's layout, replicated to NEWSFRAME_BENCH_ROWS
  rows (default 100,000), streamed by ``write_corpus`` (processes engine, batches of 500) in a
  fresh process: rows/s and peak RSS, beside the same run on a tenth of the rows.

Sizes: NEWSFRAME_BENCH_ROWS (default 100000), NEWSFRAME_BENCH_PAGE_ROUNDS (default 3).
"""

from __future__ import annotations

import csv
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsframe as nf
from benchmarks._report import recorded
from newsframe.names import TABLES
from newsframe.paths import CNN_STORIES, SEED

ROWS = int(os.environ.get("NEWSFRAME_BENCH_ROWS", "100000"))
ROUNDS = int(os.environ.get("NEWSFRAME_BENCH_PAGE_ROUNDS", "3"))

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="{date}T09:00:00+00:00">
<link rel="canonical" href="https://news.example/story/{stem}"></head>
<body>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing to
browse you accept our use of cookies.</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Another story</a></li>
<li><a href="/b">And another one</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><div class="comment"><p>First comment on this
story, from a reader.</p></div></section></main>
<footer><p>Copyright Example News. All rights reserved.</p></footer>
</body></html>
"""


def development_articles() -> list[tuple[Path, str]]:
    """The 21 development articles with their publication dates."""
    dates = {SEED.stem: "2013-01-18"}
    with (CNN_STORIES / "MANIFEST.csv").open() as fh:
        dates.update({Path(r["file"]).stem: r["published"] for r in csv.DictReader(fh)})
    return [(p, dates[p.stem]) for p in [SEED, *sorted(CNN_STORIES.glob("*.story"))]]


def write_pages(folder: Path) -> list[tuple[Path, Path]]:
    """(plain-text file, saved page) for each development article."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs = []
    for path, date in development_articles():
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        page = folder / f"{path.stem}.html"
        page.write_text(
            PAGE.format(
                title=html.escape(lines[0]), date=date, stem=path.stem, paragraphs=paragraphs
            ),
            encoding="utf-8",
        )
        text = folder / f"{path.stem}.txt"
        text.write_text("\n".join(lines) + "\n", encoding="utf-8")
        pairs.append((text, page))
    return pairs


def rate(paths: list[Path], frames: bool) -> float:
    """Articles per second over ``ROUNDS`` passes of ``paths`` (after one warm-up article,
    which loads the libraries and the gazetteer)."""
    warm = nf.read_article(paths[0], published="2013-01-18")
    for name in TABLES:
        getattr(warm, name)
    t0 = time.perf_counter()
    for _ in range(ROUNDS):
        for p in paths:
            art = nf.read_article(p, published="2013-01-18")
            if frames:
                for name in TABLES:
                    getattr(art, name)
    return ROUNDS * len(paths) / (time.perf_counter() - t0)


def write_jsonl(path: Path, rows: int) -> None:
    """``rows`` rows in news-please's layout, the development articles round-robin."""
    articles = [(p.read_text(encoding="utf-8"), d) for p, d in development_articles()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(rows):
            text, date = articles[i % len(articles)]
            record = {
                "title": text.splitlines()[0][:80],
                "maintext": text,
                "date_publish": f"{date} 09:00:00",
                "source_domain": "news.example",
            }
            fh.write(json.dumps(record) + "\n")


MEMORY_CHILD = """
import resource, sys, time
from newsframe.corpus import write_corpus
table, out = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
write_corpus(table, out, engine="processes", batch=500)
print(time.perf_counter() - t0,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def stream(table: Path, out: Path) -> tuple[float, float, float]:
    """(seconds, peak RSS of the main process, of the largest worker) in MB."""
    res = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, str(table), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    secs, parent, child = map(float, res.stdout.split())
    return secs, parent, child


@recorded
def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pairs = write_pages(Path(tmp) / "pages")
        texts, pages = [t for t, _ in pairs], [p for _, p in pairs]
        size = sum(p.stat().st_size for p in pages) / len(pages)
        print(
            f"web pages: the 21 development articles as plain text and as saved pages "
            f"(mean page {size / 1024:.1f} KB), {ROUNDS} passes"
        )
        for label, frames in (("read_article only", False), ("read_article + 5 frames", True)):
            plain, page = rate(texts, frames), rate(pages, frames)
            print(
                f"  {label:<24s} plain text {plain:8.1f} articles/s   HTML {page:7.1f} pages/s"
                f"   (HTML takes {plain / page:.1f}x the time)"
            )

        print(
            f"article table: {ROWS:,} rows of JSON lines (news-please layout), streamed by "
            f"write_corpus, processes engine, batches of 500, {os.cpu_count()} cores"
        )
        results = {}
        for n in (max(1, ROWS // 10), ROWS):
            table = Path(tmp) / f"rows{n}.jsonl"
            write_jsonl(table, n)
            mb = table.stat().st_size / 1e6
            secs, parent, child = stream(table, Path(tmp) / f"out{n}")
            results[n] = parent
            print(
                f"  {n:>8,} rows ({mb:7.1f} MB): {n / secs:7.1f} rows/s; peak RSS main process "
                f"{parent:7.1f} MB, largest worker {child:7.1f} MB"
            )
            table.unlink()
        small, big = sorted(results)
        print(f"  peak RSS growth {small:,} -> {big:,} rows: {results[big] / results[small]:.2f}x")


if __name__ == "__main__":
    main()
