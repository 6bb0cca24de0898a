"""Which indicator a figure's words name (nlp/figures.py reads the value, this reads its indicator): the
phrase before the value, a branch of the indicator named before it, a list's indicator for its items, the
previous sentence's subject for a sentence that names none, or a phrase right after the value.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from nlp import indicators
from nlp.dates import DateMention
from nlp.text import Sentence, alternation, lexicon

_MAX_TAIL_WORDS = 8
_TRAILING_GAP = re.compile(r" +(?:cho +|để +|làm +)?")
_BRANCH_HEAD = re.compile(r"(?<!\w)(?:ngành|lĩnh vực|nhóm ngành|nhóm hàng|mặt hàng|hàng) +$")

Named = tuple[str | None, str]  # (the indicator phrase as written, its key)


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """One of the patterns this module reads with: indicators, scope_tail, subjectless, list_opener."""
    data = lexicon("figures.yaml")
    if name == "indicators":
        return re.compile(rf"(?:{indicators.phrase_pattern().pattern})(?: *\([a-z]{{2,6}}\))?")
    if name == "scope_tail":
        scopes = alternation(list(data["scopes"]))
        return re.compile(rf"(?:(?:{alternation(data['scope_prefixes'])}) +)?(?P<scope>{scopes})[\s,]*$")
    words = alternation(data[{"subjectless": "subjectless", "list_opener": "list_openers"}[name]])
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)" + ("|:" if name == "list_opener" else ""))


def scope_tail() -> re.Pattern[str]:
    """A scope phrase ending a text ("... của toàn tỉnh"), with the words before it that belong to it."""
    return _pattern("scope_tail")


def _trim_tail(tail: str, key: str, dates: Sequence[tuple[int, int]]) -> str:
    """The words after an indicator phrase that still belong to it: trailing scope and period
    phrases ("toàn Cụm", "năm 2019") are dropped, and a long or numeric remainder is not kept."""
    end = len(key)
    while True:
        end = len(key[:end].rstrip(" ,"))
        m = _pattern("scope_tail").search(key, 0, end)
        ending = [s for s, e in dates if e == end]
        if m and m.start() < end:
            end = m.start()
        elif ending:
            end = min(ending)
        else:
            break
    result = tail[:end]
    if len(result.split()) > _MAX_TAIL_WORDS or any(c.isdigit() for c in result):
        return ""
    return result


def _phrase(sent: Sentence, key: str, start: int, stop: int, end: int, dates: Sequence[DateMention]) -> str:
    """The indicator words at [start, stop), extended by the words up to `end` that still belong to them."""
    local_dates = [(d.start - sent.start - stop, d.end - sent.start - stop) for d in dates
                   if stop <= d.start - sent.start < end]
    tail = _trim_tail(sent.text[stop:end], key[stop:end], local_dates)
    text = (sent.text[start:stop] + tail).strip()
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def _asides(key: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parentheses closed in key[start:end], each from its opening (which may be before `start`)."""
    spans = []
    for close in (i for i in range(start, end) if key[i] == ")"):
        opening = key.rfind("(", 0, close)
        if opening >= 0 and ")" not in key[opening:close]:
            spans.append((opening, close + 1))
    return spans


