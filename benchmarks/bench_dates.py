"""Benchmark newsframe.dates against dateparser's search_dates, measured in the same run.

Prints:
1. warm extraction time on the seed article (best and median of repeated runs) beside
   ``dateparser.search.search_dates`` on the same text, and the speed ratio;
2. strict value precision / recall / F1 per gold article and pooled over the CNN stories,
   beside dateparser's. dateparser is resolved with RELATIVE_BASE = the publication date and
   PREFER_DATES_FROM = "past"; each of its results is mapped to the line it occurs on and
   read as a single day (it cannot express weeks, months or years).

Run: ``.venv/bin/python benchmarks/bench_dates.py`` (or ``make bench``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd

import newsframe as nf
from benchmarks._report import recorded
from benchmarks._timing import timings
from newsframe.dates import extract_dates
from newsframe.evaluation import evaluate, format_scores
from newsframe.paths import ROOT, SEED

GOLD = ROOT / "tests" / "data" / "gold" / "dates"
UNSEEN = ROOT / "tests" / "data" / "unseen"


def _timeit(fn, repeat: int = 7, number: int = 20) -> tuple[float, float]:
    return timings(fn, repeat, number)


def _dateparser_frame(text: str, published: dt.date) -> pd.DataFrame:
    """search_dates results as a frame with line, date_start and date_end (single days)."""
    from dateparser.search import search_dates

    base = dt.datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["en"], settings=settings) or []
    rows, pos = [], 0
    for surface, when in found:
        at = text.find(surface, pos)
        if at < 0:
            at = text.find(surface)
        if at < 0:
            continue
        pos = at + len(surface)
        line = text.count("\n", 0, at) + 1
        day = pd.Timestamp(when.date())
        rows.append({"line": line, "date_start": day, "date_end": day})
    return pd.DataFrame(rows, columns=["line", "date_start", "date_end"])


@recorded
def main() -> None:
    from dateparser.search import search_dates

    seed = nf.read_article(SEED)
    sents = seed.sentences
    ours_best, ours_med = _timeit(lambda: extract_dates(seed.text, sents, seed.published))
    base = dt.datetime.combine(seed.published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    dp_best, dp_med = _timeit(
        lambda: search_dates(seed.text, languages=["en"], settings=settings), repeat=3, number=2
    )
    print(f"speed on the seed ({len(seed.text):,} characters), warm:")
    for label, best, med in (
        ("newsframe.dates.extract_dates", ours_best, ours_med),
        ("dateparser search_dates", dp_best, dp_med),
    ):
        print(f"  {label:<30} best {best * 1e3:7.2f} ms  median {med * 1e3:7.2f} ms")
    print(f"  ratio (dateparser / newsframe, best): {dp_best / ours_best:.0f}x")
    print()

    for folder, title in (
        (GOLD, "development gold, tests/data/gold/dates (rules were written looking at these)"),
        (GOLD.parent / "holdout" / "dates", "held-out CNN gold (annotated blind afterwards)"),
        (UNSEEN / "gold" / "dates", "unseen synthetic wire copy (AP, Reuters, BBC, AFP...)"),
    ):
        evaluate_folder(folder, title)


def evaluate_folder(folder: Path, title: str) -> None:
    print()
    print(f"strict value F1 per line, {title}:")
    systems = {
        "newsframe": evaluate(folder, "dates"),
        "dateparser": evaluate(
            folder, "dates", predict=lambda art: _dateparser_frame(art.text, art.published)
        ),
    }
    print(format_scores(systems, exclude=[SEED.stem]))


if __name__ == "__main__":
    main()
