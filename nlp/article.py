"""One article, from a saved page (HTML or plain text) to its page fields and its facts.

The spiders, `sct extract`, `sct eval` and re-extraction all read articles through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nlp.evaluate import Report, evaluate
from nlp.facts import Facts, extract_facts
from nlp.page import Page, PageHints, extract_page, extract_text_page

_URL_MONTH = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])/")
# "…-20191009100224968.chn": the publication time stamped into the story's name (VCCorp papers, NLD, Dân Việt)
_URL_STAMP = re.compile(r"-((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{6,9}\.\w+$")
# "…-185251017182731107.htm": Thanh Niên's story ids, 185 and the day as YYMMDD, then the time
_URL_SHORT_STAMP = re.compile(r"-185(\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{9}\.htm$")
# "…-18112018-a54933.html": the day written day first (Đồng Khởi and other provincial papers' CMS)
_URL_DAY_FIRST = re.compile(r"-(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])((?:19|20)\d{2})-")


@dataclass
class Article:
    page: Page
    facts: Facts

    def to_dict(self) -> dict[str, Any]:
        return {**self.page.to_dict(), **self.facts.to_dict(), "published": self.page.published}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def read_article(text: str, url: str = "", hints: PageHints | None = None,
                 published: str | None = None, province: str | None = None) -> Article:
    """Page fields from HTML or plain text, then the facts of its body.

    `published` (YYYY-MM-DD) stands in for a page that prints no date, to resolve dates
    written without a year.
    """
    hints = hints or PageHints()
    page = extract_page(text, url, hints) if looks_like_html(text) else extract_text_page(text, url, hints.date_order)
    if page.published is None and published:
        page.published = published
    return Article(page, body_facts(page.body, page.published, province, page.url, page.original_url,
                                    title=page.title))


def body_facts(body: str, published: str | None, province: str | None = None, *urls: str | None,
               title: str | None = None) -> Facts:
    """Facts of an article body; its ISO publication date resolves dates written without a year.

    A page with no date often has the month in its URL (papers file stories under /202303/); that
    month then resolves the years, without being taken for the publication date.
    """
    day = _published_day(published) if published else _month_in_urls(urls)
    return extract_facts(body, published=day, province=province, title=title)


def _published_day(published: str) -> date:
    """The day of an ISO publication date; a date known only to the month ("2021-09") is its first day."""
    return date.fromisoformat(published[:10] if len(published) >= 10 else f"{published[:7]}-01")


def _month_in_urls(urls: tuple[str | None, ...]) -> date | None:
    for url in urls:
        path = (url or "").split("?")[0]
        if match := _URL_STAMP.search(path):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _URL_SHORT_STAMP.search(path):
            return date(2000 + int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _URL_DAY_FIRST.search(path):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := _URL_MONTH.search(path):
            return date(int(match.group(1)), int(match.group(2)), 1)
    return None


def evaluate_directory(gold_path: Path, texts_dir: Path) -> Report:
    """Score extraction on every text a gold file names (by its `seed` id) against that gold; the
    gold's `url`, `published` and `site_province` stand in for what the crawler knows of the page."""
    import json

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    predictions = {}
    for expected in gold["articles"]:
        text = (texts_dir / expected["seed"]).read_text(encoding="utf-8", errors="replace")
        article = read_article(text, expected.get("url") or "", published=expected.get("published"),
                               province=expected.get("site_province"))
        predictions[expected["seed"]] = article.to_dict()
    return evaluate(gold, predictions)
