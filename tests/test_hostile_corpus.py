"""Corpus runs that must not lose or merge data (issue 16): unique keys, per-article manifest
errors, special entries reported, a lock per output folder, and no complete-looking folder
after an interruption."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import newsframe as nf
from newsframe.corpus import DATASET_MANIFEST, LAST_RUN, read_parquet, unique_keys, write_corpus
from newsframe.errors import BadInputError, NewsframeError
from newsframe.paths import CNN_STORIES

STORIES = sorted(CNN_STORIES.glob("*.story"))


def _copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def test_keys_are_unique_whatever_the_file_names(tmp_path: Path) -> None:
    a = _copy(STORIES[0], tmp_path / "a" / "x.txt")
    b = _copy(STORIES[1], tmp_path / "b" / "x.txt")
    c = _copy(STORIES[2], tmp_path / "c" / "x~2.txt")
    corpus = nf.read_corpus([a, b, c])
    keys = corpus.articles.article.tolist()
    assert len(set(keys)) == 3, keys
    lines = corpus.lines.groupby("article", observed=True).size()
    for key, path in zip(keys, (a, b, c), strict=True):
        assert lines[key] == len(nf.read_article(path).lines)  # not merged with another file
    assert unique_keys(["x", "x", "x~2", "x"]) == ["x", "x~2", "x~2~2", "x~3"]


def test_a_listed_folder_gives_the_keys_and_order_of_its_paths(tmp_path: Path) -> None:
    """A folder is planned as names (the paths written when read): the jobs hold the same
    paths, in the same order, with keys cut as Path.stem cuts them, and an article table in
    the folder splits the run of files where it stands."""
    from newsframe.corpus import make_jobs

    names = ["b.txt", ".hidden", "x.", "a.b.c", "n..txt", "Ω.story", "t.JSONL", "z"]
    for name in names:
        (tmp_path / name).write_text("A line of text.\n", encoding="utf-8")
    (tmp_path / "t.JSONL").write_text('{"text": "Rain in Paris.", "published": "2015-01-01"}\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "s.meta.json").write_text("{}", encoding="utf-8")
    jobs = make_jobs(tmp_path, published="2015-04-01")
    files = [j for j in jobs if j.text is None]
    listed = sorted(n for n in names if n != "t.JSONL")
    assert [j.path for j in files] == [str(tmp_path / n) for n in listed]
    assert [j.key for j in files] == [Path(n).stem for n in listed]
    order = [j.path for j in jobs]
    table_at = order.index(str(tmp_path / "t.JSONL"))
    assert order[:table_at] == [str(tmp_path / n) for n in listed if n < "t.JSONL"]


def test_a_name_is_cut_as_pathlib_cuts_it() -> None:
    """Listed names get their keys and table endings from ``name_parts``, not from a Path."""
    from pathlib import PurePath

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsframe.reading import name_parts
    from newsframe.tabular import table_kind

    @settings(max_examples=500, deadline=None, derandomize=True)
    @given(st.text(st.sampled_from("ab.Ω~ -JSONLcsvparquet"), max_size=12))
    def check(name: str) -> None:
        if name == ".":
            return
        assert name_parts(name) == (PurePath(name).stem, PurePath(name).suffix), name
        assert table_kind(name) == table_kind(Path("folder") / name), name

    check()
    assert table_kind("t.JSONL") == "jsonl" and table_kind(".csv") is None


def test_a_bad_manifest_cell_is_that_article_s_error(tmp_path: Path) -> None:
    for i, story in enumerate(STORIES[:3]):
        _copy(story, tmp_path / f"s{i}.txt")
    (tmp_path / "MANIFEST.csv").write_text(
        "file,published\ns0.txt,2015-04-01\ns1.txt,not a date\ns2.txt,\n", encoding="utf-8"
    )
    corpus = nf.read_corpus(tmp_path)
    errors = corpus.articles.set_index("article").error
    assert errors.isna().tolist() == [True, False, True]
    assert "row 3" in errors["s1"] and "not a date" in errors["s1"]
    assert str(nf.read_article(tmp_path / "s0.txt").published) == "2015-04-01"
    with pytest.raises(NewsframeError, match="row 3"):
        nf.read_article(tmp_path / "s1.txt")


def test_an_unreadable_manifest_is_one_clear_error(tmp_path: Path) -> None:
    _copy(STORIES[0], tmp_path / "s0.txt")
    (tmp_path / "MANIFEST.csv").write_bytes(b"file,published\ns0.txt,2015-04-01\xff\xfe\n")
    with pytest.raises(BadInputError, match="not UTF-8") as info:
        nf.read_corpus(tmp_path)
    assert "\n" not in str(info.value)


def test_a_deeply_nested_sidecar_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    story = _copy(STORIES[0], tmp_path / "s0.txt")
    (tmp_path / "s0.meta.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(BadInputError, match=r"nested too deeply|JSON object"):
        nf.read_article(story)


def test_special_entries_of_a_folder_are_reported(tmp_path: Path) -> None:
    _copy(STORIES[0], tmp_path / "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    started = time.monotonic()
    corpus = nf.read_corpus(tmp_path)
    assert time.monotonic() - started < 30  # the FIFO is never opened, so nothing waits
    errors = corpus.articles.set_index("article").error
    assert errors["good"] is None or errors.isna()["good"]
    assert "FIFO" in errors["pipe"]
    assert "broken symbolic link" in errors["broken"]
    assert "loop" in errors["loop"]


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch) -> None:
    _copy(STORIES[0], tmp_path / "ok" / "good.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.listdir

    def listdir(path: str = "."):  # root may list any folder, so deny it as the kernel would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    corpus = nf.read_corpus([tmp_path / "ok", locked])
    assert len(corpus) == 2
    row = corpus.articles.iloc[1]
    assert "cannot list the folder" in row.error and "Permission denied" in row.error


def test_an_interrupted_run_leaves_no_complete_looking_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_corpus(STORIES[:4], out, batch=2)
    assert len(read_parquet(out)) == 4

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_corpus(STORIES[:4], out, batch=2, on_batch=interrupt)
    assert not (out / DATASET_MANIFEST).exists()
    assert not list(out.rglob("*.partial"))
    with pytest.raises(NewsframeError, match="incomplete"):
        read_parquet(out)


def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".newsframe.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another run holds the folder
    try:
        with pytest.raises(NewsframeError, match="another newsframe run"):
            write_corpus(STORIES[:1], out)
    finally:
        os.close(fd)
    write_corpus(STORIES[:1], out)  # free again
    assert len(read_parquet(out)) == 1


def test_sigterm_stops_the_workers_and_leaves_no_complete_folder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for i in range(120):
        _copy(STORIES[i % len(STORIES)], src / f"a{i:03}.txt")
    out, pids = tmp_path / "out", tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import multiprocessing, pathlib, time
        from newsframe.corpus import write_corpus

        def on_batch(done):
            kids = [str(p.pid) for p in multiprocessing.active_children()]
            pathlib.Path({str(pids)!r}).write_text(" ".join(kids))
            time.sleep(60)  # wait here to be terminated

        if __name__ == "__main__":
            write_corpus({str(src)!r}, {str(out)!r}, engine="processes", workers=2, batch=10,
                         on_batch=on_batch)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 120
    while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = [int(p) for p in pids.read_text().split()]
    assert workers
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) != 0
    time.sleep(1)
    alive = []
    for pid in workers:
        try:
            os.kill(pid, 0)
            alive.append(pid)
        except ProcessLookupError:
            pass
    assert not alive, f"workers left running: {alive}"
    assert not (out / DATASET_MANIFEST).exists()
    assert not list(out.rglob("*.partial"))
    with pytest.raises(NewsframeError, match="incomplete"):
        read_parquet(out)


def test_starting_an_engine_inside_a_worker_says_what_to_do() -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        message = pool.apply(_start_engine_in_child)
    assert "__main__" in message


def _start_engine_in_child() -> str:
    from newsframe.corpus import engine_runner

    try:
        with engine_runner("processes", workers=1):
            return "started"
    except NewsframeError as exc:
        return str(exc)


def test_an_article_over_the_time_limit_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text("Georgia. " * 200_000, encoding="utf-8")  # 1.8 MB: seconds, not 10 ms
    fast = _copy(STORIES[0], tmp_path / "fast.txt")
    corpus = nf.read_corpus([slow, fast], published="2015-04-01", time_limit=0.5)
    errors = corpus.articles.set_index("article").error
    assert "time limit of 0.5 s" in errors["slow"]
    assert errors.isna()["fast"]
    assert (corpus.lines.article == "fast").sum() == len(nf.read_article(fast).lines)


def _corpus_folder(folder: Path, n: int) -> Path:
    """``n`` stories and one empty file (the fourth): a bad file among good ones."""
    for i in range(n):
        _copy(STORIES[i % len(STORIES)], folder / f"a{i:02}.txt")
    (folder / "a03.txt").write_bytes(b"")
    return folder


def _same_tables(a: Path, b: Path) -> None:
    import pandas as pd

    left, right = read_parquet(a), read_parquet(b)
    pd.testing.assert_frame_equal(left.articles, right.articles)
    for name in nf.corpus.TABLES:
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name))


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path: Path) -> None:
    src = _corpus_folder(tmp_path / "src", 9)
    options = {"published": "2015-04-01", "batch": 2}
    whole = write_corpus(src, tmp_path / "whole", **options)

    def stop(done: int) -> None:
        if done >= 4:
            raise KeyboardInterrupt

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_corpus(src, out, on_batch=stop, **options)
    with pytest.raises(NewsframeError, match="incomplete"):
        read_parquet(out)
    assert not list(out.rglob("*.partial"))
    finished = {p.name: p.stat().st_mtime_ns for p in (out / "_status").iterdir()}
    assert sorted(finished) == ["part-000000.parquet", "part-000001.parquet"]

    write_corpus(src, out, engine="processes", workers=2, **options)
    assert (LAST_RUN.tasks, LAST_RUN.skipped) == (5, 2)  # two parts kept, three written
    for p in (out / "_status").iterdir():
        if p.name in finished:
            assert p.stat().st_mtime_ns == finished[p.name], "a finished part was rewritten"
    _same_tables(out, whole)
    errors = read_parquet(out).articles.error
    assert errors.notna().sum() == 1 and "a03.txt" in errors.dropna().iloc[0]  # once

    # a changed file is processed again (its part only); changed options redo everything
    _copy(STORIES[7], src / "a00.txt")
    write_corpus(src, out, **options)
    assert (LAST_RUN.tasks, LAST_RUN.skipped) == (5, 4)
    a00 = read_parquet(out).lines.query("article == 'a00'")
    assert a00.text.tolist() == nf.read_article(src / "a00.txt").lines.text.tolist()
    write_corpus(src, out, **{**options, "published": "2015-04-02"})
    assert LAST_RUN.skipped == 0
    write_corpus(src, out, resume=False, **options)
    assert LAST_RUN.skipped == 0
    assert len(read_parquet(out)) == 9


def test_a_dead_worker_stops_the_run_and_a_rerun_finishes(tmp_path: Path) -> None:
    import multiprocessing

    src = _corpus_folder(tmp_path / "src", 16)
    options = {"published": "2015-04-01", "batch": 2, "engine": "processes", "workers": 2}

    def kill_workers(done: int) -> None:
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]

    out = tmp_path / "out"
    with pytest.raises(NewsframeError, match="worker process died"):
        write_corpus(src, out, on_batch=kill_workers, **options)
    assert not (out / DATASET_MANIFEST).exists()
    assert not list(out.rglob("*.partial"))
    write_corpus(src, out, **options)
    assert LAST_RUN.skipped >= 1
    _same_tables(out, write_corpus(src, tmp_path / "whole", **options))
