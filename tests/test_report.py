"""The notebooks run headless from a clean checkout, and the HTML report reads right in a browser.

The browser tests drive Debian's Chromium through Playwright (``executable_path``; no browser
download) with every network request blocked. They are skipped, loudly, only when Chromium is
not installed; ``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from newsframe.cli import main
from newsframe.errors import NewsframeError
from newsframe.paths import NOTEBOOKS, REPORTS, SEED
from newsframe.report import (
    REPORT_NOTEBOOK,
    ReportError,
    build_report,
    execute_notebook,
    missing_charts,
    report_title,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
ANALYSIS_NOTEBOOKS = sorted(p.name for p in NOTEBOOKS.glob("0[1-9]-*.ipynb"))


# The layout of the notebooks (purpose, parameters, prose before charts) and their pairing
# with the jupytext scripts are checked in test_notebooks.py.
MAX_TABLE_ROWS = 20  # a longer table is better shown with .head() or as a chart


def _longest_table(nb: nbformat.NotebookNode) -> int:
    """Rows in the longest table (HTML output) an executed notebook shows."""
    rows = [0]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            rows += [body.count("<tr") for body in re.findall(r"<tbody>(.*?)</tbody>", html, re.S)]
    return max(rows)


@pytest.mark.slow
@pytest.mark.parametrize("name", ANALYSIS_NOTEBOOKS)
def test_analysis_notebooks_execute(name, tmp_path):
    out = execute_notebook(NOTEBOOKS / name, tmp_path / name, {"article_path": str(SEED)})
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no chart was drawn"
    assert _longest_table(nb) <= MAX_TABLE_ROWS


@pytest.fixture(scope="session")
def seed_report() -> Path:
    return build_report([SEED])


@pytest.mark.slow
def test_report_file_and_record(seed_report):
    assert seed_report == REPORTS / "000_0e20855109353e98.html"
    assert seed_report.with_suffix(".ipynb").is_file()  # the executed notebook, as a record
    html = seed_report.read_text(encoding="utf-8")
    assert "<script src=" not in html and "require.js" not in html and "MathJax" not in html
    assert 'class="jp-CodeMirrorEditor' not in html and 'class="highlight' not in html  # no code
    assert "In&nbsp;[" not in html and ">Out[" not in html  # no prompts
    assert html.count('src="data:image/png;base64,') >= 7  # every chart embedded
    assert 'href="#Coverage-by-country"' in html  # table of contents
    record = nbformat.read(seed_report.with_suffix(".ipynb"), as_version=4)
    assert _longest_table(record) <= MAX_TABLE_ROWS


def _open(page_path: Path, tmp_path: Path, width: int = 1100):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    )
    context = browser.new_context(viewport={"width": width, "height": 900}, offline=True)
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return pw, browser, page, blocked, dialogs


@pytest.mark.slow
@needs_chromium
def test_report_in_a_browser_offline(seed_report, tmp_path):
    pw, browser, page, blocked, dialogs = _open(seed_report, tmp_path)
    try:
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
        )
        text = page.inner_text("body")
        page.screenshot(path=str(REPORTS / "000_0e20855109353e98-screenshot.png"), full_page=False)
    finally:
        browser.close()
        pw.stop()
    assert blocked == []  # the page asked the network for nothing
    assert dialogs == []
    assert len(images) >= 7
    assert all(ok and w > 100 and h > 100 for ok, w, h in images)  # every chart decodes
    for heading in (
        "Article overview",
        "Coverage by country",
        "Timeline",
        "Sentiment by section",
        "Method and limits",
    ):
        assert heading in text
    assert "French, Malian forces seize key city from militants" in text
    assert "Bamako, Mali (CNN) --" in text
    assert "import newsframe" not in text  # code is hidden


SCREENSHOTS_TO_DOCS = "NEWSFRAME_SCREENSHOTS_TO_DOCS"
"""Set to 1 to save the screenshots below into docs/ as well (how docs/report-*.png are made)."""


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("width", [1280, 400])
def test_report_reads_at_desk_and_phone_widths(seed_report, tmp_path, width):
    import os

    pw, browser, page, blocked, dialogs = _open(seed_report, tmp_path, width=width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        charts = page.evaluate(
            "Array.from(document.images).map(i => [i.alt, i.getBoundingClientRect().width,"
            " i.naturalWidth])"
        )
        boxes = page.evaluate(
            "Array.from(document.querySelectorAll('table')).map(t => {"
            " const box = t.closest('.nf-table');"
            " return [box !== null, box ? box.getBoundingClientRect().right : 1e9,"
            " box ? getComputedStyle(box).overflowX : ''];})"
        )
        index_cells = page.evaluate("document.querySelectorAll('table tbody th').length")
        shot = REPORTS / f"report-{width}.png"
        page.screenshot(path=str(shot), full_page=False)
    finally:
        browser.close()
        pw.stop()
    if os.environ.get(SCREENSHOTS_TO_DOCS) == "1":
        shutil.copy(shot, Path(__file__).parents[1] / "docs" / shot.name)
    assert blocked == [] and dialogs == []
    assert overflow <= 1, "the page itself scrolls sideways"
    alts = [alt for alt, _, _ in charts]
    assert len(alts) >= 7 and len(set(alts)) == len(alts), "every chart needs its own alt text"
    for alt, shown, natural in charts:
        # type of 7 pt at 110 dpi is 10.7 px: drawn at 0.85 or more it stays at 9 px or more
        assert shown >= 0.85 * natural - 1, f"{alt}: {shown:.0f} of {natural} px"
    assert boxes and all(
        inside and right <= width + 1 and ox == "auto" for inside, right, ox in boxes
    )
    assert index_cells == 0  # no pandas index column


CRAFTED = (
    "WASHINGTON (CNN) -- A wonderful, excellent day <script>alert(1)</script> in Paris, "
    "officials said on Monday.\n"
    "The terrible, awful <img src=x onerror=alert(2)> attack in London was condemned.\n"
    'Read [the best report](javascript:alert(3)) and <a href="javascript:alert(4)">this</a> '
    "about France.\n"
)


@pytest.mark.slow
@needs_chromium
def test_crafted_article_runs_nothing(tmp_path):
    art = tmp_path / "crafted.txt"
    art.write_text(CRAFTED, encoding="utf-8")
    (tmp_path / "crafted.meta.json").write_text(
        json.dumps(
            {
                "title": "<img src=x onerror=alert(5)> [x](javascript:alert(6))",
                "published": "2024-05-06",
            }
        ),
        encoding="utf-8",
    )
    html_path = build_report([art], output=tmp_path / "crafted.html")
    pw, browser, page, blocked, dialogs = _open(html_path, tmp_path)
    try:
        text = page.inner_text("body")
        bad_imgs = page.evaluate("document.querySelectorAll('img[src=\"x\"]').length")
        js_links = page.evaluate(
            "Array.from(document.links).filter(a => a.href.startsWith('javascript:')).length"
        )
        scripts = page.evaluate(
            "Array.from(document.scripts).filter(s => s.text.includes('alert')).length"
        )
    finally:
        browser.close()
        pw.stop()
    assert dialogs == []
    assert bad_imgs == 0 and js_links == 0 and scripts == 0
    assert "<img src=x onerror=alert(5)>" in text  # shown as text
    assert blocked == []


def test_bad_input_fails_before_any_kernel(tmp_path, capsys, monkeypatch):
    import newsframe.report as report

    started = []
    monkeypatch.setattr(report, "_run_notebook", lambda *a, **k: started.append(a))
    with pytest.raises(NewsframeError, match="no such file"):
        build_report([tmp_path / "missing.txt"], output=tmp_path / "missing.html")
    assert main(["report", str(SEED), "--published", "2013-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a calendar date" in err
    assert started == []  # no kernel was asked for
    assert not (tmp_path / "missing.html").exists()


def test_export_is_atomic_and_readable(seed_report, tmp_path, monkeypatch):
    import os
    import stat

    import newsframe.report as report

    assert stat.S_IMODE(seed_report.stat().st_mode) & 0o044  # group and others can read it
    target = tmp_path / "out.html"

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(report.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        report.export_html(seed_report.with_suffix(".ipynb"), target)
    assert not target.exists()
    assert os.listdir(tmp_path) == []  # the temporary file was removed


@pytest.mark.slow
def test_failing_cell_names_cell_and_article_and_leaves_no_html(tmp_path):
    nb = nbformat.read(NOTEBOOKS / "00-report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("raise RuntimeError('boom')"))
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    out = tmp_path / "out.html"
    with pytest.raises(ReportError, match=r"000_0e20855109353e98\.txt.*cell.*RuntimeError: boom"):
        build_report([SEED], output=out, notebook=broken)
    assert not out.exists()
    assert not list(tmp_path.glob(".report-*"))


@pytest.mark.slow
def test_corpus_report_lists_bad_files_and_pools_the_rest(tmp_path):
    from newsframe.paths import CNN_STORIES

    bad = tmp_path / "empty.txt"
    bad.write_text("")
    stories = sorted(CNN_STORIES.glob("*.story"))[:3]
    html_path = build_report([*stories, bad], output=tmp_path / "corpus.html")
    html = html_path.read_text(encoding="utf-8")
    assert "3 of 4 articles read" in html
    assert "empty.txt: the file is empty" in html
    assert "Chart: Coverage by country" in html  # bars, map and the heat map over time
    assert html.count('src="data:image/png;base64,') >= 7
    assert ">NaN<" not in html
    record = nbformat.read(html_path.with_suffix(".ipynb"), as_version=4)
    assert _longest_table(record) <= MAX_TABLE_ROWS


@pytest.mark.slow
def test_agg_in_the_environment_still_gives_every_chart(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")  # as on servers and in CI
    html_path = build_report([SEED], output=tmp_path / "agg.html")
    html = html_path.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') >= 7
    assert missing_charts(html_path.with_suffix(".ipynb")) == []


@pytest.mark.slow
def test_a_report_without_its_charts_fails_clearly(tmp_path):
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    # after the imports cell (which forces the inline backend), as if it had not
    nb.cells.insert(3, nbformat.v4.new_code_cell("plt.switch_backend('agg')"))
    broken = tmp_path / "no-charts.ipynb"
    nbformat.write(nb, broken)
    out = tmp_path / "out.html"
    with pytest.raises(ReportError, match=r"chart\(s\) missing.*Article overview.*Coverage by"):
        build_report([SEED], output=out, notebook=broken)
    assert not out.exists()


def test_missing_charts_reads_chart_cells_and_their_notes(tmp_path):
    v4 = nbformat.v4
    drawn = v4.new_code_cell("ax = plot_x(df)\nplt.show()")
    drawn.outputs = [v4.new_output("display_data", {"image/png": "iVBORw0KGgo="})]
    noted = v4.new_code_cell("if many:\n    plt.show()\nelse:\n    note()")
    noted.outputs = [v4.new_output("display_data", {"text/html": "<p class='nf-note'>one</p>"})]
    lost = v4.new_code_cell("display(table)\nplot_y(df)\nplt.show()")
    lost.outputs = [v4.new_output("display_data", {"text/html": "<table></table>"})]
    commented = v4.new_code_cell("# plt.show() is not called here\nx = 1")
    nb = v4.new_notebook(
        cells=[
            v4.new_markdown_cell("## Maps"),
            drawn,
            noted,
            v4.new_markdown_cell("## Tone"),
            lost,
            commented,
        ]
    )
    path = tmp_path / "run.ipynb"
    nbformat.write(nb, path)
    assert missing_charts(path) == ["cell 5 (Tone)"]


def test_notebook_tools_load_without_their_slow_optional_imports():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsframe.report import _import_notebook_tools\n"
        "_import_notebook_tools()\n"
        "print('papermill' in sys.modules, 'jsonschema' in sys.modules,\n"
        "      'rfc3987_syntax' in sys.modules, 'pyarrow.fs' in sys.modules)\n"
        "import rfc3987_syntax, pyarrow.fs\n"  # still importable afterwards
        "print(sys.modules['rfc3987_syntax'] is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False", "False", "True"]


def test_export_from_the_executed_notebook_equals_export_from_its_file(seed_report, tmp_path):
    import nbformat

    import newsframe.report as report

    from_file = report.export_html(seed_report.with_suffix(".ipynb"), tmp_path / "file.html")
    node = nbformat.read(str(seed_report.with_suffix(".ipynb")), as_version=4)
    warm = report._warm_html_exporter()
    from_node = report.export_html(node, tmp_path / "node.html", exporter=warm)
    assert from_node.read_bytes() == from_file.read_bytes()
    assert from_file.read_bytes() == seed_report.read_bytes()


def test_no_article_is_an_error():
    with pytest.raises(NewsframeError, match="no article given"):
        build_report([])


# --- output paths, inputs and titles (issue 11) ----------------------------------------------
def _no_kernel(monkeypatch) -> list:
    import newsframe.report as report

    started: list = []
    monkeypatch.setattr(report, "_run_notebook", lambda *a, **k: started.append(a))
    return started


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("existing", "is a folder"),
        ("x.ipynb", "give a name ending in .html"),
        ("afile/out.html", "is not a folder"),
        ("beside.html", "is a folder"),  # the executed notebook's name, beside.ipynb, is a folder
    ],
)
def test_bad_output_paths_fail_at_once(tmp_path, capsys, monkeypatch, output, message):
    started = _no_kernel(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    (tmp_path / "beside.ipynb").mkdir()
    (tmp_path / "afile").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(["report", str(SEED), "-o", output]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert started == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing left behind
    with pytest.raises(NewsframeError, match=message):
        build_report([SEED], output=tmp_path / output)


def test_an_unwritable_folder_fails_at_once(tmp_path, capsys, monkeypatch):
    import newsframe.report as report

    started = _no_kernel(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        report.os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode)
    )  # root may write anywhere, so the refusal is simulated
    assert main(["report", str(SEED), "-o", str(locked / "sub" / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no permission to write" in err and str(locked) in err
    assert started == [] and list(locked.iterdir()) == []


def test_report_takes_folders_and_globs(tmp_path, monkeypatch, capsys):
    import newsframe.report as report

    given: list = []
    monkeypatch.setattr(
        report, "build_report", lambda paths, **k: given.append(list(paths)) or Path("r.html")
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.txt", "a.txt"):
        shutil.copy(SEED, folder / name)
    shutil.copy(SEED.with_suffix(".meta.json"), folder / "a.meta.json")  # a sidecar, no article
    assert main(["report", str(folder), "-o", str(tmp_path / "f.html")]) == 0
    assert main(["report", str(folder / "*.txt"), "-o", str(tmp_path / "g.html")]) == 0
    assert [[p.name for p in paths] for paths in given] == [["a.txt", "b.txt"]] * 2
    assert main(["report", str(tmp_path / "none" / "*.txt")]) == 2
    assert "no files matched" in capsys.readouterr().err


def test_report_title_is_the_heading_it_showed():
    v4 = nbformat.v4
    cell = v4.new_code_cell("display(heading)")
    cell.outputs = [
        v4.new_output("display_data", {"text/html": "<h2 class='nf-title'>Floods &amp; rain</h2>"})
    ]
    assert report_title(v4.new_notebook(cells=[v4.new_markdown_cell("# x"), cell])) == (
        "Floods & rain"
    )
    assert report_title(v4.new_notebook(cells=[v4.new_markdown_cell("# x")])) is None


@pytest.mark.slow
@needs_chromium
def test_article_without_sidecar(tmp_path):
    """Heading, tab title and overview from the text; no "None"; the CLI flag named."""
    article = tmp_path / "story.txt"
    article.write_text(
        "Floods & landslides hit northern Java\n\n"
        "JAKARTA (Reuters) - Floods killed at least 40 people in central Java on Sunday, the "
        "disaster agency said, and thousands were forced from their homes.\n\n"
        "Rescuers were searching for dozens of missing people on Monday, an official said.\n",
        encoding="utf-8",
    )
    html_path = build_report([article], output=tmp_path / "story.html")
    pw, browser, page, blocked, _ = _open(html_path, tmp_path)
    try:
        tab = page.title()
        heading = page.inner_text("h2.nf-title")
        text = page.inner_text("body")
    finally:
        browser.close()
        pw.stop()
    assert blocked == []
    assert tab == heading == "Floods & landslides hit northern Java"
    assert "None" not in text
    assert "--published" in text and "published=" in text  # the CLI flag and the API argument
    overview = text.split("Article overview", 1)[1].split("Each line of the page", 1)[0]
    assert "Floods & landslides hit northern Java" in overview and "—" in overview
