"""Lists of people in one sentence: "các Phó Giám đốc A, B và C", "cả 02 ông A và ông B", "gồm: ông A,
Chánh Thanh tra; ông B, Giám đốc Sở Nội vụ", "đối với: ông A, để nghỉ hưu; ông B". The sentence reader of
nlp.officials (through nlp.appointments) supplies the tokens, the names found so far and `add`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.names import is_name, name_at, name_before, name_run
from nlp.positions import Position, position
from nlp.remarks import remark_close, remark_end
from nlp.text import Sentence, match_key
from nlp.vocabulary import Token, vocabulary

_COUNTS = frozenset({"cả", "hai", "ba", "bốn", "năm"})  # "cả 02 ông A và B", "hai bà A và B": a plural honorific
_PLURALS = _COUNTS | {"các", "những"}  # before a title several hold: "các Phó Giám đốc", "hai Phó Chủ tịch"
_SHARED_TITLES = ("phó", "ủy viên", "thành viên", "đại biểu", "chi cục phó")  # match keys
_CLAUSE_VERBS = frozenset({"được", "giữ", "làm", "là", "đã", "sẽ", "vừa", "đang", "về"})  # "…; ông B được bầu"


@dataclass
class Found:
    """A name and the position the sentence gives it, before roles are settled."""

    name: tuple[int, int]  # token span; (-1, -1): the person named in an earlier sentence
    position: Position
    units: tuple[int, int] | None = None  # only these units of the position (a career list)
    role: str | None = None
    takes_post: bool = False


def _own_in_parentheses(toks: Sequence[Token], k: int) -> tuple[int, Position] | None:
    """"(Bí thư Huyện ủy Cầu Ngang)" at token k, a listed person's own post in parentheses: (its end, the post)."""
    if k < len(toks) and toks[k].text == "(" and (close := remark_close(toks, k)) and (
            own := position(toks, k + 1)) and own.has_org and not any(u.named_before for u in own.units):
        return close, own  # not "(Phó Chủ tịch Thường trực)": the listed title itself, refined
    return None


def _past_own_in_parentheses(toks: Sequence[Token], k: int) -> int:
    own = _own_in_parentheses(toks, k)
    return own[0] if own else k


def _held_by_several(toks: Sequence[Token], held: Position) -> bool:
    """A title several people may hold at once: plural ("các", "hai", "3") or a deputy's or member's."""
    before = toks[held.start - 1] if held.start > 0 else None
    plural = before is not None and (before.text.isdigit() or before.key in _PLURALS)
    return plural or match_key(held.units[0].title).startswith(_SHARED_TITLES)


