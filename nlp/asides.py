"""What news writes between a person's name and their position: an age or a rank after a comma ("ông
NAME, 54 tuổi, POSITION", "…, Đại tá, …"), a remark in parentheses ("NAME (31 tuổi, POSITION)"), a birth
year and home place ("ông NAME (SN 1975, quê Nam Định), POSITION"). Each returns where the name ends."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.vocabulary import Token, vocabulary

MAX_REMARK = 12  # tokens of a remark or a position inside parentheses


def aside_before(toks: Sequence[Token], sep: int) -> int | None:
    """The comma before an age ("54 tuổi") or a rank ("Đại tá") written between a name and its position,
    which begins after the comma `sep`."""
    if sep <= 3 or toks[sep].text != ",":
        return None
    if toks[sep - 1].key == "tuổi" and toks[sep - 2].text.isdigit() and toks[sep - 3].text == ",":
        return sep - 3
    ranks = vocabulary().ranks
    return next((k for k in range(max(0, sep - 4), sep - 1)
                 if toks[k].text == "," and (rank := ranks.match(toks, k + 1)) and rank[0] == sep), None)


def remark_before(toks: Sequence[Token], sep: int) -> int | None:
    """The "(" of "(31 tuổi, " or "(sinh năm 1976, " ending at the comma `sep`: a remark without capitals."""
    if sep <= 0 or toks[sep].text != ",":
        return None
    for k in range(sep - 1, max(-1, sep - MAX_REMARK), -1):
        if toks[k].text == "(":
            return k if k < sep - 1 else None
        if not toks[k].text.isalnum() or (toks[k].capitalised and not toks[k].acronym):
            return None
    return None


_BIOGRAPHY_WORDS = frozenset({"sn", "sinh", "quê", "năm"})  # "(SN 1975, quê Nam Định)", "(sinh năm 1976, …)"


def biography_before(toks: Sequence[Token], sep: int) -> int | None:
    """The "(" of a birth year and home place closed just before the comma `sep`, places capitalised."""
    if sep <= 1 or toks[sep].text != "," or toks[sep - 1].text != ")":
        return None
    opening = next((k for k in range(sep - 2, max(-1, sep - MAX_REMARK), -1) if toks[k].text == "("), None)
    if opening is None or opening + 1 >= sep - 1:
        return None
    first = toks[opening + 1]
    return opening if first.key in _BIOGRAPHY_WORDS or first.text.isdigit() else None
