"""The notebooks are reviewable text: each ``.ipynb`` is paired with a jupytext percent script.

The ``notebooks/NN-name.py`` file is the source that is reviewed and edited; the ``.ipynb``
beside it is what papermill runs, committed without outputs. ``make notebooks-sync`` brings a
pair back in step. These tests check that every pair holds the same cells, that the committed
notebooks carry no outputs, and that every notebook has the same layout: a markdown purpose
cell, a documented ``parameters`` cell, the data read once, and prose before every chart.
"""

from __future__ import annotations

import ast
import copy
import io
import json
import re
import shutil
import subprocess
import sys
import tokenize
import tomllib

import jupytext
import nbformat
import papermill
import pytest

import newsframe.lab as lab
from newsframe.paths import CHECKOUT, NOTEBOOKS, REPORT_NOTEBOOK, ROOT

NAMES = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))


def _cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


def _ipynb(name: str):
    return jupytext.reads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"), fmt="ipynb")


def _script(name: str):
    return jupytext.reads((NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8"), fmt="py:percent")


def test_notebooks_are_found():
    assert "00-report" in NAMES and len(NAMES) >= 5


def test_pairing_is_configured_beside_the_notebooks():
    # beside them, so that JupyterLab started on notebooks/ (`make lab`) finds it too: its
    # contents manager looks for the file no higher than the folder it serves
    config = tomllib.loads((NOTEBOOKS / "jupytext.toml").read_text(encoding="utf-8"))
    assert config["formats"] == "ipynb,py:percent"
    assert not (ROOT / "jupytext.toml").exists()  # one configuration, not two


def test_every_notebook_has_its_script_and_every_script_its_notebook():
    scripts = sorted(p.stem for p in NOTEBOOKS.glob("*.py"))
    assert scripts == NAMES, "run `make notebooks-sync` to create the missing half of a pair"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_and_script_hold_the_same_cells(name):
    notebook, script = _cells(_ipynb(name)), _cells(_script(name))
    assert len(notebook) == len(script), f"{name}: cell count differs; run `make notebooks-sync`"
    for i, (a, b) in enumerate(zip(notebook, script, strict=True)):
        assert a == b, f"{name}: cell {i} differs between .ipynb and .py; run `make notebooks-sync`"


def _committed(path) -> str:
    """The text git would commit for ``path`` (its staged version), else the file itself.

    Outputs that JupyterLab writes into the working copy do not fail the suite; outputs that
    are staged for a commit do.
    """
    git = shutil.which("git")
    if git and CHECKOUT is not None:
        rel = path.relative_to(CHECKOUT).as_posix()
        res = subprocess.run(
            [git, "-C", str(CHECKOUT), "show", f":{rel}"], capture_output=True, text=True
        )
        if res.returncode == 0:
            return res.stdout
    return path.read_text(encoding="utf-8")


def _without_outputs(text: str, name: str) -> None:
    nb = json.loads(text)
    stripped = copy.deepcopy(nb)
    lab.strip_model(stripped)
    for i, (cell, clean) in enumerate(zip(nb["cells"], stripped["cells"], strict=True)):
        assert cell == clean, f"{name}: cell {i} has outputs; run `make notebooks-strip`"
    assert nb == stripped, f"{name}: run metadata left; run `make notebooks-strip`"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name):
    _without_outputs(_committed(NOTEBOOKS / f"{name}.ipynb"), name)


def test_the_packaged_report_notebook_is_the_report_notebook():
    assert REPORT_NOTEBOOK.is_file()
    packaged = jupytext.reads(REPORT_NOTEBOOK.read_text(encoding="utf-8"), fmt="ipynb")
    assert _cells(packaged) == _cells(_script("00-report")), "run `make notebooks-sync`"
    _without_outputs(REPORT_NOTEBOOK.read_text(encoding="utf-8"), "report.ipynb")


def _notebook_with_outputs() -> dict:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), cell]
    return json.loads(nbformat.writes(nb))


def test_jupyter_saves_the_project_notebooks_without_outputs(tmp_path, monkeypatch):
    """The pre-save hook that `make install` registers, run by Jupyter's own file manager."""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    project = tmp_path / "notebooks"
    elsewhere = tmp_path / "scratch"
    project.mkdir()
    elsewhere.mkdir()
    monkeypatch.setattr(lab, "NOTEBOOKS", project)
    manager = FileContentsManager(root_dir=str(tmp_path), pre_save_hook=lab.HOOK)
    for folder in ("notebooks", "scratch"):
        manager.save({"type": "notebook", "content": _notebook_with_outputs()}, f"{folder}/n.ipynb")
    saved = nbformat.read(project / "n.ipynb", as_version=4)
    assert saved.cells[1].outputs == [] and saved.cells[1].execution_count is None
    assert saved.cells[1].source == "1 + 1"
    other = nbformat.read(elsewhere / "n.ipynb", as_version=4)
    assert other.cells[1].outputs != []  # a notebook outside notebooks/ keeps its outputs


def test_the_hook_is_registered_in_the_environment(tmp_path):
    # in the file Jupyter Server reads settings from (the .d folder only enables extensions),
    # keeping what the file held
    old = tmp_path / "etc/jupyter/jupyter_server_config.d/newsframe.json"
    old.parent.mkdir(parents=True)
    old.write_text("{}")
    existing = tmp_path / "etc/jupyter/jupyter_server_config.json"
    existing.write_text(json.dumps({"ServerApp": {"ip": "127.0.0.1"}}))
    path = lab.install_config(str(tmp_path))
    assert path == existing
    config = json.loads(path.read_text())
    assert config["ContentsManager"]["pre_save_hook"] == lab.HOOK
    assert config["ServerApp"] == {"ip": "127.0.0.1"}
    assert not old.exists()
    if CHECKOUT is not None and sys.prefix == str(CHECKOUT / ".venv"):  # `make install` ran
        installed = json.loads(lab.config_file().read_text(encoding="utf-8"))
        assert installed["ContentsManager"]["pre_save_hook"] == lab.HOOK


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
