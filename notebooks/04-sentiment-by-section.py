# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Sentiment per section: tone sentence by sentence, with a second opinion
#
# **Purpose.** A news page is not one voice. Photo captions describe pictures, highlights
# summarise, the body reports and quotes, related-link headlines advertise other stories. This
# notebook scores the tone of **every sentence** of one article and compares the sections, with
# the uncertainty in plain view: how many sentences each section has, how wide the interval
# around its mean is, how many sentences are simply neutral, which words drove the strongest
# scores, and whether a second scorer agrees.
#
# Change the parameters in the next cell (or pass them with papermill) to analyse another
# article.

# %% tags=["parameters"]
# Parameters (papermill injects new values below this cell)
from newsframe.paths import SEED

article_path = str(SEED)  # the article to analyse
published = None  # publication date "YYYY-MM-DD", or None to read the .meta.json sidecar
figures_dir = None  # folder for each chart's PNG and CSV, or None for reports/figures/<notebook>

# %% [markdown]
# Read the article once (every cell below works on its frames), and load the scoring and
# plotting helpers (TextBlob and VADER load on first use, once per session). Each chart is saved
# as a PNG with the data it draws beside it as a CSV, in `figures_dir`.

# %%
# charts inline, whatever MPLBACKEND says (servers and CI often set Agg)
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import newsframe as nf
from newsframe.paths import FIGURES
from newsframe.plots import save_figure
from newsframe.plots.sentiment import plot_polarity_track, plot_sentiment_by_section
from newsframe.sentiment import MIN_SENTENCES, NEUTRAL, score_article, score_text

pd.set_option("display.max_colwidth", 110)
pd.set_option("display.precision", 3)
if figures_dir is None:
    figures_dir = FIGURES / "04-sentiment-by-section"
article = nf.read_article(article_path, published=published)
pd.Series(article.meta, name="value").to_frame()

# %% [markdown]
# ## What the scores mean, and what they cannot see
#
# **Polarity** (TextBlob, −1 to +1) says how negative or positive the wording is.
# **Subjectivity** (0 to 1) says how much of it is opinion rather than fact. TextBlob's
# `PatternAnalyzer` looks each word up in a lexicon of about 2,900 words (mostly adjectives)
# scored by hand for product reviews, adjusts for intensifiers ("very good") and some
# negations ("not good"), and averages over the words it found. Words it does not know count
# for nothing, so a sentence with no opinion word scores exactly 0: *not measured*, rather
# than *balanced*.
#
# **VADER** (the `compound` score, −1 to +1) is a second, independent lexicon method built for
# social media. Where both agree, the reading is sturdier; where they disagree, read the
# sentence.
#
# Known limits on news, which this notebook keeps in view rather than hiding:
#
# * **The lexicon is not about news.** "Air base" scores negative because "base" is −0.8 (as in
#   "base motives"); "latest" and "more" read as positive. "Floggings" is not in the lexicon at
#   all, and "destroy" is only −0.2. Grim facts told in neutral words score 0.
# * **Negation is partial.** "not a bad idea" reads mildly positive, but "isn't a bad idea"
#   reads negative.
# * **No irony, no sarcasm, no context.** A quote and the reporter's own words are scored the
#   same way; the scorers do not know who is speaking.
# * **Only English.** Sentences in another script (the seed's Chinese footer "留言列表") or in
#   another language are flagged and left unscored. Boilerplate is left out unless asked for.
#
# So treat these numbers as a description of the **wording**, section by section, and check
# them against the sentences themselves (the tables below show them).

# %% [markdown]
# ## Every sentence, scored
#
# One row per sentence: its section, TextBlob polarity and subjectivity, VADER's compound, its
# length in words, its script and whether it was scored. Scoring is always per sentence: a
# section is never scored as one text, which would hide the spread. The table shows the first
# ten sentences; the charts below show every one.

# %%
sentiment = article.sentiment
texts = article.sentences.set_index("sentence")["text"]
per_sentence = sentiment.assign(text=sentiment["sentence"].map(texts))
print(f"{len(per_sentence)} sentences, {int(per_sentence['scored'].sum())} scored")
per_sentence.head(10)

# %% [markdown]
# ## Tone per section
#
# One row per section. `polarity_mean` gives every sentence one vote; `polarity_weighted`
# weights them by length. `ci_low`–`ci_high` is a 95% bootstrap interval for the mean
# (2,000 resamples, fixed seed, so it is the same on every run). `neutral_share` is the share
# of sentences with |polarity| < 0.05 (the neutral band); `no_opinion_share` the share where no
# lexicon word moved either score. `few_sentences` marks sections with fewer than 10 sentences:
# for those, read the interval, not the point. One bullet is not a trend.

