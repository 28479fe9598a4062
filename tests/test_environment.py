"""environment.yml must list the same packages, with the same lower bounds, as pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from newsframe.paths import ROOT


def _name(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return dict(_name(r) for r in reqs)


def _environment() -> tuple[dict[str, str], list[str], str]:
    deps: dict[str, str] = {}
    pip: list[str] = []
    python = ""
    in_pip = False
    text = (ROOT / "environment.yml").read_text()
    for raw in text.split("dependencies:", 1)[1].splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        item = line.strip()
        if item == "- pip:":
            in_pip = True
            continue
        if not item.startswith("- "):
            continue
        value = item[2:].strip()
        if in_pip and raw.startswith("      "):
            pip.append(value)
            continue
        in_pip = False
        name, spec = _name(value)
        if name == "python":
            python = spec
        elif name != "pip":
            deps[name] = spec
    return deps, pip, python


def test_environment_matches_pyproject():
    env, _, _ = _environment()
    env = {k.lower(): v for k, v in env.items()}  # conda-forge names are lower case
    assert env == _pyproject()


def test_environment_installs_project_editable_on_python_311():
    _, pip, python = _environment()
    assert pip == ["-e ."]
    assert python == ">=3.11"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == python
