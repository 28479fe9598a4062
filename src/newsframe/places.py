"""Place mentions resolved to countries (text and sentences in, the places frame out).

How a mention is found and resolved (the rules are general; none names an article):

1. **Lookup.** Each sentence (and the dateline) is cut into word tokens. Starting at every
   capitalised token, the longest run of tokens (capitalised words joined by single spaces,
   with lowercase connectors such as "of", "and", "sous" inside) that names something in the
   gazetteer (:mod:`newsframe.gazetteer`) is taken; a possessive "'s" is left out of the
   surface. Matching is whole-token only, so "Oman" is never found in "Romania" nor "Niger"
   in "Nigeria". A hyphenated token that is not a name as a whole is split ("Iran-Iraq").
2. **Exclusions.** Continents, broad regions, supranational bodies and event names
   ("Africa", "West African", "Middle East", "European Union", "U.N.", "Korean War") are
   matched like places, so the words inside them are used up, and then dropped.
   Months, weekdays and all-capital short words that are not written in capitals ("Us")
   never match.
3. **Names of other things.** A place followed by a capitalised word that heads the name of
   an organisation, publication, event or building ("Paris Match", "Washington Post",
   "Vietnam War", "Rome Statute", "San Francisco State University") is not counted, nor is a
   place after "of/in/for" inside such a name ("University of Denver"). A demonym always
   counts, also inside a name ("French Embassy", "Iranian Revolution"), except when it names
   a language ("tweets in English", "French-speaking").
4. **People.** A settlement, or a country that is also a given name (Georgia, Jordan, Chad,
   Israel), written next to another capitalised word that is not a place ("Joe Sterling",
   "Victoria Nuland", "Michael Jordan") is part of a person's name. The token is remembered
   for the article, so a later bare "Sterling" or "Kerry" is the person too. A lone name
   opening a headline before a colon ("Rogers: ...") is a speaker.
5. **Prominence and evidence.** Country names and demonyms always count. A settlement counts
   outright when it is a national capital or has 250,000 inhabitants or more, and is not also
   an ordinary English word; a US state always counts. Any other settlement or region needs
   evidence: its country is mentioned in the article *and* it follows a locative word ("in",
   "near", "village of"...) at least once, or it is written with its country or state
   ("Evreux, France"). Small US places need the state written after them, as AP style does.
6. **Ambiguity.** "City, Country" pairs pick the candidate in that country ("Paris, Texas",
   "Bamako, Mali", "Atlanta, Georgia"). Otherwise the candidate in a country the article
   mentions wins, then a capital, then the largest population: "Paris" is France.
   "Georgia" is the US state when written after a US place, after "state of", or when the
   article is otherwise about US places; else the country.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from .frames import typed_frame
from .sections import split_lines

if TYPE_CHECKING:
    from .gazetteer import Candidate, Gazetteer

__all__ = ["extract_places"]

STRONG_POPULATION = 150_000
"""A settlement at least this large counts without further evidence."""
STRONG_POPULATION_US = 200_000
"""The same for US places, whose names are often also surnames ("Rogers", "Sterling")."""


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\-]*[^\W_])?")
_CONNECTORS = _words(
    "of the and de del la le les sous sur en du des al el upon on am an der di da do dos das y et i"
)
_MONTHS_DAYS = _words(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday"
)
_CAPS_ONLY = frozenset({"us", "uk", "un", "eu", "uae", "drc", "usa"})
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
    declaration doctrine plan process talks summit conference initiative protocol act law
    study syndrome flu virus crisis revolution spring uprising campaign affair scandal
    organization organisation association society council committee commission party
    movement front alliance federation union network partners holdings co"""
)
_ORG_HEADS = _words(
    """university college institute school academy foundation fund company corporation bank
    authority agency board
    club museum gallery library hospital hotel stadium church cathedral organization
    organisation association society council committee commission party movement front
    alliance federation union network center centre conservatory observatory symphony
    orchestra"""
)
# words after a place that do not make it part of a larger name
_ALLOWED_AFTER = _MONTHS_DAYS | {
    "province",
    "state",
    "region",
    "county",
    "district",
    "governorate",
    "prefecture",
    "oblast",
    "airport",
    "base",
    "air",
    "city",
    "valley",
}
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
_HONORIFIC_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Prof|Sir|Dame|Lord|Lady)\.? $"
)
# "the Adyar river", "Lake Chad" is matched as a whole elsewhere: a place named for a water
# body is not a place mention
_WATER_AFTER = re.compile(r" (?:river|lake|canal|creek|dam|reservoir|strait)s?\b")
_LANGUAGE_BEFORE = _words(
    "in into speak speaks spoke speaking spoken learn learning learned taught fluent"
)
_LANGUAGE_AFTER = _words(
    "language languages speaker speakers speaking translation translations subtitles"
)
_GIVEN_NAME_COUNTRIES = frozenset({"georgia", "jordan", "chad", "israel", "india", "kenya"})
_STATE_OF = re.compile(r"\b(?:state|commonwealth) of\s*$", re.I)


