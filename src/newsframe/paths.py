"""Every project path, built from one place.

The project root is the folder that holds ``pyproject.toml``. When newsframe is installed
from a wheel rather than a checkout, the root falls back to the current working directory, so
``reports/`` is created wherever the user runs the CLI.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"


def _find_root() -> Path:
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "newsframe").is_dir():
            return parent
    return Path.cwd()


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
EXTERNAL = DATA / "external"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
SEED = RAW / "000_0e20855109353e98.txt"
CNN_STORIES = RAW / "cnn-stories"

__all__ = [
    "CNN_STORIES",
    "DATA",
    "EXTERNAL",
    "FIGURES",
    "NOTEBOOKS",
    "PACKAGE_DATA",
    "RAW",
    "REPORTS",
    "ROOT",
    "SEED",
]
