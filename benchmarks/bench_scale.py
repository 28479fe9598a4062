"""Benchmark: how `write_corpus` scales with workers, and where the client's time goes.

Distinct articles (benchmarks/distinct.py: paragraphs of the development stories recombined,
one word of every sentence varied, so the sentiment memo answers almost nothing) are written
to a temporary folder with a MANIFEST.csv of their dates. Each configuration runs
``write_corpus`` as a user calls it, in a fresh child process (started small); this process
samples the child's process tree with psutil. With ``--repeat``, the repeats go round the
configurations in turn, so a machine whose speed drifts moves every median alike.
Printed per corpus size and engine:

* articles/s (wall time of the ``write_corpus`` call, pool or cluster start included), the
  speed-up over the serial engine (the baseline, same run, same articles) and over one worker
  of the same engine, and the efficiency (speed-up over serial / workers);
* the client's time outside waiting for workers (job listing, submitting, writing
  ``articles.parquet``, the commit, starting the pool), as seconds and as a share of wall time:
  the serial fraction; and the client's and the workers' CPU per article;
* peak RSS (and PSS) of the client and of the largest worker.

A machine check at the start and at the end: the CPU a fixed piece of work costs one fresh
process alone and each of two at once, and the bound on two workers' speed-up that follows.

Then Amdahl's prediction at 16 and 64 workers from the measured serial fraction of the
one-worker processes run, beside the Karp-Flatt estimate from the measured 1- and 2-worker
times (which also counts worker start-up and the tail of the last parts); and the read step
of articles undated in a large manifest against dated ones (issue 15).

Targets (issue 13): on 2 cores, processes >= 1.85x serial on 20,000 articles; the client's
serial fraction <= 2 % of wall time; dask within 10 % of processes at the same worker count;
peak client RSS flat (<= 1.2x) from the smallest to the largest size; >= 13x predicted at 16
workers.

Settings: ``python -m benchmarks.bench_scale [SIZE ...] [--workers 1,2] [--engines ...]
[--repeat R] [--large serial,processes:2 | --large "20000=serial;100000=processes:2"]`` or
NEWSFRAME_BENCH_SCALE_N (sizes, comma-separated; default 2000), NEWSFRAME_BENCH_WORKERS
(default 1,2),
NEWSFRAME_BENCH_ENGINES (default serial,processes,dask), NEWSFRAME_BENCH_REPEAT (default 1;
medians are printed), NEWSFRAME_BENCH_LARGE (the configurations of the larger sizes, to
save machine time).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._report import recorded
from benchmarks.distinct import article, repeated_sentence_share, write_folder

CHILD = """
import json, resource, sys, time
from newsframe.corpus import LAST_RUN, write_corpus
folder, out, engine, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
import pandas, pyarrow.parquet  # what write_corpus imports anyway, before the clock starts
if engine == "dask":
    import distributed
kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu0, t0 = time.process_time(), time.perf_counter()
write_corpus(folder, out, manifest=folder + "/MANIFEST.csv", engine=engine, workers=workers)
wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
failed = sum(e is not None for e in pyarrow.parquet.read_table(
    out + "/articles.parquet", columns=["error"]).column("error").to_pylist())
