"""The offline sentence splitter."""

from __future__ import annotations

import pytest

from newsframe.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in split_sentences(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "U.S. policy prohibits direct military aid to Mali because of the coup.",
        "Nigeria will deploy soldiers as part of a U.N.-mandated African force.",
        "The European Union has OK'd a training mission.",
        "Mali's President Dioncounda Traore speaks to French troops.",
        "The Rev. Robert H. Schuller, a California televangelist, died Thursday.",
        "Lt. Col. Jean-Marc Menichini said the reports were wrong.",
        "The talks begin Aug. 20 in Seoul, officials said.",
        "He said the U.S. and the U.N. would act.",
    ],
)
def test_kept_intact(sentence):
    assert _split(sentence) == [sentence]


def test_quotes_stay_with_their_sentence():
    text = (
        '"We are not in a position to train the Malian military," she said this week. '
        '"But we\'re not precluded from assisting allies."'
    )
    assert _split(text) == [
        '"We are not in a position to train the Malian military," she said this week.',
        '"But we\'re not precluded from assisting allies."',
    ]


def test_splits_on_question_and_exclamation():
    assert _split("Where did the patients go? Nowhere. The streets!") == [
        "Where did the patients go?",
        "Nowhere.",
        "The streets!",
    ]


def test_initialism_before_sentence_opener_splits():
    assert _split("The plan came from the U.S. The allies agreed.") == [
        "The plan came from the U.S.",
        "The allies agreed.",
    ]


def test_tail_chrome_is_marked():
    spans = split_sentences("And justice is served. E-mail to a friend", offset=10)
    assert [(c) for *_, c in spans] == [False, True]
    assert spans[0][0] == 10


def test_empty_text_has_no_sentences():
    assert split_sentences("   ") == []


def test_the_word_before_a_period_is_what_the_regex_search_finds() -> None:
    """``_word_before`` finds by two strips what a regex search of the window finds."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsframe.sentences import _LOOKBACK, _word_before

    oracle = re.compile(r"([A-Za-z][A-Za-z.'’-]*)$")
    pieces = st.sampled_from(
        ["Mr", "U", "S", "a", ".", "'", "’", "-", " ", "\n", "\r", "é", "7", "St"]
    )

    @settings(max_examples=1000, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=40).map("".join), st.integers(0, 90))
    def check(text: str, dot_at: int) -> None:
        dot_at = min(dot_at, len(text))
        m = oracle.search(text, max(0, dot_at - _LOOKBACK), dot_at)
        assert _word_before(text, dot_at) == (m and m.group(1)), (text, dot_at)

    check()
    assert _word_before("said Mr.", 7) == "Mr"
    assert _word_before("the U.S.", 7) == "U.S"
    assert _word_before("in 1999.", 7) is None
