"""Collect every regular expression newsframe compiles, with the place that compiled it.

Run as a script in a fresh interpreter (``python -m tests.patterns_probe``): it wraps
``re._compile`` before newsframe is imported, imports every module, runs every frame on a few
texts so that patterns compiled inside functions are seen too, and prints JSON records
``{"pattern", "flags", "where"}``. ``tests/test_patterns.py`` times each pattern on adversarial
strings built from its own alphabet.
"""

from __future__ import annotations

import json
import pkgutil
import re
import sys
import warnings
from importlib import import_module
from pathlib import Path

SEEN: dict[tuple[str, int], str] = {}
_original = re._compile  # type: ignore[attr-defined]


def _recording(pattern, flags):  # type: ignore[no-untyped-def]
    if isinstance(pattern, str):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == re.__file__:
            frame = frame.f_back
        if frame is not None and "newsframe" in Path(frame.f_code.co_filename).parts:
            key = (pattern, int(flags))
            SEEN.setdefault(key, f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")
    return _original(pattern, flags)


def collect() -> list[dict[str, object]]:
    re._compile = _recording  # type: ignore[attr-defined]
    re.purge()
    try:
        import newsframe

        for info in pkgutil.walk_packages(newsframe.__path__, "newsframe."):
            if info.name.endswith("__main__"):
                continue
            import_module(info.name)
        from newsframe.paths import CNN_STORIES, SEED

        texts = [SEED.read_text(encoding="utf-8")]
        texts += [p.read_text(encoding="utf-8") for p in sorted(CNN_STORIES.glob("*.story"))[:3]]
        texts.append("WASHINGTON (AP) — By Jane Doe\nCNN's John Smith reported from Paris.\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for text in texts:
                art = newsframe.read_article(text, published="2013-01-18")
                for table in ("lines", "sentences", "places", "dates", "sentiment"):
                    getattr(art, table)
    finally:
        re._compile = _original  # type: ignore[attr-defined]
    return [{"pattern": p, "flags": f, "where": w} for (p, f), w in sorted(SEEN.items())]


if __name__ == "__main__":
    json.dump(collect(), sys.stdout)
