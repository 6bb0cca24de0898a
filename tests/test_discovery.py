"""Sites nobody configured: real crawls of the mirror from homepages alone, and what the crawler learns."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from crawler import discovery
from crawler.profiles import load_profiles
from crawler.registry import MIRROR_REGISTRY
from mirror import pages
from mirror import sites as truth
from mirror.server import MirrorServer
from nlp.page import extract_page
from tests.conftest import ROOT, CrawlResult, free_port, run_crawl

HOMEPAGE_FIELDS = ("id", "name", "province", "province_2025", "homepage")


def homepages_only(path: Path, keep: tuple[str, ...] = ()) -> Path:
    """The mirror's registry with each entry cut to its homepage: no listings, links, sitemaps,
    feeds, selectors or date order."""
    entries = yaml.safe_load(MIRROR_REGISTRY.read_text(encoding="utf-8"))["sources"]
    stripped = [{name: entry[name] for name in HOMEPAGE_FIELDS} for entry in entries
                if not keep or entry["id"] in keep]
    path.write_text(yaml.safe_dump({"sources": stripped}, allow_unicode=True), encoding="utf-8")
    return path


def archived(db: Path) -> dict[str, tuple[str, str | None]]:
    return {row["url"]: (row["title"], row["published"])
            for row in sqlite_utils.Database(db).query("select url, title, published from articles")}


@pytest.fixture(scope="module")
def discovered(mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    folder = tmp_path_factory.mktemp("discovered")
    result = run_crawl(folder / "archive.db", mirror.port, "--sources", str(homepages_only(folder / "homepages.yaml")))
    assert result.returncode == 0, result.log[-5000:]
    return result


def test_homepages_alone_archive_what_the_configured_crawl_archives(crawled: CrawlResult,
                                                                    discovered: CrawlResult,
                                                                    mirror: MirrorServer) -> None:
    configured, found = archived(crawled.db), archived(discovered.db)
    common = set(configured) & set(found)
    assert len(common) >= 0.95 * len(configured), sorted(set(configured) - set(found))[:10]
    for url in common:
        assert found[url] == configured[url], url
    articles = {mirror.url(article.site_id, article.path) for article in truth.ARTICLES}
    assert set(found) <= articles, sorted(set(found) - articles)[:10]  # no listing, tag page or print view


def test_discovery_takes_sitemaps_then_feeds_then_listings(discovered: CrawlResult) -> None:
    profiles = load_profiles(discovered.db)
    assert set(profiles) == {site.id for site in truth.SITES}
    for site in truth.SITES:
        profile = profiles[site.id]
        expected = "sitemap" if site.family.sitemap else "feed" if site.family.feed() else "listing"
        assert profile.mode == expected, site.id
        assert profile.article_patterns, site.id
    assert [url.rsplit("/", 1)[1] for url in profiles["hoabinh-sct"].start_urls] == ["sitemap_index.xml"]
    assert profiles["hungyen-sct"].start_urls[0].endswith("/vi/news/rss/")  # announced in <head>
    listing = profiles["soctrang-sct"]
    assert len(listing.start_urls) == 2 and listing.pagination_patterns
    assert profiles["haiduong-sct"].date_order == "mdy"  # from its list dates, not its clock


def test_a_recrawl_starts_from_the_stored_profiles(mirror: MirrorServer, tmp_path: Path) -> None:
    registry = homepages_only(tmp_path / "homepages.yaml", keep=("soctrang-sct", "hoabinh-sct", "langson-sct"))
    db = tmp_path / "archive.db"
    assert run_crawl(db, mirror.port, "--sources", str(registry)).returncode == 0
    first = archived(db)
    before = len(mirror.requests)  # the log is shared by the session: read only this run's part
    second = run_crawl(db, mirror.port, "--sources", str(registry))
    assert second.returncode == 0, second.log[-3000:]
    assert archived(db) == first
    fetched = {request.path for request in mirror.requests[before:]}
    assert fetched and not fetched & {"/", "/sitemap.xml", "/rss"}  # no discovery again
    [run] = sqlite_utils.Database(db).query("select articles_new from crawl_runs order by id desc limit 1")
    assert run["articles_new"] == 0


def test_a_crawl_where_no_host_answers_ends_quickly_and_says_so(tmp_path: Path) -> None:
    closed = free_port()
    registry = tmp_path / "dead.yaml"
    registry.write_text(f"""sources:
  - {{id: ghost-sct, name: Sở Công Thương Ma, province: Thái Bình, province_2025: Hưng Yên,
      homepage: 'http://sct.nowhere.invalid/', verified: guessed}}
  - {{id: closed-sct, name: Sở Công Thương Đóng, province: Hà Nam, province_2025: Ninh Bình,
      homepage: 'http://127.0.0.1:{closed}/', verified: seen}}
