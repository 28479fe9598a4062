"""The cyclic garbage collector, paused while an extractor builds its frame.

An extractor creates hundreds of thousands of small tuples and lists for a long article (a
token per word, a match per name) and keeps them until its frame is built. None of them is
part of a reference cycle, so reference counting frees every one; but the cyclic collector,
started again and again by the allocations, walks all the live ones each time, and that walk
grows with the article: on 2 MB of prose it was a quarter of the time of places, and the
reason the cost per word grew with the length. :func:`collection_paused` stops it for the
duration of a call and restores it after (nested calls, threads and forked children
included): what the call leaves behind is collected as usual by the next collection. A
``gc.disable()`` made by another thread while a call is paused is undone when it ends.
"""

from __future__ import annotations

import functools
import gc
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

FORCED_EVERY = 10.0
"""Seconds: while calls in several threads keep overlapping, the collector would never resume;
a call that ends after this long since the pause began (or since the last forced collection)
runs a full collection itself."""

_lock = threading.Lock()
_local = threading.local()  # .depth: this thread's nesting of collection_paused
_inside = 0  # threads inside collection_paused
_resume = False  # whether the collector was running when the first of them entered
_since = 0.0  # when the pause began, or the last forced collection


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the ``with`` block (if it was running)."""
    global _inside, _resume, _since
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1  # first, so that an interrupt from here on is undone below
    try:
        if depth == 0:
            with _lock:
                _inside += 1
                if _inside == 1:
                    _resume, _since = gc.isenabled(), time.monotonic()
                    gc.disable()
        yield
    finally:
        _local.depth = depth
        if depth == 0:
            with _lock:
                _inside -= 1
                if _inside == 0:
                    if _resume:
                        gc.enable()
                elif _resume and time.monotonic() - _since > FORCED_EVERY:
                    _since = time.monotonic()
                    gc.collect()


def _after_fork_in_child() -> None:
    """A forked child has only the thread that forked: the calls other threads were inside
    are gone, and so is the lock anyone held."""
    global _lock, _inside
    _lock = threading.Lock()
    was_inside, _inside = _inside, 1 if getattr(_local, "depth", 0) else 0
    if was_inside and not _inside and _resume:
        gc.enable()


os.register_at_fork(after_in_child=_after_fork_in_child)


def paused_collection(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` inside :func:`collection_paused`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with collection_paused():
            return fn(*args, **kwargs)

    return wrapper


__all__ = ["collection_paused", "paused_collection"]
