"""Benchmark: the full analysis of the seed in a warm process, stage by stage, beside baselines.

Target (issue 15): the full analysis of the seed (read, lines, sentences, places, dates,
sentiment) on a fresh ``Article`` in at most 10 ms, median, in a warm process.

"Warm" means: the process has analysed the 20 CNN development stories first (the gazetteer
and the lexicons are loaded, word-level caches hold those stories' words), and every repeat
reads the seed into a new ``Article`` with the per-sentence sentiment memo empty and TextBlob's
word tokens reset to what those 20 stories taught, so the seed's own new words are new again.
Place lookups keep their word-normalisation caches (they hold the seed's words after the
first repeat). Each stage stands beside a baseline run on the same text in the same run:
pysbd for sentences, geotext for places, dateparser's ``search_dates`` (English, as in
bench_dates) for dates, and TextBlob and VADER called per sentence for sentiment.

Run: ``.venv/bin/python -m benchmarks.bench_read`` (``make bench`` runs it too).
"""

from __future__ import annotations

import statistics
import time
import warnings

import newsframe as nf
from benchmarks._report import recorded
from benchmarks._timing import context, verdict
from newsframe.paths import CNN_STORIES, SEED
from newsframe.sentiment import scoring

REPEATS = 30
TARGET_MS = 10.0
STAGES = ("read", "lines", "sentences", "places", "dates", "sentiment")


def _analyse(clock) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Seconds per stage of one full analysis of the seed on a fresh Article."""
    out: dict[str, float] = {}
    t0 = clock()
    art = nf.read_article(SEED)
    out["read"] = clock() - t0
    for stage in STAGES[1:]:
        t0 = clock()
        getattr(art, stage)
        out[stage] = clock() - t0
    out["total"] = sum(out.values())
    return out


@recorded
def main() -> None:
    print(context(f"{REPEATS} rounds, each: the analysis (wall, then CPU), each baseline once"))
    for path in sorted(CNN_STORIES.glob("*.story")):  # warm: loads, word caches
        art = nf.read_article(path)
        for stage in STAGES[1:]:
            getattr(art, stage)
    words = dict(scoring._WORD_TOKENS)

    def fresh_memo() -> None:
        scoring.clear_cache()
        scoring._WORD_TOKENS.update(words)

    text = SEED.read_text(encoding="utf-8")
    art = nf.read_article(SEED)
    lines = [line for line in text.splitlines() if line.strip()]
    sentences = art.sentences["text"].tolist()
    baselines = _baselines(text, lines, sentences, art)

    # round by round: the analysis on the wall clock, on the CPU clock, then each baseline
    # once, so that a change in the machine's load touches every line alike
    wall: dict[str, list[float]] = {k: [] for k in (*STAGES, "total")}
    cpu: dict[str, list[float]] = {k: [] for k in (*STAGES, "total")}
    base: dict[str, list[float]] = {stage: [] for stage in baselines}
    fresh_memo()
    _analyse(time.perf_counter)
    for _ in range(REPEATS):
        for clock, runs in ((time.perf_counter, wall), (time.process_time, cpu)):
            fresh_memo()
            for stage, seconds in _analyse(clock).items():
                runs[stage].append(seconds)
        for stage, (_, fn) in baselines.items():
            t0 = time.perf_counter()
            fn()
            base[stage].append(time.perf_counter() - t0)

    print(f"full analysis of the seed ({len(text):,} chars, {len(sentences)} sentences), warm:")
    print(f"  {'stage':<12} {'wall ms':>9} {'best':>7} {'CPU ms':>8}   baseline on the same text")
    for stage in (*STAGES, "total"):
        med, best = statistics.median(wall[stage]), min(wall[stage])
        cpu_med = statistics.median(cpu[stage])
        line = f"  {stage:<12} {med * 1e3:9.2f} {best * 1e3:7.2f} {cpu_med * 1e3:8.2f}"
        if stage in baselines:
            b = statistics.median(base[stage])
            line += f"   {baselines[stage][0]}: {b * 1e3:.2f} ms ({b / med:.1f}x newsframe)"
        print(line)
    total = statistics.median(wall["total"]) * 1e3
    print(
        f"full analysis: {total:.2f} ms median wall (target <= {TARGET_MS:.0f} ms: "
        f"{verdict(total, TARGET_MS)}), {statistics.median(cpu['total']) * 1e3:.2f} ms CPU"
    )


def _baselines(text, lines, sentences, art):  # type: ignore[no-untyped-def]
    """stage -> (label, the baseline's call) on the same text."""
    import datetime as dt

    import pysbd
    from dateparser.search import search_dates
    from geotext import GeoText
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
    base = dt.datetime.combine(art.published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    vader = SentimentIntensityAnalyzer()

    def dateparser() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            search_dates(text, languages=["en"], settings=settings)

    out = {
        "sentences": ("pysbd on each line", lambda: [seg.segment(x) for x in lines]),
        "places": ("geotext on each line", lambda: [GeoText(x).country_mentions for x in lines]),
        "dates": ("dateparser search_dates, English", dateparser),
        "sentiment": (
            "TextBlob + VADER per sentence",
            lambda: [(TextBlob(s).sentiment, vader.polarity_scores(s)) for s in sentences],
        ),
    }
    for _, fn in out.values():
        fn()  # warm: imports, lexicons
    return out


if __name__ == "__main__":
    main()
