"""Corpus processing: every engine gives the same frames; bad files are reported, not fatal."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from newsframe.corpus import TABLES, read_corpus, read_parquet, write_corpus
from newsframe.errors import NewsframeError
from newsframe.paths import CNN_STORIES, SEED
from newsframe.reading import read_manifest

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


def _assert_same_corpus(back, serial):
    pd.testing.assert_frame_equal(back.articles, serial.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(serial, name))


@pytest.mark.slow
def test_workers_write_identical_tables_on_every_engine(serial, folder, tmp_path):
    """processes on local workers; dask on an existing scheduler, writing to a file:// URL
    through fsspec from the workers: the same tables as the serial in-memory corpus."""
    from distributed import LocalCluster

    manifest = CNN_STORIES / "MANIFEST.csv"
    out = write_corpus(
        folder, tmp_path / "proc", manifest=manifest, engine="processes", workers=2, batch=2
    )
    _assert_same_corpus(read_parquet(out), serial)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        url = (tmp_path / "dask").as_uri()  # file:///...: written through fsspec
        out = write_corpus(
            folder,
            url,
            manifest=manifest,
            engine="dask",
            scheduler=cluster.scheduler_address,
            batch=2,
        )
    assert out == url
    _assert_same_corpus(read_parquet(url), serial)
    assert len(list((tmp_path / "dask" / "places").glob("part-*.parquet"))) == 5


def test_write_to_an_fsspec_url(serial, folder):
    url = "memory://newsframe-test/run"
    out = write_corpus(folder, url, manifest=CNN_STORIES / "MANIFEST.csv", batch=4)
    assert out == url
    _assert_same_corpus(read_parquet(url), serial)
    serial.to_parquet("memory://newsframe-test/copy")
    _assert_same_corpus(read_parquet("memory://newsframe-test/copy"), serial)


def test_an_undated_article_of_a_manifest_is_not_looked_up_again(tmp_path, monkeypatch):
    """The job says the manifest was looked up and has no date: the worker never rereads it
    (nor a MANIFEST.csv beside the file when another manifest was given)."""
    import newsframe.article as article_module

    for i, story in enumerate(STORIES[:2]):
        shutil.copy(story, tmp_path / f"s{i}.txt")
    (tmp_path / "MANIFEST.csv").write_text("file,published\ns0.txt,2015-04-01\ns1.txt,\n")
    looked_up = []
    real = article_module.read_manifest
    monkeypatch.setattr(article_module, "read_manifest", lambda p: looked_up.append(p) or real(p))
    with pytest.warns(UserWarning, match="no publication date"):
        corpus = read_corpus(tmp_path)
    assert looked_up == []
    assert corpus.articles.published.isna().tolist() == [False, True]
    assert corpus.articles.error.isna().all()
    import newsframe as nf

    assert nf.read_article(tmp_path / "s1.txt").published is None
    assert looked_up == [tmp_path / "MANIFEST.csv"]  # read_article alone still looks


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
    # one part per batch of 2, named by input position; each table folder is one dataset
    assert sorted(p.name for p in (out / "lines").iterdir()) == [
        f"part-{i:06d}.parquet" for i in range(5)
    ]
    import pyarrow.dataset as ds

    for name in TABLES:
        expected = getattr(serial, name).assign(article=lambda f: f.article.astype(str))
        by_pandas = pd.read_parquet(out / name)  # dates in ms: Parquet has no seconds unit
        pd.testing.assert_frame_equal(by_pandas, expected, check_dtype=False)  # input order
        assert ds.dataset(out / name).count_rows() == len(expected)
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.article.tolist() == serial.articles.article.tolist()


def test_a_folder_of_the_earlier_layout_still_reads(serial, tmp_path):
    """Format 1 (one Parquet file per table) reads back; a new run replaces it cleanly."""
    import json

    old = tmp_path / "old"
    old.mkdir()
    serial.articles.to_parquet(old / "articles.parquet", index=False)
    rows = {"articles": len(serial.articles)}
    for name in TABLES:
        getattr(serial, name).to_parquet(old / f"{name}.parquet", index=False)
        rows[name] = len(getattr(serial, name))
    (old / "newsframe.json").write_text(json.dumps({"format": 1, "tables": rows}))
    _assert_same_corpus(read_parquet(old), serial)
    serial.to_parquet(old)
    assert not list(old.glob("lines.parquet")) and (old / "lines" / "part-000000.parquet").exists()
    _assert_same_corpus(read_parquet(old), serial)
    (old / "places" / "part-000000.parquet").unlink()
    with pytest.raises(NewsframeError, match="places is missing or does not match"):
        read_parquet(old)


def test_bad_arguments():
    with pytest.raises(NewsframeError, match="unknown engine"):
        read_corpus([str(SEED)], engine="threads")  # type: ignore[arg-type]
    with pytest.raises(NewsframeError, match="not a newsframe corpus"):
        read_parquet(CNN_STORIES)


def test_coverage_over_time_and_days_from_publication(serial):
    import matplotlib.pyplot as plt

    from newsframe.compare import coverage_over_time, days_from_publication
    from newsframe.plots.corpus import plot_coverage_heatmap, plot_days_from_publication

    monthly = coverage_over_time(serial, freq="M")
    assert list(monthly.columns) == ["period", "iso3", "country", "mentions", "articles"]
    assert str(monthly.period.dtype) == "datetime64[s]"
    assert (monthly.period.dt.day == 1).all()
    # every dated article's mentions are counted once, those in credit lines not at all
    from newsframe.coverage import COUNTED_SECTIONS

    dated = serial.articles.dropna(subset=["published"]).article
    places = serial.places
    counted = places.article.isin(dated) & places.section.isin(COUNTED_SECTIONS)
    assert monthly.mentions.sum() == counted.sum() < places.article.isin(dated).sum()
    mali = monthly[(monthly.iso3 == "MLI") & (monthly.period == "2013-01-01")]
    assert mali.articles.tolist() == [1] and mali.mentions.iloc[0] > 50
    with pytest.raises(ValueError, match="freq"):
        coverage_over_time(serial, freq="D")

    pooled = days_from_publication(serial, window=(-7, 7))
    assert pooled.days.between(-7, 7).all() and (pooled.weight > 0).all()
    assert pooled[pooled.days == 0].weight.sum() > 0  # "today", "on Friday" (the seed)

    _, axes = plt.subplots(1, 2)
    assert plot_coverage_heatmap(monthly, ax=axes[0]) is axes[0]
    assert plot_days_from_publication(pooled, ax=axes[1]) is axes[1]
    assert plot_days_from_publication(pooled.iloc[:0]).texts[0].get_text().startswith("no dated")
    plt.close("all")


def test_corpus_iterates_article_views(serial):
    from newsframe import coverage_by_country, sentiment_by_section, timeline_density

    views = list(serial)
    assert [v.stem for v in views] == serial.articles[serial.articles.error.isna()].article.tolist()
    seed = next(v for v in views if v.stem == SEED.stem)
    assert str(seed.published) == "2013-01-18"
    assert "article" not in seed.places.columns and len(seed.places) > 100
    cov = coverage_by_country(serial)
    assert set(cov.article) == {v.stem for v in views if len(v.places)}
    assert timeline_density(serial).article.nunique() >= 5
    pooled = sentiment_by_section(serial, by_article=False)
    assert pooled.set_index("section").loc["body", "sentences"] > 100


def test_duplicate_stems_globs_and_literal_brackets(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("PARIS (AFP) - France voted on Sunday, officials said.\n")
    (tmp_path / "b" / "x.txt").write_text(
        "BERLIN (AFP) - Germany voted on Sunday, officials said.\n"
    )
    (tmp_path / "st[1].txt").write_text("ROME (AP) - Italy voted on Sunday, officials said.\n")
    (tmp_path / "a" / "x.meta.json").write_text('{"published": "2024-06-09"}')
    with pytest.warns(UserWarning, match="no publication date"):  # b/x.txt and st[1].txt
        corpus = read_corpus(
            [tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", str(tmp_path / "st[1].txt")]
        )
    assert corpus.articles.article.tolist() == ["x", "x~2", "st[1]"]
    assert corpus.places.groupby("article", observed=True).iso3.first().tolist() == [
        "FRA",
        "DEU",
        "ITA",
    ]
    globbed = read_corpus(str(tmp_path / "a" / "*"))  # the sidecar is not an article
    assert globbed.articles.article.tolist() == ["x"]
    assert str(globbed.articles.published.iloc[0].date()) == "2024-06-09"


def test_manifest_saved_with_a_byte_order_mark(tmp_path):
    manifest = tmp_path / "MANIFEST.csv"
    manifest.write_bytes(b"\xef\xbb\xbffile,published\nx.txt,2024-06-09\n")
    assert str(read_manifest(manifest)["x"]) == "2024-06-09"


def test_the_local_dask_cluster_runs_its_workers_without_the_profiler() -> None:
    """Dask's statistical profiler cost a fifth more CPU per article in the workers; the
    LocalCluster newsframe starts turns it off, and the caller's configuration is untouched."""
    import dask
    import distributed  # noqa: F401  (registers the distributed configuration)

    from newsframe.corpus import _start_pool

    before = dask.config.get("distributed.worker.profile.enabled")
    with _start_pool("dask", workers=1) as pool:
        seen = pool.backend.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    assert list(seen.values()) == [False]
    assert dask.config.get("distributed.worker.profile.enabled") == before is True
