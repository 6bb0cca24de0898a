"""What the page says about itself in markup: JSON-LD, Open Graph / article:* meta, itemprop, Dublin Core.

Published and modified dates are kept apart so a "modified" date never stands in for a published one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from nlp.page.dom import Doc
from nlp.text import normalize

_PUBLISHED = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
              "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
              "date", "sailthru.date", "article.published")
_MODIFIED = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified", "dcterms.modified",
             "last-modified", "lastmod")
_MAX_JSON_DEPTH = 40
_MAX_JSON_CHARS = 200_000
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_WITH_ITEMPROP = etree.XPath("//*[@itemprop]")  # in document order, as a walk over every element


@dataclass
class Metadata:
    published: list[str] = field(default_factory=list)  # strongest first
    modified: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # og:title, JSON-LD headline, <title>
    site_name: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    types: set[str] = field(default_factory=set)  # og:type and JSON-LD @type values, lower case


def read_metadata(doc: Doc, url: str) -> Metadata:
    found = Metadata()
    meta_values: dict[str, str] = {}
    for element in doc.root.iter("meta", "link", "script", "title", "time"):
        tag = element.tag
        if tag == "meta":
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            value = normalize(element.get("content") or "").strip()
            if key and value:
                meta_values.setdefault(key, value)
        elif tag == "link" and "canonical" in (element.get("rel") or "").lower() and element.get("href"):
            found.canonical_url = found.canonical_url or element.get("href").strip()
        elif tag == "script" and (element.get("type") or "").lower() == "application/ld+json":
            _read_json_ld(element.text or "", found)
        elif tag == "title":
            title = normalize(" ".join((element.text or "").split()))
            if title:
                meta_values.setdefault("<title>", title)
        elif tag == "time" and element.get("pubdate") is not None and element.get("datetime"):
            found.published.append(element.get("datetime"))
    for element in _WITH_ITEMPROP(doc.root):
        prop = element.get("itemprop").lower()
        if prop in ("datepublished", "datemodified") and element.tag != "meta":
            value = element.get("content") or element.get("datetime") or doc.text(element, limit=80)
            if value:
                (found.published if prop == "datepublished" else found.modified).append(value)
    found.published.extend(meta_values[key] for key in _PUBLISHED if key in meta_values)
    found.modified.extend(meta_values[key] for key in _MODIFIED if key in meta_values)
    found.titles = [value for value in (meta_values.get("og:title"), *found.titles, meta_values.get("<title>"))
                    if value]
    found.site_name = meta_values.get("og:site_name") or found.site_name
    found.author = found.author or meta_values.get("author") or meta_values.get("article:author")
    if meta_values.get("og:type"):
        found.types.add(meta_values["og:type"].lower())
    canonical = found.canonical_url or meta_values.get("og:url")
    found.canonical_url = urljoin(url, canonical) if canonical else url
    return found


def _read_json_ld(text: str, found: Metadata) -> None:
    """JSON-LD read only when shallow and small: deep nesting would exhaust the recursion of `json`."""
    if len(text) > _MAX_JSON_CHARS or _depth(text) > _MAX_JSON_DEPTH:
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict):
            continue
        kind = item.get("@type")
        kinds = {str(one).lower() for one in (kind if isinstance(kind, list) else [kind]) if one}
        found.types |= kinds
        if kinds & {"newsarticle", "article", "blogposting", "reportagenewsarticle"} or "headline" in item:
            if isinstance(item.get("datePublished"), str):
                found.published.insert(0, item["datePublished"])
            if isinstance(item.get("dateModified"), str):
                found.modified.append(item["dateModified"])
            if isinstance(item.get("headline"), str):
                found.titles.append(normalize(item["headline"]))
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and 0 < len(name) < 80:
                found.author = normalize(name)
        if isinstance(item.get("@graph"), list):
            stack.extend(item["@graph"])


def _depth(text: str) -> int:
    """Bracket nesting depth, outside strings; linear, without recursion."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest
