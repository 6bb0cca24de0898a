"""A post named in one sentence and given in the next: "HĐND tỉnh kiện toàn chức danh Phó Chủ tịch UBND
tỉnh. Ông A, Giám đốc Sở Kế hoạch và Đầu tư đã được bầu với 47/47 phiếu": A takes the post the sentence
before named. Apart from nlp.officials, which reads one sentence at a time."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.lists import Found
from nlp.positions import Position, position
from nlp.vocabulary import Token

_NAMES_A_POST = frozenset({"danh", "vụ"})  # "chức danh X", "chức vụ X"
_ELECTED = frozenset({("được", "bầu"), ("trúng", "cử"), ("đắc", "cử")})


def announced(toks: Sequence[Token], found: Sequence[Found]) -> Position | None:
    """The post a sentence names after "chức danh" or "chức vụ" and gives to no one in it."""
    for k in range(1, len(toks) - 1):
        if toks[k - 1].key == "chức" and toks[k].key in _NAMES_A_POST and (held := position(toks, k + 1)) \
                and held.units[-1].body and not any(f.position.start == held.start for f in found):
            return held
    return None


def elected_alone(toks: Sequence[Token]) -> int | None:
    """Where "được bầu" (or "trúng cử") stands with no post after it ("đã được bầu với số phiếu …")."""
    for k in range(len(toks) - 1):
        if (toks[k].key, toks[k + 1].key) in _ELECTED and not position(toks, k + 2) \
                and not (k + 2 < len(toks) and toks[k + 2].key in {"làm", "giữ", "vào", "chức", "là"}):
            return k
    return None
