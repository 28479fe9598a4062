"""Tone per sentence: TextBlob's pattern analyser and VADER, offline (a sentences frame in, the
sentiment frame out). See :mod:`newsframe.sentiment` for the method and its limits."""

from __future__ import annotations

import heapq
import math
import re
import string
import threading
from functools import cache
from typing import Any, NamedTuple

import pandas as pd

from ..collector import paused_collection
from ..frames import typed_frame
from ..text import count_words, script_of

NEUTRAL = 0.05
"""A sentence is neutral when ``abs(polarity) < NEUTRAL`` (also used for VADER's compound)."""

MIN_SENTENCES = 10
"""Sections with fewer scored sentences than this are flagged ``few_sentences``."""

BOOTSTRAP_SEED = 2013
"""Seed of the bootstrap: the same input always gives the same interval."""

N_BOOT = 2000
"""Bootstrap resamples per section."""

EXCLUDED_SECTIONS = ("boilerplate", "markup")
"""Sections left out of the sentiment frame unless ``include_boilerplate=True``."""


# --- the scorers (lazy: their lexicons take ~60 ms to load) -----------------------------
_TEXTBLOB_LOCK = threading.RLock()


def _textblob_en() -> Any:
    """The module ``textblob.en`` (TextBlob's pattern analyser), without importing nltk.

    ``import textblob`` runs ``textblob/__init__.py``, which imports ``TextBlob`` and with it
    nltk (and nltk imports scipy.stats when scipy is installed): about a second, none of it
    needed to score text. ``textblob.en`` and ``textblob._text`` import only the standard
    library. When textblob is not imported yet, its package module is created without running
    its ``__init__`` and registered, so that ``textblob.en`` can be imported; the package runs
    its ``__init__`` the first time anyone asks it for a name it lacks (``from textblob import
    TextBlob`` works as ever, and pays for nltk then).
    """
    import sys

    with _TEXTBLOB_LOCK:
        if "textblob" not in sys.modules:
            import importlib.util

            spec = importlib.util.find_spec("textblob")
            if spec is None or spec.loader is None:
                raise ImportError("the sentiment scores need the package textblob")
            package = importlib.util.module_from_spec(spec)
            loader = spec.loader

            def finish(name: str) -> Any:
                # the package's own __init__, run once, on its first missing name
                with _TEXTBLOB_LOCK:
                    if "__getattr__" in package.__dict__:
                        del package.__dict__["__getattr__"]
                        try:
                            loader.exec_module(package)
                        except BaseException:
                            package.__dict__["__getattr__"] = finish
                            raise
                return getattr(package, name)

            package.__dict__["__getattr__"] = finish
            sys.modules["textblob"] = package
        import textblob.en

    return textblob.en


@cache
def _pattern() -> Any:
    """TextBlob's English pattern analyzer, loaded once, with plain-dict lookups.

    ``TextBlob(text).sentiment`` calls ``textblob.en.sentiment(text)``. That object is a
    "lazy dict" whose every lookup first checks whether the lexicon is loaded. This returns a
    copy of the same class, holding the same loaded lexicon and settings, whose lookups are
    ``dict``'s own: the scoring code and data are TextBlob's, so the scores are identical (a
    test compares them with ``TextBlob(s).sentiment``), about a third faster.
    """
    sentiment = _textblob_en().sentiment
    sentiment("good")  # loads the XML lexicon once
    base = type(sentiment)

    class _Loaded(base):  # type: ignore[misc, valid-type]
        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        __iter__ = dict.__iter__
        __len__ = dict.__len__
        get = dict.get

    loaded = _Loaded.__new__(_Loaded)
    dict.update(loaded, dict.items(sentiment))
    loaded.__dict__.update({k: v for k, v in sentiment.__dict__.items() if not k.startswith("__")})
    return loaded


