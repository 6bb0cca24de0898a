"""The visible date line nearest the headline in reading order, and dates in the URL.

Site clocks sit in the header, related-news dates in lists and links: both are chrome and left out;
of what remains, the short date text closest to the headline is the article's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from nlp.page.datetext import DATE_LINE, detect_date_order, parse_page_date
from nlp.page.dom import Doc

_MAX_LINE = 120
_SHORT_PARENT = 60
_QUICK = re.compile(r"\d\s*[/.\-]\s*\d")
_NO_TEXT = frozenset(("script", "style", "noscript", "template", "head", "title", "select", "option"))
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_MODIFIED_LABEL = re.compile(r"cập nhật|sửa lúc|chỉnh sửa|modified|updated", re.I)
_LIST_PENALTY = 100_000
_MODIFIED_PENALTY = 10_000


@dataclass
class DateLine:
    published: str
    raw: str
    distance: int  # elements between it and the headline in reading order
    element: etree._Element | None = None


def date_texts(doc: Doc) -> list[tuple[etree._Element, str]]:
    """Short visible texts holding a date: the innermost element around each, or its short parent
    (which often adds the time printed beside the date). Only elements whose own text has a
    number pair like a date are looked at, so a page of prose costs one cheap scan."""
    found = []
    seen: set[etree._Element] = set()
    quick = _QUICK.search
    marked = {index for index, text in enumerate(doc.texts) if text and quick(text)}  # its own text
    marked.update(doc.parents[index] for index, tail in enumerate(doc.tails) if tail and quick(tail))  # a child's tail
    marked.update(doc.position.get(other.getparent(), -1) for other in doc.others if quick(other.tail or ""))
    marked.discard(-1)
    for index in sorted(marked):
        element = doc.elements[index]
        if element in doc.hidden or element in doc.never or element.tag in _NO_TEXT:
            continue
        candidate = element
        text = doc.text(element, limit=_MAX_LINE)
        if not DATE_LINE.search(text):
            candidate = element.getparent()
            text = doc.text(candidate, limit=_MAX_LINE) if candidate is not None else ""
            if not DATE_LINE.search(text):
                continue
        if candidate in seen:
            continue
        seen.add(candidate)
        parent = candidate.getparent()
        if parent is not None and doc.text_len.get(parent, _MAX_LINE) <= _SHORT_PARENT:
            text = doc.text(parent)
        found.append((candidate, text))
    return found


def page_date_order(texts: list[str], hint: str | None) -> str | None:
    """The site's hint wins; otherwise the order the page's own dates show."""
    return hint or detect_date_order(texts)


def read_date_line(doc: Doc, candidates: list[tuple[etree._Element, str]], headline: etree._Element | None,
                   date_order: str | None) -> DateLine | None:
    anchor = doc.position[headline] if headline is not None else None
    best: DateLine | None = None
    for element, text in candidates:
        if element in doc.chrome:
            continue
        found = parse_page_date(text, date_order)
        if not found:
            continue
        distance = abs(doc.position[element] - anchor) if anchor is not None else doc.position[element]
        # a date in a list item (related news) or labelled as an update is taken only when nothing else is
        distance += _LIST_PENALTY * (element in doc.listy) + _MODIFIED_PENALTY * bool(_MODIFIED_LABEL.search(text))
        if best is None or distance < best.distance:
            best = DateLine(found[0], found[1], distance, element)
    return best


def url_date(url: str) -> str | None:
    match = _URL_DATE.search(url or "")
    found = parse_page_date("-".join(match.groups())) if match else None
    return found[0] if found else None
