"""Place mentions resolved to countries (text and sentences in, the places frame out).

How a mention is found and resolved. The rules are general (none names an article) and are
applied in this order: the lookup, then the passes of :data:`_PASSES`, each named here.

1. **Lookup** (``_find``). Each sentence (and the dateline) is cut into word tokens. Starting
   at every capitalised token, the longest run of tokens (capitalised words joined by single
   spaces, with lowercase connectors such as "of", "and", "sous" inside) that names something
   in the gazetteer (:mod:`newsframe.gazetteer`) is taken; a possessive "'s" ends the run and
   is left out of the surface. Matching is whole-token only, so "Oman" is never found in
   "Romania" nor "Niger" in "Nigeria". A hyphenated token that is not a name as a whole is
   split ("Iran-Iraq") when every capitalised part is a name ("Bergen-Belsen" is not).
   Months, weekdays and all-capital short words that are not written in capitals ("Us")
   never match.
2. **Exclusions** (``_drop_exclusions``). Continents, broad regions, supranational bodies and
   event names ("Africa", "West African", "Middle East", "European Union", "U.N.", "Korean
   War") are matched like places, so the words inside them are used up, and then dropped.
   Every other match is a demonym, else a country, else a settlement or region ("city").
3. **The outlet and web addresses** (``_drop_outlet_name``, ``_drop_web_addresses``): a
   name inside the outlet's own name, given as ``source`` ("Antigua Observer"), or inside a
   web address or handle ("Iranian.com", "@CNNBrazil").
4. **Languages** (``_drop_languages``). A demonym always counts, also inside a name ("French
   Embassy", "Iranian Revolution"), except when it names a language ("tweets in English",
   "French-speaking").
5. **Names of other things** (``_drop_names_of_things``). A place followed by a capitalised
   word that heads the name of an organisation, publication, event or building ("Paris
   Match", "Washington Post", "Vietnam War", "Rome Statute", "San Francisco State
   University") is not counted, nor is a place after "of/for/in..." inside such a name
   ("University of Denver"; but "the Institute in Rosny-sous-Bois" is a location), nor a
   place naming a water body ("the Adyar river", "the Niger River"; the river itself may
   count as a feature, rule 12).
6. **People** (``_drop_people``). A settlement, or a country that is also a given name
   (Georgia, Jordan, Chad, Israel, India, Kenya), is part of a person's name when a title
   comes before it ("Mr. Paris") or it is written next to another capitalised word that is
   not a place ("Joe Sterling", "Victoria Nuland", "Michael Jordan", "Georgia Smith"). A
   one-word surname is remembered for the article, so a later bare "Sterling" or "Kerry" is
   the person too; a given name is not ("Jordan Haddad" leaves a later "Jordan" alone). A
   lone name opening a sentence before a colon ("Rogers: ...") is a speaker, remembered too.
7. **Pairs** (``_link_pairs``). "City, Country" and "City, State" pairs pick the candidate in
   the country both sides share ("Paris, Texas", "Bamako, Mali", "Atlanta, Georgia").
8. **Countries and demonyms** (``_resolve_nations``) always count and make the article's
   set of mentioned countries; a given-name country remembered as a person is the person,
   unless written after a locative word ("in Jordan").
9. **Evidence** is gathered before any settlement is decided: the countries named in each
   sentence (``_note_sentence_countries``); the countries of settlements that count outright
   or are paired, added to the article's and their sentence's countries
   (``_widen_with_settlements``); the names written after a locative word ("in", "near",
   "village of"...), before a unit ("Rakhine state") or as "the X <noun>" at least once
   (``_note_locative_cues``); and how many mentions may be prominent US places
   (``_count_us_places``).
10. **Settlements** (``_resolve_settlements``). A paired settlement takes its pair's
    country; a remembered person's name is dropped. Any other takes the first rung of
    evidence that holds (:data:`_EVIDENCE`), each recorded in the ``rule`` column: it lies in
    a first-level division the article names, in a country it mentions, and no capital or
    city of a million shares its name ("Valladolid" in an article about Yucatán), unless the
    article names the namesake's country and not the capital's ("George Town" in an article
    about Australia's Tasmania is not the Caymans' capital); or it is
    prominent (a national capital, a US state, a first-level division or a place of
    150,000 inhabitants or more, 200,000 in the US, where place names are often also
    surnames; and not also an ordinary English word); or it stands outside the US in a
    sentence that names its country ("Gaza ... Rafah"); or it is introduced as a location
    somewhere in the article and lies in a country the article mentions (in the US only a
    state qualifies: small US places need the state written after them, as AP style does);
    or, not written beside another capitalised word, it is a state or province of a country
    the article mentions ("West Bengal"), or a town known in one country only (not the US),
    which the article mentions. Otherwise it is dropped. Among the candidates left, the one
    in a country the article mentions wins, then one in a division it names, then a capital
    or state, then the largest population: "Paris" is France. A US postal code ("TX") counts
    only paired with a US town.
11. **Georgia** (``_us_state_or_country``). A country name that is also a US state is the
    state when paired with a US place ("Atlanta, Georgia"), written after "state of", listed
    beside a US state ("Alabama, Georgia"), or when the article has two or more mentions of
    prominent US places; unless its sentence names the country otherwise ("Georgia's capital,
    Tbilisi"). Else it is the country.
12. **Administrative units** (``_add_unit_places``). A name written with a unit ("Ludian
    county", "Rakhine state", "the county of Ludian") is a place even when the gazetteer
    lacks it (or found no evidence for it). It takes the country of the other places in its
    sentence when they agree, else, when its sentence names none, the country that has most
    of the article's mentions if it has more than half of them; otherwise it is left out.
    So is a natural feature written with its kind ("the Ahr Valley", "Tana River", "the Ebro
    delta", "Lake Ziway", "the Isle of Eigg", "the island of Basiluzzo", "Periyar National
    Park"), and so is a name in apposition to a place noun ("Okoroba, a fishing community",
    "Ginostra, the smallest island"; not "a member of a community"), taking the country of
    a place written right after it ("Lake Bunyonyi in Uganda") first, and its base name's
    country when that lies in one country the article names. Not when a capitalised word
    follows ("Volta Lake Transport Company"), when a person's verb does ("Beverly Lake, who"),
    nor when the base is a nation, a continent or a sea. A large place abroad that nothing
    else in the article supports yields to a feature named after the same word ("Tana",
    Antananarivo, beside "the Tana Delta" of Kenya). The name of an island, valley,
    peninsula, delta, plateau or highlands then names the same place alone for the rest of
    the article ("Kintyre" after "the Kintyre peninsula"; rule ``feature_base``), but not
    next to another capitalised word; rivers, lakes, mountains and bays are not remembered
    (the Mekong is shared, "Powell" after "Lake Powell" is a person).
13. **Lists** (``_add_listed_places``). Names the gazetteer lacks, listed with at least two
    places of one country ("Oban, Lorn, Mull and Kintyre"), or after a plural place noun
    ("the villages of Xkopek and Homún"), are places of that country (rule
    ``listed_with_places``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import attrgetter
from typing import NamedTuple, overload

import pandas as pd

from .collector import paused_collection
from .frames import SCHEMAS, typed_frame
from .gazetteer import (
    ALT_NAME_TRUSTED_POPULATION,
    Candidate,
    Gazetteer,
    load_gazetteer,
    normalize,
)
from .sections import split_lines
from .text import MONTHS, WEEKDAYS, required_literals

__all__ = ["extract_places"]

STRONG_POPULATION = 150_000
"""A settlement at least this large counts without further evidence."""
STRONG_POPULATION_US = 200_000
"""The same for US places, whose names are often also surnames ("Rogers", "Sterling")."""


# -- word lists ----------------------------------------------------------------------------
def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_CONNECTORS = _words(
    "of the and de del la le les sous sur en du des al el upon on am an der di da do dos das y et i"
)
_MONTHS_DAYS = frozenset(name.lower() for name in (*MONTHS, *WEEKDAYS))
_CAPS_ONLY = frozenset({"us", "uk", "un", "eu", "uae", "drc", "usa", "png"})
# capitalised words that head the name of a non-place thing built on a place name
_NAME_HEADS = _words(
    """war wars statute statutes treaty accord accords agreement convention protocol declaration
    times post daily herald tribune journal news gazette telegraph guardian chronicle observer
    review magazine match press today weekly standard star mail express sun globe record
    airlines airline airways air cup open games marathon grand prix olympics league
    university college institute school academy foundation fund company corporation corp inc
    ltd group bank exchange club fc united chiefs team orchestra opera ballet museum gallery
    library zoo hospital hotel stadium arena theater theatre church cathedral mosque temple
    street avenue road boulevard square bridge tower palace hall center centre station
    doctrine plan process talks summit conference initiative act law
    study syndrome flu virus crisis revolution spring uprising campaign affair scandal
    organization organisation association society council committee commission party
    movement front alliance federation union network partners holdings co petroleum oil gas
    energy power mining resources limited authority development"""
)
_ORG_HEADS = _words(
    """university college institute school academy foundation fund company corporation bank
    authority agency board
    club museum gallery library hospital hotel stadium church cathedral organization
    organisation association society council committee commission party movement front
    alliance federation union network center centre conservatory observatory symphony
    orchestra"""
)
# lowercase words that join the words of an organisation's name ("University of Denver")
_ORG_CONNECTORS = _words("of for in on and the de at")
# natural and administrative features named after a place ("the Napa Valley", "Oro Province")
_FEATURES = _words(
    """province state region county district governorate prefecture oblast municipality
    valley island islands isles peninsula delta basin harbour harbor bay sound sounds coast
    highlands lowlands mountains hills range gorge plateau plain plains track trail ridge
    reservoir park national forest reserve falls canyon lagoon beach"""
)
# words after a place that do not make it part of a larger name
_ALLOWED_AFTER = _MONTHS_DAYS | _FEATURES | _words("airport base air city")
# capitalised words before a place that do not make it part of a person's name
_ALLOWED_BEFORE = _words(
    """north south east west northern southern eastern western central upper lower greater
    downtown metro metropolitan old new inner outer rural urban suburban coastal
    northeast northwest southeast southwest northeastern northwestern southeastern
    southwestern mid"""
)
_FUNCTION_WORDS = _words(
    """in at on from to for of by with without within into onto upon near outside inside
    across around through throughout toward towards against along among between during over
    under above below beyond behind after before since until while when where why how what
    who which whose but and or nor so yet both either neither not no only even also just
    the a an this that these those there here then now today yesterday tomorrow last next
    meanwhile although though if unless because once later earlier recently elsewhere indeed
    instead still many some most all each every other another several few much more less
    like unlike despite per via as back about it its he she they we i you his her their our
    my your one two three four five six seven eight nine ten"""
)
_LOCATIVE_CUES = _words(
    """in at near from to into outside around toward towards across throughout via of
    between inside leave left reach reached reaching visit visited visiting"""
)
# "the strike on Kryvyi Rih": military verbs and nouns after which "on" introduces a place
_ATTACK_WORDS = _words(
    """attack attacks attacked strike strikes struck assault assaults raid raids offensive
    bombing bombings bombardment shelling advance march marched marching closing converged"""
)
# words after which a name remembered as a person's is the place after all ("in Marsala")
_PLACE_ONLY_CUES = _words("in near outside inside across throughout")
_LANGUAGE_BEFORE = _words(
    "in into speak speaks spoke speaking spoken learn learning learned taught fluent"
)
_LANGUAGE_AFTER = _words(
    "language languages speaker speakers speaking translation translations subtitles"
)
_LANGUAGE_NAMES = _words(
    """english french german spanish portuguese chinese japanese russian italian dutch turkish
    korean greek polish swedish danish norwegian finnish hungarian czech ukrainian vietnamese
    thai indonesian romanian bulgarian serbian croatian albanian armenian georgian somali
    hebrew persian icelandic estonian latvian lithuanian slovak slovenian malay filipino
    mongolian nepali swahili tamil welsh irish scottish catalan basque breton cornish flemish
    galician sicilian tibetan kashmiri punjabi bengali"""
)
_GIVEN_NAME_COUNTRIES = frozenset({"georgia", "jordan", "chad", "israel", "india", "kenya"})

# -- patterns --------------------------------------------------------------------------------
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\-]*[^\W_])?")
_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|an|ar|as|ash|az|ad-d)-[A-Z]")
_HYPHEN_CAPITAL = re.compile(r"-[A-Z]")
_HONORIFIC_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Sir|Dame|Lord|Lady|Justice|"
    r"Judge|President|Senator|Governor|Mayor|Minister|Chancellor|King|Queen|Prince|Princess|"
    r"Pope|Sheikh|Ambassador|Bishop|Archbishop)\.? $"
)
# "ROGERS: Well, ...": a transcript's speaker (a subhead "Lipari: the capital" is a place)
_SPEAKER_AFTER = re.compile(r":\s*[\"“A-Z]")
_HEAD_AFTER = re.compile(r" ([A-Z][a-z]+)")
# the words between a feature and the place that locates it ("Lake Toba in Indonesia")
_PLACE_AFTER = re.compile(r"(?:,|,? (?:in|near|on|off)(?: the)?) ")
# a feature's name followed by what people do: it is a person's name ("Beverly Lake, who")
_PERSON_AFTER = re.compile(r",? (?:who|whose|said|says|told|added)\b")
_PARENTHETICAL = re.compile(r"\([^()]{0,200}\)")
_DOMAIN_AFTER = re.compile(r"\.[a-z]{2,}\b")
_LANGUAGE_NOUN_AFTER = re.compile(r"[\s-]?(?:language|speaking|speakers?)\b")
# "the Adyar river", "Lake Chad" is matched as a whole elsewhere: a place named for a water
# body is not a place mention
_WATER_AFTER = re.compile(
    r" (?:river|lake|canal|creek|dam|reservoir|strait|River|Lake|Creek|Strait)s?\b"
)
_COMMA_GAP = re.compile(r",\s*")
_LIST_GAP = re.compile(r"(?:,| and| or|, and)\s*")
_STATE_OF = re.compile(r"\b(?:state|commonwealth) of\s*$", re.I)
_UNIT_NOUN_AFTER = re.compile(
    r" (?:province|state|region|district|county|governorate|prefecture)\b"
)
_PLACE_NOUN_OF = re.compile(
    r"\b(?:village|town|city|province|region|state|district|capital|outskirts|"
    r"suburb|port|island)s? of\s*$"
)
# "Ludian county", "Rakhine state", "Khurda district", "the county of Ludian": an
# administrative unit names a sub-national place even when the gazetteer lacks it
_UNIT = r"(?:county|district|province|prefecture|governorate|oblast|region|state|municipality)"
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}(?:[ -][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,})?"
_UNIT_AFTER = re.compile(rf"\b(?P<name>{_NAME})\s+{_UNIT}\b")
_UNIT_BEFORE = re.compile(
    rf"\b(?:county|district|province|prefecture|governorate|region|town|village)\s+of\s+"
    rf"(?P<name>{_NAME})\b"
)
# "the Ahr Valley", "Great Barrier Island", "Oro Province", "Tana River", "Eravikulam National
# Park": a feature named after a place; the whole name is the mention. Longer feature words
# come first ("State Park" before "State").
_FEATURE_AFTER = re.compile(
    rf"\b(?P<name>{_NAME}) (?P<feature>(?:National|State|Marine) Park|"
    r"(?:Marine|Nature|Forest|Game) Reserve|Wildlife (?:Refuge|Sanctuary)|National Forest|"
    r"Valley|Island|Islands|Isles|Isle|Peninsula|Delta|Basin|Province|County|District|Region|"
    r"Highlands|State|River|Lake|Lakes|Falls|Waterfall|Plateau|Hills|Mountains|Range|Coast|"
    r"Bay|Gulf|Lagoon|Strait|Canyon|Gorge|Glacier|Swamp|Archipelago|Estuary|Firth|Track|"
    r"Trail)\b"
)
# "the Ebro delta", "the Kintyre peninsula": the same with the feature word in lowercase,
# after "the" (which keeps "Kenya river" and "Texas coast" sentences of other shapes out)
_FEATURE_AFTER_LOWER = re.compile(
    rf"the (?P<name>{_NAME}) (?P<feature>river|valley|delta|peninsula|hills|mountains|"
    r"plateau|lagoon|archipelago|estuary|gorge|canyon|glacier|swamp|island|islands|coast|lake)\b"
)
# "Lake Ziway", "Mount Yasur", "the Isle of Skye", "the Sound of Islay", "River Spey": the
# feature word first
_FEATURE_BEFORE_NAME = re.compile(
    rf"(?P<feature>Lake|Mount|Mt\.|Loch|Lough|Cape|River|Isle of|Island of|Sound of|"
    rf"island of|isle of) (?P<name>{_NAME})\b"
)
# "Panarea, the smallest inhabited island", "Ikarama, a farming community": a name in
# apposition to a place noun (two words at most between; "Pemzang Lepcha, a member of a
# community" is not one, nor "the city's choir")
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME}), (?:a|an|the) (?:(?!of\b)[a-z-]+ ){{0,2}}"
    r"(?P<feature>island|village|town|city|port|community|settlement|hamlet|suburb|"
    r"neighbourhood|neighborhood|municipality)\b(?!['’])"
)
# features whose base name alone names the same place later in the article ("the Kintyre
# peninsula ... Kintyre", "the Isle of Islay ... Islay"); not lakes, mountains, bays or parks,
# whose base is as often a person ("Lake Powell ... Powell"), nor rivers, which are as often
# shared by several countries ("the Mekong River ... the Mekong")
_NAMING_FEATURES = _words(
    """Valley Island Islands Isles Isle Peninsula Delta Plateau Highlands Archipelago
    valley island islands peninsula delta plateau archipelago"""
) | {"Isle of", "Island of", "Sound of", "island of", "isle of"}
# the words that make a sentence worth searching for unit names ("town" and "village"
# alone do not make one)
_UNIT_WORDS = _words(
    """county counties district districts province prefecture governorate oblast region state
    municipality Valley Island Islands Isles Isle Peninsula Delta Basin Province County District
    Region Highlands State River Lake Lakes Falls Waterfall Plateau Hills Mountains Range Coast
    Bay Gulf Lagoon Strait Canyon Gorge Glacier Swamp Archipelago Estuary Firth Track Trail Park
    Reserve Refuge Sanctuary Forest river valley delta peninsula hills mountains plateau lagoon
    archipelago estuary gorge canyon glacier swamp island islands coast lake Mount Mt Loch
    Lough Cape Sound"""
)
_NOT_A_NAME = _words(
    """the this that these those each every another which what whose its their his her our
    northern southern eastern western central north south east west northeastern northwestern
    southeastern southwestern upper lower greater inner outer home border coastal capital
    federal autonomous tribal rural urban key swing battleground member island mountain
    neighbouring neighboring nearby remote restive troubled whole entire same new old
    pacific atlantic indian arctic antarctic caribbean mediterranean baltic adriatic aegean"""
)


# -- tokens and matches ------------------------------------------------------------------------
class _Tok(NamedTuple):
    start: int  # offset in the article text
    end: int
    text: str
    cap: bool  # begins with a capital letter
    first: bool  # first token of its sentence


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    surface: str
    key: str
    cands: list[Candidate]
    sent: int  # row index into the sentences frame (-1 for the dateline)
    i: int  # first token index
    j: int  # one past the last token index
    toks: Sequence[_Tok]
    kind: str = ""
    iso3: str = ""
    linked: str = ""  # the iso3 fixed by a "City, Country" pair
    drop: str = ""  # why it does not count
    admin1: str = ""  # the first-level division of the chosen candidate
    rule: str = ""  # the rule that placed it (see RULES)

    def place(self, cand: Candidate, rule: str) -> None:
        """Count the match for ``cand``'s country, by ``rule``."""
        self.iso3, self.admin1, self.rule = cand.iso3, cand.admin1, rule


