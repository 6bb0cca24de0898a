"""Running the archive unattended: incremental re-crawls, job locks, site health, schedules."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import sqlite_utils

from cli.crawling import job_lock
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import ROOT, free_port, run_crawl

SEED_SITE = next(article.site_id for article in truth.ARTICLES if article.seed == "003_e929ec47d0012ae0.txt")


def sct(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300, check=False)


def article_paths(mirror: MirrorServer, site_id: str) -> set[str]:
    return {article.path for article in truth.ARTICLES if article.site_id == site_id}


def test_recrawl_requests_no_article_page(mirror: MirrorServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert run_crawl(db, mirror.port, "--sites", SEED_SITE).returncode == 0
    mirror.clear_requests()
    second = run_crawl(db, mirror.port, "--sites", SEED_SITE)
    assert second.returncode == 0, second.log[-3000:]
    site = truth.SITES_BY_ID[SEED_SITE]
    fetched = {request.path for request in mirror.requests if request.host.split(":")[0] == site.address}
    assert not fetched & article_paths(mirror, SEED_SITE)
    runs = list(sqlite_utils.Database(db).query("select * from crawl_runs order by id"))
    assert runs[0]["articles_new"] > 0
    assert runs[1]["articles_new"] == runs[1]["articles_updated"] == runs[1]["articles_unchanged"] == 0
    assert runs[1]["articles_skipped"] > 0
    assert runs[1]["requests"] < runs[0]["requests"]


def test_backfill_walks_every_listing_page_again(mirror: MirrorServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    first = run_crawl(db, mirror.port, "--sites", SEED_SITE)
    incremental = run_crawl(db, mirror.port, "--sites", SEED_SITE)
    backfill = run_crawl(db, mirror.port, "--sites", SEED_SITE, "--backfill")
    assert first.returncode == incremental.returncode == backfill.returncode == 0
    runs = list(sqlite_utils.Database(db).query("select requests, articles_skipped from crawl_runs order by id"))
    assert runs[2]["requests"] > runs[1]["requests"]
    assert runs[2]["articles_skipped"] >= runs[1]["articles_skipped"]


def test_a_locked_job_does_not_start(tmp_path: Path) -> None:
    job = tmp_path / "job"
    with job_lock(job) as held:
        assert held
        result = sct("crawl", "--db", str(tmp_path / "a.db"), "--job", str(job))
    assert result.returncode == 75
    assert "another crawl holds" in result.stderr


def test_a_job_crawl_is_quiet_on_success(mirror: MirrorServer, tmp_path: Path) -> None:
    job = tmp_path / "job"
    result = sct("crawl", "--db", str(tmp_path / "a.db"), "--job", str(job), "--sites", SEED_SITE,
                 "--mirror-port", str(mirror.port), "--delay", "0")
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == "" and result.stderr == ""
    assert "Spider closed (finished)" in (job / "crawl.log").read_text(encoding="utf-8")


def test_status_flags_a_site_that_fails_then_changes_layout(mirror: MirrorServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert run_crawl(db, mirror.port, "--sites", SEED_SITE).returncode == 0
    healthy = json.loads(sct("status", "--db", str(db), "--json").stdout)
    assert [site["flags"] for site in healthy if site["site_id"] == SEED_SITE] == [[]]
    try:
        mirror.set_mode(SEED_SITE, "failing")
        run_crawl(db, mirror.port, "--sites", SEED_SITE)
        run_crawl(db, mirror.port, "--sites", SEED_SITE)
        failing = sct("status", "--db", str(db), "--json")
        [site] = [site for site in json.loads(failing.stdout) if site["site_id"] == SEED_SITE]
        assert failing.returncode == 1
        assert "server errors" in site["flags"] and "layout changed?" in site["flags"]
        assert site["last_success"] is not None
        mirror.set_mode(SEED_SITE, "changed_layout")
        run_crawl(db, mirror.port, "--sites", SEED_SITE, "--backfill")
        changed = sct("status", "--db", str(db))
        assert changed.returncode == 1
        line = next(line for line in changed.stdout.splitlines() if line.startswith(SEED_SITE))
        assert "layout changed?" in line
        assert "server errors" not in line
    finally:
        mirror.set_mode(SEED_SITE, "normal")


def test_schedule_prints_and_installs_a_cron_line(tmp_path: Path) -> None:
    printed = sct("schedule", "--every", "6h")
    assert printed.returncode == 0
    assert printed.stdout.startswith("7 */6 * * * ") and "crawl" in printed.stdout and "--job" in printed.stdout
    crontab = tmp_path / "bin" / "crontab"
    crontab.parent.mkdir()
    store = tmp_path / "crontab.txt"
    store.write_text("0 1 * * * backup # someone else's\n", encoding="utf-8")
    crontab.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then cat {store}; else cat > {store}; fi\n')
    crontab.chmod(crontab.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{crontab.parent}:{os.environ['PATH']}"}
    for _ in range(2):
        assert sct("schedule", "--every", "1d", "--install", env=env).returncode == 0
    lines = store.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "0 1 * * * backup # someone else's"
    assert len(lines) == 2 and lines[1].startswith("7 3 */1 * * ")


def test_schedule_writes_a_systemd_timer(tmp_path: Path) -> None:
    result = sct("schedule", "--systemd", "--install", "--every", "30m", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    timer = (tmp_path / "systemd" / "user" / "sct-crawl.timer").read_text(encoding="utf-8")
    service = (tmp_path / "systemd" / "user" / "sct-crawl.service").read_text(encoding="utf-8")
    assert "OnUnitActiveSec=30min" in timer and "ExecStart=" in service and "--job" in service


def test_schedule_refuses_an_uneven_interval() -> None:
    result = sct("schedule", "--every", "7m")
    assert result.returncode == 2 and "evenly" in result.stderr


def test_a_killed_crawl_resumes_and_archives_every_article_once(mirror: MirrorServer, tmp_path: Path) -> None:
    db, job = tmp_path / "archive.db", tmp_path / "job"
    command = [sys.executable, "-m", "cli", "crawl", "--db", str(db), "--job", str(job),
               "--mirror-port", str(mirror.port), "--delay", "0"]
    mirror.delay = 0.05
    try:
        crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and crawl.poll() is None:
            if db.exists() and _count(db, "articles") >= 30:
                break
            time.sleep(0.2)
        assert crawl.poll() is None, "the crawl ended before it could be killed; slow the mirror down"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=30)
        killed_at = _count(db, "articles")
        assert 30 <= killed_at < len(truth.ARTICLES)
    finally:
        mirror.delay = 0.0
    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    archive = sqlite_utils.Database(db)
    assert archive["articles"].count == len(truth.ARTICLES)
    assert archive.execute("select url from articles group by url having count(*) > 1").fetchall() == []
    expected = {mirror.url(article.site_id, article.path) for article in truth.ARTICLES}
    assert {row["url"] for row in archive.query("select url from articles")} == expected
    assert archive.execute("select count(*) from articles where body is null or body = ''").fetchone()[0] == 0
    runs = list(archive.query("select finished_at, articles_new from crawl_runs order by id"))
    assert runs[0]["finished_at"] is None and runs[1]["finished_at"] is not None
    assert runs[1]["articles_new"] == len(truth.ARTICLES) - killed_at
    assert "did not finish: walking every listing page" in (job / "crawl.log").read_text(encoding="utf-8")


def test_two_crawls_into_one_archive_at_once_lose_nothing(mirror: MirrorServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    sites = sorted(truth.SITES_BY_ID)
    halves = [",".join(sites[: len(sites) // 2]), ",".join(sites[len(sites) // 2:])]
    commands = [[sys.executable, "-m", "cli", "crawl", "--db", str(db), "--sites", half,
                 "--mirror-port", str(mirror.port), "--delay", "0", "--log-file", str(tmp_path / f"{i}.log")]
                for i, half in enumerate(halves)]
    crawls = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
              for command in commands]
    assert [crawl.wait(timeout=300) for crawl in crawls] == [0, 0]
    assert _count(db, "articles") == len(truth.ARTICLES)


def test_datasette_keeps_serving_while_a_crawl_writes(mirror: MirrorServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    assert run_crawl(db, mirror.port, "--sites", SEED_SITE).returncode == 0
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--db", str(db), "--port", str(port)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/archive/articles.json?_size=1"
        wait_for(url)
        crawl = subprocess.Popen([sys.executable, "-m", "cli", "crawl", "--db", str(db), "--mirror-port",
                                  str(mirror.port), "--delay", "0", "--backfill"],
                                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        answers = []
        while crawl.poll() is None:
            with urllib.request.urlopen(url, timeout=10) as response:
                answers.append(response.status)
            time.sleep(0.05)
        assert crawl.returncode == 0
        assert answers and set(answers) == {200}
        with urllib.request.urlopen(url, timeout=10) as response:
            assert json.load(response)["filtered_table_rows_count"] == len(truth.ARTICLES)
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _count(db: Path, table: str) -> int:
    try:
        return sqlite_utils.Database(db).execute(f"select count(*) from {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
