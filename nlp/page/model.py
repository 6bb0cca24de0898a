"""What page extraction returns, and what the registry tells it about a site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PAGE_KINDS = ("article", "listing", "homepage", "other")


@dataclass(frozen=True)
class PageHints:
    """What the registry knows of a site: its day/month order and optional CSS selectors."""

    date_order: str | None = None
    selectors: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    url: str
    canonical_url: str
    title: str | None = None
    published: str | None = None
    published_raw: str | None = None
    author: str | None = None
    source_note: str | None = None
    original_url: str | None = None
    category: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    page_kind: str = "article"

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url, "canonical_url": self.canonical_url, "page_kind": self.page_kind,
            "title": self.title, "published": self.published, "published_raw": self.published_raw,
            "author": self.author, "source_note": self.source_note,
            "original_url": self.original_url, "category": self.category,
            "body": self.body, "problems": self.problems,
        }