@dataclass(slots=True)
class _Doc:
    """One article's matches and what the passes learn about the article."""

    text: str
    matches: list[_Match]  # in reading order
    spans: list[tuple[int, int]]  # (start, end) of each sentence
    persons: set[str] = field(default_factory=set)  # one-word names learned as people's
    mentioned: set[str] = field(default_factory=set)  # countries the article names
    divisions: set[str] = field(default_factory=set)  # first-level divisions it names
    sentence_isos: dict[int, set[str]] = field(default_factory=dict)  # sentence -> countries
    cued: set[str] = field(default_factory=set)  # keys written after a locative cue
    us_places: int = 0  # mentions of prominent US places
    headlines: set[int] = field(default_factory=set)  # sentences written in title case
    lookup: Callable[[str], list[Candidate] | None] = lambda _key: None  # the gazetteer's
    outlet: str = ""  # the outlet's name (``source``)
    country_names: dict[str, str] = field(default_factory=dict)  # iso3 -> common name
    common: frozenset[str] = frozenset()  # ordinary lowercase English words
    plain: frozenset[str] = frozenset()  # those that are never names (verbs, adverbs...)
    unit_sentences: set[int] = field(default_factory=set)  # sentences with a unit word
    noun_sentences: set[int] = field(default_factory=set)  # others with a place noun
    main: str = ""  # the country of more than half the mentions counted before settlements
    nations: set[str] = field(default_factory=set)  # countries named as such or by demonym


