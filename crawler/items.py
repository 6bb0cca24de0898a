"""What spiders hand to the pipelines: an archived page, or a page that could not be archived."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticleItem:
    site_id: str
    url: str
    canonical_url: str
    title: str | None
    published: str | None
    published_raw: str | None
    author: str | None
    source_note: str | None
    original_url: str | None
    category: str | None
    paragraphs: list[str]
    raw_html: bytes
    encoding: str
    http_status: int
    fetched_at: str
    problems: list[str] = field(default_factory=list)
    facts: Any = None


@dataclass
class CrawlErrorItem:
    """A page the crawl met but could not archive; counted per kind in the crawl run."""

    site_id: str | None
    url: str
    kind: str
    message: str
    fetched_at: str
    raw_html: bytes | None = None


@dataclass
class SiteProfileItem:
    """What discovery learned about a site, for the archive's site_profiles table."""

    profile: Any
