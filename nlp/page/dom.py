"""One parse per page, and the facts every reader needs, computed in linear passes over it.

The tree is parsed once with lxml (readers and trafilatura share it). Reading order, visible text
lengths, link text and "chrome" (header, footer, navigation, related lists, clocks) are computed
for every element in one pass each, so no reader ever walks a subtree per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

from nlp.text import normalize

BLOCK_TAGS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "tr",
                        "section", "article", "header", "footer", "ul", "ol", "table", "dd", "dt", "dl",
                        "figure", "main", "aside", "pre", "center", "tbody", "form", "nav"))
NEVER_BODY = frozenset(("script", "style", "noscript", "iframe", "form", "button", "input", "select",
                        "textarea", "nav", "figcaption", "template", "object", "embed", "head", "title", "desc"))
# not svg: libxml2 leaves the page inside a mis-nested <svg> open, where a browser breaks out of it
_INVISIBLE = frozenset(("script", "style", "noscript", "template", "head", "title", "desc", "select", "option"))
_CHROME_TAGS = frozenset(("header", "footer", "nav", "aside"))
CHROME_HINT = re.compile(
    r"clock|today|weather|^header|top-?header|site-?header|page-?header|footer|menu|nav|breadcrumb|related|other|lienquan|lien-quan|"
    r"cung-?chuyen-?muc|tin-?khac|sidebar|counter|thong-?ke|visitor|banner|share|social|comment|"
    r"tag|keyword|copyright|marquee|portlet-topper|ticker|headline|time-?now|"
    r"most|popular|xem-?nhieu|doc-?nhieu|top-?news|hot-?news|slide|advert|qc|quangcao", re.I)
_CONTENT_TOKEN = re.compile(r"article|news|post|detail|content|title|entry|story|main|body|date|time", re.I)
_STRONG_CHROME = re.compile(r"related|lien-?quan|tin-?khac|comment|share|social|banner|advert|tags?\b", re.I)
_CHROME, _LISTY, _NEVER, _HIDDEN_FLAG = 1, 2, 4, 8
_DATE_TOKEN = re.compile(r"date|author", re.I)  # a block named for the article's date line or byline
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# plain etree elements: lxml.html's Python-level element class lookup costs a call per element
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


@dataclass
class Doc:
    """A parsed page with per-element facts; `elements` keeps every proxy alive so dict keys stay valid."""

    root: etree._Element
    elements: list[etree._Element]
    position: dict[etree._Element, int] = field(default_factory=dict)
    text_len: dict[etree._Element, int] = field(default_factory=dict)
    link_len: dict[etree._Element, int] = field(default_factory=dict)
    inline_len: dict[etree._Element, int] = field(default_factory=dict)
    inline_link_len: dict[etree._Element, int] = field(default_factory=dict)
    chrome: set[etree._Element] = field(default_factory=set)
    listy: set[etree._Element] = field(default_factory=set)
    hidden: set[etree._Element] = field(default_factory=set)
    never: set[etree._Element] = field(default_factory=set)  # inside forms, scripts, navigation
    own_chrome: set[etree._Element] = field(default_factory=set)  # named or tagged as chrome itself
    # by position: each element's tag, own text, tail, its parent's position (-1 for the root) and
    # its last descendant's position (its subtree is the positions from its own to that one)
    tags: list[str] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)
    tails: list[str | None] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    last: list[int] = field(default_factory=list)
    others: list[etree._Element] = field(default_factory=list)  # nodes that are no element (entities), for their tails

    def text(self, element: etree._Element | None, limit: int | None = None) -> str:
        """The element's visible text, normalised; None or a text longer than `limit` gives ''."""
        if element is None or (limit is not None and self.text_len.get(element, 0) > limit):
            return ""
        return normalize(" ".join(" ".join(_visible_strings(element)).split()))

    def word_count(self, element: etree._Element) -> int:
        """Words of the element's visible text: the same count as in `text()`, without normalising it."""
        return len(" ".join(_visible_strings(element)).split())

    def contains(self, ancestor: etree._Element, element: etree._Element) -> bool:
        """The element is the ancestor or inside it."""
        start = self.position[ancestor]
        return start <= self.position[element] <= self.last[start]

    def select(self, selector: str | list[str] | None) -> etree._Element | None:
        for one in as_list(selector):
            found = _compiled(one)(self.root)
            if found:
                return found[0]
        return None

    def select_all(self, selector: str) -> list[etree._Element]:
        return _compiled(selector)(self.root)


