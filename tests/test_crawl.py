"""A real Scrapy crawl of the local mirror over HTTP, checked against the gold and the mirror's ground truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from crawler.archive import article_id
from mirror import sites as truth
from mirror.server import MirrorServer
from nlp.text import normalize
from tests.conftest import CrawlResult, run_crawl


def article_row(db: sqlite_utils.Database, mirror: MirrorServer, article: truth.Article) -> dict:
    url = mirror.url(article.site_id, article.path)
    rows = list(db.query("select * from articles where id = ?", [article_id(url)]))
    assert rows, f"not archived: {url}"
    return rows[0]


def seed_article(seed_file: str) -> truth.Article:
    return next(article for article in truth.ARTICLES if article.seed == seed_file)


@pytest.mark.parametrize("index", range(5))
def test_seed_articles_match_the_gold(crawled: CrawlResult, mirror: MirrorServer, gold: dict,
                                      index: int) -> None:
    expected = gold["articles"][index]
    article = seed_article(expected["seed"])
    row = article_row(sqlite_utils.Database(crawled.db), mirror, article)
    assert row["title"] == (expected["title"] or article.title)
    assert row["published"] == expected["published"]
    assert row["author"] == expected["author"]
    paragraphs = row["body"].split("\n\n")
    expected_paragraphs = [normalize(paragraph) for paragraph in article.paragraphs]
    assert paragraphs[0] == expected_paragraphs[0]
    assert paragraphs[-1] == expected_paragraphs[-1]
    assert paragraphs == expected_paragraphs
    for trap in (*article.traps, *expected.get("page_date_traps", []),
                 *expected.get("boilerplate_traps", [])):
        assert trap not in row["body"], trap
    for chrome in ("Quay lại", "In trang", "Designed and Maintained", "Hôm nay:", "captcha",
                   "Các tin cùng Chuyên mục", "Từ khóa"):
        assert chrome not in row["body"]


def test_repost_keeps_its_source_note_and_original_url(crawled: CrawlResult,
                                                      mirror: MirrorServer, gold: dict) -> None:
    expected = gold["articles"][1]
    row = article_row(sqlite_utils.Database(crawled.db), mirror, seed_article(expected["seed"]))
    assert row["source_note"] == expected["source_note"]
    assert row["original_url"] == expected["original_url"]
    assert expected["original_url"] not in row["body"]


def test_every_good_page_is_archived_with_its_date_and_title(crawled: CrawlResult,
                                                             mirror: MirrorServer) -> None:
    db = sqlite_utils.Database(crawled.db)
    for article in truth.ARTICLES:
        row = article_row(db, mirror, article)
        assert row["title"] == article.title, article.path
        assert row["published"] == article.published, article.path
        assert row["body"] == "\n\n".join(normalize(paragraph) for paragraph in article.paragraphs), article.path
        assert row["site_id"] == article.site_id
        site = truth.SITES_BY_ID[article.site_id]
        assert (row["province"], row["province_2025"]) == (site.province, site.province_2025)


def test_raw_html_is_kept_compressed(crawled: CrawlResult, mirror: MirrorServer) -> None:
    from crawler.archive import Archive

    article = seed_article("000_3d217f8f0d84b8d3.txt")
    archive = Archive(crawled.db)
    html = archive.raw_html(article_id(mirror.url(article.site_id, article.path)))
    archive.close()
    assert html is not None and "Thứ 4, ngày 19/6/2024" in html.decode("utf-8")


def test_bad_pages_are_counted_per_kind_and_the_crawl_goes_on(crawled: CrawlResult,
                                                              mirror: MirrorServer) -> None:
    db = sqlite_utils.Database(crawled.db)
    [run] = list(db.query("select * from crawl_runs order by id desc limit 1"))
    assert run["status"] == "finished"
    counted = json.loads(run["errors_by_kind"])
    for bad in truth.BAD_PAGES:
        assert counted.get(bad.kind, 0) >= 1, bad.kind
        url = mirror.url(bad.site_id, bad.path)
        logged = list(db.query("select kind from crawl_errors where url = ? and run_id = ?",
                               [url, run["id"]]))
        assert bad.kind in {row["kind"] for row in logged}, url
        assert bad.kind in crawled.log or url in crawled.log
    truncated = [bad for bad in truth.BAD_PAGES if bad.kind == "truncated"]
    for bad in truncated:
        key = article_id(mirror.url(bad.site_id, bad.path))
        assert db["articles"].count_where("id = ?", [key]) == 0
    assert run["articles_new"] == db["articles"].count


def test_charset_lie_is_repaired(crawled: CrawlResult, mirror: MirrorServer) -> None:
    db = sqlite_utils.Database(crawled.db)
    [bad] = [bad for bad in truth.BAD_PAGES if bad.kind == "charset_mismatch"]
    [row] = db.query("select title from articles where id = ?",
                     [article_id(mirror.url(bad.site_id, bad.path))])
    assert row["title"] == bad.title


def test_robots_txt_is_obeyed(crawled: CrawlResult, mirror: MirrorServer) -> None:
    fetched = {(request.host.split(":")[0], request.path) for request in mirror.requests}
    for site in truth.SITES:
        assert (site.address, "/robots.txt") in fetched, site.id
        for disallowed in site.family.disallow:
            assert not any(host == site.address and path.startswith(disallowed)
                           for host, path in fetched), (site.id, disallowed)


def test_second_crawl_leaves_the_article_count_unchanged(mirror: MirrorServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.db"
    first = run_crawl(db_path, mirror.port)
    assert first.returncode == 0, first.log[-3000:]
    count = sqlite_utils.Database(db_path)["articles"].count
    second = run_crawl(db_path, mirror.port)
    assert second.returncode == 0, second.log[-3000:]
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == count
    runs = list(db.query("select * from crawl_runs order by id"))
    assert len(runs) == 2
    assert runs[1]["articles_new"] == 0
    assert db.execute("select count(*) from articles group by url having count(*) > 1").fetchall() == []


def test_repost_and_original_are_one_story_with_two_copies(crawled: CrawlResult, mirror: MirrorServer) -> None:
    db = sqlite_utils.Database(crawled.db)
    copies = [article for article in truth.ARTICLES if article.seed == "001_9a054e092e19778d.txt"]
    assert len(copies) == 2
    rows = [article_row(db, mirror, article) for article in copies]
    assert rows[0]["story_id"] == rows[1]["story_id"]
    assert db["articles"].count_where("story_id = ?", [rows[0]["story_id"]]) == 2
    repost, original = sorted(rows, key=lambda row: row["repost_of"] is None)
    assert repost["repost_of"] == original["id"] and original["repost_of"] is None
    assert original["canonical_url"] == repost["original_url"]


@pytest.mark.parametrize(("spider", "kind"), [("sitemap", "sitemaps"), ("feed", "feeds")])
def test_sitemap_and_feed_discovery_archive_the_articles_they_list(mirror: MirrorServer, tmp_path: Path,
                                                                   spider: str, kind: str) -> None:
    from crawler.registry import MIRROR_REGISTRY, load_registry

    sources = [source for source in load_registry(MIRROR_REGISTRY, {"MIRROR_PORT": str(mirror.port)})
               if getattr(source, kind)]
    assert sources
    db_path = tmp_path / "archive.db"
    result = run_crawl(db_path, mirror.port, "--spider", spider, "--sites", ",".join(s.id for s in sources))
    assert result.returncode == 0, result.log[-3000:]
    db = sqlite_utils.Database(db_path)
    expected = [article for article in truth.ARTICLES if article.site_id in {s.id for s in sources}]
    for article in expected:
        row = article_row(db, mirror, article)
        assert (row["title"], row["published"]) == (article.title, article.published)
    [run] = list(db.query("select spider, articles_new from crawl_runs"))
    assert run == {"spider": spider, "articles_new": len(expected)}


def test_a_sitemap_lastmod_newer_than_the_archive_refetches_the_page(mirror: MirrorServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.db"
    assert run_crawl(db_path, mirror.port, "--spider", "sitemap", "--sites", "hue-sct").returncode == 0
    db = sqlite_utils.Database(db_path)
    [stale] = list(db.query("select url from pages limit 1"))
    db.execute("update pages set fetched_at = '2000-01-01T00:00:00+00:00' where url = ?", [stale["url"]])
    db.conn.commit()
    mirror.clear_requests()
    assert run_crawl(db_path, mirror.port, "--spider", "sitemap", "--sites", "hue-sct").returncode == 0
    fetched = [f"http://{request.host}{request.path}" for request in mirror.requests if "dDocName" in request.path]
    assert fetched == [stale["url"]]


def test_generic_sites_have_no_selectors_in_the_registry() -> None:
    from crawler.registry import MIRROR_REGISTRY, load_registry

    generic = {source.id: source.selectors for source in load_registry(MIRROR_REGISTRY)
               if source.platform in ("oracle-webcenter", "liferay")}
    assert generic == {"hue-sct": {}, "bariavungtau-sct": {}}
