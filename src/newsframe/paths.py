"""Every project path, built from one place.

The project root is the folder that holds ``pyproject.toml``. When newsframe is installed
from a wheel rather than a checkout, the root falls back to the current working directory, so
``reports/`` is created wherever the user runs the CLI.

Paths built here work from any folder: a notebook's kernel runs in ``notebooks/``, and
``RAW / "000_0e20855109353e98.txt"`` names the same file there as from the project root,
where a relative ``"data/raw/..."`` would not.

The user's gazetteer file (extra places, see :func:`user_gazetteer`) is looked up in one
documented order: an explicit argument, then the ``NEWSFRAME_GAZETTEER`` environment
variable, then ``data/external/gazetteer.csv`` of the checkout; never relative to the
current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import NewsframeError

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
GAZETTEER_ENV = "NEWSFRAME_GAZETTEER"
"""Environment variable naming the user's gazetteer file."""


def _find_checkout() -> Path | None:
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "newsframe").is_dir():
            return parent
    return None


CHECKOUT = _find_checkout()
"""The project folder when newsframe runs from a checkout (editable install), else None."""
ROOT = CHECKOUT or Path.cwd()
DATA = ROOT / "data"
RAW = DATA / "raw"
EXTERNAL = DATA / "external"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
SEED = RAW / "000_0e20855109353e98.txt"
CNN_STORIES = RAW / "cnn-stories"
REPORT_NOTEBOOK = PACKAGE_DATA / "report.ipynb"
"""The report notebook as installed with the package (a copy of ``notebooks/00-report``)."""


CACHE_ENV = "NEWSFRAME_CACHE_DIR"
"""Environment variable naming the folder where newsframe caches what it builds."""


def cache_dir() -> Path:
    """The folder for what newsframe builds once from installed packages and keeps (the
    gazetteer index, the world map's shapes): ``$NEWSFRAME_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/newsframe``, else ``~/.cache/newsframe``. It may not exist yet."""
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsframe"
    )
    return Path(base)


def user_gazetteer(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The user's gazetteer file (extra places), or None when there is none.

    Looked up in this order, the first that is set wins:

    1. ``path``, when given;
    2. the ``NEWSFRAME_GAZETTEER`` environment variable;
    3. ``data/external/gazetteer.csv`` of the project, only when newsframe runs from a
       checkout, and only if that file exists.

    The current folder plays no part, so the places found do not depend on where the code is
    run from. A file named by 1 or 2 must exist.

    Raises:
        NewsframeError: ``path`` or ``NEWSFRAME_GAZETTEER`` names no file.
    """
    named, how = (path, "the gazetteer file") if path else (None, "")
    if not named and os.environ.get(GAZETTEER_ENV):
        named, how = os.environ[GAZETTEER_ENV], GAZETTEER_ENV
    if named:
        found = Path(named).expanduser()
        if not found.is_file():
            raise NewsframeError(f"{how} {os.fspath(named)!r} is not a file")
        return found.resolve()
    if CHECKOUT is not None:
        default = CHECKOUT / "data" / "external" / "gazetteer.csv"
        if default.is_file():
            return default
    return None


__all__ = [
    "CHECKOUT",
    "CNN_STORIES",
    "DATA",
    "EXTERNAL",
    "FIGURES",
    "GAZETTEER_ENV",
    "NOTEBOOKS",
    "PACKAGE_DATA",
    "RAW",
    "REPORTS",
    "REPORT_NOTEBOOK",
    "ROOT",
    "SEED",
    "user_gazetteer",
]