@dataclass(slots=True)
class _Tok:
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
    sent: int  # row index into the sentences frame (or the dateline's sentence)
    i: int  # first token index
    j: int  # one past the last token index
    toks: list[_Tok]
    kind: str = ""
    iso3: str = ""
    linked: str = ""  # the iso3 fixed by a "City, Country" pair
    drop: str = ""  # why it does not count


_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|an|ar|as|ash|az|ad-d)-[A-Z]")


def _tokens(text: str, base: int) -> list[_Tok]:
    out: list[_Tok] = []
    for k, m in enumerate(_TOKEN.finditer(text)):
        w = m.group()
        cap = w[0].isupper()
        if not cap and _ARTICLE_PREFIX.match(w):  # "el-Fasher", "al-Qaim"; not "Moqtada al-Sadr"
            prev = out[-1] if out else None
            cap = not (prev and prev.cap and text[prev.end - base : m.start()] == " ")
        out.append(_Tok(base + m.start(), base + m.end(), w, cap, k == 0))
    return out


def _strip_possessive(w: str) -> str:
    if len(w) > 2 and w[-2] in "'’" and w[-1] in "sS":
        return w[:-2]
    return w


def _is_key_token(t: _Tok) -> bool:
    """A token that can begin or end a name."""
    return t.cap and t.text.lower() not in _MONTHS_DAYS


def _find(text: str, toks: list[_Tok], sent: int, gaz: Gazetteer) -> list[_Match]:
    """Longest-match lookup over one sentence's tokens."""
    out: list[_Match] = []
    n_tok = len(toks)
    i = 0
    while i < n_tok:
        t = toks[i]
        if not _is_key_token(t):
            i += 1
            continue
        # how far can a name reach: tokens joined by one space, capitalised or connectors
        j = i + 1
        while j < n_tok and j - i < gaz.max_tokens:
            gap = text[toks[j - 1].end : toks[j].start]
            nxt = toks[j]
            low = nxt.text.lower()
            if gap != " " or not (
                nxt.cap or low in _CONNECTORS or low.split("-")[0] in _CONNECTORS
            ):
                break
            if _strip_possessive(toks[j - 1].text) != toks[j - 1].text:
                break  # "Mali's President": the possessive ends the name
            j += 1
        found = None
        for end in range(j, i, -1):
            last = toks[end - 1]
            if not (_is_key_token(last) or (end - 1 > i and re.search(r"-[A-Z]", last.text))):
                continue
            words = [tk.text for tk in toks[i : end - 1]] + [_strip_possessive(last.text)]
            key = _key(" ".join(words))
            cands = gaz.lookup(key)
            if not cands:
                continue
            if key in _CAPS_ONLY and not words[0].isupper():
                continue
            s, e = t.start, last.start + len(words[-1])
            found = _Match(s, e, text[s:e], key, cands, sent, i, end, toks)
            break
        if found is not None:
            out.append(found)
            i = found.j
            continue
        if "-" in t.text:  # "Iran-Iraq", "trans-Sahara", "U.S.-led"
            parts: list[_Match] = []
            pos = t.start
            for part in t.text.split("-"):
                if part and part[0].isupper():
                    p = _strip_possessive(part)
                    cands = gaz.lookup(_key(p))
                    if (
                        not cands
                        or p.lower() in _MONTHS_DAYS
                        or (_key(p) in _CAPS_ONLY and not p.isupper())
                    ):
                        parts = []  # "Bergen-Belsen": an unknown part makes it one name
                        break
                    sub = _Tok(pos, pos + len(p), p, True, t.first and pos == t.start)
                    m = _Match(pos, pos + len(p), p, _key(p), cands, sent, i, i + 1, toks)
                    m.toks = [*toks[:i], sub, *toks[i + 1 :]]
                    parts.append(m)
                pos += len(part) + 1
            out.extend(parts)
        i += 1
    return out


