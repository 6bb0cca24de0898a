"""The words officials are written in: tokens, phrase lexicons and the vocabulary of lexicons/officials.yaml.

Shared by nlp.positions (titles, organisations, places), nlp.names, nlp.officials, nlp.signatures
and the text-page reader, so the lexicons are loaded once and every reader tokenises alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.provinces import PROVINCE_NAMES
from nlp.text import lexicon, match_key

APOSTROPHES = "'’"  # the mark in "H'Nhí", typed either way
# "H'Nhí", "K’Sơn" (Ê Đê, K'Ho names) are one syllable; "Huy_Ảnh": a caption glued to a name.
# "T.Ư" (Trung ương) is one acronym.
_TOKEN = re.compile(rf"T\.[ƯW](?!\w)|[A-ZĐ][{APOSTROPHES}][^\W\d_]+|[^\W_]+|[^\w\s]|_")


class Token:
    """A word or a punctuation mark, with its matching key and what its capitals say."""

    __slots__ = ("acronym", "capitalised", "end", "key", "start", "syllable", "text", "upper")

    def __init__(self, text: str, key: str, start: int, end: int) -> None:
        self.text, self.key, self.start, self.end = text, key, start, end
        self.capitalised, self.syllable, self.upper, self.acronym = _flags(text)


@functools.lru_cache(maxsize=200_000)
def _flags(text: str) -> tuple[bool, bool, bool, bool]:
    """What a word's capitals say, worked out once per word written: most words recur in every article."""
    capitalised = text[:1].isupper()
    word = text[2:] if text[1:2] in APOSTROPHES and len(text) > 2 else text.replace(".", "")
    if not word.isalpha():
        return capitalised, False, False, False
    # A capitalised syllable as in a name: "Nguyễn", "Huy", "A"; not "UBND".
    syllable = capitalised and (len(word) == 1 or word[1:].islower())
    upper = word.isupper()  # a word in capitals: an acronym, or a name printed in capitals
    return capitalised, syllable, upper, upper and len(word) > 1  # acronym: "QLTT", "KCN", "TP"


@functools.lru_cache(maxsize=1024)
def tokens(text: str) -> tuple[Token, ...]:
    """Cached: officials, signatures and mentions each read the same sentence's tokens."""
    key = match_key(text)
    return tuple(Token(text[a:b], key[a:b], a, b) for a, b in (m.span() for m in _TOKEN.finditer(text)))


