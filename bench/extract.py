"""Articles per second of `extract_facts` on one core, beside underthesea's `ner()`.

Run as `.venv/bin/python bench/extract.py [--rounds N]`. Both run in this process over the five
seed texts (whole pages, chrome included), repeated; peak memory is the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from underthesea import ner  # noqa: E402

from nlp.facts import extract_facts  # noqa: E402

TARGET_RATE = 20.0
TARGET_MB = 300.0


def _rate(texts: list[str], rounds: int, work: Callable[[str], object]) -> float:
    """Articles per second over `rounds` passes, after one warm-up pass (lexicons, models)."""
    for text in texts:
        work(text)
    began = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            work(text)
    return rounds * len(texts) / (time.perf_counter() - began)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ner_article(text: str) -> object:
    return [ner(line) for line in text.split("\n") if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the seeds")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "mirror" / "seeds").glob("*.txt"))]
    facts_rate = _rate(texts, args.rounds, extract_facts)
    facts_mb = _peak_mb()
    ner_rate = _rate(texts, max(1, args.rounds // 10), _ner_article)
    print(f"seed texts: {len(texts)}, {sum(map(len, texts))} characters")
    print(f"extract_facts: {facts_rate:8.1f} articles/s  (target >= {TARGET_RATE:.0f})")
    print(f"underthesea ner(): {ner_rate:8.1f} articles/s")
    print(f"ratio extract_facts / ner(): {facts_rate / ner_rate:.1f}x")
    print(f"peak memory after extract_facts: {facts_mb:.0f} MB  (target < {TARGET_MB:.0f})")
    print(f"peak memory after ner(): {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