def _key(s: str) -> str:
    from .gazetteer import normalize

    return normalize(s)


def _prev_word(m: _Match) -> str:
    return m.toks[m.i - 1].text.lower() if m.i > 0 else ""


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


def _inside_org_name(m: _Match, text: str) -> bool:
    """'University of Denver', 'Organization for Women's Freedom in Iraq'.

    A place right after "<Head> in" is the location of the body, not part of its name
    ("the Criminal Research Institute in Rosny-sous-Bois").
    """
    k = m.i - 1
    connector = ""
    first_connector_at = -1
    steps = 0
    while k >= 0 and steps < 8:
        tk = m.toks[k]
        nxt_start = m.toks[k + 1].start if k + 1 < m.i else m.start
        if text[tk.end : nxt_start].strip():
            return False  # punctuation breaks the name
        low = _strip_possessive(tk.text).lower()
        if tk.cap:
            if low in _ORG_HEADS:
                if not connector:
                    return False
                return not (connector == "in" and first_connector_at == k + 1)
        elif low in ("of", "for", "in", "on", "and", "the", "de", "at"):
            if not connector and low != "the":
                connector, first_connector_at = low, k
        else:
            return False
        k -= 1
        steps += 1
    return False


def _person_context(m: _Match, text: str, places_at: set[int], nations_at: set[int]) -> str:
    """Is the match written next to a capitalised word that is not a place (a person)?

    Returns ``"surname"`` when a capitalised word comes before it ("John Kerry", "Joe
    Sterling"), ``"given"`` when one comes after it ("Jordan Haddad", "Georgia Whitaker"), and
    ``""`` otherwise. Only surnames are remembered for the rest of the article: a later
    "Kerry" is the same person, but a later "Jordan" or "Georgia" is not "Jordan Haddad".
    """
    if _HONORIFIC_BEFORE.search(text, max(0, m.start - 12), m.start):
        return "surname"  # "Mr. Paris said"
    if m.i > 0:
        prev = m.toks[m.i - 1]
        gap = text[prev.end : m.start]
        low = _strip_possessive(prev.text).lower()
        if (
            gap == " "
            and prev.cap
            and prev.text == _strip_possessive(prev.text)
            and prev.start not in nations_at  # "Austin Herrera": a city before counts
            and low not in _ALLOWED_BEFORE
            and not (prev.first and low in _FUNCTION_WORDS)
            and not prev.text.isupper()
        ):
            return "surname"
    nxt = _next_caps(m, text)
    if (
        nxt
        and nxt[0] not in _ALLOWED_AFTER
        and m.j < len(m.toks)
        and (m.toks[m.j].start not in places_at)
    ):
        return "given"
    return ""


