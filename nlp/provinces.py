"""Vietnam's provinces before and after the 1 July 2025 merger, and their mentions in text.

The archive spans years in which news named one of 63 provinces; readers now think in the
34 of Nghị quyết 202/2025/QH15. The table lives in `lexicons/provinces.yaml`: the merger
joined whole provinces, so a 63-row table is the whole mapping, and it needs no address
parser at run time.

Names are compared by a key that ignores case, Unicode form (NFC or NFD) and where the tone
mark sits in its syllable (Hoà = Hòa, Thuỷ = Thủy); a second key without any diacritics
accepts text typed without them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from nlp.text import canonical_tones, fold, lexicon

_SEPARATORS = re.compile(r"[\s.\-‐‑‒–—]+")
_DASHES = frozenset("‐‑‒–—")
_HYPHENS = str.maketrans(dict.fromkeys(_DASHES, "-"))
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # fold drops them
# Words before a name that make it a province ("tỉnh Hải Dương", "TP. Hồ Chí Minh"); folded.
_PREFIXES = (("thanh", "pho"), ("thu", "do"), ("tinh",), ("tp",), ("t", "p"))
_PREFIX_PATTERN = r"(?:thanh\s+pho|thu\s+do|tinh|t\.?\s*p\.?)"
# Names that, without a prefix, are more often something else: the President, a person, a ward.
_PREFIX_ONLY = ("Huế", "Hồ Chí Minh")
# A name right after these is a street ("đường Hải Phòng") or part of a person's name.
_NOT_AFTER = frozenset({"duong", "pho", "thi", "van"})
_CAPITALISED_WORD_NEXT = re.compile(r"[ \t]+[^\W\d_]")


@dataclass(frozen=True)
class ProvinceMention:
    """A province named in a text; `raw` (and `start`, `end`) include "tỉnh"/"TP." if said."""

    raw: str
    start: int
    end: int
    province: str
    province_2025: str


@dataclass(frozen=True)
class _Province:
    code: str
    name: str
    province_2025: str
    region: str
    aliases: tuple[str, ...]


def province_2025(name: str) -> str | None:
    """The province after 1 July 2025 for an old or new name, so old and new news group together."""
    found = _lookup(name)
    if found is None:
        return None
    return found.province_2025 if isinstance(found, _Province) else found


def canonical_province(name: str) -> str | None:
    """The pre-merger canonical name for any accepted spelling; for a 2025 name, the old province
    of the same name ("Huế" gives "Thừa Thiên Huế")."""
    found = _lookup(name)
    if found is None:
        return None
    return found.name if isinstance(found, _Province) else _same_named_old(found).name


def region(name: str) -> str | None:
    """The socio-economic region of the pre-merger province a name points to."""
    found = _lookup(name)
    if found is None:
        return None
    return (found if isinstance(found, _Province) else _same_named_old(found)).region


def find_provinces(text: str) -> list[ProvinceMention]:
    """Province names mentioned in a text, with offsets into it, in order.

    A mention must be capitalised as a name ("hòa bình", peace, is not Hòa Bình), must not run on
    into a longer name ("Thái Bình Dương", "Điện Biên Phủ"), and must not follow "đường"/"phố"
    (a street) or "Thị"/"Văn" (a person). "Huế" and "Hồ Chí Minh" count only after a prefix.
    """
    folded, offsets = _fold_with_offsets(text)
    surfaces, pattern = _text_matcher()
    mentions: list[ProvinceMention] = []
    for match in pattern.finditer(folded):
        start = offsets[match.start()]
        end = _original_end(text, offsets, match.end())
        name_start = offsets[match.start("name")]
        said = text[name_start:end]
        province = _matching_surface(surfaces.get(_fold_key(said), []), said)
        if province is None or not _reads_as_name(text, start, name_start, end, said):
            continue
        if match.group("prefix") is None and _key(said) in _PREFIX_ONLY_KEYS:
            continue
        mentions.append(ProvinceMention(text[start:end], start, end, province.name,
                                        province.province_2025))
    return mentions


def province_of_story(title: str | None, lead: str) -> str | None:
    """The province a story from a site of no province is about: the one its title names, else the
    one its lead names most (a tie names none), so "UBND tỉnh" in a national paper has a place."""
    for text in (title or "", lead):
        ranked = Counter(mention.province for mention in find_provinces(text)).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
    return None


def province_leading(title: str | None) -> str | None:
    """The province a title opens with, its subject ("Thanh Hóa khai mạc Hội chợ…", "Nghệ An: …"):
    the story's own province, even on another province's site; a title naming two names neither."""
    mentions = find_provinces((title or "").lstrip(" \"'“‘([-–"))
    if not mentions or mentions[0].start != 0 or len({m.province for m in mentions}) > 1:
        return None
    return mentions[0].province


def _lookup(name: str) -> _Province | str | None:
    tables = _tables()
    syllables = _SEPARATORS.split(unicodedata.normalize("NFC", name).strip())
    syllables = [syllable for syllable in syllables if syllable]
    for candidate in (syllables, _without_prefix(syllables)):
        if not candidate:
            continue
        joined = " ".join(candidate)
        for index, key in ((tables.by_key, _key(joined)), (tables.by_fold, _fold_key(joined))):
            if key in index:
                return index[key]
    return None


def _without_prefix(syllables: list[str]) -> list[str]:
    folded = [_fold_key(syllable) for syllable in syllables]
    for prefix in _PREFIXES:
        if tuple(folded[:len(prefix)]) == prefix and len(folded) > len(prefix):
            return syllables[len(prefix):]
    return []


def _same_named_old(name_2025: str) -> _Province:
    """The old province a 2025 name continues: the one whose code it carries (Huế: Thừa Thiên)."""
    tables = _tables()
    merged = [p for p in tables.provinces if p.province_2025 == name_2025]
    return next((p for p in merged if p.code == tables.codes_2025[name_2025]), merged[0])


def _key(text: str) -> str:
    """Lowercase, no separators, new tone placement (Hoà = Hòa): what a name is looked up by."""
    return _SEPARATORS.sub("", canonical_tones(unicodedata.normalize("NFC", text)).lower())


def _fold_key(text: str) -> str:
    return _SEPARATORS.sub("", fold(text))


def _fold_char(char: str) -> str:
    """One character of `fold`, with every dash as a hyphen so that names split the same way."""
    return "-" if char in _DASHES else fold(char)


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text lowercased without diacritics (nlp.text.fold, dashes as hyphens), and for each of its
    characters the original index."""
    folded = fold(text)
    if len(folded) == len(text) and not _COMBINING.search(text):  # one for one, as almost always
        return (folded.translate(_HYPHENS) if any(d in text for d in _DASHES) else folded), list(range(len(text) + 1))
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        part = "".join(_fold_char(c) for c in unicodedata.normalize("NFD", char))
        chars.append(part)
        offsets.extend([index] * len(part))
    offsets.append(len(text))
    return "".join(chars), offsets


