"""Hostile input against ordinary prose of the same size (issue 16's budgets).

For every slow-input generator of ``benchmarks/hostile.py`` at 100 KB, the CPU time of
``read_article`` plus all five frames, beside the same for 100 KB of ordinary article text (the
CNN stories repeated): the baseline, measured in the same run. Then the 20 MB size limit, with
real prose in lines and on one line, each in a fresh child process that reports its CPU time and
peak RSS (the child starts from this small parent, so its peak is its own).

Budgets: any input up to 100 KB in <= 0.5 s for all five frames; 20 MB in <= 30 s and
<= 1.5 GB peak.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from benchmarks._report import recorded
from benchmarks.hostile import frames_of, hostile_texts, prose

SIZE = 100_000
REPEAT = 3

_CHILD = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
import newsframe as nf
from benchmarks.hostile import prose
from newsframe.paths import CNN_STORIES
texts = [p.read_text(encoding="utf-8") for p in sorted(CNN_STORIES.glob("*.story"))]
text = prose(texts, int(sys.argv[1]), one_line=sys.argv[2] == "1")
t0 = time.process_time()
art = nf.read_article(text, published="2015-04-01")
for name in ("lines", "sentences", "places", "dates", "sentiment"):
    getattr(art, name)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu": time.process_time() - t0, "peak_mb": peak}))
"""


def median_cpu(text: str) -> float:
    return statistics.median(frames_of(text)[2] for _ in range(REPEAT))


def big(size: int, one_line: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(size), "1" if one_line else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@recorded
def main() -> None:
    # the 20 MB runs first, while this process is still small
    print("20 MB limit, real prose, one fresh process each (budget 30 s CPU, 1.5 GB peak):")
    for one_line, layout in ((False, "paragraph lines"), (True, "one line")):
        r = big(20_000_000, one_line)
        print(f"  {layout:<16} {r['cpu']:7.1f} s CPU   peak RSS {r['peak_mb']:7.0f} MB")
    from newsframe.paths import CNN_STORIES

    texts = [p.read_text(encoding="utf-8") for p in sorted(CNN_STORIES.glob("*.story"))]
    frames_of(texts[0])  # warm: gazetteer, TextBlob, VADER
    print()
    print(f"{SIZE // 1000} KB inputs, all five frames, median CPU of {REPEAT} (budget 0.5 s):")
    base = median_cpu(prose(texts, SIZE))
    base_line = median_cpu(prose(texts, SIZE, one_line=True))
    print(f"  {'baseline: ordinary prose, paragraph lines':<46} {base:7.3f} s")
    print(f"  {'baseline: ordinary prose, one line':<46} {base_line:7.3f} s")
    results = sorted(
        ((median_cpu(text), label) for label, text in hostile_texts(SIZE)), reverse=True
    )
    over = [r for r in results if r[0] > 0.5]
    for spent, label in results[:10]:
        print(f"  {label:<46} {spent:7.3f} s  {spent / base:5.1f}x baseline")
    print(f"  ... {len(results)} hostile inputs; {len(over)} over the 0.5 s budget")


if __name__ == "__main__":
    main()
