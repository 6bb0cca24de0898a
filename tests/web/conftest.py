"""Fixtures for the web layer: Datasette in-process over the crawled archive, and a real server."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from crawler.archive import article_id
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import ROOT, CrawlResult, free_port
from tests.datasette_client import METADATA, datasette_get

CHROMIUM = Path("/usr/bin/chromium")
SEED_003_TITLE = ("Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025 ngành Công Thương "
                  "Hải Phòng.")


@pytest.fixture(scope="session")
def get(crawled: CrawlResult) -> Callable[[str], Any]:
    """GET a path from Datasette over the crawled archive, with the project's metadata and plugin."""
    return lambda path: datasette_get(crawled.db, path)


@pytest.fixture(scope="session")
def seed_ids(mirror: MirrorServer) -> dict[str, set[str]]:
    """Article ids of each seed's pages on the mirror, by seed number ("000" ... "004")."""
    found: dict[str, set[str]] = {}
    for article in truth.ARTICLES:
        if article.seed:
            found.setdefault(article.seed[:3], set()).add(article_id(mirror.url(article.site_id, article.path)))
    return found


@contextmanager
def serve_datasette(db: Path, command: list[str] | None = None) -> Iterator[str]:
    """A real server over an archive, `datasette serve` as `sct serve` starts it unless `command` is given
    (the port is appended as --port); yields its base URL once it answers."""
    port = free_port()
    log = (db.parent / "datasette.log").open("w")
    command = command or [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(METADATA),
                          "--host", "127.0.0.1"]
    server = subprocess.Popen([*command, "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{command[2]} did not start: {log.name}")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def served(crawled: CrawlResult) -> Iterator[str]:
    """A real Datasette over the crawled archive."""
    with serve_datasette(crawled.db) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, installed on first use: CI runs `make test` on a fresh machine."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            pytest.skip("no /usr/bin/chromium and no apt-get to install it")
        env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
        subprocess.run(["apt-get", "update"], check=True, env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, env=env, capture_output=True,
                       timeout=1200)
    return CHROMIUM


def archive_with_stored_page(source: Path, db: Path, key: str | None, html: str, title: str | None = None) -> str:
    """A copy of `source` at `db` whose article `key` (or the one titled `title`) has `html` as its stored
    page, written the old way (gzip), which the archive still reads; returns the article's id."""
    import gzip

    with sqlite3.connect(source) as original, sqlite3.connect(db) as target:
        original.backup(target)
    with sqlite3.connect(db) as conn:
        if key is None:
            [key] = conn.execute("select id from articles where title = ?", [title]).fetchone()
        conn.execute("update pages set html_gz = ?, html_zst = null, html_dict = null, encoding = 'utf-8' "
                     "where article_id = ?", [gzip.compress(html.encode("utf-8")), key])
    return key
