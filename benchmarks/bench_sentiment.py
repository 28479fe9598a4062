"""Speed of the sentiment frame on the seed, beside TextBlob and VADER called per sentence.

Target: ``Article.sentiment`` on the seed in 10 ms or less, median, in a warm process: the
lexicons are loaded and the process has scored the 20 CNN development stories, every repeat
starts from a fresh ``Article`` with the per-sentence memo empty and TextBlob's word tokens
reset to what those 20 stories taught (the seed's own new words are new every time). The
baselines score the same sentences with the same two scorers, called the plain way
(``TextBlob(s).sentiment`` and ``polarity_scores(s)``), in the same run. The cold figures are
new processes on both sides: newsframe's imports and lexicons against TextBlob's and VADER's.

Run: ``.venv/bin/python -m benchmarks.bench_sentiment`` (``make bench`` runs it too).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import newsframe as nf
from benchmarks._report import recorded
from benchmarks._timing import Timing, context, interleaved, python, run_cold, verdict
from newsframe.paths import CNN_STORIES, SEED
from newsframe.sentiment import scoring

REPEATS = 30
COLD_RUNS = 5
TARGET_MS = 10.0


@recorded
def main() -> int:
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    print(
        context(
            f"{REPEATS} rounds warm, each line once per round (wall, then CPU); "
            f"{COLD_RUNS} new processes cold"
        )
    )
    for path in sorted(CNN_STORIES.glob("*.story")):
        nf.read_article(path).sentiment  # noqa: B018 - warm: lexicons, word tokens
    words = dict(scoring._WORD_TOKENS)
    sentences = nf.read_article(SEED).sentences["text"].tolist()
    vader = SentimentIntensityAnalyzer()
    state: dict[str, nf.Article] = {}

    def article(memo: str) -> Callable[[], None]:
        def setup() -> None:
            if memo != "warm":
                scoring.clear_cache()
            if memo == "sentences":
                scoring._WORD_TOKENS.update(words)
            art = nf.read_article(SEED)
            art.sentences  # noqa: B018 - split before the clock starts: we time sentiment
            state["art"] = art

        return setup

    def sentiment() -> object:
        return state["art"].sentiment

    cases = {
        "Article.sentiment: sentence memo empty (the target)": (sentiment, article("sentences")),
        "Article.sentiment: every memo empty (first article)": (sentiment, article("none")),
        "Article.sentiment: the same article again (memo warm)": (sentiment, article("warm")),
        "baseline: TextBlob(s).sentiment + VADER, per sentence": (
            lambda: [(TextBlob(s).sentiment, vader.polarity_scores(s)) for s in sentences],
            None,
        ),
        "baseline: TextBlob(s).sentiment only": (
            lambda: [TextBlob(s).sentiment for s in sentences],
            None,
        ),
    }
    wall = interleaved(cases, REPEATS)
    cpu = interleaved(cases, REPEATS, clock=time.process_time)
    rows: list[tuple[str, Timing, Timing]] = [(name, wall[name], cpu[name]) for name in cases]

    scoring.clear_cache()
    zero_tb = sum(scoring._textblob_scores_zero(s) for s in sentences)
    scorable = [s for s in sentences if scoring.looks_english(s)]
    print(f"seed: {SEED.name}: {len(sentences)} sentences; {zero_tb} hold no TextBlob word")
    print(f"{'warm, per article':<58} {'wall ms':>8} {'best':>7} {'CPU ms':>7}")
    for label, wall, cpu in rows:
        ms = (wall.median * 1e3, wall.best * 1e3, cpu.median * 1e3)
        print(f"{label:<58} {ms[0]:8.2f} {ms[1]:7.2f} {ms[2]:7.2f}")
    headline, baseline = rows[0][1].median * 1e3, rows[3][1].median * 1e3
    print(
        f"Article.sentiment: {headline:.2f} ms median (target <= {TARGET_MS:.0f} ms: "
        f"{verdict(headline, TARGET_MS)}); the same two scorers called per sentence take "
        f"{baseline:.2f} ms ({baseline / headline:.1f}x)"
    )

    quoted = repr(scorable)
    ours = run_cold(
        python(f"from newsframe.sentiment import score_text\nfor s in {quoted}: score_text(s)"),
        COLD_RUNS,
    )
    theirs = run_cold(
        python(
            "from textblob import TextBlob\n"
            "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
            "v = SentimentIntensityAnalyzer()\n"
            f"for s in {quoted}: TextBlob(s).sentiment, v.polarity_scores(s)"
        ),
        COLD_RUNS,
    )
    print(f"cold, a new process scoring the seed's {len(scorable)} English sentences:")
    for label, cold in (
        ("newsframe score_text (imports, lexicons, scores)", ours),
        ("baseline: TextBlob + VADER (imports nltk)", theirs),
    ):
        print(f"  {label:<50} {cold.wall:6.3f} s wall  {cold.cpu:6.3f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