def _classify(ms: list[_Match], text: str) -> tuple[set[str], Counter[str]]:
    """First pass: drop exclusions and names of other things; learn person names."""
    persons: set[str] = set()
    places_at = {
        m.start
        for m in ms
        if any(c.kind in ("country", "demonym", "exclude") or _strong(c) for c in m.cands)
    }
    nations_at = {
        m.start for m in ms if any(c.kind in ("country", "demonym", "exclude") for c in m.cands)
    }
    for m in ms:
        kinds = {c.kind for c in m.cands}
        if "exclude" in kinds:
            m.drop = "excluded"
            continue
        m.kind = "demonym" if "demonym" in kinds else "country" if "country" in kinds else "city"
        nxt = _next_caps(m, text)
        prev = _prev_word(m)
        if re.match(r"\.[a-z]{2,}\b", text[m.end : m.end + 8]) or text[m.start - 1 : m.start] in (
            "@",
            "/",
            ".",
        ):
            m.drop = "web address"  # "Iranian.com", "@CNNBrazil"
            continue
        if m.kind == "demonym":
            first_word = m.surface.split()[0]
            after = text[m.end : m.end + 12].lower()
            if (
                prev in _LANGUAGE_BEFORE
                or (nxt and nxt[0] in _LANGUAGE_AFTER)
                or re.match(r"\s?(?:language|speaking|speakers?)\b", after)
                or re.match(r"-(?:language|speaking|speakers?)\b", after)
            ) and first_word.lower() in _LANGUAGE_NAMES:
                m.drop = "language"
            continue
        if (
            any(w in _NAME_HEADS for w in nxt)
            or _inside_org_name(m, text)
            or _WATER_AFTER.match(text, m.end)
        ):
            m.drop = "name of a thing"
            continue
        given_name = m.kind == "country" and m.key in _GIVEN_NAME_COUNTRIES
        role = (
            _person_context(m, text, places_at, nations_at)
            if m.kind == "city" or given_name
            else ""
        )
        if role:
            m.drop = "person"
            if role == "surname" and " " not in m.key:
                persons.add(m.key)
            continue
        if (
            m.kind == "city"
            and m.i == 0
            and m.j < len(m.toks) + 1
            and text[m.end : m.end + 1] == ":"
            and " " not in m.key
        ):
            m.drop = "speaker"
            persons.add(m.key)
    return persons, Counter()


_LANGUAGE_NAMES = _words(
    """english french german spanish portuguese chinese japanese russian italian dutch turkish
    korean greek polish swedish danish norwegian finnish hungarian czech ukrainian vietnamese
    thai indonesian romanian bulgarian serbian croatian albanian armenian georgian somali
    hebrew persian icelandic estonian latvian lithuanian slovak slovenian malay filipino
    mongolian nepali swahili tamil welsh irish scottish"""
)


def _link_pairs(ms: list[_Match], text: str) -> None:
    """'Bamako, Mali', 'Paris, Texas': both sides take the country they share."""
    live = [m for m in ms if not m.drop]
    for a, b in itertools.pairwise(live):
        if a.kind == "demonym" or b.kind == "demonym":
            continue
        gap = text[a.end : b.start]
        if not re.fullmatch(r",\s*", gap):
            continue
        a_isos = [c.iso3 for c in a.cands if c.kind in ("city", "country")]
        b_isos = {c.iso3 for c in b.cands if c.kind in ("city", "country")}
        shared = [iso for iso in a_isos if iso in b_isos]
        if not shared:
            continue
        # prefer a country on the right-hand side ("Paris, Texas" has none: a US state)
        b_country = [c.iso3 for c in b.cands if c.kind == "country" and c.iso3 in shared]
        iso = b_country[0] if b_country and b.kind == "country" else None
        if iso is None or iso not in a_isos:
            b_sub = sorted(
                (c for c in b.cands if c.kind == "city" and c.iso3 in shared),
                key=lambda c: (c.subdivision, c.capital, c.population),
                reverse=True,
            )
            iso = b_sub[0].iso3 if b_sub else shared[0]
        if a.kind == "city":
            a.linked = iso
        if b.kind == "city" or (b.kind == "country" and b.key in _GIVEN_NAME_COUNTRIES):
            b.linked = iso
            if any(c.kind == "city" and c.iso3 == iso for c in b.cands) and not any(
                c.kind == "country" and c.iso3 == iso for c in b.cands
            ):
                b.kind = "city"


def _strong(c: Candidate) -> bool:
    if c.subdivision and c.population < STRONG_POPULATION:
        return c.iso3 == "USA" and not c.common
    floor = STRONG_POPULATION_US if c.iso3 == "USA" else STRONG_POPULATION
    return (c.capital or c.population >= floor) and not c.common


