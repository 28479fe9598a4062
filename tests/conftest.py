"""Shared fixtures. Every fixture reads the project's own data/raw, never ../shared."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

import newsframe as nf
from newsframe.paths import CNN_STORIES, SEED


@pytest.fixture(scope="session")
def seed() -> nf.Article:
    return nf.read_article(SEED)


def _story(prefix: str) -> nf.Article:
    (path,) = sorted(CNN_STORIES.glob(f"{prefix}*.story"))
    return nf.read_article(path)


@pytest.fixture(scope="session")
def story():
    """A CNN story from data/raw/cnn-stories, by the first characters of its file name."""
    return _story
