"""The mirror over real HTTP: pages, registry patterns, bad pages, modes, delay, request log."""

from __future__ import annotations

import html
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from crawler import discovery
from mirror import sites
from mirror.server import LoggedRequest, MirrorServer
from mirror.sites import ARTICLES, BAD_PAGES, SITES, SITES_BY_ID

from .conftest import fetch

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = {entry["id"]: entry for entry in
            yaml.safe_load((ROOT / "sources" / "mirror.yaml").read_text(encoding="utf-8"))["sources"]}
SEED_STYLE = {"haiduong-sct", "haiphong-portal", "haiphong-sct", "hungyen-sct", "langson-sct"}
SITE_IDS = [site.id for site in SITES]
HOMEPAGE_ONLY = {"soctrang-sct", "hoabinh-sct"}  # the registry gives only their homepage
CONFIGURED_IDS = [site_id for site_id in SITE_IDS if site_id not in HOMEPAGE_ONLY]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def expand(url: str, mirror: MirrorServer) -> str:
    return url.replace("${MIRROR_PORT}", str(mirror.port))


def matches(patterns: list[str], url: str) -> bool:
    return any(re.search(pattern, url) for pattern in patterns)


def test_registry_describes_every_site() -> None:
    assert set(REGISTRY) == set(SITE_IDS)
    for site in SITES:
        entry = REGISTRY[site.id]
        assert entry["homepage"] == f"http://{site.address}:${{MIRROR_PORT}}/"
        assert (entry["name"], entry["province"], entry["province_2025"], entry["platform"]) == (
            site.name, site.province, site.province_2025, site.platform)
        if site.id in HOMEPAGE_ONLY:
            assert set(entry) <= {"id", "name", "province", "province_2025", "region", "platform",
                                  "homepage", "verified", "notes"}
            continue
        assert entry["date_order"] == site.family.date_order
        assert [(listing["url"], listing["category"]) for listing in entry["listings"]] == [
            (f"http://{site.address}:${{MIRROR_PORT}}{site.family.listing(category.key, 1)}",
             category.name) for category in site.categories]
        assert ("selectors" in entry) == (site.id in SEED_STYLE)
        assert entry["sitemaps"] or entry["feeds"]


def test_index_lists_every_site(mirror: MirrorServer) -> None:
    page = fetch(mirror.url("index"))
    assert page.status == 200
    for site in SITES:
        assert mirror.url(site.id) in page.text


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_home_and_listing_pages_with_pagination(mirror: MirrorServer, site_id: str) -> None:
    site = SITES_BY_ID[site_id]
    home = fetch(mirror.url(site_id))
    assert home.status == 200 and f"<title>{site.name}</title>" in home.text
    assert '<meta charset="utf-8">' in home.text
    for category in site.categories:
        listed = sites.listing(site, category.key)
        last = sites.listing_pages(site, category.key)
        for page in range(1, last + 1):
            answer = fetch(mirror.url(site_id, site.family.listing(category.key, page)))
            assert answer.status == 200
            shown = listed[(page - 1) * sites.PAGE_SIZE:page * sites.PAGE_SIZE]
            for article in shown:
                assert f'href="{html.escape(article.path)}"' in answer.text
            if page < last:
                assert f'href="{html.escape(site.family.listing(category.key, page + 1))}"' in (
                    answer.text)
        beyond = fetch(mirror.url(site_id, site.family.listing(category.key, last + 1)))
        assert beyond.status == 404


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_robots_disallows_a_page_that_exists_and_is_linked(mirror: MirrorServer,
                                                           site_id: str) -> None:
    site = SITES_BY_ID[site_id]
    robots = fetch(mirror.url(site_id, "/robots.txt"))
    assert robots.status == 200
    disallowed = re.findall(r"^Disallow: (\S+)$", robots.text, flags=re.M)
    link = site.family.disallowed_link
    assert any(link.startswith(prefix) for prefix in disallowed)
    assert f'href="{html.escape(link)}"' in fetch(mirror.url(site_id)).text
    assert fetch(mirror.url(site_id, link)).status == 200
    if site_id not in HOMEPAGE_ONLY:
        assert matches(REGISTRY[site_id]["links"]["deny"], mirror.url(site_id, link))


