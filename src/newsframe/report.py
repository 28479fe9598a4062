"""Build the HTML report: execute the report notebook headless, export one offline HTML file.

The steps are deliberately separate so that each can fail with a clear message:

1. :func:`check_inputs` reads every article and the date *before* any kernel starts.
2. The notebook runs under papermill with the parameters injected; a failing cell raises
   :class:`ReportError` naming the cell and the article.
3. nbconvert exports it without code inputs or prompts, with images embedded, through a
   template that loads no script or stylesheet from the network (no require.js, MathJax or
   widget manager). The HTML is written to a temporary file and renamed into place, so a
   failure never leaves half a report behind.
4. The executed notebook is kept beside the HTML as the record of the run, after a check that
   every chart cell drew its chart (:func:`missing_charts`): a kernel without matplotlib's
   inline backend would otherwise give a report without charts and no error. The check and
   the export use the notebook papermill returns, not the file read back (and validated)
   again.

papermill, nbformat and nbconvert are imported only once the inputs are checked, and without
two optional imports that cost more than a second and serve no report
(:func:`_import_notebook_tools`): jsonschema (imported by nbformat) imports
``rfc3987_syntax`` when it is installed (Jupyter brings it), which builds some forty parsers of
IRI grammars on import, only to check ``iri`` formats, which the notebook schema has none of;
papermill imports ``pyarrow.fs`` for ``hdfs://`` paths. While the kernel runs the notebook,
nbconvert's exporter gets ready in a thread (its imports, the template's compilation).

The report notebook ships inside the package (:data:`newsframe.paths.REPORT_NOTEBOOK`, a copy
of ``notebooks/00-report`` that ``make notebooks-sync`` refreshes), so that a wheel install
builds reports from any folder. Its first code cell forces the inline backend, so that
``MPLBACKEND=Agg`` in the environment does not silence the charts.
"""

from __future__ import annotations

import html as html_lib
import importlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .article import read_article
from .errors import NewsframeError
from .paths import PACKAGE_DATA, REPORT_NOTEBOOK, REPORTS
from .reading import DateLike, parse_date

TEMPLATE_DIR = PACKAGE_DATA / "report_template"


class ReportError(NewsframeError):
    """The report could not be built (a cell failed, or the export failed)."""


# optional imports of the notebook tools that cost a lot and that a report never uses:
# module -> (the tool that imports it, what the tool loses without it)
_SKIPPED_IMPORTS = {
    "rfc3987_syntax": ("jsonschema", "the iri and iri-reference format checks"),
    "pyarrow.fs": ("papermill", "hdfs:// paths"),
}


def _import_notebook_tools() -> None:
    """Import jsonschema (for nbformat) and papermill without the optional modules of
    :data:`_SKIPPED_IMPORTS`, unless those tools are imported already.

    Both tools import these modules only for features the report does not use, and go without
    them when they are missing; the modules stay importable afterwards.
    """
    skipped = [
        name
        for name, (tool, _) in _SKIPPED_IMPORTS.items()
        if name not in sys.modules and tool not in sys.modules
    ]
    for name in skipped:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises
    try:
        for tool in ("jsonschema", "papermill"):
            importlib.import_module(tool)
    finally:
        for name in skipped:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def check_inputs(articles: Sequence[str | os.PathLike[str]], published: DateLike = None) -> None:
    """Parse ``published`` and read every article in ``articles`` now, so that bad input fails
    before a kernel starts.

    Raises:
        NewsframeError: with a one-line message naming the file and the problem.
    """
    parse_date(published, name="--published")
    for path in articles:
        read_article(Path(path), published=published)


def check_output(html: str | os.PathLike[str]) -> Path:
    """Check where a report will be written, before any kernel starts; return the HTML path.

    The HTML file and the executed notebook beside it (``<name>.ipynb``) must be files that
    can be written: the name may not end in ``.ipynb`` (the notebook would overwrite the HTML),
    neither may be an existing folder, and the nearest existing folder above them must be a
    folder this process may write in. Nothing is created here.

    Raises:
        NewsframeError: with a one-line message naming the path and the problem.
    """
    html_path = Path(html)
    if html_path.suffix.lower() == ".ipynb":
        raise NewsframeError(
            f"{html_path}: the output is the HTML file (the executed notebook is written beside "
            f"it as <name>.ipynb); give a name ending in .html"
        )
    for path in (html_path, html_path.with_suffix(".ipynb")):
        if path.is_dir():
            raise NewsframeError(
                f"{path}: is a folder; give a file name, such as {path / 'report.html'}"
            )
    folder = html_path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NewsframeError(f"{folder}: is not a folder, so {html_path} cannot be written")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NewsframeError(f"{folder}: no permission to write there, so {html_path} cannot be")
    return html_path


