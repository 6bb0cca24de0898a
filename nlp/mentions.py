"""One person and one post across mentions and articles: names compared as keys, positions
compared unit by unit (a title in the same body, abbreviations spelt out, no differing place or term)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from nlp.officials import Official
from nlp.positions import Unit, position
from nlp.text import canonical_tones, lexicon, match_key
from nlp.vocabulary import title_base, tokens


def person_key(name: str) -> str:
    """A person's name for merging: NFC, canonical tones, case-folded, single spaces."""
    return " ".join(canonical_tones(unicodedata.normalize("NFC", name)).casefold().split())


def merge_mentions(mentions: Sequence[Official]) -> list[Official]:
    """One entry per person and position, as a list of who took part: repeated mentions keep the
    fullest position, and the role any of them gives."""
    kept: list[Official] = []
    by_person: dict[str, list[int]] = {}
    for mention in mentions:
        same = by_person.setdefault(person_key(mention.name), [])
        k = next((k for k in same if positions_compatible(kept[k].position, mention.position)), None)
        if k is None:
            same.append(len(kept))
            kept.append(mention)
            continue
        fuller = mention if len(mention.position) > len(kept[k].position) else kept[k]
        kept[k] = replace(fuller, role=_role(fuller.role, mention.role, kept[k].role))
    return kept


def _role(*roles: str | None) -> str | None:
    """The role mentions of one post give: the one an appointment gives (old, new) over "former", which
    a mention as someone's predecessor gives too ("thay ông NAME")."""
    given = [r for r in roles if r]
    return next((r for r in given if r != "former"), given[0] if given else None)


@functools.lru_cache(maxsize=1024)
def _units(written: str) -> tuple[Unit, ...]:
    toks = tokens(written)
    parsed = position(toks, 0)
    return parsed.units if parsed else ()


@functools.cache
def _abbreviations() -> dict[str, str]:
    return {match_key(k): match_key(v) for k, v in lexicon("officials.yaml")["abbreviations"].items()}


def abbreviations_spelt_out(text: str) -> str:
    """The words of `text` (matching form) with the abbreviations of positions spelt out ("UBND" is
    "ủy ban nhân dân")."""
    return " ".join(_abbreviations().get(w, w) for w in match_key(text).split())


def _spelt_out(title: str, body: str | None) -> list[str]:
    """A unit's words with abbreviations spelt out, without connectives, punctuation or remarks:
    "Trưởng BQL các KKT - KCN" and "Trưởng Ban Quản lý các Khu kinh tế và khu công nghiệp" agree."""
    words = re.sub(r"\([^)]*\)", " ", f"{title_base(title)} {body or ''}").split()
    spelt = " ".join(_abbreviations().get(w, w) for w in words)
    spelt = " ".join(w for w in spelt.split() if w.isalnum() and w not in {"và", "các"})
    return spelt.split()


def _same_post(x: Unit, y: Unit) -> bool:
    if x.term and y.term and x.term != y.term:
        return False  # "Chủ tịch UBND tỉnh nhiệm kỳ 2011 - 2016", then the same post for 2016 - 2021
    if title_base(x.title) == title_base(y.title) and (
            not (x.body and y.body) or x.body.startswith(y.body) or y.body.startswith(x.body)):
        return True
    a, b = _spelt_out(x.title, x.body), _spelt_out(y.title, y.body)
    shorter = min(len(a), len(b))
    return bool(x.body and y.body) and a[:shorter] == b[:shorter]


def positions_compatible(a: str, b: str) -> bool:
    """Same holder possible: the positions share a title (modifiers like "Thường trực" aside) in the
    same body, or read the same with abbreviations spelt out, and no place named in both differs."""
    for x in _units(a):
        for y in _units(b):
            if not _same_post(x, y):
                continue
            if x.place and y.place and match_key(x.province or x.place) != match_key(y.province or y.place):
                continue
            levels = {_level(a, x.place), _level(b, y.place)} if x.place and y.place else set()
            if len(levels) == 2 and None not in levels:
                continue  # "UBND TP Quảng Ngãi", the provincial capital, is not "UBND tỉnh Quảng Ngãi"
            return True
    return False


def _level(written: str, place: str) -> str | None:
    """Whether a place is written as a province or as a city: "tỉnh Thanh Hóa", "TP Thanh Hóa"."""
    found = re.search(rf"(tỉnh|thành phố|tp\.?)\s*{re.escape(place)}", written, re.IGNORECASE)
    return None if found is None else "tỉnh" if found.group(1).lower() == "tỉnh" else "city"
