"""A container's text as lines, one per block element, in one iterative walk (no tree rewriting)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from nlp.page.dom import BLOCK_TAGS, NEVER_BODY, Doc
from nlp.text import normalize


@dataclass
class Line:
    text: str
    block: etree._Element  # the innermost block element the line starts in
    link_chars: int
    after_mark: bool = True  # the line starts after the `mark` element (the headline) has closed

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def block_lines(doc: Doc, container: etree._Element, skip: set[etree._Element] = frozenset(),
                mark: etree._Element | None = None) -> list[Line]:
    """Lines of `container`'s visible text; `skip` elements (dropped or chrome) and never-body tags are left out."""
    lines: list[Line] = []
    mark_closed = mark is None
    line_after = mark_closed
    pieces: list[str] = []
    link_chars = 0
    blocks = [container]
    start_block = container

    def flush() -> None:
        nonlocal pieces, link_chars, start_block
        text = normalize(" ".join("".join(pieces).split()))
        if text:
            lines.append(Line(text, start_block, min(link_chars, len(text)), line_after))
        pieces, link_chars, start_block = [], 0, blocks[-1]

    def add(text: str | None, in_link: bool) -> None:
        nonlocal link_chars, start_block, line_after
        if not text:
            return
        if not pieces or not "".join(pieces).strip():
            start_block = blocks[-1]
            line_after = mark_closed
        pieces.append(text)
        if in_link:
            link_chars += len(text.strip())

    links = 0
    stack: list[tuple[etree._Element, bool]] = [(container, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else None
        if closing:
            if node is mark:
                flush()
                mark_closed = True
            if tag == "a":
                links -= 1
            if tag in BLOCK_TAGS:
                flush()
                blocks.pop()
            if node is not container:
                add(node.tail, links > 0)
            continue
        if tag is None or tag in NEVER_BODY or node in skip or node in doc.hidden:
            if node is mark:
                flush()
                mark_closed = True
            if node is not container:
                add(node.tail, links > 0)
            continue
        if tag == "br":
            flush()
            add(node.tail, links > 0)
            continue
        if tag in BLOCK_TAGS:
            flush()
            blocks.append(node)
        if tag == "a":
            links += 1
        add(node.text, links > 0)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    flush()
    return lines
