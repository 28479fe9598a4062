"""Chart titles and labels are text, not math (issue 16): ``$`` from the data is drawn as ``$``."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import RendererAgg

import newsframe as nf
from newsframe.frames import SCHEMAS
from newsframe.plots import get_ax, plain
from newsframe.plots.corpus import plot_coverage_heatmap, plot_days_from_publication
from newsframe.plots.coverage import plot_coverage_bars
from newsframe.plots.sentiment import plot_polarity_track, plot_sentiment_by_section
from newsframe.plots.structure import plot_section_counts
from newsframe.plots.timeline import plot_date_strip, plot_timeline_density

NAMES = [r"$\alpha$", "$x$", "costs $5", r"$x_$ broke", r"a\$b", "$$"]
"""Mathtext, an odd ``$``, one that does not parse, an escaped one, an empty formula."""


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, object]]]:
    """Every string the Agg renderer draws, as (text, ismath)."""
    calls: list[tuple[str, object]] = []
    draw_text = RendererAgg.draw_text

    def record(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        calls.append((s, ismath))
        return draw_text(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    monkeypatch.setattr(RendererAgg, "draw_text", record)
    yield calls
    plt.close("all")


def _render(ax) -> None:
    ax.figure.canvas.draw()


def _assert_drawn_as_written(calls: list[tuple[str, object]], *texts: str) -> None:
    assert calls, "nothing was drawn"
    assert not [c for c in calls if c[1]], f"drawn as math: {[c for c in calls if c[1]]}"
    strings = [s for s, _ in calls]
    for text in texts:
        assert any(text in s for s in strings), f"{text!r} not drawn; drawn: {strings}"


def test_plain_escapes_every_dollar_and_marks_axes() -> None:
    assert plain("$x$") == r"\$x\$" and plain(3) == "3" and plain("no math") == "no math"
    ax = get_ax()
    assert plain(ax) is ax
    for text in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label):
        assert text.get_parse_math() is False and text.get_usetex() is False
    plt.close(ax.figure)


@pytest.mark.parametrize("name", NAMES)
def test_titles_and_labels_set_after_a_helper_are_drawn_as_written(name: str, drawn) -> None:
    # what the report does: "Polarity track of the first article, <file stem>"
    ax = plot_polarity_track(nf.read_article("It was a good day. It was a terrible day.\n"))
    ax.set_title(f"Polarity track of the first article, {name}", loc="left")
    ax.set_title(name)
    ax.set_title(name, loc="right")
    ax.set_xlabel(name)
    ax.set_ylabel(name)
    _render(ax)
    strings = [s for s, _ in drawn]
    assert f"Polarity track of the first article, {name}" in strings
    assert strings.count(name) == 4  # centre and right titles, both axis labels
    _assert_drawn_as_written(drawn)


def test_country_names_and_sections_from_the_data_are_drawn_as_written(drawn) -> None:
    coverage = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC"],
            "country": NAMES[:3],
            "mentions": [3, 2, 1],
            "body": [3, 2, 1],
        }
    )
    _render(plot_coverage_bars(coverage))
    over_time = pd.DataFrame(
        {
            "country": NAMES[2:5],
            "period": pd.to_datetime(["2013-01-01"] * 3),
            "mentions": [1, 2, 3],
        }
    )
    _render(plot_coverage_heatmap(over_time))
    pooled = pd.DataFrame({"days": [-1, 0, 1], "section": NAMES[3:6], "weight": [1.0, 2, 1]})
    _render(plot_days_from_publication(pooled))
    _assert_drawn_as_written(drawn, *NAMES)


def test_section_labels_and_titles_in_sentiment_charts(drawn) -> None:
    summary = pd.DataFrame(
        {
            "section": NAMES,
            "sentences": [12, 3, 0, 5, 20, 1],
            "polarity_mean": [0.2, -0.1, float("nan"), 0.0, 0.3, 0.1],
            "ci_low": [0.1, -0.3, float("nan"), -0.1, 0.2, float("nan")],
            "ci_high": [0.3, 0.1, float("nan"), 0.1, 0.4, float("nan")],
            "few_sentences": [False, True, True, True, False, True],
        }
    )
    _render(plot_sentiment_by_section(summary, title=NAMES[3]))
    _render(plot_sentiment_by_section(summary.assign(article=NAMES[0]), title=NAMES[1]))
    drawn_strings = [s for s, _ in drawn]
    assert NAMES[3] in drawn_strings and f"{NAMES[1]}, 1 articles" in drawn_strings
    _assert_drawn_as_written(drawn, *(f"{n} (n=" for n in NAMES))


def test_surfaces_and_titles_in_timeline_charts(drawn) -> None:
    schema = SCHEMAS["dates"]
    day = pd.Timestamp("2013-01-17")
    dates = pd.DataFrame(
        {
            "line": [1, 2],
            "sentence": [0, 1],
            "section": pd.Categorical(["body", "title"], dtype=schema["section"]),
            "start": [0, 0],
            "end": [3, 3],
            "surface": NAMES[:2],
            "date_start": pd.Series([day, day], dtype="datetime64[s]"),
            "date_end": pd.Series([day, day + pd.Timedelta(days=6)], dtype="datetime64[s]"),
            "granularity": pd.Categorical(["day", "week"], dtype=schema["granularity"]),
            "anchor": pd.Categorical(["explicit", "publication"], dtype=schema["anchor"]),
        }
    )
    _render(plot_date_strip(dates, title=NAMES[2]))
    _render(plot_timeline_density(dates, title=NAMES[3], published="2013-01-18"))
    _assert_drawn_as_written(drawn, f" {NAMES[0]}  (line 1)", f" {NAMES[1]}  (line 2)")
    assert NAMES[2] in [s for s, _ in drawn] and NAMES[3] in [s for s, _ in drawn]


def test_a_given_axes_gets_plain_titles(drawn) -> None:
    _, (left, right) = plt.subplots(1, 2)
    lines = nf.read_article("A title line\n\nBody text that says something.\n").lines
    plot_section_counts(lines, ax=left)
    left.set_title(NAMES[3])
    right.set_title(NAMES[4])  # an axes no helper drew on is left as matplotlib made it
    _render(left)
    assert (NAMES[3], False) in drawn
    assert ("a$b", False) in drawn  # matplotlib's own reading of an escaped dollar