# Which texts TextBlob scores exactly (0.0, 0.0) with no assessment: those with no lexicon word
# and no emoticon among its tokens. Its tokenizer is skipped for them, after a test that never
# says "no lexicon word" wrongly (tests compare every score with TextBlob's own):
# * a token that is a lexicon word is ASCII, starts with a letter or digit and holds no space
#   or apostrophe (the tokenizer splits at both); the characters on either side of it in the
#   text are whitespace, punctuation or the start of "n't" (which the tokenizer splits off, as
#   the test does). So the word's first run of [a-z0-9] is a whole run of the lowercased text.
# * an emoticon token, or the sarcasm mark "(!)", is made of characters that follow each other
#   in the text once its whitespace is removed (the tokenizer only adds and removes spaces, and
#   joins emoticons back). Emoticons that are all letters ("xD") never score, and no lexicon
#   word ends in one, so the joining cannot make a lexicon word either (checked when built).
# * a text with a line break is always scored in full (blank lines become sentence marks).
_ALNUM_RUN = re.compile(r"[a-z0-9]+")


class _PatternTools(NamedTuple):
    firsts: frozenset[str]
    """The first [a-z0-9] run of every lexicon word that a token can be."""
    scoring_marks: re.Pattern[str]
    """Emoticons (lower case) that score, or that a lexicon word ends in, and "(!)"."""
    all_marks: re.Pattern[str]
    """Every emoticon (lower case) and "(!)": what the tokenizer may join across spaces."""
    contractions: tuple[tuple[str, str], ...]
    """The tokenizer's contraction replacements ("n't" -> " n't"), in its order."""
    tokenizer: Any
    """The tokenizer the analyser calls (``textblob.en.parser.find_tokens``)."""
    end_marks: frozenset[str]
    """The punctuation marks the tokenizer splits off a word's end, but the period."""


@cache
def _pattern_tools() -> _PatternTools:
    analyser = _pattern()
    from textblob._text import EMOTICONS, PUNCTUATION, replacements  # after _pattern()

    words = [w for w in dict.keys(analyser) if w and " " not in w and "'" not in w]
    marks = {e.lower() for group in EMOTICONS.values() for e in group} | {"(!)"}
    scoring = {e for e in marks if not e.isalpha()}
    # an emoticon that ends a lexicon word could glue one together: screen for those too
    scoring |= {e for e in marks if e.isalpha() and any(w.endswith(e) for w in words)}
    firsts = {_ALNUM_RUN.match(w) for w in words}
    contractions = tuple(replacements.items())
    if None in firsts or any(re.escape(a) != a for a, _ in contractions):
        firsts = set()  # a lexicon or a tokenizer this module does not know: no shortcuts
    return _PatternTools(
        frozenset(m.group() for m in firsts if m),
        _literals(scoring),
        _literals(marks),
        contractions,
        analyser.tokenizer,
        frozenset(PUNCTUATION) - {"."},
    )


