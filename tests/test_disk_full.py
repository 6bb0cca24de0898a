"""A full disk mid-crawl: the crawl stops at once and exits 1, no article it reported archived is lost, and
a later crawl with space archives the rest. The archive sits on a tmpfs of 640 KB that the test mounts."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mirror.server import MirrorServer
from tests.conftest import ROOT, CrawlResult

SITES = ("haiduong-sct", "hue-sct")  # two of the mirror's sites: 49 articles, far more than 640 KB holds


def crawl(db: Path, port: int, log_file: Path) -> tuple[int, str]:
    """A real crawl with its log outside the tiny filesystem."""
    completed = subprocess.run([sys.executable, "-m", "cli", "crawl", "--db", str(db), "--mirror-port", str(port),
                                "--delay", "0", "--log-file", str(log_file), "--sites", ",".join(SITES)],
                               cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    return completed.returncode, log_file.read_text(encoding="utf-8") + completed.stdout + completed.stderr


@pytest.fixture
def tiny_filesystem(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)],
                       check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", None) or error
        pytest.skip(f"cannot mount a small tmpfs on this machine (needs root): {detail}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def reported_new(log: str) -> int:
    """The articles the crawl counted as newly archived, from Scrapy's closing stats dump."""
    return sum(int(count) for count in re.findall(r"'site/[^/']+/new': (\d+)", log))


def test_full_disk_stops_the_crawl_loses_nothing_reported_and_the_next_run_catches_up(
        tiny_filesystem: Path, mirror: MirrorServer, crawled: CrawlResult, tmp_path: Path) -> None:
    db = tiny_filesystem / "archive.db"
    code, log = crawl(db, mirror.port, tmp_path / "full.log")
    assert code == 1, log[-3000:]
    assert "sct: the disk is full: crawl stopped" in log
    assert "Traceback" not in log
    with sqlite3.connect(db) as conn:
        archived = conn.execute("select count(*) from articles").fetchone()[0]
        complete = conn.execute("select count(*) from articles a join pages p on p.article_id = a.id "
                                "where a.title is not null and a.body is not null").fetchone()[0]
    assert 0 < archived == complete == reported_new(log)

    subprocess.run(["mount", "-o", "remount,size=256m", str(tiny_filesystem)], check=True)
    code, log = crawl(db, mirror.port, tmp_path / "caught-up.log")
    assert code == 0, log[-3000:]
    with sqlite3.connect(db) as conn, sqlite3.connect(crawled.db) as reference:
        ids = {row[0] for row in conn.execute("select id from articles")}
        expected = {row[0] for row in reference.execute(
            f"select id from articles where site_id in ({', '.join('?' for _ in SITES)})", SITES)}
    assert ids == expected
