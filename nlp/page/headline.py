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
        if len(_key(text)) >= 8:
            headings.append((text, element))
    # out of chrome first, real headings before title-classed blocks, then reading order
    headings.sort(key=lambda found: (found[1] in doc.chrome, found[1].tag not in _HEADINGS,
                                     doc.position[found[1]]))
    parts = title_parts(metadata.titles, metadata.site_name)
    keys = [_key(part) for part in parts]
    for key in keys:
        for text, element in headings:
            if _key(text) == key:
                return text, element
    for key in keys:
        # the title may add the site's name or the URL slug after the headline
        inside = [(text, element) for text, element in headings if _key(text) in key and (
            len(_key(text)) >= 0.6 * len(key) or (key.startswith(_key(text)) and len(_key(text)) >= 0.3 * len(key)))]
        if inside:
            return inside[0]
    if parts:
        title = max(parts[:2], key=len) if len(parts) > 1 and parts[1] != metadata.titles[0] else parts[0]
        return title, None
    h1 = next(((text, element) for text, element in headings if element.tag == "h1"), None)
    return h1 if h1 else (None, None)