def _original_end(text: str, offsets: list[int], folded_end: int) -> int:
    end = offsets[folded_end - 1] + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def _matching_surface(candidates: list[tuple[str, _Province]], said: str) -> _Province | None:
    """The province whose spelling the text uses, diacritics and all, or any if it has none."""
    if candidates and _fold_key(said) == _key(said):
        return candidates[0][1]
    key = _key(said)
    return next((province for surface, province in candidates if _key(surface) == key), None)


def _reads_as_name(text: str, start: int, name_start: int, end: int, said: str) -> bool:
    words = [word for word in _SEPARATORS.split(said) if word]
    if said.isupper():
        return True
    if not all(word[0].isupper() for word in words):
        return False
    if _CAPITALISED_WORD_NEXT.match(text, end) and text[end:].lstrip()[:1].isupper():
        return False
    before = text[max(0, start - 12):start].split()
    return not (start == name_start and before and _fold_key(before[-1]) in _NOT_AFTER)


@dataclass(frozen=True)
class _Tables:
    provinces: tuple[_Province, ...]
    names_2025: tuple[str, ...]
    codes_2025: dict[str, str]
    by_key: dict[str, _Province | str]
    by_fold: dict[str, _Province | str]


@cache
def _tables() -> _Tables:
    document: dict[str, Any] = lexicon("provinces.yaml")
    provinces = tuple(
        _Province(str(row["code"]), row["name"], row["province_2025"], row["region"],
                  tuple(row.get("aliases") or ()))
        for row in document["provinces_63"])
    codes_2025 = {row["name"]: str(row["code"]) for row in document["provinces_2025"]}
    by_key: dict[str, _Province | str] = {}
    by_fold: dict[str, _Province | str] = {}
    for name in codes_2025:
        for spelling in (name, *_bare(name)):
            by_key[_key(spelling)] = name
            by_fold[_fold_key(spelling)] = name
    for province in provinces:
        for spelling in (province.name, *province.aliases, *_bare(province.name)):
            by_key[_key(spelling)] = province
            by_fold[_fold_key(spelling)] = province
    return _Tables(provinces, tuple(codes_2025), codes_2025, by_key, by_fold)


def _bare(name: str) -> tuple[str, ...]:
    return (name.removeprefix("TP. "),) if name.startswith("TP. ") else ()


@cache
def _text_matcher() -> tuple[dict[str, list[tuple[str, _Province]]], re.Pattern[str]]:
    """Every spelling to look for in text, by folded key, and one regex that finds them all."""
    tables = _tables()
    surfaces: dict[str, list[tuple[str, _Province]]] = {}
    for province in tables.provinces:
        for spelling in (province.name, *province.aliases, *_bare(province.name)):
            if spelling.startswith("TP. "):
                continue
            surfaces.setdefault(_fold_key(spelling), []).append((spelling, province))
    huế = next(p for p in tables.provinces if p.province_2025 == "Huế")
    surfaces.setdefault(_fold_key("Huế"), []).append(("Huế", huế))
    spellings = sorted({spelling for entries in surfaces.values() for spelling, _ in entries},
                       key=len, reverse=True)
    alternatives = "|".join(_folded_regex(spelling) for spelling in spellings)
    pattern = re.compile(rf"(?<![\w.])(?:(?P<prefix>{_PREFIX_PATTERN})\s*)?"
                         rf"(?P<name>{alternatives})(?![\w])")
    return surfaces, pattern


def _folded_regex(spelling: str) -> str:
    folded = "".join(_fold_char(char) for char in unicodedata.normalize("NFD", spelling.lower()))
    words = [re.escape(word) for word in re.split(r"[\s.\-]+", folded) if word]
    joiner = r"\s*[-.]?\s*" if re.search(r"[.\-]", folded) else r"\s+"
    return joiner.join(words)


_PREFIX_ONLY_KEYS = frozenset(_key(name) for name in _PREFIX_ONLY)

PROVINCES_63: tuple[str, ...] = tuple(province.name for province in _tables().provinces)
PROVINCES_34: tuple[str, ...] = _tables().names_2025
# Every spelling of a province name, old or new, as other extractors look for places in text.
PROVINCE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(
    [spelling for province in _tables().provinces for spelling in (province.name, *province.aliases)]
    + [spelling for name in PROVINCES_34 for spelling in (name, *_bare(name))]))
