"""Snippets: the part of a text where the query matched, cut at word boundaries, matches marked.

Marks land on the words as written whatever their diacritics: matching runs on keys of the same
length as the NFC text (crawler.search_query's words, exact or folded), so offsets carry over.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence

from crawler.search_query import Words
from nlp.text import canonical_tones, fold

WIDTH = 240
LEAD = 2_000  # read first: where every group already matches, the rest of the text is not scanned


@functools.cache
def _spellings() -> dict[str, str]:
    """Each folded letter as a regex class of every letter that folds to it (a → aàáảãạăằ...âầ...)."""
    found: dict[str, set[str]] = {}
    for code in range(0x41, 0x1F00):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalnum():
            found.setdefault(folded, {folded}).add(char.lower())
    return {letter: "[" + re.escape("".join(sorted(chars))) + "]" for letter, chars in found.items()}


def _written(alternative: Words, exact: bool) -> str:
    spell, folded = _spellings(), not (exact and alternative.marked)
    written = [("".join(spell.get(char, re.escape(char)) for char in word) if folded else re.escape(word))
               for word in (alternative.folded if folded else alternative.exact)]
    return r"[^\w]+".join(written) + ("" if alternative.prefix else r"(?!\w)")


@functools.cache
def _pattern(groups: tuple[tuple[Words, ...], ...], exact: bool) -> re.Pattern[str]:
    """Every alternative of every group in one case-insensitive regex, longest first, run in C on the
    text itself; the regex group that matched tells the query group."""
    alternatives = sorted(((len(alt.exact), number, alt) for number, group in enumerate(groups) for alt in group),
                          key=lambda entry: -entry[0])
    parts = [f"(?P<g{number}_{at}>{_written(alt, exact)})" for at, (_, number, alt) in enumerate(alternatives)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def spans(text: str, groups: Sequence[Sequence[Words]], exact: bool) -> list[tuple[int, int, int]]:
    """(start, end, group) of every match: a group is a name or a clause's alternatives, longer
    alternatives win where they overlap. Words typed with diacritics match as written when `exact`."""
    groups = tuple(tuple(group) for group in groups)
    if not groups:
        return []
    toned = canonical_tones(text) if exact else text  # same length: offsets carry over
    return [(*match.span(), int(match.lastgroup[1:].split("_")[0]))
            for match in _pattern(groups, exact).finditer(toned) if match.lastgroup]


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
    found = spans(text[:LEAD], words, exact)
    if len({number for _, _, number in found}) < len(words) and len(text) > LEAD:
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
