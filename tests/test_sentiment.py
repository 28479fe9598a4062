"""Sentiment per sentence and per section (issue 5)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob

import newsframe as nf
from newsframe import sentiment as S
from newsframe.frames import SCHEMAS
from newsframe.paths import SEED
from newsframe.plots.sentiment import plot_polarity_track, plot_sentiment_by_section
from newsframe.sentiment import summary


def _text_of(article: nf.Article, sentence: int) -> str:
    return article.sentences.set_index("sentence").loc[sentence, "text"]


# --- the per-sentence frame ---------------------------------------------------------------
def test_schema_and_one_row_per_kept_sentence(seed):
    sent = seed.sentiment
    assert list(sent.columns) == list(SCHEMAS["sentiment"])
    for col, dtype in SCHEMAS["sentiment"].items():
        assert sent[col].dtype == dtype, col
    kept = seed.sentences[~seed.sentences["section"].isin(["boilerplate", "markup"])]
    assert sent["sentence"].tolist() == kept["sentence"].tolist()
    assert sent["line"].tolist() == kept["line"].tolist()
    assert sent["section"].tolist() == kept["section"].tolist()


def test_textblob_scores_equal_textblob_exactly_on_every_seed_sentence(seed):
    sent = seed.sentiment.set_index("sentence")
    all_scores = S.score_article(seed, include_boilerplate=True).set_index("sentence")
    checked = 0
    for row in seed.sentences.itertuples(index=False):
        expected = TextBlob(row.text).sentiment
        got = S.score_text(row.text)
        assert (got.polarity, got.subjectivity) == (expected.polarity, expected.subjectivity)
        if row.sentence in sent.index and sent.loc[row.sentence, "scored"]:
            assert sent.loc[row.sentence, "polarity"] == expected.polarity
            assert sent.loc[row.sentence, "subjectivity"] == expected.subjectivity
            checked += 1
        assert row.sentence in all_scores.index
    assert checked == 72  # every seed sentence except the Chinese footer


def test_assessments_equal_textblob_sentiment_assessments(seed):
    for text in seed.sentences["text"]:
        want = [(" ".join(w), p, s) for w, p, s, _ in TextBlob(text).sentiment_assessments[2]]
        assert list(S.score_text(text).assessments) == want


def test_vader_is_the_compound_score(seed):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    sent = seed.sentiment
    texts = seed.sentences.set_index("sentence")["text"]
    for row in sent.itertuples(index=False):
        assert row.vader == sia.polarity_scores(texts[row.sentence])["compound"]
    assert sent["vader"].between(-1, 1).all()
    assert (sent["vader"] != 0).sum() > 10  # it is really computed


def test_scores_are_per_sentence_not_per_section(seed):
    body = seed.sentiment[seed.sentiment["section"] == "body"]
    assert body["polarity"].nunique() > 5
    whole = TextBlob(" ".join(seed.sentences.loc[seed.sentences.section == "body", "text"]))
    assert not (body["polarity"] == whole.sentiment.polarity).all()


def test_boilerplate_excluded_by_default_and_included_on_request(seed):
    assert "boilerplate" not in set(seed.sentiment["section"].astype(str))
    with_bp = S.score_article(seed, include_boilerplate=True)
    assert len(with_bp) == len(seed.sentences) == len(seed.sentiment) + 1
    assert (with_bp["section"] == "boilerplate").sum() == 1


def test_foreign_script_is_flagged_not_scored(seed):
    with_bp = S.score_article(seed, include_boilerplate=True)
    last = with_bp.iloc[-1]
    assert _text_of(seed, last["sentence"]) == "留言列表"
    assert last["script"] == "Han"
    assert not last["scored"]
    assert math.isnan(last["polarity"]) and math.isnan(last["subjectivity"])
    assert math.isnan(last["vader"])
    assert (with_bp.iloc[:-1]["script"] == "Latin").all()
    assert with_bp.iloc[:-1]["scored"].all()


def test_foreign_script_in_the_body_is_flagged():
    from newsframe.frames import typed_frame

    sentences = typed_frame(
        "sentences",
        {
            "sentence": [0, 1, 2],
            "line": [1, 1, 2],
            "section": ["body", "body", "body"],
            "text": ["A good day.", "Это очень хороший день.", "—"],
            "start": [0, 12, 40],
            "end": [11, 35, 41],
        },
    )
    sent = S.score_sentences(sentences)
    assert sent["script"].tolist() == ["Latin", "Cyrillic", "Common"]
    assert sent["scored"].tolist() == [True, False, False]
    assert sent["polarity"].iloc[0] == TextBlob("A good day.").sentiment.polarity
    assert sent["polarity"].iloc[1:].isna().all()


def test_non_english_latin_text_is_flagged():
    french = nf.read_article(
        "Paris (AFP) -- Les soldats sont arrivés dans la ville vendredi, selon une source.\n"
        "Le président a déclaré que la mission était un succès pour la France.\n"
    )
    assert not french.sentiment["scored"].any()
    assert french.sentiment["polarity"].isna().all()
    english = nf.read_article(
        "WASHINGTON (CNN) -- The president praised the good economy on Friday.\n"
        "Los Angeles Lakers beat Las Vegas Aces tonight\n"
    )
    assert english.sentiment["scored"].all()
    assert S.looks_english("Los Angeles Lakers beat Las Vegas Aces tonight")
    assert not S.looks_english("El presidente dijo que la situación es muy difícil para el país")


def test_language_metadata_flags_the_article():
    sentences = nf.read_article("WASHINGTON (CNN) -- A good and happy day for all of us.").sentences
    assert S.score_sentences(sentences)["scored"].all()
    assert not S.score_sentences(sentences, language="de")["scored"].any()


def test_empty_sentences_keep_the_schema():
    from newsframe.frames import empty_frame

    sent = S.score_sentences(empty_frame("sentences"))
    assert sent.empty
    assert list(sent.columns) == list(SCHEMAS["sentiment"])
    assert sent["scored"].dtype == bool and sent["polarity"].dtype == "float64"


# --- per section --------------------------------------------------------------------------
def test_by_section_counts_and_means(seed):
    summary = S.sentiment_by_section(seed)
    assert summary["section"].astype(str).tolist() == [
        "caption",
        "highlight",
        "body",
        "related",
        "byline",
    ]
    assert summary["sentences"].tolist() == [23, 4, 37, 6, 2]
    assert summary["sentences"].sum() == len(seed.sentiment)
    sent = seed.sentiment
    body = sent[sent["section"] == "body"]
    row = summary.set_index(summary["section"].astype(str)).loc["body"]
    assert row["polarity_mean"] == pytest.approx(body["polarity"].mean())
    assert row["polarity_weighted"] == pytest.approx(
        (body["polarity"] * body["words"]).sum() / body["words"].sum()
    )
    assert row["subjectivity_mean"] == pytest.approx(body["subjectivity"].mean())
    assert row["neutral_share"] == pytest.approx((body["polarity"].abs() < 0.05).mean())
    assert row["vader_mean"] == pytest.approx(body["vader"].mean())
    assert row["words"] == body["words"].sum()
    assert summary["few_sentences"].tolist() == [False, True, False, True, True]


def test_bootstrap_interval_contains_the_mean_and_is_deterministic(seed):
    first = S.sentiment_by_section(seed)
    again = S.sentiment_by_section(nf.read_article(seed.meta["path"]))
    pd.testing.assert_frame_equal(first, again)
    has_ci = first.dropna(subset=["ci_low"])
    assert len(has_ci) == 5
    assert (has_ci["ci_low"] <= has_ci["polarity_mean"]).all()
    assert (has_ci["polarity_mean"] <= has_ci["ci_high"]).all()
    body = first.set_index(first["section"].astype(str)).loc["body"]
    assert body["ci_high"] - body["ci_low"] > 0.05  # a real interval, not a point
    values = [0.1, -0.2, 0.4, 0.0, 0.0, 0.3]
    assert S.bootstrap_mean_ci(values) == S.bootstrap_mean_ci(values)
    assert S.bootstrap_mean_ci(values, seed=1) != S.bootstrap_mean_ci(values, seed=2)


def test_section_without_scorable_sentences_is_nan_and_zero(seed):
    summary = S.sentiment_by_section(seed, include_boilerplate=True, sections=["title", "body"])
    title = summary.iloc[0]
    assert title["section"] == "title" and title["sentences"] == 0 and title["words"] == 0
    assert summary.iloc[1]["sentences"] == 37
    numeric = ["polarity_mean", "polarity_weighted", "ci_low", "ci_high", "vader_mean"]
    assert title[numeric].isna().all()
    full = S.sentiment_by_section(seed, include_boilerplate=True)
    bp = full.set_index(full["section"].astype(str)).loc["boilerplate"]
    assert bp["sentences"] == 0 and bp["unscored"] == 1
    assert math.isnan(bp["polarity_mean"]) and math.isnan(bp["neutral_share"])
    with pytest.raises(ValueError, match="unknown sections"):
        S.sentiment_by_section(seed, sections=["footer"])


def test_by_section_on_empty_input():
    from newsframe.frames import empty_frame

    summary = S.sentiment_by_section(empty_frame("sentiment"))
    assert summary.empty and "polarity_mean" in summary.columns
    summary = S.sentiment_by_section(empty_frame("sentiment"), sections=["body"])
    assert summary["sentences"].tolist() == [0]
    assert summary["polarity_mean"].isna().all()


def test_several_articles(seed, story):
    other = story("017d")
    summary = S.sentiment_by_section([seed, other])
    assert summary.columns[0] == "article"
    assert set(summary["article"]) == {seed.stem, other.stem}
    one = S.sentiment_by_section(seed)
    mine = summary[summary["article"] == seed.stem].drop(columns="article")
    mine = mine[mine["sentences"] > 0].reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, one)
    pooled = S.sentiment_by_section({"a": seed, "b": other}, by_article=False)
    assert "article" not in pooled.columns
    total = len(seed.sentiment) + len(other.sentiment)
    assert pooled["sentences"].sum() + pooled["unscored"].sum() == total
    named = S.sentiment_by_section({"x": seed, "y": seed})
    assert set(named["article"]) == {"x", "y"}


# --- agreement ----------------------------------------------------------------------------
def test_agreement_numbers_are_in_range(seed, story):
    agree = S.sentiment_agreement([seed, story("017d"), story("0d43")])
    assert len(agree) == 3 and agree["article"].iloc[0] == seed.stem
    for col in ("sign_agreement", "polar_agreement"):
        assert agree[col].between(0, 1).all()
    for col in ("kappa", "pearson"):
        assert agree[col].between(-1, 1).all()
    row = agree.iloc[0]
    sent = seed.sentiment
    assert row["sentences"] == 72
    assert row["pearson"] == pytest.approx(np.corrcoef(sent["polarity"], sent["vader"])[0, 1])
    sign = lambda x: np.where(np.abs(x) < S.NEUTRAL, 0, np.sign(x))  # noqa: E731
    assert row["sign_agreement"] == pytest.approx(
        (sign(sent["polarity"]) == sign(sent["vader"])).mean()
    )


def test_agreement_on_nothing_is_nan():
    from newsframe.frames import empty_frame

    agree = S.sentiment_agreement(empty_frame("sentiment"))
    assert agree["sentences"].tolist() == [0]
    assert agree[["sign_agreement", "kappa", "pearson"]].isna().all(axis=None)


# --- top sentences ------------------------------------------------------------------------
def test_top_sentences_show_the_driving_words(seed):
    top = S.top_sentences(seed, n=3)
    pos = top[top["kind"] == "positive"]
    neg = top[top["kind"] == "negative"]
    assert len(pos) == 3 and len(neg) == 3
    assert pos["polarity"].is_monotonic_decreasing and (pos["polarity"] > 0).all()
    assert neg["polarity"].is_monotonic_increasing and (neg["polarity"] < 0).all()
    assert pos["polarity"].iloc[0] == seed.sentiment["polarity"].max()
    assert neg["polarity"].iloc[0] == seed.sentiment["polarity"].min()
    air_base = top[top["text"].str.contains("air base")]
    assert not air_base.empty
    assert air_base["drivers"].str.contains("base -0.80").all()
    assert all(("base", -0.8, 1.0) in a for a in air_base["assessments"])
    for row in top.itertuples(index=False):
        assert row.text == _text_of(seed, row.sentence)
        assert row.drivers  # every listed sentence has a word behind its score


def test_top_sentences_n_bounds(seed):
    assert S.top_sentences(seed, n=0).empty
    many = S.top_sentences(seed, n=1000)
    assert (many["kind"] == "positive").sum() == (seed.sentiment["polarity"] > 0).sum()
    neutral_only = nf.read_article("WASHINGTON (CNN) -- The meeting is on Tuesday in the city.")
    assert S.top_sentences(neutral_only).empty


def test_negation_and_drivers_format():
    # known limits, kept visible: TextBlob reads "not bad" but misses "isn't ... bad"; VADER
    # gets both; "base" is a negative word to TextBlob; "floggings" is unknown to it
    assert S.score_text("This is not a bad idea.").polarity == pytest.approx(0.35)
    isnt = S.score_text("This isn't a bad idea.")
    assert isnt.polarity < 0 < isnt.vader
    assert S.score_text("The air base was quiet.").polarity < 0
    assert S.score_text("Militants carried out floggings.").assessments == ()
    assert summary._drivers(
        [("not bad", 0.35, 0.67), ("base", -0.8, 1.0), ("french", 0.0, 0.0)]
    ) == ("base -0.80, not bad +0.35")


# --- the screens that skip texts both scorers score 0 ----------------------------------------
EDGE_CASES = [
    "I don't like it.",
    "I DON'T LIKE IT.",
    "It was good:)",
    "It was good : )",
    "It was good :-  )",
    "x D",
    "the bo x D .",
    "the box D",
    "8 - D",
    "( ! ) so it goes",
    "so (!) great",
    "\u212aind words",  # the Kelvin sign lowercases to "k": "kind"
    "İyi günler",
    "a well-known man",
    "f*cking hell",
    "the 13th floor",
    "the 2nd time",
    "good\n\nbad",
    "o . O",
    "°o°",
    "♥ Paris",
    "< 3",
    "<3",
    "😀 wow",
    "☺️",
    "No.",
    "kind of",
    "it's 'good'",
    "“good”",
    "‘fine’ they said",
    "goodness",
    "Good!!!",
    "The army said:Doing nothing",
    "He said: During the war.",
    "can't, won't, isn't",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "Photo: Chris Sumner/DC Thomson",
    "12,000 people, 40% of them",
    "",
    "   ",
    "!!!!",
]


def _corpus_sentences() -> list[str]:
    from pathlib import Path

    from newsframe.paths import CNN_STORIES

    data = Path(__file__).parent / "data"
    paths = [SEED, *sorted(CNN_STORIES.glob("*.story")), *sorted(data.rglob("*.txt"))]
    texts: list[str] = []
    for path in paths:
        try:
            texts += nf.read_article(path).sentences["text"].tolist()
        except nf.NewsframeError:
            continue
    return texts


def test_shortcuts_give_textblob_and_vader_scores_exactly(monkeypatch):
    from textblob.en import sentiment as pattern
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newsframe.sentiment import scoring

    sia = SentimentIntensityAnalyzer()
    vader = scoring._vader()
    full_vader: list[str] = []
    compound = type(vader).compound
    monkeypatch.setattr(vader, "compound", lambda t: full_vader.append(t) or compound(vader, t))
    texts = _corpus_sentences() + EDGE_CASES
    assert len(texts) > 3000
    zero_tb = skipped_tb = zero_vader = 0
    for text in texts:
        stock = pattern(text)
        zero_tb += not stock.assessments
        if scoring._textblob_scores_zero(text):
            skipped_tb += 1
            assert (stock[0], stock[1], stock.assessments) == (0.0, 0.0, []), text
        assert scoring._textblob_score(text) == (stock[0], stock[1], stock.assessments), text
        want = sia.polarity_scores(text)["compound"]
        zero_vader += want == 0
        assert scoring._vader_compound(text) == want, text
    # the shortcuts are taken: most texts that score zero skip the scorers' passes
    assert skipped_tb > 0.8 * zero_tb > 300
    assert len(texts) - len(full_vader) > 0.8 * zero_vader > 300


def test_tokens_word_by_word_equal_the_tokenizer():
    from textblob.en import sentiment as pattern

    from newsframe.sentiment import scoring

    texts = _corpus_sentences() + EDGE_CASES
    scoring.clear_cache()
    for _ in range(2):  # with every word new, then with every word known
        taken = 0
        for text in texts:
            tokens = scoring._tokens(text)
            if tokens is not None:
                taken += 1
                assert tokens == " ".join(pattern.tokenizer(text)).split(), text
        assert taken > 0.9 * len(texts)
    assert scoring._tokens("good\n\nbad") is None  # blank lines mark sentences
    assert scoring._tokens("so good : )") is None  # an emoticon written with a space


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "good",
                "Good",
                "GOOD",
                "bad",
                "not",
                "n't",
                "don't",
                "no",
                "very",
                "!",
                "?",
                ":",
                ")",
                "(",
                "-",
                "D",
                "x",
                "8",
                "3",
                "<",
                "o",
                ".",
                "O",
                "'",
                '"',
                "“",
                "♥",
                "😀",
                "☺",
                "\u212a",
                "ind",
                "well",
                "known",
                "kind",
                "of",
                "the",
                "said",
                "13th",
                "f*cking",
                "but",
                " ",
                "  ",
                "\t",
                ",",
                ";",
                "_",
                "°",
                "^",
                "p",
                "b",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_scores_equal_textblob_and_vader_on_generated_text(text):
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    S.clear_cache()
    got = S.score_text(text)
    want = TextBlob(text).sentiment_assessments
    assert (got.polarity, got.subjectivity) == (want.polarity, want.subjectivity)
    assert list(got.assessments) == [(" ".join(w), p, s) for w, p, s, _ in want.assessments]
    assert got.vader == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


# --- speed and laziness -------------------------------------------------------------------
def test_import_newsframe_does_not_import_textblob():
    import subprocess
    import sys

    code = (
        "import sys, newsframe; print('textblob' in sys.modules, 'vaderSentiment' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- plots --------------------------------------------------------------------------------
def test_plot_by_section_from_summary_and_from_sentences(seed):
    ax = plot_sentiment_by_section(S.sentiment_by_section(seed))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("caption (n=23)") and labels[1].endswith("*")
    assert ax.get_xlim()[0] < -0.05 < 0.05 < ax.get_xlim()[1]
    plt.close(ax.figure)
    ax = plot_sentiment_by_section(seed.sentiment)
    dots = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets"))
    assert dots >= len(seed.sentiment)  # every sentence is drawn
    plt.close(ax.figure)


def test_plot_by_section_several_articles(seed, story):
    fig, ax = plt.subplots()
    summary = S.sentiment_by_section([seed, story("017d")])
    out = plot_sentiment_by_section(summary, ax=ax)
    assert out is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == summary["section"].nunique()  # one row per section, not per article
    assert labels[0].startswith("caption (n=24, 2 art.)")
    plt.close(fig)


def test_plot_track(seed):
    fig, ax = plt.subplots()
    out = plot_polarity_track(S.score_article(seed, include_boilerplate=True), ax=ax, vader=True)
    assert out is ax
    # one polarity bar per scored sentence (72), a rug tick per sentence (73), the neutral band
    assert len(ax.patches) == len(seed.sentiment) + len(seed.sentences) + 1
    labels = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {"caption", "body", "not scored", "VADER compound"} <= labels
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the article reads downwards
    plt.close(fig)


@pytest.mark.parametrize("plot", [plot_sentiment_by_section, plot_polarity_track])
def test_plots_on_empty_data_say_so(plot):
    from newsframe.frames import empty_frame

    fig, ax = plt.subplots()
    out = plot(empty_frame("sentiment"), ax=ax)
    assert out is ax
    assert any("No scored sentences" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_plot_when_nothing_is_scored():
    han = nf.read_article("留言列表\n")
    fig, ax = plt.subplots()
    plot_polarity_track(S.score_article(han, include_boilerplate=True), ax=ax)
    assert any("No scored sentences" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_scoring_does_not_import_nltk_and_textblob_still_works():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsframe.sentiment import score_text\n"
        "score = score_text('A good day, not a bad one :)')\n"
        "print('nltk' in sys.modules)\n"
        "from textblob import TextBlob\n"
        "blob = TextBlob('A good day, not a bad one :)')\n"
        "same = (score.polarity, score.subjectivity) == tuple(blob.sentiment)\n"
        "print(same, 'nltk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]


_VADER_WORDS = [
    "but",
    "BUT",
    "no",
    "No",
    "never",
    "so",
    "this",
    "without",
    "doubt",
    "least",
    "at",
    "very",
    "kind",
    "of",
    "sort",
    "good",
    "GOOD",
    "bad",
    "great",
    "not",
    "isn't",
    "hardly",
    "barely",
    "extremely",
    "the",
    "a",
    "war",
    "peace",
    "happy",
    "sad",
    "love",
    "hate",
    "fail",
    "win",
    "nice",
    ":)",
    "yeah",
    "right",
    "cut",
    "me",
    "some",
    "slack",
    "bad",
    "ass",
    "the",
    "bomb",
    "kiss",
    "of",
    "death",
]


def test_vader_checks_read_only_their_neighbours_and_keep_vaders_scores() -> None:
    """VADER's per-word checks, rewritten to be linear in the sentence, give its floats."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from newsframe.sentiment import scoring

    sia, vader = SentimentIntensityAnalyzer(), scoring._vader()
    words = st.lists(st.sampled_from([*_VADER_WORDS, "!", "?", "x"]), max_size=40)

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(words.map(" ".join))
    def check(text: str) -> None:
        assert vader.compound(text) == sia.polarity_scores(text)["compound"], text

    check()


def test_one_long_sentence_of_lexicon_words_is_scored_in_linear_time() -> None:
    """ "Dr. No " repeated to 80 KB is one sentence: VADER's own checks took 53 s on it."""
    from newsframe.sentiment import scoring
    from tests.adversarial import deadline

    text = "Dr. No but good, " * 5000
    with deadline(10):
        score = scoring._vader().compound(text)
    assert -1 <= score <= 1 and score != 0
