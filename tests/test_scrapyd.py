"""Scale-out on Scrapy's own deployment engine: a real Scrapyd, a real scrapyd-deploy, a real crawl."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from crawler.nodes import partition
from crawler.registry import MIRROR_REGISTRY
from mirror import sites as truth
from mirror.server import MirrorServer
from tests.conftest import ROOT, CrawlResult, free_port
from tests.datasette_client import datasette_get
from tests.test_operations import SEED_SITE, sct, wait_for

BIN = Path(sys.executable).parent


def scrapyd_api(port: int, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{endpoint}", data=body, timeout=30) as response:
        return json.load(response)


@contextmanager
def running_scrapyd(directory: Path, mirror: MirrorServer) -> Iterator[int]:
    """A real Scrapyd on a free loopback port, its eggs, logs and job database under `directory`."""
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {directory / 'eggs'}\n"
        f"logs_dir = {directory / 'logs'}\ndbs_dir = {directory / 'dbs'}\nitems_dir =\nmax_proc = 1\n"
        f"poll_interval = 0.5\n", encoding="utf-8")
    scrapyd = subprocess.Popen([str(BIN / "scrapyd"), "--nodaemon"], cwd=directory,
                               env={**os.environ, "SCT_MIRROR_PORT": str(mirror.port)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/daemonstatus.json")
        yield port
    finally:
        scrapyd.terminate()
        scrapyd.wait(timeout=30)


def test_scrapyd_runs_a_deployed_crawl_into_the_archive(mirror: MirrorServer, tmp_path: Path) -> None:
    environment = {**os.environ, "SCT_MIRROR_PORT": str(mirror.port)}
    with running_scrapyd(tmp_path, mirror) as port:
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


def archive_state(db: Path) -> dict[str, object]:
    """What a merged archive must share with a single-machine crawl: article ids, people, stories, search hits."""
    connection = sqlite3.connect(db)
    stories: dict[str, set[str]] = {}
    for key, story in connection.execute("select id, coalesce(story_id, id) from articles"):
        stories.setdefault(story, set()).add(key)
    searches = {}
    for words in SEARCHES:
        response = datasette_get(db, f"/archive/articles.json?_search={urllib.parse.quote(words)}"
                                     "&_shape=objects&_col=id&_size=max")
        assert response.status_code == 200, response.text
        searches[words] = sorted(row["id"] for row in response.json()["rows"])
    return {
        "articles": sorted(key for (key,) in connection.execute("select id from articles")),
        "people": connection.execute("select id, name, positions, mentions, first_mentioned, last_mentioned "
                                     "from people order by id").fetchall(),
        "mentions": connection.execute("select article_id, person_id, raw, start from official_mentions "
                                       "order by 1, 4").fetchall(),
        "stories": sorted(sorted(members) for members in stories.values()),
        "reposts": connection.execute("select id, repost_of from articles where repost_of is not null "
                                      "order by id").fetchall(),
        "searches": searches,
    }


def every_row(db: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(db)
    tables = [name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")]
    return {table: sorted(connection.execute(f"select * from [{table}]").fetchall(), key=repr) for table in tables}


SEARCHES = ["Cụm trưởng", "xuất khẩu", "Hải Phòng", "dien nang", "Sở Công Thương"]


def test_two_scrapyd_nodes_crawl_halves_and_merge_into_the_single_machine_archive(
        mirror: MirrorServer, crawled: CrawlResult, tmp_path: Path) -> None:
    with running_scrapyd(tmp_path / "node-a", mirror) as first, running_scrapyd(tmp_path / "node-b", mirror) as second:
        nodes = f"http://127.0.0.1:{first}/,http://127.0.0.1:{second}/"
        deploy = sct("deploy", "--nodes", nodes)
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        schedule = sct("schedule", "--nodes", nodes, "--db", str(tmp_path / "node-{node}.db"),
                       "--sources", str(MIRROR_REGISTRY), "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                       "--wait")
        assert schedule.returncode == 0, schedule.stdout + schedule.stderr
    parts = [tmp_path / "node-1.db", tmp_path / "node-2.db"]
    sites = [{site for (site,) in sqlite3.connect(part).execute("select distinct site_id from articles")}
             for part in parts]
    assert sites[0] and sites[1] and not sites[0] & sites[1], "each node crawls its own part of the mirror"
    assert sites[0] | sites[1] == {article.site_id for article in truth.ARTICLES}
    merged = tmp_path / "merged" / "archive.db"
    merge = sct("merge", *map(str, parts), "-o", str(merged))
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert archive_state(merged) == archive_state(crawled.db)
    before = every_row(merged)
    assert sct("merge", *map(str, parts), "-o", str(merged)).returncode == 0
    assert sct("merge", str(merged), "-o", str(merged)).returncode == 0
    assert every_row(merged) == before


def test_the_later_fetch_of_an_article_crawled_on_two_nodes_wins(crawled: CrawlResult, tmp_path: Path) -> None:
    older, newer = tmp_path / "older.db", tmp_path / "newer.db"
    for copy in (older, newer):
        with sqlite3.connect(crawled.db) as source, sqlite3.connect(copy) as destination:
            source.backup(destination)
    [(key, body)] = sqlite3.connect(crawled.db).execute(
        "select id, body from articles where site_id = ? order by id limit 1", [SEED_SITE]).fetchall()
    with sqlite3.connect(newer) as connection:
        connection.execute("update articles set body = ?, fetched_at = '2999-01-01T00:00:00+00:00' where id = ?",
                           [body + "\n\nĐính chính: số liệu quýt-xylophon đã cập nhật.", key])
    merged = tmp_path / "merged.db"
    for order in ((newer, older), (older, newer)):
        assert sct("merge", *map(str, order), "-o", str(merged)).returncode == 0
        rows = sqlite3.connect(merged).execute("select body, fetched_at from articles where id = ?", [key]).fetchall()
        assert rows == [(body + "\n\nĐính chính: số liệu quýt-xylophon đã cập nhật.", "2999-01-01T00:00:00+00:00")]
    connection = sqlite3.connect(merged)
    assert connection.execute("select count(*) from articles").fetchone()[0] == len(truth.ARTICLES)
    hits = connection.execute("select a.id from articles_fts f join articles a on a.rowid = f.rowid "
                              "where articles_fts match 'xylophon'").fetchall()
    assert hits == [(key,)]


def test_sites_keep_their_node_and_a_new_node_takes_only_what_it_wins() -> None:
    sites = [f"site-{number}" for number in range(200)]
    two, three = partition(sites, 2), partition(sites, 3)
    assert sorted(two[0] + two[1]) == sorted(sites) and all(40 < len(part) < 160 for part in two)
    assert partition(list(reversed(sites)), 2) == two
    moved = {site for number, part in enumerate(two) for site in part if site not in three[number]}
    assert moved == set(three[2])
