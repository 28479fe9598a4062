"""Evaluation against hand-annotated gold: loading gold files, scoring, pooled and per-article
precision, recall and F1. Tests and benchmarks both use this module, so a figure is computed
one way only.

A gold file is JSON: ``{"article": <stem>, "published": <ISO date, optional>, "mentions":
[...]}``. Place mentions carry ``line`` and ``iso3``; date mentions ``line``, ``date_start``
and ``date_end`` (ISO). Lines are 1-based physical lines, blank lines counted. Matching is
per line, as multisets: a prediction is right when the same line holds an equal gold mention.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .paths import CNN_STORIES, ROOT, SEED

if TYPE_CHECKING:
    import pandas as pd

    from .article import Article

GOLD = ROOT / "tests" / "data" / "gold"
"""Development gold (``places/``, ``dates/``) and the blind held-out set (``holdout/``)."""
UNSEEN = ROOT / "tests" / "data" / "unseen"
"""Synthetic wire copy annotated blind; texts beside ``gold/``."""

Scores = dict[str, float | int]


def multiset_scores(
    predicted: Counter[Hashable], gold: Counter[Hashable], *, zero_division: float = 0.0
) -> Scores:
    """Precision, recall and F1 of two multisets (matches are their intersection).

    ``zero_division`` is the precision (recall) reported when nothing was predicted (nothing
    was in the gold), as in scikit-learn. Returns ``precision``, ``recall``, ``f1`` (float)
    and ``tp``, ``fp``, ``fn`` (int).
    """
    tp = sum((predicted & gold).values())
    return _scores(tp, sum(predicted.values()) - tp, sum(gold.values()) - tp, zero_division)


def _scores(tp: int, fp: int, fn: int, zero_division: float) -> Scores:
    precision = tp / (tp + fp) if tp + fp else zero_division
    recall = tp / (tp + fn) if tp + fn else zero_division
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def pooled(scores: Iterable[Mapping[str, Any]], *, zero_division: float = 1.0) -> Scores:
    """Pool per-article scores: sum ``tp``, ``fp`` and ``fn``, then recompute P, R and F1."""
    tp = fp = fn = 0
    for s in scores:
        tp, fp, fn = tp + int(s["tp"]), fp + int(s["fp"]), fn + int(s["fn"])
    return _scores(tp, fp, fn, zero_division)


def score_places(pred: pd.DataFrame, gold_mentions: Sequence[Mapping[str, Any]]) -> Scores:
    """Score a places frame (``line``, ``iso3``) against gold mentions, per line, as multisets
    of ISO3 codes (1.0 when there is nothing to find and nothing was found)."""
    p: Counter[Hashable] = Counter(zip(pred["line"].tolist(), pred["iso3"].tolist(), strict=True))
    g: Counter[Hashable] = Counter((int(r["line"]), str(r["iso3"])) for r in gold_mentions)
    return multiset_scores(p, g, zero_division=1.0)


def score_dates(pred: pd.DataFrame, gold_mentions: Sequence[Mapping[str, Any]]) -> Scores:
    """Strict value scores of a dates frame: a prediction is right only if its
    ``(date_start, date_end)`` equals a gold mention's on the same line. Unresolved
    predictions (``NaT``) count as false positives."""
    import pandas as pd

    predicted: Counter[Hashable] = Counter()
    for line, s, e in zip(pred["line"], pred["date_start"], pred["date_end"], strict=True):
        key_s = "NaT" if pd.isna(s) else pd.Timestamp(s).date().isoformat()
        key_e = "NaT" if pd.isna(e) else pd.Timestamp(e).date().isoformat()
        predicted[(int(line), key_s, key_e)] += 1
    gold: Counter[Hashable] = Counter(
        (int(m["line"]), str(m["date_start"])[:10], str(m["date_end"])[:10]) for m in gold_mentions
    )
    return multiset_scores(predicted, gold, zero_division=0.0)


SCORERS: dict[str, Callable[[pd.DataFrame, Sequence[Mapping[str, Any]]], Scores]] = {
    "places": score_places,
    "dates": score_dates,
}


@dataclass(frozen=True)
class Gold:
    """One gold file: the article's stem, its text file, the date to resolve against and the
    annotated mentions."""

    stem: str
    path: Path
    published: str | None
    mentions: list[dict[str, Any]]

    def read(self) -> Article:
        """The article, read with the gold file's publication date (encoding warnings off)."""
        from .article import read_article

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read_article(self.path, published=self.published)


