"""``make fuzz``: the long hostile-input run (issue 16).

1. Hypothesis draws at least 100,000 texts (``--examples``) from an alphabet of letters, digits,
   punctuation, blanks, line breaks and the words that trigger place and date rules, and builds
   all five frames of each; it checks that lines rejoin to the input, offsets hold, and no
   example takes longer than the per-example budget.
2. Every slow-input generator of ``benchmarks/hostile.py`` runs at 100 KB (budget 0.5 s).

The generators run first, in a process as small as a user's. Prints the generators and
examples run, the failures, and the slowest input of each part with its time.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import ClassVar

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import newsframe as nf
from benchmarks.hostile import frames_of, hostile_texts

WORDS = [
    "Georgia",
    "Jordan",
    "Paris",
    "France",
    "Mali",
    "Iran-Iraq",
    "U.S.",
    "(CNN)",
    "--",
    "Mr.",
    "Monday",
    "January",
    "17,",
    "2013",
    "last",
    "next",
    "week",
    "ago",
    "decades",
    "300",
    "the",
    "in",
    "of",
    "'s",
    "said",
    "New",
    "York",
    "Times",
    "!",
    "?",
    "...",
    "—",
    "é",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)),
    min_size=1,
    max_size=80,
).map(lambda ws: " ".join(ws)) | st.text(min_size=1, max_size=400)


class Stats:
    examples = 0
    failures: ClassVar[list[str]] = []
    over: ClassVar[list[str]] = []  # inputs whose first timing was over the budget
    slowest = (0.0, "")


def confirmed_time(text: str) -> float:
    """The median CPU time of three fresh runs: a first timing over the budget is confirmed
    this way, so that a pause of the machine is not reported as a slow input."""
    return sorted(frames_of(text)[2] for _ in range(3))[1]


def check(text: str, budget: float, *, strict: bool = True) -> bool:
    """Build all five frames of ``text``; assert that lines rejoin to the input and offsets
    hold. Over the budget: an assertion (``strict``) or a note in :attr:`Stats.over`, to be
    confirmed at the end (the property run must not stop on a timing). False when the text is
    no article (blank, NUL bytes, refused as bad input): nothing was checked."""
    if not text.strip() or "\x00" in text:
        return False
    try:
        art, frames, spent = frames_of(text)
    except nf.BadInputError:
        return False
    Stats.examples += 1
    if spent > Stats.slowest[0]:
        Stats.slowest = (spent, text[:80])
    lines = frames["lines"]
    assert "".join(lines.text + lines.eol) == art.text
    for name in ("places", "dates"):
        f = frames[name]
        assert all(art.text[s:e] == x for s, e, x in zip(f.start, f.end, f.surface, strict=True))
    if spent >= budget:
        if strict:
            spent = confirmed_time(text)
            assert spent < budget, f"{spent:.2f} s on {text[:80]!r}"
        else:
            Stats.over.append(text)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--budget", type=float, default=0.5, help="CPU seconds per example")
    parser.add_argument("--size", type=int, default=100_000, help="hostile generator size")
    args = parser.parse_args()

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(TEXTS)
    def property_run(text: str) -> None:
        # a text that is no article is rejected, so that --examples counts checked articles
        assume(check(text, args.budget, strict=False))

    check("Paris, France -- It rained on Monday. Officials were glad.", budget=60)  # warm up
    Stats.examples, Stats.slowest = 0, (0.0, "")
    # the slow-input generators first, in a process as small as a user's: after the property
    # run the heap holds hypothesis' data, which every garbage collection then walks
    generators = 0
    for label, text in hostile_texts(args.size):
        generators += 1
        try:
            check(text, args.budget)
        except Exception as exc:
            Stats.failures.append(f"{label}: {type(exc).__name__}: {exc}"[:300])
    slowest_generator = Stats.slowest
    Stats.examples, Stats.slowest = 0, (0.0, "")
    started = time.monotonic()
    try:
        property_run()
    except Exception as exc:  # the shrunk failing example and its assertion
        Stats.failures.append(f"property: {type(exc).__name__}: {exc}"[:500])
    for text in Stats.over:  # confirm each first timing over the budget
        spent = confirmed_time(text)
        if spent >= args.budget:
            Stats.failures.append(f"property: {spent:.2f} s (median of 3) on {text[:80]!r}")
    examples, spent_s = Stats.examples, time.monotonic() - started
    print(
        f"slow-input generators run: {generators} ({args.size:,} characters each); slowest "
        f"(first timing) {slowest_generator[0]:.3f} s CPU: {slowest_generator[1][:40]!r}"
    )
    print(f"examples run: {examples:,} ({spent_s:.0f} s)")
    print(f"failures: {len(Stats.failures)}")
    for failure in Stats.failures:
        print(f"  {failure}")
    spent, text = Stats.slowest
    print(f"slowest property example (first timing): {spent:.3f} s CPU: {text!r}")
    print(f"first timings over the budget: {len(Stats.over)} (re-timed, median of 3)")
    return 1 if Stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
