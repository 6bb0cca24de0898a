"""Positions of office as Vietnamese news writes them: a title, the organisation it is held in, its place.

"Phó Chủ tịch Thường trực UBND tỉnh Hưng Yên", "Quyền Chi cục trưởng Chi cục QLTT tỉnh Tây Ninh",
"Trưởng Ban Quản lý Khu kinh tế Nghi Sơn và các Khu công nghiệp", "UVBTV Tỉnh ủy, Phó Chủ tịch UBND
tỉnh". Rules over tokens and lexicons (lexicons/officials.yaml, surnames.txt, nlp.provinces names):
no tagger knows these organisation names, so their words are listed, not learnt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from nlp.organisations import DASHES, MAX_ORG, org_after, org_name, stops_org, with_parent
from nlp.places import district_length, local_length, place_after
from nlp.provinces import canonical_province
from nlp.remarks import remark_end
from nlp.text import match_key
from nlp.vocabulary import Token, starts_name, title_at, vocabulary

_DEMONSTRATIVES = frozenset({"này", "đó", "trên", "ấy"})
_ROMAN = re.compile(r"[IVXLC]+")
_DEPUTY = "phó "
_JOINS = frozenset({",", "kiêm", "-", "–", "—"})  # between two posts of one person
_AT = frozenset({"tại", "ở"})  # "Tại Sở Tài chính, …": the organisation a sentence is about
# Words between a title and its organisation.
_BEFORE_ORG = (("mới", "của"), (",", "điều", "hành"))
# Bodies named after their district ("Huyện ủy Lâm Bình", "Huyện đoàn Mỹ Xuyên").
_LOCAL_COMMITTEES = frozenset({"Huyện ủy", "Quận ủy", "Thị ủy", "Thành ủy", "Huyện đoàn", "Quận đoàn", "Thị đoàn"})


@dataclass(frozen=True)
class Unit:
    """One title and the organisation it is held in."""

    title: str
    body: str | None  # canonical body or head + name, for comparing positions
    place: str | None  # the place as written after the organisation
    province: str | None  # the canonical province of that place, if it is one
    org_start: int | None  # token indexes of the organisation
    org_end: int | None
    bare_province: bool  # "UBND tỉnh": the article's own province
    local: bool = False  # a district or commune: in the article's province
    prefix: str | None = None  # the role its own prefix gives ("nguyên": former), after the first title
    span: tuple[int, int] = (0, 0)  # token indexes of the whole unit, title to place
    named_before: bool = False  # "Phó Giám đốc Sở", "… sở này": the organisation (org_start) named earlier
    term: str | None = None  # "khóa XIX", "nhiệm kỳ 2016 - 2021": two holdings of one post differ by it

    @property
    def borrowed(self) -> bool:
        """"Phó Giám đốc và Giám đốc Sở X": the organisation is the next title's, written after it."""
        return self.named_before and self.org_start is not None and self.org_start >= self.span[1]


@dataclass(frozen=True)
class Position:
    start: int  # token indexes
    end: int
    units: tuple[Unit, ...]

    @property
    def has_org(self) -> bool:
        return any(u.body for u in self.units)


def _named_before(toks: Sequence[Token], i: int, title: str, head: tuple[int, str]) -> tuple[int, Unit] | None:
    """A head alone ("giữ chức Phó Giám đốc Sở.") or with a demonstrative ("sở này") names the
    organisation with that head earlier in the sentence: "công tác tại Sở Kế hoạch và Đầu tư, giữ chức …"."""
    v = vocabulary()
    end = head[0]
    demonstrative = end < len(toks) and toks[end].key in _DEMONSTRATIVES
    if not demonstrative and (org_after(toks, end, True) > end or (end < len(toks) and toks[end].acronym)):
        return None
    for k in range(i - 1, -1, -1):
        if toks[k].text == ";":
            return None  # an item of a list is read alone: "…; Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ A"
        earlier = v.heads.match(toks, k)
        if not earlier or match_key(earlier[1]) != match_key(head[1]):
            continue
        org_end = with_parent(toks, org_after(toks, earlier[0], True))
        if org_end > earlier[0]:
            after, place, bare, local = place_after(toks, org_end)
            province = canonical_province(place) if place and not local else None
            stop = end + demonstrative
            body = " ".join(t.key for t in toks[k:org_end])
            return stop, Unit(title, body, place, province, k, after, bare, local, span=(i, stop), named_before=True)
    return None