def _resolve(ms: list[_Match], text: str, persons: set[str]) -> None:
    """Second pass: countries and demonyms, then settlements by evidence."""
    mentioned: set[str] = set()
    for m in ms:
        if m.drop or m.kind == "city":
            continue
        if (
            m.key in persons
            and m.kind == "country"
            and m.key in _GIVEN_NAME_COUNTRIES
            and _prev_word(m) not in _LOCATIVE_CUES
        ):
            m.drop = "person"
            continue
        c = next(c for c in m.cands if c.kind == m.kind)
        m.iso3 = c.iso3
        mentioned.add(c.iso3)
    sentence_isos: dict[int, set[str]] = {}
    for m in ms:
        if not m.drop and m.iso3:
            sentence_isos.setdefault(m.sent, set()).add(m.iso3)
    # settlements that count outright, to widen the article's set of countries
    for m in ms:
        if m.drop or m.kind != "city":
            continue
        if m.linked:
            mentioned.add(m.linked)
            sentence_isos.setdefault(m.sent, set()).add(m.linked)
        elif m.key not in persons and any(_strong(c) for c in m.cands):
            best = max((c for c in m.cands if _strong(c)), key=_rank(mentioned))
            mentioned.add(best.iso3)
            sentence_isos.setdefault(m.sent, set()).add(best.iso3)
    # which weak names have a locative cue somewhere in the article
    cued: set[str] = set()
    for m in ms:
        if m.kind == "city" and not m.drop:
            prev = _prev_word(m)
            before = text[max(0, m.start - 30) : m.start].lower()
            after = text[m.end : m.end + 2]
            the_place_noun = prev == "the" and after[:1] == " " and after[1:2].islower()
            unit_after = re.match(
                r" (?:province|state|region|district|county|governorate|prefecture)\b",
                text[m.end : m.end + 14],
            )
            if (
                _locative_before(m)
                or the_place_noun
                or unit_after
                or re.search(
                    r"\b(?:village|town|city|province|region|state|district|capital|outskirts|"
                    r"suburb|port|island)s? of\s*$",
                    before,
                )
            ):
                cued.add(m.key)
    us_places = sum(
        1
        for m in ms
        if m.kind == "city" and not m.drop and any(c.iso3 == "USA" and _strong(c) for c in m.cands)
    )
    for m in ms:
        if m.drop or m.kind != "city":
            continue
        if m.linked:
            m.iso3 = m.linked
            continue
        if m.key in persons:
            m.drop = "person"
            continue
        ok = [c for c in m.cands if c.kind == "city" and _strong(c)]
        if not ok:  # a small place in a sentence that names its country ("Gaza ... Rafah")
            here = sentence_isos.get(m.sent, set())
            ok = [c for c in m.cands if c.kind == "city" and c.iso3 in here and c.iso3 != "USA"]
        if not ok and m.key in cued:
            ok = [
                c
                for c in m.cands
                if c.kind == "city" and c.iso3 in mentioned and (c.iso3 != "USA" or c.subdivision)
            ]
        if not ok and not _beside_capitalised(m, text):
            # a state or province of a country the article names ("West Bengal"), unless it
            # stands in a run of names ("Austin Herrera": a person)
            ok = [
                c
                for c in m.cands
                if c.kind == "city" and c.subdivision and not c.common and c.iso3 in mentioned
            ]
            cities = {c.iso3 for c in m.cands if c.kind == "city"}
            if not ok and len(cities) == 1 and "USA" not in cities:
                # a town known in one country only, which the article names (US towns need
                # their state, as AP style writes them)
                ok = [
                    c for c in m.cands if c.kind == "city" and not c.common and c.iso3 in mentioned
                ]
        if not ok:
            m.drop = "no evidence"
            continue
        best = max(ok, key=_rank(mentioned))
        m.iso3 = best.iso3
    # a country name that is also a US state ("Georgia")
    for m in ms:
        if m.drop or m.kind != "country":
            continue
        if not any(c.kind == "city" and c.iso3 == "USA" and c.subdivision for c in m.cands):
            continue
        others = [o for o in ms if o is not m and not o.drop and o.sent == m.sent and o.iso3]
        if any(o.iso3 == m.iso3 for o in others):
            continue  # "Georgia's capital, Tbilisi": the sentence backs the country
        # "Georgia and Florida", "Alabama, Georgia": listed beside a US state
        beside_state = any(
            o.iso3 == "USA"
            and o.kind == "city"
            and any(c.subdivision and c.iso3 == "USA" for c in o.cands)
            and re.fullmatch(
                r"(?:,| and| or|, and)\s*",
                text[min(o.end, m.end) : max(o.start, m.start)],
            )
            for o in others
        )
        before = text[max(0, m.start - 25) : m.start]
        if m.linked == "USA" or _STATE_OF.search(before) or us_places >= 2 or beside_state:
            m.iso3, m.kind = "USA", "city"


