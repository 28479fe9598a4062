"""Real inputs (issue 14): saved web pages and article tables.

Every fixture under tests/data/inputs was written for these tests (see its README); none comes
from another package's test pages.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pandas as pd
import pytest

import newsframe as nf
from newsframe.cli import main
from newsframe.corpus import iter_jobs, read_corpus, read_parquet, write_corpus
from newsframe.errors import BadInputError, MissingDateError
from newsframe.names import TABLES
from newsframe.paths import SEED

DATA = Path(__file__).parent / "data" / "inputs"
NEWS_PAGE = DATA / "news-page.html"
URL_PAGE = DATA / "url-date-page.htm"
JSONLD_PAGE = DATA / "jsonld-page"
INDEX_PAGE = DATA / "index-page.html"
PAGES = (NEWS_PAGE, URL_PAGE, JSONLD_PAGE, INDEX_PAGE)
CSV_COLUMNS = {"text": "body", "title": "headline", "source": "outlet", "key": "story_id"}


# -- web pages -------------------------------------------------------------------------------
def test_news_page_keeps_the_article_and_drops_the_chrome():
    before = hashlib.sha256(NEWS_PAGE.read_bytes()).hexdigest()
    art = nf.read_article(NEWS_PAGE)
    lines = art.text.splitlines()
    assert lines[0] == "Harbour town votes to rebuild sea wall"
    assert lines[1].startswith("ABERDEEN, Scotland -- Councillors")
    assert len(lines) == 6  # the headline and five paragraphs, one per line
    for chrome in ("cookies", "Subscribe", "Most read", "grandmother", "potholes", "Copyright"):
        assert chrome not in art.text, chrome
    assert art.meta["title"] == "Harbour town votes to rebuild sea wall"
    assert art.meta["source"] == "The Coastline Courier"
    assert art.meta["author"] == "Mairi Duncan"
    assert art.meta["url"] == "https://coastline-courier.example/news/harbour-sea-wall"
    assert art.published.isoformat() == "2024-03-14"
    assert art.meta["published_basis"] == "page metadata"
    assert art.meta["text_basis"].startswith("HTML page, main text by trafilatura")
    # the analyses run on the extracted text
    assert art.meta["dateline"] == "ABERDEEN, Scotland --"
    assert set(art.places.iso3) == {"GBR"}
    assert (art.dates.surface == "Wednesday").any()
    assert len(art.sentiment) > 0
    assert hashlib.sha256(NEWS_PAGE.read_bytes()).hexdigest() == before  # page untouched


def test_page_with_only_a_date_in_its_url():
    art = nf.read_article(URL_PAGE)
    assert art.published.isoformat() == "2023-11-07"
    assert art.meta["published_basis"] == "url"
    assert "The Daily Ledger" not in art.text  # the site header
    assert art.text.splitlines()[1].startswith("A national rail strike")


def test_page_with_json_ld_and_no_extension():
    art = nf.read_article(str(JSONLD_PAGE))
    assert art.meta["author"] == "Ana Ribeiro"
    assert art.meta["source"] == "Market Wire"
    assert art.published.isoformat() == "2025-02-03"  # datePublished, not dateModified
    assert art.meta["published_basis"] == "page metadata"
    assert {"BRA", "DEU", "ITA"} <= set(art.places.iso3)


def test_index_page_is_one_clear_error_naming_the_file():
    with pytest.raises(BadInputError, match="no main text") as info:
        nf.read_article(INDEX_PAGE)
    assert "index-page.html" in str(info.value)


def test_date_basis_given_sidecar_and_manifest(tmp_path):
    assert nf.read_article(NEWS_PAGE, published="2020-05-01").meta["published_basis"] == "given"
    page = tmp_path / "page.html"
    shutil.copy(NEWS_PAGE, page)
    (tmp_path / "page.meta.json").write_text(
        json.dumps({"published": "2024-03-13", "source": "Courier Desk"}), encoding="utf-8"
    )
    art = nf.read_article(page)
    assert (art.published.isoformat(), art.meta["published_basis"]) == ("2024-03-13", "sidecar")
    assert art.meta["source"] == "Courier Desk"  # the sidecar comes before the page
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(URL_PAGE, other / "strike.htm")
    (other / "MANIFEST.csv").write_text("file,published\nstrike.htm,2023-11-08\n")
    art = nf.read_article(other / "strike.htm")
    assert (art.published.isoformat(), art.meta["published_basis"]) == ("2023-11-08", "manifest")


def test_plain_text_says_where_its_date_came_from():
    seed = nf.read_article(SEED)
    assert seed.meta["published_basis"] == "sidecar"
    assert seed.meta["text_basis"] == "plain text"
    assert nf.read_article("Talks resumed.", published="2024-01-02").meta["published_basis"] == (
        "given"
    )
    assert nf.read_article("Talks resumed.").meta["published_basis"] is None


def test_a_whole_page_given_as_a_string_is_extracted_but_markup_is_refused():
    art = nf.read_article(NEWS_PAGE.read_text(encoding="utf-8"))
    assert art.text.startswith("Harbour town votes")
    assert art.meta["published_basis"] == "page metadata"
    fragment = "<div>" + "".join(f"<p>Paragraph {i}.</p>" for i in range(10)) + "</div>\n"
    with pytest.raises(BadInputError, match="HTML markup"):
        nf.read_article(fragment)


def test_page_in_its_declared_charset(tmp_path):
    page = tmp_path / "latin.html"
    html = NEWS_PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
    html = html.replace("council leader, Alison Reid", "council leader, Zoë Müller")
    page.write_bytes(html.encode("iso-8859-1"))
    art = nf.read_article(page)  # no UnicodeWarning: pytest runs with warnings as shown
    assert "Zoë Müller" in art.text
    assert art.meta["encoding"] == "iso8859-1"


def test_plain_text_never_imports_the_html_libraries():
    code = (
        "import sys, newsframe as nf\n"
        f"a = nf.read_article({str(SEED)!r}); a.places; a.dates\n"
        f"nf.read_corpus([{str(SEED)!r}])\n"
        "print([m for m in ('trafilatura', 'htmldate', 'lxml') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_corpus_of_pages_reports_the_index_page_and_goes_on():
    corpus = read_corpus(list(PAGES))
    assert corpus.articles.article.tolist() == [p.stem for p in PAGES]
    bad = corpus.errors
    assert bad.article.tolist() == ["index-page"]
    assert "no main text" in bad.error.iloc[0]
    read = corpus.articles.set_index("article")
    assert read.loc["news-page", "source"] == "The Coastline Courier"
    assert read.loc["url-date-page", "published"] == pd.Timestamp("2023-11-07")
    assert set(corpus.places.article) == {"news-page", "jsonld-page"}


# -- article tables ----------------------------------------------------------------------------
def _errors(corpus: nf.Corpus) -> dict[str, str]:
    return dict(zip(corpus.errors.article, corpus.errors.error, strict=True))


def test_jsonl_in_news_please_layout_with_bad_lines():
    corpus = read_corpus(DATA / "articles.jsonl")
    assert corpus.articles.article.tolist() == ["1", "2", "3", "4", "6"]  # line 5 is blank
    errors = _errors(corpus)
    assert errors["2"].endswith("articles.jsonl, line 2: the text is empty")
    assert "line 3: not a valid JSON line" in errors["3"]
    assert "line 4: published date 'last Tuesday'" in errors["4"]
    read = corpus.articles[corpus.articles.error.isna()].set_index("article")
    assert read.loc["1", "published"] == pd.Timestamp("2024-06-02")
    assert read.loc["6", "source"] == "andesmining.example"
    assert read.loc["6", "title"] == "Chile copper output rises"
    assert set(corpus.places.article) == {"1", "6"}
    assert (corpus.lines[corpus.lines.article == "1"].text.str.len() > 0).sum() == 2


def test_csv_with_named_columns_and_bad_rows():
    corpus = read_corpus(DATA / "articles.csv", published="pub_date", **CSV_COLUMNS)
    assert corpus.articles.article.tolist() == ["gh-1", "gh-2", "gh-3", "gh-4", "gh-5"]
    errors = _errors(corpus)
    assert set(errors) == {"gh-2", "gh-3", "gh-4"}
    assert "row 2: the text is empty" in errors["gh-2"]
    assert "row 3: published date '15/04/2024'" in errors["gh-3"]
    assert "row 4: more cells than the header" in errors["gh-4"]
    read = corpus.articles.set_index("article")
    assert read.loc["gh-1", "source"] == "Gulf Wire"
    assert read.loc["gh-1", "lines"] == 2  # a cell's line break is a line of the article
    assert read.loc["gh-5", "published"] == pd.Timestamp("2024-04-18")


def test_parquet_in_cc_news_layout_with_bad_rows():
    corpus = read_corpus(DATA / "articles.parquet")
    errors = _errors(corpus)
    assert set(errors) == {"2", "3"}
    assert "row 2: the text is empty" in errors["2"]
    assert "row 3: published date 'sometime in July'" in errors["3"]
    read = corpus.articles.set_index("article")
    assert read.loc["1", "source"] == "aegean.example"
    assert read.loc["4", "published"] == pd.Timestamp("2023-07-01")
    assert {"GRC", "VNM"} <= set(corpus.places.iso3)


def test_dataframe_with_keys_made_unique_and_one_date_for_all():
    frame = pd.DataFrame(
        {
            "id": ["a", "a", None],
            "maintext": ["Rain fell in Oslo.", "Snow fell in Bergen, Norway.", "Sun in Rome."],
        }
    )
    corpus = read_corpus(frame, key="id", published="2024-02-01")
    assert corpus.articles.article.tolist() == ["a", "a~2", "2"]  # the third by its index label
    assert (corpus.articles.published == pd.Timestamp("2024-02-01")).all()
    assert corpus.errors.empty


def test_missing_cells_are_no_text_and_no_date():
    frame = pd.DataFrame(
        {"text": pd.array(["Rain fell in Oslo.", pd.NA], dtype="string"), "date": ["", " "]}
    )
    corpus = read_corpus(frame)
    assert corpus.articles.error.isna().tolist() == [True, False]
    assert corpus.articles.error.iloc[1] == "<DataFrame>, row 1: the text is empty"
    assert corpus.articles.published.isna().all()  # blank date cells: no date, no error


def test_a_missing_column_is_one_error_listing_the_columns_found():
    with pytest.raises(BadInputError) as info:
        read_corpus(DATA / "articles.jsonl", text="body")
    message = str(info.value)
    assert "no column 'body'" in message
    assert "columns found: 'title', 'maintext', 'date_publish', 'source_domain', 'url'" in message
    with pytest.raises(BadInputError, match=r"no text column.*columns found: 'story_id'"):
        read_corpus(DATA / "articles.csv")
    with pytest.raises(MissingDateError, match="neither a date nor a column"):
        read_corpus(DATA / "articles.csv", published="pubdate", **CSV_COLUMNS)


def test_rows_are_read_as_the_jobs_are_taken(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    row = {"text": "Prices rose in Kenya.", "date": "2024-01-01"}
    path.write_text("".join(json.dumps(row) + "\n" for _ in range(5000)), encoding="utf-8")
    calls = []
    loads = json.loads
    monkeypatch.setattr(json, "loads", lambda s, *a, **k: calls.append(1) or loads(s, *a, **k))
    jobs = iter_jobs(path)
    first = list(islice(jobs, 10))
    assert [j.key for j in first] == [str(n) for n in range(1, 11)]
    assert len(calls) < 20  # the columns' peek and ten rows, not 5,000
    assert sum(1 for _ in jobs) == 4990


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_every_engine_reads_tables_and_pages_alike(engine):
    inputs = [DATA / "articles.jsonl", DATA / "articles.parquet", NEWS_PAGE, INDEX_PAGE]
    serial = read_corpus(inputs)
    other = read_corpus(inputs, engine=engine, workers=2)
    pd.testing.assert_frame_equal(other.articles, serial.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(other, name), getattr(serial, name))
    assert len(serial.errors) == 6  # three bad lines, two bad rows, the index page


def test_streaming_write_of_a_table_matches_in_memory(tmp_path):
    memory = read_corpus(DATA / "articles.jsonl")
    out = write_corpus(DATA / "articles.jsonl", tmp_path / "out", batch=2)
    back = read_parquet(out)
    pd.testing.assert_frame_equal(back.articles, memory.articles)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(memory, name))


# -- command line --------------------------------------------------------------------------
def test_cli_corpus_reads_a_csv_with_named_columns(tmp_path, capsys):
    argv = ["corpus", str(DATA / "articles.csv"), "-o", str(tmp_path / "out"), "--engine"]
    argv += ["serial", "--text-column", "body", "--published-column", "pub_date"]
    argv += ["--key-column", "story_id", "--source-column", "outlet"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "2 of 5 articles read" in err
    assert "row 4: more cells than the header" in err
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert articles.article.tolist() == ["gh-1", "gh-2", "gh-3", "gh-4", "gh-5"]


def test_cli_corpus_missing_column_exits_2(tmp_path, capsys):
    argv = ["corpus", str(DATA / "articles.jsonl"), "-o", str(tmp_path / "o"), "--engine"]
    assert main([*argv, "serial", "--text-column", "body"]) == 2
    assert "columns found: 'title', 'maintext'" in capsys.readouterr().err


def test_cli_extract_shows_where_text_and_date_came_from(capsys):
    assert main(["extract", str(URL_PAGE), "--table", "lines"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("line,section,text")
    assert "text: HTML page, main text by trafilatura" in out.err
    assert "published 2023-11-07 (url)" in out.err
    assert main(["extract", str(SEED), "--table", "lines"]) == 0
    assert "text: plain text; published 2013-01-18 (sidecar)" in capsys.readouterr().err
