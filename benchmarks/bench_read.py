"""Benchmark: read_article on the seed, warm and cold, beside pysbd sentence splitting.

Target (issue 2): read_article + sentences on the seed in at most 10 ms warm.
"""

from __future__ import annotations

import subprocess
import sys
import time

import newsframe as nf
from benchmarks._report import recorded
from benchmarks._timing import best_of, row
from newsframe.paths import SEED


def read_and_split() -> int:
    return len(nf.read_article(SEED).sentences)


def cold_start() -> float:
    code = (
        "import time; t=time.perf_counter(); import newsframe as nf; "
        f"nf.read_article({str(SEED)!r}).sentences; print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


@recorded
def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    print(f"read_article on the seed ({len(text):,} chars, {read_and_split()} sentences)")
    warm = best_of(read_and_split)
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
        lines = text.splitlines()
        baseline = best_of(lambda: [seg.segment(line) for line in lines if line.strip()], 3, 2)
    except ImportError:
        baseline = None
    print(row("newsframe read_article + sentences (warm)", warm, None, "target <= 10 ms"))
    if baseline:
        print(row("baseline: pysbd sentence split only", baseline))
        print(f"  newsframe is {baseline / warm:.1f}x faster than pysbd alone")
    colds = sorted(cold_start() for _ in range(3))
    print(row("cold: import newsframe + read (new process)", colds[1]))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    print(row("baseline: bare interpreter start", time.perf_counter() - t0))


if __name__ == "__main__":
    main()
