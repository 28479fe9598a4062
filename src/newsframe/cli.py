"""The ``newsframe`` command line.

    newsframe report ARTICLE|FOLDER|GLOB ... [--published DATE] [-o OUT.html]
    newsframe corpus ARTICLE|FOLDER|GLOB ... -o OUTDIR [--manifest CSV] [--engine E]
                     [--scheduler ADDRESS] [--workers N] [--no-resume]
    newsframe extract ARTICLE --table lines|sentences|places|dates|sentiment
                      [--format csv|json|parquet] [-o FILE] [--published DATE]

Errors are one line on stderr. Exit status: 0 done; 1 a report whose notebook failed (a cell,
the charts or the export); 2 bad input: an unreadable article or date, no file matched, no
article of a corpus readable, an output path that cannot be written, a usage error; 130
interrupted.
Only argparse and the standard library are imported at start-up; pandas and the analyses are
imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

FORMATS = ("csv", "json", "parquet")


def _parser() -> argparse.ArgumentParser:
    from .names import ENGINES, TABLES

    parser = argparse.ArgumentParser(
        prog="newsframe",
        description="Turn raw news articles into tidy tables and an offline HTML report.",
        epilog="Examples:\n"
        "  newsframe report data/raw/000_0e20855109353e98.txt\n"
        "  newsframe report data/raw/cnn-stories/*.story -o reports/cnn.html\n"
        "  newsframe extract article.txt --table places --format json -o places.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser(
        "report",
        help="build the HTML report for one article (or a corpus report for several)",
        description="Execute the report notebook headless and export one self-contained, "
        "offline HTML file. The executed notebook is kept beside it.",
    )
    rep.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="article text file(s), folders of them or globs (quoted, such as 'dir/*.txt')",
    )
    rep.add_argument(
        "--published",
        metavar="DATE",
        help="publication date, YYYY-MM-DD (default: each article's <stem>.meta.json sidecar)",
    )
    rep.add_argument(
        "-o", "--output", metavar="OUT.html", help="output file (default: reports/<stem>.html)"
    )
    rep.add_argument("--title", help="report title (default: the article's title)")

    rep.add_argument(
        "--engine",
        choices=ENGINES,
        default="serial",
        help="how a corpus report processes its articles (default: serial)",
    )
    rep.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address such as tcp://10.0.0.5:8786 (engine dask)",
    )

    cor = sub.add_parser(
        "corpus",
        help="process many articles into Parquet tables (one dataset folder per table)",
        description="Read every article, build all five tables and write them into OUTDIR "
        "(a folder, or an fsspec URL every worker can reach): one folder of Parquet parts per "
        "table, written by the workers, then articles.parquet and newsframe.json. Bad files "
        "are reported and skipped. A rerun finishes an interrupted run.",
    )
    cor.add_argument(
        "articles",
        nargs="+",
        metavar="ARTICLE",
        help="article files (plain text or saved web pages), folders, quoted globs, or article "
        "tables (.jsonl, .csv, .parquet: one article per row)",
    )
    cor.add_argument("-o", "--output", metavar="OUTDIR", required=True, help="output folder")
    cor.add_argument("--manifest", metavar="CSV", help="CSV with file and published columns")
    cor.add_argument("--published", metavar="DATE", help="one publication date for all")
    cor.add_argument("--engine", choices=ENGINES, default="processes")
    cor.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address")
    cor.add_argument("--workers", type=int, help="processes or Dask workers (default: cores)")
    columns = cor.add_argument_group(
        "article tables",
        "Columns of .jsonl, .csv and .parquet inputs. Without them, common layouts are "
        "recognised: text or maintext; published, date_publish or date; source, source_domain "
        "or domain; title. A row without a key is keyed by its row (or line) number.",
    )
    for field, what in (
        ("text", "the article text"),
        ("published", "the publication date (ISO)"),
        ("source", "the outlet"),
        ("title", "the headline"),
        ("key", "a unique key per article"),
    ):
        columns.add_argument(f"--{field}-column", metavar="NAME", help=f"column with {what}")
    cor.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        help="seconds one article may take before it is reported as too slow (default: 120)",
    )
    cor.add_argument(
        "--no-resume",
        dest="resume",
        action="store_false",
        help="process every article again; by default a rerun into OUTDIR keeps the parts an "
        "earlier run finished with the same articles and options",
    )
    cor.add_argument(
        "--batch",
        type=int,
        default=500,
        metavar="N",
        help="at most N articles per part (one task, one Parquet file per table; default 500)",
    )

    ext = sub.add_parser(
        "extract",
        help="dump one table of an article as CSV, JSON or Parquet",
        description="Parse an article and write one of its tables. Default: CSV on stdout. "
        "Where the text and the publication date came from is printed on stderr.",
    )
    ext.add_argument("article", metavar="ARTICLE", help="article text file, or a saved web page")
    ext.add_argument("--table", "-t", choices=TABLES, default="lines", help="which table")
    ext.add_argument("--format", "-f", choices=FORMATS, default="csv", help="output format")
    ext.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    ext.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    return parser


def _extract(args: argparse.Namespace) -> int:
    from .article import read_article
    from .frames import spreadsheet_safe

    art = read_article(Path(args.article), published=args.published)
    print(f"newsframe: {args.article}: {provenance(art.meta)}", file=sys.stderr)
    frame = getattr(art, args.table)
    if args.format == "parquet":
        frame.to_parquet(args.output, index=False)
    elif args.format == "json":
        out = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1)
        _write(out + "\n", args.output)
    else:
        _write(spreadsheet_safe(frame).to_csv(index=False), args.output)
    return 0


def provenance(meta: dict[str, object]) -> str:
    """Where an article's text and date came from, in one line: ``"text: plain text; published
    2013-01-18 (sidecar)"``."""
    text = meta.get("text_basis") or "plain text"
    if meta.get("url"):
        text = f"{text}, {meta['url']}"
    if meta.get("published") is None:
        date = "no publication date"
    else:
        date = f"published {meta['published']} ({meta.get('published_basis') or 'given'})"
    return f"text: {text}; {date}"