def parse(html: str) -> Doc:
    """Parse once; an empty or unparsable page gives an empty document rather than an exception."""
    data = _XML_DECLARATION.sub("", html or "").encode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, parser=_PARSER) if data.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or root.find("body") is None:
        root = etree.fromstring(b"<html><body></body></html>", parser=_PARSER) if root is None else root
        if root.find("body") is None:
            etree.SubElement(root, "body")
    nodes = list(root.iter())
    doc = Doc(root, [node for node in nodes if isinstance(node.tag, str)])
    doc.others = [node for node in nodes if not isinstance(node.tag, str)]
    _measure(doc)
    return doc


def _measure(doc: Doc) -> None:
    """Positions and chrome top-down, text lengths bottom-up: two passes over lists indexed by position,
    each element read once (lxml builds a new Python object for every attribute, text and child it gives)."""
    elements = doc.elements
    doc.position = position = dict(zip(elements, range(len(elements)), strict=True))
    doc.parents = parents = [position.get(element.getparent(), -1) for element in elements]
    doc.texts = [element.text for element in elements]
    doc.tails = tails = [element.tail for element in elements]
    doc.last = last = list(range(len(elements)))
    doc.tags = tags = [element.tag for element in elements]
    flags = [0] * len(elements)
    for index, element in enumerate(elements):
        tag, parent = tags[index], parents[index]
        flag = flags[parent] if parent >= 0 else 0
        names = element.keys()
        if tag in _CHROME_TAGS or (names and is_chrome_hint(element)):
            flag |= _CHROME
            doc.own_chrome.add(element)
        if tag == "li":
            flag |= _LISTY
        if tag in NEVER_BODY and tag != "form":
            flag |= _NEVER
        if names and not flag & _HIDDEN_FLAG and ("hidden" in names or _HIDDEN.search(element.get("style") or "")):
            flag |= _HIDDEN_FLAG
        flags[index] = flag
    for target, bit in ((doc.chrome, _CHROME), (doc.listy, _LISTY), (doc.never, _NEVER), (doc.hidden, _HIDDEN_FLAG)):
        target.update(element for element, flag in zip(elements, flags, strict=True) if flag & bit)
    own = [0 if tag in _INVISIBLE or flag & _HIDDEN_FLAG else _size(text)
           for text, tag, flag in zip(doc.texts, tags, flags, strict=True)]
    inline = own.copy()
    links = [0] * len(elements)
    inline_links = [0] * len(elements)
    for other in doc.others:  # a node that is no element still carries its tail into its parent
        parent = position.get(other.getparent(), -1)
        if parent >= 0:
            tail = _size(other.tail)
            own[parent] += tail
            inline[parent] += tail
    for index in range(len(elements) - 1, -1, -1):  # children come after their parent: done before it
        tag = tags[index]
        if tag == "a":
            links[index] = inline_links[index] = own[index]
        parent = parents[index]
        if parent < 0:
            continue
        if last[index] > last[parent]:
            last[parent] = last[index]
        tail = _size(tails[index])
        own[parent] += own[index] + tail
        links[parent] += links[index]
        inline[parent] += tail
        if tag not in BLOCK_TAGS:
            inline[parent] += inline[index]
            inline_links[parent] += inline_links[index]
    doc.text_len = dict(zip(elements, own, strict=True))
    doc.link_len = dict(zip(elements, links, strict=True))
    doc.inline_len = dict(zip(elements, inline, strict=True))
    doc.inline_link_len = dict(zip(elements, inline_links, strict=True))


def _size(text: str | None) -> int:
    """Characters that show: whitespace between tags is layout, not text."""
    return 0 if not text or text.isspace() else len(text.strip())


def is_chrome_hint(element: etree._Element) -> bool:
    """An id or class token naming page chrome (a clock, a menu, a related list), not the article's own part."""
    ident, classes, kind = element.get("id"), element.get("class"), element.get("type")
    if ident is None and classes is None and kind is None:
        return False
    return _chrome_names(f"{ident or ''} {classes or ''} {kind or ''}")


@lru_cache(maxsize=4096)
def _chrome_names(names: str) -> bool:
    """Kept by the names: a site's pages repeat the same few class attributes on every element."""
    for token in names.split():
        if CHROME_HINT.search(token) and not _DATE_TOKEN.search(token) and (
                _STRONG_CHROME.search(token) or not _CONTENT_TOKEN.search(token)):
            return True
    return False


def _visible_strings(element: etree._Element) -> list[str]:
    """The element's text pieces in order, without scripts and styles; iterative for deep trees."""
    pieces: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not element and node.tail:
                pieces.append(node.tail)
            continue
        if not isinstance(node.tag, str) or node.tag in _INVISIBLE:
            if node is not element and node.tail:
                pieces.append(node.tail)
            continue
        if node.text:
            pieces.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return pieces


def as_list(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


_SELECTORS: dict[str, CSSSelector] = {}


def _compiled(selector: str) -> CSSSelector:
    if selector not in _SELECTORS:
        _SELECTORS[selector] = CSSSelector(selector)
    return _SELECTORS[selector]
