"""Officials named with their positions: "đồng chí NAME, POSITION", "POSITION NAME", "NAME – POSITION".

Rules over tokens and lexicons (lexicons/officials.yaml, surnames.txt, nlp.provinces names) do the work;
underthesea's `pos_tag` is consulted only to confirm a name whose first syllable is not a known
family name, which keeps the cost to a few sentences per article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from underthesea import pos_tag

from nlp.provinces import PROVINCE_NAMES
from nlp.text import Located, Sentence, canonical_tones, lexicon, located, match_key

_TOKEN = re.compile(r"\w+|[^\w\s]")
_MAX_NAME = 5
_CONTEXT = 8  # tokens either side of a name candidate given to pos_tag


@dataclass(frozen=True)
class Official(Located):
    """A named person with the position the text gives them."""

    name: str
    position: str
    organisation: str | None
    org_place: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "position": self.position,
            "org_place": self.org_place,
            "organisation": self.organisation,
            **self.location(),
        }


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    start: int
    end: int

    @property
    def syllable(self) -> bool:
        """A capitalised syllable as in a name: "Nguyễn", "Huy", "A"; not "UBND"."""
        text = self.text
        return text.isalpha() and text[0].isupper() and (len(text) == 1 or text[1:].islower())

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class _Unit:
    """One title and the organisation it is held in."""

    title: str
    body: str | None  # canonical body or head + sector, for comparing positions
    place: str | None
    org_start: int | None  # token indexes of the organisation
    org_end: int | None
    bare_province: bool  # "UBND tỉnh": the article's own province


@dataclass(frozen=True)
class _Position:
    start: int  # token indexes
    end: int
    units: tuple[_Unit, ...]

    @property
    def has_org(self) -> bool:
        return any(u.body for u in self.units)


def _tokens(text: str) -> list[_Token]:
    key = match_key(text)
    return [_Token(m.group(), key[m.start() : m.end()], m.start(), m.end()) for m in _TOKEN.finditer(text)]


class _Phrases:
    """A phrase lexicon matched on token keys, longest phrase first."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in phrases.items():
            keys = tuple(t.key for t in _tokens(phrase))
            self.by_first.setdefault(keys[0], []).append((keys, value))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def match(self, toks: Sequence[_Token], i: int) -> tuple[int, str] | None:
        """(end index, value) of the longest phrase starting at token i."""
        if i >= len(toks):
            return None
        for keys, value in self.by_first.get(toks[i].key, ()):
            if tuple(t.key for t in toks[i : i + len(keys)]) == keys:
                return i + len(keys), value
        return None


@dataclass(frozen=True)
class _Vocabulary:
    titles: _Phrases
    standalone: frozenset[str]
    modifiers: tuple[str, ...]
    bodies: _Phrases
    heads: _Phrases
    sectors: _Phrases
    admin: _Phrases
    provinces: _Phrases
    honorifics: _Phrases
    separators: frozenset[str]
    surnames: frozenset[str]


def _same(items: Sequence[str]) -> dict[str, str]:
    return {item: item for item in items}


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = lexicon("officials.yaml")
    return _Vocabulary(
        titles=_Phrases(_same(data["titles"])),
        standalone=frozenset(match_key(t) for t in data["standalone_titles"]),
        modifiers=tuple(match_key(m) for m in data["title_modifiers"]),
        bodies=_Phrases(data["bodies"]),
        heads=_Phrases(_same(data["heads"])),
        sectors=_Phrases(_same(data["sectors"])),
        admin=_Phrases({u["word"]: "province" if u["province"] else "" for u in data["admin_units"]}),
        provinces=_Phrases(_same(PROVINCE_NAMES)),
        honorifics=_Phrases(_same(data["honorifics"])),
        separators=frozenset(data["separators"]),
        surnames=frozenset(match_key(s) for s in lexicon("surnames.txt")),
    )


def _starts_name(toks: Sequence[_Token], i: int) -> bool:
    """A known family name followed by another capitalised syllable."""
    v = _vocabulary()
    return i + 1 < len(toks) and toks[i].key in v.surnames and toks[i].syllable and toks[i + 1].syllable


