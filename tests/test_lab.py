"""The notebooks in JupyterLab, the way a reader opens them (issue 11, "Done when").

One JupyterLab server (``jupyter lab --no-browser``, a free local port, a random token, served
from ``notebooks/`` as ``make lab`` does) and one headless Chromium (Debian's, driven by
Playwright; every request that is not to the server is blocked). Each notebook is opened, all
its cells are run, and then:

* no cell has an error output;
* every chart cell (a code cell calling ``plt.show()``, as the report counts them) has an image
  in the notebook model, or the report's note saying why there is nothing to draw, and every
  image output is drawn on the page;
* the notebook is saved (`docmanager:save`, what Ctrl-S and autosave run) and the file holds no
  outputs and no execution counts: the pre-save hook that ``make install`` configures works.

The files the save wrote (the ``.ipynb`` and its jupytext ``.py``) are put back byte for byte,
with their times, so the checkout is left as it was. The server gets its own runtime, settings
and workspace folders, and the environment as it is: with ``MPLBACKEND=Agg`` set (servers, CI)
the notebooks must still draw, as each forces the inline backend.

The notebooks run side by side, one page and one kernel each. Marked ``lab`` (and ``slow``):
``make test`` runs it; ``make test-lab`` runs it alone.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from newsframe.paths import NOTEBOOKS, ROOT
from newsframe.report import missing_charts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
JUPYTER = Path(sys.executable).parent / "jupyter"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT_MS = 120_000  # the longest notebook runs in well under a minute

pytestmark = [
    pytest.mark.slow,
    pytest.mark.lab,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
    pytest.mark.skipif(not JUPYTER.exists(), reason="JupyterLab is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _settings(folder: Path) -> None:
    """Every cell in the page (no virtual scrolling), and no news or update checks."""
    overrides = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for name, value in overrides.items():
        plugin, file = name.rsplit("/", 1)
        path = folder / plugin / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A JupyterLab server on notebooks/; yields its base URL. Stopped (and its kernels with
    it) at the end, whatever happened."""
    tmp = tmp_path_factory.mktemp("lab")
    _settings(tmp / "settings")
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
    cmd = [
        str(JUPYTER),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # CI containers run as root
    log = (tmp / "server.log").open("w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("JupyterLab did not start:\n" + (tmp / "server.log").read_text())
            time.sleep(0.3)
        yield f"{base}/lab/workspaces/{{workspace}}/tree/{{name}}?token={token}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    chromium = pw.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    )
    try:
        yield chromium
    finally:
        chromium.close()
        pw.stop()


class _Kept:
    """The bytes and times of a notebook pair, put back after the test saved them."""

    def __init__(self, name: str) -> None:
        stem = NOTEBOOKS / Path(name).stem
        pair = (stem.with_suffix(".ipynb"), stem.with_suffix(".py"))
        self.saved = [(p, p.read_bytes(), p.stat()) for p in pair if p.exists()]

    def restore(self) -> None:
        for path, data, stat in self.saved:  # the .ipynb first, then its (newer) .py
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


_START = """
() => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  window.__newsframeRun = (async () => {
    await panel.context.ready;
    await panel.sessionContext.ready;
    await app.commands.execute('notebook:run-all-cells');
    // run-all resolves when the last cell has run; wait for the kernel to be idle too
    for (let i = 0; i < 200 && panel.sessionContext.session?.kernel?.status !== 'idle'; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    return panel.context.model.toJSON();
  })();
}
"""

_SAVE = """
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await app.commands.execute('docmanager:save');
  const dirty = panel.context.model.dirty;
  await panel.sessionContext.shutdown();
  return dirty;
}
"""

_DRAWN = """
() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden)'
    + ' .jp-OutputArea-output img')).filter(i => i.complete && i.naturalWidth > 50).length
"""


def _problems(model: dict[str, Any], drawn: int, saved: Any, dirty: bool, tmp: Path) -> list[str]:
    """What is wrong with one notebook after the run and the save (nothing: [])."""
    for cell in model["cells"]:  # JupyterLab writes "attachments": null, nbformat wants none
        if cell.get("attachments", {}) is None:
            del cell["attachments"]
    executed = tmp / "executed.ipynb"
    executed.write_text(json.dumps(model), encoding="utf-8")
    nb = nbformat.read(executed, as_version=4)
    code = [(i, c) for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code"]
    problems = [f"cell {i} did not run" for i, c in code if not c.execution_count]
    problems += [
        f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
        for i, c in code
        for o in c.outputs
        if o.output_type == "error"
    ]
    problems += [f"no chart in {where}" for where in missing_charts(executed)]
    images = sum("image/png" in o.get("data", {}) for _, c in code for o in c.outputs)
    if images == 0 or drawn < images:
        problems.append(f"{images} image outputs, {drawn} drawn on the page")
    if dirty:
        problems.append("still unsaved after Ctrl-S")
    problems += [
        f"saved file: cell {i} kept its run (count {c.execution_count}, {len(c.outputs)} outputs)"
        for i, c in enumerate(saved.cells, start=1)
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    return problems


def test_every_notebook_runs_in_jupyterlab(server: str, browser: Any, tmp_path: Path):
    """All notebooks at once, one page each (their kernels run side by side), then saved."""
    kept = [_Kept(name) for name in NAMES]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []
    origin = server.split("/lab/")[0]

    def route(r: Any) -> None:
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    problems: dict[str, list[str]] = {}
    try:
        pages = {}
        for i, name in enumerate(NAMES):
            page = context.new_page()
            page.set_default_timeout(CELL_TIMEOUT_MS)
            # a workspace per page, so that the pages never share one layout
            page.goto(server.format(name=name, workspace=f"w{i}"), wait_until="domcontentloaded")
            page.wait_for_function(
                "() => window.jupyterapp?.shell?.currentWidget?.context?.path?.endsWith"
                f"({json.dumps(name)})",
                timeout=60_000,
            )
            page.evaluate(_START)
            pages[name] = page
        for name, page in pages.items():
            model = page.evaluate("() => window.__newsframeRun")
            drawn = page.evaluate(_DRAWN)
            dirty = page.evaluate(_SAVE)
            saved = nbformat.read(NOTEBOOKS / name, as_version=4)
            folder = tmp_path / Path(name).stem
            folder.mkdir()
            problems[name] = _problems(model, drawn, saved, dirty, folder)
    finally:
        context.close()
        for k in kept:
            k.restore()
    assert {name: p for name, p in problems.items() if p} == {}
    assert sorted(problems) == NAMES
    assert blocked == []  # the pages asked nothing of the network
