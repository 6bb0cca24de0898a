"""Pages per second of the whole page path (HTML to page fields) beside `trafilatura.extract`.

Run as `.venv/bin/python bench/pages.py [--rounds N]`. Both sides run on one core in this process,
interleaved round by round, on the same pages: the mirror's article pages (rendered by
mirror.pages, as the spiders receive them, with the registry's hints), the real pages in
../shared/real-pages/ (when present) and the hostile set (tests/page/hostile.py: 50,000
paragraphs, 5,000 date spans, 5,000 headings, deep nesting), whose cost no test times. The peer
is `trafilatura.extract(html)` with its defaults, as a user who reaches for the library would
call it; our side is `extract_page(html, url, hints)`, which gives title, date, author, body and
page kind. Target: at least 1.0x trafilatura's pages/s on each set; exits non-zero when missed.
CPU time is measured, so other load on the machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.registry import MIRROR_REGISTRY, load_registry  # noqa: E402
from mirror import pages as mirror_pages  # noqa: E402
from mirror import sites  # noqa: E402
from nlp.page import PageHints, extract_page  # noqa: E402
from tests.page.hostile import URL, large_pages  # noqa: E402

REAL_PAGES = ROOT.parent / "shared" / "real-pages"
TARGET_RATIO = 1.0
Sample = tuple[str, str, PageHints]


def mirror_sample() -> list[Sample]:
    registry = {source.id: source for source in load_registry(MIRROR_REGISTRY, {"MIRROR_PORT": "8765"})}
    found = []
    for article in sites.ARTICLES:
        answer = mirror_pages.answer(article.site_id, article.path, "normal", "http://127.0.0.1:8765/")
        source = registry[article.site_id]
        found.append((answer.body.decode("utf-8"), f"http://127.0.0.1:8765{article.path}",
                      PageHints(source.date_order, dict(source.selectors))))
    return found


def real_sample() -> list[Sample]:
    rows = [line.split("\t") for line in (REAL_PAGES / "sources.tsv").read_text(encoding="utf-8").splitlines()]
    return [((REAL_PAGES / row[0]).read_bytes().decode("utf-8", errors="replace"), row[4], PageHints())
            for row in rows if len(row) > 4 and row[0].endswith(".html")]


def hostile_sample() -> list[Sample]:
    return [(html, URL, PageHints()) for html in large_pages().values()]


def cpu_seconds(run: Callable[[Sample], object], sample: list[Sample]) -> float:
    started = time.process_time()
    for one in sample:
        run(one)
    return time.process_time() - started


def measure(name: str, sample: list[Sample], rounds: int) -> bool:
    import trafilatura

    ours = peer = 0.0
    for _ in range(rounds):
        ours += cpu_seconds(lambda one: extract_page(one[0], one[1], one[2]), sample)
        peer += cpu_seconds(lambda one: trafilatura.extract(one[0]), sample)
    pages = len(sample) * rounds
    ratio = peer / ours
    print(f"{name:<12} {len(sample):4d} pages x {rounds}: extract_page {pages / ours:7.1f} pages/s   "
          f"trafilatura.extract {pages / peer:7.1f} pages/s   ratio {ratio:.2f}x")
    return ratio >= TARGET_RATIO


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    samples = {"mirror": mirror_sample(), "hostile": hostile_sample()}
    if (REAL_PAGES / "sources.tsv").exists():
        samples["real-pages"] = real_sample()
    else:
        print(f"{REAL_PAGES} is absent: measuring the mirror only")
    met = [measure(name, sample, args.rounds) for name, sample in samples.items()]
    ok = all(met)
    print(f"target >= {TARGET_RATIO:.1f}x trafilatura.extract on every set: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
