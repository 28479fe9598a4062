"""Every chart of the analysis notebooks is saved with its data (PNG + CSV), The Markup's style."""

from __future__ import annotations

import re

import jupytext
import matplotlib.pyplot as plt
import pandas as pd
import papermill
import pytest
from PIL import Image

from newsframe.paths import NOTEBOOKS, SEED
from newsframe.plots import save_figure
from newsframe.report import execute_notebook

ANALYSIS = sorted(p.stem for p in NOTEBOOKS.glob("0[1-9]-*.py"))
SAVE = re.compile(r'save_figure\(ax, \w[\w.()\d]*, "(?P<name>[\w-]+)", figures_dir\)')


def _saved_names(name: str) -> list[str]:
    source = (NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    return SAVE.findall(source)


def test_the_analysis_notebooks_are_01_to_04() -> None:
    assert ANALYSIS == [
        "01-article-structure",
        "02-coverage-by-country",
        "03-timeline",
        "04-sentiment-by-section",
    ]


@pytest.mark.parametrize("name", ANALYSIS)
def test_every_chart_is_saved_with_its_data(name: str) -> None:
    params = papermill.inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    assert params["figures_dir"]["default"] == "None"
    assert "reports/figures" in params["figures_dir"]["help"]
    cells = jupytext.reads((NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8"), "py:percent")
    for cell in cells.cells:
        charts = len(re.findall(r"\bplot_\w+\(", cell.source))
        if cell.cell_type == "code" and charts:
            saved = SAVE.findall(cell.source)
            assert len(saved) == charts, f"{name}: a chart without save_figure:\n{cell.source}"
            # saved before plt.show(), which may close the figure
            assert cell.source.index("save_figure(") < cell.source.index("plt.show()")
    names = _saved_names(name)
    assert names and len(names) == len(set(names)), f"{name}: figure names must be unique"


def test_the_report_notebook_has_no_figures_parameter() -> None:
    assert "figures_dir" not in papermill.inspect_notebook(str(NOTEBOOKS / "00-report.ipynb"))


@pytest.mark.slow
def test_executing_a_notebook_writes_each_png_beside_its_csv(tmp_path) -> None:
    name = "01-article-structure"
    figures = tmp_path / "figures" / "not yet there"
    execute_notebook(
        NOTEBOOKS / f"{name}.ipynb",
        tmp_path / f"{name}.ipynb",
        {"article_path": str(SEED), "figures_dir": str(figures)},
    )
    expected = _saved_names(name)
    assert sorted(p.name for p in figures.iterdir()) == sorted(
        f"{n}.{ext}" for n in expected for ext in ("csv", "png")
    )
    for n in expected:
        with Image.open(figures / f"{n}.png") as image:
            assert image.width > 200 and image.height > 100
        assert len(pd.read_csv(figures / f"{n}.csv")) > 0


def test_save_figure_creates_its_folder_and_saves_the_whole_figure_of_a_subfigure(
    tmp_path,
) -> None:
    fig = plt.figure(figsize=(6, 3))
    left, right = fig.subfigures(1, 2)
    inner = right.subfigures(1, 1)  # nested: the root is two levels up
    left.subplots().plot([0, 1], [0, 1])
    ax = inner.subplots()
    ax.bar(["a", "b"], [1, 2])
    data = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    png = save_figure(ax, data, "bars", tmp_path / "a" / "b")
    assert png == tmp_path / "a" / "b" / "bars.png"
    with Image.open(png) as image:
        assert image.width > image.height  # both subfigures, not only the one holding ax
    pd.testing.assert_frame_equal(pd.read_csv(png.with_suffix(".csv")), data)
    plt.close(fig)