def default_output(articles: Sequence[str | os.PathLike[str]]) -> Path:
    """``reports/<stem>.html`` for one article; ``reports/corpus-<stem>-and-N-more.html`` else."""
    stem = Path(articles[0]).stem
    if len(articles) == 1:
        return REPORTS / f"{stem}.html"
    return REPORTS / f"corpus-{stem}-and-{len(articles) - 1}-more.html"


def execute_notebook(
    notebook: str | os.PathLike[str],
    output: str | os.PathLike[str],
    parameters: dict[str, Any],
    *,
    label: str = "",
    timeout: int = 600,
    cwd: str | os.PathLike[str] | None = None,
) -> Path:
    """Run ``notebook`` with papermill and write the executed copy to ``output``.

    The kernel runs in ``cwd`` (default: the notebook's folder).

    Raises:
        ReportError: a cell failed; the message names the cell, ``label`` and the error.
    """
    _run_notebook(notebook, output, parameters, label=label, timeout=timeout, cwd=cwd)
    return Path(output)


def _run_notebook(
    notebook: str | os.PathLike[str],
    output: str | os.PathLike[str],
    parameters: dict[str, Any],
    *,
    label: str = "",
    timeout: int = 600,
    cwd: str | os.PathLike[str] | None = None,
) -> Any:
    """:func:`execute_notebook`, returning the executed notebook (a ``NotebookNode``)."""
    _import_notebook_tools()
    import papermill as pm

    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        return pm.execute_notebook(
            str(notebook),
            str(out),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(cwd if cwd is not None else Path(notebook).parent),
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
        )
    except pm.PapermillExecutionError as exc:
        raise ReportError(
            f"{label or notebook}: cell {exc.exec_count} of {Path(notebook).name} failed: "
            f"{exc.ename}: {exc.evalue}"
        ) from None
    except Exception as exc:  # kernel could not start, bad notebook file...
        if isinstance(exc, NewsframeError):
            raise
        raise ReportError(
            f"{label or notebook}: could not run {Path(notebook).name}: {exc}"
        ) from None


_CHART_CALL = re.compile(r"^[^#\n]*\bplt\.show\(\)", re.M)
_NOTE = re.compile(r"class=['\"]nf-note['\"]")


def _notebook(executed: Any) -> Any:
    """A notebook given as a path (read and validated) or as a ``NotebookNode`` (as is)."""
    if isinstance(executed, str | os.PathLike):
        _import_notebook_tools()
        import nbformat

        return nbformat.read(str(executed), as_version=4)
    return executed


def missing_charts(executed: Any) -> list[str]:
    """The chart cells of an executed notebook that show no chart, each as "cell N (section)".

    ``executed`` is the notebook file, or the ``NotebookNode`` papermill returned. A chart
    cell is a code cell that calls ``plt.show()``. It must show an image, or a note
    (``class='nf-note'``) saying why it has nothing to draw; a cell that shows neither lost
    its chart, which is what a non-inline matplotlib backend (``MPLBACKEND=Agg``) does.
    """
    nb = _notebook(executed)
    section = "the start"
    missing = []
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "markdown":
            heading = re.search(r"^##\s+(.+)$", cell.source, re.M)
            section = heading.group(1).strip() if heading else section
            continue
        if cell.cell_type != "code" or not _CHART_CALL.search(cell.source):
            continue
        data = [out.get("data", {}) for out in cell.get("outputs", [])]
        if any("image/png" in d or "image/svg+xml" in d for d in data):
            continue
        if any(_NOTE.search(str(d.get("text/html", ""))) for d in data):
            continue
        missing.append(f"cell {i} ({section})")
    return missing


