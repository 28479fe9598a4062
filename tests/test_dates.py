"""Temporal expressions: recognition, resolution rules, density, plots and gold accuracy."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsframe as nf
from newsframe.dates import extract_dates, timeline_density
from newsframe.errors import MissingDateError
from newsframe.evaluation import evaluate, pooled, score_dates
from newsframe.frames import SCHEMAS, empty_frame
from newsframe.paths import CNN_STORIES, SEED

matplotlib.use("Agg")

GOLD = Path(__file__).parent / "data" / "gold" / "dates"
PUB = "2013-01-18"  # the seed's publication date, a Friday


def dates_of(text: str, published: object = PUB) -> pd.DataFrame:
    art = nf.read_article(text, published=published)
    return art.dates


def spans(text: str, published: object = PUB) -> list[tuple[str, str, str]]:
    """(surface, date_start, date_end) of every expression, dates as ISO strings."""
    frame = dates_of(text, published)
    return [(r.surface, str(r.date_start)[:10], str(r.date_end)[:10]) for r in frame.itertuples()]


def one(text: str, published: object = PUB) -> tuple[str, str]:
    found = spans(text, published)
    assert len(found) == 1, found
    return found[0][1], found[0][2]


# --- schema and invariants ----------------------------------------------------------------
def test_frame_matches_schema_and_offsets() -> None:
    art = nf.read_article(SEED)
    frame = art.dates
    assert list(frame.columns) == list(SCHEMAS["dates"])
    for col, dtype in SCHEMAS["dates"].items():
        assert frame[col].dtype == dtype, col
    assert len(frame) == 31
    for r in frame.itertuples():
        assert art.text[r.start : r.end] == r.surface
        assert r.date_start <= r.date_end


def test_no_dates_gives_empty_typed_frame() -> None:
    frame = dates_of("The fighting in Mali has captured the world's attention.")
    assert frame.empty
    assert frame.dtypes.equals(empty_frame("dates").dtypes)


_PIECES = [
    *"abcdefghijklmnopqrstuvwxyzAJMFSTW0123456789 ,.'-()/\n",
    "January ",
    "Friday",
    " last week",
    " ago",
    "2013",
    " the ",
    "May ",
    "7th of ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join) | st.text(max_size=200))
def test_offsets_invariant_on_arbitrary_text(text: str) -> None:
    if not text.strip():
        return
    art = nf.Article(text)
    frame = extract_dates(text, art.sentences, dt.date(2013, 1, 18))
    for r in frame.itertuples():
        assert text[r.start : r.end] == r.surface
        assert r.end > r.start
        assert pd.isna(r.date_start) or r.date_start <= r.date_end


# --- must be found ------------------------------------------------------------------------
def test_weekday_and_date_are_one_expression() -> None:
    # seed line 1
    found = spans("Togolese troops board a plane to Bamako, Mali, on Thursday, January 17.")
    assert found == [("Thursday, January 17", "2013-01-17", "2013-01-17")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers seized the town on Aug. 20 after a siege.", ("2012-08-20", "2012-08-20")),
        ("since June 13, 2014, the court has had jurisdiction.", ("2014-06-13", "2014-06-13")),
        ("He was born on the 7th of October in a small town.", ("2012-10-07", "2012-10-07")),
        (
            "Anne Frank did not survive to March 1945 -- a new study says.",
            ("1945-03-01", "1945-03-31"),
        ),
        ("The ICC was set up in 2002 to prosecute genocide.", ("2002-01-01", "2002-12-31")),
        ("They took Konna on January 10.", ("2013-01-10", "2013-01-10")),
    ],
)
def test_absolute_dates(text: str, expected: tuple[str, str]) -> None:
    assert one(text) == expected


def test_bare_weekdays() -> None:
    assert one("Malian police patrol Bamako on Sunday.") == ("2013-01-13", "2013-01-13")
    assert one("A British army Boeing C-17 cargo plane lands Sunday at the base.") == (
        "2013-01-13",
        "2013-01-13",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will talk today.", ("2013-01-18", "2013-01-18")),
        ("He arrived yesterday.", ("2013-01-17", "2013-01-17")),
        ("They leave tomorrow.", ("2013-01-19", "2013-01-19")),
        ("The vote is tonight.", ("2013-01-18", "2013-01-18")),
        (
            "Insurgents are pushed out of Konna, which they captured last week",
            ("2013-01-07", "2013-01-13"),
        ),
        ('"We are not in a position," she said this week.', ("2013-01-14", "2013-01-20")),
        ("The talks resume next week.", ("2013-01-21", "2013-01-27")),
        ("by this weekend, U.S. trainers will be in African nations", ("2013-01-19", "2013-01-20")),
        ("The market fell last month.", ("2012-12-01", "2012-12-31")),
        ("until last year, when a coup toppled the president", ("2012-01-01", "2012-12-31")),
        (
            "They started retreating a week ago after the French pushed back.",
            ("2013-01-11", "2013-01-11"),
        ),
        ("The rebels arrived two days ago.", ("2013-01-16", "2013-01-16")),
        ("Earlier this month, Gates said he would wait.", ("2013-01-01", "2013-01-31")),
        ("Seventy years ago, Anne Frank died.", ("1943-01-01", "1943-12-31")),
    ],
)
def test_relative_expressions(text: str, expected: tuple[str, str]) -> None:
    assert one(text) == expected


def test_bare_months() -> None:
    # seed line 47: the July stoning -> the most recent July before publication
    assert one("public executions such as the July stoning of a couple") == (
        "2012-07-01",
        "2012-07-31",
    )
    assert one("The Palestinians signed the statute in January, when they also") == (
        "2013-01-01",
        "2013-01-31",
    )


# --- must not be found --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The development is an important advance a week after France launched an offensive.",
        "It was a weekslong siege.",
        "He spent three years in prison.",
        "Troops have gathered in recent weeks.",
        "It was at the center of trans-Sahara trade in earlier times.",
        "The meeting starts at 10:30 a.m. sharp.",
        "We are not precluded from assisting allies.",
        "Palestinians may be subject to counter-charges as well.",
        "They sat in the sun for hours.",
        "Rogers: Mali is the 1st victim of Libya",
        "Thousands will march on the capital.",
        "He played Sunday school songs and Black Friday deals.",
        "Sympathy came from Fox News Sunday viewers.",
        "the plane crashed as Germanwings Flight 9525 descended",
        "tested dogs at 1915 Moonlight Road",
        "More than 2000 troops are deployed.",
        "Now it is threatened by warfare.",
        "the previous month and that same year",
    ],
)
def test_not_dates(text: str) -> None:
    assert spans(text) == []


def test_generic_today_is_not_the_publication_day() -> None:
    text = "Bush will note that withdrawing emboldened today's terrorists."
    assert spans(text, "2007-08-21") == []
    text = "In 1945 only eight countries had abolished it. Today, 140 states are abolitionist."
    assert [s for s, _, _ in spans(text, "2015-04-01")] == ["1945"]


# --- resolution rules ---------------------------------------------------------------------
def test_bare_weekday_is_on_or_before_publication() -> None:
    # publication is a Friday: "Friday" is the same day, "Saturday" the day before last week's
    assert one("French forces seized a key city on Friday.") == ("2013-01-18", "2013-01-18")
    assert one("Protesters wave signs outside the embassy on Saturday.") == (
        "2013-01-12",
        "2013-01-12",
    )


@pytest.mark.parametrize(
    "text",
    [
        "NFL star Michael Vick is set to appear in court Monday.",
        "Vick, 27, is scheduled to appear Monday in court.",
        "Vick due in federal court Monday",
        "He will testify Monday.",
    ],
)
def test_future_tense_weekday(text: str) -> None:
    assert one(text, "2007-08-24") == ("2007-08-27", "2007-08-27")


def test_past_verb_beats_future_cue_in_the_same_sentence() -> None:
    text = (
        'On Wednesday in Kansas City, Bush will tell veterans that "then, as now," the war '
        "matters, according to speech excerpts released Tuesday by the White House."
    )
    assert spans(text, "2007-08-21") == [
        ("Wednesday", "2007-08-22", "2007-08-22"),
        ("Tuesday", "2007-08-21", "2007-08-21"),
    ]


def test_next_and_last_weekday() -> None:
    assert one("Youssif turns 6 next Friday.", "2007-08-24") == ("2007-08-31", "2007-08-31")
    assert one("Murray said last Saturday he has filed.", "2007-09-01") == (
        "2007-08-25",
        "2007-08-25",
    )


def test_weekday_after_an_explicit_pair_on_the_same_line() -> None:
    # seed line 19
    text = (
        "The interim president speaks in Bamako on Friday, January 11. Malian authorities "
        "declared a state of emergency on Friday as the army launched a counteroffensive."
    )
    frame = dates_of(text)
    assert frame["date_start"].astype(str).str[:10].tolist() == ["2013-01-11", "2013-01-11"]
    # the year of the pair comes from the publication date; the bare Friday from the pair
    assert frame["anchor"].astype(str).tolist() == ["publication", "previous mention"]


def test_yearless_date_after_publication_takes_previous_year() -> None:
    assert one("Fighting broke out on December 28.", "2013-01-18") == ("2012-12-28", "2012-12-28")
    assert one("It happened on January 15.", "2007-08-24") == ("2007-01-15", "2007-01-15")


def test_yearless_future_date_stays_in_publication_year() -> None:
    text = "Snow will step down from his post on September 14."
    assert one(text, "2007-08-31") == ("2007-09-14", "2007-09-14")


def test_year_earlier_in_the_line_anchors_yearless_dates() -> None:
    text = "In 1944, the family hid in Amsterdam; in August they were found."
    found = spans(text, "2015-04-01")
    assert found[-1] == ("August", "1944-08-01", "1944-08-31")


def test_bare_month_future_wording() -> None:
    text = "Bush asked lawmakers to wait until the report comes out in September."
    assert one(text, "2007-08-21") == ("2007-09-01", "2007-09-30")
    assert one("The bridge was closed in September.", "2007-08-21") == (
        "2006-09-01",
        "2006-09-30",
    )


def test_granularity_and_anchor_values() -> None:
    frame = dates_of("It happened last week, last year, on Friday and in 2001.")
    assert frame["granularity"].astype(str).tolist() == ["week", "year", "day", "year"]
    assert frame["anchor"].astype(str).tolist() == [
        "publication",
        "publication",
        "publication",
        "explicit",
    ]


# --- no publication date ------------------------------------------------------------------
def test_no_published_infers_year_from_weekday_date_pairs() -> None:
    text = (
        "A cabinet meeting in Bamako on Friday, January 11.\n"
        "Togolese troops board a plane on Thursday, January 17.\n"
        "A coup toppled the president in 2012, and the army launched an offensive last week.\n"
    )
    art = nf.Article(text)
    with pytest.warns(UserWarning, match="no publication date"):
        frame = extract_dates(text, art.sentences, None, name="mali.txt")
    got = dict(zip(frame["surface"], frame["date_start"].astype(str).str[:10], strict=True))
    assert got["Friday, January 11"] == "2013-01-11"
    assert got["Thursday, January 17"] == "2013-01-17"
    relative = frame[frame["surface"] == "last week"]
    assert relative["date_start"].isna().all()
    assert relative["anchor"].astype(str).tolist() == ["none"]


def test_no_published_and_no_pairs_leaves_relative_unresolved_and_warns() -> None:
    text = "Malian police patrol Bamako on Sunday. France acted last week."
    art = nf.Article(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = extract_dates(text, art.sentences, None, name="patrol.txt")
    assert frame["date_start"].isna().all()
    assert len(frame) == 2
    assert any("patrol.txt" in str(w.message) for w in caught)


def test_no_published_ambiguous_pairs_are_not_guessed() -> None:
    # without the 2012 hint the pairs fit 2008, 2013, 2019, ...: nothing is guessed
    text = "A meeting on Friday, January 11. Troops board a plane on Thursday, January 17."
    art = nf.Article(text)
    with pytest.warns(UserWarning, match="fit"):
        frame = extract_dates(text, art.sentences, None)
    assert frame["date_start"].isna().all()


def test_bad_published_is_a_clear_error() -> None:
    art = nf.Article("They took Konna on January 10.")
    with pytest.raises(MissingDateError, match="not a calendar date"):
        extract_dates(art.text, art.sentences, "last Tuesday-ish")


def test_published_accepts_strings_and_timestamps() -> None:
    art = nf.Article("They took Konna on Friday.")
    a = extract_dates(art.text, art.sentences, "2013-01-18")
    b = extract_dates(art.text, art.sentences, pd.Timestamp("2013-01-18"))
    assert a.equals(b)
    assert str(a["date_start"].iloc[0])[:10] == "2013-01-18"


# --- density ------------------------------------------------------------------------------
def test_density_spreads_a_week_over_seven_days() -> None:
    art = nf.read_article("France unleashed an offensive last week.", published=PUB)
    dens = timeline_density(art)
    assert list(dens.columns) == ["date", "section", "granularity", "weight"]
    assert len(dens) == 7
    assert dens["weight"].tolist() == pytest.approx([1 / 7] * 7)
    assert dens["weight"].sum() == pytest.approx(1.0)
    assert dens["date"].min() == pd.Timestamp("2013-01-07")


def test_density_total_weight_is_number_of_resolved_expressions() -> None:
    art = nf.read_article(SEED)
    dens = timeline_density(art, counts=True)
    assert dens["weight"].sum() == pytest.approx(art.dates["date_start"].notna().sum())
    assert dens["count"].dtype == "int64"
    day = dens[dens["date"] == pd.Timestamp("2013-01-13")]
    assert day["count"].sum() >= 8  # "Sunday, January 13" and seven bare Sundays, plus spans


def test_density_several_articles_and_freq() -> None:
    a = nf.read_article(SEED)
    b = nf.read_article("The rebels arrived two days ago.", published=PUB)
    dens = timeline_density([a, b])
    assert dens.columns[0] == "article"
    assert dens.groupby("article")["weight"].sum().tolist() == pytest.approx([31.0, 1.0])
    monthly = timeline_density(a, freq="M")
    assert monthly["date"].dt.day.eq(1).all()
    assert monthly["weight"].sum() == pytest.approx(31.0)


def test_density_of_empty_article_is_empty_and_typed() -> None:
    art = nf.read_article("No dates here at all.", published=PUB)
    dens = timeline_density(art)
    assert dens.empty
    assert str(dens["date"].dtype) == "datetime64[s]"


# --- plots --------------------------------------------------------------------------------
def test_plots_on_empty_data_say_so() -> None:
    from newsframe.plots.timeline import plot_date_strip, plot_timeline_density

    ax = plot_timeline_density(empty_frame("dates"))
    assert "no dates found" in [t.get_text() for t in ax.texts]
    ax = plot_date_strip(empty_frame("dates"))
    assert "no dates found" in [t.get_text() for t in ax.texts]


def test_plots_on_real_data() -> None:
    import matplotlib.pyplot as plt

    from newsframe.plots.timeline import plot_date_strip, plot_timeline_density

    art = nf.read_article(SEED)
    fig, (ax1, ax2) = plt.subplots(2, 1)
    out = plot_timeline_density(timeline_density(art), ax=ax1, published=art.published)
    assert out is ax1
    assert len(ax1.patches) > 0  # day bars and span bands
    assert any(t.get_text().strip() == "published" for t in ax1.texts)
    (lanes,) = ax1.child_axes  # spans in a panel of their own, not on the day axis
    assert [t.get_text() for t in lanes.get_yticklabels()] == ["weekend", "week"]
    plot_date_strip(art.dates, ax=ax2)
    labels = [t.get_text() for t in ax2.texts]
    assert any("Thursday, January 17" in s for s in labels)
    plt.close(fig)


# --- gold accuracy ------------------------------------------------------------------------
def _gold(stem: str) -> tuple[nf.Article, dict]:
    doc = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    path = SEED if stem == SEED.stem else CNN_STORIES / f"{stem}.story"
    return nf.read_article(path, published=doc["published"]), doc


def test_score_dates_counts() -> None:
    art, doc = _gold(SEED.stem)
    perfect = score_dates(art.dates, doc["mentions"])
    assert perfect["tp"] + perfect["fn"] == len(doc["mentions"])
    empty = score_dates(empty_frame("dates"), doc["mentions"])
    assert empty == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 31}


def test_seed_f1() -> None:
    art, doc = _gold(SEED.stem)
    assert score_dates(art.dates, doc["mentions"])["f1"] >= 0.95


def test_cnn_pooled_f1() -> None:
    scores = evaluate(GOLD, "dates")
    cnn = scores[scores.article != SEED.stem]
    assert len(cnn) >= 5
    assert pooled(cnn.to_dict("records"))["f1"] >= 0.95  # measured 0.969 (62 tp, 2 fp, 2 fn)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 2021/02/21 00:12 after the report.", [("2021-02-21", "2021-02-21")]),
        ("The statement of 05.10.2023 was read out.", [("2023-10-05", "2023-10-05")]),
        ("Officials met on 21/02/2021.", [("2021-02-21", "2021-02-21")]),
        (
            "French Military to Start Withdrawal from Niger This Week",
            [("2023-10-02", "2023-10-08")],
        ),
        ("The vote is set for Sunday, officials said.", [("2023-10-08", "2023-10-08")]),
        ("Ministers are to meet on Monday.", [("2023-10-09", "2023-10-09")]),
        (
            "The commissioner said she would travel to Chad on Friday.",
            [("2023-10-06", "2023-10-06")],
        ),
        ("The image is 1920 pixels wide.", []),
        ("The coup in May last year toppled the president.", [("2022-05-01", "2022-05-31")]),
        ("Prices rose 5% in the last year, officials said.", []),
    ],
)
def test_general_rules_from_blind_evaluation(text, expected):
    import newsframe as nf

    dates = nf.read_article(text + "\n", published="2023-10-05").dates
    got = [(str(r.date_start)[:10], str(r.date_end)[:10]) for r in dates.itertuples()]
    assert got == expected


# --- forecasts and habits (issue 11) ----------------------------------------------------------
# PUB (2013-01-18) is a Friday: a forecast "on Friday" is the Friday after it, never P itself
# (a future weekday is the first such day on or after P: P is a Friday, so Friday is P).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heavy rains are expected on Sunday, the weather office said.", "2013-01-20"),
        ("More rain is forecast for Monday across the region.", "2013-01-21"),
        ("Storms are predicted for Tuesday in the north.", "2013-01-22"),
        ("Temperatures are forecast to reach 40C on Wednesday.", "2013-01-23"),
        ("A second round will be held on Thursday.", "2013-01-24"),
        ("The vote will be held next Friday, officials said.", "2013-01-25"),
        ("Talks are expected Sunday in Geneva.", "2013-01-20"),
        ("The funeral is to be held on Monday.", "2013-01-21"),
    ],
)
def test_forecasts_resolve_forward(text: str, expected: str) -> None:
    assert one(text) == (expected, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Celebrations were held on Sunday.", "2013-01-13"),
        ("The storm hit on Monday.", "2013-01-14"),
        ("He was expected on Tuesday but never came.", "2013-01-15"),
        ("Rescuers said on Wednesday that 40 people had died.", "2013-01-16"),
        ("The rains that had been forecast for Thursday arrived.", "2013-01-17"),
    ],
)
def test_past_events_stay_in_the_past(text: str, expected: str) -> None:
    assert one(text) == (expected, expected)


@pytest.mark.parametrize(
    "text",
    [
        "The monsoon normally begins in July.",
        "The monsoon usually arrives in June and lasts until September.",
        "Schools typically reopen in September.",
        "Every year, the rains start in March.",
        "Usually, the festival is held in July.",
        "The festival is held each year in July.",
        "Farmers traditionally plant in the spring.",
        "The council usually meets on Friday.",
    ],
)
def test_habitual_statements_are_not_dated(text: str) -> None:
    assert spans(text) == []
    assert spans(text, published=None) == []  # with or without a publication date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the habit is one clause; the month of another clause is a particular one
        (
            "The monsoon, which normally begins in June, arrived in July last year.",
            [("July last year", "2012-07-01", "2012-07-31")],
        ),
        (
            "The council usually meets on Friday, but it met on Tuesday.",
            [("Tuesday", "2013-01-15")],
        ),
        # "last July" is a particular July even beside a habit
        (
            "The monsoon normally begins in June, but last July it came late.",
            [("last July", "2012-07-01", "2012-07-31")],
        ),
        # "usually" describing a thing, then a past event
        ("The usually dry river flooded in July.", [("July", "2012-07-01", "2012-07-31")]),
    ],
)
def test_habits_do_not_spread_to_other_clauses(text: str, expected: list[tuple[str, ...]]) -> None:
    found = spans(text)
    assert [f[: len(e)] for f, e in zip(found, expected, strict=True)] == expected


def test_a_forecast_in_another_clause_leaves_a_past_day_alone() -> None:
    text = "Floods killed 40 people on Sunday and more rain is expected over the coming days."
    assert one(text) == ("2013-01-13", "2013-01-13")