def _write(text: str, output: str | None) -> None:
    """Write ``text`` as UTF-8 to ``output``, or to stdout whatever its encoding (a terminal
    or a pipe set to ASCII or Latin-1 would otherwise fail on the first "é")."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or (sys.stdout.encoding or "").lower().replace("-", "") == "utf8":
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _corpus(args: argparse.Namespace) -> int:
    from .corpus import TIME_LIMIT, write_corpus
    from .dataset import Store, read_manifest_of, read_table
    from .errors import NewsframeError
    from .reading import expand_paths

    if not expand_paths(args.articles):
        raise NewsframeError("no files matched " + " ".join(args.articles))
    if args.published and args.published_column:
        raise NewsframeError("give --published (one date) or --published-column, not both")
    out = write_corpus(
        args.articles,
        args.output,
        published=args.published or args.published_column,
        text=args.text_column,
        source=args.source_column,
        title=args.title_column,
        key=args.key_column,
        manifest=args.manifest,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        progress=True,
        time_limit=args.time_limit or TIME_LIMIT,
        resume=args.resume,
        batch=args.batch,
    )
    store = Store(out)
    table = read_table(store, "articles", read_manifest_of(store))
    articles = table.select(["article", "error"]).to_pandas()
    failed = articles[articles.error.notna()]
    print(f"{len(articles) - len(failed)} of {len(articles)} articles read", file=sys.stderr)
    for error in failed.error:
        print(f"newsframe: skipped: {error}", file=sys.stderr)
    print(out)
    return 0 if len(failed) < len(articles) else 2  # nothing could be read: bad input


def _report(args: argparse.Namespace) -> int:
    from .errors import NewsframeError
    from .reading import expand_paths
    from .report import build_report, check_inputs, check_output, default_output

    paths = [Path(a) for a in expand_paths(args.articles)]  # files, folders and globs
    if not paths:
        raise NewsframeError("no files matched " + " ".join(args.articles))
    check_output(args.output or default_output(paths))  # before reading any article
    if len(paths) == 1:
        check_inputs(paths, args.published)  # a bad article or date fails before any kernel
    else:
        from tqdm import tqdm

        check_inputs([], args.published)  # the date only; each article is checked below
        bad = 0
        for p in tqdm(paths, desc="checking articles", unit="article", file=sys.stderr):
            try:
                check_inputs([p], args.published)
            except NewsframeError as exc:
                bad += 1
                tqdm.write(f"newsframe: skipping in the report: {exc}", file=sys.stderr)
        if bad == len(paths):
            raise NewsframeError(f"none of the {len(paths)} articles could be read")
    t0 = time.perf_counter()
    print(f"building the report for {len(paths)} article(s)…", file=sys.stderr)
    html = build_report(
        paths,
        published=args.published,
        output=args.output,
        title=args.title,
        engine=args.engine,
        scheduler=args.scheduler,
        checked=True,
    )
    print(f"wrote {html} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(html)
    return 0


def _one_line(message: str) -> str:
    """An error message on one line, whatever the file names in it hold ("a\\nb.txt")."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsframe`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "format", None) == "parquet" and not args.output:
        parser.error("--format parquet needs -o FILE")
    if args.version:
        from . import __version__

        print(f"newsframe {__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import NewsframeError

    try:
        command = {"extract": _extract, "report": _report, "corpus": _corpus}[args.command]
        return command(args)
    except NewsframeError as exc:
        from .report import ReportError

        print(f"newsframe: error: {_one_line(str(exc))}", file=sys.stderr)
        return 1 if isinstance(exc, ReportError) else 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an output folder or file that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"newsframe: error: {_one_line(f'{where}{exc.strerror or exc}')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsframe: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
