"""Rows per second and peak memory of `sct export articles` in each format, beside the sqlite3 CLI's CSV.

Run as `.venv/bin/python bench/export.py [--rows N] [--dir DIR]`. The archive is synthetic and
deterministic: the seed texts' sentences recombined into N articles over the mirror's sites, written in
the real schema (crawler.archive.Archive creates it) and reused while it exists. Each export runs in its
own child process, so its peak RSS is its own (os.wait4), interpreter and imports included. Linux counts
a child's RSS before exec as its own, so this parent imports nothing heavy: the build runs in a child too.
The peer is the sqlite3 command-line shell writing the same columns in the same order with `.mode csv`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMATS = ("csv", "jsonl", "parquet", "xlsx")  # exports.writers.FORMATS, not imported: see above
TARGET_MB = 300.0
VERSION = 1  # bump when the synthetic archive's content changes, so an old one is not reused
FETCHED_AT = "2025-06-01T00:00:00+00:00"
_SENTENCE = re.compile(r"(?<=[.!?;])\s+")


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "mirror" / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(part.strip() for part in _SENTENCE.split(line) if len(part.strip()) > 40)
    return sentences


def synthetic_articles(rows: int, sites: list[Any]) -> Iterator[dict[str, Any]]:
    """Deterministic articles: 3-5 paragraphs of 2-4 seed sentences each, dates over six years."""
    from crawler.archive import ARTICLE_COLUMNS, article_id

    rng = random.Random(20250701)
    sentences = seed_sentences()
    start = datetime(2019, 1, 1, 7, 0)
    for number in range(rows):
        site = sites[number % len(sites)]
        paragraphs = ["\n".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(rng.randint(3, 5))]
        body = "\n\n".join(paragraphs)
        published = start + timedelta(minutes=rng.randrange(6 * 365 * 24 * 60))
        url = f"{site.homepage.rstrip('/')}/bench/{number}.html"
        key = article_id(url)
        row = dict.fromkeys(ARTICLE_COLUMNS)
        row.update(
            id=key, url=url, canonical_url=url, site_id=site.id, title=rng.choice(sentences)[:160],
            published=published.isoformat() + "+07:00", published_date=published.date().isoformat(),
            year=published.year, published_raw=published.strftime("%d/%m/%Y %H:%M"), author="BENCH",
            category="Tin hoạt động", body=body, province=site.province, province_2025=site.province_2025,
            story_id=key, content_hash=hashlib.sha1(body.encode("utf-8")).hexdigest(),
            first_seen=FETCHED_AT, fetched_at=FETCHED_AT, updated_at=FETCHED_AT)
        yield row


def archive_path(directory: Path, rows: int) -> Path:
    return directory / f"archive-{rows}-v{VERSION}.db"


def build_archive(directory: Path, rows: int) -> None:
    """The synthetic archive for `rows`, built into a temporary file renamed at the end, so a killed build
    is never reused."""
    from crawler.archive import Archive
    from crawler.registry import load_registry

    path = archive_path(directory, rows)
    building = directory / f".{path.name}.building"
    for leftover in directory.glob(f"{building.name}*"):
        leftover.unlink()
    began = time.perf_counter()
    archive = Archive(building)
    sites = load_registry(ROOT / "sources" / "mirror.yaml")
    archive.upsert_sites(sites)
    with archive.transaction():
        archive.db["articles"].insert_all(synthetic_articles(rows, sites), batch_size=2_000)
    archive.db.execute("pragma wal_checkpoint(truncate)")
    archive.db.execute("pragma journal_mode = delete")
    archive.close()
    building.rename(path)
    print(f"built {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.0f} s", flush=True)


def measure(command: list[str], stdout: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child process."""
    began = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        child = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command} failed with exit code {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def run_child(db: Path, file_format: str, output: Path) -> None:
    from crawler.search import SearchRequest
    from exports.run import export

    export(db, "articles", output, SearchRequest(), file_format)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="articles in the synthetic archive")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sct-bench-export",
                        help="where the archive is built and reused, and the exports written")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "OUTPUT"), help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(Path(args.child[0]), args.child[1], Path(args.child[2]))
        return
    if args.build:
        build_archive(args.dir, args.rows)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    db = archive_path(args.dir, args.rows)
    if not db.exists():
        subprocess.run([sys.executable, __file__, "--build", "--rows", str(args.rows), "--dir", str(args.dir)],
                       check=True)
    out = args.dir / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    print(f"exporting {args.rows:,} articles from {db.name} ({db.stat().st_size / 1e6:.0f} MB)")
    results = {}
    for file_format in args.formats:
        output = out / f"articles.{file_format}"
        seconds, peak = measure([sys.executable, __file__, "--child", str(db), file_format, str(output)])
        results[file_format] = (seconds, peak)
        print(f"{file_format:>8}: {args.rows / seconds:9,.0f} rows/s  {seconds:6.1f} s  peak {peak:5.0f} MB  "
              f"{output.stat().st_size / 1e6:6.0f} MB file  (target < {TARGET_MB:.0f} MB)")
    sqlite3 = shutil.which("sqlite3")
    if sqlite3 is None:
        print("peer: no sqlite3 command-line shell on PATH; skipped")
        return
    peer_out = out / "peer.csv"
    seconds, peak = measure([sqlite3, "-csv", "-header", str(db),
                             "select * from articles order by published desc, id"], stdout=peer_out)
    print(f"{'peer':>8}: {args.rows / seconds:9,.0f} rows/s  {seconds:6.1f} s  peak {peak:5.0f} MB  "
          f"{peer_out.stat().st_size / 1e6:6.0f} MB file  (sqlite3 {sqlite3} .mode csv)")
    if "csv" in results:
        ours, our_peak = results["csv"]
        print(f"csv vs peer: {seconds / ours:.2f}x the peer's speed, {our_peak / peak:.1f}x its memory")


if __name__ == "__main__":
    main()
