"""Organisations' names as news writes them: "Sở Công Thương", "Chi cục QLTT tỉnh", "Trung tâm Xúc tiến
Đầu tư, Thương mại và Du lịch", "Ban Chỉ đạo phòng chống buôn lậu", "Cục Xúc tiến thương mại (Bộ Công
Thương)". Our own rules over the lexicons: no tagger knows these names, so their words are listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.remarks import is_alias, remark_close
from nlp.text import match_key
from nlp.vocabulary import Token, starts_name, title_at, vocabulary

MAX_ORG = 16  # tokens of an organisation's own name
_MAX_REMIT = 8  # lowercase words of a steering committee's remit
_PARENTS = frozenset({"bộ", "sở", "cục", "chi cục", "tổng cục", "vụ"})  # heads a unit is named under
_STATE_PARENTS = frozenset({("quốc", "hội"), ("chính", "phủ")})  # "Ủy ban Kinh tế của Quốc hội"
_CONNECTORS = frozenset({"và", "các", "số", "thuộc", "trực thuộc"})  # organisation words that join, not name
DASHES = frozenset("-–—")
_MAX_PARENT_WORDS = 8  # a parent named in parentheses: "(Vụ Kế hoạch)", "(Sở Công Thương tỉnh Lào Cai)"
_MAX_SECTOR_WORDS = 3  # lowercase words a sector's name goes on with ("Thương mại biên giới")
_MISSIONS = frozenset({"quán", "vụ"})  # last words of "Đại sứ quán", "Lãnh sự quán", "Thương vụ"
_COMPANIES = frozenset({"ty", "đoàn", "htx"})  # last words of the heads "Công ty", "Tập đoàn", "Hợp tác xã" too


def stops_org(toks: Sequence[Token], j: int) -> bool:
    """What follows an organisation's name begins at token j: a person, a place, a title, a verb."""
    v = vocabulary()
    stop = v.org_stops.match(toks, j)
    if stop and (phrase := v.org_phrases.match(toks, j)) and phrase[0] > stop[0]:
        stop = None  # "dự án" goes on an organisation's name where "dự" (attends) would end it
    if stop and toks[j].capitalised and j > 0 and (toks[j - 1].key == "và" or any(
            (head := v.heads.match(toks, k)) and head[0] == j for k in range(max(0, j - 3), j))):
        stop = None  # "Sở Văn hóa và Thông tin", "sở Thông tin & Truyền thông": a capital after "và" or a head names
    admin = v.admin.match(toks, j)
    if admin and (phrase := v.org_phrases.match(toks, j)) and phrase[0] > admin[0]:
        admin = None  # "Ủy ban Xã hội": society, not a commune (xã)
    return bool(starts_name(toks, j) or v.provinces.match(toks, j) or admin
                or v.titles.match(toks, j) or stop or v.honorifics.match(toks, j))


def org_name(toks: Sequence[Token], i: int, lowercase_first: bool) -> int:
    """End of an organisation's own name from token i: its capitalised words and acronyms, the
    lowercase syllables of a word begun with a capital ("Quản lý", "Dân tộc") or of the organisation
    vocabulary ("khu kinh tế", "và các"), the abbreviation in parentheses ("(BQL KKT - KCN)"), "số 1".
    Our own rule: Vietnamese writes an organisation's words lowercase after the first syllable."""
    v = vocabulary()
    j, last, after_capital = i, i, lowercase_first
    while j < len(toks) and j - i < MAX_ORG:
        tok = toks[j]
        if (paren := remark_close(toks, j)) and is_alias([t.text for t in toks[j + 1 : paren - 1]]):
            j = last = paren
            continue
        if stops_org(toks, j) or (j > i and toks[j - 1].key == "và" and tok.text.islower()
                                  and not v.org_phrases.match(toks, j)):
            break  # "Trưởng Ban Quản lý và đại diện các phòng": after "và", a phrase of an organisation's or none
        if tok.capitalised and (tok.text.isalnum() or tok.acronym):  # one capital begins a word ("Quản lý")
            after_capital = not (tok.acronym or (j > i and toks[j - 1].capitalised and toks[j - 1].text.isalnum()
                                                 and not toks[j - 1].acronym))  # "MTV Yến sào": a word after an acronym
        elif tok.text.isalpha() and (after_capital or tok.key in v.org_words):
            after_capital = False
        elif tok.text.isdigit() and j > i and toks[j - 1].key in {"số", "khu"}:  # "Đội QLTT số 5", "Quân khu 9"
            pass
        elif tok.text in "-–&" and j > i and j + 1 < len(toks) and (
                toks[j + 1].capitalised or v.org_phrases.match(toks, j + 1)):
            j += 1  # "Tư vấn - Đầu tư", "nông nghiệp - nông thôn"
            after_capital = after_capital or not toks[j].capitalised
            continue
        elif tok.text == "," and j > i and _listed_words(toks, j + 1):
            j += 1  # "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"
            continue
        else:
            break
        j += 1
        if tok.capitalised or tok.text.isdigit() or tok.key not in {"và", "các", "của"}:
            last = j
    return last