print(json.dumps({
    "wall": wall, "client_cpu": cpu, "waiting": LAST_RUN.waiting, "tasks": LAST_RUN.tasks,
    "workers_cpu": (kids.ru_utime + kids.ru_stime) - (kids0.ru_utime + kids0.ru_stime),
    "failed": failed,
}))
"""


@dataclass
class Run:
    wall: float
    client_cpu: float
    waiting: float
    workers_cpu: float
    tasks: int
    failed: int
    load: float = 0.0
    client_rss: float = 0.0
    client_pss: float = 0.0
    worker_rss: float = 0.0
    worker_pss: float = 0.0

    @property
    def outside(self) -> float:
        """Client wall time outside waiting for workers."""
        return self.wall - self.waiting

    @property
    def busy(self) -> float:
        """CPU time of the workers (of the client, for serial) over wall time: divided by the
        workers, near 100 % when none waits and nothing else runs on the machine."""
        return (self.workers_cpu or self.client_cpu) / self.wall


@dataclass
class Result:
    engine: str
    workers: int
    runs: list[Run] = field(default_factory=list)

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


def _sample(pid: int, peaks: dict[str, float], stop: threading.Event) -> None:
    """Peak RSS and PSS (MB) of the client and of its largest descendant. RSS every 0.2 s
    (``memory_info``, one small read per process); PSS every 2 s and the list of descendants
    every second (``memory_full_info`` walks every mapping of a process and ``children``
    every process of the machine: sampled every 0.2 s they took 3-5 % of a core, which the
    pool pays when both cores are busy and the serial engine never does)."""
    import psutil

    try:
        client = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    tick = 0
    procs: list[tuple[str, psutil.Process]] = [("client", client)]
    while not stop.is_set():
        try:
            if tick % 5 == 0:
                procs = [("client", client)] + [("worker", p) for p in client.children(True)]
            for role, proc in procs:
                try:
                    if tick % 10 == 0:
                        info = proc.memory_full_info()
                        pss = getattr(info, "pss", info.rss) / 2**20
                        peaks[f"{role}_pss"] = max(peaks.get(f"{role}_pss", 0.0), pss)
                    else:
                        info = proc.memory_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                peaks[f"{role}_rss"] = max(peaks.get(f"{role}_rss", 0.0), info.rss / 2**20)
        except psutil.NoSuchProcess:
            return
        tick += 1
        stop.wait(0.2)


def run_once(folder: Path, out: Path, engine: str, workers: int) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()[0]
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(out), engine, str(workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks: dict[str, float] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peaks, stop), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{engine} x{workers} failed:\n{stderr[-3000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    return Run(**data, **peaks, load=load)


# one unit of work for the machine check: distinct articles, every frame, CPU seconds; the
# clock starts at a given wall-clock time, so that two copies started together overlap
UNIT = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
import newsframe as nf
from benchmarks.distinct import article
first, n, at = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
frames = ("lines", "sentences", "places", "dates", "sentiment")
texts = [article(first + i) for i in range(n + 1)]
warm = nf.read_article(texts[0], published="2013-01-18")
[getattr(warm, f) for f in frames]
time.sleep(max(0.0, at - time.time()))
cpu, began = time.process_time(), time.time()
for text in texts[1:]:
    art = nf.read_article(text, published="2013-01-18")
    [getattr(art, f) for f in frames]
print(json.dumps({"cpu": time.process_time() - cpu, "began": began, "ended": time.time()}))
"""


