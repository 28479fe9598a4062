# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Coverage by country: which countries an article talks about
#
# **Purpose.** Which countries does this article cover, how often, and in which sections? This
# notebook finds every place mention (country names, demonyms such as *Malian*, cities and
# regions), resolves each to a country, and charts the result. Set `article_path` (and
# optionally `published`) in the parameters cell, or run it with papermill:
# `papermill notebooks/02-coverage-by-country.ipynb out.ipynb -p article_path my.txt`.

# %% tags=["parameters"]
# Parameters (papermill injects new values below this cell)
from newsframe.paths import SEED

article_path = str(SEED)  # the article to analyse
published = None  # publication date "YYYY-MM-DD", or None to read the .meta.json sidecar
figures_dir = None  # folder for each chart's PNG and CSV, or None for reports/figures/<notebook>

# %% [markdown]
# Read the article once; every cell below works on its frames. Each chart is saved as a PNG
# with the data it draws beside it as a CSV, in `figures_dir`.

# %%
# charts inline, whatever MPLBACKEND says (servers and CI often set Agg)
# %matplotlib inline
import matplotlib.pyplot as plt

import newsframe as nf
from newsframe.paths import FIGURES
from newsframe.plots import save_figure
from newsframe.plots.coverage import plot_coverage_bars, plot_world_map

if figures_dir is None:
    figures_dir = FIGURES / "02-coverage-by-country"
article = nf.read_article(article_path, published=published)
print(article)

# %% [markdown]
# ## Place mentions
#
# One row per mention: where it is (line, sentence, section, character offsets), the exact text,
# its kind (country, demonym or city) and the country it resolves to. The first statement
# checks that `surface` is always `article.text[start:end]`, so every row can be traced back to
# the text; the table shows the first ten mentions, and the count of mentions of each kind.

# %%
places = article.places
assert all(
    article.text[s:e] == t for s, e, t in zip(places.start, places.end, places.surface, strict=True)
)
print(f"{len(places)} place mentions:", places["kind"].value_counts().to_dict())
places.head(10)

# %% [markdown]
# ## Coverage table
#
# One row per country, most mentioned first, with a count per section and the country's share
# of all mentions. A country that appears only in captions or related links is covered less than
# its count suggests. Places in credit lines and page furniture keep their `byline` and
# `boilerplate` columns but are not counted in `mentions` or `share`. The table shows the
# fifteen most mentioned countries; the map below shows every country.

# %%
coverage = nf.coverage_by_country(article)
coverage.head(15)

# %% [markdown]
# ## Mentions per country, by section
#
# Look at the length of each bar (how much the article talks about the country) and its
# colours: body text (blue) is the story itself; captions, highlights and related links repeat
# or advertise it.

# %%
ax = plot_coverage_bars(coverage, top=15)
save_figure(ax, coverage.head(15), "coverage-bars", figures_dir)
plt.show()

# %% [markdown]
# ## World map
#
# The same counts on a map: darker means more mentions; grey countries are not mentioned. Look
# for where the story happens versus who is reacting from afar.

# %%
ax = plot_world_map(coverage)
save_figure(ax, coverage, "world-map", figures_dir)
plt.show()
