"""Hostile single inputs (issue 16): each reproducer that once hung, exploded or crashed, shrunk
to its shape. A hang is caught by an alarm (far above the normal cost), not by a timing."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

import newsframe as nf
from newsframe.errors import BadInputError
from newsframe.names import TABLES
from newsframe.paths import SEED
from tests.adversarial import deadline


def _all_frames(text: str) -> nf.Article:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        art = nf.read_article(text, published="2013-01-18")
        for table in TABLES:
            getattr(art, table)
    return art


@pytest.mark.parametrize(
    "text",
    [
        # a title-case headline opening with a possessive: exponential in the byline rule
        "Trump's Plan To Build The Wall Along The Border With Mexico Will Cost More Than The "
        "Senate Budget Office And The Wall Street Analysts Had Expected In Their Report Today\n"
        "Body.",
        "A-" * 120 + " -- the rest of the line.\nBody.",  # a dateline-shaped line
        "x " + "!" * 20_000,  # one run of punctuation
        "Georgia. " * 11_000,  # a country that may be a US state, 11,000 times
        "Iran-Iraq " * 10_000,  # hyphenated places in one sentence
        "on Monday " * 10_000,  # date hits in one long sentence
        "Mr. Smith. " * 9_000,  # abbreviations in one line
        "today " * 16_000,  # each "today" read its whole sentence back for the past: 69 s
        "Dr. No " * 11_000,  # one sentence of lexicon words: VADER quadratic, 53 s at 80 KB
    ],
    ids=[
        "byline",
        "dateline",
        "bangs",
        "georgia",
        "iran-iraq",
        "on-monday",
        "mr-smith",
        "today",
        "dr-no",
    ],
)
def test_hostile_text_finishes(text: str) -> None:
    with deadline(20):
        art = _all_frames(text)
    assert "".join(art.lines.text + art.lines.eol) == text


def test_a_long_line_of_text_is_not_taken_for_a_path() -> None:
    text = "word " * 60_000  # 300 KB, one line, no path separator
    with deadline(5):
        art = nf.read_article(text)
    assert art.meta["encoding"] == "str"


def test_a_string_is_measured_in_bytes() -> None:
    with pytest.raises(BadInputError, match="too large"):
        nf.read_article("é" * 600, max_bytes=1000)  # 600 characters, 1,200 bytes
    assert nf.read_article("é" * 400, max_bytes=1000).text == "é" * 400


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with deadline(5), pytest.raises(BadInputError, match="FIFO"):
        nf.read_article(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_and_links_to_them_are_refused(tmp_path: Path, device: str) -> None:
    link = tmp_path / "story.txt"
    link.symlink_to(device)
    for path in (Path(device), link):
        with deadline(5), pytest.raises(BadInputError, match="device"):
            nf.read_article(path)


def test_a_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("News. " * 1000, encoding="utf-8")
    with pytest.raises(BadInputError, match="too large"):
        nf.read_article(path, max_bytes=5000)


def test_a_symlink_loop_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "story.txt"
    loop.symlink_to(loop)
    with pytest.raises(BadInputError, match="loop"):
        nf.read_article(loop)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "story.txt"
    data = text.encode(encoding)
    if not encoding.endswith(("16", "32")):  # explicit byte order: write the mark ourselves
        data = "\ufeff".encode(encoding) + data
    path.write_bytes(data)
    art = nf.read_article(path)
    assert art.text == text
    assert art.meta["encoding"] in ("utf-16", "utf-32")
    assert len(art.places) == len(nf.read_article(SEED).places)


def test_control_bytes_after_the_first_64_kb_are_caught(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Plain news text. " * 5000 + bytes(range(1, 9)) * 2000)
    with pytest.raises(BadInputError, match="binary"):
        nf.read_article(path)


def test_csv_export_neutralises_formulas(tmp_path: Path, capsys) -> None:
    from newsframe.cli import main

    story = tmp_path / "story.txt"
    story.write_text(
        '=HYPERLINK("http://x")\n\n- a highlight\n@SUM(A1)\nPlain line.\n', encoding="utf-8"
    )
    assert main(["extract", str(story), "--table", "lines"]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and "'- a highlight" in out and "'@SUM" in out
    assert ",=HYPERLINK" not in out and "\n1,=" not in out
    json_out = tmp_path / "lines.json"
    assert main(["extract", str(story), "--format", "json", "-o", str(json_out)]) == 0
    assert '"=HYPERLINK' in json_out.read_text(encoding="utf-8")  # JSON keeps the text


def test_a_cli_path_with_a_newline_is_a_path(tmp_path: Path, capsys) -> None:
    from newsframe.cli import main

    weird = tmp_path / "two\nlines.txt"
    assert main(["extract", str(weird)]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and err.count("\n") == 1
    weird.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(weird), "--table", "places"]) == 0
    assert "Mali" in capsys.readouterr().out


def test_extractors_pause_the_cyclic_collector_and_restore_it() -> None:
    """The collector walked every live token again and again on long articles (a quarter of
    places on 2 MB); it is paused inside an extractor and restored after, even on error."""
    import gc

    from newsframe.collector import collection_paused, paused_collection

    seen: list[bool] = []

    @paused_collection
    def probe() -> None:
        seen.append(gc.isenabled())
        with collection_paused():  # nested
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())
        raise RuntimeError("boom")

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        probe()
    assert seen == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()  # a collector the caller stopped stays stopped
    finally:
        gc.enable()
    art = _all_frames("Paris is in France. It rained on Monday.")
    assert gc.isenabled() and len(art.places) == 2


def test_script_counts_equal_a_letter_by_letter_count() -> None:
    """Counted by C-level passes (the letter-by-letter loop cost 0.3 s on 100 KB of "éé"),
    short texts walked once."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsframe.text import script_counts, script_of_letter

    def reference(text: str) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for c in text:
            if c.isalpha():
                name = script_of_letter(c)
                counts[name] = counts.get(name, 0) + 1  # dicts keep first-seen order
        return list(counts.items())

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.text(st.sampled_from("abcXYZ éüßΔδжЖ中文ا 1,.!ǅ\u0301ⅷ\U0001d400"), max_size=120))
    def check(text: str) -> None:
        assert list(script_counts(text).items()) == reference(text)

    from newsframe import text as module

    saved = module._WALK_UP_TO, module._COUNTER_FROM
    try:
        # each path on texts of every length: walked, translated and walked, translated and
        # counted (the path long texts take)
        for walk_up_to, counter_from in ((saved[0], saved[1]), (0, saved[1]), (0, 0)):
            module._WALK_UP_TO, module._COUNTER_FROM = walk_up_to, counter_from
            check()
    finally:
        module._WALK_UP_TO, module._COUNTER_FROM = saved


def test_the_collector_resumes_after_overlapping_threads_and_in_a_forked_child() -> None:
    """Found by review: overlapping calls in threads must not keep the collector off for
    good, and a child forked while another thread is inside a call starts with it running."""
    import gc
    import threading

    from newsframe import collector

    inside, release = threading.Event(), threading.Event()

    def worker() -> None:
        with collector.collection_paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(10)
    assert not gc.isenabled()
    pid = os.fork()
    if pid == 0:  # the child: the thread inside the call did not come along
        os._exit(0 if gc.isenabled() else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    saved = collector.FORCED_EVERY
    collector.FORCED_EVERY = 0.0  # every call that ends while another is inside collects
    try:
        collected = gc.get_stats()[2]["collections"]
        with collector.collection_paused():
            pass
        assert gc.get_stats()[2]["collections"] > collected  # a full collection was run
    finally:
        collector.FORCED_EVERY = saved
        release.set()
        t.join(10)
    assert gc.isenabled()