class Phrases:
    """A phrase lexicon matched on token keys, longest phrase first."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in phrases.items():
            keys = tuple(t.key for t in tokens(phrase))
            self.by_first.setdefault(keys[0], []).append((keys, value))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        self.last_words = frozenset(keys[-1] for entries in self.by_first.values() for keys, _ in entries)

    def match(self, toks: Sequence[Token], i: int) -> tuple[int, str] | None:
        """(end index, value) of the longest phrase starting at token i."""
        entries = self.by_first.get(toks[i].key) if i < len(toks) else None
        if entries is None:
            return None
        for keys, value in entries:
            n = len(keys)
            if n == 1:
                return i + 1, value
            if i + n <= len(toks):
                for k in range(1, n):
                    if toks[i + k].key != keys[k]:
                        break
                else:
                    return i + n, value
        return None

_MARKED_MIDDLE = frozenset({"thị", "văn"})


@dataclass(frozen=True)
class Vocabulary:
    titles: Phrases
    needs_org: frozenset[str]
    standalone: frozenset[str]
    modifiers: Phrases
    modifier_keys: tuple[str, ...]
    bodies: Phrases
    heads: Phrases
    head_keys: frozenset[str]
    sectors: Phrases
    remitted: frozenset[str]  # sectors a lowercase remit follows ("Ban Chỉ đạo phòng chống buôn lậu")
    events: Phrases
    admin: Phrases
    provinces: Phrases
    places: Phrases
    districts: Phrases  # every district's name before the 2025 reform ("Bảo Thắng", "Vinh")
    honorifics: Phrases  # ranks among them
    ranks: Phrases
    separators: frozenset[str]
    surnames: frozenset[str]
    org_words: frozenset[str]
    org_stops: Phrases
    org_phrases: Phrases
    middle_names: frozenset[str]
    prefixes: dict[str, str]
    termed: frozenset[str]  # bodies (canonical) whose posts are written with their term


def _same(items: Sequence[str]) -> dict[str, str]:
    return {item: item for item in items}


def _keys(items: Sequence[str]) -> frozenset[str]:
    return frozenset(match_key(t) for t in items)


_DISTRICT_KINDS = re.compile(r"^(?:Huyện|Quận|Thị xã|Thành phố) ")


def _district_names() -> list[str]:
    """The districts by name alone, to tell "Huyện ủy Bảo Thắng" from "Thành ủy Nguyễn Đình Vĩnh"."""
    from vietnam_provinces.enums import DistrictEnum

    return sorted({_DISTRICT_KINDS.sub("", d.value.name) for d in DistrictEnum})


@functools.cache
def vocabulary() -> Vocabulary:
    data = lexicon("officials.yaml")
    return Vocabulary(
        titles=Phrases(_same(data["titles"] + data["titles_needing_org"])),
        needs_org=_keys(data["titles_needing_org"]),
        standalone=_keys(data["standalone_titles"]),
        modifiers=Phrases(_same(data["title_modifiers"])),
        modifier_keys=tuple(match_key(m) for m in data["title_modifiers"]),
        bodies=Phrases(data["bodies"]),
        heads=Phrases(_same(data["heads"])),
        head_keys=frozenset(match_key(h) for h in data["heads"]),
        sectors=Phrases(_same(data["sectors"])),
        remitted=frozenset(match_key(s) for s in data["remitted"]),
        events=Phrases(_same(data["events"])),
        admin=Phrases({u["word"]: "province" if u["province"] else "" for u in data["admin_units"]}),
        provinces=Phrases(_same(PROVINCE_NAMES)),
        places=Phrases(_same(data["places"])),
        districts=Phrases(_same(_district_names())),
        honorifics=Phrases(_same(data["honorifics"] + data["ranks"])),
        ranks=Phrases(_same(data["ranks"])),
        separators=frozenset(data["separators"]),
        surnames=_keys(lexicon("surnames.txt")),
        org_words=frozenset(w for phrase in data["org_words"] + data["sectors"] + data["events"]
                            for w in match_key(phrase).split()),
        org_stops=Phrases(_same(data["org_stops"])),
        org_phrases=Phrases(_same(data["org_words"])),
        middle_names=_keys(data["lowercase_middle_names"]),
        prefixes={match_key(k): v for k, v in data["role_prefixes"].items()},
        termed=frozenset(data["termed_bodies"]),
    )


def starts_name(toks: Sequence[Token], i: int) -> bool:
    """A known family name followed by another capitalised syllable, and not a known place."""
    v = vocabulary()
    if i + 1 < len(toks) and toks[i].upper and toks[i + 1].upper and toks[i].key in v.surnames:
        return not (v.bodies.match(toks, i) or v.heads.match(toks, i))  # "LÒ VĂN PHÚC"
    if marked_name(toks, i):
        return True
    return (i + 1 < len(toks) and toks[i].key in v.surnames and toks[i].syllable and toks[i + 1].syllable
            and not v.places.match(toks, i))


def marked_name(toks: Sequence[Token], i: int) -> bool:
    """"Phương Thị Thanh", "Đồng Văn Lưu": a family name we do not list, known by the middle name
    Thị or Văn that no place's second syllable is."""
    return (i + 2 < len(toks) and toks[i].syllable and toks[i + 1].syllable and toks[i + 2].syllable
            and toks[i + 1].key in _MARKED_MIDDLE)


def title_at(toks: Sequence[Token], i: int) -> tuple[int, str] | None:
    """A title at token i: "Quyền" and "Phó" before any title, modifiers ("phụ trách") after it."""
    v = vocabulary()
    j = i + 1 if i < len(toks) and toks[i].key == "quyền" else i
    found = v.titles.match(toks, j)
    if not found and j < len(toks) and toks[j].key == "phó":
        found = v.titles.match(toks, j + 1)
    if not found:
        return None
    end = found[0]
    if modifier := v.modifiers.match(toks, end):
        end = modifier[0]
    return end, " ".join(t.text for t in toks[i:end])


def title_base(title: str) -> str:
    """A title without "quyền" and the modifiers that do not change the post ("Thường trực", "phụ trách")."""
    key = match_key(title)
    for modifier in ("quyền", *vocabulary().modifier_keys):
        key = key.replace(f" {modifier}", "").removeprefix(f"{modifier} ")
    return " ".join(key.split())
