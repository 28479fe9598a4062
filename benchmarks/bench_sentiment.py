"""Speed of the sentiment frame on the seed, beside naive TextBlob loops measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_sentiment.py``. Target: ``Article.sentiment`` on the
seed in 10 ms or less, warm (lexicons loaded, a fresh Article and an empty memo every repeat,
so neither the Article's cache nor the per-sentence memo hides the work).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import newsframe as nf
from benchmarks._report import recorded
from newsframe import sentiment as S
from newsframe.paths import SEED
from newsframe.sentiment import scoring

REPEATS = 30
TARGET_MS = 10.0


def timed(work: Callable[[], object], setup: Callable[[], object] | None = None) -> list[float]:
    """Milliseconds of ``work()`` per repeat; ``setup()`` runs untimed before each one."""
    times = []
    for _ in range(REPEATS):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1000)
    return times


@recorded
def main() -> int:
    from textblob import TextBlob

    t0 = time.perf_counter()
    first = nf.read_article(SEED)
    first.sentiment  # noqa: B018 - loads textblob, nltk and both lexicons
    cold_ms = (time.perf_counter() - t0) * 1000

    state: dict[str, nf.Article] = {}

    def fresh_article() -> None:
        S.clear_cache()
        art = nf.read_article(SEED)
        art.sentences  # noqa: B018 - split before the clock starts: we time sentiment only
        state["art"] = art

    def fresh_memo_kept() -> None:
        art = nf.read_article(SEED)
        art.sentences  # noqa: B018
        state["art"] = art

    def sentiment() -> object:
        return state["art"].sentiment

    lines = [t for t in first.lines["text"] if t.strip()]
    sentences = first.sentences["text"].tolist()

    def tb_lines() -> object:
        return [TextBlob(x).sentiment for x in lines]

    def tb_sentences() -> object:
        return [TextBlob(x).sentiment for x in sentences]

    def tb_vader_sentences() -> object:
        vader = scoring._vader()
        return [(TextBlob(x).sentiment, vader.polarity_scores(x)["compound"]) for x in sentences]

    rows = [
        ("Article.sentiment (fresh Article, empty memo)", timed(sentiment, fresh_article)),
        ("Article.sentiment (fresh Article, memo warm)", timed(sentiment, fresh_memo_kept)),
        ("naive: [TextBlob(line).sentiment for line in lines]", timed(tb_lines)),
        ("naive: [TextBlob(s).sentiment for s in sentences]", timed(tb_sentences)),
        ("naive: per-sentence TextBlob + VADER", timed(tb_vader_sentences)),
        (
            "sentiment_by_section(article), frame cached",
            timed(lambda: S.sentiment_by_section(first)),
        ),
    ]
    print(f"seed: {SEED.name}: {len(lines)} non-blank lines, {len(sentences)} sentences")
    print(f"cold first call (imports textblob + nltk, loads lexicons): {cold_ms:.0f} ms")
    print(f"{'what':<58} {'median ms':>10} {'min ms':>8}")
    for name, times in rows:
        print(f"{name:<58} {statistics.median(times):>10.2f} {min(times):>8.2f}")
    headline = statistics.median(rows[0][1])
    naive = statistics.median(rows[3][1])
    verdict = "OK" if headline <= TARGET_MS else "SLOWER THAN TARGET"
    print(
        f"Article.sentiment: {headline:.2f} ms median (target ≤ {TARGET_MS:.0f} ms: {verdict}); "
        f"the naive per-sentence TextBlob loop alone takes {naive:.2f} ms and scores no VADER"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
