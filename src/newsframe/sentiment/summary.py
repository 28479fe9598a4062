"""Tone per section and per article: sentiment frames in, summary tables out."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..frames import RESULT_SCHEMAS, ArticleLike, named_frames, typed_frame
from ..sections import SECTIONS
from .scoring import (
    BOOTSTRAP_SEED,
    MIN_SENTENCES,
    N_BOOT,
    NEUTRAL,
    score_sentences,
    score_text,
)


def score_article(article: ArticleLike, *, include_boilerplate: bool = False) -> pd.DataFrame:
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


def _sentiment_frame(item: Any, include_boilerplate: bool) -> pd.DataFrame:
    """An item's sentiment frame: a sentiment frame as is, a sentences frame scored, an
    article (or corpus article) through :func:`score_article`."""
    if isinstance(item, pd.DataFrame):
        if "polarity" not in item.columns:  # a sentences frame: score it
            return score_sentences(item, include_boilerplate=include_boilerplate)
        return item
    if hasattr(item, "sentences") and hasattr(item, "meta"):
        return score_article(item, include_boilerplate=include_boilerplate)
    raise TypeError(f"expected an Article or a sentiment frame, not {type(item).__name__}")


def _named_frames(
    source: Any, include_boilerplate: bool
) -> tuple[list[tuple[str, pd.DataFrame]], bool]:
    return named_frames(
        source, "sentiment", get=lambda item: _sentiment_frame(item, include_boilerplate)
    )


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
        return typed_frame({"article": "str", **SUMMARY_SCHEMA}, parts)
    frames = [f for _, f in named]
    pooled = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return typed_frame(SUMMARY_SCHEMA, _summarise(pooled, sections))


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
    return typed_frame(AGREEMENT_SCHEMA, out)


# --- the sentences behind the numbers -------------------------------------------------------
def _drivers(assessments: Iterable[tuple[str, float, float]]) -> str:
    ranked = sorted(assessments, key=lambda a: -abs(a[1]))
    return ", ".join(f"{phrase} {p:+.2f}" for phrase, p, _ in ranked if p != 0)


def top_sentences(
    article: ArticleLike, n: int = 3, *, include_boilerplate: bool = False
) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative sentences, with the words behind them.

    Only sentences with a positive (or negative) polarity are listed, so an article with two
    positive sentences yields two "positive" rows; reporting credits (the ``byline`` section)
    never are. Ties keep reading order.

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
    # reporting credits are no part of the story's tone ("Editing by Joy Best" is not praise)
    scored = sent[sent["scored"] & (sent["section"] != "byline")]
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
    return typed_frame(TOP_SCHEMA, out)


SUMMARY_SCHEMA = RESULT_SCHEMAS["sentiment_by_section"]
AGREEMENT_SCHEMA = RESULT_SCHEMAS["sentiment_agreement"]
TOP_SCHEMA = RESULT_SCHEMAS["top_sentences"]

__all__ = [
    "bootstrap_mean_ci",
    "score_article",
    "sentiment_agreement",
    "sentiment_by_section",
    "top_sentences",
]
