"""Item pipelines: normalise, extract facts, archive. Each run is recorded with its counts.

No page is lost silently: an article that cannot be written (a value SQLite refuses, a full disk,
any error) is counted as `not_archived`, recorded in `crawl_errors` with its URL, and left out of
the archive's known pages so the next run fetches it again; `sct crawl` then exits non-zero. A full
disk stops the crawl at once, since every later write would fail the same way.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import sqlite3
import time
from collections import defaultdict
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy.utils.defer import deferred_from_coro

from crawler.archive import ARCHIVE_FAILED, DISK_FULL, Archive
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
            try:
                item.facts = body_facts("\n\n".join(item.paragraphs), item.published,
                                        source.province if source else None, item.url, item.original_url,
                                        title=item.title)
            except Exception:  # the article is still worth archiving; its facts are re-run by reextract
                logger.exception("fact extraction failed: %s", item.url)
                item.problems.append("facts_failed")
                return item
            item.problems.extend(one for one in item.facts.problems if one not in item.problems)
        return item


class ArchivePipeline:
    """Writes articles and errors, and the crawl run with its counts per site and per kind.

    Counts go through Scrapy's stats collector as `site/<id>/<what>`, so middlewares can add
    their own (skipped pages) and the run's row sums them all.

    Articles are written in batches, one transaction each (ARCHIVE_BATCH_SIZE articles or
    ARCHIVE_BATCH_SECONDS old, whichever comes first), and counted only once committed: a crawl
    killed mid-batch loses only uncommitted articles, which the next run fetches again. A batch
    that fails is written again one article per transaction, so each failure is its own.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.archive: Archive | None = None
        self.run_id = 0
        self.stopping = False
        self.batch_size = crawler.settings.getint("ARCHIVE_BATCH_SIZE", 1)
        self.batch_seconds = crawler.settings.getfloat("ARCHIVE_BATCH_SECONDS", 0.0)
        self.pending: list[ArticleItem] = []
        self.pending_since = 0.0
        crawler.signals.connect(self.count_request, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.flush, signal=signals.spider_idle)
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
        if not self.pending:
            self.pending_since = time.monotonic()
        self.pending.append(item)
        if len(self.pending) >= self.batch_size or time.monotonic() - self.pending_since >= self.batch_seconds:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the pending articles in one transaction; one by one if that fails."""
        assert self.archive is not None
        batch, self.pending = self.pending, []
        if len(batch) > 1:
            try:
                with self.archive.transaction():
                    outcomes = [self.save(item) for item in batch]
            except Exception as error:  # each article's own failure is recorded below
                logger.warning("a batch of %d articles failed (%s); writing them one by one", len(batch), error)
            else:
                for item, outcome in zip(batch, outcomes, strict=True):
                    self.count(item.site_id, outcome)
                return
        for item in batch:
            self.archive_item(item)

    def archive_item(self, item: ArticleItem) -> None:
        """One article in its own transaction, counted once written, or counted and recorded as not archived."""
        try:
            outcome = self.save(item)
        except Exception as error:
            self.not_archived(item, error)
            return
        self.count(item.site_id, outcome)

    def save(self, item: ArticleItem) -> str:
        assert self.archive is not None
        record = {field.name: getattr(item, field.name) for field in dataclasses.fields(item)}
        record["body"] = "\n\n".join(item.paragraphs)
        record["problems"] = ",".join(item.problems) or None
        return self.archive.save_article(record, item.raw_html, item.encoding, item.http_status,
                                         item.facts)

    def not_archived(self, item: ArticleItem, error: Exception) -> None:
        kind = DISK_FULL if is_disk_full(error) else ARCHIVE_FAILED
        self.count(item.site_id, "not_archived")
        self.record_error(item.site_id, item.url, kind, f"{type(error).__name__}: {error}", item.fetched_at)
        if kind == DISK_FULL and not self.stopping:
            self.stopping = True
            logger.error("the disk is full: stopping the crawl")
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=DISK_FULL))

    def record_error(self, site_id: str | None, url: str, kind: str, message: str, at: str) -> None:
        assert self.archive is not None
        self.count(site_id, f"error:{kind}")
        logger.warning("%s: %s (%s)", kind, url, message)
        try:
            self.archive.record_error(self.run_id, site_id, url, kind, message, at)
        except Exception as error:  # a full disk: the count and the log still tell, and the page is retried
            logger.error("could not record the error for %s: %s", url, error)

    def finish_run(self, spider: Spider, reason: str) -> None:
        """On spider_closed rather than close_spider: only then is the finish reason known."""
        if self.archive is None:
            return
        self.flush()
        try:  # smaller pages are a saving, not a duty: a failure leaves the pages as they are, all readable
            self.archive.train_dictionaries(source.id for source in getattr(spider, "sources", []))
        except Exception as error:
            logger.error("could not train the sites' HTML dictionaries: %s", error)
        per_site: dict[str, dict[str, int]] = defaultdict(dict)
        for key, value in self.stats.get_stats().items():
            if key.startswith("site/"):
                _, site_id, what = key.split("/", 2)
                per_site[site_id][what] = value
        try:
            self.archive.finish_run(self.run_id, reason, dict(per_site))
        except Exception as error:  # the run stays "running": the next run walks everything again
            logger.error("could not record the end of the run: %s", error)
        self.archive.close()


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return isinstance(error, OSError) and error.errno == errno.ENOSPC
