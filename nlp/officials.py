"""Officials named with their positions, in the constructions news writes them.

"đồng chí NAME, POSITION", "NAME (đứng) – POSITION", "POSITION NAME", "các POSITION A, B và C",
"POSITION là ông NAME", "bổ nhiệm POSITION cho bà NAME", appointments ("ông NAME, OLD được bổ nhiệm
làm NEW": `role` old and new) and careers ("ông từng là A, B": `role` former). Positions are parsed by
nlp.positions; underthesea's `pos_tag` is consulted only to confirm a name whose first syllable is
not a known family name, which keeps the cost to a few sentences per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from nlp.announced import announced, elected_alone
from nlp.appointments import Appointments, members_start
from nlp.asides import MAX_REMARK, aside_before, biography_before, remark_before
from nlp.cues import cues
from nlp.heads import head_of, named_with_head, spelt_out
from nlp.lists import Found
from nlp.names import is_name, name_at, name_before, name_run
from nlp.places import district_named_before, opened_in, subject_province
from nlp.positions import Position, Unit, position, starts_position
from nlp.remarks import remark_end, without_aliases
from nlp.text import Located, Sentence, located, match_key
from nlp.vocabulary import Token, tokens, vocabulary

__all__ = ["Official", "find_officials"]



@dataclass(frozen=True)
class Official(Located):
    """A named person with the position the text gives them; `role` old/new in an appointment,
    former for a post held before."""

    name: str
    position: str
    organisation: str | None
    org_place: str | None
    role: str | None = None
    posts: tuple[str, ...] = ()  # the posts one by one, when the position lists several

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "position": self.position,
            "org_place": self.org_place,
            "organisation": self.organisation,
            "role": self.role,
            "posts": list(self.posts),
            **self.location(),
        }


class _Sentence(Appointments):
    """The officials of one sentence: the constructions tried at each token, left to right."""

    def __init__(self, sent: Sentence, previous: str | None) -> None:
        self.sent, self.toks = sent, tokens(sent.text)
        self.previous = previous  # the last person named before this sentence, for "Ông từng là"
        self.found: list[Found] = []
        self.named: list[tuple[int, int]] = []  # every name, for who "giữ chức" or "từng là" is about
        self.short: dict[tuple[int, int], str] = {}  # "ông Thư": the full name it stands for

    def name_text(self, span: tuple[int, int]) -> str:
        if span in self.short:
            return self.short[span]
        words = self.sent.text[self.toks[span[0]].start : self.toks[span[1] - 1].end].split()
        return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in words)

    def add(self, found: Found) -> None:
        units = found.position.units
        if found.units is None and (any(u.prefix for u in units[1:]) or any(u.borrowed for u in units)):
            self.split(found)
            return
        self.found.append(found)
        if found.name[0] >= 0 and found.name not in self.named:
            self.named.append(found.name)
            self.named.sort()

    def split(self, found: Found) -> None:
        """"A, nguyên B, nguyên C, D": each post with a prefix of its own apart, the others together; a
        membership alone ("Thành ủy viên, nguyên Giám đốc Sở") is no post of its own; "Phó Giám đốc và
        Giám đốc Sở X": two posts, one role."""
        units, first = found.position.units, 0
        for k in range(1, len(units) + 1):
            if k == len(units) or units[k].prefix or units[k - 1].prefix or units[k - 1].borrowed:
                shares = first == 0 or units[first - 1].borrowed
                role = units[first].prefix or (found.role if shares else None)
                if any(u.body for u in units[first:k]):
                    self.add(replace(found, units=(first, k), role=role))
                first = k

    def scan(self) -> None:
        toks, i, starts = self.toks, 0, cues().starts
        while i < len(toks):
            if toks[i].key not in starts:
                i += 1
                continue
            i = max(i + 1, self.career(i) or self.takes_post(i) or self.at_position(i) or self.named_at(i))

    def named_at(self, i: int) -> int:
        if not (honorific := vocabulary().honorifics.match(self.toks, i)):
            return 0
        span = name_at(self.toks, i, self.sent.text) or self.given_name(honorific[0])
        if span is None:
            return 0
        self.named.append(span)
        toks, k = self.toks, span[1]
        while toks[i].key == "các" and k + 1 < len(toks) and toks[k].text in {",", "và"} and is_name(
                toks, k + 1, end := name_run(toks, k + 1), self.sent.text):
            self.named.append((k + 1, end))  # "các đồng chí A, B và C": every name listed is one named
            k = end
        self.named.sort()
        return k

    def given_name(self, k: int) -> tuple[int, int] | None:
        """"ông Thư" after "ông Lữ Minh Thư": a person named again by the last syllable of their name."""
        toks = self.toks
        if k >= len(toks) or not toks[k].syllable or (k + 1 < len(toks) and toks[k + 1].syllable):
            return None
        earlier = [self.name_text(span) for span in self.named if span[1] <= k] + [self.previous or ""]
        full = next((name for name in earlier if len(name.split()) > 1 and name.split()[-1] == toks[k].text), None)
        if full is None:
            return None
        self.short[(k, k + 1)] = full
        return k, k + 1

    def at_position(self, i: int) -> int:
        toks, v = self.toks, vocabulary()
        if not starts_position(toks, i) or not (held := position(toks, i)):
            return 0
        if left := self.left_by(i, held):
            return left
        role = v.prefixes.get(toks[i - 1].key) if i > 0 else None
        end = remark_end(toks, held.end)
        if (leaving := _leaving_then_named(toks, end)) is not None:
            end, role = leaving, "old"  # "2 Phó giám đốc nghỉ hưu trước tuổi là bà A, và ông B"
        standalone = match_key(held.units[0].title) in v.standalone
        named = members_start(toks, end)
        if end < len(toks) and toks[end].key in {"là", "cho", "gồm"} and (span := name_at(toks, named, self.sent.text)):
            role = "new" if toks[end].key == "cho" else role or self.appointed((i, i))  # "điều chuyển TITLE là A"
            if not (held.has_org or standalone) and self.has_own(span):
                return self.members(held, span, role)  # "Phó Trưởng ban là bà NAME, Phó Giám đốc Sở": a part
                # in a committee, then her post
            if toks[end].key == "gồm" and held.has_org and self.has_own(span):
                return self.members(held, span)  # "Ủy viên UBND tỉnh gồm ba nhân sự: ông A, Chánh Thanh tra; ông B, …"
            if held.has_org and self.has_own(span):
                return self.members(held, span, role)  # "miễn nhiệm 2 Ủy viên UBND tỉnh là ông A, nguyên …"
            self.add(Found(span, held, role=role))
            return self.shared(held, span[1], role)  # "hai Chi cục phó Chi cục QLTT là A và B"
        if end < len(toks) and toks[end].text == ":" and (held.has_org or standalone):
            end += 1  # "các đồng chí Phó Chủ tịch UBND tỉnh: A, B"
        sep = i - 2 if role else i - 1
        closed = sep > 0 and toks[sep].text == "(" and held.end < len(toks) and toks[held.end].text == ")"
        before = name_before(toks, sep, self.sent.text) if sep > 0 and (
            toks[sep].text in v.separators or closed) else None
        if before is None and sep > 0 and toks[sep].text == ")":
            before = name_before(toks, sep + 1, self.sent.text)  # "ông NAME (SN 1960) Giám đốc Sở …"
        if before is None and (aside := aside_before(toks, sep)) is not None:
            before = name_before(toks, aside, self.sent.text)  # "ông NAME, 54 tuổi, POSITION", "…, Đại tá, …"
        if before is None and (opening := biography_before(toks, sep)) is not None:
            before = name_before(toks, opening, self.sent.text)  # "ông NAME (SN 1975, quê Nam Định), POSITION"
        if before is None and (opening := remark_before(toks, sep)) is not None:
            before, closed = name_before(toks, opening, self.sent.text), True  # "NAME (31 tuổi, POSITION)"
        if closed:
            held = _closed(held, toks)
        if before is None and not role:  # "ông NAME Chủ tịch UBND tỉnh": the title right after the name
            before = next((span for span in self.named if span[1] == i), None)
        if (held.has_org or standalone) and (span := name_at(toks, end, self.sent.text)) and not _place_listed(
                toks, span):
            last = held.units[-1]
            if before is None or last.place or last.bare_province or any(f.name == before for f in self.found):
                self.add(Found(span, held, role=role))
                return self.shared(held, span[1], role)
            held = _extended(held, span[1])  # "NAME, Chủ tịch Công ty Than Hà Lầm": a name in the company's
        elif not (held.has_org or standalone) and end == held.end and (
                span := name_at(toks, end, self.sent.text)) and toks[span[0]].key in v.surnames:
            self.add(Found(span, held, role=role))  # "lãnh đạo Sở: Giám đốc NAME, Phó Giám đốc NAME"
            return self.shared(held, span[1], role)
        if before is not None:
            for span in self.listed(before):
                self.add(Found(span, held, role=role or self.appointed(span)))
        elif (held.has_org or standalone) and end + 1 < len(toks) and toks[end].text in v.separators \
                and (span := name_at(toks, end + 1, self.sent.text)) and not self.has_own(span) \
                and (v.honorifics.match(toks, end + 1) or _acts_after(toks, toks[end].text, span)):
            self.add(Found(span, held, role=role))  # "Giám đốc Sở Công Thương – (ông) NAME", "…, NAME cho biết"
            return span[1]
        return held.end

    def officials(self, province: str | None) -> list[Official]:
        return _reappointed([self._official(f, name, role, province) for name, f, role in self.roles()])

    def official_of(self, held: Position, province: str | None) -> Official:
        """The post `held` as the new one of a person named later (see nlp.announced)."""
        return self._official(Found((-1, -1), held), "", "new", province)

    def _written(self, u: Unit) -> str:
        """One post as written; one whose organisation was named before, with that organisation."""
        toks, text = self.toks, self.sent.text
        if u.named_before and u.org_start is not None and u.org_end is not None:
            start = u.org_start + (toks[u.org_start].key == match_key(u.title).rsplit(" ", 1)[-1])  # "Phó trưởng phòng"
            return without_aliases(f"{u.title} {text[toks[start].start : toks[u.org_end - 1].end]}")
        return without_aliases(text[toks[u.span[0]].start : toks[u.span[1] - 1].end])

    def _official(self, f: Found, name: str, role: str | None, province: str | None) -> Official:
        toks, text = self.toks, self.sent.text
        units = f.position.units[f.units[0] : f.units[1]] if f.units else f.position.units
        start, end = f.position.start, f.position.end
        if f.units:  # some posts of a list: from the first one's title to the last one's place
            start, end = units[0].span[0], units[-1].span[1]
        organised = [u for u in units if u.body]
        org = organised[-1] if organised else None
        organisation = None
        if org and org.org_start is not None and org.org_end is not None:
            organisation = without_aliases(text[toks[org.org_start].start : toks[org.org_end - 1].end])
        foreign = [u.place is not None and u.province is None and not u.local for u in organised]  # "tỉnh Takeo"
        placeless = [abroad or match_key(u.title).removesuffix(" thường trực") in _MINISTERS
                     for u, abroad in zip(organised, foreign, strict=True)]
        if f.units:  # one post of a chain: a province the chain names later is its own too ("nguyên Phó Bí thư
            # Thường trực Tỉnh uỷ, nguyên Chủ tịch HĐND tỉnh Kiên Giang")
            province = next((u.province for u in f.position.units[f.units[1] :] if u.province), province)
        places = [u.province or (province if not unplaced and (u.bare_province or u.local or not _national(u.body))
                                 else None) for u, unplaced in zip(organised, placeless, strict=True)]
        if not organised and not any(match_key(u.title).removesuffix(" thường trực") in _NATIONAL for u in units):
            places = [province]  # "Tỉnh ủy viên", "Trưởng ban là ông A": a title naming its body, or the article's
        spans = [(toks[start].start, toks[end - 1].end)] + ([] if f.name[0] < 0 else [
            (toks[f.name[0]].start, toks[f.name[1] - 1].end)])
        posts = tuple(self._written(u) for u in units)
        written = ", ".join(posts) if any(u.named_before for u in units) else without_aliases(
            text[toks[start].start : toks[end - 1].end])  # a line broken inside
        if named := district_named_before(toks, start, end):
            district = text[toks[named[0]].start : toks[named[1] - 1].end]
            spans.append((toks[named[0]].start, toks[named[1] - 1].end))
            written, posts = f"{written} {district}", (*posts[:-1], f"{posts[-1]} {district}")
        return Official(
            name=name,
            position=written,
            organisation=organisation,
            org_place=None if any(foreign) else next((p for p in reversed(places) if p), None),
            role=role,
            posts=posts if len(posts) > 1 else (),
            **located(self.sent, min(s for s, _ in spans), max(e for _, e in spans)),
        )


