"""Benchmark place extraction: gazetteer load time, warm speed, accuracy beside geotext.

Run with ``.venv/bin/python benchmarks/bench_places.py`` (``make bench`` runs it too).
Accuracy follows issue 3: per line, predicted and gold mentions are compared as multisets
of ISO3 codes; precision, recall and F1 are pooled over lines. Gold files live in
``tests/data/gold/places``. geotext, the baseline, runs on each physical line in the same
process; its ISO 3166 alpha-2 codes are mapped to alpha-3 with pycountry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import newsframe as nf
from benchmarks._report import recorded
from benchmarks._timing import interleaved
from newsframe.evaluation import evaluate, format_scores
from newsframe.paths import CNN_STORIES, ROOT, SEED
from newsframe.places import extract_places
from newsframe.sections import split_lines

GOLD = ROOT / "tests" / "data" / "gold" / "places"
UNSEEN = ROOT / "tests" / "data" / "unseen"


def geotext_places(text: str) -> pd.DataFrame:
    """geotext's country mentions (countries and cities' countries), line by line."""
    import pycountry
    from geotext import GeoText

    lines, iso3 = [], []
    for n, (content, _) in enumerate(split_lines(text), start=1):
        for code, count in GeoText(content).country_mentions.items():
            country = pycountry.countries.get(alpha_2=code)
            if country is not None:
                lines += [n] * count
                iso3 += [country.alpha_3] * count
    return pd.DataFrame({"line": lines, "iso3": iso3})


@recorded
def main() -> None:
    from newsframe.gazetteer import load_gazetteer

    load_gazetteer.cache_clear()
    t = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer load:             {1000 * (time.perf_counter() - t):7.1f} ms")

    seed = nf.read_article(SEED)
    sents, dateline = seed.sentences, seed.meta["dateline"]
    import geotext  # noqa: F401  (import cost not timed)

    ours, theirs = alternated(
        lambda: extract_places(seed.text, sents, dateline=dateline),
        lambda: geotext_places(seed.text),
        rounds=REPEATS,
    )
    print(f"warm extraction (seed):     {1000 * ours:7.2f} ms   (median of {REPEATS}; target <= 5)")
    print(f"geotext, same text:         {1000 * theirs:7.2f} ms   (median, alternated with it)")
    per_word_scaling()
    print()

    for folder, title in (
        (GOLD, "development gold (rules were written looking at these)"),
        (GOLD.parent / "holdout" / "places", "held-out CNN gold (annotated blind afterwards)"),
        (UNSEEN / "gold" / "places", "unseen synthetic wire copy (AP, Reuters, BBC, AFP...)"),
        (
            ROOT / "tests" / "data" / "open-web" / "gold" / "places",
            "open-web development set (issue 10): 20 outlets, mostly not wire copy, blind gold",
        ),
        (
            ROOT / "tests" / "data" / "open-web-test" / "gold" / "places",
            "open-web TEST set (issue 10): 16 other outlets, blind gold, never tuned on",
        ),
    ):
        evaluate_folder(folder, title)


REPEATS = 31
SIZES = (10_000, 1_000_000)


def alternated(
    ours: Callable[[], object], theirs: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Median process time of each, run round by round (:func:`benchmarks._timing.interleaved`),
    so that a change in the machine's speed falls on both alike."""
    t = interleaved(
        {"ours": (ours, None), "theirs": (theirs, None)}, rounds, clock=time.process_time
    )
    return t["ours"].median, t["theirs"].median


def distinct_text(words: int) -> tuple[str, int]:
    """About ``words`` words of prose: paragraphs of the 20 CNN stories, in order, repeated."""
    paragraphs = [
        p
        for f in sorted(CNN_STORIES.glob("*.story"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 8 and not p.startswith("@highlight")
    ]
    out, n, k = [], 0, 0
    while n < words:
        p = paragraphs[k % len(paragraphs)]
        out.append(p)
        n += len(p.split())
        k += 1
    return "\n\n".join(out), n


def per_word_scaling() -> None:
    """Places per word at 10,000 and 1,000,000 words (target: within 1.2x), beside geotext
    on the same texts: medians of 3 runs, alternated, in process time."""
    print()
    print("places per word as the text grows (medians of 3, process time; target <= 1.2x):")
    rates: dict[int, tuple[float, float]] = {}
    for size in SIZES:
        text, words = distinct_text(size)
        sents = nf.Article(text).sentences
        ours, theirs = alternated(
            lambda text=text, sents=sents: extract_places(text, sents),
            lambda text=text: geotext_places(text),
            rounds=3,
        )
        rates[size] = (ours / words, theirs / words)
        print(
            f"  {words:>9,} words: newsframe {1e6 * ours / words:6.2f} us/word,"
            f" geotext {1e6 * theirs / words:6.2f} us/word"
        )
    small, big = rates[SIZES[0]], rates[SIZES[-1]]
    print(
        f"  growth {SIZES[0]:,} -> {SIZES[-1]:,} words: newsframe {big[0] / small[0]:.2f}x,"
        f" geotext {big[1] / small[1]:.2f}x"
    )


def evaluate_folder(folder: Path, title: str) -> None:
    print()
    print(title)
    systems = {
        "newsframe": evaluate(folder, "places"),
        "geotext": evaluate(folder, "places", predict=lambda art: geotext_places(art.text)),
    }
    print(format_scores(systems, exclude=[SEED.stem]))


if __name__ == "__main__":
    main()
