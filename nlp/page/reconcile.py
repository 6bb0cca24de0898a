"""One page's HTML to its fields: each reader gives its signal, and this module weighs them.

A reader that fails on a hostile page loses its signal (noted in `problems`), never the page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from nlp.page.body import find_container, generic_lines, selector_lines, trafilatura_lines, widen_to_headline
from nlp.page.byline import clean_author, is_boilerplate, read_byline, split_tail
from nlp.page.dateline import date_texts, page_date_order, read_date_line, url_date
from nlp.page.datetext import parse_page_date
from nlp.page.dom import Doc, as_list, parse
from nlp.page.headline import read_headline
from nlp.page.kind import kind_signals, page_kind
from nlp.page.metadata import Metadata, read_metadata
from nlp.page.model import Page, PageHints

log = logging.getLogger(__name__)
T = TypeVar("T")
_BYLINE = 120  # longer lines are prose, never the byline
_NEAR_HEADLINE = 60  # elements: a date line this close to the headline beats the metadata


def extract_page(html: str, url: str, hints: PageHints | None = None) -> Page:
    hints = hints or PageHints()
    selectors = hints.selectors or {}
    doc = parse(html)
    problems: list[str] = []
    metadata = _guard("metadata", problems, Metadata(), read_metadata, doc, url)
    page = Page(url=url, canonical_url=metadata.canonical_url or url, problems=problems)
    if _is_truncated(html):
        problems.append("truncated")

    title_element = doc.select(selectors.get("title")) if selectors.get("title") else None
    if title_element is not None:
        page.title = doc.text(title_element)
    else:
        page.title, title_element = _guard("headline", problems, (None, None), read_headline, doc, metadata)
        if selectors.get("title"):
            title_element = None
    if not page.title:
        problems.append("no_title")
    if selectors.get("category"):
        page.category = doc.text(doc.select(selectors["category"])) or None

    candidates = _guard("date_line", problems, [], date_texts, doc)
    order = page_date_order([text for _, text in candidates], hints.date_order)
    found = _guard("date", problems, None, _date, doc, selectors, metadata, candidates, title_element, order, url)
    date_element = found[2] if found else None
    if found:
        page.published, page.published_raw = found[:2]
    else:
        problems.append("no_date")

    body_element = doc.select(selectors.get("body")) if selectors.get("body") else None
    if body_element is not None:
        lines = selector_lines(doc, body_element, as_list(selectors.get("drop")))
    else:
        dated = {element for element, _ in candidates}
        lines = _guard("body", problems, [], _generic_body, doc, page.title, title_element, dated, date_element)
    author_element = doc.select(selectors.get("author")) if selectors.get("author") else None
    if author_element is not None:
        page.author = clean_author(doc.text(author_element))
        lines = [line for line in lines if line != doc.text(author_element)]
    elif not selectors.get("author"):
        page.author = _guard("byline", problems, None, read_byline, doc, metadata)
        if page.author:
            lines = [line for line in lines if len(line) > _BYLINE or clean_author(line) != page.author]
    split_tail(page, [line for line in lines if not is_boilerplate(line)])
    if not page.paragraphs:
        problems.append("no_body")
    if any(selectors.get(key) and element is None for key, element in
           (("title", title_element), ("body", body_element))):  # a page may lack a date, never these
        problems.append("layout_mismatch")
    signals = _guard("page_kind", problems, None, kind_signals, doc, page.paragraphs, page.title,
                     title_element if page.title else None, page.published is not None)
    page.page_kind = page_kind(signals, url) if signals else "other"
    return page


def _date(doc: Doc, selectors: dict, metadata: Metadata, candidates: list, headline: object,
          order: str | None, url: str) -> tuple[str, str, object] | None:
    """A configured date element; else the date line by the headline, the published metadata, the URL.

    Gives (ISO date, raw text, the date line's element or None)."""
    if selectors.get("date"):
        element = doc.select(selectors["date"])
        found = parse_page_date(doc.text(element), order) if element is not None else None
        return (*found, None) if found else None
    line = read_date_line(doc, candidates, headline, order)
    meta = next((found for found in (parse_page_date(value, order) for value in metadata.published) if found), None)
    if line and (line.distance <= _NEAR_HEADLINE or not meta):
        if meta and meta[0][:10] == line.published[:10] and len(meta[0]) > len(line.published):
            return (*meta, line.element)
        return line.published, line.raw, line.element
    if meta:
        return (*meta, None)
    from_url = url_date(url)
    return (from_url, url, None) if from_url else None


# trafilatura's own pass grows faster than linearly with the tree (50,000 short paragraphs: 11 s);
# a page this large with no paragraph cluster is read line by line instead, in one linear walk.
TRAFILATURA_MAX_ELEMENTS = 20_000


def _generic_body(doc: Doc, title: str | None, headline: object, dated: set, date_element: object) -> list[str]:
    container = find_container(doc, dated)
    if container is not None:
        container = widen_to_headline(doc, container, headline)
    lines = generic_lines(doc, container, title, headline, date_element) if container is not None else []
    if not lines and len(doc.elements) <= TRAFILATURA_MAX_ELEMENTS:
        lines = [line for line in trafilatura_lines(doc) if line != title]
    elif not lines:
        lines = generic_lines(doc, doc.root.find("body"), title, headline, date_element)
    return lines


def _guard(name: str, problems: list[str], default: T, reader: Callable[..., T], *args: object) -> T:
    try:
        return reader(*args)
    except Exception:  # a hostile page breaks one reader; the page keeps the other signals
        log.warning("page reader %s failed", name, exc_info=True)
        problems.append(f"unreadable_{name}")
        return default


def _is_truncated(html: str) -> bool:
    tail = html[-2048:].lower()
    return "</html>" not in tail and "</body>" not in tail