def _reappointed(officials: list[Official]) -> list[Official]:
    """"ông NAME, POST được bổ nhiệm lại làm giám đốc sở này": the post left is the one taken, new."""
    keys = [(o.name, match_key(o.position)) for o in officials]
    again = {key for key, o in zip(keys, officials, strict=True) if o.role == "new"} & {
        key for key, o in zip(keys, officials, strict=True) if o.role == "old"}
    kept, seen = [], set()
    for key, official in zip(keys, officials, strict=True):
        if key in again and key not in seen:
            kept.append(replace(official, role="new"))  # the post as first written, its holder's
        elif key not in again:
            kept.append(official)
        seen.add(key)
    return kept


def _leaving_then_named(toks: Sequence[Token], k: int) -> int | None:
    """Where "là" stands after a post and the words that say its holders leave it ("nghỉ hưu trước tuổi
    là"), or None."""
    leaves = cues().leaves_post.match(toks, k)
    if not leaves:
        return None
    end = leaves[0] + 2 * (leaves[0] + 1 < len(toks) and (toks[leaves[0]].key, toks[leaves[0] + 1].key) in {
        ("trước", "tuổi"), ("theo", "chế")})
    end += end < len(toks) and toks[end].key == "độ"
    return end if end < len(toks) and toks[end].key == "là" else None


