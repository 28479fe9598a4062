"""JupyterLab on the project's notebooks, without outputs reaching the committed files.

``make install`` writes a Jupyter server configuration into the virtual environment
(``ContentsManager.pre_save_hook`` in ``.venv/etc/jupyter/jupyter_server_config.json``, merged
with what that file already holds) that registers :func:`strip_outputs_on_save` as the
pre-save hook, so a notebook of the project's
``notebooks/`` folder that JupyterLab saves (autosave included) is written without outputs or
execution counts, the way it is committed. The outputs stay on screen until the notebook is
closed. Notebooks elsewhere are saved untouched. jupytext, set up by ``notebooks/jupytext.toml``,
writes the paired ``.py`` at the same time.

``python -m newsframe.lab install-config`` writes that configuration (``make install`` runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .paths import NOTEBOOKS

HOOK = "newsframe.lab.strip_outputs_on_save"
CONFIG_NAME = "jupyter_server_config.json"
# Jupyter Server reads ``jupyter_server_config.d/*.json`` only to enable extensions: a
# ContentsManager setting there is never applied. Earlier set-ups wrote it there.
_OLD_CONFIG = Path("jupyter_server_config.d") / "newsframe.json"


def strip_outputs_on_save(
    model: dict[str, Any], path: str, contents_manager: Any, **_: Any
) -> None:
    """Jupyter server pre-save hook: drop outputs from the project's notebooks before saving."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = Path(getattr(contents_manager, "root_dir", ".") or ".")
    target = (root / path.strip("/")).resolve()
    if target.parent != NOTEBOOKS.resolve():
        return
    strip_model(model["content"])


def strip_model(nb: dict[str, Any]) -> None:
    """Remove outputs, execution counts and run metadata from a notebook dict, in place."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("papermill", None)


def config_file(prefix: str | None = None) -> Path:
    """Where the server configuration goes in the environment at ``prefix`` (sys.prefix)."""
    base = Path(prefix or sys.prefix)
    return base / "etc" / "jupyter" / CONFIG_NAME


def install_config(prefix: str | None = None) -> Path:
    """Register the pre-save hook in the environment's server configuration, keeping every
    other setting of that file; return its path."""
    path = config_file(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = {}
    if path.is_file():
        config = json.loads(path.read_text(encoding="utf-8") or "{}")
    config.setdefault("ContentsManager", {})["pre_save_hook"] = HOOK
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (path.parent / _OLD_CONFIG).unlink(missing_ok=True)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["install-config"]:
        print("usage: python -m newsframe.lab install-config", file=sys.stderr)
        return 2
    print(f"wrote {install_config()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
