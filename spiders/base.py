"""What every spider shares: the sources it crawls, reading an article page, and turning failures into items.

A discovery mode (listing pages, sitemaps, feeds) only decides which URLs are article pages;
everything after that is here, so all modes archive the same way.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlparse

import scrapy
from OpenSSL import SSL
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.archive import utc_now
from crawler.discovery import not_article
from crawler.items import ArticleItem, CrawlErrorItem
from crawler.registry import Source, load_registry
from nlp.page import PageHints, extract_page


class _NoTracebackForDeadHosts(logging.Filter):
    """Scrapy logs a robots.txt download failure with its traceback; a host that does not answer
    is a fact about the site (counted, and shown by `sct status`), not a bug to trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and any(isinstance(cause, tuple(_DOWNLOAD_ERRORS)) for cause in _causes(error)):
            record.exc_info, record.exc_text = None, None
        return True


logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_NoTracebackForDeadHosts())


class RegistrySpider(scrapy.Spider):
    """Crawls the enabled sources of the registry (`-a sites=id1,id2` to pick some)."""

    def __init__(self, sites: str | None = None, sources: str | None = None, *args: Any,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.site_ids = [one for one in (sites or "").split(",") if one]
        self.registry_paths = [one for one in (sources or "").split(",") if one] or None
        self.sources: list[Source] = []
        self.sources_by_id: dict[str, Source] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> RegistrySpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.count_response, signal=signals.response_received)
        spider.select_sources(spider.registry_paths or crawler.settings.getlist("SOURCES") or None)
        lenient = [source.id for source in spider.sources if not source.verify_tls]
        if lenient and crawler.settings.getbool("DOWNLOAD_VERIFY_CERTIFICATES"):
            spider.logger.warning("%s say verify_tls: false but this crawl verifies certificates; "
                                  "run them with -s DOWNLOAD_VERIFY_CERTIFICATES=False (sct crawl does)",
                                  ", ".join(lenient))
        return spider

    def select_sources(self, registry_paths: Iterable[str] | None) -> None:
        sources = [source for source in load_registry(registry_paths) if source.enabled]
        if self.site_ids:
            known = {source.id for source in sources}
            unknown = sorted(set(self.site_ids) - known)
            if unknown:
                raise ValueError(f"unknown or disabled site id(s): {', '.join(unknown)}")
            sources = [source for source in sources if source.id in self.site_ids]
        self.sources = sources
        self.sources_by_id = {source.id: source for source in sources}
        self.allowed_domains = sorted({domain for source in sources for domain in source.domains})

    def count_response(self, response: Response, request: Request) -> None:
        """Any answer from a host (robots.txt included) shows it is reachable; see crawler/health.py."""
        site_id = request.meta.get("site_id") or self.site_for_url(request.url)
        self.crawler.stats.inc_value(f"site/{site_id or '-'}/responses")

    def site_for_url(self, url: str) -> str | None:
        host = urlparse(url).hostname
        return next((source.id for source in self.sources if host in source.domains), None)

    async def start(self) -> AsyncIterator[Request]:
        for source in self.sources:
            for request in self.requests_for(source):
                yield request

    def requests_for(self, source: Source) -> Iterable[Request]:
        return self.start_requests_for(source)

    def start_requests_for(self, source: Source) -> Iterable[Request]:
        raise NotImplementedError

    def request(self, url: str, source: Source, callback: Any, *, errback: Any = None,
                dont_filter: bool = False, **meta: Any) -> Request:
        return Request(url, callback=callback, errback=errback or self.on_error, dont_filter=dont_filter,
                       meta={"site_id": source.id, **meta}, cb_kwargs={"source": source})

    def article_request(self, url: str, source: Source, category: str | None = None,
                        lastmod: str | None = None) -> Request:
        return self.request(url, source, self.parse_article, page_kind="article", category=category,
                            lastmod=lastmod)

    def parse_article(self, response: Response, source: Source) -> Iterable[ArticleItem | CrawlErrorItem]:
        fetched_at = utc_now()
        if response.meta.get("discovered") and not isinstance(response, TextResponse):
            self.logger.info("not an article (not a page), skipped: %s", response.url)
            self.crawler.stats.inc_value(f"site/{source.id}/skipped")
            self.crawler.stats.inc_value(f"site/{source.id}/not_article")
            return
        date_order = response.meta.get("date_order") or source.date_order
        try:
            page = extract_page(response.text, response.url, PageHints(date_order, dict(source.selectors)))
        except Exception as error:  # a broken page must never stop the crawl
            self.logger.exception("cannot read %s", response.url)
            yield CrawlErrorItem(source.id, response.url, "parse_error", repr(error), fetched_at,
                                 response.body)
            return
        if "truncated" in page.problems:
            yield CrawlErrorItem(source.id, response.url, "truncated",
                                 "the page ends before its closing tags", fetched_at, response.body)
            return
        reason = not_article(response.text, response.url, page) if response.meta.get("discovered") else None
        if reason:
            self.logger.info("not an article (%s), skipped: %s", reason, response.url)
            self.crawler.stats.inc_value(f"site/{source.id}/skipped")
            self.crawler.stats.inc_value(f"site/{source.id}/not_article")
            return
        mismatch = response.meta.get("charset_mismatch")
        if mismatch:
            page.problems.append("charset_mismatch")
        yield ArticleItem(
            site_id=source.id, url=response.url, canonical_url=page.canonical_url,
            title=page.title, published=page.published, published_raw=page.published_raw,
            author=page.author, source_note=page.source_note, original_url=page.original_url,
            category=page.category or response.meta.get("category"), paragraphs=page.paragraphs,
            raw_html=response.body, encoding=response.encoding, http_status=response.status,
            fetched_at=fetched_at, problems=page.problems,
        )

    def on_error(self, failure: Failure) -> Iterable[CrawlErrorItem]:
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.logger.debug("ignored %s: %s", request.url, failure.value)
            return
        yield CrawlErrorItem(request.meta.get("site_id"), request.url, error_kind(failure),
                             str(failure.value)[:500], utc_now())


_DOWNLOAD_ERRORS = {
    DownloadTimeoutError: "timeout",
    CannotResolveHostError: "dns",
    DownloadConnectionRefusedError: "connection_refused",
    ResponseDataLossError: "truncated",
}


def error_kind(failure: Failure) -> str:
    """A short name for why a page could not be fetched, counted per kind in the crawl run."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if any(isinstance(cause, SSL.Error) for cause in _causes(failure.value)):
        return "tls_error"
    return next((kind for error, kind in _DOWNLOAD_ERRORS.items() if failure.check(error)), "download_error")


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    """The exception and what caused it: Scrapy wraps Twisted's errors, which list OpenSSL's as reasons."""
    while error is not None:
        yield error
        for reason in getattr(error, "reasons", None) or []:
            yield from _causes(reason.value)
        error = error.__cause__ or error.__context__
