"""Project paths work from any folder, and the user's gazetteer file is found in one place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsframe as nf
import newsframe.paths as paths
from newsframe.errors import NewsframeError
from newsframe.gazetteer import load_gazetteer, normalize


def test_paths_do_not_depend_on_the_current_folder(monkeypatch):
    monkeypatch.chdir(paths.NOTEBOOKS)  # where a notebook's kernel runs
    assert paths.SEED.is_absolute() and paths.SEED.is_file()
    assert nf.read_article(paths.RAW / "000_0e20855109353e98.txt").meta["title"]


def test_the_checkout_is_found():
    assert paths.CHECKOUT == paths.ROOT
    assert (paths.CHECKOUT / "pyproject.toml").is_file()


def test_user_gazetteer_order(tmp_path, monkeypatch):
    explicit = tmp_path / "mine.csv"
    env = tmp_path / "env.csv"
    for f in (explicit, env):
        f.write_text("name,iso3,kind,population\n", encoding="utf-8")
    monkeypatch.delenv(paths.GAZETTEER_ENV, raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path)  # a checkout without data/external file
    assert paths.user_gazetteer() is None
    (tmp_path / "data" / "external").mkdir(parents=True)
    project = tmp_path / "data" / "external" / "gazetteer.csv"
    project.write_text("name,iso3,kind,population\n", encoding="utf-8")
    assert paths.user_gazetteer() == project
    monkeypatch.setenv(paths.GAZETTEER_ENV, str(env))
    assert paths.user_gazetteer() == env
    assert paths.user_gazetteer(explicit) == explicit
    monkeypatch.setattr(paths, "CHECKOUT", None)  # a wheel install: no project folder
    monkeypatch.delenv(paths.GAZETTEER_ENV)
    assert paths.user_gazetteer() is None


def test_the_current_folder_plays_no_part(tmp_path, monkeypatch):
    (tmp_path / "data" / "external").mkdir(parents=True)
    (tmp_path / "data" / "external" / "gazetteer.csv").write_text("name,iso3,kind\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(paths.GAZETTEER_ENV, raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", None)
    assert paths.user_gazetteer() is None


def test_a_named_file_that_is_missing_is_an_error(tmp_path, monkeypatch):
    with pytest.raises(NewsframeError, match=r"gazetteer file .*nowhere\.csv.* is not a file"):
        paths.user_gazetteer(tmp_path / "nowhere.csv")
    monkeypatch.setenv(paths.GAZETTEER_ENV, str(tmp_path / "gone.csv"))
    with pytest.raises(NewsframeError, match=r"NEWSFRAME_GAZETTEER .*gone\.csv"):
        paths.user_gazetteer()


def test_the_environment_variable_reaches_the_places(tmp_path):
    user = tmp_path / "places.csv"
    user.write_text("name,iso3,kind,population\nCamp Zzyzx,USA,city,\n", encoding="utf-8")
    code = (
        "import newsframe as nf\n"
        "art = nf.read_article('Aid reached Camp Zzyzx on Monday, officials said.')\n"
        "print(sorted(set(art.places.iso3)))\n"
    )
    env = {**os.environ, paths.GAZETTEER_ENV: str(user)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['USA']"
    load_gazetteer.cache_clear()
    assert load_gazetteer().lookup(normalize("Camp Zzyzx")) is None  # not in this process


def test_relative_paths_in_docs_resolve_through_newsframe_paths():
    """The README's and docs' examples build paths from newsframe.paths, not "data/raw/"."""
    pages = [paths.ROOT / "README.md", *sorted((paths.ROOT / "docs").glob("*.md"))]
    relative = [
        f"{p.name}: {line.strip()}"
        for p in pages
        for line in p.read_text(encoding="utf-8").splitlines()
        if 'read_article("data/' in line or 'read_corpus("data/' in line
    ]
    assert relative == []


def test_paths_module_is_light():
    out = subprocess.run(
        [sys.executable, "-c", "import sys, newsframe.paths; print('pandas' in sys.modules)"],
        capture_output=True,
        text=True,
        cwd=Path(paths.ROOT),
    )
    assert out.stdout.strip() == "False"
