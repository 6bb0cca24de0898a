"""The headline: the heading element that the page's own title names, less the site's name.

A portal's h1 is often its logo or name, and its <title> adds the site name; so a heading wins when
og:title, the JSON-LD headline or <title> (split at " - ", " | ", ...) contains it, the longest part
of the title first.
"""

from __future__ import annotations

import re

from lxml import etree

from nlp.page.dom import Doc
from nlp.page.metadata import Metadata
from nlp.text import canonical_tones

_HEADINGS = ("h1", "h2", "h3", "h4")
_TITLE_CLASS = re.compile(r"title|headline|tieu-?de", re.I)
_SEPARATOR = re.compile(r"\s+[-|–—:»]+\s+|\s*\|\s*")
_MAX_HEADING = 400
_HEADLINE_WORDS = 5


def _key(text: str) -> str:
    return canonical_tones(re.sub(r"[\W_]+", " ", text.lower())).strip()


def title_parts(titles: list[str], site_name: str | None) -> list[str]:
    """Candidate titles without the site name: each title's first and longest part, then the whole."""
    site = _key(site_name or "")
    parts: list[str] = []
    for title in titles:
        pieces = [piece for piece in _SEPARATOR.split(title) if piece and _key(piece) and _key(piece) != site]
        for part in (*pieces[:1], *sorted(pieces, key=len, reverse=True)[:1], title):
            if part not in parts:
                parts.append(part)
    return parts


def read_headline(doc: Doc, metadata: Metadata) -> tuple[str | None, etree._Element | None]:
    """(headline text, its element); the element anchors the date line and the body."""
    headings = []
    for element in doc.root.iter(*_HEADINGS, "div", "span", "p", "a"):
        if element.tag not in _HEADINGS and not (
                _TITLE_CLASS.search(element.get("class") or "") or element.get("itemprop") in ("headline", "title")):
            continue
        if element in doc.hidden or not 10 <= doc.text_len.get(element, 0) <= _MAX_HEADING:
            continue
        text = doc.text(element)
        key = _key(text)
        if len(key) >= 8:
            headings.append((text, element, key))
    # out of chrome first, real headings before title-classed blocks, then reading order
    headings.sort(key=lambda found: (found[1] in doc.chrome, found[1].tag not in _HEADINGS,
                                     doc.position[found[1]]))
    parts = title_parts(metadata.titles, metadata.site_name)
    keys = [_key(part) for part in parts]
    by_key: dict[str, tuple[str, etree._Element]] = {}
    for text, element, key in headings:
        by_key.setdefault(key, (text, element))
    for key in keys:
        if key in by_key:
            return by_key[key]
    for key in keys:
        # the title may add the site's name or the URL slug after the headline
        inside = [(text, element) for text, element, own in headings if own in key and (
            len(own) >= 0.6 * len(key) or (key.startswith(own) and len(own) >= 0.3 * len(key)))]
        if inside:
            return inside[0]
    # no heading is named by the title (a portal whose <title> is its own name): the first h1 out of chrome
    h1 = next(((text, element) for text, element, _ in headings
               if element.tag == "h1" and element not in doc.chrome and len(text.split()) >= _HEADLINE_WORDS), None)
    if h1:
        return h1
    if parts:
        return (parts[1] if len(parts) > 1 else parts[0]), None
    return None, None
