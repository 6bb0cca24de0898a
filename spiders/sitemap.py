"""Discovery by sitemap.xml (and sitemap indexes), keeping each URL's lastmod."""

from __future__ import annotations

from collections.abc import Iterable

from scrapy.http import Request, Response
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.sitemap import Sitemap

from crawler.registry import Source
from spiders.discover import DiscoveringSpider


class SitemapSpider(DiscoveringSpider):
    name = "sitemap"

    def start_requests_for(self, source: Source) -> Iterable[Request]:
        for url in source.sitemaps:
            yield self.request(url, source, self.parse_sitemap)

    def parse_sitemap(self, response: Response, source: Source) -> Iterable[Request]:
        sitemap = Sitemap(response.body)
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield self.request(entry["loc"], source, self.parse_sitemap)
            return
        articles = LinkExtractor(allow=source.article_links, deny=source.deny_links)
        for entry in sitemap:
            if articles.matches(entry["loc"]):
                yield self.article_request(entry["loc"], source, lastmod=entry.get("lastmod"))