def check_charts(executed: Any, label: str = "") -> None:
    """Raise :class:`ReportError` when a chart cell of the executed notebook drew no chart."""
    missing = missing_charts(executed)
    if missing:
        backend = os.environ.get("MPLBACKEND")
        hint = f" (MPLBACKEND={backend!r} is set)" if backend else ""
        raise ReportError(
            f"{label or executed}: {len(missing)} chart(s) missing from the report: "
            f"{', '.join(missing)}; the kernel did not draw inline{hint}"
        )


def _html_exporter() -> Any:
    """nbconvert's HTML exporter with the report's template and settings."""
    _import_notebook_tools()
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="newsframe",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        sanitize_html=False,  # our outputs escape article text themselves (tested)
    )


# a PNG of one white pixel, for the warm-up export
_PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
    "PchI7wAAAABJRU5ErkJggg=="
)


def _warm_html_exporter() -> Any:
    """:func:`_html_exporter`, after one export of a tiny notebook (nbconvert's imports, the
    template's compilation): done in a thread while the kernel runs the report notebook, so
    that the export afterwards costs only its own work."""
    import nbformat

    exporter = _html_exporter()
    cell = nbformat.v4.new_code_cell("pass")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<p>x</p>", "image/png": _PIXEL}),
        nbformat.v4.new_output("stream", name="stdout", text="x"),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## x\n\nx"), cell])
    exporter.from_notebook_node(nb)
    return exporter


def export_html(executed: Any, html_path: str | os.PathLike[str], *, exporter: Any = None) -> Path:
    """Export an executed notebook (its file, or the ``NotebookNode`` papermill returned) to
    one self-contained, offline HTML file (atomically). ``exporter``: one from
    :func:`_html_exporter`, to reuse."""
    nb = _notebook(executed)
    title = report_title(nb)
    if title:
        nb.metadata["title"] = title  # the browser tab's title (the template escapes it)
    exporter = exporter or _html_exporter()
    body, _ = exporter.from_notebook_node(nb)
    body = _add_alt_text(_strip_remote_assets(body))
    target = Path(html_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a report is shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


_TITLE = re.compile(r"<h2 class=['\"]nf-title['\"]>(.*?)</h2>", re.S)


def report_title(nb: Any) -> str | None:
    """The heading the report notebook displayed (``<h2 class='nf-title'>``), unescaped; None
    when it shows none."""
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            m = _TITLE.search(str(out.get("data", {}).get("text/html", "")))
            if m:
                return html_lib.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() or None
    return None


_REMOTE = re.compile(
    r"<(script|link)\b[^>]*(?:src|href)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?", re.I
)


def _strip_remote_assets(html: str) -> str:
    """Belt and braces: drop any <script src=http...> or <link href=http...> left in the page."""
    return _REMOTE.sub("", html)


_HEADING_PARA_OR_IMG = re.compile(
    r"<h2[^>]*>(?P<h>.*?)</h2>"
    r"|<p>(?P<p>.*?)</p>"
    r"|<img (?:alt=\"No description has been provided for this image\" )?"
    r"(?P<img>(?![^>]*\balt=)[^>]*)>",
    re.S,
)
MIN_CHART_SCALE = 0.85
"""A chart is never drawn narrower than this share of its pixel width: its smallest type
(7 pt at the report's 110 dpi, 10.7 px) stays at 9 px or more; a narrower screen scrolls it."""


def _png_width(src: str) -> int | None:
    """Pixel width of a ``data:image/png;base64,`` URI (read from its IHDR header)."""
    import base64

    prefix = "data:image/png;base64,"
    if not src.startswith(prefix):
        return None
    try:
        head = base64.b64decode(src[len(prefix) : len(prefix) + 32])
    except ValueError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n" or len(head) < 24:
        return None
    return int.from_bytes(head[16:20], "big")


def _add_alt_text(html: str) -> str:
    """Give every chart a distinct ``alt`` text: its report section and the sentence that
    introduces it (the paragraph before it), numbered when a section has several; and a
    minimum width (:data:`MIN_CHART_SCALE`) so that its type stays readable on small screens."""
    section, sentence = "Report", ""
    seen: dict[str, int] = {}

    def text_of(fragment: str) -> str:
        plain = html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "")
        return " ".join(plain.split())

    def sub(m: re.Match[str]) -> str:
        nonlocal section, sentence
        if m.group("h") is not None:
            section, sentence = text_of(m.group("h")) or section, ""
            return m.group(0)
        if m.group("p") is not None:
            first = re.split(r"(?<=[.;:])\s", text_of(m.group("p")), maxsplit=1)[0]
            sentence = first[:160].rstrip(";:,")
            return m.group(0)
        attrs = m.group("img")
        alt = f"Chart: {section}" + (f". {sentence}" if sentence else "")
        seen[alt] = seen.get(alt, 0) + 1
        if seen[alt] > 1:
            alt += f" (chart {seen[alt]})"
        src = re.search(r'src="([^"]*)"', attrs)
        width = _png_width(src.group(1)) if src else None
        style = f' style="min-width: {round(width * MIN_CHART_SCALE)}px"' if width else ""
        return f'<img alt="{html_lib.escape(alt)}"{style} {attrs}>'

    return _HEADING_PARA_OR_IMG.sub(sub, html)