_start = attrgetter("start")


# _TOKEN as a split pattern, written to begin with one character class (which lets the
# regex engine skip to the next letter quickly); it matches exactly what _TOKEN matches.
_TOKEN_SPLIT = re.compile(r"([^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|[\w'’\-]*[^\W_])?)")


_new_tok = partial(tuple.__new__, _Tok)  # a _Tok from a tuple, without a Python call


class _Tokens(list[_Tok]):
    """The word tokens of ``text``, one sentence of the article starting at offset ``base``,
    with the same facts also kept as parallel lists
    (``words``, ``caps``, ``starts``, ``ends``) for the lookup. Everything is built by
    C-level calls (a regex split, ``accumulate``, ``zip``), so a sentence costs a few list
    operations instead of Python work per word. The list itself is filled only for a
    sentence where the lookup found a name (:meth:`materialise`)."""

    __slots__ = ("_heads", "caps", "ends", "starts", "words")

    def __init__(self, text: str, base: int) -> None:
        parts = _TOKEN_SPLIT.split(text)  # separator, token, separator, ..., separator
        words: list[str] = parts[1::2]
        offsets = list(accumulate(map(len, parts), initial=base))
        starts: list[int] = offsets[1:-1:2]
        ends: list[int] = offsets[2::2]
        caps = [w[0].isupper() for w in words]
        # "el-Fasher", "al-Qaim" are names; not "Moqtada al-Sadr"
        if "-" in text and _ARTICLE_PREFIX.search(text):
            for k, w in enumerate(words):
                if not caps[k] and "-" in w and _ARTICLE_PREFIX.match(w):
                    caps[k] = not (
                        k > 0 and caps[k - 1] and text[ends[k - 1] - base : starts[k] - base] == " "
                    )
        self.words, self.caps, self.starts, self.ends = words, caps, starts, ends
        self._heads: list[int] | None = None

    def materialise(self) -> None:
        """Fill the list with one :class:`_Tok` per token, for the passes that read around
        a match. The lookup needs only the parallel lists, so a sentence without a match
        never pays for this."""
        if not self and self.words:
            firsts = [False] * len(self.words)
            firsts[0] = True
            self.extend(
                map(
                    _new_tok,
                    zip(self.starts, self.ends, self.words, self.caps, firsts, strict=True),
                )
            )

    def org_heads(self) -> list[int]:
        """The indices of the capitalised words that head an organisation's name
        ("University", "Institute"), in order; worked out once per sentence."""
        if self._heads is None:
            self._heads = [
                k
                for k in compress(range(len(self.words)), self.caps)
                if _strip_possessive(self.words[k]).lower() in _ORG_HEADS
            ]
        return self._heads


_ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft"})
_ROMAN = re.compile(r"[IVX]{2,5}")
# characters after which a word opens a line, a clause or a quotation: its capital says
# nothing about a name
_OPENERS = frozenset('\n:;!?"“”(—–•→|')
# capitalised words before a place that make it the name of a natural feature, not a person's
_FEATURE_BEFORE = _words(
    """lake mount mt cape gulf bay sea river isle fort port puerto porto san santa santo sao
    saint st ste cabo isla ilha bad villa ciudad nueva nuevo rio playa marina costa punta
    monte el la las los le les"""
)


def _abbreviation(word: str) -> bool:
    """A word written with a full stop inside a name: "St. Kitts", "Mt. Kenya", "N. Ireland"."""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def _title_case(toks: _Tokens) -> bool:
    """Is the sentence a headline in title case ("Texas Let Drillers Burn Off Gas")? Then
    capitalised neighbours say nothing about people's names."""
    long = [cap for w, cap in zip(toks.words, toks.caps, strict=True) if len(w) > 3]
    return len(long) >= 3 and 5 * sum(long) >= 4 * len(long)


def _opens(toks: Sequence[_Tok], k: int, text: str) -> bool:
    """Does token ``k`` open its sentence, a line or a clause (after a colon, a dash, a
    quotation mark...)? Its capital then says nothing about a name."""
    return k == 0 or not _OPENERS.isdisjoint(text[toks[k - 1].end : toks[k].start])


def _strip_possessive(w: str) -> str:
    if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
        return w[:-2]
    return w


@lru_cache(maxsize=65536)
def _key_word(word: str) -> bool:
    """Can this capitalised word begin or end a name? Not a month, a weekday or a Roman
    numeral ("Spirit of Tasmania II")."""
    return word.lower() not in _MONTHS_DAYS and not _ROMAN.fullmatch(word)


def _miswritten_caps(key: str, word: str, cands: list[Candidate]) -> bool:
    """An abbreviation that names a place only when written in capitals ("US", not "Us";
    a US postal code, "TX", not "Tx")."""
    return not word.isupper() and (key in _CAPS_ONLY or all(c.postal for c in cands))


# -- 1. lookup -------------------------------------------------------------------------------
def _find(
    text: str, toks: _Tokens, sent: int, gaz: Gazetteer, known: frozenset[str]
) -> list[_Match]:
    """Longest-match lookup over one sentence's tokens.

    Only capitalised words are visited (found by a C-level ``compress`` over the capitals),
    and of those only the ones that begin a gazetteer name or hold a hyphen."""
    out: list[_Match] = []
    words = toks.words
    nxt = 0  # the first token not inside a name already found
    for i in compress(range(len(words)), toks.caps):
        if i < nxt:
            continue
        w = words[i]
        if not _key_word(w):
            continue
        if _key_part(w) in known or _whole_part(w) in known:
            found = _longest_name(text, toks, i, sent, gaz, known)
            if found is not None:
                out.append(found)
                nxt = found.j
                continue
        if "-" in w:  # "Iran-Iraq", "trans-Sahara", "U.S.-led"
            out.extend(_hyphen_parts(toks, i, sent, gaz))
    return out


def _joins(text: str, toks: _Tokens, j: int) -> bool:
    """Can token ``j`` go on a name that takes in token ``j - 1``? Joined by a single space
    (or ", " / ". " after an abbreviation), and capitalised or a connector."""
    words = toks.words
    gap = text[toks.ends[j - 1] : toks.starts[j]]
    if (
        gap != " "
        and gap != ", "  # "Washington, D.C.": the lookup goes on only inside a known name
        and not (gap == ". " and _abbreviation(words[j - 1]))
    ):
        return False
    if toks.caps[j]:
        return True
    low = words[j].lower()
    return low in _CONNECTORS or low.split("-")[0] in _CONNECTORS


@lru_cache(maxsize=65536)
def _key_part(word: str) -> str:
    """A token's part of a lookup key: its normalised form, a possessive left out."""
    return normalize(_strip_possessive(word))


@lru_cache(maxsize=65536)
def _whole_part(word: str) -> str:
    """A token's normalised form with its possessive kept ("people's")."""
    return normalize(word)


def _longest_name(
    text: str, toks: _Tokens, i: int, sent: int, gaz: Gazetteer, known: frozenset[str]
) -> _Match | None:
    """The longest run of tokens from ``i`` that the gazetteer knows, ending on a name word.

    Keys are built one token at a time (a key is its tokens' normalised forms joined by
    spaces), and the run stops growing as soon as its key begins no gazetteer name, so a
    start costs a few lookups however long the run of capitalised words is. A possessive
    ends a name ("Mali's President") unless the name goes on with it ("People's Republic of
    China")."""
    words, caps = toks.words, toks.caps
    # the tokens a name can take in end at the first that does not join (:func:`_joins`) or
    # at the gazetteer's longest name; they are tested one at a time as the key grows, so a
    # long run of capitalised words costs only as many tests as its known prefix is long
    limit = min(len(words), i + gaz.max_tokens)
    if i + 1 >= limit or not _joins(text, toks, i + 1):
        # one word, the usual case: its key is a name or nothing is
        first = _strip_possessive(words[i])
        key = _key_part(words[i])
        cands = gaz.lookup(key) if key else None
        if not cands or _miswritten_caps(key, first, cands):
            return None
        s = toks.starts[i]
        return _Match(s, s + len(first), first, key, cands, sent, i, i + 1, toks)
    keys: list[str] = []
    parts: list[str] = []
    for k in range(i, limit):
        if k > i + 1 and not _joins(text, toks, k):  # token i + 1 joins (tested above)
            break
        word = words[k]
        part = _key_part(word)
        if not part:
            key = " ".join(parts)
            if key not in known:
                break
            keys.append(key)
            continue
        key = " ".join([*parts, part])
        whole = _whole_part(word)
        goes_on = whole != part and " ".join([*parts, whole]) in known
        if key not in known and not goes_on:
            break
        keys.append(key)  # looked up below; a key that is only a prefix finds nothing
        if whole != part:  # a possessive ends the name unless a longer name goes on
            if not goes_on:
                break
            part = whole
        parts.append(part)
    for end in range(i + len(keys), i, -1):
        last = words[end - 1]
        if not (
            (caps[end - 1] and _key_word(last)) or (end - 1 > i and _HYPHEN_CAPITAL.search(last))
        ):
            continue
        key = keys[end - i - 1]
        cands = gaz.lookup(key)
        first = _strip_possessive(words[i]) if end - 1 == i else words[i]
        if not cands or _miswritten_caps(key, first, cands):
            continue
        s, e = toks.starts[i], toks.starts[end - 1] + len(_strip_possessive(last))
        return _Match(s, e, text[s:e], key, cands, sent, i, end, toks)
    return None


class _Replaced(Sequence[_Tok]):
    """A sentence's tokens with token ``i`` replaced by ``sub`` (a part of a hyphenated
    token), without copying the sentence: a view, so that "Iran-Iraq" repeated costs linear
    time and memory."""

    __slots__ = ("i", "sub", "toks")

    def __init__(self, toks: Sequence[_Tok], i: int, sub: _Tok) -> None:
        self.toks, self.i, self.sub = toks, i, sub

    def __len__(self) -> int:
        return len(self.toks)

    @overload
    def __getitem__(self, k: int) -> _Tok: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[_Tok]: ...
    def __getitem__(self, k: int | slice) -> _Tok | Sequence[_Tok]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        j = k + len(self) if k < 0 else k
        return self.sub if j == self.i else self.toks[k]


