"""newsframe: a raw news article in, tidy pandas DataFrames and charts out.

>>> import newsframe as nf
>>> art = nf.read_article("data/raw/000_0e20855109353e98.txt")
>>> art.lines.section.value_counts()          # doctest: +SKIP

The analyses (places, dates, sentiment) and the plotting helpers import their heavy
dependencies lazily, so ``import newsframe`` stays fast.
"""

from __future__ import annotations

from .article import Article, read_article
from .errors import BadInputError, MissingDateError, NewsframeError
from .frames import SCHEMAS
from .sections import SECTIONS

__version__ = "0.1.0"

__all__ = [
    "SCHEMAS",
    "SECTIONS",
    "Article",
    "BadInputError",
    "MissingDateError",
    "NewsframeError",
    "__version__",
    "read_article",
]
