"""The ``newsframe`` command line.

    newsframe report ARTICLE [ARTICLE ...] [--published DATE] [-o OUT.html]
    newsframe extract ARTICLE --table lines|sentences|places|dates|sentiment
                      [--format csv|json|parquet] [-o FILE] [--published DATE]

Errors are one line on stderr with exit status 2 (bad input) or 1 (a failed report).
Only argparse and the standard library are imported at start-up; pandas and the analyses are
imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

TABLES = ("lines", "sentences", "places", "dates", "sentiment")
FORMATS = ("csv", "json", "parquet")


def _parser() -> argparse.ArgumentParser:
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
    rep.add_argument("articles", nargs="+", metavar="ARTICLE", help="article text file(s)")
    rep.add_argument(
        "--published",
        metavar="DATE",
        help="publication date, YYYY-MM-DD (default: each article's <stem>.meta.json sidecar)",
    )
    rep.add_argument(
        "-o", "--output", metavar="OUT.html", help="output file (default: reports/<stem>.html)"
    )
    rep.add_argument("--title", help="report title (default: the article's title)")

    ext = sub.add_parser(
        "extract",
        help="dump one table of an article as CSV, JSON or Parquet",
        description="Parse an article and write one of its tables. Default: CSV on stdout.",
    )
    ext.add_argument("article", metavar="ARTICLE", help="article text file")
    ext.add_argument("--table", "-t", choices=TABLES, default="lines", help="which table")
    ext.add_argument("--format", "-f", choices=FORMATS, default="csv", help="output format")
    ext.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    ext.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    return parser


def _extract(args: argparse.Namespace) -> int:
    from .article import read_article

    art = read_article(Path(args.article), published=args.published)
    frame = getattr(art, args.table)
    if args.format == "parquet":
        if not args.output:
            raise SystemExit("newsframe: error: --format parquet needs -o FILE")
        frame.to_parquet(args.output, index=False)
    elif args.format == "json":
        out = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1)
        _write(out + "\n", args.output)
    else:
        _write(frame.to_csv(index=False), args.output)
    return 0


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _report(args: argparse.Namespace) -> int:
    from .report import build_report, check_inputs

    paths = [Path(a) for a in args.articles]
    if len(paths) > 1:
        from tqdm import tqdm

        for p in tqdm(paths, desc="checking articles", unit="article", file=sys.stderr):
            check_inputs([p], args.published)
    t0 = time.perf_counter()
    print(f"building the report for {len(paths)} article(s)…", file=sys.stderr)
    html = build_report(paths, published=args.published, output=args.output, title=args.title)
    print(f"wrote {html} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(html)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsframe`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"newsframe {__version__}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    from .errors import NewsframeError

    try:
        return _extract(args) if args.command == "extract" else _report(args)
    except NewsframeError as exc:
        from .report import ReportError

        print(f"newsframe: error: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, ReportError) else 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("newsframe: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
