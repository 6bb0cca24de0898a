"""The body: the block of paragraphs that the headline introduces, less the chrome inside it.

Our own container finder rather than trafilatura alone: on these portals trafilatura keeps the
related-news boxes that sit inside the article container and drops photo stories' captions (2 of
the 15 real pages right). The container is the element whose children carry the most paragraph
text (link text excluded), scored in one pass; its lines are read in one walk and cut at the first
line of chrome (a Vietnamese lexicon). trafilatura, on the same parsed tree, reads a page where no
container stands out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from lxml import etree

from nlp.page.datetext import DATE_LINE
from nlp.page.dom import Doc, as_list
from nlp.page.lines import Line, block_lines
from nlp.text import lexicon, normalize

_PARAGRAPH_TAGS = frozenset(("p", "div", "td", "blockquote", "pre", "span", "font", "article", "section", "dd"))
_MIN_PARAGRAPH = 40
_RELATED_MARK = re.compile(r"^\s*(>>|»|›|→|\+\s)")
_WIDEN_LEVELS = 5
_WIDEN_LINKS = 0.35
_META_WORDS = 20
_BULLET = re.compile(r"^[-•·*]\s+(?=\w)")
_BULLET_CHARS = frozenset("-•·*")  # a line starting otherwise has no bullet to take off


def selector_lines(doc: Doc, container: etree._Element, drop: list[str]) -> list[str]:
    """A configured site's body: the selected container less its `drop` selectors."""
    skip = {element for selector in drop for element in doc.select_all(selector)}
    return [line.text for line in block_lines(doc, container, skip)]


def find_container(doc: Doc, dated: set[etree._Element] = frozenset()) -> etree._Element | None:
    """The element whose paragraphs (text not mostly links) weigh most, with half weight to grandparents.

    A block holding form fields (a comment form) or several short dated items (a related list with
    its sapos) is not an article body however much text it has.
    """
    scores: dict[etree._Element, float] = defaultdict(float)
    excluded = _lists_and_forms(doc, dated)
    elements, parents, hidden, never, chrome = doc.elements, doc.parents, doc.hidden, doc.never, doc.chrome
    for element, tag, parent in zip(elements, doc.tags, parents, strict=True):
        if tag not in _PARAGRAPH_TAGS or parent < 0 or element in hidden or element in never or element in chrome:
            continue
        inline = doc.inline_len[element]
        links = doc.inline_link_len[element]
        if inline < _MIN_PARAGRAPH or links > 0.5 * inline:
            continue
        scores[elements[parent]] += inline - links
        if parents[parent] >= 0:
            scores[elements[parents[parent]]] += (inline - links) / 2
    candidates = [(score, element) for element, score in scores.items()
                  if element not in doc.chrome and element not in excluded]
    if not candidates:
        return None
    return max(candidates, key=lambda found: (found[0], -doc.position[found[1]]))[1]


def widen_to_headline(doc: Doc, container: etree._Element, headline: etree._Element | None) -> etree._Element:
    """The smallest block holding both the headline and the paragraph cluster, when it is close above
    the cluster and still prose: a photo story's captions sit in tables that outscore their article."""
    if headline is None or doc.contains(container, headline):
        return container
    node = container.getparent()
    for _ in range(_WIDEN_LEVELS):
        if node is None or node in doc.chrome or node.tag in ("body", "html", "form"):
            return container
        if doc.link_len[node] > _WIDEN_LINKS * max(1, doc.text_len[node]):
            return container
        if doc.contains(node, headline):
            return node
        node = node.getparent()
    return container


def generic_lines(doc: Doc, container: etree._Element, title: str | None,
                  headline: etree._Element | None, date_element: etree._Element | None = None) -> list[str]:
    """The container's lines after the headline, without the date line, related links and chrome."""
    skip = {element for element in doc.own_chrome if element is not container and doc.contains(container, element)}
    inside = headline is not None and doc.contains(container, headline)
    breaks = {date_element} if date_element is not None and date_element is not container else set()
    lines = block_lines(doc, container, skip, headline if inside else None, breaks)
    lines = [line for line in lines if line.after_mark]
    # the date line ends the article's header: what precedes it there is labels (section, author, views)
    dated = [index for index, line in enumerate(lines) if line.block in breaks]
    if dated and all(len(line.text.split()) <= _META_WORDS for line in lines[:dated[-1]]):
        lines = lines[dated[-1] + 1:]
    body: list[str] = []
    title_key = _flat(title)
    related, bullet = _RELATED_MARK.match, _BULLET.sub
    for line in lines:
        text = line.text
        if is_chrome_start(text):
            if body:
                break
            continue
        if (related(text) or _is_link_line(line) or (not body and _is_meta_line(text))
                or (len(text) == len(title_key) and _flat(text) == title_key)):
            continue
        body.append(bullet("", text) if text[0] in _BULLET_CHARS else text)
    return body


def _lists_and_forms(doc: Doc, dated: set[etree._Element]) -> set[etree._Element]:
    """Elements holding a visible form field or three dated items; counted bottom-up in one pass."""
    fields = [0] * len(doc.elements)
    dates = [int(element in dated) for element in doc.elements]
    excluded = set()
    for index in range(len(doc.elements) - 1, -1, -1):  # children after their parent: counted before it
        tag, element = doc.tags[index], doc.elements[index]
        if tag == "textarea" or (tag == "input" and (element.get("type") or "text").lower()
                                 in ("text", "email", "submit")):
            fields[index] += 1
        if fields[index] >= 2 or dates[index] >= 3:
            excluded.add(element)
        parent = doc.parents[index]
        if parent >= 0:
            fields[parent] += fields[index]
            dates[parent] += dates[index]
    return excluded


def trafilatura_lines(doc: Doc) -> list[str]:
    import trafilatura
    from lxml import html as lxml_html

    tree = lxml_html.document_fromstring(etree.tostring(doc.root, encoding="unicode"))  # trafilatura wants HtmlElement
    text = trafilatura.extract(tree, include_comments=False, include_tables=False, include_images=False,
                               favor_precision=True, deduplicate=False, fast=True) or ""
    return [line for line in (normalize(raw) for raw in text.split("\n")) if line]


def _is_meta_line(text: str) -> bool:
    """Above the body, a short line holding a date is the date line with its labels (section, author, views)."""
    return len(text.split()) <= _META_WORDS and bool(DATE_LINE.search(text))


def _is_link_line(line: Line) -> bool:
    """A line that is a link and nothing more: a related story, a tag, a "read more"."""
    return line.link_density > 0.6


def _flat(text: str | None) -> str:
    return " ".join((text or "").lower().split())


@cache
def _chrome_start() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in lexicon("page_chrome_start.txt")), re.I)


def is_chrome_start(line: str) -> bool:
    return len(line) < 100 and _chrome_start().fullmatch(line.strip(" :.")) is not None


def selected_drop(selectors: dict) -> list[str]:
    return as_list(selectors.get("drop"))
