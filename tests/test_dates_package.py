"""The newsframe.dates package: its rule registry, hits, imports and independence from the clock."""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
import sys
import types
import warnings
from pathlib import Path

import pandas as pd
import pytest

import newsframe as nf
import newsframe.dates
import newsframe.text
from newsframe.dates import extract_dates
from newsframe.dates.recognition import Hit, find_hits, scan
from newsframe.dates.rules import RULES, Registry, Rule
from newsframe.dates.years import LAST_YEAR, infer_year
from newsframe.paths import SEED

PACKAGE = Path(newsframe.dates.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _resolver(hit, reference):  # a stand-in: these rules are never resolved
    return None


# --- the registry ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "pattern",
    [r"(?:today)?", r"\d*", r"(?=Friday)", r"\b", r"(?:last|)", r"(?P<day>\d{1,2})?(?!\w)"],
)
def test_registering_a_rule_that_can_match_nothing_raises(pattern: str) -> None:
    registry = Registry()
    rule = Rule("empty", "", re.compile(pattern), _resolver, "day")
    with pytest.raises(ValueError, match="empty string"):
        registry.add(rule)
    assert len(registry) == 0


def test_registering_a_name_twice_raises() -> None:
    registry = Registry()
    registry.add(Rule("today", "today", re.compile("today"), _resolver, "day"))
    with pytest.raises(ValueError, match="already registered"):
        registry.add(Rule("today", "today", re.compile("Today"), _resolver, "day"))


def test_registry_holds_one_rule_per_kind_in_order() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)) == len(RULES)
    # explicit dates are tried before the bare words they contain
    assert names.index("weekday mdy") < names.index("mdy") < names.index("weekday")
    assert names.index("month year") < names.index("month") < names.index("year")
    assert names[-1] == "year"


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.name)
def test_each_rule_finds_its_own_examples(rule: Rule) -> None:
    for example in rule.example.split("; "):
        found = [c for c in scan(example) if c.rule is rule]
        assert found, f"{rule.name} does not find {example!r}"


# --- hits -----------------------------------------------------------------------------------
def test_hits_are_typed_and_hold_offsets_not_text() -> None:
    art = nf.read_article(SEED)
    hits = find_hits(art.text, art.sentences)
    assert hits and all(isinstance(h, Hit) for h in hits)
    for h in hits:
        for value in (h.start, h.end, h.found, h.context.start, h.context.end):
            assert isinstance(value, int)
        assert h.context.start <= h.found <= h.start < h.end <= h.context.end
        assert isinstance(h.kind, str) and h.kind == h.rule.name
    rows = art.dates
    assert set(zip(rows["start"], rows["end"], strict=True)) <= {(h.start, h.end) for h in hits}


def test_calendar_names_come_from_newsframe_text() -> None:
    from newsframe.dates import vocabulary

    assert newsframe.dates.WEEKDAYS is newsframe.text.WEEKDAYS
    assert vocabulary.MONTHS is newsframe.text.MONTHS
    assert vocabulary.WEEKDAYS is newsframe.text.WEEKDAYS
    assert vocabulary.MONTH_ABBREVIATIONS is newsframe.text.MONTH_ABBREVIATIONS


def test_public_api() -> None:
    assert sorted(newsframe.dates.__all__) == [
        "DENSITY_COLUMNS",
        "WEEKDAYS",
        "extract_dates",
        "timeline_density",
    ]
    for name in newsframe.dates.__all__:
        assert hasattr(newsframe.dates, name)


# --- imports --------------------------------------------------------------------------------
def _imported(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, wherever the import statement is."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name(
                "." * node.level + (node.module or ""), "newsframe.dates"
            )
            names.add(base)
            names.update(f"{base}.{a.name}" for a in node.names)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_module_imports_article_or_corpus(path: Path) -> None:
    banned = ("newsframe.article", "newsframe.corpus")
    assert not [n for n in _imported(path) if n.startswith(banned)]