def _rank(mentioned: set[str]) -> Any:
    def key(c: Candidate) -> tuple[bool, bool, int]:
        # a US state or ISO subdivision outranks a settlement of the same name
        return (c.iso3 in mentioned, c.capital or c.subdivision, c.population)

    return key


def _dateline_span(text: str, dateline: str | None) -> tuple[int, int] | None:
    if not dateline:
        return None
    pos = 0
    for content, eol in split_lines(text):
        stripped = content.lstrip()
        if stripped.startswith(dateline):
            s = pos + len(content) - len(stripped)
            return s, s + len(dateline)
        pos += len(content) + len(eol)
    return None


def extract_places(
    text: str, sentences: pd.DataFrame, *, dateline: str | None = None
) -> pd.DataFrame:
    """Find the place mentions in an article and resolve each to a country.

    Args:
        text: the article text (:attr:`Article.text`).
        sentences: the article's sentences frame (:attr:`Article.sentences`); only mentions
            inside a sentence, or inside the dateline, are reported.
        dateline: the dateline text (``Article.meta["dateline"]``), which is not part of
            any sentence ("Bamako, Mali (CNN) --").

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
        ========= =========== ============================================================
    """
    from .gazetteer import load_gazetteer

    gaz = load_gazetteer()
    matches: list[_Match] = []
    sent_rows = list(
        zip(
            sentences["sentence"].tolist(),
            sentences["line"].tolist(),
            sentences["section"].astype(str).tolist(),
            sentences["start"].tolist(),
            sentences["end"].tolist(),
            strict=True,
        )
    )
    dl = _dateline_span(text, dateline)
    dl_row: tuple[int, int, str] = (-1, 0, "body")
    if dl is not None:
        starts, pos = [], 0
        for content, eol in split_lines(text):
            starts.append(pos)
            pos += len(content) + len(eol)
        dl_line = bisect.bisect_right(starts, dl[0])
        on_line = [r for r in sent_rows if r[1] == dl_line]
        following = [r for r in sent_rows if r[3] >= dl[1]]
        sid = following[0][0] if following else -1
        dl_row = (sid, dl_line, on_line[0][2] if on_line else "body")
        seg = text[dl[0] : dl[1]]
        matches.extend(_find(text, _tokens(seg, dl[0]), -1, gaz))
    for idx, (_, _, _, s, e) in enumerate(sent_rows):
        seg = text[s:e]
        for m in _find(text, _tokens(seg, s), idx, gaz):
            matches.append(m)
    matches.sort(key=lambda m: m.start)
    _relative_to_text(matches, text)
    persons, _ = _classify(matches, text)
    _link_pairs(matches, text)
    _resolve(matches, text, persons)
    matches.extend(_unit_places(matches, text, sent_rows))
    matches.sort(key=lambda m: m.start)

    names = gaz.countries
    rows: dict[str, list[Any]] = {
        k: [] for k in ("line", "sentence", "section", "start", "end", "surface", "kind")
    }
    rows["iso3"], rows["country"] = [], []
    for m in matches:
        if m.drop or not m.iso3:
            continue
        if m.sent == -1:
            sid, line, section = dl_row
        else:
            sid, line, section = sent_rows[m.sent][:3]
        rows["line"].append(line)
        rows["sentence"].append(sid)
        rows["section"].append(section)
        rows["start"].append(m.start)
        rows["end"].append(m.end)
        rows["surface"].append(m.surface)
        rows["kind"].append(m.kind)
        rows["iso3"].append(m.iso3)
        rows["country"].append(names.get(m.iso3, m.iso3))
    return typed_frame("places", rows)


