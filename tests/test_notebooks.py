"""The notebooks are reviewable text: each ``.ipynb`` is paired with a jupytext percent script.

The ``notebooks/NN-name.py`` file is the source that is reviewed and edited; the ``.ipynb``
beside it is what papermill runs, committed without outputs. ``make notebooks-sync`` brings a
pair back in step. These tests check that every pair holds the same cells, that the committed
notebooks carry no outputs, and that every notebook has the same layout: a markdown purpose
cell, a documented ``parameters`` cell, the data read once, and prose before every chart.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import tomllib

import jupytext
import nbformat
import papermill
import pytest

from newsframe.paths import NOTEBOOKS, ROOT
from newsframe.report import strip_outputs

NAMES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))


def _cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def _ipynb(name: str):
    return jupytext.reads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"), fmt="ipynb")


def _script(name: str):
    return jupytext.reads((NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8"), fmt="py:percent")


def test_notebooks_are_found():
    assert "00-report" in NAMES and len(NAMES) >= 5


def test_pairing_is_configured_at_the_top_level():
    config = tomllib.loads((ROOT / "jupytext.toml").read_text(encoding="utf-8"))
    assert config["formats"] == "ipynb,py:percent"


def test_every_notebook_has_its_script_and_every_script_its_notebook():
    scripts = sorted(p.stem for p in NOTEBOOKS.glob("*.py"))
    assert scripts == NAMES, "run `make notebooks-sync` to create the missing half of a pair"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_and_script_hold_the_same_cells(name):
    notebook, script = _cells(_ipynb(name)), _cells(_script(name))
    assert len(notebook) == len(script), f"{name}: cell count differs; run `make notebooks-sync`"
    for i, (a, b) in enumerate(zip(notebook, script, strict=True)):
        assert a == b, f"{name}: cell {i} differs between .ipynb and .py; run `make notebooks-sync`"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {i} has outputs; run `make notebooks-strip`"
            assert cell.execution_count is None, f"{name}: cell {i} has an execution count"
    assert strip_outputs([path]) == []  # nothing else (papermill metadata...) to strip


def _parameters(source: str) -> list[tuple[str, int]]:
    """(name, line) of every variable the parameters cell assigns at top level."""
    out = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        out += [(t.id, node.lineno) for t in targets if isinstance(t, ast.Name)]
    return out


def _comment_lines(source: str) -> set[int]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {tok.start[0] for tok in tokens if tok.type == tokenize.COMMENT}


@pytest.mark.parametrize("name", NAMES)
def test_notebook_opens_with_purpose_then_documented_parameters(name):
    nb = _script(name)
    purpose, params = nb.cells[0], nb.cells[1]
    assert purpose.cell_type == "markdown" and purpose.source.startswith("# ")
    prose = [p for p in purpose.source.split("\n\n")[1:] if p.strip() and not p.startswith("#")]
    assert prose, f"{name}: the first cell needs a paragraph saying what the notebook is for"
    assert params.cell_type == "code" and params.metadata.get("tags") == ["parameters"]
    names = _parameters(params.source)
    assert names, f"{name}: the parameters cell sets no variable"
    comments = _comment_lines(params.source)
    undocumented = [n for n, line in names if line not in comments]
    assert not undocumented, f"{name}: parameters without a comment on their line: {undocumented}"
    # papermill reads the same comments as each parameter's help (papermill --help-notebook)
    seen = papermill.inspect_notebook(str(NOTEBOOKS / f"{name}.ipynb"))
    assert sorted(seen) == sorted(n for n, _ in names)
    assert all(p["help"] for p in seen.values())


@pytest.mark.parametrize("name", NAMES)
def test_prose_before_every_chart(name):
    cells = _script(name).cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and re.search(r"\bplot_\w+\(", cell.source):
            assert cells[i - 1].cell_type == "markdown", f"{name}: cell {i} has no prose"


_READ = re.compile(r"\bread_(?:article|corpus)\(|\b(?:list|iter)\(data\)")


@pytest.mark.parametrize("name", NAMES)
def test_data_is_read_once_right_after_the_parameters(name):
    cells = _script(name).cells
    reading = [i for i, c in enumerate(cells) if c.cell_type == "code" and _READ.search(c.source)]
    assert len(reading) == 1, f"{name}: cells {reading} read the data; read it once, at the top"
    (i,) = reading
    between = cells[2:i]
    assert all(c.cell_type == "markdown" for c in between), f"{name}: read the data first"