def _hyphen_parts(toks: _Tokens, i: int, sent: int, gaz: Gazetteer) -> list[_Match]:
    """The capitalised parts of a hyphenated token when every one is a name ("Iran-Iraq");
    none when one is not ("Bergen-Belsen" is one name). Lowercase parts are skipped."""
    t = _Tok(toks.starts[i], toks.ends[i], toks.words[i], toks.caps[i], i == 0)
    parts: list[_Match] = []
    pos = t.start
    for part in t.text.split("-"):
        if part and part[0].isupper():
            p = _strip_possessive(part)
            key = _whole_part(p)
            cands = gaz.lookup(key)
            if not cands or p.lower() in _MONTHS_DAYS or _miswritten_caps(key, p, cands):
                return []
            sub = _Tok(pos, pos + len(p), p, True, t.first and pos == t.start)
            sub_toks = _Replaced(toks, i, sub)
            parts.append(_Match(pos, pos + len(p), p, key, cands, sent, i, i + 1, sub_toks))
        pos += len(part) + 1
    return parts


# -- context of a match ------------------------------------------------------------------------
def _prev_word(m: _Match) -> str:
    return m.toks[m.i - 1].text.lower() if m.i > 0 else ""


def _next_caps(m: _Match, text: str) -> list[str]:
    """Capitalised words right after the match (single spaces between), lowercased."""
    out: list[str] = []
    k = m.j
    prev_end = m.end
    while k < len(m.toks) and len(out) < 3:
        tk = m.toks[k]
        if text[prev_end : tk.start] != " " or not tk.cap:
            break
        out.append(_strip_possessive(tk.text).lower())
        if _strip_possessive(tk.text) != tk.text:
            break
        prev_end = tk.end
        k += 1
    return out


def _beside_capitalised(m: _Match, text: str) -> bool:
    """Is the match joined by a space or a hyphen to a capitalised word on either side?"""
    if m.start >= 2 and text[m.start - 1] == "-" and text[m.start - 2].isalpha():
        return True  # the end of a hyphenated name: "Star-Tribune"
    if m.i > 0:
        prev = m.toks[m.i - 1]
        if prev.cap and not prev.first and text[prev.end : m.start] in (" ", "-"):
            return True  # "Austin Herrera", "Star-Tribune"
    return bool(_next_caps(m, text))


def _locative_before(m: _Match) -> bool:
    """Is the match introduced as a location ("in Kharkiv", "the strike on Kryvyi Rih")?

    "to" after "according" introduces a source, not a place ("according to Xinhua").
    """
    prev = _prev_word(m)
    before = m.toks[m.i - 2].text.lower() if m.i > 1 else ""
    if prev == "to" and before == "according":
        return False
    if prev == "on":
        return before in _ATTACK_WORDS
    return prev in _LOCATIVE_CUES


def _has_locative_cue(m: _Match, text: str) -> bool:
    """Is the match written as a location: after a locative word, as "the X <noun>", before a
    unit ("Rakhine state") or after "<village|town|...> of"?"""
    after = text[m.end : m.end + 2]
    return bool(
        _locative_before(m)
        or (_prev_word(m) == "the" and after[:1] == " " and after[1:2].islower())
        or _UNIT_NOUN_AFTER.match(text[m.end : m.end + 14])
        or _PLACE_NOUN_OF.search(text[max(0, m.start - 30) : m.start].lower())
    )


def _inside_org_name(m: _Match, text: str) -> bool:
    """'University of Denver', 'Organization for Women's Freedom in Iraq'.

    Reading back from the match over lowercase connectors and capitalised words (at most
    eight, no punctuation), is there an organisation's head word with a connector between?
    A place right after "<Head> in" is the location of the body, not part of its name
    ("the Criminal Research Institute in Rosny-sous-Bois").
    """
    toks = m.toks.toks if isinstance(m.toks, _Replaced) else m.toks  # the same before m.i
    if isinstance(toks, _Tokens):  # no head among the eight words before: no such name
        heads = toks.org_heads()
        if bisect.bisect_left(heads, m.i - 8) == bisect.bisect_left(heads, m.i):
            return False
    connector = ""
    connector_at = -1  # the token index of the connector nearest the match
    for k in range(m.i - 1, max(-1, m.i - 9), -1):
        tk = m.toks[k]
        nxt_start = m.toks[k + 1].start if k + 1 < m.i else m.start
        if text[tk.end : nxt_start].strip():
            return False  # punctuation breaks the name
        low = _strip_possessive(tk.text).lower()
        if tk.cap:
            if low in _ORG_HEADS:
                return bool(connector) and not (connector == "in" and connector_at == k + 1)
        elif low in _ORG_CONNECTORS:
            if not connector and low != "the":
                connector, connector_at = low, k
        else:
            return False
    return False


def _names_language(m: _Match, text: str) -> bool:
    """A demonym used as a language: "tweets in English", "French speakers", "French-speaking"."""
    if m.surface.split()[0].lower() not in _LANGUAGE_NAMES:
        return False
    nxt = _next_caps(m, text)
    return bool(
        _prev_word(m) in _LANGUAGE_BEFORE
        or (nxt and nxt[0] in _LANGUAGE_AFTER)
        or _LANGUAGE_NOUN_AFTER.match(text[m.end : m.end + 12].lower())
    )


def _names_other_thing(m: _Match, text: str) -> bool:
    """A place inside the name of something else: "Paris Match", "University of Denver",
    "the Adyar river"."""
    return bool(
        any(w in _NAME_HEADS for w in _next_caps(m, text))
        or _inside_org_name(m, text)
        or _WATER_AFTER.match(text, m.end)
    )


def _person_context(m: _Match, doc: _Doc, places_at: set[int], nations_at: set[int]) -> str:
    """Is the match written next to a capitalised word that is not a place (a person)?

    Returns ``"surname"`` when a capitalised word comes before it ("John Kerry", "Joe
    Sterling"), ``"given"`` when one comes after it ("Jordan Haddad", "Georgia Whitaker"), and
    ``""`` otherwise. Only surnames are remembered for the rest of the article: a later
    "Kerry" is the same person, but a later "Jordan" or "Georgia" is not "Jordan Haddad".
    An ordinary word opening a sentence ("Mountainous Guizhou", "Serving Oban") is no given
    name; in a headline written in title case, neither is a verb, an adverb or a preposition
    ("SCOTUS Sends Texas Back to the Drawing Board").
    """
    text = doc.text
    if _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start):
        return "surname"  # "Mr. Paris said"
    plain = doc.plain if m.sent in doc.headlines else frozenset()
    if m.i > 0:
        prev = m.toks[m.i - 1]
        gap = text[prev.end : m.start]
        low = _strip_possessive(prev.text).lower()
        if (
            (gap == " " or (gap == ". " and len(prev.text) == 1))  # "Henry E. Hudson"
            and prev.cap
            and prev.text == _strip_possessive(prev.text)
            and prev.start not in nations_at  # "Austin Herrera": a city before counts
            and low not in _ALLOWED_BEFORE
            and low not in _FUNCTION_WORDS
            and not (low in doc.common and _opens(m.toks, m.i - 1, text))
            and low not in _FEATURE_BEFORE
            and low not in plain
            and not (prev.text.isupper() and len(prev.text) > 1)  # "US", not an initial
        ):
            return "surname"
    nxt = _next_caps(m, text)
    # before a given-name country ("Israel Mendoza"), only a country or demonym is a place
    after = nations_at if m.kind == "country" else places_at
    if (
        nxt
        and nxt[0] not in _ALLOWED_AFTER
        and nxt[0] not in plain
        and m.j < len(m.toks)
        and m.toks[m.j].start not in after
    ):
        return "given"
    return ""


def _name_like(m: _Match, doc: _Doc) -> bool:
    """A country name that can be a person's: a given name (Jordan, Chad, Georgia) or a
    one-word alias other than the country's common name ("Mann" for the Isle of Man,
    "Holland", "America")."""
    if m.key in _GIVEN_NAME_COUNTRIES:
        return True
    if not m.key.isalpha():
        return False
    iso = next((c.iso3 for c in m.cands if c.kind == "country"), "")
    return _whole_part(doc.country_names.get(iso, m.key)) != m.key


def _person_role(m: _Match, doc: _Doc, places_at: set[int], nations_at: set[int]) -> str:
    """``"surname"`` or ``"given"`` (:func:`_person_context`) for a settlement or a given-name
    country, ``"speaker"`` for a one-word settlement opening a sentence before a colon
    ("Rogers: ..."), else ``""``."""
    if m.kind == "city" or (m.kind == "country" and m.key in _GIVEN_NAME_COUNTRIES):
        role = _person_context(m, doc, places_at, nations_at)
        if role:
            return role
    elif (
        m.kind == "country"
        and _name_like(m, doc)
        and _person_context(m, doc, places_at, nations_at) == "surname"
    ):
        return "surname"  # an alias is a surname after a given name ("Michael Mann")
    text = doc.text
    if (
        m.kind == "city"
        and m.i == 0
        and _SPEAKER_AFTER.match(text, m.end)
        and " " not in m.key
        and not any(_strong(c) for c in m.cands)  # "Yucatán: The state that..." is a subhead
    ):
        return "speaker"
    return ""


def _strong(c: Candidate) -> bool:
    """A candidate that counts without further evidence: a national capital or a large
    settlement (:data:`STRONG_POPULATION`, :data:`STRONG_POPULATION_US`) or a US state, and
    not also an ordinary English word."""
    if c.subdivision and c.population < STRONG_POPULATION:
        return c.iso3 == "USA" and not c.common
    floor = STRONG_POPULATION_US if c.iso3 == "USA" else STRONG_POPULATION
    return (c.capital or c.population >= floor) and not c.common


def _may_be_us_state(m: _Match) -> bool:
    """Can the match be a US state? (Only settlement candidates are subdivisions.)"""
    return any(c.subdivision and c.iso3 == "USA" for c in m.cands)


def _rank(
    mentioned: set[str],
    divisions: set[str] = frozenset(),  # type: ignore[assignment]
) -> Callable[[Candidate], tuple[bool, bool, bool, int]]:
    """Best candidate first: in a country the article mentions, then in a first-level
    division it names ("Valladolid" in an article about Yucatán), then a capital or a state
    or province (which outranks a settlement of the same name), then the most populous."""

    def key(c: Candidate) -> tuple[bool, bool, bool, int]:
        return (
            c.iso3 in mentioned,
            bool(c.admin1) and c.admin1 in divisions,
            c.capital or c.subdivision,
            c.population,
        )

    return key


