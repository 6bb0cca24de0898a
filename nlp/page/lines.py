"""A container's text as lines, one per block element, in one iterative walk (no tree rewriting)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from lxml import etree

from nlp.page.dom import BLOCK_TAGS, NEVER_BODY, Doc


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
                mark: etree._Element | None = None, breaks: set[etree._Element] = frozenset()) -> list[Line]:
    """Lines of `container`'s visible text; `skip` elements (dropped or chrome) and never-body tags are left out;
    `breaks` elements are read as blocks (lines of their own) whatever their tag.

    The line's text is NFC with whitespace collapsed, as `nlp.text.normalize` gives it.
    """
    walker = _Walker(container, mark, breaks)
    hidden, position, tags, texts, tails = doc.hidden, doc.position, doc.tags, doc.texts, doc.tails
    stack: list[tuple[etree._Element, bool]] = [(container, False)]
    while stack:
        node, closing = stack.pop()
        at = position.get(node)  # None for a node that is no element
        tag = tags[at] if at is not None else None
        if closing:
            walker.close(node, tag)
            continue
        if tag is None or tag in NEVER_BODY or node in skip or node in hidden:
            if node is mark:
                walker.pass_mark()
            if node is not container:
                walker.add(node.tail)
            continue
        if tag == "br":
            walker.flush()
            walker.add(tails[at])
            continue
        if tag in BLOCK_TAGS and not len(node) and node is not mark and node is not container:
            walker.leaf_block(node, texts[at], tails[at])  # most paragraphs: one line at once, no walk
            continue
        walker.open(node, tag)
        stack.append((node, True))
        stack.extend([(child, False) for child in reversed(node)])
    walker.flush()
    texts = unicodedata.normalize("NFC", "\n".join(line.text for line in walker.lines)).split("\n")
    for line, text in zip(walker.lines, texts, strict=True):
        line.text = text
    return walker.lines


class _Walker:
    """The state of one walk: the pieces of the current line, the open blocks and links."""

    def __init__(self, container: etree._Element, mark: etree._Element | None, breaks: set[etree._Element]):
        self.container, self.mark, self.breaks = container, mark, breaks
        self.lines: list[Line] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.links = 0
        self.blocks = [container]
        self.start_block = container
        self.mark_closed = mark is None
        self.line_after = self.mark_closed

    def flush(self) -> None:
        if self.pieces:
            text = " ".join("".join(self.pieces).split())
            if text:
                self.lines.append(Line(text, self.start_block, min(self.link_chars, len(text)), self.line_after))
        self.pieces, self.link_chars = [], 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        if not self.pieces:
            if text.isspace():
                return
            self.start_block = self.blocks[-1]
            self.line_after = self.mark_closed
        self.pieces.append(text)
        if self.links:
            self.link_chars += len(text.strip())

    def open(self, node: etree._Element, tag: str) -> None:
        if tag in BLOCK_TAGS or node in self.breaks:
            self.flush()
            self.blocks.append(node)
        if tag == "a":
            self.links += 1
        self.add(node.text)

    def close(self, node: etree._Element, tag: str | None) -> None:
        if node is self.mark:
            self.pass_mark()
        if tag == "a":
            self.links -= 1
        if tag in BLOCK_TAGS or node in self.breaks:
            self.flush()
            self.blocks.pop()
        if node is not self.container:
            self.add(node.tail)

    def leaf_block(self, node: etree._Element, own: str | None, tail: str | None) -> None:
        """A block element with no children: its own text is its line."""
        if self.pieces:
            self.flush()
        text = " ".join(own.split()) if own else ""
        if text:
            self.lines.append(Line(text, node, len(text) if self.links else 0, self.mark_closed))
        if tail:
            self.add(tail)

    def pass_mark(self) -> None:
        self.flush()
        self.mark_closed = True
