"""Tone per sentence and per section: TextBlob (PatternAnalyzer) with VADER as a second opinion.

Method
------
Every sentence of :attr:`Article.sentences` is scored on its own; a section is never scored as
one text, which would hide the spread. Two lexicon-based scorers run offline:

* **TextBlob** (the ``PatternAnalyzer``, the default of ``TextBlob(text).sentiment``):
  ``polarity`` in [-1, 1] (negative to positive) and ``subjectivity`` in [0, 1] (factual to
  opinionated). Each is the average over the sentence's words found in the pattern lexicon
  (about 2,900 mostly adjectives), with "very"-style modifiers and "not"-style negations.
  newsframe calls the very same ``textblob.en.sentiment`` object that ``TextBlob`` calls, so
  the scores equal ``TextBlob(sentence).sentiment`` exactly, without building a blob per
  sentence; the lexicon is loaded once per process and scores are memoised per sentence text.
* **VADER** (``vaderSentiment``): the ``compound`` score in [-1, 1], tuned on social media.

Both are lexicon methods and are known to be weak on news: TextBlob scores "air base" as
negative ("base" = -0.8, as in "base motives"), does not know "floggings" and gives "destroy"
only -0.2, reads "not a bad idea" as mildly positive but "isn't a bad idea" as negative, and
neither scorer detects sarcasm. Most news sentences contain
no opinion word at all and score exactly 0. Read the per-sentence table and
:func:`top_sentences` before trusting a mean.

Sentences that are not English are flagged (``scored`` false, scores NaN), not scored: text in
another script than Latin (``script`` says which), and Latin-script text whose function words
are French, Spanish, German, Italian, Portuguese or Dutch rather than English (a heuristic).
Boilerplate and markup are left out unless asked for.

The neutral band is ``|polarity| < 0.05`` (:data:`NEUTRAL`), the threshold VADER's authors
recommend for ``compound``; it is used for both scorers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from .frames import SECTION_DTYPE, typed_frame
from .sections import SECTIONS
from .text import count_words, script_of

if TYPE_CHECKING:
    from .article import Article

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

# --- summary schema (kept here: SCHEMAS in frames.py holds the per-sentence frame) -----------
SUMMARY_SCHEMA: dict[str, Any] = {
    "section": SECTION_DTYPE,
    "sentences": "int64",
    "unscored": "int64",
    "words": "int64",
    "polarity_mean": "float64",
    "polarity_weighted": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "subjectivity_mean": "float64",
    "subjectivity_weighted": "float64",
    "neutral_share": "float64",
    "no_opinion_share": "float64",
    "vader_mean": "float64",
    "few_sentences": "bool",
}
AGREEMENT_SCHEMA: dict[str, Any] = {
    "article": "str",
    "sentences": "int64",
    "sign_agreement": "float64",
    "polar_agreement": "float64",
    "kappa": "float64",
    "pearson": "float64",
}
TOP_SCHEMA: dict[str, Any] = {
    "kind": pd.CategoricalDtype(["positive", "negative"]),
    "rank": "int64",
    "sentence": "int64",
    "line": "int64",
    "section": SECTION_DTYPE,
    "polarity": "float64",
    "subjectivity": "float64",
    "vader": "float64",
    "drivers": "str",
    "text": "str",
    "assessments": "object",
}


def _frame(schema: Mapping[str, Any], data: Mapping[str, Any]) -> pd.DataFrame:
    cols = {}
    for col, dtype in schema.items():
        values = data.get(col, [])
        cols[col] = pd.Series(
            values if isinstance(values, pd.Series) else list(values), dtype=dtype
        )
    frame = pd.DataFrame(cols)
    frame.index = pd.RangeIndex(len(frame))
    return frame


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


def score_text(text: str) -> Score:
    """Score one text with TextBlob's PatternAnalyzer and VADER; memoised per text.

    ``(polarity, subjectivity)`` equals ``TextBlob(text).sentiment`` exactly, and
    ``assessments`` holds ``TextBlob(text).sentiment_assessments.assessments`` with each
    word list joined into a phrase.
    """
    hit = _MEMO.get(text)
    if hit is not None:
        return hit
    tb = _pattern()(text)
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


def score_article(article: Article, *, include_boilerplate: bool = False) -> pd.DataFrame:
    """:func:`score_sentences` on an article, using its metadata language when known.

    With the defaults and an English (or unknown-language) article this is
    :attr:`Article.sentiment`, which is cached. Returns the same columns and dtypes as
    :func:`score_sentences` (``SCHEMAS["sentiment"]``).
    """
    language = article.meta.get("language")
    if not include_boilerplate and (language is None or str(language).lower().startswith("en")):
        return article.sentiment
    return score_sentences(
        article.sentences, include_boilerplate=include_boilerplate, language=language
    )


# --- inputs: one or several articles or sentiment frames -----------------------------------
ArticleLike = Any  # Article | pd.DataFrame (a sentiment frame)


def _named_frames(
    source: ArticleLike | Iterable[ArticleLike] | Mapping[str, ArticleLike],
    include_boilerplate: bool,
) -> tuple[list[tuple[str, pd.DataFrame]], bool]:
    """Return ``[(name, sentiment frame), ...]`` and whether several inputs were given."""

    def frame_of(item: Any) -> pd.DataFrame:
        if isinstance(item, pd.DataFrame):
            if "polarity" not in item.columns:  # a sentences frame: score it
                return score_sentences(item, include_boilerplate=include_boilerplate)
            return item
        if hasattr(item, "sentences") and hasattr(item, "meta"):
            return score_article(item, include_boilerplate=include_boilerplate)
        raise TypeError(f"expected an Article or a sentiment frame, not {type(item).__name__}")

    from .corpus import Corpus

    if isinstance(source, Corpus):  # already scored: one frame per article
        source = {view.stem: _scored_view(view, include_boilerplate) for view in source}
    if isinstance(source, pd.DataFrame) or hasattr(source, "sentences"):
        name = getattr(source, "stem", "text") if not isinstance(source, pd.DataFrame) else "0"
        return [(name, frame_of(source))], False
    if isinstance(source, Mapping):
        return [(str(k), frame_of(v)) for k, v in source.items()], True
    named: list[tuple[str, pd.DataFrame]] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(source):
        name = str(i) if isinstance(item, pd.DataFrame) else getattr(item, "stem", str(i))
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}#{seen[name]}"
        named.append((name, frame_of(item)))
    return named, True


def _scored_view(view: Any, include_boilerplate: bool) -> pd.DataFrame:
    """A corpus article's sentiment frame (scored without boilerplate) or a fresh scoring."""
    if include_boilerplate:
        return score_sentences(view.sentences, include_boilerplate=True)
    return view.sentiment


