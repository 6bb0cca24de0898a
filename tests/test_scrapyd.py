"""Scale-out on Scrapy's own deployment engine: a real Scrapyd, a real scrapyd-deploy, a real crawl."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import sqlite_utils

from crawler.registry import MIRROR_REGISTRY
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import ROOT, free_port
from tests.test_operations import SEED_SITE, wait_for

BIN = Path(sys.executable).parent


def scrapyd_api(port: int, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{endpoint}", data=body, timeout=30) as response:
        return json.load(response)


def test_scrapyd_runs_a_deployed_crawl_into_the_archive(mirror: MirrorServer, tmp_path: Path) -> None:
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"logs_dir = {tmp_path / 'logs'}\ndbs_dir = {tmp_path / 'dbs'}\nitems_dir =\nmax_proc = 1\n"
        f"poll_interval = 0.5\n", encoding="utf-8")
    environment = {**os.environ, "SCT_MIRROR_PORT": str(mirror.port)}
    scrapyd = subprocess.Popen([str(BIN / "scrapyd"), "--nodaemon"], cwd=tmp_path, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/daemonstatus.json")
        config = tmp_path / "config"
        config.mkdir()
        (config / "scrapy.cfg").write_text(f"[deploy:test]\nurl = http://127.0.0.1:{port}/\nproject = congthuong\n",
                                           encoding="utf-8")
        deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "test"], cwd=ROOT, capture_output=True, text=True,
                                env={**environment, "XDG_CONFIG_HOME": str(config)}, timeout=300, check=False)
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        assert "listing" in scrapyd_api(port, "listspiders.json?project=congthuong")["spiders"]
        db = tmp_path / "archive.db"
        job = scrapyd_api(port, "schedule.json", [
            ("project", "congthuong"), ("spider", "listing"), ("sites", SEED_SITE),
            ("setting", f"ARCHIVE_PATH={db}"), ("setting", f"SOURCES={MIRROR_REGISTRY}"),
            ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_START_DELAY=0")])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 240
        while not any(done["id"] == job["jobid"] for done in scrapyd_api(port, "listjobs.json?project=congthuong")
                      ["finished"]):
            assert time.monotonic() < deadline, "the Scrapyd job did not finish"
            time.sleep(1)
        expected = [article for article in truth.ARTICLES if article.site_id == SEED_SITE]
        assert sqlite_utils.Database(db)["articles"].count == len(expected)
        [run] = list(sqlite_utils.Database(db).query("select * from crawl_runs"))
        assert run["status"] == "finished" and run["articles_new"] == len(expected)
    finally:
        scrapyd.terminate()
        scrapyd.wait(timeout=30)