@pytest.mark.parametrize("site_id", CONFIGURED_IDS)
def test_sitemaps_and_feeds_are_well_formed_and_complete(mirror: MirrorServer,
                                                         site_id: str) -> None:
    entry = REGISTRY[site_id]
    expected = {mirror.url(site_id, article.path): article
                for article in sites.SITE_ARTICLES[site_id]}
    for url in entry["sitemaps"]:
        root = ET.fromstring(fetch(expand(url, mirror)).body)
        found = {node.findtext(f"{SITEMAP}loc"): node.findtext(f"{SITEMAP}lastmod")
                 for node in root.iter(f"{SITEMAP}url")}
        assert set(expected) <= set(found)
        for loc, article in expected.items():
            assert found[loc] == article.published
    for url in entry["feeds"]:
        channel = ET.fromstring(fetch(expand(url, mirror)).body).find("channel")
        items = {item.findtext("link"): item for item in channel.iter("item")}
        assert set(items) == set(expected)
        for link, item in items.items():
            assert item.findtext("title") == expected[link].title
            assert (item.findtext("pubDate") is None) == (expected[link].when is None)


def test_every_article_answers_with_its_title_text_and_traps(mirror: MirrorServer) -> None:
    for article in ARTICLES:
        page = fetch(mirror.url(article.site_id, article.path))
        assert page.status == 200, article.path
        text = html.unescape(page.text)
        for needle in (article.title, article.paragraphs[0], article.paragraphs[-1],
                       *article.captions):
            assert needle in text, (article.path, needle)
        if article.published_raw:
            assert article.published_raw in page.visible
        for trap in article.traps:
            assert trap in page.visible, (article.path, trap)


def test_bad_pages_fail_as_described(mirror: MirrorServer) -> None:
    by_kind = {page.kind: page for page in BAD_PAGES}
    assert fetch(mirror.url(by_kind["http_500"].site_id, by_kind["http_500"].path)).status == 500

    truncated = fetch(mirror.url(by_kind["truncated"].site_id, by_kind["truncated"].path))
    assert truncated.status == 200
    assert int(truncated.headers["Content-Length"]) == len(truncated.body)
    assert "</html>" not in truncated.text and "</body>" not in truncated.text
    assert by_kind["truncated"].title in truncated.text

    lying = fetch(mirror.url(by_kind["charset_mismatch"].site_id, by_kind["charset_mismatch"].path))
    assert lying.headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert '<meta charset="utf-8">' in lying.text
    assert by_kind["charset_mismatch"].title in lying.body.decode("utf-8")

    undated = fetch(mirror.url(by_kind["no_date"].site_id, by_kind["no_date"].path))
    assert undated.status == 200
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d", undated.visible)


def test_bad_pages_are_linked_from_their_listings(mirror: MirrorServer) -> None:
    for bad in BAD_PAGES:
        site = SITES_BY_ID[bad.site_id]
        listings = "".join(
            fetch(mirror.url(site.id, site.family.listing(category.key, page))).text
            for category in site.categories
            for page in range(1, sites.listing_pages(site, category.key) + 1))
        assert f'href="{html.escape(bad.path)}"' in listings


def test_crawl_traps_are_served_and_denied(mirror: MirrorServer) -> None:
    """Configured sites deny the traps by their registry rules, the others by the crawler's own."""
    for article in ARTICLES:
        if article.print_path:
            print_url, url = (mirror.url(article.site_id, path) for path in (article.print_path, article.path))
            assert fetch(print_url).status == 200
            if article.site_id in HOMEPAGE_ONLY:
                assert discovery.is_print_view(print_url) and not discovery.is_print_view(url)
                continue
            deny = REGISTRY[article.site_id]["links"]["deny"]
            assert matches(deny, print_url)
            assert not matches(deny, url)
    for site in SITES:
        category = site.categories[0]
        trap = site.family.calendar(category.key, site.until)
        if trap is None:
            continue
        if site.id in HOMEPAGE_ONLY:
            assert discovery.is_calendar(mirror.url(site.id, trap))
        else:
            links = REGISTRY[site.id]["links"]
            assert matches(links["pagination"], trap) and matches(links["deny"], trap)
        listing = fetch(mirror.url(site.id, site.family.listing(category.key, 1))).text
        assert f'href="{html.escape(trap)}"' in listing
        archive = fetch(mirror.url(site.id, trap))
        assert archive.status == 200
        older = re.findall(r'href="([^"]*(?:ngay|thang)=[^"]*)"', archive.text)
        assert older and all(html.unescape(link) != trap for link in older)
        assert fetch(mirror.url(site.id, html.unescape(older[0]))).status == 200


