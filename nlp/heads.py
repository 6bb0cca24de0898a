"""Organisations a post names short, resolved from what the article named before, as a reader takes them:
a title that names its organisation's kind ("Quyền Cục trưởng", "Phó trưởng ban phụ trách") written with no
organisation takes the one of that kind named last ("Cục Quản lý thị trường tỉnh Tiền Giang tổ chức hội
nghị. Đồng chí NAME – Quyền Cục trưởng chủ trì"); an abbreviation ("Giám đốc ITPC") the name it was given
in parentheses after ("Trung tâm Xúc tiến thương mại và đầu tư TP.HCM (ITPC)")."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.organisations import org_after, with_parent
from nlp.places import place_after
from nlp.provinces import canonical_province
from nlp.text import match_key
from nlp.vocabulary import Token, title_base, tokens, vocabulary


def head_of(title: str) -> str | None:
    """The kind of organisation a title names ("cục" of "Phó Cục trưởng", "ban" of "Trưởng ban phụ
    trách", "văn phòng" of "Chánh Văn phòng"), or None ("Giám đốc" heads a Sở, a centre or a company)."""
    words = [w for w in title_base(title).split() if w != "phó"]
    if len(words) < 2:
        return None
    if words[-1] == "trưởng":
        head = " ".join(words[:-1])
    elif words[0] in {"trưởng", "chánh"}:
        head = " ".join(words[1:])
    else:
        return None
    return head if head in vocabulary().head_keys else None


def named_with_head(texts: Sequence[str], head: str) -> tuple[str, str | None] | None:
    """The last organisation of kind `head` the texts name, written capitalised ("Ban Quản lý khu kinh tế
    cửa khẩu Đồng Đăng - Lạng Sơn"), with its province if it names one."""
    v = vocabulary()
    for text in reversed([t for t in texts if not t.isascii()]):  # not a caption without tone marks
        toks = tokens(text)
        for k in range(len(toks) - 1, -1, -1):
            found = v.heads.match(toks, k) if toks[k].capitalised else None
            if not found or not f"{match_key(found[1])} ".startswith(f"{head} "):
                continue  # "Ban Quản lý …" is a "ban"
            end, after, province = _organisation_at(toks, found)
            if end > found[0]:
                return text[toks[k].start : toks[after - 1].end], province
    return None


def _organisation_at(toks: Sequence[Token], found: tuple[int, str]) -> tuple[int, int, str | None]:
    """(end of the name, end with its place, province) of the organisation whose head ends at found[0]."""
    end = with_parent(toks, org_after(toks, found[0], True))
    after, place, _, local = place_after(toks, end)
    return end, after, canonical_province(place) if place and not local else None


def spelt_out(texts: Sequence[str], abbreviation: str) -> tuple[str, str | None] | None:
    """The organisation the texts name in full just before "(ABBREVIATION)", with its province."""
    v, marked = vocabulary(), f"({abbreviation})"
    for text in reversed([t for t in texts if marked in t]):
        toks = tokens(text)
        opening = next((k for k in range(len(toks) - 2) if toks[k].text == "(" and toks[k + 1].text == abbreviation
                        and toks[k + 2].text == ")"), None)
        for k in range(opening - 1 if opening else -1, -1, -1):
            found = v.heads.match(toks, k) if toks[k].capitalised else None
            end, after, province = _organisation_at(toks, found) if found else (-1, -1, None)
            if opening in (end, after) or end == opening + 3:  # the name may take its "(ITPC)" along
                return text[toks[k].start : toks[opening - 1].end], province
    return None
