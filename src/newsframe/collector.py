"""The cyclic garbage collector, paused while an extractor builds its frame.

An extractor creates hundreds of thousands of small tuples and lists for a long article (a
token per word, a match per name) and keeps them until its frame is built. None of them is
part of a reference cycle, so reference counting frees every one; but the cyclic collector,
started again and again by the allocations, walks all the live ones each time, and that walk
grows with the article: on 2 MB of prose it was a quarter of the time of places, and the
reason the cost per word grew with the length. :func:`collection_paused` stops it for the
duration of a call and restores it after (nested and concurrent calls included): what the
call leaves behind is collected as usual by the next collection.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_depth = 0  # calls inside collection_paused, in every thread
_resume = False  # whether the outermost call found the collector running


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the ``with`` block (if it was running)."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()


def paused_collection(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` inside :func:`collection_paused`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with collection_paused():
            return fn(*args, **kwargs)

    return wrapper


__all__ = ["collection_paused", "paused_collection"]