def _name_run(toks: Sequence[_Token], i: int) -> int:
    """End of the capitalised syllables from token i that could be a name (may be i)."""
    v = _vocabulary()
    j = i
    while j < len(toks) and j - i < _MAX_NAME + 1 and toks[j].syllable:
        if j > i and (v.titles.match(toks, j) or v.bodies.match(toks, j) or v.heads.match(toks, j)):
            break
        j += 1
    return j


def _place(toks: Sequence[_Token], i: int) -> tuple[int, str | None, bool]:
    """A place after an organisation: (end, place, bare) for "tỉnh Hưng Yên", "Hải Phòng", "tỉnh"."""
    v = _vocabulary()
    province = v.provinces.match(toks, i)
    if province:
        return province[0], province[1], False
    admin = v.admin.match(toks, i)
    if not admin:
        return i, None, False
    j, kind = admin
    province = v.provinces.match(toks, j)
    if province:
        return province[0], province[1], False
    if j < len(toks) and toks[j].syllable and not _starts_name(toks, j):
        end = j
        while end < len(toks) and end - j < 4 and toks[end].syllable and not _starts_name(toks, end):
            end += 1
        return end, " ".join(t.text for t in toks[j:end]), False
    return j, None, kind == "province"


def _org_name(toks: Sequence[_Token], i: int) -> int:
    """End of an organisation's name after its head: a sector, else capitalised words."""
    v = _vocabulary()
    sector = v.sectors.match(toks, i)
    if sector:
        return sector[0]
    j = i
    while (
        j < len(toks)
        and j - i < 6
        and toks[j].capitalised
        and toks[j].text.isalnum()
        and not _starts_name(toks, j)
        and not v.provinces.match(toks, j)
        and not v.admin.match(toks, j)
        and not v.titles.match(toks, j)
    ):
        j += 1
    return j


def _unit(toks: Sequence[_Token], i: int) -> tuple[int, _Unit] | None:
    """A title at token i and the organisation that follows it."""
    v = _vocabulary()
    title = v.titles.match(toks, i)
    if not title:
        return None
    j = title[0]
    org_start = j
    body: str | None = None
    if found := v.bodies.match(toks, j):
        j, body = found
    elif found := v.heads.match(toks, j):
        end = _org_name(toks, found[0])
        body = " ".join(t.key for t in toks[org_start:end])
        j = end
    elif found := v.sectors.match(toks, j):
        j, body = found[0], match_key(found[1])
    if body is None:
        return j, _Unit(title[1], None, None, None, None, False)
    j, place, bare = _place(toks, j)
    return j, _Unit(title[1], body, place, org_start, j, bare)


def _position(toks: Sequence[_Token], i: int) -> _Position | None:
    """Titles joined by commas from token i: "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh"."""
    units: list[_Unit] = []
    end = i
    while True:
        found = _unit(toks, end)
        if not found:
            break
        end, unit = found
        units.append(unit)
        if not (end + 1 < len(toks) and toks[end].text == "," and _vocabulary().titles.match(toks, end + 1)):
            break
        end += 1
    return _Position(i, end, tuple(units)) if units else None


@functools.lru_cache(maxsize=256)
def _proper_nouns(sentence: str) -> frozenset[str]:
    return frozenset(word for word, tag in pos_tag(sentence) if tag == "Np")


def _is_name(toks: Sequence[_Token], i: int, j: int, sentence: str) -> bool:
    """Tokens i..j are a person's name: 2–5 syllables, a family name or underthesea's Np."""
    if not 2 <= j - i <= _MAX_NAME or not all(t.syllable for t in toks[i:j]):
        return False
    province = _vocabulary().provinces.match(toks, i)
    if province and province[0] == j:  # "Hà Nội", "Lâm Đồng" begin with family names
        return False
    if toks[i].key in _vocabulary().surnames:
        return True
    window = sentence[toks[max(0, i - _CONTEXT)].start : toks[min(len(toks), j + _CONTEXT) - 1].end]
    return " ".join(t.text for t in toks[i:j]) in _proper_nouns(window)