# --- per-section summary ------------------------------------------------------------------
def bootstrap_mean_ci(
    values: Sequence[float] | np.ndarray,
    *,
    level: float = 0.95,
    n_boot: int = N_BOOT,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaNs dropped).

    Deterministic: a fresh generator seeded with ``seed`` on every call. Returns
    ``(nan, nan)`` with fewer than two values: one sentence has no spread to resample.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n_boot, len(x)))].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return float(low), float(high)


def _summarise(frame: pd.DataFrame, sections: Sequence[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {col: [] for col in SUMMARY_SCHEMA}
    sec = frame["section"].astype(str).to_numpy()
    scored = frame["scored"].to_numpy(dtype=bool)
    pol = frame["polarity"].to_numpy(dtype=float)
    subj = frame["subjectivity"].to_numpy(dtype=float)
    vad = frame["vader"].to_numpy(dtype=float)
    words = frame["words"].to_numpy(dtype=float)
    for name in sections:
        in_sec = sec == name
        m = in_sec & scored
        n = int(m.sum())
        p, s, v, w = pol[m], subj[m], vad[m], words[m]
        wsum = float(w.sum())
        low, high = bootstrap_mean_ci(p)
        nan = math.nan
        out["section"].append(name)
        out["sentences"].append(n)
        out["unscored"].append(int(in_sec.sum()) - n)
        out["words"].append(int(wsum))
        out["polarity_mean"].append(float(p.mean()) if n else nan)
        out["polarity_weighted"].append(float((p * w).sum() / wsum) if wsum else nan)
        out["ci_low"].append(low)
        out["ci_high"].append(high)
        out["subjectivity_mean"].append(float(s.mean()) if n else nan)
        out["subjectivity_weighted"].append(float((s * w).sum() / wsum) if wsum else nan)
        out["neutral_share"].append(float((np.abs(p) < NEUTRAL).mean()) if n else nan)
        out["no_opinion_share"].append(float(((s == 0) & (p == 0)).mean()) if n else nan)
        out["vader_mean"].append(float(v.mean()) if n else nan)
        out["few_sentences"].append(n < MIN_SENTENCES)
    return out


def sentiment_by_section(
    article_or_articles: ArticleLike | Iterable[ArticleLike] | Mapping[str, ArticleLike],
    *,
    sections: Sequence[str] | None = None,
    include_boilerplate: bool = False,
    by_article: bool = True,
) -> pd.DataFrame:
    """Tone per section: counts, means, a bootstrap interval and the neutral share.

    Args:
        article_or_articles: an :class:`Article` or a sentiment frame, or several of them (a
            list, or a mapping of name to article/frame).
        sections: the sections to report, in this order. By default the sections that hold
            at least one sentence of the input. A section named here with no scorable
            sentence gets counts of 0 and NaN statistics, not an error.
        include_boilerplate: score ``boilerplate`` and ``markup`` sentences too.
        by_article: with several inputs, one row per article and section (True) or one row per
            section pooling every article's sentences (False).

    Returns:
        One row per section (per article and section with several inputs and ``by_article``):

        ===================== ======== ==========================================================
        article               str      the article's stem, or the mapping key (only with
                                       several inputs and ``by_article``)
        section               category the section
        sentences             int64    scored sentences; every statistic below is over these
        unscored              int64    sentences flagged as not English / another script
        words                 int64    words in the scored sentences
        polarity_mean         float64  mean polarity, one vote per sentence
        polarity_weighted     float64  mean polarity weighted by each sentence's words
        ci_low, ci_high       float64  95% percentile-bootstrap interval of ``polarity_mean``
                                       (2,000 resamples, fixed seed); NaN below 2 sentences.
                                       When every sentence scores the same it has no width,
                                       which understates the uncertainty of a small section.
        subjectivity_mean     float64  mean subjectivity
        subjectivity_weighted float64  word-weighted mean subjectivity
        neutral_share         float64  share of sentences with ``|polarity| < 0.05``
        no_opinion_share      float64  share with polarity and subjectivity both 0: no
                                       lexicon word moved either score, so the 0 means "not
                                       measured" rather than "balanced"
        vader_mean            float64  mean VADER compound
        few_sentences         bool     fewer than 10 scored sentences: read the interval, not
                                       the point
        ===================== ======== ==========================================================
    """
    named, several = _named_frames(article_or_articles, include_boilerplate)
    if sections is None:
        present = set()
        for _, f in named:
            present.update(f["section"].astype(str).unique())
        sections = [s for s in SECTIONS if s in present]
    else:
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            raise ValueError(f"unknown sections {unknown}; choose from {list(SECTIONS)}")
        sections = list(sections)
    if several and by_article:
        parts: dict[str, list[Any]] = {"article": [], **{col: [] for col in SUMMARY_SCHEMA}}
        for name, f in named:
            rows = _summarise(f, sections)
            parts["article"].extend([name] * len(sections))
            for col, vals in rows.items():
                parts[col].extend(vals)
        return _frame({"article": "str", **SUMMARY_SCHEMA}, parts)
    frames = [f for _, f in named]
    pooled = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return _frame(SUMMARY_SCHEMA, _summarise(pooled, sections))


# --- agreement between the two scorers ------------------------------------------------------
def _sign(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < NEUTRAL, 0, np.sign(x)).astype(int)


def sentiment_agreement(
    article_or_articles: ArticleLike | Iterable[ArticleLike] | Mapping[str, ArticleLike],
    *,
    include_boilerplate: bool = False,
) -> pd.DataFrame:
    """How far TextBlob and VADER agree, per article, over the scored sentences.

    Each score is turned into a sign: negative, neutral (``|x| < 0.05``) or positive.

    Returns:
        One row per article:

        =============== ======== =================================================================
        article         str      the article's stem, or the mapping key
        sentences       int64    scored sentences compared
        sign_agreement  float64  share of sentences where both give the same sign (0 to 1)
        polar_agreement float64  the same, among sentences where both are non-neutral; NaN if
                                 there is none
        kappa           float64  Cohen's kappa of the signs (-1 to 1; 0 = chance agreement);
                                 NaN when it is undefined (e.g. every label the same)
        pearson         float64  Pearson correlation of polarity and compound (-1 to 1); NaN
                                 with fewer than 3 sentences or a constant score
        =============== ======== =================================================================
    """
    named, _ = _named_frames(article_or_articles, include_boilerplate)
    out: dict[str, list[Any]] = {col: [] for col in AGREEMENT_SCHEMA}
    for name, f in named:
        m = f["scored"].to_numpy(dtype=bool)
        tb = f["polarity"].to_numpy(dtype=float)[m]
        vd = f["vader"].to_numpy(dtype=float)[m]
        n = len(tb)
        st, sv = _sign(tb), _sign(vd)
        agree = float((st == sv).mean()) if n else math.nan
        both = (st != 0) & (sv != 0)
        polar = float((st[both] == sv[both]).mean()) if both.any() else math.nan
        kappa = math.nan
        if n:
            expected = sum(float((st == k).mean() * (sv == k).mean()) for k in (-1, 0, 1))
            if expected < 1:
                kappa = (agree - expected) / (1 - expected)
        pearson = math.nan
        if n >= 3 and np.std(tb) > 0 and np.std(vd) > 0:
            pearson = float(np.corrcoef(tb, vd)[0, 1])
        out["article"].append(name)
        out["sentences"].append(n)
        out["sign_agreement"].append(agree)
        out["polar_agreement"].append(polar)
        out["kappa"].append(kappa)
        out["pearson"].append(pearson)
    return _frame(AGREEMENT_SCHEMA, out)


# --- the sentences behind the numbers -------------------------------------------------------
def _drivers(assessments: Iterable[tuple[str, float, float]]) -> str:
    ranked = sorted(assessments, key=lambda a: -abs(a[1]))
    return ", ".join(f"{phrase} {p:+.2f}" for phrase, p, _ in ranked if p != 0)


def top_sentences(
    article: Article, n: int = 3, *, include_boilerplate: bool = False
) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences, with the words behind them.

    Only sentences with a positive (or negative) polarity are listed, so an article with two
    positive sentences yields two "positive" rows. Ties keep reading order.

    Returns:
        Positive rows first (most positive first), then negative ones (most negative first):

        ============ ======== ====================================================================
        kind         category "positive" or "negative"
        rank         int64    1 for the most positive (negative) sentence
        sentence     int64    sentence id
        line         int64    line number
        section      category section
        polarity     float64  TextBlob polarity
        subjectivity float64  TextBlob subjectivity
        vader        float64  VADER compound, the second opinion
        drivers      str      the lexicon hits that carry polarity, strongest first, such as
                              "base -0.80"; a negated phrase shows its word ("not bad +0.35")
        text         str      the sentence
        assessments  object   every lexicon hit as ``(phrase, polarity, subjectivity)`` tuples,
                              from TextBlob's ``sentiment_assessments``
        ============ ======== ====================================================================
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    sent = score_article(article, include_boilerplate=include_boilerplate)
    texts = article.sentences.set_index("sentence")["text"]
    scored = sent[sent["scored"]]
    pos = scored[scored["polarity"] > 0].sort_values("polarity", ascending=False, kind="stable")
    neg = scored[scored["polarity"] < 0].sort_values("polarity", ascending=True, kind="stable")
    out: dict[str, list[Any]] = {col: [] for col in TOP_SCHEMA}
    for kind, part in (("positive", pos.head(n)), ("negative", neg.head(n))):
        for rank, row in enumerate(part.itertuples(index=False), start=1):
            text = str(texts.loc[row.sentence])
            score = score_text(text)
            out["kind"].append(kind)
            out["rank"].append(rank)
            out["sentence"].append(row.sentence)
            out["line"].append(row.line)
            out["section"].append(row.section)
            out["polarity"].append(row.polarity)
            out["subjectivity"].append(row.subjectivity)
            out["vader"].append(row.vader)
            out["drivers"].append(_drivers(score.assessments))
            out["text"].append(text)
            out["assessments"].append(list(score.assessments))
    return _frame(TOP_SCHEMA, out)


__all__ = [
    "BOOTSTRAP_SEED",
    "EXCLUDED_SECTIONS",
    "MIN_SENTENCES",
    "NEUTRAL",
    "Score",
    "bootstrap_mean_ci",
    "clear_cache",
    "count_words",
    "looks_english",
    "score_article",
    "score_sentences",
    "score_text",
    "script_of",
    "sentiment_agreement",
    "sentiment_by_section",
    "top_sentences",
]
