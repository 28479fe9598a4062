"""newsframe: a raw news article in, tidy pandas DataFrames and charts out.

>>> import newsframe as nf
>>> art = nf.read_article("data/raw/000_0e20855109353e98.txt")
>>> art.lines.section.value_counts()          # doctest: +SKIP

Everything is imported on first use (PEP 562), so ``import newsframe`` and the CLI start fast;
pandas, matplotlib, TextBlob and the gazetteer load only when a function needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Article": "article",
    "read_article": "article",
    "Corpus": "corpus",
    "read_corpus": "corpus",
    "coverage_by_country": "coverage",
    "timeline_density": "dates",
    "sentiment_by_section": "sentiment",
    "sentiment_agreement": "sentiment",
    "top_sentences": "sentiment",
    "coverage_over_time": "compare",
    "SECTIONS": "sections",
    "SCHEMAS": "frames",
    "NewsframeError": "errors",
    "BadInputError": "errors",
    "MissingDateError": "errors",
}

__all__ = [
    "SCHEMAS",
    "SECTIONS",
    "Article",
    "BadInputError",
    "Corpus",
    "MissingDateError",
    "NewsframeError",
    "__version__",
    "coverage_by_country",
    "coverage_over_time",
    "read_article",
    "read_corpus",
    "sentiment_agreement",
    "sentiment_by_section",
    "timeline_density",
    "top_sentences",
]

if TYPE_CHECKING:
    from .article import Article, read_article
    from .compare import coverage_over_time
    from .corpus import Corpus, read_corpus
    from .coverage import coverage_by_country
    from .dates import timeline_density
    from .errors import BadInputError, MissingDateError, NewsframeError
    from .frames import SCHEMAS
    from .sections import SECTIONS
    from .sentiment import sentiment_agreement, sentiment_by_section, top_sentences


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsframe' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