def _place_listed(toks: Sequence[Token], span: tuple[int, int]) -> bool:
    """"Đội QLTT Thạch Hà và thị xã Hồng Lĩnh": the words after a post, listed with a place, are a place."""
    k = span[1]
    return k + 1 < len(toks) and toks[k].key == "và" and bool(vocabulary().admin.match(toks, k + 1))


def _acts_after(toks: Sequence[Token], separator: str, span: tuple[int, int]) -> bool:
    """A name after a position's dash, or after its comma when the name's own verb follows ("Phó Cục
    trưởng Cục QLTT Nam Định, Lê Ngọc An cho biết"): the holder, not the next item of a list."""
    if toks[span[0]].key not in vocabulary().surnames:
        return False
    return separator in "-–—" or (separator == "," and span[1] < len(toks) and toks[span[1]].text.isalpha()
                                  and toks[span[1]].text.islower())


def _closed(held: Position, toks: Sequence[Token]) -> Position:
    """A position in parentheses runs to the closing one: "(Trưởng phòng Tổng hợp, Quy hoạch)"."""
    for k in range(held.end, min(len(toks), held.end + MAX_REMARK)):
        if toks[k].text == ")":
            return _extended(held, k) if k > held.end else held
        if not (toks[k].text.isalnum() or toks[k].text in ",-–&"):
            break
    return held


