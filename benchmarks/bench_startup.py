"""Benchmark: a new process, from its start until it is ready for its first article.

Target (issue 15): at most 0.5 s, median. Every CLI call, report kernel and corpus worker pays
this once. "Ready" is measured, not guessed: a new process imports newsframe and analyses the
seed in full (every frame), then analyses it again on a fresh Article; the first analysis
minus the second is what the process paid to become ready (imports, the gazetteer, the
lexicons), and the interpreter's own start is added (time from launch to the process's first
line). The child reports where that time went.

Baselines, measured the same way in the same run (new processes, bytecode cached, medians):
an empty interpreter (``python -c pass``) and ``python -c "import pandas"``, the frame
library every analysis needs.

Run: ``.venv/bin/python -m benchmarks.bench_startup`` (``make bench`` runs it too).
"""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
import sys
import time

from benchmarks._report import recorded
from benchmarks._timing import child_env, context, python, run_cold, verdict
from newsframe.paths import SEED

RUNS = 7
TARGET_S = 0.5

CHILD = f"""
import json, sys, time
t0 = time.time()
marks = [("start", t0)]
import newsframe as nf
marks.append(("import newsframe", time.time()))
art = nf.read_article({str(SEED)!r})
marks.append(("read the article", time.time()))
for stage in ("lines", "sentences", "places", "dates", "sentiment"):
    getattr(art, stage)
    marks.append((stage, time.time()))
first = time.time() - t0
t1 = time.time()
art = nf.read_article({str(SEED)!r})
for stage in ("lines", "sentences", "places", "dates", "sentiment"):
    getattr(art, stage)
warm = time.time() - t1
heavy = ("pandas", "nltk", "scipy", "matplotlib", "dateparser", "trafilatura")
modules = sorted(m for m in heavy if m in sys.modules)
print(json.dumps({{"marks": marks, "first": first, "warm": warm, "modules": modules}}))
"""


def _ready_once() -> dict[str, object]:
    """One new process: seconds from launch to ready, and the child's own account."""
    launched = time.time()
    done = subprocess.run(
        python(CHILD), capture_output=True, text=True, env=child_env(), check=True
    )
    report = json.loads(done.stdout)
    marks = report["marks"]
    interpreter = marks[0][1] - launched  # launch to the child's first line
    report["interpreter"] = interpreter
    report["ready"] = interpreter + report["first"] - report["warm"]
    steps = {}
    for (_, before), (name, at) in itertools.pairwise(marks):
        steps[name] = at - before
    report["steps"] = steps
    return report


@recorded
def main() -> None:
    print(context(f"{RUNS} new processes per line, after one warm-up run each"))
    empty = run_cold(python("pass"), RUNS)
    pandas = run_cold(python("import pandas"), RUNS)
    _ready_once()  # warm-up: bytecode caches, the gazetteer cache file
    runs = [_ready_once() for _ in range(RUNS)]
    ready = statistics.median(r["ready"] for r in runs)  # type: ignore[misc]
    warm = statistics.median(r["warm"] for r in runs)  # type: ignore[misc]
    print("a new process, ready for its first article (wall, launch to ready):")
    print(
        f"  newsframe: import + first analysis - warm analysis  {ready:6.3f} s  target <= "
        f"{TARGET_S} s: {verdict(ready, TARGET_S)}"
    )
    print(f"  baseline: python -c pass                            {empty.wall:6.3f} s")
    print(f"  baseline: python -c 'import pandas'                 {pandas.wall:6.3f} s")
    print(
        f"  (the warm analysis left out: {warm * 1e3:.1f} ms; CPU of the baselines: "
        f"{empty.cpu:.3f} s, {pandas.cpu:.3f} s)"
    )
    print("where the first analysis spends its time (medians; includes the warm work):")
    names = list(runs[0]["steps"])  # type: ignore[call-overload]
    print(f"  {'interpreter start':<28} {statistics.median(r['interpreter'] for r in runs):6.3f} s")  # type: ignore[misc]
    for name in names:
        med = statistics.median(r["steps"][name] for r in runs)  # type: ignore[index]
        print(f"  {name:<28} {med:6.3f} s")
    print(f"  modules loaded by then: {', '.join(runs[0]['modules']) or 'none of the heavy ones'}")  # type: ignore[arg-type]
    if sys.flags.dont_write_bytecode:
        print("  (this process does not write bytecode; the children do, as an install does)")


if __name__ == "__main__":
    main()