@pytest.mark.parametrize("site_id", CONFIGURED_IDS)
def test_registry_patterns_pick_articles_and_pages_from_listings(mirror: MirrorServer,
                                                                 site_id: str) -> None:
    link_extractor = pytest.importorskip("scrapy.linkextractors").LinkExtractor
    from scrapy.http import HtmlResponse

    site = SITES_BY_ID[site_id]
    links = REGISTRY[site_id]["links"]
    articles = link_extractor(allow=links["article"], deny=links["deny"])
    pages = link_extractor(allow=links["pagination"], deny=links["deny"])
    for category in site.categories:
        listed = sites.listing(site, category.key)
        last = sites.listing_pages(site, category.key)
        listing_urls = {mirror.url(site_id, site.family.listing(category.key, page))
                        for page in range(1, last + 1)}
        for page in range(1, last + 1):
            url = mirror.url(site_id, site.family.listing(category.key, page))
            response = HtmlResponse(url, body=fetch(url).body, encoding="utf-8")
            shown = listed[(page - 1) * sites.PAGE_SIZE:page * sites.PAGE_SIZE]
            assert {link.url for link in articles.extract_links(response)} == {
                mirror.url(site_id, article.path) for article in shown}
            found = {link.url for link in pages.extract_links(response)}
            assert found <= listing_urls | {mirror.url(site_id, site.family.listing(category.key, 1))}
            if page < last:
                assert mirror.url(site_id, site.family.listing(category.key, page + 1)) in found


@pytest.mark.parametrize("site_id", sorted(SEED_STYLE))
def test_selectors_match_the_layout_and_not_the_changed_layout(clean_mirror: MirrorServer,
                                                               site_id: str) -> None:
    parsel = pytest.importorskip("parsel")
    selectors = REGISTRY[site_id]["selectors"]
    article = next(article for article in sites.SITE_ARTICLES[site_id]
                   if article.bad_kind is None and article.published and article.author)
    url = clean_mirror.url(site_id, article.path)
    normal = parsel.Selector(text=fetch(url).text)
    for field in ("title", "date", "body", "author"):
        assert normal.css(selectors[field]), field
    assert article.title in normal.css(selectors["title"]).xpath("string()").get()
    clean_mirror.set_mode(site_id, "changed_layout")
    changed_page = fetch(url)
    assert changed_page.status == 200
    assert article.paragraphs[0] in html.unescape(changed_page.text)
    changed = parsel.Selector(text=changed_page.text)
    for field in ("title", "date", "body", "author"):
        assert not changed.css(selectors[field]), field


def test_failing_mode_fails_every_page_of_one_site(clean_mirror: MirrorServer) -> None:
    article = sites.SITE_ARTICLES["hue-sct"][0]
    clean_mirror.set_mode("hue-sct", "failing")
    for path in ("/", "/robots.txt", "/sitemap.xml", article.path):
        assert fetch(clean_mirror.url("hue-sct", path)).status == 500
    assert fetch(clean_mirror.url("bariavungtau-sct")).status == 200
    clean_mirror.set_mode("hue-sct", "normal")
    assert fetch(clean_mirror.url("hue-sct", article.path)).status == 200
    with pytest.raises(ValueError):
        clean_mirror.set_mode("hue-sct", "broken")


def test_delay_slows_article_pages_only(clean_mirror: MirrorServer) -> None:
    article = sites.SITE_ARTICLES["haiphong-sct"][0]
    clean_mirror.delay = 0.3
    started = time.monotonic()
    fetch(clean_mirror.url("haiphong-sct", article.path))
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    fetch(clean_mirror.url("haiphong-sct", "/robots.txt"))
    assert time.monotonic() - started < 0.3


def test_request_log_records_method_host_path_status(clean_mirror: MirrorServer) -> None:
    article = sites.SITE_ARTICLES["haiduong-sct"][0]
    fetch(clean_mirror.url("haiduong-sct", article.path))
    fetch(clean_mirror.url("haiduong-sct", "/no-such-page"))
    host = f"127.0.0.2:{clean_mirror.port}"
    assert clean_mirror.requests == [
        LoggedRequest("GET", host, article.path, 200, "haiduong-sct"),
        LoggedRequest("GET", host, "/no-such-page", 404, "haiduong-sct"),
    ]
    clean_mirror.clear_requests()
    assert clean_mirror.requests == []


def test_main_serves_until_interrupted() -> None:
    process = subprocess.Popen([sys.executable, "-m", "mirror", "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        index = re.search(r"http://127\.0\.0\.1:\d+/", first).group(0)
        assert fetch(index).status == 200
        lines = [process.stdout.readline() for _ in SITES]
        assert all(site.id in line for site, line in zip(SITES, lines, strict=True))
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
