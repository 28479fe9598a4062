"""Benchmark: ``newsframe report`` on the seed from the command line, beside an empty notebook.

Target (issue 15): at most 3.5 s, median, from the CLI. Every figure is a new process timed
from outside (launch to exit), bytecode cached, interleaved run by run so that a change in
the machine's load touches each line alike:

* ``newsframe report SEED -o OUT.html``, the command a user types;
* ``build_report([SEED])`` from ``python -c``: the same steps without the CLI's own imports;
* the baseline: ``build_report`` on a notebook with one empty cell, in the same way: process
  start, the article check, papermill, a kernel, the chart check and nbconvert's export. What
  the report adds to it is the analyses and the charts.

The per-cell times of the report notebook (papermill records them) show where the kernel's
time goes. The world map's shapes come from the cache folder; the warm-up run builds them
when they are missing.

Run: ``.venv/bin/python -m benchmarks.bench_report`` (``make bench`` runs it too).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from benchmarks._report import recorded
from benchmarks._timing import child_env, context, python, verdict
from newsframe.paths import SEED

RUNS = 5
TARGET_S = 3.5


def _timed(argv: list[str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=child_env(), check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return wall


def _cells(executed: Path) -> list[tuple[str, float]]:
    """(first line of the cell, seconds) for each code cell of an executed notebook."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]).strip().splitlines() or [""]
            seconds = cell["metadata"].get("papermill", {}).get("duration") or 0.0
            out.append((source[0][:60], float(seconds)))
    return out


@recorded
def main() -> None:
    import shutil

    print(context(f"{RUNS} runs of each line, interleaved, after one warm-up run of each"))
    cli = shutil.which("newsframe", path=str(Path(sys.executable).parent))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        empty = out / "empty.ipynb"
        cell = nbformat.v4.new_code_cell("pass", metadata={"tags": ["parameters"]})
        nb = nbformat.v4.new_notebook(cells=[cell])
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, empty)
        build = (
            "from newsframe.report import build_report; "
            "build_report([{seed!r}], output={out!r}{nb})"
        )
        commands = {
            "newsframe report (CLI)": [
                cli or "newsframe",
                "report",
                str(SEED),
                "-o",
                str(out / "cli.html"),
            ],
            "build_report (python -c)": python(
                build.format(seed=str(SEED), out=str(out / "py.html"), nb="")
            ),
            "baseline: empty notebook, build_report": python(
                build.format(
                    seed=str(SEED), out=str(out / "empty.html"), nb=f", notebook={str(empty)!r}"
                )
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        cells: list[list[tuple[str, float]]] = []
        for i in range(RUNS + 1):
            for name, argv in commands.items():
                wall = _timed(argv)
                if i:
                    times[name].append(wall)
            if i:
                cells.append(_cells(out / "cli.ipynb"))
    med = {name: statistics.median(t) for name, t in times.items()}
    report, base = med["newsframe report (CLI)"], med["baseline: empty notebook, build_report"]
    print("the seed's HTML report, new processes, wall time from launch to exit:")
    for name, seconds in med.items():
        print(f"  {name:<42} {seconds:6.2f} s  (best {min(times[name]):.2f} s)")
    print(
        f"  newsframe report: {report:.2f} s median (target <= {TARGET_S} s: "
        f"{verdict(report, TARGET_S)}); the analyses and charts add "
        f"{med['build_report (python -c)'] - base:.2f} s to the empty notebook"
    )
    print("inside the kernel, per code cell of the report notebook (medians):")
    for k, (first_line, _) in enumerate(cells[0]):
        seconds = statistics.median(run[k][1] for run in cells)
        print(f"  {seconds:6.3f} s  {first_line}")


if __name__ == "__main__":
    main()
