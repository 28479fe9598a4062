# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Timeline density: which dates does an article talk about?
#
# **Purpose.** News is written relative to its publication date: *on Wednesday*, *last week*,
# *a week ago*, *the July stoning*. This notebook finds every temporal expression in one
# article, resolves it to a calendar span against the publication date (`Article.dates`),
# spreads each expression's weight over its span (`timeline_density`) and charts the result.
# Set `article_path` (and `published` for a text without a `.meta.json` sidecar) in the
# parameters cell, or run it with papermill.

# %% tags=["parameters"]
# Parameters (papermill injects new values below this cell)
from newsframe.paths import SEED

article_path = str(SEED)  # the article to analyse
published = None  # publication date "YYYY-MM-DD", or None to read the .meta.json sidecar
figures_dir = None  # folder for each chart's PNG and CSV, or None for reports/figures/<notebook>

# %% [markdown]
# Read the article once; every cell below works on its frames. Relative expressions can only be
# resolved against a publication date, so check it first. Each chart is saved as a PNG with the
# data it draws beside it as a CSV, in `figures_dir`.

# %%
# charts inline, whatever MPLBACKEND says (servers and CI often set Agg)
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import newsframe as nf
from newsframe.paths import FIGURES
from newsframe.plots import save_figure
from newsframe.plots.timeline import plot_date_strip, plot_timeline_density

if figures_dir is None:
    figures_dir = FIGURES / "03-timeline"
article = nf.read_article(article_path, published=published)
print(article)
print("published:", article.published, "| dateline:", article.meta["dateline"])

# %% [markdown]
# ## The dates table
#
# One row per expression, in reading order. `date_start`/`date_end` are the inclusive span it
# denotes; `granularity` says whether it is a day, a week, a month...; `anchor` says what it was
# resolved against (`explicit` when the text gives the date, `publication`, `previous mention`
# when an earlier date on the same line fixes it, `none` when it could not be resolved). The
# count of unresolved expressions (`NaT` dates) comes first: many of them mean the publication
# date was missing. The table shows the first ten rows; the strip chart at the end shows every
# resolved expression.

# %%
dates = article.dates
unresolved = int(dates["date_start"].isna().sum())
print(f"{len(dates)} expressions, {unresolved} unresolved")
dates.head(10)

# %% [markdown]
# How the expressions split by granularity and section (captions and highlights often repeat
# the body's dates):

# %%
pd.crosstab(dates["section"], dates["granularity"])

# %% [markdown]
# ## The density table
#
# Each resolved expression carries a weight of 1, spread evenly over its days: a day mention
# puts 1 on its day, *last week* 1/7 on each of seven days, a year 1/365 per day. Summed over
# all rows the weight equals the number of resolved expressions (both are printed below);
# `count` is the raw number of expressions covering each day. The table gives the fifteen
# heaviest days.

# %%
density = nf.timeline_density(article, counts=True)
resolved = len(dates) - unresolved
print("total weight:", round(density["weight"].sum(), 3), "| resolved:", resolved)
by_day = density.groupby(["date", "section"], observed=True)[["weight", "count"]].sum()
by_day.sort_values("weight", ascending=False).head(15)

# %% [markdown]
# ## Density chart
#
# What to look for: the bars are day mentions stacked by section; the dashed line is the
# publication date. Weeks, weekends, months and years are drawn as translucent bands in their
# own lanes above the bars, so *last week* reads as one week rather than seven spikes. Most news
# points at the few days before publication; a long tail to the left means background
# (history), bars to the right of the line mean announced future events.

# %%
ax = plot_timeline_density(article, title=f"Dates mentioned in {article.stem}")
save_figure(ax, dates, "timeline-density", figures_dir)
plt.show()

# %% [markdown]
# ## Strip of expressions
#
# What to look for: one row per expression in reading order, with its words. Dots are single
# days, bars are spans. Rows that jump far from the rest are the article's references to the
# past (or future); repeated words resolving to different dates (a bare *Friday* in a caption
# and in the body) show the resolution rules at work.

# %%
ax = plot_date_strip(dates)
save_figure(ax, dates, "date-strip", figures_dir)
plt.show()
