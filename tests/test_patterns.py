"""Every regular expression newsframe compiles runs in linear time on hostile input.

The patterns are collected by ``tests/patterns_probe.py`` in a fresh interpreter (so that
those compiled inside functions are seen too) and each is searched, matched and iterated over
adversarial strings made from its own alphabet (``tests/adversarial.py``). Exponential or
quadratic backtracking at 6,000 characters costs seconds; a linear pattern costs milliseconds.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest

from tests.adversarial import TooSlow, alphabet, deadline, strings

SIZE = 6000
BUDGET = 0.25  # CPU seconds for one pattern on one string: ~100x what a linear scan costs


def _collect() -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.patterns_probe"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


PATTERNS = _collect()


def time_pattern(pattern: re.Pattern[str], s: str, limit: float) -> float:
    """CPU seconds to search, match and iterate ``pattern`` over ``s``; ``inf`` past ``limit``
    seconds of wall time."""
    t = time.process_time()
    try:
        with deadline(limit):
            pattern.search(s)
            pattern.match(s)
            for _ in pattern.finditer(s):
                pass
    except TooSlow:
        return float("inf")
    return time.process_time() - t


def test_the_probe_sees_patterns_of_every_extractor() -> None:
    where = {str(p["where"]).split(":")[0] for p in PATTERNS}
    assert {"sections.py", "sentences.py", "reading.py"} <= where
    assert any(w.startswith(("places", "dates")) for w in where)
    assert len(PATTERNS) > 50


def test_adversarial_strings_catch_catastrophic_backtracking() -> None:
    bad = re.compile(r"^(?:[A-Z][a-z]+(?:\ [A-Z][a-z]+)*,?\ ?)*x")  # nested, overlapping
    chars, _ = alphabet(bad)
    assert {"A", "a", " ", ","} <= set(chars)
    slowest = max(time_pattern(bad, s, 5.0) for s in strings(bad, 64))
    assert slowest > 0.05  # 64 characters already take visible time; 6,000 would never end


@pytest.mark.parametrize("record", PATTERNS, ids=[f"{p['where']}" for p in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(record: dict[str, object]) -> None:
    pattern = re.compile(str(record["pattern"]), int(record["flags"]))  # type: ignore[call-overload]
    for s in strings(pattern, SIZE):
        spent = time_pattern(pattern, s, 4 * BUDGET)
        assert spent < BUDGET, f"{record['where']}: {spent:.2f} s on {s[:60]!r}..."