def _head_in_title(toks: Sequence[Token], i: int, title: tuple[int, str]) -> tuple[int, Unit] | None:
    """A title that names its organisation's head ("Chi cục trưởng", "Cục phó") with no organisation
    after it: the organisation with that head named earlier in the sentence, if any."""
    heads = vocabulary().heads
    for k in range(i, title[0] - 1):
        if (head := heads.match(toks, k)) and head[0] == title[0] - 1:  # "Chi cục trưởng", not "Ủy viên Ban
            return _named_before(toks, i, title[1], (title[0], head[1]))  # Thường vụ Tỉnh ủy"
    return None


_SIDES = frozenset({("về", "phía"), ("lãnh", "đạo"), ("đại", "diện")})  # words before the body people speak for


def _opened_at(toks: Sequence[Token], i: int, title: tuple[int, str]) -> tuple[int, Unit] | None:
    """A title without an organisation in a sentence opened by "Tại ORG," or "ở ORG,": that organisation's
    ("Tại Sở Tài chính, bốn Phó Giám đốc gồm: …"); after "về phía ORG có" even a title that names its
    office alone ("Về phía Bộ Công Thương có Thứ trưởng A": the side the guest speaks for); "lãnh đạo ORG
    gồm (có)", "lãnh đạo ORG:", "đại diện ORG có" and a sentence opened by "ORG có" too ("Sở Nội vụ có 2
    Phó Giám đốc …")."""
    v = vocabulary()
    standalone = match_key(title[1]) in v.standalone
    for k in range(i - 3, -2, -1):
        side = k >= 1 and (toks[k - 1].key, toks[k].key) in _SIDES  # "lãnh đạo Sở X gồm có …", "đại diện Sở X, …"
        opens = k >= 0 and toks[k].key in _AT and (k == 0 or toks[k - 1].text == ",") and not standalone
        leads = k == -1 and not standalone  # "Sở Giáo dục và Đào tạo có 2 Phó giám đốc nghỉ hưu là …"
        if not (side or opens or leads) or not toks[k + 1].capitalised:
            continue
        head = v.heads.match(toks, k + 1)
        named = v.bodies.match(toks, k + 1) if side and head is None else None  # "lãnh đạo UBND tỉnh gồm: …"
        if head or named:
            end = with_parent(toks, org_after(toks, head[0], True)) if head else named[0]
            after, place, bare, local = place_after(toks, end)
            if (head and end == head[0]) or after >= i or toks[after].key not in (
                    {",", ":", "có", "gồm"} if side else {"có"} if leads else {","}):
                return None
            province = canonical_province(place) if place and not local else None
            body = " ".join(t.key for t in toks[k + 1 : end])
            return title[0], Unit(title[1], body, place, province, k + 1, after, bare, local, span=(i, title[0]),
                                  named_before=True)
    return None


_HEADS_OF_PLACES = frozenset({"bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch"})  # of a district, a commune
_TAKES_POST_WORDS = frozenset({"làm", "chức", "vụ", "danh"})  # "được bổ nhiệm làm", "giữ chức (vụ, danh)"


