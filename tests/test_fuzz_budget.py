"""The short version of ``make fuzz`` (issue 16): hypothesis texts built from the words that
trigger place and date rules; every example builds all five frames within a per-example budget
(generous, so that a loaded machine does not fail it: it catches hangs and blow-ups, the
benchmark measures speed), lines rejoin to the input and offsets hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from benchmarks.fuzz import TEXTS, check

BUDGET = 3.0  # CPU seconds per example of at most 400 characters (normally a few ms)


def test_warm_up() -> None:
    check("Paris, France -- It rained on Monday. Officials were glad.", budget=120)


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(TEXTS)
def test_every_example_stays_within_the_budget(text: str) -> None:
    check(text, BUDGET)