def _extended(held: Position, end: int) -> Position:
    last = held.units[-1]
    return replace(held, end=end, units=(*held.units[:-1], replace(last, org_end=end)))


_MINISTERS = frozenset({"bộ trưởng", "thứ trưởng", "tỉnh trưởng", "phó tỉnh trưởng"})  # "Bộ trưởng Tài chính": a
# ministry's; "Phó Tỉnh trưởng Kandal": a province abroad's (no Vietnamese province has one): of no province
_NATIONAL = _MINISTERS | {"thủ tướng", "phó thủ tướng", "chủ tịch nước", "phó chủ tịch nước", "tổng bí thư",
                          "đại sứ", "ủy viên trung ương đảng"}  # titles of no province, written without a body
_CENTRAL = frozenset({"tư", "t.ư", "tw"})  # Trung ương abbreviated: "Ban Tổ chức T.Ư"; not "đầu tư"


def _national(body: str | None) -> bool:
    if body is None:
        return False
    key = match_key(body)
    if key.endswith(")") and " (" in key:
        parent = key[key.rindex(" (") + 2 : -1].strip()
        if _national(parent):
            return True  # "phòng quy hoạch ( vụ kế hoạch )": a ministry's department's unit
        key = key[: key.rindex(" (")]  # "hiệp hội điều việt nam ( vinacas )": its short name after
    words = key.split()
    if key.startswith(cues().provincial):
        return False
    if key.endswith((" quốc gia", " việt nam")) or (words[-1] in _CENTRAL and words[-2:-1] != ["đầu"]):
        return True
    return any(key == b or key.startswith(f"{b} ") or (" " in b and key.endswith(f" {b}"))
               for b in cues().national)  # "Ban Tổ chức Trung ương", not "Sở Nội vụ"