def source_of(stem: str) -> Path:
    """The text file a gold stem refers to: the seed, an unseen article or a CNN story."""
    if stem == SEED.stem:
        return SEED
    unseen = UNSEEN / f"{stem}.txt"
    return unseen if unseen.is_file() else CNN_STORIES / f"{stem}.story"


def load_gold(folder: str | Path) -> list[Gold]:
    """Every gold file in ``folder`` (``*.json``), in file-name order.

    An article's text is ``<stem>.txt`` in the gold folder's parent or grandparent (an
    evaluation set keeps its texts beside ``gold/``), else found by :func:`source_of`."""
    out = []
    folder = Path(folder)
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        stem = doc["article"]
        beside = [d / f"{stem}.txt" for d in (folder.parent, folder.parent.parent)]
        text = next((p for p in beside if p.is_file()), None) or source_of(stem)
        out.append(Gold(stem, text, doc.get("published"), list(doc["mentions"])))
    if not out:
        raise FileNotFoundError(f"{folder}: no gold files (*.json)")
    return out


def evaluate(
    folder: str | Path,
    kind: str,
    predict: Callable[[Article], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Score every article of a gold folder.

    Args:
        folder: a folder of gold files.
        kind: ``"places"`` or ``"dates"``.
        predict: turns an article into the frame to score (default: ``article.<kind>``), so a
            baseline is scored exactly as newsframe is.

    Returns:
        One row per article: ``article`` (str), ``gold`` (int64, gold mentions), ``tp``,
        ``fp``, ``fn`` (int64), ``precision``, ``recall``, ``f1`` (float64). Pool the rows
        with :func:`pooled`; average ``f1`` for the per-article mean.
    """
    import pandas as pd

    score = SCORERS[kind]
    rows = []
    for gold in load_gold(folder):
        art = gold.read()
        frame = predict(art) if predict else getattr(art, kind)
        rows.append(
            {"article": gold.stem, "gold": len(gold.mentions)} | score(frame, gold.mentions)
        )
    columns = ["article", "gold", "tp", "fp", "fn", "precision", "recall", "f1"]
    return pd.DataFrame(rows, columns=columns)


def summary(scores: pd.DataFrame) -> dict[str, float]:
    """Pooled precision, recall and F1 of an :func:`evaluate` frame, beside the per-article
    mean F1 and the lowest article F1 (so one long article cannot hide the others)."""
    total = pooled(scores.to_dict("records"))
    return {
        "precision": float(total["precision"]),
        "recall": float(total["recall"]),
        "f1": float(total["f1"]),
        "mean_f1": float(scores["f1"].mean()),
        "min_f1": float(scores["f1"].min()),
    }


def format_scores(systems: Mapping[str, pd.DataFrame], *, exclude: Sequence[str] = ()) -> str:
    """A plain-text table: one line per article with each system's P / R / F1, then the pooled
    and per-article figures (articles in ``exclude``, such as the seed, are shown but left out
    of the summary lines)."""
    names = list(systems)
    first = systems[names[0]]
    head = f"{'article':<24} {'gold':>4}  " + "  ".join(f"{n + ' P / R / F1':>24}" for n in names)
    lines = [head]
    for i, row in enumerate(first.itertuples(index=False)):
        cells = [systems[n].iloc[i] for n in names]
        lines.append(
            f"{row.article[:22]:<24} {row.gold:>4}  "
            + "  ".join(f"{c.precision:>8.3f} /{c.recall:6.3f} /{c.f1:6.3f}" for c in cells)
        )
    for n in names:
        left_out = systems[n].article.isin(exclude)
        kept = systems[n][~left_out]
        s = summary(kept)
        note = ", ".join(systems[n].article[left_out])
        lines.append(
            f"{n}: pooled P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}; "
            f"per-article mean F1 {s['mean_f1']:.3f}, lowest {s['min_f1']:.3f} "
            f"({len(kept)} articles{'; left out: ' + note if note else ''})"
        )
    return "\n".join(lines)


__all__ = [
    "GOLD",
    "UNSEEN",
    "Gold",
    "evaluate",
    "format_scores",
    "load_gold",
    "multiset_scores",
    "pooled",
    "score_dates",
    "score_places",
    "source_of",
    "summary",
]