# "Ludian county", "Rakhine state", "Khurda district", "the county of Ludian": an
# administrative unit names a sub-national place even when the gazetteer lacks it
_UNIT = r"(?:county|district|province|prefecture|governorate|oblast|region|state|municipality)"
_NAME = r"[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,})?"
_UNIT_AFTER = re.compile(rf"\b(?P<name>{_NAME})\s+{_UNIT}\b")
_UNIT_BEFORE = re.compile(
    rf"\b(?:county|district|province|prefecture|governorate|region|town|village)\s+of\s+"
    rf"(?P<name>{_NAME})\b"
)
_NOT_A_NAME = _words(
    """the this that these those each every another which what whose its their his her our
    northern southern eastern western central north south east west northeastern northwestern
    southeastern southwestern upper lower greater inner outer home border coastal capital
    federal autonomous tribal rural urban key swing battleground member island mountain
    neighbouring neighboring nearby remote restive troubled whole entire same new old"""
)


def _unit_places(ms: list[_Match], text: str, sent_rows: list[tuple[Any, ...]]) -> list[_Match]:
    """Places the gazetteer lacks, named by an administrative unit ("Ludian county").

    Each takes the country of the other places in its sentence when they agree, else the
    country the article mentions most (if it has a clear majority); otherwise it is left out.
    Names already matched, sentence-initial words and words such as "northern" never count.
    """
    kept = [m for m in ms if not m.drop and m.iso3]
    # a known name dropped for lack of evidence gets it from the unit ("Somalia's Bay region")
    weak = {(m.start, m.end): m for m in ms if m.drop == "no evidence"}
    taken = [(m.start, m.end) for m in ms if m.drop != "no evidence"]
    if not kept:
        return []
    totals = Counter(m.iso3 for m in kept)
    top = totals.most_common(2)
    article_iso = (
        top[0][0]
        if top[0][1] * 2 > sum(totals.values()) and (len(top) == 1 or top[0][1] > top[1][1])
        else None
    )
    out: list[_Match] = []
    for idx, row in enumerate(sent_rows):
        start, end = row[3], row[4]
        seg = text[start:end]
        if "county" not in seg and "district" not in seg and not _UNIT_HINT.search(seg):
            continue
        for rx in (_UNIT_AFTER, _UNIT_BEFORE):
            for m in rx.finditer(seg):
                s, e = start + m.start("name"), start + m.end("name")
                first = m.group("name").split()[0].split("-")[0]
                if s == start or first.lower() in _NOT_A_NAME:
                    continue
                if any(a < e and s < b for a, b in taken):
                    continue
                here = {k.iso3 for k in kept if k.sent == idx}
                iso = next(iter(here)) if len(here) == 1 else (article_iso if not here else None)
                if iso is None:
                    continue
                found = weak.pop((s, e), None)
                if found is not None:  # already in the list of matches: revive it
                    found.drop, found.kind, found.iso3 = "", "city", iso
                else:
                    found = _Match(s, e, text[s:e], text[s:e].lower(), [], idx, 0, 0, [])
                    found.kind, found.iso3 = "city", iso
                    out.append(found)
                taken.append((s, e))
    return out


_UNIT_HINT = re.compile(r"\b(?:province|prefecture|governorate|oblast|region|state|municipality)\b")


def _relative_to_text(matches: list[_Match], text: str) -> None:
    """Matches were found on slices; their offsets are absolute already. Check surfaces."""
    for m in matches:
        m.surface = text[m.start : m.end]
