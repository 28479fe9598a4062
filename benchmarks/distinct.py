"""Distinct, realistic articles for benchmarks, built from the development stories.

Replicating the 21 development articles makes a corpus of repeats, which memoised work (the
sentiment memo, per sentence text) answers almost for free: throughput measured on it is
not what a real corpus gets. Here article ``i`` is built deterministically (a seeded RNG per
article, whatever the hash seed) from the paragraphs of the seed and the 20 CNN stories:

* a lead paragraph (the first paragraph of a source: a dateline or an opening sentence),
* 8 to 20 body paragraphs drawn from all sources, in a random order,
* in every sentence, one word of five letters or more swapped for another word of the
  same shape (lowercase, or capitalised) from the stories' own vocabulary, so that no
  sentence text repeats across articles (checked by :func:`repeated_sentence_share`),
* a publication date between 2005 and 2015, written to ``MANIFEST.csv``.

Usage: ``write_folder(folder, n)``; ``article(i)`` gives one text.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
import re
from collections.abc import Iterable
from pathlib import Path

from newsframe.paths import CNN_STORIES, SEED

_WORD = re.compile(r"\b[A-Za-z]{5,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@functools.cache
def _sources() -> list[str]:
    paths = [SEED, *sorted(CNN_STORIES.glob("*.story"))]
    return [p.read_text(encoding="utf-8") for p in paths]


def _paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blank-line separated), without ``@highlight`` markers."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block and block != "@highlight":
            out.append(block)
    return out


@functools.cache
def _pools() -> tuple[list[str], list[str], dict[bool, list[str]]]:
    """Lead paragraphs, body paragraphs, and the vocabulary (lowercase / capitalised)."""
    leads, bodies = [], []
    words: dict[bool, set[str]] = {False: set(), True: set()}
    for text in _sources():
        paras = [p for p in _paragraphs(text) if len(p) > 40]
        if not paras:
            continue
        leads.append(paras[0])
        bodies.extend(paras[1:])
        for w in _WORD.findall(text):
            if w.islower() or (w[0].isupper() and w[1:].islower()):
                words[w[0].isupper()].add(w)
    return leads, bodies, {k: sorted(v) for k, v in words.items()}


def _vary(paragraph: str, rng: random.Random, vocab: dict[bool, list[str]]) -> str:
    """Swap one word of every sentence for another word of the same shape."""
    sentences = _SENTENCE_END.split(paragraph)
    out = []
    for sentence in sentences:
        spots = [m for m in _WORD.finditer(sentence) if m.start() > 0]
        if spots:
            m = rng.choice(spots)
            word = m.group()
            pool = vocab[word[0].isupper()] if not word.isupper() else vocab[False]
            new = rng.choice(pool)
            sentence = sentence[: m.start()] + new + sentence[m.end() :]
        out.append(sentence)
    return " ".join(out)


def article(i: int, seed: int = 0) -> str:
    """Article ``i`` of the generated corpus (the same text on every run and machine)."""
    rng = random.Random(f"newsframe-distinct:{seed}:{i}")
    leads, bodies, vocab = _pools()
    paras = [rng.choice(leads), *rng.sample(bodies, rng.randint(8, 20))]
    return "\n\n".join(_vary(p, rng, vocab) for p in paras) + "\n"


def published(i: int, seed: int = 0) -> dt.date:
    """The publication date of article ``i``: a day from 2005 to 2015."""
    rng = random.Random(f"newsframe-distinct-date:{seed}:{i}")
    return dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))


def write_folder(folder: Path, n: int, seed: int = 0, dated: bool = True) -> Path:
    """Write ``n`` articles (``a0000001.txt``...) and a ``MANIFEST.csv`` of their dates (empty
    cells when not ``dated``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "MANIFEST.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "published"])
        for i in range(n):
            name = f"a{i:07d}.txt"
            (folder / name).write_text(article(i, seed), encoding="utf-8")
            w.writerow([name, published(i, seed).isoformat() if dated else ""])
    return folder


def repeated_sentence_share(texts: Iterable[str]) -> float:
    """The share of sentences (split as :func:`_vary` splits them) whose text was seen before
    in ``texts``: what a per-sentence memo would answer."""
    seen: set[str] = set()
    total = repeats = 0
    for text in texts:
        for paragraph in _paragraphs(text):
            for sentence in _SENTENCE_END.split(paragraph):
                total += 1
                repeats += sentence in seen
                seen.add(sentence)
    return repeats / total if total else 0.0


__all__ = ["article", "published", "repeated_sentence_share", "write_folder"]