def test_density_imports_only_frames_sections_and_pandas() -> None:
    imported = _imported(PACKAGE / "density.py")
    outside = {n.split(".")[0] for n in imported if not n.startswith("newsframe")}
    ours = {".".join(n.split(".")[:2]) for n in imported if n.startswith("newsframe")}
    assert outside <= {"__future__", "pandas"}
    assert ours <= {"newsframe.frames", "newsframe.sections"}


# --- the clock --------------------------------------------------------------------------------
def test_no_module_reads_the_clock() -> None:
    clock = re.compile(r"\b(?:today|now|utcnow|time|localtime|gmtime)\(|\btime\.time\b")
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert not clock.search(source), path.name


class _Clock:
    """A datetime module whose clock says ``year``; everything else is the real one."""

    def __init__(self, year: int) -> None:
        fixed = dt.datetime(year, 6, 15, 12)

        class Date(dt.date):
            @classmethod
            def today(cls) -> dt.date:
                return fixed.date()

        class DateTime(dt.datetime):
            @classmethod
            def now(cls, tz: object = None) -> dt.datetime:  # type: ignore[override]
                return fixed

            @classmethod
            def today(cls) -> dt.datetime:
                return fixed

        self.module = types.ModuleType("datetime")
        self.module.__dict__.update(vars(dt))
        self.module.date = Date  # type: ignore[attr-defined]
        self.module.datetime = DateTime  # type: ignore[attr-defined]


def _undated_frame(text: str) -> tuple[pd.DataFrame, list[str]]:
    art = nf.Article(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = extract_dates(text, art.sentences, None, name="undated.txt")
    return frame, [str(w.message) for w in caught]


UNDATED = (
    "A cabinet meeting in Bamako on Friday, January 11.\n"
    "Togolese troops board a plane on Thursday, January 17.\n"
    "A coup toppled the president in 2012, and the army launched an offensive last week.\n"
)  # the pairs and "2012" fix 2013


@pytest.mark.parametrize("year", [1950, 2000, 2026, 2090])
def test_undated_article_dates_do_not_depend_on_the_clock(
    year: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _undated_frame(UNDATED)
    clock = _Clock(year).module
    for name, module in list(sys.modules.items()):
        if name.startswith("newsframe.dates") and module is not None:
            for attr, value in vars(module).items():
                if value is dt:
                    monkeypatch.setattr(module, attr, clock)
                elif value is dt.date:
                    monkeypatch.setattr(module, attr, clock.date)
                elif value is dt.datetime:
                    monkeypatch.setattr(module, attr, clock.datetime)
    got = _undated_frame(UNDATED)
    assert "2013-01-17" in got[0]["date_start"].astype(str).tolist()
    pd.testing.assert_frame_equal(got[0], expected[0])
    assert got[1] == expected[1]


def test_undated_article_years_run_to_the_last_year_the_recogniser_reads() -> None:
    # "Friday, January 17" fits 2014, 2020, 2025, 2031...; the text writes 2012 and 2030, so
    # the candidates are narrowed to 2012..2031 -- whatever year it is now
    frame, messages = _undated_frame(
        "The summit of 2030 opens on Friday, January 17.\nA coup toppled him in 2012.\n"
    )
    assert LAST_YEAR == 2099
    assert "2014, 2020, 2025" in messages[0]
    frame, messages = _undated_frame("The summit of 2030 opens on Friday, January 17.\n")
    got = dict(zip(frame["surface"], frame["date_start"].astype(str).str[:10], strict=True))
    assert got["Friday, January 17"] == "2031-01-17"
    assert "the year 2031 was inferred" not in " ".join(messages)  # everything resolved


def test_infer_year_takes_its_last_year_as_an_argument() -> None:
    art = nf.Article("The summit of 2030 opens on Friday, January 17.\n")
    hits = find_hits(art.text, art.sentences)
    assert infer_year(hits).year == 2031
    assert infer_year(hits, last_year=2026).year is None  # 2031 is out of range
    assert 2025 in infer_year(hits, last_year=2026).candidates