# -- 2-6. what is not a place ------------------------------------------------------------------
def _drop_exclusions(doc: _Doc) -> None:
    """Continents, regions, bodies and events were matched only to use up their words: drop
    them. Every other match takes its kind: demonym, else country, else city."""
    for m in doc.matches:
        kinds = {c.kind for c in m.cands}
        if "exclude" in kinds:
            m.drop = "excluded"
        else:
            m.kind = (
                "demonym" if "demonym" in kinds else "country" if "country" in kinds else "city"
            )


def _drop_outlet_name(doc: _Doc) -> None:
    """A name inside the outlet's own name ("Antigua Observer", "The Lagos Chronicle" in a
    masthead or a footer) is no mention: the outlet is given by ``source``, a parenthetical
    aside and a leading "The" left out, when it has two words or more."""
    outlet = _PARENTHETICAL.sub("", doc.outlet).strip()
    outlet = outlet[4:] if outlet.lower().startswith("the ") else outlet
    if " " not in outlet:
        return
    needle, hay = outlet.lower(), doc.text.lower()
    if len(hay) != len(doc.text):  # lower() changed the length: offsets would not hold
        return
    spans: list[tuple[int, int]] = []
    at = hay.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = hay.find(needle, at + len(needle))
    if not spans:
        return
    inside = _Spans(spans)
    for m in doc.matches:
        if not m.drop and inside.overlaps(m.start, m.end):
            m.drop = "outlet name"


def _drop_web_addresses(doc: _Doc) -> None:
    """A name inside a web address or handle ("Iranian.com", "@CNNBrazil") is no mention."""
    text = doc.text
    for m in doc.matches:
        if not m.drop and (
            _DOMAIN_AFTER.match(text[m.end : m.end + 8])
            or text[m.start - 1 : m.start] in ("@", "/", ".")
        ):
            m.drop = "web address"


def _drop_languages(doc: _Doc) -> None:
    """A demonym naming a language is no mention of the country ("tweets in English")."""
    for m in doc.matches:
        if not m.drop and m.kind == "demonym" and _names_language(m, doc.text):
            m.drop = "language"


def _drop_names_of_things(doc: _Doc) -> None:
    """A country or settlement inside the name of an organisation, publication, event,
    building or water body ("Washington Post", "University of Denver") is no mention; a
    demonym inside a name still is ("French Embassy")."""
    for m in doc.matches:
        if not m.drop and m.kind != "demonym" and _names_other_thing(m, doc.text):
            m.drop = "name of a thing"


def _drop_people(doc: _Doc) -> None:
    """A settlement or given-name country that is part of a person's name, or a speaker's
    name, is no mention; one-word surnames and speakers are remembered for the article
    (:attr:`_Doc.persons`), so a later bare "Kerry" is the person too."""
    nations_at = {
        m.start
        for m in doc.matches
        if any(c.kind in ("country", "demonym", "exclude") for c in m.cands)
    }
    places_at = nations_at | {m.start for m in doc.matches if any(_strong(c) for c in m.cands)}
    for m in doc.matches:
        if m.drop or m.kind == "demonym":
            continue
        role = _person_role(m, doc, places_at, nations_at)
        if role:
            m.drop = "speaker" if role == "speaker" else "person"
            nations_at.discard(m.start)  # "Israel Mendoza": the next word is a surname
            places_at.discard(m.start)
            if role != "given" and " " not in m.key:
                doc.persons.add(m.key)


# -- 7. pairs ----------------------------------------------------------------------------------
def _link_pairs(doc: _Doc) -> None:
    """'Bamako, Mali', 'Paris, Texas': both sides of a comma take the country they share.

    The right-hand side is a settlement (or region) when the shared country has no country of
    that name: "Georgia" after "Atlanta," is the US state.
    """
    live = [m for m in doc.matches if not m.drop]
    for a, b in itertools.pairwise(live):
        if a.kind == "demonym" or b.kind == "demonym":
            continue
        if not _COMMA_GAP.fullmatch(doc.text[a.end : b.start]):
            continue
        iso = _shared_country(a, b)
        if iso is None:
            continue
        if a.kind == "city":
            a.linked = iso
        if b.kind == "city" or (b.kind == "country" and b.key in _GIVEN_NAME_COUNTRIES):
            b.linked = iso
            if any(c.kind == "city" and c.iso3 == iso for c in b.cands) and not any(
                c.kind == "country" and c.iso3 == iso for c in b.cands
            ):
                b.kind = "city"


def _shared_country(a: _Match, b: _Match) -> str | None:
    """The country of "a, b": b's own when b is a country; else that of b's best settlement or
    region in a shared country (a state first, then a capital, then the largest); else the
    first shared one. None when they share no country."""
    b_isos = {c.iso3 for c in b.cands if c.kind in ("city", "country")}
    shared = [c.iso3 for c in a.cands if c.kind in ("city", "country") and c.iso3 in b_isos]
    if not shared:
        return None
    if b.kind == "country":
        b_country = [c.iso3 for c in b.cands if c.kind == "country" and c.iso3 in shared]
        if b_country:
            return b_country[0]
    best = max(
        (c for c in b.cands if c.kind == "city" and c.iso3 in shared),
        key=lambda c: (c.subdivision, c.capital, c.population),
        default=None,
    )
    return best.iso3 if best is not None else shared[0]


# -- 8-11. resolution --------------------------------------------------------------------------
def _resolve_nations(doc: _Doc) -> None:
    """Countries and demonyms take their country and start the article's set of mentioned
    countries. A given-name country already learned as a surname ("Michael Jordan ... Jordan
    scored") is the person, unless written after a locative word ("in Jordan")."""
    for m in doc.matches:
        if m.drop or m.kind == "city":
            continue
        if (
            m.kind == "country"
            and m.key in doc.persons
            and _name_like(m, doc)
            and _prev_word(m) not in _LOCATIVE_CUES
        ):
            m.drop = "person"
            continue
        m.place(next(c for c in m.cands if c.kind == m.kind), m.kind)
        doc.mentioned.add(m.iso3)
        if m.admin1:
            doc.divisions.add(m.admin1)


def _note_sentence_countries(doc: _Doc) -> None:
    """The countries each sentence names, which let a small place beside its country count
    ("Gaza ... Rafah")."""
    for m in doc.matches:
        if not m.drop and m.iso3:
            doc.sentence_isos.setdefault(m.sent, set()).add(m.iso3)


def _settlements(doc: _Doc) -> Iterator[_Match]:
    """The matches still counted as settlements or regions, in reading order."""
    return (m for m in doc.matches if not m.drop and m.kind == "city")


def _widen_with_settlements(doc: _Doc) -> None:
    """Paired settlements and settlements that count outright (:func:`_strong`) add their
    country to the article's and their sentence's countries, before weaker names ask for
    evidence ("Bamako ... Timbuktu" in an article that never says "Mali")."""
    doc.nations = set(doc.mentioned)
    for m in _settlements(doc):
        if m.linked:
            iso = m.linked
        elif m.key not in doc.persons and any(_strong(c) for c in m.cands):
            best = max((c for c in m.cands if _strong(c)), key=_rank(doc.mentioned))
            iso = best.iso3
            if best.subdivision and best.admin1:
                doc.divisions.add(best.admin1)
        else:
            continue
        doc.mentioned.add(iso)
        doc.sentence_isos.setdefault(m.sent, set()).add(iso)


def _note_locative_cues(doc: _Doc) -> None:
    """The names written as a location at least once (:func:`_has_locative_cue`): evidence
    for every mention of the name in the article."""
    doc.cued = {m.key for m in _settlements(doc) if _has_locative_cue(m, doc.text)}


def _count_us_places(doc: _Doc) -> None:
    """How many mentions may be prominent US places: an article about US places makes
    "Georgia" the state."""
    doc.us_places = sum(
        1 for m in _settlements(doc) if any(c.iso3 == "USA" and _strong(c) for c in m.cands)
    )


def _resolve_settlements(doc: _Doc) -> None:
    """Each settlement or region takes its pair's country; a name learned as a person's is
    dropped; any other needs a rung of :data:`_EVIDENCE` and takes the best candidate it
    leaves (:func:`_rank`), or is dropped for want of evidence."""
    rank = _rank(doc.mentioned, doc.divisions)
    doc.main = _main_country(doc)
    for m in _settlements(doc):
        if m.linked:
            same = [c for c in m.cands if c.iso3 == m.linked and c.kind == "city"]
            m.place(max(same, key=rank) if same else m.cands[0]._replace(iso3=m.linked), "pair")
        elif m.key in doc.persons and _prev_word(m) not in _PLACE_ONLY_CUES:
            m.drop = "person"
        elif all(c.postal for c in m.cands):
            m.drop = "postal code without a town"
        else:
            rule, ok = _evidence(m, doc)
            if ok:
                m.place(max(ok, key=rank), rule)
            else:
                m.drop = "no evidence"


def _in_mentioned_division(m: _Match, doc: _Doc) -> list[Candidate]:
    """A place in a first-level division the article names ("Valladolid" in an article
    about Yucatán; "Pecos" beside Texas), in a country it mentions, not an ordinary word and
    not in a run of capitalised words."""
    if not doc.divisions or _beside_capitalised(m, doc.text):
        return []
    near = [
        c
        for c in m.cands
        if c.kind == "city"
        and c.admin1 in doc.divisions
        and c.iso3 in doc.mentioned
        and not c.common
        and not c.postal
    ]
    strong = {c.iso3 for c in m.cands if c.capital or c.population >= ALT_NAME_TRUSTED_POPULATION}
    if strong and (strong & doc.nations or not any(c.iso3 in doc.nations for c in near)):
        # "Riyadh" is the capital, whatever small namesake a division has; but "George
        # Town" in an article that names Australia, not the Cayman Islands, is in Tasmania
        return []
    return near


def _prominent(m: _Match, _doc: _Doc) -> list[Candidate]:
    """A capital, a large place or a US state (:func:`_strong`)."""
    return [c for c in m.cands if c.kind == "city" and _strong(c)]


def _country_in_sentence(m: _Match, doc: _Doc) -> list[Candidate]:
    """A small place outside the US in a sentence that names its country ("Gaza ... Rafah")."""
    here = doc.sentence_isos.get(m.sent, set())
    return [
        c
        for c in m.cands
        if c.kind == "city" and c.iso3 in here and c.iso3 != "USA" and not c.common
    ]


