"""Articles per second of the facts path (`extract_facts`) on one core, beside underthesea's `ner()`.

Run as `.venv/bin/python bench/extract.py [--articles N] [--ner-sample N]`. The corpus is built here:
the mirror's articles (the five real seeds and the synthetic filler), each with a few of our own
construction sentences (tests/nlp/constructions.py) put in, until it is at least 20 times the
five seeds in characters. Time is CPU time of this process pinned to one core, so other load on
the machine does not count; a warm-up pass first compiles every lexicon's pattern (a one-time cost
per process, like the imports); underthesea's name tagger is consulted cold for every article. `ner()`
runs on a sample of the same articles (it is about a hundred times slower). Exits 1 when
`extract_facts` is slower than TARGET_RATE articles/s or heavier than TARGET_MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from underthesea import ner, pos_tag  # noqa: E402

from mirror.sites import ARTICLES  # noqa: E402
from nlp import names  # noqa: E402
from nlp.facts import extract_facts  # noqa: E402
from nlp.text import match_key  # noqa: E402
from nlp.vocabulary import tokens  # noqa: E402
from tests.nlp.constructions import CASES  # noqa: E402

TARGET_RATE = 200.0
TARGET_MB = 300.0
SCALE = 20  # the corpus is at least this many times the five seeds


def corpus(articles: int) -> list[str]:
    """`articles` texts (at least enough for SCALE × the seeds' characters), deterministic."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "mirror" / "seeds").glob("*.txt"))]
    bodies = ["\n\n".join(a.paragraphs) for a in ARTICLES if a.paragraphs]
    sentences = [text for _, text, _, _ in CASES]
    rng = random.Random(11)
    texts: list[str] = []
    while len(texts) < articles or sum(map(len, texts)) < SCALE * sum(map(len, seeds)):
        paragraphs = bodies[len(texts) % len(bodies)].split("\n\n")
        for sentence in rng.sample(sentences, 3):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), sentence)
        texts.append("\n\n".join(paragraphs))
    return texts


def warm_up_text() -> str:
    """Every construction sentence and a seed: one pass compiles every lexicon's pattern, once per process."""
    seed = next((ROOT / "mirror" / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    return "\n\n".join([seed, *(text for _, text, _, _ in CASES)])


def _rates(texts: list[str], work: Callable[[str], object], warm_up: str, rounds: int) -> list[float]:
    """Articles per CPU second of each round, after a warm-up (lexicons, models, compiled patterns).
    Several rounds because a shared 2-core machine's CPU time still swings ±15% with its neighbours' load."""
    work(warm_up)
    pos_tag("Dự có ông Giàng A Páo.")
    rates = []
    for _ in range(rounds):
        began = time.process_time()
        for text in texts:
            work(text)
        rates.append(len(texts) / (time.process_time() - began))
    return rates


def _facts_cold(text: str) -> object:
    for cache in (names._proper_nouns, match_key, tokens):  # no article is helped by another's sentences
        cache.cache_clear()
    return extract_facts(text)


def _ner_article(text: str) -> object:
    return [ner(line) for line in text.split("\n") if line.strip()]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400, help="articles in the corpus (at least)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the corpus; the best counts")
    parser.add_argument("--ner-sample", type=int, default=10, help="articles given to ner()")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = corpus(args.articles)
    seeds = sum(len(p.read_text(encoding="utf-8")) for p in (ROOT / "mirror" / "seeds").glob("*.txt"))
    warm_up = warm_up_text()
    facts_rates = _rates(texts, _facts_cold, warm_up, args.rounds)
    facts_rate = max(facts_rates)  # the least disturbed round, as timeit takes the minimum
    facts_mb = _peak_mb()
    ner_rate = max(_rates(texts[: args.ner_sample], _ner_article, texts[0], 1))
    characters = sum(map(len, texts))
    print(f"corpus: {len(texts)} articles, {characters} characters ({characters / seeds:.0f}x the five seeds)")
    print(f"extract_facts: {facts_rate:8.1f} articles/s of CPU, one core  (target >= {TARGET_RATE:.0f}; best of"
          f" {args.rounds} rounds: {', '.join(f'{r:.0f}' for r in facts_rates)})")
    print(f"underthesea ner(): {ner_rate:8.1f} articles/s of CPU  (first {args.ner_sample} articles)")
    print(f"ratio extract_facts / ner(): {facts_rate / ner_rate:.1f}x")
    print(f"peak memory after extract_facts: {facts_mb:.0f} MB  (target < {TARGET_MB:.0f})")
    print(f"peak memory after ner(): {_peak_mb():.0f} MB")
    missed = facts_rate < TARGET_RATE or facts_mb >= TARGET_MB
    if missed:
        print("TARGET MISSED", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