class Lists:
    """The list constructions of one sentence's reader."""

    sent: Sentence
    toks: tuple[Token, ...]
    previous: str | None
    found: list[Found]
    named: list[tuple[int, int]]

    def add(self, found: Found) -> None:
        raise NotImplementedError

    def name_text(self, span: tuple[int, int]) -> str:
        raise NotImplementedError

    def members(self, held: Position, span: tuple[int, int] | None, role: str | None = None,
                takes_post: bool = False) -> int:
        """The people a list names after "gồm", "là" or "đối với", each with a post of their own after
        their name ("ông A, Chánh Thanh tra; ông B, Giám đốc Sở Nội vụ"): all hold `held`; scanning goes
        on from the first, so their own posts are read too."""
        first = span[0] if span else len(self.toks)
        while span is not None:
            self.add(Found(span, held, role=role, takes_post=takes_post))
            self.own_in_parentheses(span)
            span = self.next_item(span)
        return first

    def own_in_parentheses(self, span: tuple[int, int]) -> None:
        """"3 tân Phó Chủ tịch là ông A (Bí thư Huyện ủy Cầu Ngang), …": A's own post, named too."""
        if own := _own_in_parentheses(self.toks, span[1]):
            self.add(Found(span, own[1]))

    def next_item(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The name of a list's next item after the one named at `span`: past its own post, its remarks and
        its reason ("ông A, để nghỉ hưu theo chế độ; ông B"), after ";", "," or "và"; not a clause of its
        own ("…; ông B được bầu …")."""
        toks, v = self.toks, vocabulary()
        k = _past_own_in_parentheses(toks, remark_end(toks, span[1]))
        if self.has_own(span) and (own := position(toks, k + 2 if toks[k + 1].key in v.prefixes else k + 1)):
            k = remark_end(toks, own.end)
        said = k + (k + 1 < len(toks) and toks[k].text == ",")
        if said < len(toks) and toks[said].text.isalpha() and toks[said].text.islower() and toks[said].key != "và" \
                and not v.honorifics.match(toks, said):
            k = next((j for j in range(said, len(toks)) if toks[j].text == ";" or (  # "…, để nghỉ hưu; ông B"
                toks[j].key in {"và", ","} and v.honorifics.match(toks, j + 1))), len(toks))
        if not (k + 1 < len(toks) and toks[k].key in {";", ",", "và"}):
            return None
        k += k + 2 < len(toks) and toks[k].text in {";", ","} and toks[k + 1].key == "và"  # "…, và bà B"
        after = name_at(toks, k + 1, self.sent.text)
        if after is None or (after[1] < len(toks) and toks[after[1]].key in _CLAUSE_VERBS):
            return None
        return after

    def has_own(self, span: tuple[int, int]) -> bool:
        """A position of its own right after the name: "…, ông NAME, (nguyên) Giám đốc Sở Nội vụ"."""
        toks, v, k = self.toks, vocabulary(), span[1]
        if not (k + 1 < len(toks) and toks[k].text in v.separators):
            return False
        return bool(position(toks, k + 2 if toks[k + 1].key in v.prefixes else k + 1))

    def listed(self, last: tuple[int, int]) -> list[tuple[int, int]]:
        """"các ông A, B và C – POSITION", "cả 02 ông A và ông B đều …": the names listed after a plural
        honorific share the position."""
        toks, spans = self.toks, [last]
        while (k := self.honorific_before(spans[0][0])) > 1 and toks[k - 1].key in {",", "và"}:
            earlier = name_before(toks, k - 1, self.sent.text)
            if earlier is None:
                break
            spans.insert(0, earlier)
        k = self.honorific_before(spans[0][0])
        plural = toks[k].key == "các" or (k > 0 and (toks[k - 1].text.isdigit() or toks[k - 1].key in _COUNTS))
        listed = k > 0 and toks[k - 1].text in {":", ";"} and all(self.honorific_before(s[0]) < s[0] for s in spans)
        return spans if len(spans) > 1 and (plural or listed) else [last]  # "…; ông A, ông B, POSITION"

    def honorific_before(self, k: int) -> int:
        """Where the honorific before the name at token k begins ("các đồng chí", "ông"); k if none."""
        honorifics = vocabulary().honorifics
        if k == 0 or self.toks[k - 1].key not in honorifics.last_words:
            return k
        return next((j for j in range(max(0, k - 3), k) if (h := honorifics.match(self.toks, j)) and h[0] == k), k)

    def shared(self, held: Position, k: int, role: str | None) -> int:
        """", B và C" after "các Phó Giám đốc A": more holders of the same title."""
        toks = self.toks
        honorifics = vocabulary().honorifics
        if not _held_by_several(toks, held):
            return k  # "Chủ tịch UBND tỉnh A và ông B": one holder; B is another person
        if first := next((f.name for f in reversed(self.found) if f.name[1] == k), None):
            self.own_in_parentheses(first)
        while (k := _past_own_in_parentheses(toks, remark_end(toks, k))) + 1 < len(toks) and toks[k].text in {
                ",", "và"}:  # "A (58 tuổi), B", "A (Bí thư Huyện ủy), B"
            k += k + 2 < len(toks) and toks[k].text == "," and toks[k + 1].key == "và"  # "A, và B"
            start = honorific[0] if (honorific := honorifics.match(toks, k + 1)) else k + 1  # ", ông B, bà C"
            end = name_run(toks, start)
            if not is_name(toks, start, end, self.sent.text):
                break
            if self.has_own((start, end)):
                break  # "…, B – POSITION": B has a position of their own
            self.add(Found((start, end), held, role=role))
            self.own_in_parentheses((start, end))
            k = end
        return k