def _cued_in_mentioned_country(m: _Match, doc: _Doc) -> list[Candidate]:
    """A name written as a location somewhere in the article ("in Timbuktu"), in a country
    the article mentions; in the US only a state (a town needs its state written after it)."""
    if m.key not in doc.cued:
        return []
    return [
        c
        for c in m.cands
        if c.kind == "city"
        and c.iso3 in doc.mentioned
        and (c.iso3 != "USA" or c.subdivision)
        # a division named by an ordinary word ("Northern", "Rivers") needs its unit
        and not (c.common and c.subdivision and not c.capital)
    ]


def _region_of_mentioned_country(m: _Match, doc: _Doc) -> list[Candidate]:
    """A state or province of a country the article names ("West Bengal"), unless it stands
    in a run of capitalised words ("Austin Herrera": a person)."""
    if _beside_capitalised(m, doc.text):
        return []
    return [
        c
        for c in m.cands
        if c.kind == "city" and c.subdivision and not c.common and c.iso3 in doc.mentioned
    ]


def _only_town_of_mentioned_country(m: _Match, doc: _Doc) -> list[Candidate]:
    """A town known in one country only, which the article names, not in a run of
    capitalised words; never in the US (US towns need their state, as AP style writes them)."""
    countries = {c.iso3 for c in m.cands if c.kind == "city"}
    if len(countries) != 1 or "USA" in countries or _beside_capitalised(m, doc.text):
        return []
    return [c for c in m.cands if c.kind == "city" and not c.common and c.iso3 in doc.mentioned]


def _town_of_main_country(m: _Match, doc: _Doc) -> list[Candidate]:
    """A place of the article's main country (the country of more than half of the
    mentions counted so far), not an ordinary word and not in a run of capitalised words:
    an article about Scotland means its Oban, not a namesake elsewhere. Not at the opening of
    a sentence or clause, where a bare surname stands ("Phillips, 28, of Atlanta")."""
    if not doc.main or _beside_capitalised(m, doc.text) or _opens(m.toks, m.i, doc.text):
        return []
    return [c for c in m.cands if c.kind == "city" and c.iso3 == doc.main and not c.common]


_EVIDENCE: tuple[Callable[[_Match, _Doc], list[Candidate]], ...] = (
    _in_mentioned_division,
    _prominent,
    _country_in_sentence,
    _cued_in_mentioned_country,
    _region_of_mentioned_country,
    _only_town_of_mentioned_country,
    _town_of_main_country,
)
"""What lets a settlement or region count, strongest first: the first rung that leaves
candidates decides."""


def _evidence(m: _Match, doc: _Doc) -> tuple[str, list[Candidate]]:
    """The name of the first rung of :data:`_EVIDENCE` that holds and the candidates it
    leaves (none if none holds)."""
    for rung in _EVIDENCE:
        found = rung(m, doc)
        if found:
            return rung.__name__.lstrip("_"), found
    return "", []


def _us_state_or_country(doc: _Doc) -> None:
    """A country name that is also a US state ("Georgia") is the state when paired with a US
    place, written after "state of", listed beside a US state, or when the article has two or
    more mentions of prominent US places; another mention of the country in its sentence
    keeps it the country ("Georgia's capital, Tbilisi")."""
    text = doc.text
    by_sentence: dict[int, list[_Match]] = {}
    for o in doc.matches:
        by_sentence.setdefault(o.sent, []).append(o)
    for m in doc.matches:
        if m.drop or m.kind != "country" or not _may_be_us_state(m):
            continue
        others = [o for o in by_sentence[m.sent] if o is not m and not o.drop and o.iso3]
        if any(o.iso3 == m.iso3 for o in others):
            continue
        if (
            m.linked == "USA"
            or _STATE_OF.search(text[max(0, m.start - 25) : m.start])
            or doc.us_places >= 2
            or any(_listed_with_state(o, m, text) for o in others)
        ):
            us = [c for c in m.cands if c.iso3 == "USA" and c.subdivision and not c.postal]
            m.kind = "city"
            m.place(us[0] if us else m.cands[0]._replace(iso3="USA", admin1=""), "us_state")


def _listed_with_state(o: _Match, m: _Match, text: str) -> bool:
    """Is ``o`` a US state listed right beside ``m`` ("Georgia and Florida", "Alabama, Georgia")?"""
    return bool(
        o.iso3 == "USA"
        and o.kind == "city"
        and _may_be_us_state(o)
        and _LIST_GAP.fullmatch(text[min(o.end, m.end) : max(o.start, m.start)])
    )


# -- 12. administrative units ----------------------------------------------------------------
def _add_unit_places(doc: _Doc) -> None:
    """Places the gazetteer lacks, named by an administrative unit ("Ludian county").

    Each takes the country of the other places in its sentence when they agree, else (when
    its sentence names none) the country with most of the article's mentions if it has more
    than half; otherwise it is left out. Names already matched, sentence-initial words and
    words such as "northern" never count; a known name dropped for want of evidence gets it
    from the unit ("Somalia's Bay region").
    """
    if not doc.unit_sentences and not doc.noun_sentences:
        return  # no unit, feature or place noun anywhere: nothing to add
    # a large place abroad that nothing else in the article supports yields to a feature
    # named after the same word ("Tana", Antananarivo, in "the Tana Delta" of Kenya), and
    # says nothing about the country of its sentence
    lone = _lone_prominent(doc)
    kept = [m for m in doc.matches if not m.drop and m.iso3 and (m.start, m.end) not in lone]
    weak = {(m.start, m.end): m for m in doc.matches if m.drop == "no evidence"}
    taken = _Spans(sorted((m.start, m.end) for m in doc.matches if m.drop != "no evidence"))
    # a feature's name may hold a word dropped for any reason but an exclusion ("Valley")
    held = _Spans(
        sorted(
            (m.start, m.end)
            for m in doc.matches
            if m.drop in ("", "excluded") and (m.start, m.end) not in lone
        )
    )
    by_sentence: dict[int, set[str]] = {}
    for k in kept:
        by_sentence.setdefault(k.sent, set()).add(k.iso3)
    article_iso = _majority_country(kept) if kept else None
    kept_at = {k.start: k for k in kept}
    bases: dict[str, str] = {}  # base names of features that name a place alone ("Kintyre")
    added: list[_Match] = []
    for idx in sorted(doc.unit_sentences | doc.noun_sentences):
        start, end = doc.spans[idx]
        new_here: list[tuple[int, int]] = []  # units taken in this sentence, sorted, disjoint
        full = idx in doc.unit_sentences
        for s, e, base, feature in _unit_names(doc.text, start, end, full=full):
            if (held if base else taken).overlaps(s, e) or _overlaps_disjoint(new_here, s, e):
                continue
            here = by_sentence.get(idx, set())
            iso = next(iter(here)) if len(here) == 1 else (article_iso if not here else None)
            inside = [m for m in lone.values() if s <= m.start and m.end <= e]
            if base:
                known = doc.lookup(normalize(base)) or []
                if any(c.kind != "city" for c in known):
                    continue  # "Korean Peninsula", "Africa Province": not inside one country
                if feature == "State" and not any(c.subdivision for c in known):
                    continue  # "Rivers State" is a state; "Islamic State" is not a place
                head = _HEAD_AFTER.match(doc.text, e)
                if (head and head.group(1).lower() in _NAME_HEADS) or any(
                    w.lower() in _NAME_HEADS for w in base.split()
                ):
                    continue  # "Washington State University", "Lake Transport Company"
                if head and head.group(1).lower() not in _FEATURES and idx not in doc.headlines:
                    continue  # "Glacial Lake Outburst Flood": part of a longer name
                if _PERSON_AFTER.match(doc.text, e):
                    continue  # "agent Beverly Lake, who worked": a person
                iso = _feature_country(doc, e, iso, kept_at)
                isos = {c.iso3 for c in known}
                if len(isos) == 1 and isos <= doc.mentioned and not inside:
                    iso = isos.pop()  # "Napa Valley": the one country of its base name
            if iso is None:
                continue
            found = weak.pop((s, e), None)  # already a match: revive it
            if found is None:
                found = _Match(s, e, doc.text[s:e], doc.text[s:e].lower(), [], idx, 0, 0, [])
                added.append(found)
            for m in inside:
                m.drop = "inside a feature"  # "Tana" (Antananarivo) in "the Tana Delta"
            found.drop, found.kind, found.iso3 = "", "city", iso
            found.admin1, found.rule = "", "unit"
            bisect.insort(new_here, (s, e))
            if feature in _NAMING_FEATURES and not any(c.iso3 == iso for c in known):
                bases.setdefault(base, iso)  # a name the gazetteer lacks, or knows elsewhere
    doc.matches.extend(added)
    doc.matches.sort(key=_start)
    if bases:
        _add_feature_bases(doc, bases)


def _lone_prominent(doc: _Doc) -> dict[tuple[int, int], _Match]:
    """The matches placed outright as large places (``prominent``) in a country that no
    other name in the article supports, by span."""
    keys: dict[str, set[str]] = {}
    for m in doc.matches:
        if not m.drop and m.iso3:
            keys.setdefault(m.iso3, set()).add(m.key)
    return {
        (m.start, m.end): m
        for m in doc.matches
        if not m.drop and m.rule == "prominent" and keys[m.iso3] == {m.key}
    }


def _add_feature_bases(doc: _Doc, bases: dict[str, str]) -> None:
    """A feature's base name written alone after the feature was named ("the Kintyre peninsula
    ... Kintyre", "the Isle of Islay ... ISLAY") is the same place. Not next to another
    capitalised word ("Gordon Brown", "Jura Distillery") nor a name learned as a person's."""
    names = {b: iso for b, iso in bases.items() if b.lower() not in doc.persons}
    names.update({b.upper(): iso for b, iso in names.items()})
    if not names:
        return
    rx = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b"
        r"(?!['’]?s? ?[A-Z]|-)"
    )
    lone = {span: m for span, m in _lone_prominent(doc).items() if names.get(m.surface, "") != ""}
    taken = _Spans(
        sorted(
            (m.start, m.end)
            for m in doc.matches
            if m.drop != "no evidence" and (m.start, m.end) not in lone
        )
    )
    weak = {(m.start, m.end): m for m in doc.matches if m.drop == "no evidence"} | lone
    starts = [a for a, _ in doc.spans]
    added: list[_Match] = []
    for hit in rx.finditer(doc.text):
        s, e = hit.span()
        idx = bisect.bisect_right(starts, s) - 1
        if idx < 0 or doc.spans[idx][1] < e or taken.overlaps(s, e):
            continue
        # not after a capitalised word ("Flora Islay"), unless an ordinary word opening the
        # sentence ("Visitors Islay")
        opening = doc.spans[idx][0]
        head = doc.text[max(opening, s - 40) : s]
        if head.endswith(" "):
            word = head[:-1].rsplit(" ", 1)[-1]
            if (
                word[:1].isupper()
                and word[-1:].isalpha()
                and (s - 1 - len(word) > opening or word.lower() not in doc.common)
            ):
                continue
        found = weak.pop((s, e), None)
        if found is None:
            found = _Match(s, e, hit.group(), hit.group().lower(), [], idx, 0, 0, [])
            added.append(found)
        found.drop, found.kind, found.iso3 = "", "city", names[hit.group()]
        found.admin1, found.rule = "", "feature_base"
    doc.matches.extend(added)
    doc.matches.sort(key=_start)


