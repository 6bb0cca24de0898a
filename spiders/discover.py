"""Discovery for sites the registry gives only a homepage: sitemaps, then feeds, then listing pages.

Every spider inherits this: a source with hand-written listings, sitemaps or feeds is crawled by
the spider's own mode; any other source is discovered here, in the issue's order, from its
homepage. What was learned (the mode, its start URLs, the article and pagination patterns, the
day/month order) goes to the archive as a site profile, and the next run starts from it.

Each site's discovery is a small state machine: probes (robots.txt, candidate sitemaps, feeds,
listing pages) are counted while in flight, and when a stage's last probe has answered the next
stage starts if this one found no article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler import discovery
from crawler.items import SiteProfileItem
from crawler.profiles import SiteProfile, load_profiles
from crawler.registry import Source
from spiders.base import RegistrySpider, error_kind

UNREACHABLE = ("dns", "connection_refused", "timeout", "tls_error", "download_error")


@dataclass
class SiteDiscovery:
    """One site's discovery in progress."""

    source: Source
    profile: SiteProfile | None = None
    stage: str = "home"
    pending: int = 0
    date_order: str | None = None
    home_shapes: list[str] = field(default_factory=list)
    feeds_announced: list[str] = field(default_factory=list)
    candidates: list[discovery.Link] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    sitemap_files: list[str] = field(default_factory=list)
    entries: dict[str, str | None] = field(default_factory=dict)
    feeds: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    article_patterns: list[str] = field(default_factory=list)
    pagination_patterns: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def hosts(self) -> set[str]:
        return set(self.source.domains)

    def learned(self, mode: str, start_urls: list[str]) -> SiteProfile:
        return SiteProfile(self.source.id, mode, start_urls, self.article_patterns,
                           self.pagination_patterns, self.date_order, self.articles)


