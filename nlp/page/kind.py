"""What the page is: an article (a headline, a date line and a body of paragraphs), a listing or a
homepage (many same-shaped story links and little prose of its own), or something else (a forum
thread, a document list). Decided from the page's structure, never from a per-site rule."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from nlp.page.dom import Doc

_MIN_BODY_WORDS = 40
_STORY_LINK_WORDS = 5
_POST_BLOCK = re.compile(r"^(post_?(message_?)?\d+|p\d{4,}|post-\d+|message-\d+|js-post-\d+)$", re.I)
_HOME_PATH = re.compile(r"^/?((index|default|home|trang-?chu)(\.\w+)?)?/?$", re.I)
_DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|rar|zip)(\?|$)", re.I)


@dataclass
class KindSignals:
    body_words: int
    story_links: int  # links whose text reads like a headline, outside the body
    post_blocks: int  # repeated forum posts
    document_links: int
    has_headline: bool
    has_date: bool


def kind_signals(doc: Doc, body: list[str], container: etree._Element | None,
                 headline: etree._Element | None, has_date: bool) -> KindSignals:
    story_links = documents = 0
    for link in doc.root.iter("a"):
        if _DOCUMENT_LINK.search(link.get("href") or ""):
            documents += 1
        if link in doc.hidden or doc.text_len[link] < 20:
            continue
        text = doc.text(link, limit=300)
        if len(text.split()) >= _STORY_LINK_WORDS:
            story_links += 1
    posts = Counter(element.tag for element in doc.elements if _POST_BLOCK.match(element.get("id") or ""))
    return KindSignals(sum(len(line.split()) for line in body), story_links, max(posts.values(), default=0),
                       documents, headline is not None, has_date)


def page_kind(signals: KindSignals, url: str) -> str:
    if signals.post_blocks >= 3:
        return "other"
    if signals.has_headline and signals.body_words >= _MIN_BODY_WORDS:
        return "article"
    if _HOME_PATH.match(urlsplit(url).path or "/") and not urlsplit(url).query:
        return "homepage"
    if signals.story_links >= 10:
        return "listing"
    return "other"