""", encoding="utf-8")
    db = tmp_path / "archive.db"
    started = time.monotonic()
    result = run_crawl(db, closed, "--sources", str(registry), timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 0 and "Traceback" not in result.log, result.log[-3000:]
    status = subprocess.run([sys.executable, "-m", "cli", "status", "--db", str(db), "--json"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    flags = {site["site_id"]: site["flags"] for site in json.loads(status.stdout)}
    assert flags == {"ghost-sct": ["unreachable (host guessed)"], "closed-sct": ["unreachable"]}


# ---- what a page is, from its URL and its links (no crawl) --------------------------------

def served(site_id: str, path: str) -> tuple[str, str]:
    site = truth.SITES_BY_ID[site_id]
    base = f"http://{site.address}:1"
    return pages.answer(site_id, path, "normal", base).body.decode("utf-8"), base + path


@pytest.mark.parametrize("site_id", [site.id for site in truth.SITES])
def test_listings_homepages_and_print_views_are_not_articles(site_id: str) -> None:
    site = truth.SITES_BY_ID[site_id]
    article = next(one for one in truth.SITE_ARTICLES[site_id] if one.bad_kind is None)
    others = ["/", site.family.listing(site.categories[0].key, 1), site.family.listing(site.categories[0].key, 2)]
    if article.print_path:
        others.append(article.print_path)
    for path in others:
        html, url = served(site_id, path)
        assert discovery.not_article(html, url, extract_page(html, url)), path
    html, url = served(site_id, article.path)
    assert discovery.not_article(html, url, extract_page(html, url)) is None


def test_a_tag_page_is_a_listing_and_documents_are_never_pages() -> None:
    html, url = served("hoabinh-sct", "/vi/component/tags/tag/cong-nghiep")
    assert discovery.not_article(html, url, extract_page(html, url)) == "listing"
    assert discovery.is_document("http://h/Uploads/files/van-ban/118-qd-sct.pdf")
    assert not discovery.crawlable("http://h/Uploads/files/van-ban/118-qd-sct.pdf", {"h"})


def test_a_listing_gives_its_article_shape_and_its_pager() -> None:
    site = truth.SITES_BY_ID["soctrang-sct"]
    html, url = served(site.id, site.family.listing("tin-so-nganh", 1))
    found = discovery.read_listing(html, url, {site.address})
    listed = [f"http://{site.address}:1{one.path}" for one in truth.listing(site, "tin-so-nganh")[:truth.PAGE_SIZE]]
    assert found.article_urls == listed
    assert found.pagination_urls[0].endswith("?Page=2")
    assert not any(".pdf" in one or "ngay=" in one for one in found.article_urls + found.pagination_urls)


def test_url_shapes_keep_the_fixed_parts_and_generalise_the_rest() -> None:
    one, two = ("http://h/tin-tuc/hoi-nghi-tong-ket-nam-2024-3401.html", "http://h/tin-tuc/khai-mac-hoi-cho-12.html")
    assert discovery.url_shape(one) == discovery.url_shape(two) == "/tin-tuc/<slug>.html"
    assert discovery.url_shape("http://h/Default.aspx?tabid=71&ItemID=3401") == "/Default.aspx?tabid=<n>&ItemID=<n>"
    pattern = discovery.shape_pattern(discovery.url_shape(one))
    assert discovery.matches(two, [pattern]) and not discovery.matches("http://h/danh-muc/tin-tuc.html", [pattern])
    assert discovery.is_calendar("http://h/tin-tuc/?Page=1&ngay=2025-06-20")
    assert discovery.sitemaps_from_robots("User-agent: *\nSitemap: /sitemap_index.xml\n", "http://h/robots.txt") == [
        "http://h/sitemap_index.xml"]
