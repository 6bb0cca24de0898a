"""One parse per page, and the facts every reader needs, computed in linear passes over it.

The tree is parsed once with lxml (readers and trafilatura share it). Reading order, visible text
lengths, link text and "chrome" (header, footer, navigation, related lists, clocks) are computed
for every element in one pass each, so no reader ever walks a subtree per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

    def text(self, element: etree._Element | None, limit: int | None = None) -> str:
        """The element's visible text, normalised; None or a text longer than `limit` gives ''."""
        if element is None or (limit is not None and self.text_len.get(element, 0) > limit):
            return ""
        return normalize(" ".join(" ".join(_visible_strings(element)).split()))

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
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    doc = Doc(root, elements)
    _measure(doc)
    return doc


def _measure(doc: Doc) -> None:
    """Positions and chrome top-down, text lengths bottom-up: two passes over the elements."""
    flags: dict[etree._Element, int] = {}
    position = doc.position
    for index, element in enumerate(doc.elements):
        position[element] = index
        parent = element.getparent()
        tag = element.tag
        flag = flags.get(parent, 0) if parent is not None else 0
        if tag in _CHROME_TAGS or is_chrome_hint(element):
            flag |= _CHROME
            doc.own_chrome.add(element)
        if tag == "li":
            flag |= _LISTY
        if tag in NEVER_BODY and tag != "form":
            flag |= _NEVER
        if not flag & _HIDDEN_FLAG and (element.get("hidden") is not None
                                         or _HIDDEN.search(element.get("style") or "")):
            flag |= _HIDDEN_FLAG
        flags[element] = flag
    for target, bit in ((doc.chrome, _CHROME), (doc.listy, _LISTY), (doc.never, _NEVER), (doc.hidden, _HIDDEN_FLAG)):
        target.update(element for element, flag in flags.items() if flag & bit)
    text_len, link_len, inline_len, inline_link_len = doc.text_len, doc.link_len, doc.inline_len, doc.inline_link_len
    for element in reversed(doc.elements):
        tag = element.tag
        own = inline = 0 if tag in _INVISIBLE or flags[element] & _HIDDEN_FLAG else _size(element.text)
        links = inline_links = 0
        for child in element:
            tail = _size(child.tail)
            own += tail
            inline += tail
            if child not in text_len:
                continue
            own += text_len[child]
            links += link_len[child]
            if child.tag not in BLOCK_TAGS:
                inline += inline_len[child]
                inline_links += inline_link_len[child]
        if tag == "a":
            links = inline_links = own
        text_len[element] = own
        link_len[element] = links
        inline_len[element] = inline
        inline_link_len[element] = inline_links


def _size(text: str | None) -> int:
    """Characters that show: whitespace between tags is layout, not text."""
    return 0 if not text or text.isspace() else len(text.strip())


def is_chrome_hint(element: etree._Element) -> bool:
    """An id or class token naming page chrome (a clock, a menu, a related list), not the article's own part."""
    if element.get("id") is None and element.get("class") is None and element.get("type") is None:
        return False
    names = f"{element.get('id') or ''} {element.get('class') or ''} {element.get('type') or ''}"
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