def machine_check(n: int = 40, rounds: int = 3) -> str:
    """The CPU a fixed piece of newsframe work costs one process alone and each of two
    processes running it at once (fresh processes, distinct articles, medians of
    ``rounds`` alternated). When two at once cost more each, the machine itself keeps two
    workers from reaching twice the speed of one: the bound is printed beside the targets."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
    }

    def together(k: int, first: int) -> list[dict[str, float]]:
        at = time.time() + 4.0  # after every copy has imported and warmed up
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", UNIT, str(first), str(n), str(at)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(k)
        ]
        out = []
        for p in procs:
            stdout, stderr = p.communicate()
            if p.returncode != 0:
                raise SystemExit(f"machine check failed:\n{stderr[-3000:]}")
            out.append(json.loads(stdout.strip().splitlines()[-1]))
        return out

    alone: list[float] = []
    pair: list[float] = []
    overlaps: list[float] = []
    for r in range(rounds):
        first = 100_000 + 1_000 * r  # the same articles alone and in each of the pair
        alone += [u["cpu"] for u in together(1, first)]
        both = together(2, first)
        pair += [u["cpu"] for u in both]
        span = max(u["ended"] for u in both) - min(u["began"] for u in both)
        shared = min(u["ended"] for u in both) - max(u["began"] for u in both)
        overlaps.append(max(0.0, shared) / span)
    a, b = statistics.median(alone), statistics.median(pair)
    bound = 2 * a / b
    return (
        f"machine check ({n} distinct articles, every frame, fresh processes, medians of "
        f"{rounds}): {a:.2f} s CPU alone, {b:.2f} s each of two at once ({b / a - 1:+.0%}; "
        f"the two overlapped {min(overlaps):.0%} of their time or more): two workers can be at "
        f"most {min(bound, 2):.2f}x one on this machine now"
        + (" (the pair ran faster than one alone: the machine's speed moved)" if bound > 2 else "")
    )


def amdahl(serial_fraction: float, n: int) -> float:
    return 1 / (serial_fraction + (1 - serial_fraction) / n)


def measure(n: int, configs: list[tuple[str, int]], repeat: int, tmp: Path) -> list[Result]:
    folder = write_folder(tmp / f"corpus{n}", n)
    share = repeated_sentence_share(article(i) for i in range(min(n, 5000)))
    print(
        f"\n{n:,} distinct articles ({share:.1%} of sentences repeat an earlier one; the 21 "
        f"development articles replicated: 99%), {repeat} run(s) each, medians"
    )
    print(
        f"  {'engine':<10} {'workers':>7} {'articles/s':>10} {'vs serial':>9} "
        f"{'vs 1 wkr':>8} {'effic.':>6} {'client outside waiting':>23} {'CPU ms/article':>15} "
        f"{'busy':>5} {'peak RSS/PSS MB: client':>24} {'largest worker':>15} {'load':>5}"
    )
    # repeats go round the configurations (A B C A B C ...), so that a machine whose speed
    # drifts over minutes moves every configuration's median alike
    results = [Result(engine, workers) for engine, workers in configs]
    for _ in range(repeat):
        for res in results:
            res.runs.append(run_once(folder, tmp / "out", res.engine, res.workers))
    for res in results:
        engine, workers = res.engine, res.workers
        base = results[0].median("wall")
        one = next(
            (r.median("wall") for r in results if r.engine == engine and r.workers == 1), None
        )
        wall = res.median("wall")
        rate = n / wall
        vs_serial = base / wall
        vs_one = f"{one / wall:7.2f}x" if one else "       -"
        outside = res.median("outside")
        cpu_client = res.median("client_cpu") / n * 1000
        cpu_workers = res.median("workers_cpu") / n * 1000
        failed = res.runs[0].failed
        print(
            f"  {engine:<10} {workers:>7} {rate:10.1f} {vs_serial:8.2f}x {vs_one} "
            f"{vs_serial / workers:6.0%} {outside:8.2f} s = {outside / wall:6.2%} of wall "
            f"{cpu_client:5.2f} + {cpu_workers:5.2f} "
            f"{res.median('busy') / workers:5.0%} "
            f"{res.median('client_rss'):9.0f} / {res.median('client_pss'):5.0f} "
            f"{res.median('worker_rss'):8.0f} / {res.median('worker_pss'):4.0f} "
            f"{res.median('load'):5.2f}" + (f"  ({failed} failed)" if failed else "")
        )
    print(
        "  (CPU ms/article: client + workers; serial runs everything in the client. busy: "
        "CPU time of the workers over workers x wall time, lowered by anything else running "
        "on the machine; load: the 1-minute load average as the row started. Speed-up over "
        "serial is the baseline: the same articles, the same run.)"
    )
    return results


def undated_manifest(tmp: Path, rows: int = 100_000, n: int = 1_000) -> None:
    """The read step (jobs and read_article) per article: dated in the manifest, and undated
    (the job carries the 'looked up, no date' marker), with a manifest of ``rows`` rows."""
    import csv

    from newsframe.corpus import iter_jobs, read_article

    for dated in (True, False):
        folder = tmp / f"manifest-{dated}"
        write_folder(folder, n, dated=dated)
        with (folder / "MANIFEST.csv").open("a", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            for i in range(n, rows):  # rows for files that are not in the folder
                w.writerow([f"a{i:07d}.txt", "2010-01-01" if dated else ""])
    times = {}
    for _ in range(3):
        for dated in (True, False):
            folder = tmp / f"manifest-{dated}"
            t0 = time.perf_counter()
            for job in iter_jobs(folder):
                read_article(
                    job.path,
                    published=job.published,
                    published_basis=job.basis,
                    manifest=job.basis != "manifest",
                )
            times.setdefault(dated, []).append((time.perf_counter() - t0) / n)
    d, u = statistics.median(times[True]), statistics.median(times[False])
    print(
        f"\nread step per article with a {rows:,}-row manifest ({n:,} articles, median of 3): "
        f"dated {d * 1000:.2f} ms, undated {u * 1000:.2f} ms ({u / d:.2f}x; target: no more "
        "than dated)"
    )


def _arguments() -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "sizes", nargs="*", type=int, help="corpus sizes (default NEWSFRAME_BENCH_SCALE_N)"
    )
    parser.add_argument("--workers", default=env("NEWSFRAME_BENCH_WORKERS", "1,2"))
    parser.add_argument(
        "--engines", default=env("NEWSFRAME_BENCH_ENGINES", "serial,processes,dask")
    )
    parser.add_argument("--repeat", type=int, default=int(env("NEWSFRAME_BENCH_REPEAT", "1")))
    parser.add_argument(
        "--large",
        default=env("NEWSFRAME_BENCH_LARGE", ""),
        help="configurations for every size but the smallest, such as serial,processes:2, or "
        "per size, such as 20000=serial,processes:2;100000=processes:2 (default: the same "
        "as the smallest)",
    )
    args = parser.parse_args()
    if not args.sizes:
        args.sizes = [int(s) for s in env("NEWSFRAME_BENCH_SCALE_N", "2000").split(",")]
    return args


@recorded
def main() -> None:
    args = _arguments()
    workers = [int(w) for w in args.workers.split(",")]
    engines = args.engines.split(",")
    configs = [("serial", 1)] if "serial" in engines else []
    configs += [(e, w) for e in ("processes", "dask") if e in engines for w in workers]
    print(
        f"write_corpus scaling: sizes {', '.join(f'{n:,}' for n in args.sizes)}; workers "
        f"{args.workers}; {os.cpu_count()} cores; {args.repeat} repeat(s)"
    )

    def parse(listed: str) -> list[tuple[str, int]]:
        return [
            (c.split(":")[0], int(c.split(":")[1]) if ":" in c else 1) for c in listed.split(",")
        ]

    large: dict[int | None, list[tuple[str, int]]] = {None: configs}
    if args.large:
        for spec in args.large.split(";"):
            size, _, listed = spec.rpartition("=")
            large[int(size) if size else None] = parse(listed)
        print(f"sizes after the first: {args.large} only (machine time)")
    checks = [machine_check()]
    print(checks[0])
    by_size = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, n in enumerate(sorted(args.sizes)):
            chosen = configs if k == 0 else large.get(n, large[None])
            by_size[n] = measure(n, chosen, args.repeat, Path(tmp))
        undated_manifest(Path(tmp))
    checks.append(machine_check())
    print()
    print(f"at the start: {checks[0]}")
    print(f"at the end:   {checks[1]}")
    for n, results in by_size.items():
        get = {(r.engine, r.workers): r for r in results}
        serial = get.get(("serial", 1))
        p1, p2 = get.get(("processes", 1)), get.get(("processes", 2))
        if p1:
            s = p1.median("outside") / p1.median("wall")
            print(
                f"{n:,}: serial fraction (client outside waiting, processes x1) {s:.2%} -> "
                f"Amdahl {amdahl(s, 16):.1f}x at 16 workers, {amdahl(s, 64):.1f}x at 64 "
                "(target >= 13x at 16)"
            )
        if p1 and p2:
            speedup = p1.median("wall") / p2.median("wall")
            e = 2 / speedup - 1  # Karp-Flatt at p = 2
            print(
                f"{n:,}: measured 2 workers / 1 worker {speedup:.2f}x -> Karp-Flatt serial "
                f"fraction {e:.2%} -> {amdahl(max(e, 0), 16):.1f}x at 16, "
                f"{amdahl(max(e, 0), 64):.1f}x at 64 (counts worker start-up, the last parts' "
                "tail and a loaded machine)"
            )
        if serial and p2:
            share = p2.median("outside") / p2.median("wall")
            print(
                f"{n:,}: processes x2 {serial.median('wall') / p2.median('wall'):.2f}x serial "
                f"(target >= 1.85x at 20,000); client outside waiting {share:.2%} of wall "
                "(target <= 2 %)"
            )
        d2 = get.get(("dask", 2))
        if d2 and p2:
            print(
                f"{n:,}: dask x2 at {p2.median('wall') / d2.median('wall'):.0%} of processes x2 "
                "(target >= 90 %)"
            )
    sizes = sorted(by_size)
    key = ("processes", max(workers))
    small = next((r for r in by_size[sizes[0]] if (r.engine, r.workers) == key), None)
    big = next((r for r in by_size[sizes[-1]] if (r.engine, r.workers) == key), None)
    if len(sizes) > 1 and small and big:
        print(
            f"peak client RSS {sizes[0]:,} -> {sizes[-1]:,} articles ({key[0]} x{key[1]}): "
            f"{small.median('client_rss'):.0f} -> {big.median('client_rss'):.0f} MB, "
            f"{big.median('client_rss') / small.median('client_rss'):.2f}x (target <= 1.2x); "
            f"PSS {big.median('client_pss') / small.median('client_pss'):.2f}x"
        )


if __name__ == "__main__":
    main()
