"""Reading articles: lossless round trip, offsets, encodings and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsframe import BadInputError, MissingDateError, read_article
from newsframe.article import Article
from newsframe.paths import SEED


def _check_lossless(art: Article) -> None:
    lines = art.lines
    assert "".join(lines.text + lines.eol) == art.text
    for row in lines.itertuples():
        assert art.text[row.start : row.end] == row.text
    for row in art.sentences.itertuples():
        assert art.text[row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
        line = lines.iloc[row.line - 1]
        assert line.start <= row.start and row.end <= line.end  # never crosses a line


def test_seed_round_trip(seed):
    _check_lossless(seed)
    assert seed.text == SEED.read_text(encoding="utf-8")
    assert len(seed.lines) == 54
    assert seed.lines.line.tolist() == list(range(1, 55))


def test_seed_meta(seed):
    assert seed.meta["published"] == dt.date(2013, 1, 18)
    assert seed.meta["title"] == "French, Malian forces seize key city from militants"
    assert seed.meta["source"] == "CNN"


def test_published_argument_overrides_sidecar():
    art = read_article(SEED, published="2013-01-19")
    assert art.published == dt.date(2013, 1, 19)
    art = read_article(SEED, published=dt.datetime(2013, 1, 20, 8, 30))
    assert art.published == dt.date(2013, 1, 20)


_line_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=200)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_line_text, st.sampled_from(["\n", "\r\n", "\r"])), min_size=1))
def test_round_trip_property(parts):
    text = "".join(a + b for a, b in parts)
    if not text.strip():
        with pytest.raises(BadInputError):
            read_article(text)
        return
    _read_or_refuse(text)


def _read_or_refuse(text: str) -> None:
    """Read ``text`` losslessly, or refuse it only for NUL characters or HTML markup."""
    try:
        art = read_article(text)
    except BadInputError as exc:
        if "\x00" in text:
            assert "binary" in str(exc)
        else:
            assert "HTML" in str(exc)
        return
    assert "\x00" not in text
    _check_lossless(art)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=2000).filter(lambda s: s.strip()))
def test_sentences_property_arbitrary_text(text):
    _read_or_refuse("\n" + text)


def test_long_single_line_splits_in_linear_time():
    text = "Mr. Smith went to Paris. " * 20_000  # 500 KB on one line: must not be quadratic
    art = read_article(text)
    assert len(art.sentences) == 20_000


def test_path_or_text():
    with pytest.raises(BadInputError, match="no such file"):
        read_article("data/raw/cnn-stories/missing")
    for text in ("Shares rose 2.5", "For more, visit CNN.com", "Hello world.txt"):
        assert read_article(text).text == text


def test_nat_and_nul_and_surrogates(tmp_path):
    import pandas as pd

    assert read_article("Talks resumed on Monday.", published=pd.NaT).published is None
    with pytest.raises(BadInputError, match="binary"):
        read_article("Talks resumed\x00 on Monday.")
    with pytest.raises(BadInputError, match="not valid Unicode"):
        read_article("Talks resumed \ud800 on Monday.")
    path = tmp_path / "late_nul.txt"
    path.write_bytes(b"Plain text. " * 10_000 + b"\x00")  # NUL after the first 64 KiB
    with pytest.raises(BadInputError, match="binary"):
        read_article(path)
    bom = tmp_path / "bom_cp1252.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "Le président a parlé.".encode("cp1252"))
    with pytest.warns(UnicodeWarning):
        assert read_article(bom).text == "Le président a parlé."


def test_bom_crlf_and_no_final_newline(tmp_path):
    path = tmp_path / "crlf.txt"
    body = "WASHINGTON (CNN) -- Talks resumed on Monday.\r\nOfficials said little.\r\nThe end"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    art = read_article(path)
    assert art.text == body
    assert art.meta["encoding"] == "utf-8-sig"
    assert art.lines.eol.tolist() == ["\r\n", "\r\n", ""]
    _check_lossless(art)


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("PARIS (AFP) -- Le président a parlé à la presse lundi.".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match="latin.txt"):
        art = read_article(path)
    assert "président" in art.text
    assert art.meta["encoding"] == "cp1252"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"\x81\x8d\x8f\x90\x9d caf\xe9 \x81", "decode"),
        (b"<!DOCTYPE html><html><body><p>News</p></body></html>", "HTML"),
    ],
)
def test_bad_files_name_the_file_and_problem(tmp_path, content, message):
    path = tmp_path / "bad_article.txt"
    path.write_bytes(content)
    with pytest.raises(BadInputError, match=message) as info:
        read_article(path)
    assert "bad_article.txt" in str(info.value)


def test_html_by_tag_density_suggests_extraction():
    html = "<div>" + "".join(f"<p>Paragraph {i}.</p>" for i in range(10)) + "</div>"
    with pytest.raises(BadInputError, match="extract the text"):
        read_article(html + "\n")


def test_article_quoting_a_tag_is_not_html():
    art = read_article("The post read <script>alert(1)</script> and was removed.\n")
    assert "<script>" in art.text


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(BadInputError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(BadInputError, match="no such file"):
        read_article(str(tmp_path / "missing.story"))
    with pytest.raises(BadInputError, match="directory"):
        read_article(tmp_path)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Word. " * 1000, encoding="utf-8")
    with pytest.raises(BadInputError, match="too large"):
        read_article(path, max_bytes=1000)


def test_bad_published_date():
    with pytest.raises(MissingDateError, match="not a calendar date"):
        read_article("Some text here.\n", published="18/01/2013")
    with pytest.raises(MissingDateError, match="2013-02-30"):
        read_article("Some text here.\n", published="2013-02-30")


def test_bad_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Some text here.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"a\.meta\.json"):
        read_article(tmp_path / "a.txt")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "soon"}), encoding="utf-8")
    with pytest.raises(MissingDateError, match=r"a\.meta\.json"):
        read_article(tmp_path / "a.txt")


def test_wrong_type_is_refused():
    with pytest.raises(BadInputError, match="path or a string"):
        read_article(42)  # type: ignore[arg-type]


def test_reading_emits_no_warnings_for_utf8(seed):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_article(SEED)


def test_published_from_a_manifest_beside_the_file(story):
    art = story("ee8871b1")  # data/raw/cnn-stories has MANIFEST.csv and no sidecars
    assert str(art.published) == "2007-07-13"
    assert art.dates.date_start.notna().all()
