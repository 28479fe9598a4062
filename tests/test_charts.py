"""Charts a data desk would publish: colours that read off their scale, territories as
themselves, span lanes apart from day counts, long spans that do not squeeze the others."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.path import Path as MplPath

from newsframe.plots.coverage import _bins, country_shapes, plot_world_map


def _coverage(counts: dict[str, int]) -> pd.DataFrame:
    rows = [{"iso3": k, "country": k, "mentions": v, "body": v} for k, v in counts.items()]
    return pd.DataFrame(rows)


def _ring_colors(ax) -> dict[str, set[tuple[float, ...]]]:
    """ISO3 -> the face colours of its rings (rings are drawn in country_shapes order)."""
    faces = ax.collections[0].get_facecolors()
    out: dict[str, set[tuple[float, ...]]] = {}
    i = 0
    for iso, rings in country_shapes().items():
        for _ in rings:
            out.setdefault(iso, set()).add(tuple(np.round(faces[i], 4)))
            i += 1
    assert i == len(faces)
    return out


def _colorbar_colors(ax) -> list[tuple[float, ...]]:
    """The colour the colour bar shows at each of its labelled ticks, bottom first."""
    bar = ax.figure.axes[-1]._colorbar
    return [tuple(np.round(bar.mappable.to_rgba(t), 4)) for t in bar.get_ticks()]


def _bar_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.figure.axes[-1].get_yticklabels()]


def test_bins_are_labelled_and_end_at_the_top_count() -> None:
    assert _bins(1) == [1]
    assert _bins(4) == [1, 2, 3]
    assert _bins(57) == [1, 2, 3, 5, 10, 20, 50]
    fig, ax = plt.subplots()
    plot_world_map(_coverage({"FRA": 57, "MLI": 1, "DZA": 12}), ax=ax)
    assert _bar_labels(ax) == ["1", "2", "3–4", "5–9", "10–19", "20–49", "50–57"]
    plt.close(fig)


def test_each_country_has_its_bin_colour_from_the_bar() -> None:
    fig, ax = plt.subplots()
    plot_world_map(_coverage({"FRA": 57, "MLI": 1, "DZA": 12}), ax=ax)
    bar = _colorbar_colors(ax)
    colors = _ring_colors(ax)
    assert colors["MLI"] == {bar[0]}  # one mention: the first bin, not a shade of ten
    assert colors["DZA"] == {bar[4]}  # 10-19
    assert colors["FRA"] == {bar[6]}  # 50-57
    grey = tuple(np.round(plt.matplotlib.colors.to_rgba("#e6e6e6"), 4))
    assert colors["NER"] == {grey}
    # one mention stays far from "not mentioned"
    assert np.abs(np.array(bar[0][:3]) - np.array(grey[:3])).sum() > 0.25
    plt.close(fig)


def test_overseas_territories_are_themselves() -> None:
    shapes = country_shapes()
    cayenne = np.array([[-52.33, 4.94]])  # French Guiana
    saint_denis = np.array([[55.45, -20.88]])  # Réunion
    assert any(MplPath(r).contains_points(cayenne)[0] for r in shapes["GUF"])
    assert any(MplPath(r).contains_points(saint_denis)[0] for r in shapes["REU"])
    assert not any(MplPath(r).contains_points(cayenne)[0] for r in shapes["FRA"])
    paris = np.array([[2.35, 48.86]])
    assert any(MplPath(r).contains_points(paris)[0] for r in shapes["FRA"])
    fig, ax = plt.subplots()
    plot_world_map(_coverage({"FRA": 3}), ax=ax)
    colors = _ring_colors(ax)
    assert colors["GUF"] != colors["FRA"]
    plt.close(fig)


@pytest.mark.parametrize("top", [1, 2, 7])
def test_few_counts_still_draw_a_labelled_bar(top: int) -> None:
    fig, ax = plt.subplots()
    plot_world_map(_coverage({"MLI": top}), ax=ax)
    labels = _bar_labels(ax)
    assert labels[-1].endswith(str(top)) and labels[0].startswith("1")
    plt.close(fig)


def test_shapes_come_back_from_the_cache_exactly(tmp_path, monkeypatch) -> None:
    from newsframe.plots import coverage

    monkeypatch.setenv("NEWSFRAME_CACHE_DIR", str(tmp_path))
    built = coverage._build_country_shapes(4)
    path = coverage._shapes_file(4)
    assert path.parent == tmp_path and not path.exists()
    coverage._save_shapes(built, path)
    cached = coverage._load_shapes(path)
    assert cached is not None and list(cached) == list(built)  # the drawing order too
    for iso, rings in built.items():
        assert len(cached[iso]) == len(rings)
        for got, want in zip(cached[iso], rings, strict=True):
            assert got.dtype == want.dtype and np.array_equal(got, want)
    path.write_bytes(b"not a cache file")
    assert coverage._load_shapes(path) is None  # unreadable: built again
    coverage.country_shapes.cache_clear()
    try:
        shapes = coverage.country_shapes()
        assert list(shapes) == list(built) and coverage._load_shapes(path) is not None
    finally:
        coverage.country_shapes.cache_clear()


# -- timeline ----------------------------------------------------------------------------------
def _dates(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    from newsframe.frames import SCHEMAS

    schema = SCHEMAS["dates"]
    n = len(rows)
    return pd.DataFrame(
        {
            "line": range(1, n + 1),
            "sentence": range(n),
            "section": pd.Categorical(["body"] * n, dtype=schema["section"]),
            "start": [0] * n,
            "end": [3] * n,
            "surface": [r[0] for r in rows],
            "date_start": pd.Series([pd.Timestamp(r[1]) for r in rows], dtype="datetime64[s]"),
            "date_end": pd.Series([pd.Timestamp(r[2]) for r in rows], dtype="datetime64[s]"),
            "granularity": pd.Categorical([r[3] for r in rows], dtype=schema["granularity"]),
            "anchor": pd.Categorical(["publication"] * n, dtype=schema["anchor"]),
        }
    )


ROWS = [
    ("Friday", "2013-01-11", "2013-01-11", "day"),
    ("Sunday", "2013-01-13", "2013-01-13", "day"),
    ("last week", "2013-01-07", "2013-01-13", "week"),
    ("last year", "2012-01-01", "2012-12-31", "year"),
]


def test_span_lanes_have_their_own_panel_and_no_empty_lane() -> None:
    from newsframe.plots.timeline import plot_timeline_density

    ax = plot_timeline_density(_dates(ROWS), published="2013-01-18")
    assert ax.get_ylabel() == "mentions per day"
    assert ax.get_ylim()[1] < 2  # two days with one mention each; no band on this axis
    (panel,) = ax.child_axes
    # the year lies outside the range: its lane is not drawn, and it is counted in the note
    assert [t.get_text() for t in panel.get_yticklabels()] == ["week"]
    assert "1 mention(s) outside this range" in ax.get_xlabel()
    assert not [t for t in ax.texts if "outside" in t.get_text()]  # not behind the bars
    plt.close(ax.figure)


def test_without_a_publication_date_the_chart_says_why() -> None:
    from newsframe.plots.timeline import plot_timeline_density

    frame = _dates(ROWS[:2])
    frame.loc[1, ["date_start", "date_end"]] = pd.NaT
    ax = plot_timeline_density(frame)
    assert "1 expression(s) unresolved: no publication date" in ax.get_xlabel()
    plt.close(ax.figure)
    frame.loc[0, ["date_start", "date_end"]] = pd.NaT
    ax = plot_timeline_density(frame)
    assert any("2 expression(s) unresolved: no publication date" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_a_long_span_does_not_squeeze_the_date_strip() -> None:
    import matplotlib.dates as mdates

    from newsframe.plots.timeline import plot_date_strip

    ax = plot_date_strip(_dates(ROWS))
    lo, hi = (mdates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    assert pd.Timestamp("2013-01-05") <= lo and hi <= pd.Timestamp("2013-01-16")  # the days
    labels = [t.get_text() for t in ax.texts]
    assert any("last year" in t and "2012-01-01 – 2012-12-31" in t for t in labels)
    assert "1 span(s) longer than a week cut" in ax.get_xlabel()
    plt.close(ax.figure)
    ax = plot_date_strip(_dates(ROWS[3:]))  # only the long span: drawn whole
    assert ax.get_xlabel() == ""
    plt.close(ax.figure)


def test_heatmap_cells_without_mentions_are_white_and_one_mention_is_not() -> None:
    from newsframe.plots.corpus import plot_coverage_heatmap

    periods = pd.to_datetime(["2024-01-01", "2024-02-01"]).astype("datetime64[s]")
    over_time = pd.DataFrame(
        {
            "period": [periods[0], periods[1], periods[1]],
            "iso3": ["FRA", "FRA", "MLI"],
            "country": ["France", "France", "Mali"],
            "mentions": [40, 1, 1],
            "articles": [1, 1, 1],
        }
    )
    fig, ax = plt.subplots()
    plot_coverage_heatmap(over_time, ax=ax)
    image = ax.images[0]
    rgba = image.to_rgba(image.get_array())
    # rows: France, Mali; columns: January, February. Mali in January has no mention.
    assert tuple(rgba[1, 0][:3]) == (1.0, 1.0, 1.0)
    one = rgba[1, 1][:3]
    assert max(1.0 - c for c in one) > 0.15  # one mention is visibly tinted
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["1", "1", "40"]  # every non-empty cell carries its count
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-01", "2024-02"]
    plt.close(fig)


def test_section_counts_say_one_line_not_one_lines() -> None:
    from newsframe.plots.structure import plot_section_counts

    lines = pd.DataFrame(
        {
            "line": [0, 1, 2],
            "section": pd.Categorical(["title", "body", "body"]),
            "text": ["Flood", "Rain fell in Sindh.", "It went on."],
        }
    )
    fig, ax = plt.subplots()
    plot_section_counts(lines, ax=ax)
    labels = sorted(t.get_text().strip() for t in ax.texts)
    assert labels == ["1 word, 1 line", "7 words, 2 lines"]
    plt.close(fig)
