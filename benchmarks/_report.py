"""Write what a benchmark prints to ``docs/results/<bench name>.md`` for the docs site.

Decorate a benchmark's ``main`` with :func:`recorded`: its output still goes to the terminal
and, when ``main`` returns without raising, is also written as Markdown with the date, the
machine (CPU model, cores) and the load average at the start. The performance page of the docs
includes these files, so ``make bench`` updates the published figures.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "results"

T = TypeVar("T")


class _Tee(io.TextIOBase):
    def __init__(self, *streams: io.TextIOBase) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (Linux), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def write_results(name: str, output: str, started: dt.datetime, load: str) -> Path:
    """Write ``docs/results/<name>.md``: a header line about the run, then ``output``."""
    settings = ", ".join(
        f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("NEWSFRAME_BENCH_")
    )
    header = (
        f"`{name}` run on {started:%Y-%m-%d %H:%M} UTC; {cpu_model()}, "
        f"{os.cpu_count()} cores; load average at start {load} (1 / 5 / 15 min); "
        f"Python {platform.python_version()}" + (f"; {settings}" if settings else "")
    )
    body = "\n".join(line.rstrip() for line in output.rstrip().splitlines()).replace("```", "'''")
    text = (
        f"<!-- written by `make bench` (benchmarks/{name}.py); do not edit by hand -->\n\n"
        f"{header}\n\n```text\n{body}\n```\n"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def recorded(main: Callable[[], T]) -> Callable[[], T]:
    """Decorator for a benchmark's ``main``: tee its output into ``docs/results/<name>.md``."""
    name = Path(sys.modules[main.__module__].__file__ or main.__module__).stem

    @functools.wraps(main)
    def run() -> T:
        started, load = dt.datetime.now(dt.UTC), load_average()
        captured = io.StringIO()
        stdout = sys.stdout
        sys.stdout = _Tee(stdout, captured)
        try:
            result = main()
        finally:
            sys.stdout = stdout
        path = write_results(name, captured.getvalue(), started, load)
        print(f"(results written to {path.relative_to(RESULTS.parent.parent)})")
        return result

    return run
