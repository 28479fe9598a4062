"""Names the package and the command line share, in a module that imports nothing heavy: the
CLI builds its ``--help`` from them without loading pandas."""

from __future__ import annotations

from typing import Literal, get_args

TABLES: tuple[str, ...] = ("lines", "sentences", "places", "dates", "sentiment")
"""The per-article frames, in the order :class:`~newsframe.Corpus` keeps them (the keys of
:data:`newsframe.frames.SCHEMAS`)."""

Engine = Literal["serial", "processes", "dask"]
ENGINES: tuple[str, ...] = get_args(Engine)
"""The engines a corpus runs on (see :func:`newsframe.corpus.engine_runner`)."""

__all__ = ["ENGINES", "TABLES", "Engine"]
