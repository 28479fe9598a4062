"""Accuracy targets of issues 3 and 4 on every gold set, as tests that can fail.

* ``tests/data/gold/{places,dates}``: the seed and CNN stories the rules were written with;
* ``tests/data/gold/holdout``: further CNN stories, annotated blind after the rules existed;
* ``tests/data/unseen``: synthetic wire copy in other outlets' styles, annotated blind.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import newsframe as nf
from newsframe.dates import score_dates
from newsframe.paths import CNN_STORIES, ROOT, SEED
from newsframe.places import score_places

DATA = ROOT / "tests" / "data"


def _source(stem: str) -> Path:
    if stem == SEED.stem:
        return SEED
    unseen = DATA / "unseen" / f"{stem}.txt"
    return unseen if unseen.is_file() else CNN_STORIES / f"{stem}.story"


def _pooled(folder: Path, kind: str) -> float:
    tp = fp = fn = 0
    files = sorted(folder.glob("*.json"))
    assert files, folder
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            art = nf.read_article(_source(gold["article"]), published=gold.get("published"))
            if kind == "places":
                score = score_places(art.places, gold["mentions"])
            else:
                score = score_dates(art.dates, gold["mentions"])
        tp, fp, fn = tp + score["tp"], fp + score["fp"], fn + score["fn"]
    return 2 * tp / (2 * tp + fp + fn)


@pytest.mark.parametrize(
    ("folder", "kind", "target"),
    [
        (DATA / "gold" / "holdout" / "places", "places", 0.92),
        (DATA / "unseen" / "gold" / "places", "places", 0.92),
        (DATA / "gold" / "holdout" / "dates", "dates", 0.85),
        (DATA / "unseen" / "gold" / "dates", "dates", 0.85),
    ],
)
def test_blind_gold_sets_meet_the_targets(folder, kind, target):
    assert _pooled(folder, kind) >= target