def _listed_words(toks: Sequence[Token], i: int) -> bool:
    """A list of capitalised words closed by "và" and a capital ("Thương mại và Du lịch", "Thẩm định
    và Giám sát đầu tư"), so a comma before it is inside an organisation's name; a new head ("Sở")
    after the comma begins another organisation."""
    v = vocabulary()
    if v.heads.match(toks, i):
        return False
    j, end = i, min(len(toks) - 1, i + 8)
    while j < end:
        tok = toks[j]
        if stops_org(toks, j) and tok.key != "và":
            return False
        if tok.key == "và":
            return j > i and (toks[j + 1].capitalised or bool(v.sectors.match(toks, j + 1))) \
                and not stops_org(toks, j + 1)
        if sector := v.sectors.match(toks, j):
            j = sector[0]  # "Xúc tiến đầu tư, thương mại và du lịch": sectors written lowercase
            continue
        continues = j > i and toks[j - 1].capitalised and toks[j - 1].text.isalpha() and tok.text.isalpha()
        if not (tok.capitalised or tok.key in v.org_words or tok.text == "," or continues):
            return False
        if not tok.text.isalnum() and tok.text != ",":
            return False
        j += 1
    return False


def org_after(toks: Sequence[Token], j: int, lowercase_first: bool) -> int:
    """End of the name after an organisation's head: a known sector ("Công Thương") and what
    continues it ("Ban Tổ chức Hội chợ triển lãm", "Ban Tuyên giáo Tỉnh ủy"), else its own words; a
    company's goes on through lowercase words to its proper name ("Công ty TNHH Xuất nhập khẩu trái cây
    Mekong")."""
    end = _org_after(toks, j, lowercase_first)
    if j > 0 and toks[j - 1].key in _COMPANIES:
        end = _to_proper_name(toks, end)
    if j > 0 and toks[j - 1].key in _MISSIONS and end + 1 < len(toks) and toks[end].key == "tại" \
            and toks[end + 1].capitalised:
        end = org_name(toks, end + 1, False)  # "Đại sứ quán Trung Quốc tại Việt Nam": where the mission is
    return end


def _to_proper_name(toks: Sequence[Token], end: int) -> int:
    """Past lowercase words to the capitalised name or the place that closes a company's name."""
    k = _lowercase_run(toks, end, _MAX_REMIT)
    if k == end or k == len(toks) or not toks[k].capitalised:
        return end
    if vocabulary().provinces.match(toks, k) or starts_name(toks, k):
        return k  # "… thực phẩm sạch Hòa Bình": the place follows; "… chế biến dừa Lương Quới": a name
    return org_name(toks, k, False) if not stops_org(toks, k) else end


def _org_after(toks: Sequence[Token], j: int, lowercase_first: bool) -> int:
    v = vocabulary()
    sector = v.sectors.match(toks, j)
    if not sector:
        return org_name(toks, j, lowercase_first)
    end = sector[0]
    if match_key(sector[1]) in v.remitted and (remit := _remit(toks, end)) > end:
        end = remit  # "Ban Chỉ đạo hoạt động thương mại biên giới, Phó Giám đốc Sở"
    elif end < len(toks) and toks[end].text.isdigit():
        end += 1  # "Ban Chỉ đạo 389 (quốc gia)": a committee named by its number
        if end + 1 < len(toks) and (toks[end].key, toks[end + 1].key) == ("quốc", "gia"):
            end += 2
    elif v.events.match(toks, end):
        end = org_name(toks, end, True)  # "Ban Tổ chức hội thao"
        end = max(end, _remit(toks, end))  # "Ban Tổ chức Phiên chợ vùng cao tỉnh": what the event is
    elif (words := v.org_phrases.match(toks, end)) and words[1] not in _CONNECTORS:
        end = org_name(toks, end, True)  # "Cục Công nghiệp địa phương": the sector's own lowercase words
    elif end + 2 < len(toks) and (toks[end].key, toks[end + 1].key, toks[end + 2].key) == ("và", "phát", "triển"):
        end = org_name(toks, end + 1, True)  # "Trung tâm Xúc tiến thương mại và phát triển công nghiệp"
    elif end + 1 < len(toks) and toks[end].key == "và" and toks[end + 1].capitalised and not (
            stops_org(toks, end + 1) or v.heads.match(toks, end + 1) or v.bodies.match(toks, end + 1)):
        end = org_name(toks, end + 1, False)  # "Sở Văn hóa và Thông tin": two sectors, one department
    elif end < len(toks) and (toks[end].capitalised or toks[end].text == "(" or toks[end].key == "số") \
            and not stops_org(toks, end):
        end = org_name(toks, end, False)
    elif end < len(toks) and toks[end].text == "," and j > 0 and toks[j - 1].key not in {"sở", "bộ"} \
            and _listed_words(toks, end + 1):
        end = org_name(toks, end + 1, False)  # "Trung tâm Xúc tiến Thương mại, Du lịch và Đầu tư", not "Sở A, B"
    elif end + 1 < len(toks) and toks[end].text in DASHES and (toks[end + 1].capitalised or v.org_phrases.match(
            toks, end + 1)) and not stops_org(toks, end + 1):
        end = org_name(toks, end + 1, not toks[end + 1].capitalised)  # "Tập đoàn Công nghiệp - Năng lượng Quốc
        # gia Việt Nam", "Ban Quản lý dự án nông nghiệp - nông thôn"
    elif (named := _words_before_holder(toks, end)) > end:
        end = named  # "Trưởng phòng Thương mại biên giới Lê Văn An": a sector's own lowercase words
    if then := v.bodies.match(toks, end):
        end = then[0]
    return end


