"""Accuracy targets of issues 3 and 4 on every gold set, as tests that can fail.

* ``tests/data/gold/{places,dates}``: the seed and CNN stories the rules were written with;
* ``tests/data/gold/holdout``: further CNN stories, annotated blind after the rules existed;
* ``tests/data/unseen``: synthetic wire copy in other outlets' styles, annotated blind.
"""

from __future__ import annotations

import pandas as pd
import pytest

from newsframe.evaluation import GOLD, UNSEEN, evaluate, pooled


@pytest.mark.parametrize(
    ("folder", "kind", "target"),
    [
        (GOLD / "holdout" / "places", "places", 0.92),
        (UNSEEN / "gold" / "places", "places", 0.92),
        (GOLD / "holdout" / "dates", "dates", 0.85),
        (UNSEEN / "gold" / "dates", "dates", 0.85),
    ],
)
def test_blind_gold_sets_meet_the_targets(folder, kind, target):
    assert pooled(evaluate(folder, kind).to_dict("records"))["f1"] >= target


def test_pooled_sums_counts_before_dividing():
    rows = [{"tp": 9, "fp": 1, "fn": 0}, {"tp": 0, "fp": 0, "fn": 10}]
    s = pooled(rows)
    assert (s["tp"], s["fp"], s["fn"]) == (9, 1, 10)
    assert s["f1"] == pytest.approx(18 / 29)
    # the per-article mean is a different figure: (0.947 + 0) / 2
    per_article = pd.DataFrame(rows).assign(f1=[18 / 19, 0.0]).f1.mean()
    assert per_article != pytest.approx(s["f1"])
