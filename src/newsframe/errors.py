"""The exceptions newsframe raises. Every message names the file (or ``<text>``) and the problem."""

from __future__ import annotations


class NewsframeError(Exception):
    """Base class of every newsframe error."""


class BadInputError(NewsframeError, ValueError):
    """The article cannot be read as news text (empty, binary, undecodable, HTML, too large...)."""


class MissingDateError(NewsframeError, ValueError):
    """A publication date is needed but is missing or cannot be parsed."""


__all__ = ["BadInputError", "MissingDateError", "NewsframeError"]