def _named_earlier(official: Official, earlier: Sequence[Official]) -> Official:
    """A post in an organisation named by its head alone ("Phó Giám đốc Sở", "Bí thư Đảng ủy"): the one
    with that head an earlier sentence of the article named in full, as a reader takes it."""
    bare = official.organisation
    if not bare or not official.position.endswith(bare) or match_key(bare) not in cues().bare_heads:
        return official
    key = f"{match_key(bare)} "
    named = next((o for o in reversed(earlier) if o.organisation and match_key(o.organisation).startswith(key)), None)
    if named is None or named.organisation is None:
        return official
    return replace(official, position=official.position.removesuffix(bare) + named.organisation,
                   organisation=named.organisation, org_place=named.org_place or official.org_place)


def _named_short(official: Official, earlier: Sequence[Sentence], sent: Sentence) -> Official:
    """"Đồng chí NAME – Quyền Cục trưởng" after "Cục Quản lý thị trường tỉnh Tiền Giang …": that Cục's;
    "Giám đốc ITPC" after "Trung tâm Xúc tiến thương mại và đầu tư TP.HCM (ITPC)": that centre's."""
    short = official.organisation
    abbreviated = short is not None and short.isupper() and " " not in short and official.position.endswith(short)
    head = head_of(official.position) if short is None else None
    if not (abbreviated or head):
        return official
    before = [s.text for s in earlier] + [sent.text[: official.start - sent.start]]
    named = spelt_out(before, short) if abbreviated and short else named_with_head(before, head) if head else None
    if named is None:
        return official
    organisation, province = named
    title = official.position.removesuffix(short).rstrip() if abbreviated and short else official.position
    return replace(official, position=f"{title} {organisation}", organisation=organisation,
                   org_place=province or official.org_place)


def find_officials(sents: Sequence[Sentence], province: str | None = None) -> list[Official]:
    """Every mention of a named official with a position; `province` is the place of a bare
    "tỉnh"/"thành phố" and of a provincial body named without a place ("Sở Công Thương")."""
    found: list[Official] = []
    previous: str | None = None
    pending: Official | None = None  # a post the sentence before named and gave to no one
    worth_reading = cues().worth_reading
    for index, sent in enumerate(sents):
        if not worth_reading.search(match_key(sent.text)):
            continue
        sentence = _Sentence(sent, previous)
        sentence.scan()
        here = opened_in(sentence.toks) or subject_province(sentence.toks, sentence.named) or province
        found.extend(_named_short(_named_earlier(official, found), sents[:index], sent)
                     for official in sentence.officials(here))
        if pending and (k := elected_alone(sentence.toks)) is not None and (span := sentence.subject(k)):
            toks, name = sentence.toks, sentence.name_text(span)
            found[:] = [replace(o, role="old") if o.name == name and o.role is None and o.start >= sent.start
                        else o for o in found]  # the post held until the election
            found.append(replace(pending, name=name, **located(sent, toks[span[0]].start, toks[span[1] - 1].end)))
        held = announced(sentence.toks, sentence.found)
        pending = sentence.official_of(held, here) if held else None
        if sentence.named:
            previous = sentence.name_text(sentence.named[-1])
    return found
