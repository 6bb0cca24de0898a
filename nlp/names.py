"""A person's name among a sentence's tokens: 2–5 capitalised syllables (or a name printed in
capitals), a family name first or underthesea's proper noun; our own rule for the family names
because the tagger alone splits names at dashes and titles."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from underthesea import pos_tag

from nlp.remarks import remark_end
from nlp.vocabulary import APOSTROPHES, Token, marked_name, vocabulary

_MAX_NAME = 5
_GIVEN_HEADS = frozenset({"trường", "hội"})  # heads of bodies that are given names too: "Trịnh Trường Huy"
_MIN_FOREIGN = 4
_LIST_MARKS = frozenset({";", ":", "("})  # before a name that opens a list's item
_CONTEXT = 8  # tokens either side of a name candidate given to pos_tag
_GLUED_DASH = re.compile(r"(?<=\w)([-–—])(?=\w)")


def name_run(toks: Sequence[Token], i: int) -> int:
    """End of the syllables from token i that could be a name (may be i); a lowercase middle name
    ("Nguyễn thị Hoa") counts when a capitalised syllable follows it."""
    v = vocabulary()
    j = i
    if i + 1 < len(toks) and toks[i].upper and toks[i + 1].upper and toks[i].key in v.surnames:
        # "Chủ tịch UBND tỉnh TRƯƠNG HẢI LONG:"; not "Y Thị Bích", whose one-letter family name is no capitals
        while j < len(toks) and j - i < _MAX_NAME + 1 and toks[j].upper:
            j += 1
        return j
    while j < len(toks) and j - i < _MAX_NAME + 1:
        lower_middle = (j > i and toks[j].key in v.middle_names and toks[j].text.islower()
                        and j + 1 < len(toks) and toks[j + 1].syllable)
        if not (toks[j].syllable or lower_middle):
            break
        if j > i and (v.titles.match(toks, j) or v.bodies.match(toks, j) or _heads_organisation(toks, j)):
            break
        j += 1
    return j


def _heads_organisation(toks: Sequence[Token], j: int) -> bool:
    """A head that begins an organisation's name ("Trường Đại học", "Hội Nông dân"), not a name's last
    syllable ("Trịnh Xuân Trường kiểm tra", "Nguyễn Văn Hội."): the head's own name follows it."""
    head = vocabulary().heads.match(toks, j)
    return bool(head) and head[0] < len(toks) and (toks[head[0]].capitalised or toks[head[0]].acronym)


@functools.lru_cache(maxsize=256)
def _proper_nouns(sentence: str) -> frozenset[str]:
    spaced = _GLUED_DASH.sub(r" \1 ", sentence)  # "Rah Lan Chung-Phó Bí thư": the tagger needs the dash apart
    return frozenset(word for word, tag in pos_tag(spaced) if tag == "Np")


def is_name(toks: Sequence[Token], i: int, j: int, sentence: str) -> bool:
    """Tokens i..j are a person's name: 2–5 syllables, a family name or underthesea's Np."""
    v = vocabulary()
    place = v.provinces.match(toks, i) or v.places.match(toks, i)
    if place and place[0] == j:  # "Hà Nội", "Lâm Đồng", "Chu Lai" begin with family names
        return False
    if 2 <= j - i <= _MAX_NAME and toks[i].key in v.surnames and all(t.upper for t in toks[i:j]):
        return not any(v.bodies.match(toks, k) or v.heads.match(toks, k) for k in range(i, j)
                       if k == i or toks[k].key not in _GIVEN_HEADS)
    if not 2 <= j - i <= _MAX_NAME or not (toks[i].syllable and toks[j - 1].syllable):
        return False
    if not all(t.syllable or t.key in v.middle_names for t in toks[i:j]):
        return False
    if toks[i].key in v.surnames or marked_name(toks, i) or toks[i].text[1:2] in APOSTROPHES:  # "H'Nhí Niê Kdăm"
        return True
    if v.bodies.match(toks, i) or v.heads.match(toks, i) or v.titles.match(toks, i):
        return False  # "Sở Công Thương": an office, not a name the tagger must be asked about
    window = sentence[toks[max(0, i - _CONTEXT)].start : toks[min(len(toks), j + _CONTEXT) - 1].end]
    return " ".join(t.text for t in toks[i:j]) in _proper_nouns(window)