def build_report(
    articles: Sequence[str | os.PathLike[str]],
    *,
    published: DateLike = None,
    output: str | os.PathLike[str] | None = None,
    title: str | None = None,
    notebook: str | os.PathLike[str] = REPORT_NOTEBOOK,
    engine: str = "serial",
    scheduler: str | None = None,
    checked: bool = False,
) -> Path:
    """Build the HTML report for one article (or a corpus report for several).

    Returns the HTML path. The executed notebook is written beside it as ``<name>.ipynb``.
    A one-article report reads the article first and fails before any kernel starts if it is
    bad. A corpus report lists unreadable files in its overview and analyses the rest.
    ``checked=True`` skips the up-front check (the CLI has done it).

    Raises:
        NewsframeError: bad article, date or output path (before any kernel starts, see
            :func:`check_output`), a failing cell, or a failed export. No partial HTML is left
            behind.
    """
    paths = [Path(a).resolve() for a in articles]
    if not paths:
        raise NewsframeError("no article given")
    html_path = check_output(output if output else default_output(paths))
    if not checked:
        check_inputs(paths if len(paths) == 1 else [], published)
    executed = html_path.with_suffix(".ipynb")
    date = parse_date(published, name="--published")
    params = {
        "article_paths": [str(p) for p in paths],
        "published": date.isoformat() if date else None,
        "title": title,
        "engine": engine,
        "scheduler": scheduler,
    }
    label = ", ".join(p.name for p in paths[:3]) + (" …" if len(paths) > 3 else "")
    # the kernel runs beside the output, not in the (possibly read-only) package folder
    html_path.parent.mkdir(parents=True, exist_ok=True)
    _import_notebook_tools()  # here, before the thread below imports nbconvert beside them
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the exporter gets ready while the kernel works (this process only waits for it)
        warm = pool.submit(_warm_html_exporter)
        nb = _run_notebook(notebook, executed, params, label=label, cwd=html_path.parent)
        check_charts(nb, label)
        try:
            exporter = warm.result()
        except Exception:  # the export below makes its own exporter, and reports
            exporter = None
    return export_html(nb, html_path, exporter=exporter)


def strip_outputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Remove outputs and execution counts from notebooks in place; return those changed."""
    _import_notebook_tools()
    import nbformat

    from .lab import strip_model

    changed = []
    for p in map(Path, paths):
        nb = nbformat.read(str(p), as_version=4)
        before = json.dumps(nb, sort_keys=True)
        strip_model(nb)
        if json.dumps(nb, sort_keys=True) != before:
            nbformat.write(nb, str(p))
            changed.append(p)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsframe.report --strip NB...`` strips notebook outputs."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--strip"]:
        for p in strip_outputs(args[1:]):
            print(f"stripped {p}")
        return 0
    t0 = time.perf_counter()
    print(build_report(args))
    print(f"built in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

__all__ = [
    "REPORT_NOTEBOOK",
    "ReportError",
    "build_report",
    "check_charts",
    "check_inputs",
    "check_output",
    "export_html",
    "missing_charts",
    "report_title",
    "strip_outputs",
]
