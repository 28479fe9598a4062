"""Every regular expression newsframe compiles runs in linear time on hostile input.

The patterns are collected by ``tests/patterns_probe.py`` in a fresh interpreter (so that
those compiled inside functions are seen too) and each is searched, matched and iterated over
adversarial strings made from its own alphabet (``tests/adversarial.py``). Exponential or
quadratic backtracking at 6,000 characters costs seconds; a linear pattern costs milliseconds.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.adversarial import TooSlow, alphabet, deadline, strings

SIZE = 6000
BUDGET = 0.25  # CPU seconds for one pattern on one string: ~100x what a linear scan costs


def _collect() -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.patterns_probe"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


PATTERNS = _collect()


def time_pattern(pattern: re.Pattern[str], s: str, limit: float) -> float:
    """CPU seconds to search, match and iterate ``pattern`` over ``s``; ``inf`` past ``limit``
    seconds of wall time."""
    t = time.process_time()
    try:
        with deadline(limit):
            pattern.search(s)
            pattern.match(s)
            for _ in pattern.finditer(s):
                pass
    except TooSlow:
        return float("inf")
    return time.process_time() - t


def test_the_probe_sees_patterns_of_every_extractor() -> None:
    where = {str(p["where"]).split(":")[0] for p in PATTERNS}
    assert {"sections.py", "sentences.py", "reading.py"} <= where
    assert any(w.startswith(("places", "dates")) for w in where)
    assert len(PATTERNS) > 50


def test_adversarial_strings_catch_catastrophic_backtracking() -> None:
    bad = re.compile(r"^(?:[A-Z][a-z]+(?:\ [A-Z][a-z]+)*,?\ ?)*x")  # nested, overlapping
    chars, _ = alphabet(bad)
    assert {"A", "a", " ", ","} <= set(chars)
    slowest = max(time_pattern(bad, s, 5.0) for s in strings(bad, 64))
    assert slowest > 0.05  # 64 characters already take visible time; 6,000 would never end


@pytest.mark.parametrize("record", PATTERNS, ids=[f"{p['where']}" for p in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(record: dict[str, object]) -> None:
    pattern = re.compile(str(record["pattern"]), int(record["flags"]))  # type: ignore[call-overload]
    for s in strings(pattern, SIZE):
        spent = time_pattern(pattern, s, 4 * BUDGET)
        assert spent < BUDGET, f"{record['where']}: {spent:.2f} s on {s[:60]!r}..."


def _folded_patterns() -> list[tuple[str, object]]:
    from newsframe.dates import patterns

    return [(n, p) for n, p in vars(patterns).items() if isinstance(p, patterns.Folded)]


def test_folded_patterns_cover_the_case_insensitive_context_cues() -> None:
    names = {n for n, _ in _folded_patterns()}
    assert {"FUTURE_STRICT", "HABITUAL", "MONTH_CONTEXT", "PAST_CONTRAST"} <= names


def test_a_folded_pattern_must_be_written_in_lowercase() -> None:
    from newsframe.dates.patterns import Folded

    with pytest.raises(ValueError, match="lowercase"):
        Folded(r"\bNext\b")
    assert Folded(r"\bnext\W*$").search("Until NEXT ...") is not None  # escapes are no literals


@pytest.mark.parametrize("name", [n for n, _ in _folded_patterns()])
def test_a_folded_pattern_finds_what_its_case_insensitive_form_finds(name: str) -> None:
    """Same span on ASCII and non-ASCII windows, in any case, at any start and end."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    folded = dict(_folded_patterns())[name]
    exact = re.compile(folded.pattern, re.IGNORECASE)  # type: ignore[attr-defined]
    words = re.findall(r"[a-z]+", folded.pattern)  # type: ignore[attr-defined]
    pieces = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(str.upper),
        st.sampled_from(words).map(str.title),
        st.sampled_from(words).map(lambda w: w.replace("s", "ſ").replace("k", "\u212a")),
        st.sampled_from([" ", "\t", ",", ".", "-", "'", "’", "1999", "é", "İ", "x"]),
    )

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=14).map("".join), st.integers(0, 40), st.integers(0, 90))
    def check(s: str, pos: int, endpos: int) -> None:
        got = folded.search(s, pos, endpos)  # type: ignore[attr-defined]
        want = exact.search(s, pos, endpos)
        assert (got and got.span()) == (want and want.span()), s
        got, want = folded.search(s), exact.search(s)  # type: ignore[attr-defined]
        assert (got and got.span()) == (want and want.span()), s  # the whole window

    check()
    for w in words:  # every word of the pattern at the end of a window, as its cues stand
        ends = (" ", ".\t ", "", " the  ", "-", " \n", "\t \n", " the \n", "\n")
        for s in (f"so {v}{end}" for v in (w, w.upper()) for end in ends):
            got, want = folded.search(s), exact.search(s)  # type: ignore[attr-defined]
            assert (got and got.span()) == (want and want.span()), s


