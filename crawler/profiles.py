"""Site profiles: what discovery learned about a site, kept in the archive and reused by the next crawl.

A profile says how the site was crawled (`sitemap`, `feed` or `listing`), from which URLs, which
URLs are its articles and its listing pages' pagination, and the day/month order its pages show.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.archive import Archive, utc_now
from crawler.items import SiteProfileItem
from crawler.registry import Source

TABLE = "site_profiles"
_LISTS = ("start_urls", "article_patterns", "pagination_patterns")


@dataclass
class SiteProfile:
    site_id: str
    mode: str  # sitemap | feed | listing
    start_urls: list[str] = field(default_factory=list)
    article_patterns: list[str] = field(default_factory=list)
    pagination_patterns: list[str] = field(default_factory=list)
    date_order: str | None = None
    articles_found: int = 0
    learned_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        for name in _LISTS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SiteProfile:
        values = {name: row.get(name) for name in cls.__dataclass_fields__}
        for name in _LISTS:
            values[name] = json.loads(values[name] or "[]")
        values["articles_found"] = values["articles_found"] or 0
        return cls(**values)


def date_order_for(source: Source, profile: SiteProfile | None) -> str:
    """The registry's day/month order where it states one, else the one the site's pages showed."""
    if "date_order" in source.declared or profile is None or profile.date_order is None:
        return source.date_order
    return profile.date_order


def load_profiles(path: Path | str) -> dict[str, SiteProfile]:
    """Every stored profile by site id; none when there is no archive yet."""
    if not Path(path).exists():
        return {}
    db = sqlite_utils.Database(path)
    try:
        if not db[TABLE].exists():
            return {}
        return {row["site_id"]: SiteProfile.from_row(row) for row in db[TABLE].rows}
    finally:
        db.close()


class ProfilePipeline:
    """Writes the profiles discovery yields; they are not articles, so no later pipeline sees them."""

    def __init__(self, crawler: Crawler):
        self.path = crawler.settings.get("ARCHIVE_PATH")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProfilePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, SiteProfileItem):
            return item
        profile: SiteProfile = item.profile
        profile.learned_at = profile.learned_at or utc_now()
        archive = Archive(self.path)
        try:
            archive.save_site_profile(profile.to_row())
        finally:
            archive.close()
        raise DropItem(f"site profile of {profile.site_id} stored", log_level="DEBUG")