def _literals(strings: set[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``strings`` (literally; linear time)."""
    return re.compile("|".join(re.escape(x) for x in sorted(strings, key=len, reverse=True)))


def _squeezed(text: str) -> str:
    return "".join(text.split()).lower()


def _textblob_scores_zero(text: str) -> bool:
    """True only when ``TextBlob(text).sentiment`` is (0.0, 0.0) with no assessment."""
    tools = _pattern_tools()
    if not tools.firsts or "\n" in text:
        return False
    if not tools.firsts.isdisjoint(_ALNUM_RUN.findall(text.replace("n't", " n't").lower())):
        return False
    return tools.scoring_marks.search(_squeezed(text)) is None


# TextBlob's tokenizer (half of its cost) works word by word, once the text is split at
# whitespace after three steps that only add spaces (around contractions and quote marks). The
# words of a text can therefore be tokenized one at a time, by the tokenizer itself, and each
# word's tokens remembered: most words of an article have been seen before. Two steps of the
# tokenizer look across words, and texts where they could act take the tokenizer as a whole:
# blank lines (sentence marks, so any line break) and emoticons or "(!)" written with spaces
# between their characters (any emoticon in the text once its whitespace is removed).
_WORD_TOKENS: dict[str, tuple[str, ...]] = {}
_WORD_TOKENS_MAX = 500_000
_EOS = "END-OF-SENTENCE"  # the tokenizer's sentence mark: text holding it takes the long way
_GAP = "\x00"  # separates words tokenized in one call


def _tokens(text: str) -> list[str] | None:
    """``" ".join(tokenizer(text)).split()``, word by word; None when the text needs the
    tokenizer as a whole (see above)."""
    tools = _pattern_tools()
    if not tools.firsts or "\n" in text or _GAP in text or _EOS in text:
        return None
    if tools.all_marks.search(_squeezed(text)) is not None:
        return None
    for a, b in tools.contractions:
        text = text.replace(a, b)
    words = (
        text.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
        .split()
    )
    new = [w for w in dict.fromkeys(words) if w not in _WORD_TOKENS]
    if new and len(_WORD_TOKENS) + len(new) > _WORD_TOKENS_MAX:
        _WORD_TOKENS.clear()
        new = list(dict.fromkeys(words))
    rest = _tokenize_plain_words(new, tools.end_marks) if new else []
    if rest:
        # one call for the other new words, each a sentence of its own between _GAP tokens
        found: list[list[str]] = [[]]
        for token in " ".join(tools.tokenizer(f" {_GAP} ".join(rest))).split():
            if token == _GAP:
                found.append([])
            else:
                found[-1].append(token)
        if len(found) != len(rest):  # never seen; the tokenizer as a whole is always right
            return None
        _WORD_TOKENS.update(zip(rest, map(tuple, found), strict=True))
    return [token for w in words for token in _WORD_TOKENS[w]]


def _tokenize_plain_words(words: list[str], end_marks: frozenset[str]) -> list[str]:
    """Remember the tokens of the words that need no tokenizer; return the others.

    A word of letters and digits is one token; followed by one punctuation mark other than a
    period, it is two (the tokenizer splits that mark off and stops). Periods are left to the
    tokenizer: it keeps those of abbreviations.
    """
    rest = []
    for w in words:
        if w.isalnum():
            _WORD_TOKENS[w] = (w,)
        elif w[-1] in end_marks and w[:-1].isalnum():
            _WORD_TOKENS[w] = (w[:-1], w[-1])
        else:
            rest.append(w)
    return rest


def _mean(values: list[float]) -> float:
    """TextBlob's average of assessment scores (each weighted 1; 0.0 for none)."""
    total: float = 0
    n = 0
    for v in values:
        total += 1 * v
        n += 1
    return total / float(n or 1)


def _textblob_score(text: str) -> tuple[float, float, list[Any]]:
    """``TextBlob(text).sentiment`` and its raw assessments: (polarity, subjectivity, list)."""
    if _textblob_scores_zero(text):
        return 0.0, 0.0, []
    analyser = _pattern()
    tokens = _tokens(text)
    if tokens is None:
        tb = analyser(text)
        return tb[0], tb[1], tb.assessments
    found = analyser.assessments(((w.lower(), None) for w in tokens), True)
    return _mean([p for _, p, _, _ in found]), _mean([s for _, _, s, _ in found]), found


@cache
def _vader() -> Any:
    """One VADER analyzer per process (its lexicon ships with the package).

    Its ``compound(text)`` is ``polarity_scores(text)["compound"]``. VADER first copies the
    text character by character to replace each emoji by its description (a tenth of its
    time); ``compound`` skips that pass for a text without any emoji character, which it would
    leave as it is, and runs VADER's own steps after it (a test compares the two).
    """
    from vaderSentiment import vaderSentiment as vs

    base = vs.SentimentIntensityAnalyzer

    class _Vader(vs.SentimentIntensityAnalyzer):
        def __init__(self) -> None:
            super().__init__()
            self.emoji_characters = frozenset(k for k in self.emojis if len(k) == 1)

        # VADER lowercases the whole sentence again for every lexicon word it scores
        # (_negation_check, _special_idioms_check) and looks each score up by value in
        # _but_check: quadratic in the sentence (53 s for one 80 KB sentence of "Dr. No").
        # Below, VADER's own checks run on the few words around the scored one that they
        # read, and _but_check's walk is replayed in linear time: the same floats.
        @staticmethod
        def _negation_check(
            valence: float, words_and_emoticons: list[str], start_i: int, i: int
        ) -> float:
            # reads words i-1 .. i-3 (VADER calls it with i > start_i, so never before 0)
            lo = max(0, i - 3)
            return float(
                base._negation_check(valence, words_and_emoticons[lo : i + 1], start_i, i - lo)
            )

        @staticmethod
        def _special_idioms_check(valence: float, words_and_emoticons: list[str], i: int) -> float:
            # reads words i-3 .. i+2 (VADER calls it with i > 2) and whether i+1, i+2 exist
            return float(base._special_idioms_check(valence, words_and_emoticons[i - 3 : i + 3], 3))

        @staticmethod
        def _but_check(words_and_emoticons: list[str], sentiments: list[float]) -> list[float]:
            lower = [str(w).lower() for w in words_and_emoticons]
            if "but" not in lower:
                return sentiments
            bi = lower.index("but")
            # VADER walks the scores in order and rescales, for each, the first score equal
            # to it (``sentiments.index``); the walk never changes a score it has not reached,
            # so the positions holding each value (a heap per value) give that first one.
            holding: dict[float, list[int]] = {}
            for k, v in enumerate(sentiments):
                holding.setdefault(v, []).append(k)  # ascending: already a heap
            for p in range(len(sentiments)):
                v = sentiments[p]
                si = holding[v][0]
                if si == bi:
                    continue
                heapq.heappop(holding[v])
                sentiments[si] = v * 0.5 if si < bi else v * 1.5
                heapq.heappush(holding.setdefault(sentiments[si], []), si)
            return sentiments

        def compound(self, text: str) -> float:
            if not self.emoji_characters.isdisjoint(text):
                return float(self.polarity_scores(text)["compound"])
            # SentimentIntensityAnalyzer.polarity_scores (vaderSentiment 3.3.2) after the emoji
            # pass, unchanged
            text = text.strip()
            sentitext = vs.SentiText(text)
            sentiments: list[float] = []
            words_and_emoticons = sentitext.words_and_emoticons
            for i, item in enumerate(words_and_emoticons):
                valence = 0
                if item.lower() in vs.BOOSTER_DICT:
                    sentiments.append(valence)
                    continue
                if (
                    i < len(words_and_emoticons) - 1
                    and item.lower() == "kind"
                    and words_and_emoticons[i + 1].lower() == "of"
                ):
                    sentiments.append(valence)
                    continue
                sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
            sentiments = self._but_check(words_and_emoticons, sentiments)
            return float(self.score_valence(sentiments, text)["compound"])

    return _Vader()


def _vader_compound(text: str) -> float:
    """VADER's compound score of ``text``: ``polarity_scores(text)["compound"]``.

    A text none of whose words is in VADER's lexicon scores 0.0 without VADER's passes: VADER
    gives every such word a valence of 0, and the compound of valences that are all 0 is 0.0.
    Its words are the whitespace-separated tokens, stripped of ASCII punctuation when more than
    two characters remain, once each emoji character is replaced by its description (a text
    with one is always scored in full).
    """
    vader = _vader()
    if vader.emoji_characters.isdisjoint(text):
        lexicon = vader.lexicon
        for token in text.split():
            stripped = token.strip(string.punctuation)
            if (token if len(stripped) <= 2 else stripped).lower() in lexicon:
                break
        else:
            return 0.0
    return float(vader.compound(text))


class Score(NamedTuple):
    """TextBlob's and VADER's scores of one text."""

    polarity: float
    subjectivity: float
    vader: float
    assessments: tuple[tuple[str, float, float], ...]
    """(phrase, polarity, subjectivity) of each lexicon hit, as in ``sentiment_assessments``."""


_MEMO: dict[str, Score] = {}
_MEMO_MAX = 200_000


def clear_cache() -> None:
    """Forget memoised sentence scores and word tokens (the lexicons stay loaded)."""
    _MEMO.clear()
    _WORD_TOKENS.clear()


# TextBlob's tokenizer peels punctuation off a token one character at a time, which is
# quadratic in the length of a run ("!!!!..." 100,000 long takes seconds). A run is cut to its
# first 64 characters for TextBlob only: each "!" after a scored word multiplies its polarity
# by 1.25 up to the cap of 1, reached long before 64, and other punctuation scores nothing.
_PUNCTUATION_RUN = re.compile(r"([^\w\s]{64})[^\w\s]+")


def score_text(text: str) -> Score:
    """Score one text with TextBlob's PatternAnalyzer and VADER; memoised per text.

    ``(polarity, subjectivity)`` equals ``TextBlob(text).sentiment`` exactly, and
    ``assessments`` holds ``TextBlob(text).sentiment_assessments.assessments`` with each
    word list joined into a phrase.
    """
    hit = _MEMO.get(text)
    if hit is not None:
        return hit
    polarity, subjectivity, found = _textblob_score(_PUNCTUATION_RUN.sub(r"\1", text))
    assessments = tuple((" ".join(words), p, s) for words, p, s, _ in found)
    vader = _vader_compound(text)
    score = Score(polarity, subjectivity, vader, assessments)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[text] = score
    return score


# --- script and language ------------------------------------------------------------------
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and of to is was that with for on are this have has be it by from at as were an "
    "which not they he she their been will would said who its there",
    "fr": "le la les des du et est une dans pour qui que pas sur avec au aux ce cette sont ont "
    "être il elle nous vous mais où été",
    "es": "el los las del y es una en por para con se su sus lo como pero más está fue ha",
    "de": "der das und ist nicht ein eine mit für von zu den dem auf sich auch es im sind wird "
    "wurde bei aus dass sehr",
    "it": "gli della di è che non sono nel alla anche",
    "pt": "os da dos das é um uma em não com foi",
    "nl": "het een ik je niet zijn op dat voor er maar ook wordt",
}
_ENGLISH = frozenset(_FUNCTION_WORDS["en"].split())
# Function words of other Latin-script languages, minus any that are also English words. Words
# that also start English names or nouns ("de", "van", "per", "son", "die") are left out.
_OTHER = frozenset().union(*(v.split() for k, v in _FUNCTION_WORDS.items() if k != "en")) - _ENGLISH
_ALPHA_RE = re.compile(r"[^\W\d_]+")


def _language_hits(text: str) -> tuple[int, int]:
    """Distinct (English, other languages') function words in ``text``.

    Other languages' words count only in lower case, so names ("Los Angeles", "Le Pen") do not.
    """
    found = set(_ALPHA_RE.findall(text))
    return len(_ENGLISH.intersection(map(str.lower, found))), len(found & _OTHER)


def _reads_foreign(words: int, english: int, other: int) -> bool:
    return words >= 5 and english == 0 and other >= 2 and other >= 0.2 * words


def looks_english(text: str) -> bool:
    """False when a sentence of five words or more reads as another Latin-script language.

    A heuristic on function words: no English one ("the", "of", "is"...) and at least two
    different ones, as many as a fifth of the words, from French, Spanish, German, Italian,
    Portuguese or Dutch.
    Short sentences and headlines without function words count as English.
    """
    return not _reads_foreign(count_words(text), *_language_hits(text))


# --- the per-sentence frame ---------------------------------------------------------------
@paused_collection
def score_sentences(
    sentences: pd.DataFrame,
    *,
    include_boilerplate: bool = False,
    language: str | None = None,
) -> pd.DataFrame:
    """Score every sentence of a sentences frame (see :attr:`Article.sentences`).

    Args:
        sentences: a frame with the ``sentences`` schema (sentence, line, section, text...).
        include_boilerplate: keep ``boilerplate`` and ``markup`` sentences (they are left out
            by default: site chrome is not the article's tone).
        language: the article's language if known (``Article.meta["language"]``); anything
            other than English (``"en..."``) flags every sentence as not scored.

    Returns:
        One row per sentence kept, in reading order (``SCHEMAS["sentiment"]``):

        ============ ========= ===================================================================
        sentence     int64     the sentence id of :attr:`Article.sentences`
        line         int64     its line number
        section      category  its section (:data:`SECTIONS` order)
        polarity     float64   TextBlob polarity in [-1, 1], ``TextBlob(text).sentiment``; NaN
                               when not scored. 0 also means "no opinion word found".
        subjectivity float64   TextBlob subjectivity in [0, 1]; NaN when not scored
        words        int64     whitespace-separated tokens holding a letter or digit
        vader        float64   VADER compound score in [-1, 1]; NaN when not scored
        script       str       the script of most of its letters: "Latin", "Han", "Cyrillic",
                               "Arabic"...; "Common" when it has no letters
        scored       bool      false for text in another script than Latin, Latin text that
                               reads as another language (:func:`looks_english`), sentences
                               with no word, and every sentence when ``language`` is not English
        ============ ========= ===================================================================
    """
    sent_ids = sentences["sentence"].tolist()
    lines = sentences["line"].tolist()
    secs = [str(x) for x in sentences["section"].tolist()]
    texts = sentences["text"].tolist()
    if not include_boilerplate:
        kept = [i for i, sec in enumerate(secs) if sec not in EXCLUDED_SECTIONS]
        if len(kept) < len(secs):
            sent_ids = [sent_ids[i] for i in kept]
            lines = [lines[i] for i in kept]
            secs = [secs[i] for i in kept]
            texts = [texts[i] for i in kept]
    n = len(texts)
    scripts = [script_of(t) for t in texts]
    words = [count_words(t) for t in texts]
    english_article = language is None or str(language).lower().startswith("en")
    ok = [english_article and sc == "Latin" and w > 0 for sc, w in zip(scripts, words, strict=True)]
    if english_article and n:
        hits = [_language_hits(t) if good else (0, 0) for t, good in zip(texts, ok, strict=True)]
        total_en = sum(h[0] for h in hits)
        total_other = sum(h[1] for h in hits)
        if total_other >= 5 and total_other > 2 * total_en:
            # the whole article reads as another language: flag every sentence
            ok = [False] * n
        else:
            ok = [
                good and not _reads_foreign(w, *h)
                for good, w, h in zip(ok, words, hits, strict=True)
            ]
    nan = math.nan
    pol, subj, vad = [nan] * n, [nan] * n, [nan] * n
    for i, t in enumerate(texts):
        if ok[i]:
            sc = score_text(t)
            pol[i], subj[i], vad[i] = sc.polarity, sc.subjectivity, sc.vader
    return typed_frame(
        "sentiment",
        {
            "sentence": sent_ids,
            "line": lines,
            "section": secs,
            "polarity": pol,
            "subjectivity": subj,
            "words": words,
            "vader": vad,
            "script": scripts,
            "scored": ok,
        },
    )


__all__ = [
    "BOOTSTRAP_SEED",
    "EXCLUDED_SECTIONS",
    "MIN_SENTENCES",
    "NEUTRAL",
    "N_BOOT",
    "Score",
    "clear_cache",
    "looks_english",
    "score_sentences",
    "score_text",
]
