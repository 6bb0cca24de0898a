"""Places written after an organisation or inside a post: "tỉnh Hưng Yên", "Hải Phòng", a bare "tỉnh"
(the article's province), "huyện Lâm Hà", "quận 8"; a district named earlier for a bare "huyện"; the
province a sentence is about ("Tại Hà Nam, …", "Cùng ngày, UBND tỉnh Lạng Sơn …").
A place's name is told from the holder's name after it by lexicons (surnames, provinces, places)."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.provinces import canonical_province
from nlp.text import match_key
from nlp.vocabulary import Token, marked_name, starts_name, vocabulary


def place_after(toks: Sequence[Token], i: int) -> tuple[int, str | None, bool, bool]:
    """A place after an organisation: (end, place, bare, local) for "tỉnh Hưng Yên", "Hải Phòng",
    "tỉnh" (bare: the article's province), "quận 8", "xã Cẩm Thủy" (local)."""
    v = vocabulary()
    dashed = i + 1 < len(toks) and toks[i].text in "-–" and v.provinces.match(toks, i + 1)
    province = dashed or v.provinces.match(toks, i)  # "Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    if province:
        return province[0], province[1], False, False
    admin = v.admin.match(toks, i)
    if not admin or v.bodies.match(toks, i):  # "Tỉnh ủy" after "Ủy ban Kiểm tra" is a body, not a place
        return i, None, False, False
    j, kind = admin
    province = v.provinces.match(toks, j)
    if province:
        end = province[0]
        if end < len(toks) and toks[end].syllable and (end + 1 == len(toks) or not toks[end + 1].text.isalpha()):
            end += 1  # "TP Điện Biên Phủ": a city whose name runs on from its province's, in that province
        return end, province[1], False, False
    if j < len(toks) and toks[j].text.isdigit():
        return j + 1, " ".join(t.text for t in toks[i : j + 1]), False, True
    if j < len(toks) and toks[j].syllable:
        known = district_length(toks, j) if toks[i].key in _DISTRICT_LEVELS else None
        end = j + (known if known is not None else local_length(toks, j, kind != "province"))
        if end > j:  # a province we do not know is abroad ("tỉnh Takeo"): a place of its own, not a local one
            return end, " ".join(t.text for t in toks[j:end]), False, kind != "province" or toks[i].key != "tỉnh"
    return j, None, kind == "province", False


_DISTRICT_LEVELS = frozenset({"huyện", "quận", "thị", "thành", "tp", "tp."})  # "thị xã", "thành phố"


def district_length(toks: Sequence[Token], j: int) -> int | None:
    """Syllables of a district known by name at token j, where the text goes on after it with no
    syllable or with a person's name ("huyện Bảo Thắng Trần Văn Nam"); None when none is known."""
    found = vocabulary().districts.match(toks, j)
    if found is None:
        return None
    end = found[0]
    return end - j if end == len(toks) or not toks[end].syllable or starts_name(toks, end) else None


def local_length(toks: Sequence[Token], j: int, local: bool) -> int:
    """Syllables of a place's name at token j, when a person's name may follow: a district's
    "huyện Lâm Hà Trần Văn Nam" is Lâm Hà, though Lâm and Hà are family names too."""
    if marked_name(toks, j):
        return 0  # "Bí thư Huyện ủy Lò Văn Hùng": a person's name, Văn in the middle
    run = 0
    while j + run < len(toks) and run < 7 and toks[j + run].syllable:
        run += 1
    surnames = vocabulary().surnames
    if not local and run == 2 and toks[j - 1].key == "tỉnh" and toks[j].key in surnames:
        return 0  # "UBND tỉnh Y Ngọc": a province we do not know by name is no family name and a syllable (a city
        # may be: "TP Châu Đốc")
    if (local and run <= 3) or run <= 2:
        return run  # "UBND TP Châu Đốc (bìa phải)": two syllables alone are the place, a holder's name has its own
    for k in (2, 1, 3) if local else ():
        if toks[j + k].key in surnames and 2 <= run - k <= 5:
            return k
    k = 0
    while k < min(run, 4) and not starts_name(toks, j + k):
        k += 1
    return k


def district_named_before(toks: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """The district of "UBND huyện." ending a position at `end`: the one the sentence named before
    the position ("về phía huyện Krông Pa có đồng chí A – Chủ tịch UBND huyện"): its tokens."""
    v = vocabulary()
    bare = next((k for k in (end - 2, end - 1) if k >= start and (a := v.admin.match(toks, k)) and a[0] == end
                 and not a[1]), None)
    if bare is None or (end < len(toks) and toks[end].syllable):
        return None
    kind = match_key(" ".join(t.text for t in toks[bare:end]))
    for k in range(start - 1, -1, -1):
        admin = v.admin.match(toks, k)
        same_kind = admin and admin[0] < start and match_key(" ".join(t.text for t in toks[k : admin[0]])) == kind
        if same_kind and (length := local_length(toks, admin[0], True)):  # an earlier post's bare "huyện": none
            return admin[0], admin[0] + length
    return None


def opened_in(toks: Sequence[Token]) -> str | None:
    """The province a sentence opens with, "Tại Hà Nam, …": a bare "tỉnh" in it is that one."""
    if len(toks) > 2 and toks[0].key in {"tại", "ở"} and (named := vocabulary().provinces.match(toks, 1)) \
            and named[0] < len(toks) and toks[named[0]].text == ",":
        return canonical_province(named[1])
    return None


_SUBJECT_REACH = 10  # tokens: "Cùng ngày, UBND tỉnh Lạng Sơn …" names its subject's province early
_PLACE_WORDS = frozenset({"tỉnh", "phố", "tp"})  # before a province's name: "tỉnh X", "thành phố X"


def subject_province(toks: Sequence[Token], named: Sequence[tuple[int, int]]) -> str | None:
    """The province of a sentence's subject, "Cùng ngày, UBND tỉnh Lạng Sơn tổ chức … do ông A, Phó
    Chủ tịch UBND tỉnh chủ trì": named before anyone is, it is the place of the bare "tỉnh" after."""
    reach = min(named[0][0] if named else len(toks), _SUBJECT_REACH)
    for k in range(1, reach):
        if toks[k - 1].key in _PLACE_WORDS and (found := vocabulary().provinces.match(toks, k)):
            return canonical_province(found[1])
    return None