def _words_before_holder(toks: Sequence[Token], end: int) -> int:
    """Past a few lowercase words that a holder's name or the unit's parent in parentheses follows, else
    `end`."""
    k = _lowercase_run(toks, end, _MAX_SECTOR_WORDS)
    named = k < len(toks) and (starts_name(toks, k) or (toks[k].text == "(" and with_parent(toks, k) > k))
    return k if k > end and named else end  # "… biên giới (Vụ Thị trường trong nước) NAME": its parent, then


def _lowercase_run(toks: Sequence[Token], j: int, most: int, acronyms: bool = False) -> int:
    """End of the lowercase words (after the first, acronyms too) from token j that no stop ends, at most
    `most` of them."""
    k = j
    while k < len(toks) and k - j < most and ((toks[k].text.isalpha() and toks[k].text.islower()) or (
            acronyms and k > j and toks[k].acronym)) and not stops_org(toks, k):
        k += 1
    return k


def _remit(toks: Sequence[Token], j: int) -> int:
    """End of the lowercase words naming a committee's remit, when a post, a list's mark, a place, a
    verb or the sentence's end follows them; else j."""
    k = _lowercase_run(toks, j, _MAX_REMIT, acronyms=True)  # "chương trình OCOP": an acronym inside the remit
    if k == len(toks) or toks[k].text in ";)" or (toks[k].text == "," and title_at(toks, k + 1)) or (
            k > j and stops_org(toks, k)):
        return k
    return j


def with_parent(toks: Sequence[Token], j: int) -> int:
    """", Bộ Công Thương" or "(Bộ Công Thương)" after a department of a ministry, ", Sở Công Thương",
    "của Sở KHĐT tỉnh Quảng Ngãi" or ", Chi cục QLTT tỉnh" after a unit below it: part of the organisation."""
    v = vocabulary()
    if j + 2 < len(toks) and toks[j].key == "của" and (toks[j + 1].key, toks[j + 2].key) in _STATE_PARENTS:
        return j + 3  # "Ủy ban Kinh tế của Quốc hội"
    if j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].key == "hđnd" and any(
            t.key == "ban" for t in toks[max(0, j - 6) : j]):
        return j + 2  # "Trưởng Ban Pháp chế, HĐND tỉnh": a committee of the council
    if (belongs := _belongs_in_parentheses(toks, j)) is not None:
        return belongs  # "Trưởng phòng Tài nguyên và Môi trường (thuộc BQL Khu KTM Chu Lai)"
    head = v.heads.match(toks, j + 1) if j + 2 < len(toks) and toks[j].key in {",", "của", "("} else None
    if head is None and j + 2 < len(toks) and toks[j].text == "(" and toks[j + 1].text == "Vụ":
        head = j + 2, "Vụ"  # a ministry's department, capitalised: lowercase "vụ" counts cases
    if head and match_key(head[1]) in _PARENTS and head[0] < len(toks):
        found = v.sectors.match(toks, head[0])
        end = found[0] if found else head[0] + 1 if toks[head[0]].acronym else None
        if end is not None and toks[j].text != "(":
            return end
        if end is None and toks[j].text == "(":
            end = next((k for k in range(head[0], min(len(toks), head[0] + _MAX_PARENT_WORDS))
                        if toks[k].text == ")"), None)  # "Trưởng phòng Quy hoạch (Vụ Kế hoạch)"
            named = toks[head[0]:end] if end else []
            end = end if named and named[0].capitalised and all(t.text.isalpha() or t.acronym for t in named) else None
        if end is not None and end < len(toks) and toks[end].text == ")":
            return end + 1  # "Cục Quản lý và Phát triển thị trường trong nước (Bộ Công Thương)"
    return j


def _belongs_in_parentheses(toks: Sequence[Token], j: int) -> int | None:
    """The end of "(thuộc ORG)" or "(trực thuộc ORG)" at token j, its organisation capitalised."""
    if j + 2 >= len(toks) or toks[j].text != "(":
        return None
    k = j + 1 + (toks[j + 1].key == "trực")
    if k + 1 >= len(toks) or toks[k].key != "thuộc" or not toks[k + 1].capitalised:
        return None
    close = remark_close(toks, j)
    return close if close is not None and close - j <= _MAX_PARENT_WORDS + 2 else None