def named(
    sent: Sentence, key: str, start: int, end: int, dates: Sequence[DateMention], parent: str | None
) -> tuple[int, str, str, str] | None:
    """The indicator named in key[start:end]: (offset, phrase as written, key, root key).

    The last specific phrase wins; a branch of it named in its tail ("xuất khẩu gạo"), else a branch
    of `parent` (the indicator named just before: "trong đó ngành khai khoáng"), comes next; a generic
    phrase ("trị giá") only when nothing else is named.
    """
    found = [(m, indicators.key_of(re.sub(r" *\(.*\)$", "", m.group())))
             for m in _pattern("indicators").finditer(key, start, end)]
    # a phrase inside a longer name of a branch of `parent` or of an indicator named here is part of that name
    # ("xử lý" in "xử lý rác thải", "khí" in "sản phẩm cơ khí");
    # one in a closed aside names the aside's base, not the value ("(chiếm 98% giá trị xuất khẩu) đạt 10 tỷ USD")
    roots = {indicators.root_of(k) for _, k in found} | ({parent} if parent else set())
    names = [(start + s, start + e) for root in roots for _, s, e in indicators.branches(root, key[start:end])]
    names += _asides(key, start, end)
    found = [(m, k) for m, k in found
             if not any(s <= m.start() and m.end() <= e and e - s > m.end() - m.start() for s, e in names)]
    specific = [(m, k) for m, k in found if not indicators.is_generic(k)]
    if specific:
        m, named = specific[-1]
        root = indicators.root_of(named)
        # a branch named after the phrase ("xuất khẩu gạo"), else just before it ("châu Á, thị trường xuất khẩu")
        part = (indicators.branch(root, key[m.end() : end])
                or next(reversed(indicators.branches(root, key[start : m.start()])), None)) if named == root else None
        text = _phrase(sent, key, m.start(), m.end(), end, dates)
        return m.start(), text, part[0] if part else named, root
    part = indicators.branch(parent, key[start:end]) if parent else None
    if part and parent:
        at, stop = start + part[1], start + part[2]
        head = _BRANCH_HEAD.search(key, start, at)
        at = head.start() if head else at
        return at, _phrase(sent, key, at, stop, end, dates), part[0], parent
    if found:
        m, named = found[-1]
        return m.start(), _phrase(sent, key, m.start(), m.end(), end, dates), named, indicators.root_of(named)
    return None


def trailing(sent: Sentence, key: str, end: int) -> tuple[int, str, str, str] | None:
    """An indicator named right after its value: "giao 1 tỷ đồng kinh phí khuyến công"."""
    gap = _TRAILING_GAP.match(key, end)
    m = _pattern("indicators").match(key, gap.end() if gap else end)
    if m is None:
        return None
    named = indicators.key_of(m.group())
    return m.start(), sent.text[m.start() : m.end()], named, indicators.root_of(named)


def unnamed(
    sent: Sentence, key: str, clause: int, end: int, previous: tuple[int, Named | None] | None,
    subject: Named | None, parent: str | None, dates: Sequence[DateMention],
) -> tuple[int, str, str, str] | None:
    """The indicator of a value whose clause names none: an item of a list its sentence opened takes the
    list's indicator; a sentence that opens with only a period ("Đầu năm đến nay, ước đạt ...") takes the
    previous sentence's subject. `end` is where the value's predicate starts; `previous` is the start and
    indicator of the value before it in the sentence."""
    if previous is not None:
        at, before = previous
        if before and parent and _pattern("list_opener").search(key, 0, at):
            return clause, other_phrase(sent, clause, end) or before[0] or "", parent, parent
        return None
    spans = [(d.start - sent.start, d.end - sent.start) for d in dates if d.sentence_index == sent.index]
    if subject is None or not _subjectless(key, end, spans):
        return None
    return clause, subject[0] or "", subject[1], indicators.root_of(subject[1])


def other_phrase(sent: Sentence, start: int, end: int) -> str | None:
    """A figure's words before its predicate, for a figure whose indicator is not in the vocabulary."""
    clause = re.split(r"[,;:()]", sent.text[start:end])[-1].split()
    return " ".join(clause[-_MAX_TAIL_WORDS:]) or None


def _subjectless(key: str, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether key[:end] holds only periods and opening words: the value's subject is the previous sentence's."""
    text = key[:end]
    if not text.strip(" ,"):  # a sentence that opens with its value ("5 tỷ đồng là ...") is not one of these
        return False
    for start, stop in sorted(spans, reverse=True):
        text = text[:max(0, start)] + " " + text[stop:]
    return re.search(r"[^\W\d]", _pattern("subjectless").sub(" ", text)) is None