def _name_before(toks: Sequence[_Token], sep: int, sentence: str) -> tuple[int, int] | None:
    """The name ending just before the separator at token `sep`, without words before it."""
    start = sep
    while start > 0 and sep - start < _MAX_NAME + 2 and toks[start - 1].syllable:
        start -= 1
    honorific = _vocabulary().honorifics.match(toks, start)
    if honorific and honorific[0] < sep:
        start = honorific[0]
    surnames = _vocabulary().surnames
    starts = [i for i in range(start, sep - 1) if toks[i].key in surnames] or [start]
    for i in starts:
        if _is_name(toks, i, sep, sentence):
            return i, sep
    return None


def _mention(
    toks: Sequence[_Token],
    sent: Sentence,
    name: tuple[int, int],
    position: _Position,
    province: str | None,
) -> Official:
    first = min(name[0], position.start)
    last = max(name[1], position.end)
    text = sent.text
    organised = [u for u in position.units if u.body]
    places = [u.place or (province if u.bare_province else None) for u in organised]
    organisation = None
    if organised and organised[-1].org_start is not None and organised[-1].org_end is not None:
        org = organised[-1]
        assert org.org_start is not None and org.org_end is not None
        organisation = text[toks[org.org_start].start : toks[org.org_end - 1].end]
    return Official(
        name=text[toks[name[0]].start : toks[name[1] - 1].end],
        position=text[toks[position.start].start : toks[position.end - 1].end],
        organisation=organisation,
        org_place=next((p for p in reversed(places) if p), None),
        **located(sent, toks[first].start, toks[last - 1].end),
    )


def _officials_in(sent: Sentence, province: str | None) -> list[Official]:
    toks = _tokens(sent.text)
    v = _vocabulary()
    found: list[Official] = []
    i = 0
    while i < len(toks):
        position = _position(toks, i) if toks[i].key in v.titles.by_first else None
        if position is None:
            i += 1
            continue
        name_end = _name_run(toks, position.end)
        standalone = match_key(position.units[0].title) in v.standalone
        if (position.has_org or standalone) and _is_name(toks, position.end, name_end, sent.text):
            found.append(_mention(toks, sent, (position.end, name_end), position, province))
            i = name_end
            continue
        sep = position.start - 1
        if sep > 0 and toks[sep].text in v.separators:
            name = _name_before(toks, sep, sent.text)
            if name:
                found.append(_mention(toks, sent, name, position, province))
        i = position.end
    return found


def person_key(name: str) -> str:
    """A person's name for merging: NFC, canonical tones, case-folded, single spaces."""
    return " ".join(canonical_tones(unicodedata.normalize("NFC", name)).casefold().split())


@functools.lru_cache(maxsize=1024)
def _units(position: str) -> tuple[_Unit, ...]:
    toks = _tokens(position)
    parsed = _position(toks, 0)
    return parsed.units if parsed else ()


def _title_base(title: str) -> str:
    key = match_key(title)
    for modifier in _vocabulary().modifiers:
        key = key.replace(modifier, "")
    return " ".join(key.split())


def positions_compatible(a: str, b: str) -> bool:
    """Same holder possible: the positions share a title (modifiers like "Thường trực" aside) in the
    same body, and no place is named in both that differs."""
    for x in _units(a):
        for y in _units(b):
            if _title_base(x.title) != _title_base(y.title):
                continue
            if x.body and y.body and not (x.body.startswith(y.body) or y.body.startswith(x.body)):
                continue
            if x.place and y.place and match_key(x.place) != match_key(y.place):
                continue
            return True
    return False


def merge_mentions(mentions: Sequence[Official]) -> list[Official]:
    """One entry per person and position, as a list of who took part: repeated mentions keep the
    fullest position."""
    kept: list[Official] = []
    by_person: dict[str, list[int]] = {}
    for mention in mentions:
        same = by_person.setdefault(person_key(mention.name), [])
        k = next((k for k in same if positions_compatible(kept[k].position, mention.position)), None)
        if k is None:
            same.append(len(kept))
            kept.append(mention)
        elif len(mention.position) > len(kept[k].position):
            kept[k] = mention
    return kept


def find_officials(sents: Sequence[Sentence], province: str | None = None) -> list[Official]:
    """Every mention of a named official with a position; a bare "tỉnh"/"thành phố" place is `province`."""
    return [o for sent in sents for o in _officials_in(sent, province)]