def _principal_before(toks: Sequence[Token], i: int, title: tuple[int, str]) -> tuple[int, Unit] | None:
    """A deputy's title with no organisation, after its principal's post in the sentence: that post's
    organisation ("Chủ tịch UBND tỉnh An Giang cùng 5 Phó Chủ tịch gồm: …"); a principal's after its
    deputy's: the same ("ông A, Phó Giám đốc Sở Công Thương được bổ nhiệm làm Giám đốc")."""
    v = vocabulary()
    key = match_key(title[1])
    deputy = key.startswith(_DEPUTY)
    if not deputy and not (i > 0 and toks[i - 1].key in _TAKES_POST_WORDS):
        return None  # "…, Giám đốc Trần Văn Tư đã chỉ đạo": a post named alone, read as written
    principal = key.removeprefix(_DEPUTY)
    for modifier in v.modifier_keys:  # "Phó Chủ tịch Thường trực": a deputy of the Chủ tịch
        principal = principal.removesuffix(f" {modifier}")
    for k in range(i - 1, -1, -1):
        found = v.titles.match(toks, k)
        if not found or match_key(found[1]) != principal or (k > 0 and toks[k - 1].key == "phó") != (not deputy):
            continue  # a deputy's title is no principal's, a principal's no deputy's
        if (earlier := unit(toks, k)) and earlier[1].body is not None and earlier[1].org_start is not None:
            return title[0], replace(earlier[1], title=title[1], span=(i, title[0]), named_before=True, prefix=None)
    return None


def _shared_with_next(toks: Sequence[Token], i: int, title: tuple[int, str]) -> tuple[int, Unit] | None:
    """A title without an organisation before its principal's or deputy's with one ("Phó Giám đốc và
    Giám đốc Sở KH&ĐT", "Phó giám đốc, giám đốc Ban quản lý dự án"): a career's two posts in one place."""
    v, k = vocabulary(), title[0]
    if not (k + 1 < len(toks) and toks[k].key in {"và", ","} and (after := title_at(toks, k + 1))):
        return None
    if not (v.heads.match(toks, after[0]) or v.bodies.match(toks, after[0])):
        return None  # the organisation written right after the next title, not found by looking around
    pair = {match_key(title[1]).removeprefix(_DEPUTY), match_key(after[1]).removeprefix(_DEPUTY)}
    if len(pair) != 1 or match_key(title[1]) == match_key(after[1]) or not (later := unit(toks, k + 1)):
        return None
    held = later[1]
    if held.body is None or held.org_start is None or held.named_before:
        return None
    return k, replace(held, title=title[1], span=(i, k), named_before=True, term=None)


