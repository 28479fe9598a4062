"""Section labels on the seed and on CNN stories, and the dateline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsframe import SECTIONS, read_article, sentiment_by_section, top_sentences
from newsframe.sections import classify_lines, find_dateline


def test_seed_sections_exact(seed):
    expected = (
        ["caption"] * 19 + ["highlight"] * 4 + ["body"] * 4 + ["related"] * 6 + ["body"] * 19
    ) + ["byline", "boilerplate"]
    assert list(seed.lines.section) == expected


def test_seed_dateline_and_first_sentence(seed):
    assert seed.meta["dateline"] == "Bamako, Mali (CNN) --"
    first_body = seed.sentences[seed.sentences.section == "body"].iloc[0]
    assert first_body.text.startswith("French and Malian forces squaring off")
    assert first_body.line == 24


def test_section_dtype_is_fixed_categorical(seed):
    dtype = seed.lines.section.dtype
    assert list(dtype.categories) == list(SECTIONS)
    assert dtype.ordered


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        (
            "WASHINGTON (CNN) -- There is no remaining hope, an official said.",
            "WASHINGTON (CNN) --",
        ),
        (
            "SEOUL, Aug. 20 (Yonhap) -- North Korea fired two missiles on Tuesday.",
            "SEOUL, Aug. 20 (Yonhap) --",
        ),
        (
            "Marseille, France (CNN)The French prosecutor insisted Wednesday that...",
            "Marseille, France (CNN)",
        ),
        ("(CNN)  -- The National Football League has suspended Michael Vick.", "(CNN)  --"),
        ("NEW YORK — Stocks fell sharply on Monday after the report.", "NEW YORK —"),
        (
            "Baghdad, Iraq – Iraqis are waiting for the final results of the vote.",
            "Baghdad, Iraq –",
        ),
    ],
)
def test_dateline_variants(line, dateline):
    found = find_dateline([line])
    assert found is not None
    assert found.text == dateline
    assert line[found.end :].strip()[0].isupper()


def test_no_dateline_in_plain_prose():
    assert find_dateline(["The minister (Labour) said on Monday that talks would resume."]) is None
    assert find_dateline(["Smith said — and others agreed — that the talks would resume."]) is None


def test_separators_and_wire_slugs_are_boilerplate():
    text = (
        "NAIROBI, March 3 (AFP) - Thousands of people fled the drought, aid agencies said.\n"
        "Donors have provided less than a quarter of the money requested.\n"
        "___\n"
        "bur-jh/cw\n"
    )
    assert list(read_article(text).lines.section) == ["body", "body", "boilerplate", "boilerplate"]


def test_story_highlights_and_markup(story):
    art = story("ee8871b1")
    lines = art.lines.set_index("line").section
    assert lines[41] == "markup" and lines[43] == "highlight" and lines[55] == "highlight"
    assert art.meta["dateline"] == "MIAMI, Florida (CNN) --"
    assert lines[1] == "boilerplate"  # Editor's note
    assert lines[3] == "caption"  # photo caption before the dateline


@pytest.mark.parametrize(
    ("prefix", "line"),
    [("017d27d0", 3), ("0d43b970", 3), ("a1ebb8bb", 3), ("42c027e4", 3), ("7fe70cc8", 3)],
)
def test_inline_caption_after_first_paragraph(story, prefix, line):
    art = story(prefix)
    assert art.lines.set_index("line").section[line] == "caption"


@pytest.mark.parametrize("prefix", ["7c0e61ac", "06352019", "24521a2a", "469c6ac0", "f001ec5c"])
def test_second_paragraph_prose_is_body(story, prefix):
    art = story(prefix)
    prose = art.lines[art.lines.section.isin(["body", "caption"])]
    assert prose.iloc[1].section == "body"


def test_watch_and_email_tails_are_boilerplate_sentences(story):
    art = story("7fe70cc8")
    sents = art.sentences
    chrome = sents[sents.section == "boilerplate"].text.tolist()
    assert "Watch what led to Vick's suspension »" in chrome
    assert "E-mail to a friend" in chrome
    # the rest of the paragraph stays body
    line15 = sents[sents.line == 15]
    assert (line15.section == "body").sum() == 1


def test_byline_and_related_in_story(story):
    art = story("469c6ac0")
    lines = art.lines.set_index("line").section
    assert lines[83] == "byline"
    assert lines[33] == "related" and lines[79] == "related" and lines[81] == "related"
    assert (art.lines.section == "body").sum() > 30


def test_contributed_byline(story):
    assert story("7fe70cc8").lines.set_index("line").section[67] == "byline"


def test_copyright_footer_is_boilerplate(story):
    art = story("42c027e4")
    assert art.lines.set_index("line").section[33] == "boilerplate"


def test_foreign_script_line_is_boilerplate():
    labels, _ = classify_lines(
        ["WASHINGTON (CNN) -- The talks resumed on Monday in Geneva.", "留言列表"]
    )
    assert labels == ["body", "boilerplate"]


def test_article_without_dateline_has_title_and_body():
    text = "Storm hits coast\n\nA storm hit the coast on Monday. Thousands lost power.\n"
    art = read_article(text)
    assert art.meta["dateline"] is None
    assert list(art.lines.section) == ["title", "blank", "body"]


def test_bullets_inside_body_stay_body():
    text = (
        "LONDON (Reuters) -- The plan has three parts, the minister said on Monday.\n"
        "- lower taxes for small firms\n"
        "The opposition rejected it.\n"
    )
    art = read_article(text)
    assert art.lines.section.iloc[1] in ("body", "related")
    assert art.lines.section.iloc[1] != "highlight"


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        (
            "BOGOTÁ, Colombia — Thousands marched through the capital on Sunday.",
            "BOGOTÁ, Colombia —",
        ),
        (
            "SÃO PAULO (Reuters) - Brazil's central bank held rates steady on Wednesday.",
            "SÃO PAULO (Reuters) -",
        ),
        (
            "New Delhi: With wind speeds of up to 140 kmph, a severe cyclonic storm hit the coast "
            "of Odisha early on Thursday, officials said.",
            "New Delhi:",
        ),
    ],
)
def test_more_dateline_styles(line, dateline):
    found = find_dateline(["Storm hits the coast", line])
    assert found is not None and found.text == dateline


def test_speaker_colon_is_not_a_dateline():
    assert find_dateline(["Rogers: Mali is the 1st victim of Libya"]) is None


def test_page_furniture_of_other_outlets():
    text = (
        "Italian vessels rescue 47 migrants after small boat capsizes\n"
        "By Associated Press\n"
        "2021/02/21 00:12\n"
        "ROME (AP) — Italy's coast guard rescued 47 migrants early Saturday, officials said.\n"
        "Rescuers search the rubble in Longtoushan town on Monday. Photograph: Xinhua/Rex\n"
        "The coast guard said the search would go on through the night.\n"
        "Reuters\n"
        "Updated : 2021-02-21 02:15 GMT+08:00\n"
        "mkg/hc (Reuters, AFP, dpa, AP)\n"
    )
    labels = list(read_article(text).lines.section)
    assert labels == [
        "title",
        "byline",
        "boilerplate",
        "body",
        "caption",
        "body",
        "byline",
        "boilerplate",
        "boilerplate",
    ]


def test_inline_caption_rule_needs_a_dateline():
    text = (
        "Pakistan and Afghanistan have clashed since Islamabad bombed Kabul, officials said.\n"
        "The clashes between the army and the Taliban saw a renewal on Wednesday night.\n"
        "Both sides reported casualties.\n"
    )
    assert "caption" not in set(read_article(text).lines.section)


# --- wire-copy credit lines (issue 11) -------------------------------------------------------
_FLOOD_STORY = (
    "JAKARTA (Reuters) - Floods killed at least 40 people in central Java on Sunday, the disaster "
    "agency said, and thousands were forced from their homes.\n"
    "\n"
    "Rescuers in Semarang were searching for dozens of missing people, an official said.\n"
    "\n"
    "{credit}\n"
)


@pytest.mark.parametrize(
    "credit",
    [
        "(Reporting by Grace Goodman in Great Falls and Ali Hassan in Surabaya; "
        "Editing by Joy Best)",
        "(Additional reporting by Tom Perry in Beirut)",
        "Reporting by Jane Doe in Rio de Janeiro",
        "Reporting by Jane Doe in London; editing by John Smith",
        "(Reporting by A. B. Smith, C. Jones and D. Lee; Writing by E. Fox; Editing by G. Hill)",
        "(Reporting by Ahmed al-Sharif in Tripoli, additional reporting by Tom Perry in Beirut; "
        "Editing by Sam Holmes)",
        "Writing by Jane Doe. Editing by John Smith.",
        "-- Reporting by Jane Doe in Paris",
        "(Reporting and writing by Jane Doe in Kyiv; Editing by Ros Russell)",
    ],
)
def test_wire_credit_lines_are_byline(credit):
    art = read_article(_FLOOD_STORY.format(credit=credit))
    assert list(art.lines.section) == ["body", "blank", "body", "blank", "byline"]


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the New York Times in March showed the agency had missed the warnings.",
        "Reporting by Reuters revealed that officials had known of the risk for years.",
        "Reporting by Jane Doe in London found that the floods were worse than feared.",
        "Editing by hand is slow, the editors said on Monday.",
    ],
)
def test_prose_about_reporting_stays_body(line):
    assert read_article(_FLOOD_STORY.format(credit=line)).lines.section.iloc[-1] == "body"


def test_credit_cities_and_tone_are_not_the_story():
    credit = (
        "(Reporting by Grace Goodman in Great Falls and Ali Hassan in Surabaya; "
        "Editing by Joy Best)"
    )
    art = read_article(_FLOOD_STORY.format(credit=credit))
    places = art.places
    credit_places = places[places.line == 5]
    assert len(credit_places) >= 1  # the credit names a place ...
    assert set(credit_places.section) == {"byline"}  # ... counted as the byline's, not the body's
    assert not (places[places.section == "body"].line == 5).any()
    # the credit's "Great" and "Best" never make it the story's most positive sentence
    top = top_sentences(art)
    assert "byline" not in set(top.section.astype(str))
    assert not top.text.str.contains("Reporting by").any()
    by_section = sentiment_by_section(art).set_index("section")
    assert by_section.loc["body", "sentences"] == 2


def test_footer_rule_needs_the_story_before_the_byline():
    # a byline at the top does not turn the short lines of the story into a footer
    text = (
        "Floods hit the north\n"
        "By Jane Doe\n"
        "Floods swept through the north of the country on Monday, officials said.\n"
        "Roads were closed.\n"
        "Rescuers were searching for survivors on Tuesday, the agency said.\n"
        "(Reporting by Jane Doe in Lagos; Editing by John Smith)\n"
        "Our Standards: The Trust Principles.\n"
    )
    labels = list(read_article(text).lines.section)
    assert labels == ["title", "byline", "body", "body", "body", "byline", "boilerplate"]


@pytest.mark.parametrize(
    "tail",
    [
        "(Reporting by Victoria Hale in Geneva; Editing by Joy Best)",
        "Reporting by Victoria Hale in Geneva; editing by Joy Best",
        "(Additional reporting by Victoria Hale in Geneva)",
    ],
)
def test_credits_glued_to_a_paragraph_are_byline_sentences(tail):
    text = (
        "JAKARTA (Reuters) - Floods killed at least 40 people in Java on Sunday, officials said.\n"
        "\n"
        f"Rescuers in Semarang were searching for the missing, an official said. {tail}\n"
    )
    art = read_article(text)
    assert list(art.lines.section) == ["body", "blank", "body"]  # the line stays body ...
    last = art.sentences[art.sentences.line == 3]
    assert list(last.section) == ["body", "byline"]  # ... its credits are the byline
    assert last.text.iloc[1] == tail
    geneva = art.places[art.places.surface == "Geneva"]
    assert list(geneva.section) == ["byline"]


def test_a_paragraph_that_only_mentions_reporting_keeps_its_sentences():
    text = (
        "JAKARTA (Reuters) - Floods killed at least 40 people in Java on Sunday, officials said.\n"
        "\n"
        "The agency has been criticised. Reporting by Victoria Hale in Geneva showed the risk.\n"
    )
    assert set(read_article(text).sentences.section) == {"body"}


def _is_related_reference(s: str) -> bool:
    """The related-link test as first written (every check in reading order), kept to show
    that the faster order of :func:`newsframe.sections._is_related` decides the same."""
    from newsframe.sections import _QUOTES, _TAIL_CHROME, _TWO_SENTENCES, _ends_sentence

    s = _TAIL_CHROME.sub("", s).strip()
    words = s.split()
    if not words or _TWO_SENTENCES.search(s):
        return False
    if not 2 <= len(words) <= 14 or len(s) > 100 or any(q in s for q in _QUOTES):
        return False
    if not s[0].isupper() and not s[0].isdigit():
        return False
    if s.endswith("?"):
        return s.count("?") == 1 and "." not in s[:-1].replace("U.S.", "").replace("U.N.", "")
    return not _ends_sentence(s)


_LINE_PARTS = st.sampled_from(
    [
        "Watch the video »",
        "E-mail to a friend",
        "read more »",
        "U.S.",
        "Mali",
        "why",
        "3",
        "?",
        ".",
        '"',
        "“",
        "»",
        " ",
        "\t",
        "ǅ",
        "Éclair",
        "rebels",
        "Is it over?",
        "It rained. Then",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINE_PARTS | st.text(max_size=6), max_size=20).map(" ".join))
def test_related_line_test_decides_as_its_reference(line: str) -> None:
    from newsframe.sections import _is_related

    assert _is_related(line) == _is_related_reference(line)
