"""newsframe installed from its wheel (not editable) builds a report from any folder.

The test builds the wheel from a copy of the sources, installs it with ``--no-deps`` into a
fresh virtual environment outside the checkout, which borrows the dependencies of the test
environment through a ``.pth`` line (so nothing is downloaded but the build back-end), and
runs ``newsframe report`` from a temporary folder with ``MPLBACKEND=Agg`` set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from newsframe.paths import CHECKOUT, SEED

pytestmark = pytest.mark.skipif(CHECKOUT is None, reason="needs the sources of a checkout")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert res.returncode == 0, f"{args}\n{res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    assert CHECKOUT is not None
    tmp = tmp_path_factory.mktemp("wheel")
    sources = tmp / "sources"
    sources.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(CHECKOUT / name, sources / name)
    shutil.copytree(
        CHECKOUT / "src" / "newsframe",
        sources / "src" / "newsframe",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp), sources])
    (wheel,) = tmp.glob("newsframe-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ]
    )
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
        ).stdout.strip()
    )
    # the test environment's packages, appended after the wheel's (a plain path: the .pth
    # files in there, the editable newsframe among them, are not run)
    (site / "zz-test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # the data files the dependencies install beside their code (nbconvert's templates), but
    # not the test environment's kernel spec, which would run the checkout's newsframe
    jupyter = tmp / "jupyter"
    (jupyter / "share").mkdir(parents=True)
    (jupyter / "share" / "nbconvert").symlink_to(Path(sys.prefix) / "share/jupyter/nbconvert")
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "JUPYTER_PATH": str(jupyter / "share"),
        "JUPYTER_DATA_DIR": str(jupyter / "data"),  # no user kernel spec leaks in
        "JUPYTER_CONFIG_DIR": str(jupyter / "config"),
        "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("PYTHONPATH", None)
    # the kernel of the new environment, found first (the user folder comes first)
    _run([str(python), "-m", "ipykernel", "install", "--user", "--name", "python3"], env=env)
    return env_dir, env


@pytest.mark.slow
def test_the_wheel_holds_the_report_notebook(wheel_env):
    env_dir, env = wheel_env
    code = (
        "import newsframe, newsframe.paths as p\n"
        "from jupyter_client.kernelspec import get_kernel_spec\n"
        "print(newsframe.__file__)\n"
        "print(p.CHECKOUT, p.REPORT_NOTEBOOK.is_file())\n"
        "print(get_kernel_spec('python3').argv[0])\n"
    )
    out = _run([str(env_dir / "bin" / "python"), "-c", code], env=env, cwd=env_dir)
    where, facts, kernel = out.stdout.splitlines()
    assert Path(where).is_relative_to(env_dir)  # the wheel's copy, not the checkout's
    assert facts == "None True"
    assert Path(kernel).is_relative_to(env_dir)  # the report's kernel runs the wheel too


@pytest.mark.slow
def test_the_wheel_builds_a_report_from_a_temporary_folder(wheel_env, tmp_path):
    env_dir, env = wheel_env
    work = tmp_path / "somewhere else"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    shutil.copy(SEED.with_suffix(".meta.json"), work / SEED.with_suffix(".meta.json").name)
    out = _run([str(env_dir / "bin" / "newsframe"), "report", SEED.name], env=env, cwd=work)
    html = work / "reports" / f"{SEED.stem}.html"
    assert out.stdout.strip() == str(html)
    page = html.read_text(encoding="utf-8")
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) >= 7
    assert "French, Malian forces seize key city from militants" in page
    assert sorted(p.name for p in work.iterdir()) == sorted(
        [SEED.name, f"{SEED.stem}.meta.json", "reports"]
    )
