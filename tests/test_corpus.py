"""Corpus processing: every engine gives the same frames; bad files are reported, not fatal."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from newsframe.corpus import TABLES, read_corpus, read_manifest, read_parquet, write_corpus
from newsframe.errors import NewsframeError
from newsframe.paths import CNN_STORIES, SEED

STORIES = sorted(CNN_STORIES.glob("*.story"))[:5]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Five stories, the seed with its sidecar, and three bad files."""
    d = tmp_path_factory.mktemp("corpus")
    for p in STORIES:
        shutil.copy(p, d / p.name)
    shutil.copy(SEED, d / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), d)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (d / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d\x81 text")
    return d


@pytest.fixture(scope="module")
def serial(folder):
    return read_corpus(folder, manifest=CNN_STORIES / "MANIFEST.csv")


def test_manifest_dates():
    dates = read_manifest(CNN_STORIES / "MANIFEST.csv")
    assert len(dates) == 20
    assert str(dates["ee8871b15c50d0db17b0179a6d2beab35065f1e9"]) == "2007-07-13"


def test_corpus_articles_and_errors(serial, folder):
    arts = serial.articles
    assert len(arts) == 9  # every file appears, good or bad
    bad = arts[arts.error.notna()]
    assert sorted(bad.article) == ["binary", "empty", "latin"]
    assert (
        bad.set_index("article").error["empty"].endswith("the file is empty (or only whitespace)")
    )
    good = arts[arts.error.isna()]
    assert (good.lines > 0).all() and (good.words > 50).all()
    assert good.published.notna().all()  # from the manifest and the seed's sidecar
    assert "6 of 9 articles read" in serial.summary()
    assert "empty.txt" in serial.summary()


def test_frames_have_article_key_first(serial):
    stems = serial.articles.article.tolist()
    for name in TABLES:
        frame = getattr(serial, name)
        assert frame.columns[0] == "article"
        assert isinstance(frame.article.dtype, pd.CategoricalDtype)
        assert list(frame.article.cat.categories) == stems
    lines = serial.lines
    assert lines.article.nunique() == 6
    seed = lines[lines.article == SEED.stem]
    assert "".join(seed.text + seed.eol) == SEED.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_engines_give_identical_frames(serial, folder, engine):
    other = read_corpus(folder, manifest=CNN_STORIES / "MANIFEST.csv", engine=engine, workers=2)
    pd.testing.assert_frame_equal(other.articles, serial.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(other, name), getattr(serial, name))


def test_parquet_round_trip(serial, tmp_path):
    serial.to_parquet(tmp_path / "pq")
    back = read_parquet(tmp_path / "pq")
    pd.testing.assert_frame_equal(back.articles, serial.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(serial, name))


def test_streaming_write_matches_in_memory(serial, folder, tmp_path):
    out = write_corpus(folder, tmp_path / "stream", manifest=CNN_STORIES / "MANIFEST.csv", batch=2)
    back = read_parquet(out)
    pd.testing.assert_frame_equal(back.articles, serial.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(serial, name))
    import pyarrow.parquet as pq

    assert pq.ParquetFile(out / "lines.parquet").num_row_groups == 5  # one per batch of 2


def test_bad_arguments():
    with pytest.raises(NewsframeError, match="unknown engine"):
        read_corpus([str(SEED)], engine="threads")  # type: ignore[arg-type]
    with pytest.raises(NewsframeError, match="not a newsframe corpus"):
        read_parquet(CNN_STORIES)
