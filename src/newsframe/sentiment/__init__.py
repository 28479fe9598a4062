"""Tone per sentence and per section: TextBlob (PatternAnalyzer) with VADER as a second opinion.

:mod:`.scoring` scores sentences (extraction); :mod:`.summary` turns sentiment frames into
summaries (aggregation).

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

from .scoring import (
    BOOTSTRAP_SEED,
    EXCLUDED_SECTIONS,
    MIN_SENTENCES,
    N_BOOT,
    NEUTRAL,
    Score,
    clear_cache,
    looks_english,
    score_sentences,
    score_text,
)
from .summary import (
    bootstrap_mean_ci,
    score_article,
    sentiment_agreement,
    sentiment_by_section,
    top_sentences,
)

__all__ = [
    "BOOTSTRAP_SEED",
    "EXCLUDED_SECTIONS",
    "MIN_SENTENCES",
    "NEUTRAL",
    "N_BOOT",
    "Score",
    "bootstrap_mean_ci",
    "clear_cache",
    "looks_english",
    "score_article",
    "score_sentences",
    "score_text",
    "sentiment_agreement",
    "sentiment_by_section",
    "top_sentences",
]
