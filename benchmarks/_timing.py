"""Timing helpers shared by the benchmark scripts (no dependencies beyond the stdlib).

Figures are medians over repeats (the best run is shown beside them, never checked against a
target), each benchmark states the machine, the load average at its start and its repeat
counts (:func:`context`), and cold figures come from new processes timed the same way as
their baselines (:func:`run_cold`).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple


class Timing(NamedTuple):
    """Seconds per call: the median and the best of ``repeats`` runs of ``number`` calls."""

    median: float
    best: float
    repeats: int
    number: int


def measure(
    fn: Callable[[], object],
    repeat: int = 7,
    number: int = 10,
    *,
    setup: Callable[[], object] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Timing:
    """Time ``fn`` after one untimed warm-up call: ``repeat`` runs of ``number`` calls each.

    ``setup`` runs untimed before every call (a fresh object, an emptied cache); ``clock`` is
    ``time.perf_counter`` (wall) or ``time.process_time`` (this process's CPU).
    """
    if setup is not None:
        setup()
    fn()
    runs = []
    for _ in range(repeat):
        total = 0.0
        for _ in range(number):
            if setup is not None:
                setup()
            t0 = clock()
            fn()
            total += clock() - t0
        runs.append(total / number)
    return Timing(statistics.median(runs), min(runs), repeat, number)


def interleaved(
    cases: Mapping[str, tuple[Callable[[], object], Callable[[], object] | None]],
    repeat: int = 7,
    *,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, Timing]:
    """Time several ``(fn, setup)`` cases round by round, one call of each per round, so that
    a change in the machine's load during the run touches them alike (after one untimed
    warm-up round). ``setup`` runs untimed before each call, as in :func:`measure`."""
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for i in range(repeat + 1):
        for name, (fn, setup) in cases.items():
            if setup is not None:
                setup()
            t0 = clock()
            fn()
            elapsed = clock() - t0
            if i:
                runs[name].append(elapsed)
    return {name: Timing(statistics.median(r), min(r), repeat, 1) for name, r in runs.items()}


def timings(fn: Callable[[], object], repeat: int = 7, number: int = 10) -> tuple[float, float]:
    """(best, median) over ``repeat`` runs of the mean time of ``number`` calls, in seconds."""
    t = measure(fn, repeat, number)
    return t.best, t.median


def median_of(fn: Callable[[], object], repeat: int = 7, number: int = 10) -> float:
    """Median over ``repeat`` runs of the mean time of ``number`` calls, in seconds."""
    return measure(fn, repeat, number).median


class Cold(NamedTuple):
    """A new process, timed from outside: medians over ``runs`` of wall and CPU seconds (the
    child's user + system time), and the last run's standard output."""

    wall: float
    cpu: float
    runs: int
    stdout: str


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of timed children: this one, with bytecode caching on (as in an
    ordinary install, where ``.pyc`` files exist; ``PYTHONDONTWRITEBYTECODE`` would make every
    child compile every module it imports)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


def run_cold(
    argv: Sequence[str], runs: int = 5, env: Mapping[str, str] | None = None, cwd: str | None = None
) -> Cold:
    """Run ``argv`` ``runs`` times after one untimed warm-up run (which writes bytecode
    caches), each in a new process; raise if it fails."""
    walls, cpus, out = [], [], ""
    for i in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(
            list(argv), capture_output=True, text=True, env=child_env(env), cwd=cwd, check=False
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
        if i:
            walls.append(wall)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            out = done.stdout
    return Cold(statistics.median(walls), statistics.median(cpus), runs, out)


def python(code: str) -> list[str]:
    """``argv`` of this interpreter running ``code``."""
    return [sys.executable, "-c", code]


def context(repeats: str) -> str:
    """What a reader needs to judge the figures: the machine, its load average now (call this
    first), the interpreter and how often each figure was measured."""
    from benchmarks._report import cpu_model, load_average

    return (
        f"machine: {cpu_model()}, {os.cpu_count()} cores; load average at start "
        f"{load_average()} (1 / 5 / 15 min); Python {sys.version.split()[0]}\n"
        f"figures: medians; {repeats}"
    )


def verdict(value: float, target: float) -> str:
    """``met`` or ``MISSED``, for a median against the target it must not exceed."""
    return "met" if value <= target else "MISSED"


def row(label: str, seconds: float, baseline: float | None = None, target: str = "") -> str:
    """One line of a side-by-side table: time in ms, ratio to the baseline, and the target."""
    if not baseline:
        ratio = " " * 14
    elif baseline >= seconds:
        ratio = f"{baseline / seconds:7.1f}x faster"
    else:
        ratio = f"{seconds / baseline:7.1f}x slower"
    return f"  {label:<44s} {seconds * 1000:9.2f} ms  {ratio}  {target}"
