"""Downloader middlewares for what these portals get wrong on the wire."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import Request, Response, TextResponse

from crawler.archive import Archive

logger = logging.getLogger(__name__)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_-]+)", re.I)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


class DeclaredCharsetMiddleware:
    """Trust the page's own UTF-8 over a header that claims a Western single-byte charset.

    Several portals send `charset=iso-8859-1` for UTF-8 pages; Scrapy believes the header and
    every Vietnamese letter turns to mojibake. The fix is marked on the response so the crawl
    can count it.
    """

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        header = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        declared = re.search(r"charset=([\w-]+)", header)
        if not declared or declared.group(1) not in _SINGLE_BYTE:
            return response
        meta = _META_CHARSET.search(response.body[:4096])
        try:
            response.body.decode("utf-8")
        except UnicodeDecodeError:
            return response
        if meta and meta.group(1).lower() not in (b"utf-8", b"utf8"):
            return response
        if not any(byte > 0x7F for byte in response.body[:65536]):
            return response
        request.meta["charset_mismatch"] = declared.group(1)
        return response.replace(encoding="utf-8")


class IncrementalMiddleware:
    """Fetch only what is new: skip archived article pages, stop a listing walk at a known page.

    An article URL already in the archive is not requested again unless its sitemap lastmod is
    newer than the archived copy. A listing page whose article links are all archived ends its
    category's walk, since listings run newest first. `BACKFILL = True` walks everything, and so
    does a run after one that never finished, so a crash leaves no listing page unwalked.
    """

    def __init__(self, crawler: Crawler):
        """Read the archive now, before the pipeline opens this run's row."""
        self.crawler = crawler
        self.backfill = crawler.settings.getbool("BACKFILL")
        self.known: dict[str, str] = {}
        path = Path(crawler.settings.get("ARCHIVE_PATH"))
        if path.exists() and crawler.spidercls is not None:
            archive = Archive(path)
            self.known = archive.known_pages()
            if archive.interrupted_run(crawler.spidercls.name):
                self.backfill = True
                logger.info("the last %s run did not finish: walking every listing page",
                            crawler.spidercls.name)
            archive.close()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterable[Any]:
        yield from self.keep(list(result))

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Spider | None = None) -> AsyncIterator[Any]:
        for one in self.keep([one async for one in result]):
            yield one

    def keep(self, outputs: list[Any]) -> list[Any]:
        """One response's output less the known article pages, and less its next listing pages
        when every article on it is known."""
        articles = [one for one in outputs if isinstance(one, Request) and one.meta.get("page_kind") == "article"]
        known = [one for one in articles if self.is_archived(one)]
        stop_walk = not self.backfill and bool(articles) and len(known) == len(articles)
        kept = []
        for one in outputs:
            if isinstance(one, Request) and one in known:
                self.crawler.stats.inc_value(f"site/{one.meta.get('site_id', '-')}/skipped")
            elif not (stop_walk and isinstance(one, Request) and one.meta.get("page_kind") == "listing"):
                kept.append(one)
        return kept

    def is_archived(self, request: Request) -> bool:
        fetched_at = self.known.get(request.url)
        if fetched_at is None:
            return False
        lastmod = request.meta.get("lastmod")
        return not lastmod or lastmod[:10] <= fetched_at[:10]
