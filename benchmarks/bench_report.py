"""Benchmark: building the seed's HTML report, beside running an empty notebook.

Target (issue 6): ``make report`` on an installed environment builds the seed's report in at
most 15 s. Kernel start-up dominates, so the baseline is the same pipeline (papermill +
nbconvert) on a notebook with a single empty cell, measured in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from benchmarks._report import recorded
from newsframe.paths import SEED
from newsframe.report import build_report, execute_notebook, export_html


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


@recorded
def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        empty = out / "empty.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(nb, empty)

        def baseline() -> None:
            executed = execute_notebook(empty, out / "empty-out.ipynb", {})
            export_html(executed, out / "empty.html")

        def report() -> None:
            build_report([SEED], output=out / "seed.html")

        base = timed(baseline)
        full = timed(report)
    print("report build for the seed (median of 3, installed environment):")
    print(f"  newsframe report (papermill + nbconvert)  {full:6.2f} s   target <= 15 s")
    print(f"  baseline: an empty notebook, same steps   {base:6.2f} s")
    print(f"  the analyses and charts add               {full - base:6.2f} s")


if __name__ == "__main__":
    main()
