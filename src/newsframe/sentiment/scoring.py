"""Tone per sentence: TextBlob's pattern analyser and VADER, offline (a sentences frame in, the
sentiment frame out). See :mod:`newsframe.sentiment` for the method and its limits."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any, NamedTuple

import pandas as pd

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


# --- the scorers (lazy: textblob imports nltk, ~150 ms) ---------------------------------------
@cache
def _pattern() -> Any:
    """TextBlob's English pattern analyzer, loaded once, with plain-dict lookups.

    ``TextBlob(text).sentiment`` calls ``textblob.en.sentiment(text)``. That object is a
    "lazy dict" whose every lookup first checks whether the lexicon is loaded. This returns a
    copy of the same class, holding the same loaded lexicon and settings, whose lookups are
    ``dict``'s own: the scoring code and data are TextBlob's, so the scores are identical (a
    test compares them with ``TextBlob(s).sentiment``), about a third faster.
    """
    from textblob.en import sentiment

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


@cache
def _vader() -> Any:
    """One VADER analyzer per process (its lexicon ships with the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


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
    """Forget memoised sentence scores (the lexicons stay loaded)."""
    _MEMO.clear()


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
    tb = _pattern()(_PUNCTUATION_RUN.sub(r"\1", text))
    assessments = tuple((" ".join(words), p, s) for words, p, s, _ in tb.assessments)
    score = Score(tb[0], tb[1], _vader().polarity_scores(text)["compound"], assessments)
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
    return len({w.lower() for w in found} & _ENGLISH), len(found & _OTHER)


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
