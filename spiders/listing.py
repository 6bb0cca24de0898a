"""Discovery by category listing pages: walk their pagination, follow the article links."""

from __future__ import annotations

from collections.abc import Iterable

from scrapy.http import Request, Response
from scrapy.linkextractors import LinkExtractor

from crawler.registry import Source
from spiders.discover import DiscoveringSpider


class ListingSpider(DiscoveringSpider):
    name = "listing"

    def start_requests_for(self, source: Source) -> Iterable[Request]:
        for listing in source.listings:
            yield self.request(listing.url, source, self.parse_listing, page_kind="listing",
                               category=listing.category, listing_page=1)

    def parse_listing(self, response: Response, source: Source) -> Iterable[Request]:
        category = response.meta.get("category")
        articles = LinkExtractor(allow=source.article_links, deny=source.deny_links)
        for link in articles.extract_links(response):
            yield self.article_request(link.url, source, category)
        page_number = response.meta["listing_page"]
        if page_number >= source.max_pages:
            return
        pagination = LinkExtractor(allow=source.pagination_links, deny=source.deny_links)
        for link in pagination.extract_links(response):
            yield self.request(link.url, source, self.parse_listing, page_kind="listing",
                               category=category, listing_page=page_number + 1)