def unit(toks: Sequence[Token], i: int) -> tuple[int, Unit] | None:
    """A title at token i and the organisation that follows it."""
    v = vocabulary()
    title = title_at(toks, i)
    if not title:
        return None
    j = org_start = title[0]
    if j + 1 < len(toks) and toks[j].text in DASHES and (v.heads.match(toks, j + 1) or v.bodies.match(toks, j + 1)):
        j = org_start = j + 1  # "Phó Cục trưởng - Cục Công Thương địa phương"
    gap = next((len(words) for words in _BEFORE_ORG if tuple(t.key for t in toks[j : j + len(words)]) == words
                and j + len(words) < len(toks) and v.heads.match(toks, j + len(words))
                and toks[j + len(words)].capitalised), 0)
    renamed = gap > 0 and toks[j].key == "mới"  # "2 Phó Giám đốc mới của Sở X là …": written without "mới của"
    j = org_start = j + gap  # "Phó Giám đốc phụ trách, điều hành Sở X": as written
    if j + 1 < len(toks) and toks[j].key == "của" and (head := v.heads.match(toks, j + 1)) \
            and head[0] < len(toks) and toks[head[0]].key in _DEMONSTRATIVES:
        j = org_start = j + 1  # "Phó Giám đốc của Sở này": the organisation named before
    body: str | None = None
    named_head = bool(v.bodies.match(toks, j) or v.heads.match(toks, j))
    if found := v.bodies.match(toks, j):
        j, body = found
        if then := v.bodies.match(toks, j):
            j, body = then[0], f"{body} {then[1]}"  # "Ủy ban Kiểm tra Tỉnh ủy"
        if (head := v.heads.match(toks, j)) and toks[j].capitalised and (
                (end := org_after(toks, head[0], True)) > head[0] or head[0] == len(toks)
                or not toks[head[0]].text.isalnum()):  # "Bí thư Đảng ủy Sở." (the Sở named before)
            j = with_parent(toks, end)  # "Bí thư Đảng ủy Sở Công Thương": the body of an organisation named after it
            body = " ".join(t.key for t in toks[org_start:j])
    elif (found := v.heads.match(toks, j)) and (earlier := _named_before(toks, i, title[1], found)):
        return earlier
    elif found and found[0] < len(toks) and toks[found[0]].key in _DEMONSTRATIVES:
        named_head = False  # "Phó Giám đốc phụ trách sở này": the organisation named before, not a new one
    elif found := v.heads.match(toks, j):
        j = with_parent(toks, org_after(toks, found[0], True))
        body = " ".join(t.key for t in toks[org_start:j])
    elif v.sectors.match(toks, j):
        j = with_parent(toks, org_after(toks, j, False))
        body = " ".join(t.key for t in toks[org_start:j])
    elif j < len(toks) and (toks[j].capitalised or toks[j].acronym or (
            toks[j].text.islower() and v.heads.match(toks, title[0] - 1))) and not stops_org(toks, j):
        end = org_name(toks, j, toks[j].text.islower())  # "Trưởng Ban quản lý Khu kinh tế": the head's words
        if end > j:
            end = with_parent(toks, end)
            body, j = " ".join(t.key for t in toks[org_start:end]), end
    if body is not None and not named_head and v.heads.match(toks, title[0] - 1):
        org_start -= 1  # "Trưởng ban Tuyên giáo": the title ends with the head of its organisation
    here = place_after(toks, j) if body is None else None  # "Phó Bí thư tỉnh": a post of its own place
    placed = here is not None and ((here[1] is not None and not here[3]) or here[2])
    if body is None and not placed and (earlier := _head_in_title(toks, i, title) or _opened_at(toks, i, title)
                                        or _principal_before(toks, i, title) or _shared_with_next(toks, i, title)):
        return earlier  # "điều ông A về làm Chi cục trưởng": the Chi cục the sentence named before
    if body is None:
        if match_key(title[1].removeprefix("Quyền ").removeprefix("quyền ")) in v.needs_org:
            return None
        named = v.admin.match(toks, j - 1)  # "Trưởng huyện Phôn Thong": a title ending with its district's kind
        after, place, bare, local = place_after(toks, j - 1 if named and named[0] == j else j)
        if (place and not local) or bare or (place and named and named[0] == j) or (
                place and local and match_key(title[1]) in _HEADS_OF_PLACES):  # "Bí thư huyện Vĩnh Lợi"
            province = canonical_province(place) if place and not local else None  # "Chánh Thanh tra tỉnh"
            end = _term(toks, after, False)  # "đại biểu HĐND tỉnh khóa XII, nhiệm kỳ 2021 - 2026"
            term = " ".join(t.key for t in toks[after:end]) if end > after else None
            return end, Unit(title[1], match_key(title[1]), place, province, None, None, bare, local,
                             span=(i, end), term=term)
        return j, Unit(title[1], None, None, None, None, None, False, span=(i, j))
    alias = j + 3 if j + 2 < len(toks) and toks[j].text == "(" and toks[j + 1].acronym and toks[j + 2].text == ")" \
        else None  # "Hội đồng nhân dân (HĐND) xã Cẩm Thủy": the abbreviation, then the place
    later = place_after(toks, alias) if alias else None
    j, place, bare, local = later if later and (later[1] or later[2]) else place_after(toks, j)
    if not place and not bare and body in _LOCAL_COMMITTEES and j < len(toks) and toks[j].syllable:
        known = district_length(toks, j)  # "Bí thư Huyện ủy Lâm Bình": the district's name, not a person's;
        end = j + (known if known is not None else 0 if starts_name(toks, j) else local_length(toks, j, True))
        j, place, local = end, " ".join(t.text for t in toks[j:end]), True
    if place and j < len(toks) and toks[j].text == "(" and (parent := with_parent(toks, j)) > j:
        j = parent  # "Trung tâm Xúc tiến thương mại Đồng Nai (Sở Công thương)": its parent after its place
    org_end = j
    j = _term(toks, j, (bare or (place is not None and not local)) and body in v.termed)
    province = canonical_province(place) if place and not local else None
    term = " ".join(t.key for t in toks[org_end:j]).removeprefix(", ") if j > org_end else None
    return j, Unit(title[1], body, place, province, org_start, org_end, bare, local, span=(i, j), term=term,
                   named_before=renamed)


