"""What the page is: an article (a headline, a date line and a body of paragraphs), a listing or a
homepage (many same-shaped story links and little prose of its own), or something else (a forum
thread, a document list). Decided from the page's structure, never from a per-site rule."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from nlp.page.datetext import DATE_LINE
from nlp.page.dom import Doc

_MIN_BODY_WORDS = 40
_STORY_LINK_WORDS = 5
_LINKS_PER_BODY_WORD = 2  # an article's own prose outweighs half its related and navigation links
_MIN_LISTING_LINKS = 5
_MIN_ITEMS = 3
_HEADLINE_WORDS = 5  # a category's name ("Tin hoạt động") heads a listing; an article's headline says more
_ITEM_WORDS = 40
_POST_BLOCK = re.compile(r"^(post_?(message_?)?\d+|p\d{4,}|post-\d+|message-\d+|js-post-\d+)$", re.I)
_HOME_PATH = re.compile(r"^/?((index|default|home|trang-?chu)(\.\w+)?)?/?$", re.I)
_MASTHEAD = re.compile(r"logo|banner|site-?(title|name)|(^|\s)header(\s|$)|top-?header|footer", re.I)
_WORD = re.compile(r"\w+")
_QUICK = re.compile(r"\d\s*[/.\-]\s*\d")
_DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|rar|zip)(\?|$)", re.I)


@dataclass
class KindSignals:
    body_words: int
    story_links: int  # links whose text reads like a headline, outside the body
    dated_lines: int  # body lines that are a short item with its date: a list of stories, not prose
    post_blocks: int  # repeated forum posts
    document_links: int
    has_headline: bool
    has_date: bool


def kind_signals(doc: Doc, body: list[str], title: str | None, headline: etree._Element | None,
                 has_date: bool) -> KindSignals:
    story_links = documents = 0
    for link in doc.root.iter("a"):
        if _DOCUMENT_LINK.search(link.get("href") or ""):
            documents += 1
        if link in doc.hidden or not 20 <= doc.text_len[link] <= 300:
            continue
        if doc.word_count(link) >= _STORY_LINK_WORDS:
            story_links += 1
    posts = Counter(element.tag for element in doc.elements
                    if element.get("id") is not None and _POST_BLOCK.match(element.get("id")))
    dated = sum(1 for line in body
                if _QUICK.search(line) and len(line.split()) < _ITEM_WORDS and DATE_LINE.search(line))
    headed = headline is not None and not _in_masthead(headline) and len(_WORD.findall(title or "")) >= _HEADLINE_WORDS
    return KindSignals(sum(line.count(" ") + 1 for line in body), story_links, dated, max(posts.values(), default=0),
                       documents, headed, has_date)


def _in_masthead(element: etree._Element) -> bool:
    """The site's name in its header or logo heads every page; it is no article's headline."""
    for node in (element, *element.iterancestors()):
        names = f"{node.get('id') or ''} {node.get('class') or ''}"
        if node.tag in ("header", "footer", "nav") or _MASTHEAD.search(names):
            return True
    return False


def page_kind(signals: KindSignals, url: str) -> str:
    """A forum's repeated posts make it "other"; a headline over a body that outweighs the page's story
    links makes an article; otherwise many story links make a listing (the homepage at the site's root)."""
    if signals.post_blocks >= 3:
        return "other"
    if (signals.has_headline and signals.body_words >= _MIN_BODY_WORDS
            and signals.body_words * _LINKS_PER_BODY_WORD >= signals.story_links and signals.dated_lines < _MIN_ITEMS):
        return "article"
    parts = urlsplit(url)
    if _HOME_PATH.match(parts.path or "/") and not parts.query:
        return "homepage"
    if (signals.story_links >= _MIN_LISTING_LINKS or signals.dated_lines >= _MIN_ITEMS
            or signals.document_links >= _MIN_LISTING_LINKS):
        return "listing"
    return "other"
