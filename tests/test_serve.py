"""Datasette over the crawled archive: search through its JSON API, and the demo end to end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from crawler.archive import article_id
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import ROOT, CrawlResult, free_port
from tests.datasette_client import METADATA, datasette_get


def test_search_api_finds_seed_000_by_a_body_word(crawled: CrawlResult, mirror: MirrorServer) -> None:
    seed = next(a for a in truth.ARTICLES if a.seed == "000_3d217f8f0d84b8d3.txt")
    response = datasette_get(crawled.db, "/archive/articles.json?_search=Cụm+trưởng&_shape=objects")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["rows"]]
    assert article_id(mirror.url(seed.site_id, seed.path)) in ids


def test_every_column_has_a_description(crawled: CrawlResult) -> None:
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    described = metadata["databases"]["archive"]["tables"]
    db = sqlite_utils.Database(crawled.db)
    for table in db.table_names():
        if table.startswith(("articles_fts", "articles_exact")):
            continue
        assert table in described, table
        missing = set(db[table].columns_dict) - set(described[table]["columns"])
        assert not missing, (table, missing)


def test_default_facets_are_site_province_and_year(crawled: CrawlResult) -> None:
    response = datasette_get(crawled.db, "/archive/articles.json?_size=0")
    facets = response.json()["facet_results"]
    assert {"site_id", "province", "year"} <= set(facets)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_demo_serves_the_mirror_beside_datasette_until_ctrl_c(tmp_path: Path) -> None:
    port, mirror_port = free_port(), free_port()
    db, log = tmp_path / "archive.db", (tmp_path / "demo.log").open("w")
    demo = subprocess.Popen(
        [sys.executable, "-m", "cli", "demo", "--db", str(db), "--port", str(port),
         "--mirror-port", str(mirror_port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 240
        while not answers(f"http://127.0.0.1:{port}/archive/articles.json"):
            if demo.poll() is not None:
                pytest.fail(f"demo exited {demo.returncode}: {log.name}")
            if time.monotonic() > deadline:
                pytest.fail("Datasette did not answer within 240 s")
            time.sleep(1)
        assert sqlite_utils.Database(db)["articles"].count >= len(truth.ARTICLES)
        urls = [row["url"] for row in sqlite_utils.Database(db).query("select url from articles limit 3")]
        assert urls and all(answers(url) for url in urls), "the original pages open while the demo serves"
        demo.send_signal(signal.SIGINT)  # Ctrl-C
        assert demo.wait(timeout=60) == 0
        assert not answers(f"http://127.0.0.1:{port}/archive/articles.json")
        assert not any(answers(url) for url in urls)
    finally:
        if demo.poll() is None:
            demo.terminate()
            demo.wait(timeout=30)
        log.close()