class DiscoveringSpider(RegistrySpider):
    """A registry spider that also crawls the sources nobody configured."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.discoveries: dict[str, SiteDiscovery] = {}
        self.profiles: dict[str, SiteProfile] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DiscoveringSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.profiles = load_profiles(crawler.settings.get("ARCHIVE_PATH"))
        return spider

    def requests_for(self, source: Source) -> Iterable[Request]:
        if source.configured:
            return self.start_requests_for(source)
        return self.discover(source)

    def discover(self, source: Source) -> Iterator[Request]:
        state = SiteDiscovery(source, profile=self.profiles.get(source.id))
        declared = "date_order" in source.declared
        state.date_order = source.date_order if declared else None
        if source.article_links:
            state.article_patterns = list(source.article_links)
        if source.pagination_links:
            state.pagination_patterns = list(source.pagination_links)
        self.discoveries[source.id] = state
        if state.profile is not None:
            yield from self.from_profile(state, state.profile)
        else:
            yield self.request(source.homepage, source, self.parse_home, dont_filter=True,
                               errback=self.on_home_error)

    # -- a stored profile -------------------------------------------------------------------

    def from_profile(self, state: SiteDiscovery, profile: SiteProfile) -> Iterator[Request]:
        state.stage = "profile"
        state.date_order = state.date_order or profile.date_order
        state.article_patterns = state.article_patterns or list(profile.article_patterns)
        state.pagination_patterns = state.pagination_patterns or list(profile.pagination_patterns)
        callback = {"sitemap": self.parse_found_sitemap, "feed": self.parse_found_feed,
                    "listing": self.parse_found_listing}[profile.mode]
        for url in profile.start_urls:
            yield self.probe(state, url, callback)

    # -- homepage and robots.txt ------------------------------------------------------------

    def parse_home(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        html = response.text if isinstance(response, TextResponse) else ""
        links = discovery.page_links(html, response.url)
        state.date_order = state.date_order or discovery.date_order_of(links)
        state.home_shapes = discovery.dated_shapes(links, state.hosts)
        state.feeds_announced = discovery.announced_feeds(html, response.url)
        state.candidates = [link for link in discovery.listing_candidates(links, state.hosts, state.home_shapes)
                            if link.url not in (response.url, source.homepage)]
        state.stage = "robots"
        yield self.probe(state, urljoin(response.url, "/robots.txt"), self.parse_robots)

    def on_home_error(self, failure: Failure) -> Iterator[Any]:
        """A homepage that does not answer: recorded once; an unreachable host is not probed further."""
        yield from self.on_error(failure)
        state = self.discoveries[failure.request.meta["site_id"]]
        state.stage = "unreachable" if error_kind(failure) in UNREACHABLE else "failed"
        self.logger.warning("%s: homepage %s did not answer (%s)%s", state.source.id,
                            failure.request.url, error_kind(failure),
                            " - host guessed" if state.source.verified == "guessed" else "")

    def parse_robots(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        if isinstance(response, TextResponse):
            state.sitemaps = discovery.sitemaps_from_robots(response.text, response.url)
        yield from self.settle(state)

    # -- probes -----------------------------------------------------------------------------

    def probe(self, state: SiteDiscovery, url: str, callback: Any, **meta: Any) -> Request:
        """A discovery request: counted while in flight; a failure only means "not here"."""
        state.pending += 1
        return self.request(url, state.source, callback, dont_filter=True, errback=self.on_probe_error,
                            probe=True, **meta)

    def on_probe_error(self, failure: Failure) -> Iterator[Any]:
        if not failure.check(HttpError, IgnoreRequest):
            self.logger.info("discovery probe %s failed: %s", failure.request.url, failure.value)
        yield from self.settle(self.discoveries[failure.request.meta["site_id"]])

    def settle(self, state: SiteDiscovery) -> Iterator[Any]:
        """One probe answered; when it was the stage's last, finish the stage or start the next."""
        state.pending -= 1
        if state.pending > 0:
            return
        if state.stage == "robots":
            state.stage = "sitemap"
            for url in state.sitemaps or [urljoin(state.source.homepage, path)
                                          for path in discovery.SITEMAP_PATHS]:
                yield self.probe(state, url, self.parse_sitemap_probe)
        elif state.stage == "sitemap":
            yield from self.finish_sitemaps(state)
        elif state.stage == "feed":
            yield from self.finish_feeds(state)
        elif state.stage == "listing":
            yield from self.finish_listings(state)
        elif state.stage == "profile":
            yield from self.finish_profile(state)

    def finish_profile(self, state: SiteDiscovery) -> Iterator[Any]:
        if state.articles:
            profile = state.learned(state.profile.mode, list(state.profile.start_urls))
            profile.learned_at = state.profile.learned_at
            yield SiteProfileItem(profile)
            return
        self.logger.info("%s: the stored profile found no article; discovering again", state.source.id)
        fresh = SiteDiscovery(state.source, date_order=state.date_order if "date_order" in
                              state.source.declared else None)
        fresh.article_patterns = list(state.source.article_links)
        fresh.pagination_patterns = list(state.source.pagination_links)
        self.discoveries[state.source.id] = fresh
        yield self.request(state.source.homepage, state.source, self.parse_home, dont_filter=True,
                           errback=self.on_home_error)

    # -- sitemaps ---------------------------------------------------------------------------

    def parse_sitemap_probe(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        kind, entries = discovery.sitemap_entries(response.body)
        root = response.meta.get("sitemap_root") or response.url  # an index, not its parts, is what lasts
        if kind == "sitemapindex":
            for loc, _ in entries:
                if discovery.crawlable(loc, state.hosts | {urlsplit(response.url).hostname}):
                    yield self.probe(state, loc, self.parse_sitemap_probe, sitemap_root=root)
        elif kind == "urlset":
            state.sitemap_files = _merge(state.sitemap_files, [root])
            for loc, lastmod in entries:
                state.entries.setdefault(loc, lastmod)
        yield from self.settle(state)

    def finish_sitemaps(self, state: SiteDiscovery) -> Iterator[Any]:
        state.article_patterns, chosen = discovery.choose_articles(
            state.entries, state.hosts, state.home_shapes, state.article_patterns, state.source.deny_links)
        yield from self.take(state, "sitemap", state.sitemap_files, chosen, self.start_feeds)

    def parse_found_sitemap(self, response: Response, source: Source) -> Iterator[Any]:
        """A stored profile's sitemap: its article-pattern entries, following an index."""
        state = self.discoveries[source.id]
        kind, entries = discovery.sitemap_entries(response.body)
        for loc, lastmod in entries:
            if kind == "sitemapindex":
                yield self.probe(state, loc, self.parse_found_sitemap)
            elif discovery.matches(loc, state.article_patterns):
                state.articles += 1
                yield self.discovered_article(state, loc, lastmod=lastmod)
        yield from self.settle(state)

    # -- feeds ------------------------------------------------------------------------------

    def start_feeds(self, state: SiteDiscovery) -> Iterator[Any]:
        state.stage = "feed"
        home = state.source.homepage
        for url in state.feeds_announced or [urljoin(home, path) for path in discovery.FEED_PATHS]:
            yield self.probe(state, url, self.parse_feed_probe)
        if state.pending == 0:
            yield from self.finish_feeds(state)

    def parse_feed_probe(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        links = discovery.feed_links(response.body, response.url)
        if links:
            state.feeds.append(response.url)
            for url in links:
                state.entries.setdefault(url, None)
        yield from self.settle(state)

    def finish_feeds(self, state: SiteDiscovery) -> Iterator[Any]:
        chosen: list[str] = []
        if state.feeds:
            state.article_patterns, chosen = discovery.choose_articles(
                state.entries, state.hosts, state.home_shapes, state.article_patterns, state.source.deny_links,
                from_feed=True)
        yield from self.take(state, "feed", state.feeds, chosen, self.start_listings)

    def take(self, state: SiteDiscovery, mode: str, start_urls: list[str], chosen: list[str],
             next_stage: Any) -> Iterator[Any]:
        """Crawl what a sitemap or feed stage chose and store how, or go on to the next stage."""
        if not chosen:
            state.article_patterns = list(state.source.article_links)
            yield from next_stage(state)
            return
        state.articles = len(chosen)
        yield SiteProfileItem(state.learned(mode, start_urls))
        for url in chosen:
            yield self.discovered_article(state, url, lastmod=state.entries.get(url))

    def parse_found_feed(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        for url in discovery.feed_links(response.body, response.url):
            if discovery.matches(url, state.article_patterns):
                state.articles += 1
                yield self.discovered_article(state, url)
        yield from self.settle(state)

    # -- listing pages ----------------------------------------------------------------------

    def start_listings(self, state: SiteDiscovery) -> Iterator[Any]:
        state.stage = "listing"
        state.listings = []
        for link in state.candidates:
            yield self.probe(state, link.url, self.parse_listing_probe, category=link.text or None)
        if state.pending == 0:
            yield from self.finish_listings(state)

    def parse_listing_probe(self, response: Response, source: Source) -> Iterator[Any]:
        """A homepage link's page: if it lists dated article links under a shape of its own, walk it."""
        state = self.discoveries[source.id]
        found = self.read_listing(state, response)
        if found.is_listing:
            state.listings.append(response.url)
            state.date_order = state.date_order or discovery.date_order_of(found.links)
            state.article_patterns = _merge(state.article_patterns, found.article_patterns)
            state.pagination_patterns = _merge(state.pagination_patterns, found.pagination_patterns)
            yield from self.walk(state, response, found)
        yield from self.settle(state)

    def finish_listings(self, state: SiteDiscovery) -> Iterator[Any]:
        if not state.listings:
            self.logger.warning("%s: no sitemap, feed or news listing found from %s", state.source.id,
                                state.source.homepage)
            return
        yield SiteProfileItem(state.learned("listing", state.listings))

    def parse_found_listing(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        yield from self.walk(state, response, self.read_listing(state, response, learned=True))
        yield from self.settle(state)

    def parse_discovered_listing(self, response: Response, source: Source) -> Iterator[Any]:
        state = self.discoveries[source.id]
        yield from self.walk(state, response, self.read_listing(state, response, learned=True))

    def read_listing(self, state: SiteDiscovery, response: Response,
                     learned: bool = False) -> discovery.ListingFinding:
        if not isinstance(response, TextResponse):
            return discovery.ListingFinding()
        hosts = state.hosts | {urlsplit(response.url).hostname or ""}
        if learned or state.source.article_links:
            return discovery.read_listing(response.text, response.url, hosts, state.article_patterns,
                                          state.pagination_patterns if learned else state.source.pagination_links)
        return discovery.read_listing(response.text, response.url, hosts)

    def walk(self, state: SiteDiscovery, response: Response, found: discovery.ListingFinding) -> Iterator[Any]:
        category = response.meta.get("category")
        for url in found.article_urls:
            if not discovery.matches(url, state.source.deny_links):
                state.articles += 1
                yield self.discovered_article(state, url, category=category)
        page_number = response.meta.get("listing_page", 1)
        if page_number >= state.source.max_pages:
            return
        for url in found.pagination_urls:
            if not discovery.matches(url, state.source.deny_links):
                yield self.request(url, state.source, self.parse_discovered_listing, page_kind="listing",
                                   category=category, listing_page=page_number + 1)

    # -- articles ---------------------------------------------------------------------------

    def discovered_article(self, state: SiteDiscovery, url: str, category: str | None = None,
                           lastmod: str | None = None) -> Request:
        request = self.article_request(url, state.source, category, lastmod)
        request.meta.update(discovered=True, date_order=state.date_order)
        return request


def _merge(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