def _feature_country(
    doc: _Doc, end: int, iso: str | None, kept_at: dict[int, _Match]
) -> str | None:
    """The country of a feature that ends at ``end``: that of a place written right after it
    ("Lake Toba in Indonesia", "the Gordon River, Tasmania"), else ``iso`` (that of its
    sentence, or the article's majority)."""
    after = _PLACE_AFTER.match(doc.text, end)
    if after:
        nxt = kept_at.get(after.end())
        if nxt is not None:
            return nxt.iso3
    return iso


# -- 13. places listed with places ------------------------------------------------------------
# a capitalised name of up to three words, and what separates the items of a list
_LIST_ITEM = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*){0,2}")
_LIST_SEP = re.compile(r",? (?:and|or|&) |, ")
_LIST_MIN = 3  # items in a list
_LIST_KNOWN = 2  # of them places of one country


def _add_listed_places(doc: _Doc) -> None:
    """Names the gazetteer lacks, listed with places of one country or after a plural place
    noun, are places: "Oban, Lorn, Mull and Kintyre" in an article that places Oban and
    Kintyre in Scotland; "the villages of Oruma and Goi".

    A list is capitalised names of up to three words each, joined by commas, "and", "or" or
    "&", in one sentence. When it has three items or more, at least two of them counted
    places, all in one country, and no more than twice as many unknown items, each item that
    no match touches becomes a place of that country. After "the villages of", "the islands
    of" (and towns, communities, islands, ports, districts), every unknown item is a place:
    of the country of the list's counted items, else of its sentence's, else of the article's
    majority. Not a name made of ordinary English words ("However, Glasgow and Leith", "the
    Environment Ministry, Shell and Bayelsa"), a name learned as a person's, the name of a
    thing ("Shell Oil"), a month or a short acronym.
    """
    counted = {(m.start, m.end): m for m in doc.matches if not m.drop and m.iso3}
    # where lists start, in reading order: after a plural place noun, and at each name
    # followed by a separator and another name in a sentence with two counted places (two
    # searches of the whole text, not one per sentence or per capitalised word)
    listing = {
        idx
        for idx, n in Counter(m.sent for m in counted.values()).items()
        if idx >= 0 and n >= _LIST_KNOWN
    }
    starts = [a for a, _ in doc.spans]
    heads: list[tuple[int, bool, int]] = []  # (offset, not after a noun, sentence)
    for hit in _OF_CAPITAL.finditer(doc.text):
        at = hit.end()
        idx = bisect.bisect_right(starts, at) - 1
        if (
            idx >= 0
            and at < doc.spans[idx][1]
            and _PLACE_NOUNS.search(doc.text, max(0, hit.start() - 16), hit.start())
        ):
            heads.append((at, False, idx))
    for rx in (_COMMA_CAPITAL, _CONJUNCTION_CAPITAL) if listing else ():
        for hit in rx.finditer(doc.text):
            idx = bisect.bisect_right(starts, hit.start()) - 1
            if idx in listing:
                item = _item_start(doc.text, hit.start(), doc.spans[idx][0])
                if item is not None:
                    heads.append((item, True, idx))
    heads.sort()
    by_end = {m.end: span for span, m in counted.items()}
    done: set[tuple[int, int]] = set()
    added: list[_Match] = []
    look: _ListContext | None = None  # built when a list first holds an unknown name
    pos = 0  # the end of the last list read
    for head, general, idx in heads:
        if head < pos:
            continue  # inside the list just read
        after_noun = not general
        items = _list_at(doc.text, head, doc.spans[idx][1])
        if not items:
            continue
        pos = items[-1][1]
        # "Serving Oban, Lorn": an item ending in a counted place is that place
        items = [
            by_end[e] if (s, e) not in counted and by_end.get(e, (s, e))[0] > s else (s, e)
            for s, e in items
        ]
        countries = {counted[span].iso3 for span in items if span in counted}
        n_known = sum(span in counted for span in items)
        if not after_noun and not (
            len(items) >= _LIST_MIN and n_known >= _LIST_KNOWN and len(countries) == 1
        ):
            continue
        names = [
            (s, e)
            for s, e in items
            if (s, e) not in counted
            and (s, e) not in done
            and _may_be_listed_place(doc, doc.text[s:e])
        ]
        if not names:
            continue
        look = look or _ListContext(doc, counted)
        unknown = [sp for sp in names if sp in look.weak or not look.touched.overlaps(*sp)]
        if after_noun:
            here = look.by_sentence.get(idx, set())
            iso = _list_country(countries, here, look.article_iso)
        else:
            iso = countries.pop() if len(unknown) <= 2 * n_known else None
        if iso is None:
            continue
        for s, e in unknown:
            found = look.weak.pop((s, e), None)
            if found is None:
                found = _Match(s, e, doc.text[s:e], doc.text[s:e].lower(), [], idx, 0, 0, [])
                added.append(found)
            found.drop, found.kind, found.iso3 = "", "city", iso
            found.admin1, found.rule = "", "listed_with_places"
            done.add((s, e))
    doc.matches.extend(added)
    doc.matches.sort(key=_start)


class _ListContext:
    """What :func:`_add_listed_places` needs only once a list holds an unknown name."""

    def __init__(self, doc: _Doc, counted: dict[tuple[int, int], _Match]) -> None:
        self.touched = _Spans(sorted((m.start, m.end) for m in doc.matches))
        self.weak = {(m.start, m.end): m for m in doc.matches if m.drop == "no evidence"}
        self.by_sentence: dict[int, set[str]] = {}
        for m in counted.values():
            self.by_sentence.setdefault(m.sent, set()).add(m.iso3)
        self.article_iso = _majority_country(list(counted.values())) if counted else None


def _list_country(countries: set[str], here: set[str], article_iso: str | None) -> str | None:
    """The country of a list after a plural place noun: that of its counted items, else that
    of its sentence, else (when its sentence names none) the article's majority."""
    if countries:
        return next(iter(countries)) if len(countries) == 1 else None
    if here:
        return next(iter(here)) if len(here) == 1 else None
    return article_iso


# "the villages of", "the islands of": a list of places follows. Found from " of " and a
# capital (a literal the regex engine skips to quickly), then the noun before it.
_OF_CAPITAL = re.compile(r" of (?=[A-ZÀ-ÖØ-Þ])")
_PLACE_NOUNS = re.compile(
    r"(?<![\w'’-])(?:villages?|towns?|hamlets?|communities|islands?|isles?|ports?|districts|"
    r"municipalities|provinces|settlements)$"
)
# the separators of a list, before a capital: where the item before them may open a list
_COMMA_CAPITAL = re.compile(r", (?=[A-ZÀ-ÖØ-Þ])")
_CONJUNCTION_CAPITAL = re.compile(r" (?:and|or|&) (?=[A-ZÀ-ÖØ-Þ])")


def _capital(ch: str) -> bool:
    """Is ``ch`` in ``[A-ZÀ-ÖØ-Þ]``, the capitals a list item opens with?"""
    return "A" <= ch <= "Z" or ("À" <= ch <= "Þ" and ch != "×")


def _item_start(text: str, end: int, lo: int) -> int | None:
    """Where the list item that ends at ``end`` starts (up to three capitalised words, joined
    by single spaces, not before ``lo``), or None when no capitalised word ends there."""
    start, j = None, end
    for _ in range(3):
        k = j
        while k > lo and (text[k - 1].isalnum() or text[k - 1] in "'’-_"):
            k -= 1
        if k == j or not _capital(text[k]):
            break
        start = k
        if k - 1 <= lo or text[k - 1] != " ":
            break
        j = k - 1
    return start


def _next_capital(text: str, pos: int, end: int) -> int:
    """The position of the next capital letter that opens a word in ``text[pos:end]``, or
    ``end``."""
    m = _WORD_CAPITAL.search(text, pos, end)
    return m.start() if m else end


_WORD_CAPITAL = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ]")