def name_at(toks: Sequence[Token], i: int, sentence: str) -> tuple[int, int] | None:
    """A name at token i, after an optional honorific ("ông", "đồng chí")."""
    honorific = vocabulary().honorifics.match(toks, i)
    start = honorific[0] if honorific else i
    end = name_run(toks, start)
    if honorific and end - start < 3 and end + 1 < len(toks) and toks[end].key in _GIVEN_HEADS \
            and toks[end + 1].syllable:
        end += 2  # "ông Trịnh Trường Huy": after an honorific, Trường is a given name, not a school
    if honorific and end < len(toks) and toks[end].text in vocabulary().separators and _foreign(toks, start, end):
        return start, end  # "đồng chí Seng Lả Đao Hương - Phó Giám đốc"
    return (start, end) if is_name(toks, start, end, sentence) else None


def _foreign(toks: Sequence[Token], i: int, j: int) -> bool:
    """A name of four or five syllables with no family name we know, bounded by an honorific or a list's
    punctuation and a separator: a Lao name ("Khẳm Tằn Sổm Vi Lay"), whole, where a Vietnamese family
    name inside it ("Vi") would otherwise cut it; not a word before a Vietnamese name, family and middle
    name ("Cô Lê Ngọc Diệp")."""
    v = vocabulary()
    if not _MIN_FOREIGN <= j - i <= _MAX_NAME or toks[i].key in v.surnames:
        return False
    if toks[i + 1].key in v.surnames and toks[i + 2].key in v.middle_names:  # "Theo Nguyễn Văn An"
        return False
    return all(t.syllable for t in toks[i:j])


def _place_named(toks: Sequence[Token], start: int, end: int) -> bool:
    """Tokens start..end are a district or province named after its kind ("huyện Trảng Bom"), not
    the name of a person after a post ending in "tỉnh" ("Phó Chủ tịch UBND tỉnh Huỳnh Thị Hằng")."""
    v = vocabulary()
    if not any((unit := v.admin.match(toks, k)) and unit[0] == start for k in range(max(0, start - 2), start)):
        return False
    place = v.districts.match(toks, start) or v.provinces.match(toks, start)
    return bool(place) and place[0] == end


def name_before(toks: Sequence[Token], sep: int, sentence: str) -> tuple[int, int] | None:
    """The name ending just before the separator at token `sep` (or before a remark in parentheses
    there), without words before it."""
    if sep > 0 and toks[sep - 1].text == ")":
        opening = next((k for k in range(sep - 2, max(-1, sep - 14), -1) if toks[k].text == "("), None)
        if opening is not None and remark_end(toks, opening) == sep:
            sep = opening
    start = sep
    while start > 0 and sep - start < _MAX_NAME + 2 and (toks[start - 1].syllable or toks[start - 1].upper
                                                          or toks[start - 1].key in vocabulary().middle_names):
        start -= 1
    honorific = vocabulary().honorifics.match(toks, start)
    if honorific and honorific[0] < sep:
        start = honorific[0]
    if _place_named(toks, start, sep):
        return None  # "… đơn vị huyện Trảng Bom, Trưởng đoàn": a place before the comma
    honorifics = vocabulary().honorifics
    bounded = start == 0 or toks[start - 1].text in _LIST_MARKS or any(
        (h := honorifics.match(toks, k)) is not None and h[0] == start for k in range(max(0, start - 2), start))
    if bounded and _foreign(toks, start, sep):
        return start, sep  # "…; Khẳm Tằn Sổm Vi Lay - Phó Giám đốc"
    surnames = vocabulary().surnames
    starts = [i for i in range(start, sep - 1) if toks[i].key in surnames] or [start]
    for i in starts:
        if is_name(toks, i, sep, sentence):
            return i, sep
    return None
