"""Precision, recall and F1 over multisets: the scoring shared by the places and dates gold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable


def multiset_scores(
    predicted: Counter[Hashable], gold: Counter[Hashable], *, zero_division: float = 0.0
) -> dict[str, float | int]:
    """Pooled precision, recall and F1 of two multisets (matches are their intersection).

    ``zero_division`` is the precision (recall) reported when nothing was predicted (nothing
    was in the gold), as in scikit-learn. Returns ``precision``, ``recall``, ``f1`` (float)
    and ``tp``, ``fp``, ``fn`` (int).
    """
    tp = sum((predicted & gold).values())
    fp = sum(predicted.values()) - tp
    fn = sum(gold.values()) - tp
    precision = tp / (tp + fp) if tp + fp else zero_division
    recall = tp / (tp + fn) if tp + fn else zero_division
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


__all__ = ["multiset_scores"]