# %%
summary = nf.sentiment_by_section(article)
summary

# %%
# A plain-language reading of the table, with its caveats
for row in summary.itertuples(index=False):
    if row.sentences == 0:
        print(f"{row.section}: no scorable sentence.")
        continue
    if row.few_sentences:
        caveat = f"only {row.sentences} sentence(s), fewer than {MIN_SENTENCES}: not a trend"
    elif row.ci_low <= 0 <= row.ci_high:
        caveat = "the interval includes 0: no clear lean"
    else:
        caveat = "the interval excludes 0"
    lean = (
        "neutral"
        if abs(row.polarity_mean) < NEUTRAL
        else ("positive" if row.polarity_mean > 0 else "negative")
    )
    print(
        f"{row.section}: mean polarity {row.polarity_mean:+.3f} ({lean}), "
        f"{row.neutral_share:.0%} of sentences neutral, VADER {row.vader_mean:+.3f}; {caveat}."
    )

# %% [markdown]
# ### Chart: polarity per section
#
# Each section is a row. The faint dots are its sentences, the large marker is the mean and the
# bar its 95% bootstrap interval. An **open marker** and a `*` flag sections with fewer than 10
# sentences. The grey band around 0 is the neutral band (|polarity| < 0.05): a mean inside it
# says the section's wording is, on average, neither positive nor negative. Many dots sit
# exactly on 0: those sentences contain no word the lexicon knows.

# %%
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
plot_sentiment_by_section(sentiment, ax=ax)
save_figure(ax, sentiment, "sentiment-by-section", figures_dir)
plt.show()

# %% [markdown]
# ### Chart: the polarity track, down the article
#
# The article reads from top to bottom, one bar per sentence, coloured by section (the rug on
# the left edge shows each sentence's section, including those that score 0 and so have no
# bar). The black line is a rolling mean over five sentences: where it crosses the neutral
# band, the tone shifts. Grey diamonds are VADER's scores for the same sentences, to show where
# the second opinion differs.

# %%
ax = plot_polarity_track(sentiment, vader=True)
save_figure(ax, sentiment, "polarity-track", figures_dir)
plt.show()

# %% [markdown]
# ## Do TextBlob and VADER agree?
#
# Each score is turned into a sign (negative, neutral within ±0.05, positive).
# `sign_agreement` is the share of sentences where both give the same sign;
# `polar_agreement` the same among sentences where neither is neutral; `kappa` corrects the
# sign agreement for chance (0 = no better than chance); `pearson` correlates the raw scores.
# Low agreement is itself a finding: on this kind of text, a single lexicon's verdict is
# fragile.

# %%
nf.sentiment_agreement(article)

# %% [markdown]
# ## The sentences behind the extremes
#
# The most positive and most negative sentences, with the words that drove each score
# (TextBlob's `sentiment_assessments`, strongest first). This is where the lexicon's blind
# spots show: look for "base" in a caption about an *air base*, or "latest" counted as praise.

# %%
nf.top_sentences(article, n=3).drop(columns="assessments")

# %% [markdown]
# ### Which words move each section?
#
# The same assessments, added up per section: for each word or phrase the lexicon scored, how
# many times it was hit and its summed polarity. When one word dominates a section's total (a
# caption full of "air base", say), the section's mean describes that word, not the section's
# tone.

# %%
hits = [
    (row.section, phrase, p)
    for row in per_sentence[per_sentence["scored"]].itertuples(index=False)
    for phrase, p, _ in score_text(row.text).assessments
    if p != 0
]
drivers = pd.DataFrame(hits, columns=["section", "phrase", "polarity"])
(
    drivers.groupby(["section", "phrase"], observed=True)["polarity"]
    .agg(hits="count", total="sum")
    .assign(weight=lambda d: d["total"].abs())
    .sort_values(["section", "weight"], ascending=[True, False])
    .groupby(level="section", observed=True)
    .head(4)
    .drop(columns="weight")
)

# %% [markdown]
# ## What was left out or flagged
#
# By default boilerplate (site chrome, footers, text in another script) and markup lines are
# not scored. Asking for them with `include_boilerplate=True` brings them back; text in another
# script or language is still flagged (`scored` is false) rather than scored. The table shows
# the first ten such sentences.

# %%
everything = score_article(article, include_boilerplate=True)
flagged = everything[~everything["scored"] | everything["section"].isin(["boilerplate", "markup"])]
print(f"{len(flagged)} sentences left out by default or flagged")
flagged.assign(text=flagged["sentence"].map(texts)).head(10)
