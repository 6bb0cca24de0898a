"""Discovery by RSS 2.0 or Atom feeds."""

from __future__ import annotations

from collections.abc import Iterable

from scrapy.http import Request, Response
from scrapy.linkextractors import LinkExtractor

from crawler.discovery import feed_links
from crawler.registry import Source
from spiders.discover import DiscoveringSpider


class FeedSpider(DiscoveringSpider):
    name = "feed"

    def start_requests_for(self, source: Source) -> Iterable[Request]:
        for url in source.feeds:
            yield self.request(url, source, self.parse_feed)

    def parse_feed(self, response: Response, source: Source) -> Iterable[Request]:
        articles = LinkExtractor(allow=source.article_links, deny=source.deny_links)
        for url in feed_links(response.body, response.url):
            if articles.matches(url):
                yield self.article_request(url, source)