@pytest.mark.parametrize("name", ["FUTURE_STRICT", "FUTURE_LOOSE"])
def test_a_future_cue_is_found_in_two_windows_joined_by_nul_as_in_each(name: str) -> None:
    """``Hit.is_future`` searches the words before and after a hit in one string, joined by
    a NUL: a cue is found there exactly when it is found in one of the two windows."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsframe.dates import patterns

    cue = getattr(patterns, name)
    words = re.findall(r"[a-z]+", cue.pattern)
    pieces = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(str.title),
        st.sampled_from([" ", "'", "’", "'ll", "won't", "to", "is", "é", "x", "\x00", "\n"]),
    )
    window = st.lists(pieces, max_size=10).map("".join)

    @settings(max_examples=500, deadline=None, derandomize=True)
    @given(window, window)
    def check(before: str, after: str) -> None:
        apart = cue.search(before) is not None or cue.search(after) is not None
        assert (cue.search(f"{before}\x00{after}") is not None) == apart, (before, after)

    check()


def test_fold_writes_every_caseless_match_of_a_needle_character_as_that_character() -> None:
    """``fold`` keeps one character for one, and every code point that a case-insensitive
    literal of a needle matches folds to that literal: so a needle absent from a folded
    sentence cannot be matched anywhere in it."""
    from newsframe.dates.patterns import fold

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(every)) == len(every)
    chars = {c for _, p in _folded_patterns() for n in (p.needles or ()) for c in n}  # type: ignore[attr-defined]
    assert {"s", "k", "i"} <= chars
    for c in sorted(chars):
        for m in re.finditer(re.escape(c), every, re.IGNORECASE):
            assert fold(m.group()) == c, (c, m.group())


def test_required_literals_are_taken_only_from_what_every_match_holds() -> None:
    from newsframe.dates.patterns import required_literals

    assert required_literals(r"\b(?:usually|tends?[ \t]+to)\b") == {"usually", "tend"}
    assert required_literals(r"\b(?:every|each)[ \t]+(?:year|week)\b") == {"year", "week"}
    assert required_literals(r"set (?:due )?to") == {"set"}  # the optional "due" is no choice
    assert required_literals(r"a(?:bc)*d") == {"a"}
    assert required_literals(r"(?:x+)yz") == {"yz"}
    assert required_literals(r"(?:abc|\d+)") is None  # one way holds no literal
    assert required_literals(r"[ab]c?") is None
    assert required_literals(r"\d+ μg") == {"g"}  # a non-ASCII literal ends a run
    assert required_literals(r"é") is None


def test_the_cues_a_sentence_is_screened_for_have_literals() -> None:
    """If a Python upgrade changed what the regex parser gives, screening would silently stop;
    the cues read around every date must keep their literals."""
    from newsframe.dates import patterns

    for name in ("PAST_CUE_BEFORE", "FUTURE_STRICT", "FUTURE_LOOSE", "FORECAST_BEFORE", "HABITUAL"):
        needles = getattr(patterns, name).needles
        assert needles and all(len(n) >= 2 for n in needles), name
    assert "usually" in patterns.HABITUAL.needles


@pytest.mark.parametrize("name", [n for n, _ in _folded_patterns()])
def test_a_folded_pattern_never_matches_in_text_that_holds_none_of_its_needles(
    name: str,
) -> None:
    """What lets a hit skip a cue for its whole sentence: when ``may_occur_in`` says no, the
    pattern finds nothing in the text, in any slice of it, or in its words joined by spaces
    (the windows a hit reads)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsframe.dates.patterns import fold

    folded = dict(_folded_patterns())[name]
    words = re.findall(r"[a-z]+", folded.pattern) + sorted(folded.needles or ())  # type: ignore[attr-defined]
    pieces = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(str.upper),
        st.sampled_from(words).map(lambda w: w[1:] or w),  # a needle with a letter missing
        st.sampled_from(words).map(lambda w: w.replace("s", "ſ").replace("i", "İ")),
        st.sampled_from(words).map(lambda w: w.replace("i", "ı").replace("k", "\u212a")),
        st.sampled_from([" ", "\t", "\n", ",", "-", "'", "’", "1999", "é", "x", "\x00"]),
    )
    skipped = 0

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=12).map("".join), st.integers(0, 30), st.integers(0, 60))
    def check(s: str, a: int, b: int) -> None:
        nonlocal skipped
        if folded.may_occur_in(fold(s)):  # type: ignore[attr-defined]
            return
        skipped += 1
        for window in (s, s[a:b], " ".join(s.split()), " ".join(s[a:b].split()[-3:])):
            assert folded.search(window) is None, (s, window)  # type: ignore[attr-defined]

    check()
    assert folded.needles is None or skipped > 20  # type: ignore[attr-defined]


_PLACE_WORDS = [
    "Lake",
    "Ziway",
    "Mt.",
    "Tana",
    "River",
    "the",
    "island",
    "of",
    "Ebro",
    "delta",
    "National",
    "Park",
    "Ludian",
    "county",
    "town",
    ",",
    "a",
    "fishing",
    "community",
    "Sound",
    "Isle",
    "É",
    "Ñandú",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_WORDS) | st.text(max_size=4), max_size=12))
@example(["Okoroba", ",", "a", "fishing", "community"])
@example(["the", "Ebro", "delta"])
@example(["the", "island", "of", "Eigg"])
@example(["Mt.", "Kenya"])
@example(["Ludian", "county"])
@example(["town", "of", "Ludian"])
@example(["Periyar", "National", "Park"])
def test_place_patterns_run_only_where_their_needles_say_they_can_match(
    words: list[str],
) -> None:
    """The unit, feature and apposition patterns of places are searched only in sentences
    where their needles (:func:`newsframe.text.required_literals`) find something; a sentence
    they rule out must hold no match."""
    from newsframe import places

    text = " ".join(words).replace(" ,", ",")
    pairs = [
        *places._UNIT_PATTERNS,
        (places._FEATURE_BEFORE_NAME, places._BEFORE_NAME_NEEDLES),
        (places._APPOSITION, places._APPOSITION_NEEDLES),
    ]
    for rx, needles in pairs:
        if needles.search(text) is None:
            assert rx.search(text) is None, (rx.pattern, text)
