"""Snippets: the part of a text where the query matched, cut at word boundaries, matches marked.

Marks land on the words as written whatever their diacritics: matching runs on keys of the same
length as the NFC text (crawler.search_query's words, exact or folded), so offsets carry over.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from crawler.search_query import Words
from nlp.text import fold, match_key

WIDTH = 240


def _pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    body = r"[^\w]+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}" + ("" if prefix else r"(?!\w)"))


def _folded_key(text: str) -> str:
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(fold(char)[:1] or char for char in text)


def spans(text: str, groups: Sequence[Sequence[Words]], exact: bool) -> list[tuple[int, int, int]]:
    """(start, end, weight) of every match: a group is a name or a clause's alternatives, and a match
    weighs its group's number and its words; the longest is kept where matches overlap."""
    exact_key, folded_key = (match_key(text) if exact else ""), _folded_key(text)
    found = []
    for number, group in enumerate(groups):
        for alternative in group:
            as_written = exact and alternative.marked
            key, terms = (exact_key, alternative.exact) if as_written else (folded_key, alternative.folded)
            found += [(*match.span(), number) for match in _pattern(terms, alternative.prefix).finditer(key)]
    found.sort(key=lambda span: (span[0], span[0] - span[1]))
    kept, cursor = [], 0
    for span in found:
        if span[0] >= cursor:
            kept.append(span)
            cursor = span[1]
    return kept


def _window(text: str, found: list[tuple[int, int, int]], width: int) -> tuple[int, int]:
    """The window showing the most different groups, longer matches first (a name, a phrase), cut at
    word boundaries."""
    if len(text) <= width:
        return 0, len(text)
    best, start = -1, 0
    for anchor, _, _ in found:
        begin = max(0, anchor - width // 4)
        shown = {number: len(text[first:finish].split()) ** 2 for first, finish, number in found
                 if begin <= first and finish <= begin + width}
        score = sum(shown.values())
        if score > best:
            best, start = score, begin
    if start > 0:
        start = text.rfind(" ", 0, start + 1) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        last_mark = max((finish for first, finish, _ in found if start <= first and finish <= end), default=start)
        space = text.rfind(" ", last_mark, end)
        end = space if space > start else end
    return start, end


def snippet(text: str | None, words: Sequence[Sequence[Words]], width: int = WIDTH, exact: bool = False) -> str:
    """An HTML-escaped window of `text` with the matches in <mark>; `exact` marks words typed with
    diacritics only where they are written so (the result's tier says whether they are)."""
    text = text or ""
    found = spans(text, words, exact)
    if exact and not found:
        found = spans(text, words, False)
    start, end = _window(text, found, width)
    pieces, cursor = [], start
    for begin, finish, _ in found:
        if begin < cursor or finish > end:
            continue
        pieces.append(html.escape(text[cursor:begin]))
        pieces.append(f"<mark>{html.escape(text[begin:finish])}</mark>")
        cursor = finish
    pieces.append(html.escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(pieces).replace("\n\n", " ¶ ").replace("\n", " ") + suffix
