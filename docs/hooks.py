"""MkDocs hooks: pages generated at build time (listed under ``hooks:`` in mkdocs.yml).

* ``data-dictionary.md`` is written from ``newsframe.frames.SCHEMAS`` (columns and dtypes) and
  ``newsframe.frames.COLUMN_DOCS`` (one description per column), so it cannot drift from the
  code.
* Every page ``api/<module>.md`` named in the ``nav`` of mkdocs.yml becomes ``::: <module>``
  for mkdocstrings: the nav is the one list of API reference pages.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.newsframe")

DATA_DICTIONARY = "data-dictionary.md"
API_DIR = "api/"

# heading of each frame's section on the data dictionary page
FRAME_TITLES = {
    "lines": "`Article.lines`",
    "sentences": "`Article.sentences`",
    "places": "`Article.places`",
    "dates": "`Article.dates`",
    "sentiment": "`Article.sentiment`",
}


def _dtype(dtype: Any) -> str:
    categories = getattr(dtype, "categories", None)
    if categories is None:
        return f"{dtype}"
    kind = "ordered category" if dtype.ordered else "category"
    return f"{kind}: " + ", ".join(f"`{c}`" for c in categories)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def data_dictionary() -> str:
    """The data dictionary page, in Markdown."""
    from newsframe.frames import COLUMN_DOCS, SCHEMAS

    for kind in SCHEMAS.keys() | COLUMN_DOCS.keys():
        schema, docs = SCHEMAS.get(kind, {}), COLUMN_DOCS.get(kind, {})
        if list(schema) != list(docs) or not all(d.strip() for d in docs.values()):
            log.warning(
                "COLUMN_DOCS[%r] does not describe exactly the columns of SCHEMAS[%r], in order",
                kind,
                kind,
            )
    out = [
        "# Data dictionary",
        "",
        "The five frames of an `Article` (and of a `Corpus`, which puts an `article` column "
        "first) are the contract: every frame is built with exactly these columns and dtypes, "
        "in this order, and an empty result keeps them all. This page is generated when the "
        "site is built, from `newsframe.frames.SCHEMAS` (columns and dtypes) and "
        "`newsframe.frames.COLUMN_DOCS` (descriptions); `tests/test_api.py` checks the frames "
        "against the schemas.",
        "",
    ]
    for kind, schema in SCHEMAS.items():
        title = FRAME_TITLES.get(kind, f"`{kind}`")
        out += [
            f"## {title} {{#{kind}}}",
            "",
            f'`SCHEMAS["{kind}"]`',
            "",
            "| column | dtype | meaning |",
            "| --- | --- | --- |",
        ]
        for column, dtype in schema.items():
            meaning = COLUMN_DOCS.get(kind, {}).get(column, "")
            out.append(f"| `{column}` | {_cell(_dtype(dtype))} | {_cell(meaning)} |")
        out.append("")
    return "\n".join(out)


def _nav_pages(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_pages(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_pages(item)]
    return []


def api_pages(nav: Any) -> dict[str, str]:
    """``{"api/newsframe.places.md": "::: newsframe.places\\n", ...}`` for the nav's API pages."""
    pages = {}
    for page in _nav_pages(nav):
        if page.startswith(API_DIR) and page.endswith(".md"):
            module = page[len(API_DIR) : -len(".md")]
            pages[page] = f"# `{module}`\n\n::: {module}\n"
    return pages


# Sphinx roles left in docstrings (":func:`x`") render as ":func:<code>x</code>"; keep the code.
SPHINX_ROLE = re.compile(r":(?:py:)?(?:func|meth|class|attr|data|mod|exc|obj|const):(?=<code)")


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    if page.file.src_uri.startswith(API_DIR):
        return SPHINX_ROLE.sub("", html)
    return html


def on_files(files: Files, config: Any) -> Files:
    generated = {DATA_DICTIONARY: data_dictionary(), **api_pages(config["nav"])}
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=content))
    return files
