"""Discovery of one site, one request at a time, for `sct sites probe`: what a crawl would learn.

The same steps and the same decisions (crawler/discovery.py) as the spiders take while crawling,
in the same order: sitemaps, then feeds, then listing pages; only the fetching differs.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from protego import Protego

from crawler import discovery
from crawler.profiles import SiteProfile
from crawler.registry import Source
from crawler.settings import USER_AGENT

Fetch = Callable[[str], tuple[bytes, str]]  # URL -> (body, final URL); raises FetchError
MAX_SITEMAPS = 10


class FetchError(Exception):
    """A page that could not be fetched."""


def discover_site(source: Source, fetch: Fetch) -> tuple[SiteProfile | None, list[str]]:
    """The profile a crawl would store for the site and the article URLs it would fetch first."""
    body, home_url = fetch(source.homepage)
    html = body.decode("utf-8", errors="replace")
    hosts = set(source.domains) | {urlsplit(home_url).hostname or ""}
    links = discovery.page_links(html, home_url)
    home_shapes = discovery.dated_shapes(links, hosts)
    declared = source.date_order if "date_order" in source.declared else None
    date_order = declared or discovery.date_order_of(links)

    def profile(mode: str, start: list[str], articles: list[str], patterns: list[str],
                pagination: list[str] = ()) -> tuple[SiteProfile, list[str]]:
        return SiteProfile(source.id, mode, start, patterns, list(pagination), date_order, len(articles)), articles

    robots = _get(fetch, urljoin(home_url, "/robots.txt"))
    robots_text = robots[0].decode("utf-8", "replace") if robots else ""
    sitemaps = discovery.sitemaps_from_robots(robots_text, robots[1]) if robots else []
    rules = Protego.parse(robots_text)

    def get(url: str) -> tuple[bytes, str] | None:
        """A probe, as polite as the crawl: nothing robots.txt disallows for our User-Agent."""
        return _get(fetch, url) if rules.can_fetch(url, USER_AGENT) else None
    entries: dict[str, str | None] = {}
    roots: list[str] = []
    for root in sitemaps or [urljoin(home_url, path) for path in discovery.SITEMAP_PATHS]:
        for loc, lastmod in _sitemap_urls(get, root, hosts):
            entries.setdefault(loc, lastmod)
            roots = roots if root in roots else [*roots, root]
    patterns, chosen = discovery.choose_articles(entries, hosts, home_shapes, source.article_links,
                                                 source.deny_links)
    if chosen:
        return profile("sitemap", roots, chosen, patterns)

    feeds = discovery.announced_feeds(html, home_url) or [urljoin(home_url, path) for path in discovery.FEED_PATHS]
    found = {url: discovery.feed_links(answer[0], answer[1]) for url in feeds if (answer := get(url))}
    found = {url: items for url, items in found.items() if items}
    patterns, chosen = discovery.choose_articles([item for items in found.values() for item in items], hosts,
                                                 home_shapes, source.article_links, source.deny_links, from_feed=True)
    if chosen:
        return profile("feed", list(found), chosen, patterns)

    listings, articles, patterns, pagination = [], [], list(source.article_links), list(source.pagination_links)
    candidates = [link for link in discovery.listing_candidates(links, hosts, home_shapes)
                  if link.url not in (home_url, source.homepage)]
    for link in candidates:
        answer = get(link.url)
        if answer is None:
            continue
        page = discovery.read_listing(answer[0].decode("utf-8", "replace"), answer[1], hosts,
                                      source.article_links, source.pagination_links)
        if page.is_listing:
            listings.append(answer[1])
            articles.extend(url for url in page.article_urls if url not in articles)
            patterns = list(dict.fromkeys([*patterns, *page.article_patterns]))
            pagination = list(dict.fromkeys([*pagination, *page.pagination_patterns]))
            date_order = date_order or discovery.date_order_of(page.links)
    if listings:
        return profile("listing", listings, articles, patterns, pagination)
    return None, []


def _get(fetch: Fetch, url: str) -> tuple[bytes, str] | None:
    try:
        return fetch(url)
    except FetchError:  # a probe that fails only means "not here"
        return None


def _sitemap_urls(get: Callable[[str], tuple[bytes, str] | None], url: str, hosts: set[str],
                  depth: int = 0) -> list[tuple[str, str | None]]:
    answer = get(url)
    if answer is None:
        return []
    kind, entries = discovery.sitemap_entries(answer[0])
    if kind != "sitemapindex":
        return entries
    found = []
    for loc, _ in entries[:MAX_SITEMAPS]:
        if depth < 2 and discovery.crawlable(loc, hosts):
            found.extend(_sitemap_urls(get, loc, hosts, depth + 1))
    return found
