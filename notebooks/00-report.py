# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # newsframe report
#
# This report describes one news article, or a set of articles: how the scraped page is built,
# which countries it covers, which days it talks about, and how its tone differs between its
# parts. It was generated automatically by newsframe from the raw text; the method and its
# limits are described at the end.

# %% tags=["parameters"]
# Parameters (papermill injects new values below this cell)
from newsframe.paths import SEED

article_paths = [str(SEED)]  # one path, or several for a corpus report
published = None  # "YYYY-MM-DD" for every article, or None to read each .meta.json sidecar
title = None  # None: the sidecar's title, else the headline found in the text, else the file name
engine = "serial"  # corpus reports: serial, processes or dask
scheduler = None  # Dask scheduler address, or None for a local cluster

# %%
import html
import warnings
from pathlib import Path

# charts inline, whatever MPLBACKEND says (servers and CI often set Agg)
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd
from IPython import get_ipython
from IPython.display import HTML, display

import newsframe as nf
from newsframe.compare import days_from_publication
from newsframe.plots.corpus import plot_coverage_heatmap, plot_days_from_publication
from newsframe.plots.coverage import plot_coverage_bars, plot_world_map
from newsframe.plots.sentiment import plot_polarity_track, plot_sentiment_by_section
from newsframe.plots.structure import plot_article_map, plot_section_counts, section_summary
from newsframe.plots.timeline import plot_date_strip, plot_timeline_density

pd.set_option("display.max_colwidth", 80)


def table_html(frame: pd.DataFrame) -> str:
    """Every table of the report: no pandas index column (labels become a column), in a box
    that scrolls sideways on a narrow screen. to_html escapes the article's text."""
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name:
        frame = frame.reset_index()
    table = frame.to_html(index=False, border=0, na_rep="—", classes="dataframe")
    return f"<div class='nf-table'>{table}</div>"


get_ipython().display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
plt.rcParams.update({"figure.dpi": 110, "font.size": 9})
if isinstance(article_paths, str):
    article_paths = [article_paths]
single = len(article_paths) == 1
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    if single:
        data = nf.read_article(Path(article_paths[0]), published=published)  # always a path
        _ = data.dates  # resolve now, so that warnings about dates are shown here
    else:
        data = nf.read_corpus(
            article_paths, published=published, engine=engine, scheduler=scheduler
        )
# The text is read once, here; every cell below reuses these frames. A corpus is split into
# its articles once, too (each split regroups all five tables).
articles = [data] if single else list(data)
if not articles:
    raise nf.NewsframeError(f"no article could be read: {data.summary()}")
first = articles[0]  # the article drawn on its own: date strip, polarity track, top sentences
source = data if single else articles  # what the aggregations below are given
# without a sidecar, the headline found in the text (the first line labelled "title")
found_title = None
if single and (data.lines.section == "title").any():
    found_title = data.lines.text[data.lines.section == "title"].iloc[0].strip()
article_title = (data.meta["title"] or found_title) if single else None
default_heading = (article_title or data.stem) if single else f"{len(data)} articles"
heading = title or default_heading
# Article text is untrusted: everything shown from it is escaped.
display(HTML(f"<h2 class='nf-title'>{html.escape(str(heading))}</h2>"))
for w in caught:
    display(HTML(f"<p class='nf-note'>Note: {html.escape(str(w.message))}</p>"))

# %% [markdown]
# <nav class="nf-toc"><strong>Contents</strong>
# <ol>
# <li><a href="#Article-overview">Article overview</a></li>
# <li><a href="#Coverage-by-country">Coverage by country</a></li>
# <li><a href="#Timeline">Timeline</a></li>
# <li><a href="#Sentiment-by-section">Sentiment by section</a></li>
# <li><a href="#Method-and-limits">Method and limits</a></li>
# </ol></nav>

# %% [markdown]
# ## Article overview
#
# What the text says about itself: the dateline found at the start of the body and the
# publication date that relative dates are resolved against (from the article's metadata
# sidecar, a manifest, or given when the report was built). In a corpus report, files that could
# not be read are listed with the reason, and everything else is analysed without them.

# %%
if single:
    values = [
        article_title,
        data.published,
        data.meta["dateline"],
        data.meta["source"],
        len(data.lines),
        len(data.sentences),
    ]
    overview = pd.DataFrame(
        {"value": ["—" if v is None else v for v in values]},  # missing: a dash, never "None"
        index=pd.Index(["title", "published", "dateline", "source", "lines", "sentences"], name=""),
    )
else:
    display(HTML(f"<p>{html.escape(data.summary())}</p>"))
    overview = data.articles.drop(columns=["path", "stem"]).astype(object)
    overview = overview.where(overview.notna(), "")  # show missing titles as blanks, not NaN
    if len(overview) > 10:
        display(HTML(f"<p class='nf-note'>The first 10 of {len(overview)} articles:</p>"))
        overview = overview.head(10)
overview

# %% [markdown]
# Each line of the page is labelled with its section. Look at how much of the page is not the
# story: photo captions, highlight bullets, related-link headlines and footers are counted
# separately in every analysis below.

# %%
display(section_summary(data.lines))
if single:
    fig, axes = plt.subplots(
        1, 2, figsize=(10, 4.2), layout="constrained", gridspec_kw={"width_ratios": [1.3, 1]}
    )
    plot_article_map(data.lines, ax=axes[0])
    plot_section_counts(data.lines, ax=axes[1])
    axes[1].set_title("Words per section", loc="left")
