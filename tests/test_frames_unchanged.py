"""Frames stay byte-identical across refactors.

``tests/data/frame_hashes.json`` holds a SHA-256 of every frame (columns, dtypes and values as
CSV with full float precision) of the seed, the 20 CNN stories and the unseen set, plus the
corpus tables and aggregations built from them. It was written before the one-way redesign
(issue 12) and must only be regenerated, with ``python -m tests.test_frames_unchanged
--update``, by a change that means to alter extraction; say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import newsframe as nf
from newsframe.paths import CNN_STORIES, ROOT, SEED

HASHES = Path(__file__).parent / "data" / "frame_hashes.json"
UNSEEN = Path(__file__).parent / "data" / "unseen"
TABLES = ("lines", "sentences", "places", "dates", "sentiment")


def frame_hash(frame: pd.DataFrame) -> str:
    """SHA-256 of a frame's column names, dtypes (with categories) and values."""
    h = hashlib.sha256()
    for col, dtype in frame.dtypes.items():
        cats = list(dtype.categories) if isinstance(dtype, pd.CategoricalDtype) else None
        h.update(repr((col, str(dtype), cats)).encode())
    h.update(repr(type(frame.index).__name__).encode())
    h.update(frame.to_csv(index=True, lineterminator="\n").encode())
    return h.hexdigest()


def article_paths() -> list[Path]:
    return [SEED, *sorted(CNN_STORIES.glob("*.story")), *sorted(UNSEEN.glob("*.txt"))]


def compute() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in article_paths():
        art = nf.read_article(path)
        for table in TABLES:
            out[f"{path.name}:{table}"] = frame_hash(getattr(art, table))
    seed = nf.read_article(SEED)
    out["seed:coverage_by_country"] = frame_hash(nf.coverage_by_country(seed))
    out["seed:timeline_density"] = frame_hash(nf.timeline_density(seed))
    out["seed:sentiment_by_section"] = frame_hash(nf.sentiment_by_section(seed))
    corpus = nf.read_corpus(sorted(CNN_STORIES.glob("*.story")))
    # paths relative to the checkout, so that the hash is the same in every clone and worktree
    articles = corpus.articles.assign(
        path=[Path(p).relative_to(ROOT).as_posix() for p in corpus.articles.path]
    )
    out["corpus:articles"] = frame_hash(articles)
    for table in TABLES:
        out[f"corpus:{table}"] = frame_hash(getattr(corpus, table))
    out["corpus:coverage_by_country"] = frame_hash(nf.coverage_by_country(corpus))
    out["corpus:timeline_density"] = frame_hash(nf.timeline_density(corpus))
    out["corpus:sentiment_by_section"] = frame_hash(nf.sentiment_by_section(corpus))
    out["corpus:coverage_over_time"] = frame_hash(nf.coverage_over_time(corpus))
    return out


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return compute()


def test_every_frame_is_unchanged(current: dict[str, str]) -> None:
    stored = json.loads(HASHES.read_text(encoding="utf-8"))
    assert sorted(current) == sorted(stored)
    changed = [key for key in stored if stored[key] != current[key]]
    assert not changed, f"{len(changed)} frames changed: {changed[:10]}"


def test_hash_sees_a_one_value_change() -> None:
    art = nf.read_article(SEED)
    frame = art.places.copy()
    before = frame_hash(frame)
    frame.loc[0, "end"] += 1
    assert frame_hash(frame) != before


if __name__ == "__main__" and "--update" in sys.argv:
    HASHES.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {HASHES}")
