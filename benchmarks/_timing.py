"""Tiny timing helpers shared by the benchmark scripts (no dependencies beyond the stdlib)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings(fn: Callable[[], object], repeat: int = 7, number: int = 10) -> tuple[float, float]:
    """(best, median) over ``repeat`` runs of the mean time of ``number`` calls, in seconds."""
    fn()  # warm up
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number)
    return min(runs), statistics.median(runs)


def best_of(fn: Callable[[], object], repeat: int = 7, number: int = 10) -> float:
    """Median over ``repeat`` runs of the mean time of ``number`` calls, in seconds."""
    return timings(fn, repeat, number)[1]


def row(label: str, seconds: float, baseline: float | None = None, target: str = "") -> str:
    """One line of a side-by-side table: time in ms, ratio to the baseline, and the target."""
    ratio = f"{baseline / seconds:7.1f}x faster" if baseline else " " * 14
    return f"  {label:<44s} {seconds * 1000:9.2f} ms  {ratio}  {target}"