else:
    ax = plot_section_counts(data.lines)
    ax.set_title("Words per section, all articles", loc="left")
plt.show()

# %% [markdown]
# ## Coverage by country
#
# Every mention of a country, a nationality or a place inside one country is resolved to that
# country. The bars show which countries the text talks about, split by the section the mention
# sits in: a country named only in captions is covered differently from one named in the body.
# Places in credit lines ("Reporting by … in Nairobi") and page furniture are listed in their
# own columns but not counted: they say where a reporter was, not what the article covers.
# The table gives the fifteen most mentioned countries.

# %%
coverage = nf.coverage_by_country(source)
if not single:  # pool the per-article rows
    coverage = (
        coverage.drop(columns=["article", "share"])
        .groupby(["iso3", "country"], as_index=False)
        .sum()
        .sort_values(["mentions", "country"], ascending=[False, True])
    )
    coverage["share"] = coverage.mentions / coverage.mentions.sum()
display(coverage.head(15).reset_index(drop=True).round(3))
ax = plot_coverage_bars(coverage, top=12)
plt.show()

# %% [markdown]
# The map shades each country by its number of mentions; countries in grey are not mentioned.

# %%
ax = plot_world_map(coverage)
plt.show()

# %% [markdown]
# In a corpus report, the heat map shows how coverage moves over publication time: each cell is
# the number of mentions of a country in the articles published that month.

# %%
if not single:
    ax = plot_coverage_heatmap(nf.coverage_over_time(data, freq="M"))
    plt.show()
else:
    display(HTML("<p class='nf-note'>(One article: no publication timeline to compare.)</p>"))

# %% [markdown]
# ## Timeline
#
# Temporal expressions ("on Friday", "last week", "January 11") are resolved to calendar dates
# against the publication date. A day counts once on that day; a week, a month or a year is
# spread over its days and drawn as a band, so it does not show as a row of false spikes. The
# dashed line marks the publication date. In a corpus report the days are counted from each
# article's own publication date, so that the chart shows how far back and ahead the articles
# look.

# %%
if single:
    ax = plot_timeline_density(data.dates, published=data.published)
else:  # articles published years apart share one axis: days from their publication
    ax = plot_days_from_publication(days_from_publication(data, window=(-30, 14)))
plt.show()

# %% [markdown]
# Each expression placed on its date with its own words (in a corpus report, those of the first
# article), so that the reader can check how it was resolved; the table below gives the first
# twenty of these expressions with the rule that resolved them (`anchor`).

# %%
ax = plot_date_strip(first.dates)
plt.show()
cols = ["line", "section", "surface", "date_start", "date_end", "granularity", "anchor"]
first.dates[cols].head(20)

# %% [markdown]
# ## Sentiment by section
#
# Each sentence is scored with TextBlob's lexicon (polarity from −1 to +1, subjectivity
# from 0 to 1) and, as a second opinion, with VADER. The points are section means with bootstrap 95%
# intervals; the grey band is the neutral zone. Sections with few sentences have wide intervals:
# one bullet is not a trend.

# %%
by_section = nf.sentiment_by_section(source, by_article=False)
# the caveats first (how many sentences, the small-section flag, VADER's second opinion), so
# that they stay in view on a narrow screen
first_columns = ["section", "sentences", "few_sentences", "polarity_mean", "ci_low", "ci_high"]
first_columns += ["vader_mean"]
by_section = by_section[[*first_columns, *by_section.columns.difference(first_columns, sort=False)]]
display(by_section.round(3))
ax = plot_sentiment_by_section(data.sentiment if single else by_section)
plt.show()

# %% [markdown]
# The polarity of each sentence down the article (in a corpus report, the first article),
# coloured by section, shows where the tone shifts. The table below it says how often TextBlob
# and VADER agree on the sign of a sentence (in a corpus report, over the sentences of every
# article).

# %%
ax = plot_polarity_track(first.sentiment)
if not single:
    ax.set_title(f"Polarity track of the first article, {first.stem}", loc="left")
plt.show()
if single:
    agreement = nf.sentiment_agreement(data)
else:
    pooled = pd.concat([a.sentiment for a in articles], ignore_index=True)
    agreement = nf.sentiment_agreement({f"all {len(articles)} articles": pooled})
display(agreement.round(3))

# %% [markdown]
# The most positive and most negative sentences (in a corpus report, of the first article), with
# the words that drove each score. Lexicon scores on news are often driven by words that are not
# evaluative in context.

# %%
top = nf.top_sentences(first, n=3)
top.drop(columns=["assessments"]).round(2)

# %% [markdown]
# ## Method and limits
#
# * **Sections** come from positional and typographic rules (dateline, bullets, punctuation,
#   length, script, byline patterns). Unusual layouts can be mislabelled; check the article map.
# * **Places** are matched against ISO country names, demonyms and GeoNames settlements, with
#   context rules for ambiguous names. Places missing from the reference data (small towns) are
#   not found, and a person who shares a name with a city can still slip through.
# * **Dates** are resolved by rules against the publication date. Without a publication date,
#   relative expressions stay unresolved rather than guessed.
# * **Sentiment** comes from general-purpose lexicons (TextBlob, VADER) that were not built for
#   news: they miss negation and irony and score neutral words such as "base" as negative. Read
#   the section comparison with its intervals, not single scores, and check the top sentences.
# * Article text is untrusted: it is escaped everywhere in this report, and the page loads
#   nothing from the network.