def _list_at(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of the list that starts at the first capitalised word at or
    after ``pos`` (one item when no list starts there, none when no word does)."""
    pos = _next_capital(text, pos, end)
    items: list[tuple[int, int]] = []
    while pos < end:
        item = _LIST_ITEM.match(text, pos, end)
        if item is None:
            break
        items.append(item.span())
        sep = _LIST_SEP.match(text, item.end(), end)
        if sep is None:
            break
        pos = sep.end()
        if sep.group() != ", ":  # "and", "or", "&": the last item
            last = _LIST_ITEM.match(text, pos, end)
            if last is not None:
                items.append(last.span())
            break
    return items


def _may_be_listed_place(doc: _Doc, name: str) -> bool:
    """Whether an unknown list item can be a place: not made of ordinary English words
    ("Environment", "Special Master"), a person's name, the name of a thing, a month or a
    short acronym."""
    low = name.lower()
    words = low.split()
    return not (
        all(w in doc.common for w in words)
        or low in doc.persons
        or words[-1] in _NAME_HEADS
        or words[0] in _NOT_A_NAME
        or low in _MONTHS_DAYS
        or low.rstrip(".") in _MONTH_DAY_ABBREVIATIONS
        or (name.isupper() and len(name) <= 4)
    )


_MONTH_DAY_ABBREVIATIONS = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun"
)


class _Spans:
    """Spans sorted by start, asked whether any overlaps ``[s, e)`` in logarithmic time: the
    spans starting before ``e`` are a prefix of the list, and one of them overlaps when the
    largest end among them is past ``s``."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.max_end = list(itertools.accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        n = bisect.bisect_left(self.starts, e)
        return n > 0 and self.max_end[n - 1] > s


def _overlaps_disjoint(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` overlaps one of ``spans``, sorted and pairwise disjoint."""
    i = bisect.bisect_left(spans, (s, e))
    return (i > 0 and spans[i - 1][1] > s) or (i < len(spans) and spans[i][0] < e)


def _main_country(doc: _Doc) -> str:
    """The country of more than half of the mentions that count before weaker settlements are
    decided (nations, paired settlements and those that count outright), or ""."""
    isos = [m.iso3 for m in doc.matches if not m.drop and m.iso3]
    rank = _rank(doc.mentioned)
    for m in _settlements(doc):
        if m.linked:
            isos.append(m.linked)
        elif m.key not in doc.persons and any(_strong(c) for c in m.cands):
            isos.append(max((c for c in m.cands if _strong(c)), key=rank).iso3)
    if not isos:
        return ""
    iso, n = Counter(isos).most_common(1)[0]
    return iso if 2 * n > len(isos) else ""


def _majority_country(kept: list[_Match]) -> str | None:
    """The country of more than half the mentions, if one has."""
    iso, n = Counter(m.iso3 for m in kept).most_common(1)[0]
    return iso if n * 2 > len(kept) else None


def _unit_names(
    text: str, start: int, end: int, *, full: bool = True
) -> Iterator[tuple[int, int, str, str]]:
    """Spans of the names written with a unit ("Ludian" in "Ludian county") or of features
    named after a place ("Ahr Valley" or "Lake Ziway", with the base name "Ahr" or "Ziway") in
    the sentence ``text[start:end]``, with the feature word; both are "" for a unit.

    A pattern runs only when the sentence holds one of the literals every one of its matches
    holds (:func:`_needles`; a name-first pattern tries every capital of the sentence)."""
    seg = text[start:end]
    for rx, needles in _UNIT_PATTERNS if full else ():
        if not needles.search(seg):
            continue
        feature = rx is _FEATURE_AFTER or rx is _FEATURE_AFTER_LOWER
        for m in rx.finditer(seg):
            if rx is _FEATURE_AFTER_LOWER and _word_char_before(seg, m.start()):
                continue  # "bathe": "the" must be a word
            s = start + m.start("name")
            first = m.group("name").split()[0].split("-")[0]
            if (s != start or feature) and first.lower() not in _NOT_A_NAME:
                if feature:
                    yield s, start + m.end(), m.group("name"), m.group("feature")
                else:
                    yield s, start + m.end("name"), "", ""
    if full and _BEFORE_NAME_NEEDLES.search(seg):
        for m in _FEATURE_BEFORE_NAME.finditer(seg):
            if _word_char_before(seg, m.start()):
                continue  # "Blake", "ORiver": the feature word must be a word
            first = m.group("name").split()[0].split("-")[0]
            if first.lower() not in _NOT_A_NAME:
                # "the island of Jura": the name is the mention; "Lake Ziway": the whole
                at = m.start("name") if m.group("feature").islower() else m.start()
                yield start + at, start + m.end(), m.group("name"), m.group("feature")
    if _APPOSITION_NEEDLES.search(seg):
        for m in _APPOSITION.finditer(seg):
            first = m.group("name").split()[0].split("-")[0]
            if not _word_char_before(seg, m.start()) and first.lower() not in _NOT_A_NAME:
                # the name alone is the mention; an island's name is remembered as one
                yield (
                    start + m.start(),
                    start + m.end("name"),
                    m.group("name"),
                    "island" if m.group("feature") == "island" else "apposition",
                )


def _word_char_before(seg: str, at: int) -> bool:
    """Is the character before ``at`` a word character (so ``at`` is inside a word)?"""
    return at > 0 and (seg[at - 1].isalnum() or seg[at - 1] == "_")


def _needles(rx: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that finds any of the literals one of which every match of ``rx`` holds
    (:func:`newsframe.text.required_literals`): where it finds none, ``rx`` cannot match.
    Literals only, no word boundary, so the regex engine skips ahead to their first letters."""
    literals = required_literals(rx.pattern)
    if not literals:
        raise ValueError(f"no literal every match holds: {rx.pattern!r}")
    return re.compile("|".join(map(re.escape, sorted(literals))))


_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (rx, _needles(rx)) for rx in (_UNIT_AFTER, _UNIT_BEFORE, _FEATURE_AFTER, _FEATURE_AFTER_LOWER)
)
_BEFORE_NAME_NEEDLES = _needles(_FEATURE_BEFORE_NAME)
_APPOSITION_NEEDLES = _needles(_APPOSITION)
_APPOSITION_WORDS = _words(
    """island village town city port community settlement hamlet suburb neighbourhood
    neighborhood municipality"""
)


_PASSES: tuple[Callable[[_Doc], None], ...] = (
    _drop_exclusions,
    _drop_outlet_name,
    _drop_web_addresses,
    _drop_languages,
    _drop_names_of_things,
    _drop_people,
    _link_pairs,
    _resolve_nations,
    _note_sentence_countries,
    _widen_with_settlements,
    _note_locative_cues,
    _count_us_places,
    _resolve_settlements,
    _us_state_or_country,
    _add_unit_places,
    _add_listed_places,
)
"""The passes over an article's matches, in order (the module docstring gives the rules)."""


# -- the frame ---------------------------------------------------------------------------------
_Row = tuple[int, int, str, int, int]  # sentence id, line, section, start, end


@paused_collection
def extract_places(
    text: str, sentences: pd.DataFrame, *, dateline: str | None = None, source: str | None = None
) -> pd.DataFrame:
    """Find the place mentions in an article and resolve each to a country.

    Args:
        text: the article text (:attr:`Article.text`).
        sentences: the article's sentences frame (:attr:`Article.sentences`); only mentions
            inside a sentence, or inside the dateline, are reported.
        dateline: the dateline text (``Article.meta["dateline"]``), which is not part of
            any sentence ("Bamako, Mali (CNN) --").
        source: the outlet's name (``Article.meta["source"]``): places inside it ("Antigua
            Observer" in a masthead) are not mentions.

    Returns:
        One row per mention, in reading order (an empty frame with the same columns when
        there is none):

        ========= =========== ============================================================
        line      int64       1-based line number
        sentence  int64       sentence id; a dateline mention takes the id of the first
                              sentence after it (-1 if the article has none)
        section   category    the sentence's section (:data:`newsframe.SECTIONS` order)
        start     int64       offset of the mention in ``text``
        end       int64       ``text[start:end] == surface``
        surface   str         the exact text ("Mali" for "Mali's")
        kind      category    ``country``, ``demonym`` or ``city`` (any settlement or
                              sub-national place)
        iso3      str         ISO 3166-1 alpha-3 code (Kosovo is ``XKX``)
        country   str         the country's common English name
        admin1    str         the first-level division (English) the place lies in or is;
                              "" for countries, their demonyms and unknown divisions
        rule      category    the rule that placed it (:data:`newsframe.frames.PLACE_RULES`)
        ========= =========== ============================================================
    """
    gaz = load_gazetteer()
    rows = _sentence_rows(sentences)
    dl = _dateline(text, dateline, rows)
    doc = _resolve(text, rows, dl, gaz, source or "")
    where = {idx: r[:3] for idx, r in enumerate(rows)}
    if dl is not None:
        where[-1] = dl[2]  # the dateline's mentions
    return _frame(doc.matches, where, gaz.countries)


def _resolve(
    text: str,
    rows: list[_Row],
    dl: tuple[int, int, tuple[int, int, str]] | None,
    gaz: Gazetteer,
    outlet: str = "",
) -> _Doc:
    """Every match in the sentences (and the dateline), after all the passes."""
    segments = [(idx, r[3], r[4]) for idx, r in enumerate(rows)]
    if dl is not None:
        segments.insert(0, (-1, dl[0], dl[1]))
    known = gaz.prefixes()  # every key and word-prefix of a key (see _longest_name)
    matches: list[_Match] = []
    headlines: set[int] = set()
    units: set[int] = set()  # sentences holding a unit or feature word
    nouns: set[int] = set()  # others holding a place noun ("Ikarama, a farming community")
    for sent, s, e in segments:
        segment = text[s:e]
        if segment.isascii() and segment.lower() == segment:
            continue  # no capital letter: no name, no unit name ("!!!", "it rained.")
        toks = _Tokens(segment, s)
        found = _find(text, toks, sent, gaz, known)
        if found:
            toks.materialise()
            matches.extend(found)
            if _title_case(toks):
                headlines.add(sent)
        if sent >= 0 and not _UNIT_WORDS.isdisjoint(toks.words):
            units.add(sent)
        elif sent >= 0 and not _APPOSITION_WORDS.isdisjoint(toks.words):
            nouns.add(sent)
    matches.sort(key=_start)
    doc = _Doc(
        text,
        matches,
        [(r[3], r[4]) for r in rows],
        headlines=headlines,
        lookup=gaz.lookup,
        outlet=outlet,
        country_names=gaz.countries,
        unit_sentences=units,
        noun_sentences=nouns,
    )
    doc.common = gaz.common_words()
    doc.plain = gaz.plain_words()
    for step in _PASSES:
        step(doc)
    return doc


def _frame(
    matches: list[_Match], where: dict[int, tuple[int, int, str]], names: dict[str, str]
) -> pd.DataFrame:
    """The places frame of the matches that count; ``where[m.sent]`` is the (sentence id,
    line, section) of a match."""
    out = []
    for m in matches:
        if not m.drop and m.iso3:
            sid, line, section = where[m.sent]
            country = names.get(m.iso3, m.iso3)
            row = (line, sid, section, m.start, m.end, m.surface, m.kind, m.iso3, country)
            out.append((*row, m.admin1, m.rule))
    columns = zip(*out, strict=True)  # nothing at all when there is no row
    return typed_frame("places", dict(zip(SCHEMAS["places"], columns, strict=False)))


def _sentence_rows(sentences: pd.DataFrame) -> list[_Row]:
    return list(
        zip(
            sentences["sentence"].tolist(),
            sentences["line"].tolist(),
            sentences["section"].tolist(),  # a categorical's values: str
            sentences["start"].tolist(),
            sentences["end"].tolist(),
            strict=True,
        )
    )


def _dateline(
    text: str, dateline: str | None, rows: list[_Row]
) -> tuple[int, int, tuple[int, int, str]] | None:
    """Where the dateline stands: its start and end, and the (sentence id, line, section) its
    mentions take: the first sentence after it, and the section of the first sentence on its
    line ("body" when none is)."""
    if not dateline:
        return None
    pos = 0
    for line, (content, eol) in enumerate(split_lines(text), start=1):
        stripped = content.lstrip()
        if stripped.startswith(dateline):
            s = pos + len(content) - len(stripped)
            e = s + len(dateline)
            sid = next((r[0] for r in rows if r[3] >= e), -1)
            section = next((r[2] for r in rows if r[1] == line), "body")
            return s, e, (sid, line, section)
        pos += len(content) + len(eol)
    return None