def _term(toks: Sequence[Token], j: int, termed: bool) -> int:
    """End of the term written after a post, part of it: "Bí thư Tỉnh ủy khóa XIX", with the "nhiệm kỳ"
    written after the khóa; an elected state body of a province (`termed`) also its "nhiệm kỳ"
    alone: "Chủ tịch UBND tỉnh Hà Nam nhiệm kỳ 2016 - 2021" is another holding than "… nhiệm kỳ 2011 -
    2016", the same person's old post beside the new."""
    if j + 1 < len(toks) and toks[j].key == "khóa" and _ROMAN.fullmatch(toks[j + 1].text):
        j, termed = j + 2, True  # "khóa XVI, nhiệm kỳ 2025 - 2030": one term, written twice
    k = j + 1 if j < len(toks) and toks[j].text == "," else j
    if termed and k + 4 < len(toks) and (toks[k].key, toks[k + 1].key) == ("nhiệm", "kỳ") \
            and toks[k + 2].text.isdigit() and toks[k + 3].text in DASHES and toks[k + 4].text.isdigit():
        return k + 5
    return j


def position(toks: Sequence[Token], i: int) -> Position | None:
    """Titles joined by commas, dashes or "kiêm" from token i: "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND
    tỉnh", "Tỉnh ủy viên - Bí thư Huyện ủy";
    a title after the first may carry its own prefix (", nguyên Bộ trưởng Bộ Ngoại giao")."""
    units: list[Unit] = []
    end, joint, prefix = i, i, None
    while True:
        found = unit(toks, end)
        if not found:
            end = joint if units else end  # "Phó Chủ tịch UBND tỉnh, phụ trách, điều hành …": no post after the comma
            break
        if units and not found[1].body and found[0] < len(toks) and toks[found[0]].text.islower():
            end = joint  # ", Trưởng đoàn kiểm tra": a role in the event, not a post
            break
        end, held = found
        units.append(replace(held, prefix=prefix) if prefix else held)
        after = remark_end(toks, end)
        nxt = after if after > end and after + 1 < len(toks) and toks[after].text == "," else end
        if not (nxt + 1 < len(toks) and (toks[nxt].key in _JOINS or (held.borrowed and toks[nxt].key == "và"))):
            break
        prefix = vocabulary().prefixes.get(toks[nxt + 1].key)
        if not title_at(toks, nxt + 2 if prefix else nxt + 1):
            break  # "Giám đốc Sở Công Thương tỉnh Tây Ninh (giữa), trao": the remark is not the post's
        joint = end = nxt  # "Trưởng phòng A (thuộc BQL B), Phó Trưởng BQL B": a remark between two posts
        end += 2 if prefix else 1
    return Position(i, end, tuple(units)) if units else None


def headed_before(toks: Sequence[Token], end: int, title: str) -> Unit | None:
    """The organisation ending at token `end` that a title written later heads: "Bộ Kinh tế Quốc gia do
    ông A làm Bộ trưởng" (`named_before`, so the post is written as the title, then the organisation)."""
    v = vocabulary()
    for k in range(end - 1, max(-1, end - MAX_ORG), -1):
        head = v.heads.match(toks, k)
        if head and toks[k].capitalised and with_parent(toks, org_after(toks, head[0], True)) == end > head[0]:
            body = " ".join(t.key for t in toks[k:end])
            return Unit(title, body, None, None, k, end, False, span=(k, end), named_before=True)
    return None


def starts_position(toks: Sequence[Token], i: int) -> bool:
    if i >= len(toks):  # a cue at the sentence's end ("được bổ nhiệm giữ chức") names no post
        return False
    if i > 0 and toks[i].key == "vụ" and toks[i - 1].key in {"chức", "nhiệm"}:
        return False  # "chức vụ Phó Chủ tịch": a word's syllable, not the title "Vụ phó"
    if i > 0 and toks[i - 1].key == "ban" and toks[i].key == "bí":
        return False  # "Ban Bí thư Trung ương Đảng": the Party's secretariat, not a secretary
    return toks[i].key in vocabulary().titles.by_first or toks[i].key in {"quyền", "phó"}
