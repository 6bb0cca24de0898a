"""Item pipelines: normalise, extract facts, archive. Each run is recorded with its counts."""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Request

from crawler.archive import Archive
from crawler.items import ArticleItem, CrawlErrorItem
from nlp.article import body_facts
from nlp.text import normalize

logger = logging.getLogger(__name__)


class NormalizePipeline:
    """Every text that enters the archive is NFC with tidy whitespace."""

    def process_item(self, item: Any) -> Any:
        for field in dataclasses.fields(item):
            value = getattr(item, field.name)
            if isinstance(value, str):
                setattr(item, field.name, normalize(value))
            elif isinstance(value, list) and all(isinstance(one, str) for one in value):
                setattr(item, field.name, [normalize(one) for one in value])
        return item


class ExtractFactsPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractFactsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            source = getattr(self.crawler.spider, "sources_by_id", {}).get(item.site_id)
            item.facts = body_facts("\n\n".join(item.paragraphs), item.published,
                                    source.province if source else None, item.url, item.original_url)
        return item


class ArchivePipeline:
    """Writes articles and errors, and the crawl run with its counts per site and per kind.

    Counts go through Scrapy's stats collector as `site/<id>/<what>`, so middlewares can add
    their own (skipped pages) and the run's row sums them all.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive: Archive | None = None
        self.run_id = 0
        crawler.signals.connect(self.count_request, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.finish_run, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def count(self, site_id: str | None, what: str) -> None:
        self.stats.inc_value(f"site/{site_id or '-'}/{what}")

    def count_request(self, request: Request, spider: Spider) -> None:
        """Requests the spider did not make (robots.txt) count for the site of their host."""
        site_id = request.meta.get("site_id") or spider.site_for_url(request.url)
        self.count(site_id, "requests")

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.archive = Archive(self.crawler.settings.get("ARCHIVE_PATH"))
        sources = getattr(spider, "sources", [])
        self.archive.upsert_sites(sources)
        self.run_id = self.archive.start_run(spider.name, [source.id for source in sources])

    def process_item(self, item: Any) -> Any:
        assert self.archive is not None
        if isinstance(item, CrawlErrorItem):
            self.record_error(item.site_id, item.url, item.kind, item.message, item.fetched_at)
            return item
        for problem in item.problems:
            self.record_error(item.site_id, item.url, problem, "archived with this problem",
                              item.fetched_at)
        record = {field.name: getattr(item, field.name) for field in dataclasses.fields(item)}
        record["body"] = "\n\n".join(item.paragraphs)
        record["problems"] = ",".join(item.problems) or None
        outcome = self.archive.save_article(record, item.raw_html, item.encoding, item.http_status,
                                            item.facts)
        self.count(item.site_id, outcome)
        return item

    def record_error(self, site_id: str | None, url: str, kind: str, message: str, at: str) -> None:
        assert self.archive is not None
        self.count(site_id, f"error:{kind}")
        self.archive.record_error(self.run_id, site_id, url, kind, message, at)
        logger.warning("%s: %s (%s)", kind, url, message)

    def finish_run(self, spider: Spider, reason: str) -> None:
        """On spider_closed rather than close_spider: only then is the finish reason known."""
        if self.archive is None:
            return
        per_site: dict[str, dict[str, int]] = defaultdict(dict)
        for key, value in self.stats.get_stats().items():
            if key.startswith("site/"):
                _, site_id, what = key.split("/", 2)
                per_site[site_id][what] = value
        self.archive.finish_run(self.run_id, reason, dict(per_site))
        self.archive.close()
