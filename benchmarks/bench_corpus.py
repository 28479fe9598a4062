"""Benchmark: the cost of one corpus article, against the same work done without newsframe.

Articles are distinct (``benchmarks/distinct.py``: the development stories' paragraphs
recombined, one word of every sentence varied), so no memoised work answers for free; the same
figure on the 21 development articles read a second time is printed beside it, to show how
much a corpus of repeats flatters the measurement. For each article, alternately:

* newsframe: ``read_article`` on the text with its publication date, then all five frames
  (lines, sentences, places, dates, sentiment);
* the baseline, what a user would write without newsframe: geotext for countries,
  ``dateparser.search.search_dates`` with ``languages=["en"]`` (the setting of
  ``bench_dates``; without it dateparser tries every language and is about 20x slower) and
  the publication date as ``RELATIVE_BASE``, and TextBlob's sentiment per non-empty line.

Both are timed in CPU time (``time.process_time``) in this one process, after one warm-up
article each; medians and quartiles over the articles are printed. Target (issue 15): a
distinct article <= 7 ms CPU for newsframe. Throughput per engine, the scaling with workers
and the memory of a corpus run are in ``bench_scale``.

Settings: NEWSFRAME_BENCH_ARTICLES (default 60) distinct articles.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
import warnings
from collections.abc import Callable

from benchmarks import distinct
from benchmarks._report import recorded
from newsframe.names import TABLES
from newsframe.paths import CNN_STORIES, SEED

ARTICLES = int(os.environ.get("NEWSFRAME_BENCH_ARTICLES", "60"))
TARGET_MS = 7.0


def newsframe_article(text: str, published: dt.date) -> None:
    import newsframe as nf

    art = nf.read_article(text, published=published.isoformat())
    for name in TABLES:
        getattr(art, name)


def baseline_article(text: str, published: dt.date) -> None:
    from dateparser.search import search_dates
    from geotext import GeoText
    from textblob import TextBlob

    base = dt.datetime.combine(published, dt.time())
    GeoText(text).country_mentions  # noqa: B018
    search_dates(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )
    [TextBlob(line).sentiment for line in text.splitlines() if line.strip()]


def cpu_ms(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return 1000 * (time.process_time() - t)


def summary(label: str, values: list[float], baseline: list[float] | None = None) -> str:
    q1, med, q3 = statistics.quantiles(values, n=4)
    line = f"  {label:<44s} median {med:8.2f} ms   (quartiles {q1:.2f}-{q3:.2f})"
    if baseline:
        line += f"   baseline / newsframe {statistics.median(baseline) / med:5.1f}x"
    return line


@recorded
def main() -> None:
    warnings.simplefilter("ignore")
    texts = [(distinct.article(i), distinct.published(i)) for i in range(ARTICLES + 1)]
    share = distinct.repeated_sentence_share(t for t, _ in texts)
    ours: list[float] = []
    theirs: list[float] = []
    newsframe_article(*texts[0])  # warm-up: imports, gazetteer, lexicons
    baseline_article(*texts[0])
    for text, published in texts[1:]:
        ours.append(cpu_ms(lambda t=text, p=published: newsframe_article(t, p)))
        theirs.append(cpu_ms(lambda t=text, p=published: baseline_article(t, p)))
    words = statistics.median(len(t.split()) for t, _ in texts[1:])
    print(
        f"{ARTICLES} distinct articles (median {words:.0f} words; {share:.1%} of sentences "
        "repeat another article's), CPU per article, alternated:"
    )
    print(summary("baseline: geotext + dateparser(en) + TextBlob", theirs))
    print(summary("newsframe: read_article + five frames", ours, theirs))

    dev = [(SEED.read_text(encoding="utf-8"), dt.date(2013, 1, 18))] + [
        (p.read_text(encoding="utf-8"), dt.date(2015, 4, 1))
        for p in sorted(CNN_STORIES.glob("*.story"))
    ]
    for text, published in dev:  # the first reading fills the memos
        newsframe_article(text, published)
    repeats = [cpu_ms(lambda t=t, p=p: newsframe_article(t, p)) for t, p in dev]
    print(summary("newsframe, the 21 development texts again", repeats))
    med = statistics.median(ours)
    verdict = "met" if med <= TARGET_MS else "NOT met"
    print(f"  target: a distinct article <= {TARGET_MS:g} ms CPU: {med:.2f} ms, {verdict}")


if __name__ == "__main__":
    main()
