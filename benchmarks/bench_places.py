"""Benchmark place extraction: gazetteer load time, warm speed, accuracy beside geotext.

Run with ``.venv/bin/python benchmarks/bench_places.py`` (``make bench`` runs it too).
Accuracy follows issue 3: per line, predicted and gold mentions are compared as multisets
of ISO3 codes; precision, recall and F1 are pooled over lines. Gold files live in
``tests/data/gold/places``. geotext, the baseline, runs on each physical line in the same
process; its ISO 3166 alpha-2 codes are mapped to alpha-3 with pycountry.
"""

from __future__ import annotations

import time
import timeit
from pathlib import Path

import pandas as pd

import newsframe as nf
from benchmarks._report import recorded
from newsframe.evaluation import evaluate, format_scores
from newsframe.paths import ROOT, SEED
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
    extract_places(seed.text, sents, dateline=dateline)
    n = 50
    best = min(
        timeit.repeat(
            lambda: extract_places(seed.text, sents, dateline=dateline), number=n, repeat=5
        )
    )
    print(f"warm extraction (seed):     {1000 * best / n:7.2f} ms   (target <= 5 ms)")
    import geotext  # noqa: F401  (import cost not timed)

    best_gt = min(timeit.repeat(lambda: geotext_places(seed.text), number=5, repeat=3))
    print(f"geotext, same text:         {1000 * best_gt / 5:7.2f} ms")

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
