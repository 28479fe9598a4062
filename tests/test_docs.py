"""The documentation: the MkDocs site builds strictly and offline, the data dictionary covers
every column, benchmark results are recorded, and the README stays a short front page."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from newsframe.frames import COLUMN_DOCS, SCHEMAS
from newsframe.paths import ROOT

README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"

# anything a page would fetch from another host when it is viewed
REMOTE_ASSET = re.compile(
    r"""<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)
FONT_CDNS = ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs")


def test_column_docs_describe_every_schema_column():
    assert list(COLUMN_DOCS) == list(SCHEMAS)
    for kind, schema in SCHEMAS.items():
        assert list(COLUMN_DOCS[kind]) == list(schema), kind
        for column, text in COLUMN_DOCS[kind].items():
            assert isinstance(text, str) and text.strip(), f"{kind}.{column} has no description"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    pytest.importorskip("mkdocstrings_handlers.python")
    out = tmp_path_factory.mktemp("site")
    res = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    log = res.stdout + res.stderr
    assert res.returncode == 0, log
    assert "WARNING" not in log, log
    return out


def test_docs_build_strict_without_warnings(site):
    for page in ("index", "getting-started", "performance", "data-dictionary", "bad-input"):
        assert (site / f"{page}.html").is_file(), page
    assert list((site / "api").glob("newsframe.*.html")), "no API reference page"


def test_docs_load_nothing_from_the_network(site):
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        match = REMOTE_ASSET.search(text)
        assert match is None, f"{path.relative_to(site)}: {match.group(0)}"
        if path.suffix == ".html":
            for host in FONT_CDNS:
                assert host not in text, f"{path.relative_to(site)} names {host}"


def test_data_dictionary_page_lists_every_column(site):
    page = (site / "data-dictionary.html").read_text(encoding="utf-8")
    for kind, schema in SCHEMAS.items():
        assert f'id="{kind}"' in page, kind
        for column in schema:
            assert f"<code>{column}</code>" in page, f"{kind}.{column}"


def test_performance_page_includes_every_benchmark_result(site):
    page = (site / "performance.html").read_text(encoding="utf-8")
    assert "--8&lt;--" not in page and "--8<--" not in page
    for bench in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        result = ROOT / "docs" / "results" / f"{bench.stem}.md"
        assert result.is_file(), f"run `make bench` to write {result.relative_to(ROOT)}"
        assert f"--8<-- &quot;{bench.stem}.md&quot;" not in page
        assert f"<code>{bench.stem}</code> run on" in page, bench.stem


def _report_module():
    spec = importlib.util.spec_from_file_location(
        "benchmarks_report", ROOT / "benchmarks" / "_report.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_recorded_benchmark_writes_markdown_with_machine_and_load(tmp_path, monkeypatch):
    report = _report_module()
    monkeypatch.setattr(report, "RESULTS", tmp_path / "docs" / "results")

    def main() -> int:
        print("  newsframe   1.00 ms")
        return 7

    main.__module__ = __name__
    with redirect_stdout(io.StringIO()) as shown:
        assert report.recorded(main)() == 7
    assert "newsframe   1.00 ms" in shown.getvalue()
    text = (tmp_path / "docs" / "results" / "test_docs.md").read_text(encoding="utf-8")
    assert "```text\n  newsframe   1.00 ms\n```" in text
    assert re.search(r"run on \d{4}-\d\d-\d\d \d\d:\d\d UTC", text)
    assert "cores; load average at start " in text


def test_readme_is_short():
    size = len(README.read_bytes())
    assert size < 10_240, f"README.md is {size:,} bytes; move detail to docs/"


def test_readme_names_only_existing_make_targets():
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:", MAKEFILE.read_text(), re.MULTILINE))
    named = set(re.findall(r"\bmake\s+([a-z][a-z0-9_-]*)", README.read_text(encoding="utf-8")))
    assert named, "the README names no make target"
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"
