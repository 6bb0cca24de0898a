"""Parentheses in positions: a remark the position is written around ("(đứng)", "(bìa phải)") and
an abbreviation repeating the name before it ("(QLTT)"). Apart from nlp.positions, which reads
titles and organisations; nlp.names and nlp.officials read remarks too."""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.vocabulary import Token

_MAX_REMARK = 10  # tokens inside a parenthesis


def remark_close(toks: Sequence[Token], i: int) -> int | None:
    """End of a parenthesis opening at token i, or None."""
    if i >= len(toks) or toks[i].text != "(":
        return None
    for j in range(i + 1, min(len(toks), i + _MAX_REMARK + 2)):
        if toks[j].text == ")":
            return j + 1
    return None


def remark_end(toks: Sequence[Token], i: int) -> int:
    """After a remark in parentheses: with no capitalised word ("(đứng)", "(thứ 2 từ trái sang)"), or
    opening in lowercase ("(bìa phải)", "(sáp nhập hai sở Thương mại và Công nghiệp)")."""
    end = remark_close(toks, i)
    if end is None or end == i + 2:
        return i
    inside = toks[i + 1 : end - 1]
    if inside[0].text.isalpha() and inside[0].text.islower():
        return end
    if any(t.capitalised and not t.acronym for t in inside):
        return i
    return end  # "(SN 1970)" too


_ALIAS_JOINS = frozenset({"-", "–", "&", "các", "và"})
_ALIAS = re.compile(r"\s*\(([^()]*)\)")


_MIN_BRAND = 4  # letters of a short name written in capitals and lowercase: "(Agtek)", "(Vinacas)"
# One Vietnamese syllable without tone marks: onset, vowels, final ("Thanh", "Minh", "Quang").
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?",
                       re.I)


def is_alias(words: Sequence[str]) -> bool:
    """The words of a parenthesis that abbreviates the name before it: "(BQL KKT - KCN)", "(QLTT)", or one
    word without tone marks that no Vietnamese syllable spells, an association's short name ("(Agtek)")."""
    if len(words) == 1 and words[0].isascii() and words[0].isalpha() and words[0][:1].isupper() \
            and len(words[0]) >= _MIN_BRAND and not _SYLLABLE.fullmatch(words[0]):
        return True
    return bool(words) and words[0][:1].isupper() and any(w.isupper() and len(w) > 1 for w in words) and all(
        w[:1].isupper() or w in _ALIAS_JOINS for w in words)


def without_aliases(text: str) -> str:
    """A position as one line, without the abbreviations in parentheses it repeats itself in:
    "Cục Quản lý thị trường (QLTT) tỉnh" is "Cục Quản lý thị trường tỉnh"."""
    return " ".join(_ALIAS.sub(lambda m: m.group() if not is_alias(m.group(1).split()) else "", text).split())
