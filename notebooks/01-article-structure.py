# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Article structure: lines, sections and sentences
#
# **Purpose.** Before counting anything, we need to know which part of a scraped page each line
# belongs to. A photo caption, a highlight bullet, a related-link headline and a blog footer are
# not the story, and an analysis that mixes them with the body is measuring the page layout.
# This notebook shows how newsframe splits an article into physical lines, labels each line with
# its section, finds the dateline, and splits the lines into sentences.

# %% tags=["parameters"]
# Parameters (papermill injects new values below this cell)
from newsframe.paths import SEED

article_path = str(SEED)  # the article to analyse
published = None  # publication date "YYYY-MM-DD", or None to read the .meta.json sidecar
figures_dir = None  # folder for each chart's PNG and CSV, or None for reports/figures/<notebook>

# %% [markdown]
# Read the article once; every cell below works on its frames. The table is the article's
# metadata: the sidecar's title, source and publication date, and the dateline found in the
# text. Each chart is saved as a PNG with the data it draws beside it as a CSV, in
# `figures_dir`.

# %%
# charts inline, whatever MPLBACKEND says (servers and CI often set Agg)
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import newsframe as nf
from newsframe.paths import FIGURES
from newsframe.plots import save_figure
from newsframe.plots.structure import plot_article_map, plot_section_counts, section_summary

pd.set_option("display.max_colwidth", 90)
if figures_dir is None:
    figures_dir = FIGURES / "01-article-structure"
article = nf.read_article(article_path, published=published)
lines, sentences = article.lines, article.sentences
pd.Series(article.meta, name="value").to_frame()

# %% [markdown]
# ## Lines and their sections
#
# Every physical line gets one row, blank lines included, so the table can always be joined back
# into the exact input text (the first statement below checks it). The `section` column is the
# label given by positional and typographic rules: where the line sits relative to the
# dateline, how it starts and ends, how long it is and which script it is written in. The
# first ten rows show the columns; the minimap below shows every line.

# %%
assert "".join(lines.text + lines.eol) == article.text  # nothing is lost
print(f"{len(lines)} lines")
lines.head(10)

# %% [markdown]
# The minimap below draws each line as a bar as long as the line, coloured by its section. Look
# for the blocks: a run of captions before the dateline, a handful of highlight bullets, short
# related-link headlines interrupting the body, and the byline and footer at the end.

# %%
ax = plot_article_map(lines)
save_figure(ax, lines, "article-map", figures_dir)
plt.show()

# %% [markdown]
# How much text each section holds. Sections with very few words (a single byline, one footer)
# should not be read as trends in the later analyses.

# %%
summary = section_summary(lines)
display(summary)
ax = plot_section_counts(lines)
save_figure(ax, summary, "words-per-section", figures_dir)
plt.show()

# %% [markdown]
# ## Sentences
#
# Sentences are split offline by rules inside each line, never across lines. The dateline is not
# part of the first body sentence. Site chrome glued to a paragraph ("E-mail to a friend",
# "Watch … »") becomes a sentence of its own, labelled `boilerplate`. Below: the dateline, the
# number of sentences per section, and the first ten sentences.

# %%
print("dateline:", article.meta["dateline"])
display(sentences.groupby("section", observed=True).size().rename("sentences").to_frame())
sentences.head(10)
