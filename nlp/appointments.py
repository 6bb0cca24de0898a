"""Appointments and careers: who takes a post, who leaves one, which posts were held before.

"bổ nhiệm (ông NAME) giữ chức NEW", "bổ nhiệm NEW cho bà NAME", "ông NAME, OLD được điều động giữ
chức NEW", "điều ông NAME về làm NEW", "thôi chức vụ OLD đối với ông NAME", "thay ông NAME", "nghỉ hưu",
"ông từng là A, B", "ORG do ông NAME làm TITLE". Apart from nlp.officials because these
rules read cue words around positions, where nlp.officials reads the positions and names themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp.cues import ACTS_ON_OTHERS, cues
from nlp.heads import head_of
from nlp.lists import Found
from nlp.names import name_at, name_before
from nlp.positions import Position, headed_before, position, starts_position
from nlp.remarks import remark_close, remark_end
from nlp.roles import Roles
from nlp.text import match_key
from nlp.vocabulary import Token, vocabulary

# Words that may follow a post someone takes: "giữ chức Giám đốc Sở thay ông …", "… từ ngày 1/8", "… kể từ".
_AFTER_POST = frozenset({"thay", "từ", "kể", "nhiệm", "thời", "vào", "với", "cho", "đối", "và", "kiêm", "trong", "tại",
                         "của", "khi", "sau", "trước", "nay", "đến", "năm", "ngày", "tháng", "mới", "cùng", "khóa"})
_PRONOUNS = frozenset({"ông", "bà"})  # a person named before, in a biography's later sentences
# "ông NAME về làm POSITION, ông B …": the post is NAME's, B begins the next item.
_MOVES = frozenset({"về", "sang", "lên", "ra"})


class Appointments(Roles):
    """The appointment and career constructions of one sentence; nlp.officials' sentence reader
    supplies the tokens, the names found so far and `add`."""

    def subject(self, before: int) -> tuple[int, int] | None:
        """The last person named before token `before`, unless a clause of another subject comes between
        (", các đại biểu HĐND tỉnh đã bỏ phiếu bầu …" after "Chủ tịch UBND tỉnh NAME")."""
        span = next((span for span in reversed(self.named) if span[1] <= before), None)
        if span is None:
            return None
        start = max([span[1]] + [f.position.end for f in self.found if f.name == span and f.position.end <= before])
        commas = [k for k in range(start, before) if self.toks[k].text == "," and not self._bodies_listed(k + 1)]
        if commas and any(t.key == "các" or t.capitalised for t in self.toks[commas[-1] + 1 : before]):
            return None
        return span

    def _bodies_listed(self, k: int) -> bool:
        """"tham gia Ban Chấp hành, Ban Thường vụ và giữ chức …": bodies the subject joins, no new subject."""
        body = vocabulary().bodies.match(self.toks, k)
        return bool(body) and body[0] < len(self.toks) and self.toks[body[0]].key == "và"

    def career(self, i: int) -> int:
        """"(ông NAME) từng là A, B, C": each post, held before; "khi đang giữ chức A": the post left;
        "từng giữ các chức vụ: A; B, C; D": the posts listed after a colon, those written together (B, C)
        held together where semicolons part the items."""
        toks = self.toks
        cue = cues().career.match(toks, i)
        listed = bool(cue and cue[0] + 1 < len(toks) and toks[cue[0]].text == ":")
        if cue and listed:
            cue = cue[0] + 1, cue[1]
            listed = any(t.text == ";" for t in toks[cue[0] :])  # items apart by commas alone: each a post
        if not cue or not (held := position(toks, cue[0])):
            return 0
        subject = self.subject(i)
        if subject is None and not (i > 0 and vocabulary().honorifics.match(self.toks, i - 1) and self.previous):
            return 0
        if cue[1] == "old":
            self.add(Found(subject or (-1, -1), held, role="old"))
            return held.end
        while True:
            if listed:
                self.add(Found(subject or (-1, -1), held, role="former"))
            for k in range(len(held.units) if not listed else 0):
                if held.units[k].body:
                    self.add(Found(subject or (-1, -1), held, (k, k + 1), "former"))
            end = remark_end(toks, held.end)  # "Giám đốc Sở Xây dựng (cũ); Bí thư Huyện ủy …"
            after = position(toks, end + 1) if end + 1 < len(toks) and toks[end].text in ";," else None
            if after is None:
                return held.end
            held = after

    def takes_post(self, i: int) -> int:
        """"bổ nhiệm (ông NAME) giữ chức NEW", "bổ nhiệm NEW cho bà NAME", "giữ chức NEW, ông NAME"."""
        toks, v = self.toks, vocabulary()
        if i > 0 and toks[i - 1].key == "thôi":
            return 0  # "thôi giữ chức": a post left, read by left_by
        cue = cues().takes_post.match(toks, i)
        if cue and cue[0] < len(toks) and (toks[cue[0]].key == "các" or toks[cue[0]].text.isdigit()):
            cue = cue[0] + 1, cue[1]  # "bầu các Phó Chủ tịch UBND tỉnh … đối với ông A, bà B", "bầu 5 Ủy viên"
        if not cue or not starts_position(toks, cue[0]) or not (held := position(toks, cue[0])):
            return 0
        subject = self.subject(i)
        if cue[1] == "làm" and (led := self.led_by(i, subject, held)):
            return led
        if subject is not None and (paired := self.respectively(i, subject, held)):
            return paired
        if not (held.has_org or match_key(held.units[0].title) in v.standalone or head_of(held.units[0].title)):
            return 0  # "ông NAME là Phó trưởng ban phụ trách": its Ban named before (nlp.heads)
        after, gives = _after_term(toks, held.end), match_key(cue[1]) not in cues().states
        moves = subject is not None and all(t.key in _MOVES for t in toks[subject[1] : i])
        # "ông A, POST làm Trưởng ban, ông B, …": a subject named with a post just before the cue takes the title
        posted = subject is not None and any(f.name == subject and f.position.end == i for f in self.found)
        if after < len(toks) and toks[after].key in ({"cho", "là"} if moves or posted else {"cho", "là", ","}) and (
                span := name_at(toks, after + 1, self.sent.text)):
            self.add(Found(span, held, role="new" if gives else None, takes_post=gives))
            return span[1]
        if after == held.end and (span := name_at(toks, after, self.sent.text)):
            self.add(Found(span, held, role="new" if gives else None, takes_post=gives))  # "là TITLE NAME"
            return span[1]
        if gives and (listed := _listed_after(toks, held.end)) and (span := name_at(toks, listed, self.sent.text)):
            return self.members(held, span, "new", takes_post=True)  # "bầu bổ sung 5 Ủy viên UBND tỉnh, gồm: ông A, …"
        named = after + 2 + (after + 2 < len(toks) and toks[after + 2].text == ":")
        if after + 1 < len(toks) and (toks[after].key, toks[after + 1].key) == ("đối", "với") and (
                span := name_at(toks, named, self.sent.text)):
            # "giao quyền NEW đối với ông NAME", "bầu NEW đối với: ông A, POST; ông B, ông C, POST"
            return self.members(held, span, "new", takes_post=True)
        acts = gives and after < len(toks) and toks[after].text.isalpha() and toks[after].text.islower() \
            and toks[after].key not in _AFTER_POST  # "giao Giám đốc Sở Công Thương chủ trì": the office acts
        if subject is not None and any(t.key in ACTS_ON_OTHERS for t in toks[subject[1] : i]):
            subject = None  # "Thủ tướng NAME vừa phê chuẩn kết quả bầu Chủ tịch …": another person's post
        if subject is not None and not acts:  # "ông NAME hiện là POSITION" states a post, it does not give one
            if any(t.key == "từng" for t in toks[subject[1] : i]):  # "từng làm việc tại Sở X, giữ chức Phó Giám đốc"
                self.add(Found(subject, held, role="former"))
                return held.end
            moved = moves and gives and subject[1] < i  # "điều ông NAME về làm Chi cục trưởng": a new post
            listed = self.listed(subject)
            for span in listed if len(listed) > 1 or not gives else self.joined(subject):  # "các đồng chí A, B, C"
                self.add(Found(span, held, role="new" if moved else None, takes_post=gives))
            if gives:
                return self.predecessor(held, after)
        elif not acts and self.previous and _pronoun_before(toks, i):
            self.add(Found((-1, -1), held, takes_post=gives))  # "Tháng 12-2004, ông làm Giám đốc Công ty X"
        elif not acts and self.previous and (step := _dated_step(toks, i)):
            self.add(Found((-1, -1), held, role=None if step == "now" else "former"))
        return held.end

    def respectively(self, i: int, subject: tuple[int, int], held: Position) -> int:
        """"bà A và ông B lần lượt trúng cử chức danh X và Y": the people and the posts, in their order."""
        toks = self.toks
        if not (i > 1 and (toks[i - 2].key, toks[i - 1].key) == ("lần", "lượt")):
            return 0
        people = [subject]
        for earlier in reversed([span for span in self.named if span[1] < subject[0]]):
            between = toks[earlier[1] : self.honorific_before(people[0][0])]
            if len(between) != 1 or between[0].key not in {",", "và"}:
                break
            people.insert(0, earlier)
        written = [held]
        while written[-1].end + 1 < len(toks) and toks[written[-1].end].key in {",", "và"} and (
                after := position(toks, written[-1].end + 1)):
            written.append(after)
        posts = [(post, (k, k + 1)) for post in written for k in range(len(post.units))]  # "X, Y và Z"
        if len(people) < 2 or len(people) != len(posts):
            return 0
        for person, (post, units) in zip(people, posts, strict=True):
            self.add(Found(person, post, units, role="new", takes_post=True))
        return written[-1].end

    def left_by(self, i: int, held: Position) -> int:
        """"cho thôi chức vụ POSITION đối với ông NAME", "miễn nhiệm POSITION với: ông A, …; ông B": each NAME
        leaves the post written after the cue; "ông NAME thôi làm nhiệm vụ A và miễn nhiệm B": NAME before it."""
        toks, leaves = self.toks, cues().leaves_post
        at = i - (i > 1 and toks[i - 1].text.isdigit())  # "miễn nhiệm 3 Phó Chủ tịch UBND tỉnh, gồm: …"
        if at == 0:
            return 0
        after = _after_term(toks, held.end)
        if toks[at - 1].text == "," and self._left_before(at) and after + 2 < len(toks) and (
                toks[after].key, toks[after + 1].key) == ("đối", "với"):
            return self._left_by_named(held, after + 2)  # "miễn nhiệm A đối với ông X, B đối với ông Y"
        if toks[at - 1].key not in leaves.last_words:
            return 0
        cue = next((c for c in range(max(0, at - 4), at) if (m := leaves.match(toks, c)) and m[0] == at), None)
        if cue is None:
            return 0
        if (listed := _listed_after(toks, held.end)) and (span := name_at(toks, listed, self.sent.text)):
            return self.members(held, span, "old")
        k = after + (after + 1 < len(toks) and (toks[after].key, toks[after + 1].key) == ("đối", "với"))
        if not (k + 1 < len(toks) and toks[k].key in {"với", "của"}):  # "miễn nhiệm Chủ tịch UBND tỉnh của ông A"
            subject = self.subject(cue)
            if subject is None or not (subject[1] == cue or (toks[cue - 1].key == "và" and any(
                    f.name == subject and f.role == "old" and f.position.end == cue - 1 for f in self.found))):
                return 0
            self.add(Found(subject, held, role="old"))  # "ông NAME thôi làm nhiệm vụ đại biểu HĐND tỉnh"
            return held.end
        return self._left_by_named(held, k + 1 + (k + 2 < len(toks) and toks[k + 1].text == ":"))

    def _left_before(self, at: int) -> bool:
        """A post left earlier in the sentence, so that one after a comma is left too."""
        return any(f.role == "old" and f.position.end < at for f in self.found)

    def _left_by_named(self, held: Position, named: int) -> int:
        """The people named at token `named` leave `held`; they may be named after their own post
        ("đối với nguyên Giám đốc Sở Nội vụ A (nghỉ hưu) và nguyên Giám đốc Sở Ngoại vụ B")."""
        toks = self.toks
        if span := name_at(toks, named, self.sent.text):
            return self.members(held, span, "old")
        end = 0
        while named < len(toks) and (own := position(toks, named + (former := toks[named].key == "nguyên"))) and (
                span := name_at(toks, own.end, self.sent.text)):
            self.add(Found(span, held, role="old"))
            self.add(Found(span, own, role="former" if former else None))
            end = remark_end(toks, span[1])
            if not (end < len(toks) and toks[end].key in {"và", ","}):
                break
            named = end + 1
        return end

    def led_by(self, i: int, subject: tuple[int, int] | None, held: Position) -> int:
        """"ORG do ông NAME làm TITLE": NAME holds the title in the organisation before "do"; in
        "đoàn do ông NAME – POSITION làm Trưởng đoàn" the title is a part in the event, not a post."""
        toks = self.toks
        led = next((k for k in range(max(0, subject[0] - 3), subject[0]) if toks[k].key == "do"), None) \
            if subject is not None else None
        if subject is None or led is None:
            return 0
        first = held.units[0]
        if subject[1] == i and len(held.units) == 1 and first.named_before:
            self.add(Found(subject, held))  # "Bộ Kinh tế Quốc gia do ông NAME làm Bộ trưởng"
        elif subject[1] == i and not held.has_org and "đoàn" not in match_key(first.title).split() and (
                org := headed_before(toks, led, first.title)):  # "Trưởng đoàn" leads the delegation, not the Bộ
            self.add(Found(subject, replace(held, units=(replace(org, span=first.span),))))  # "… làm Giám đốc"
        return held.end

    def joined(self, last: tuple[int, int]) -> list[tuple[int, int]]:
        """"bầu ông A, POST và ông B, POST, giữ chức NEW", "các ông: A, POST; B, POST, được bầu giữ chức
        NEW": the people listed, each with the post they hold, all take the one after."""
        toks, spans = self.toks, [last]
        while True:
            start = self.honorific_before(spans[0][0])
            joint = start - 1 - (start > 1 and toks[start - 1].key == "và" and toks[start - 2].text == ",")
            prior = next((f.name for f in self.found if start > 0 and toks[start - 1].key in {"và", ";"}
                          and f.position.end == joint and 0 <= f.name[0] < f.position.start
                          and not f.takes_post), None)  # "…; ông B giữ chức Y": B's own appointment; ", và"
            if prior is None and start > 1 and toks[start - 1].key == "và":
                prior = name_before(toks, start - 1, self.sent.text)  # "Bà A và ông B được bầu làm …": both
            if prior is None:
                return spans
            spans.insert(0, prior)

    def predecessor(self, held: Position, k: int) -> int:
        """"… giữ chức NEW, thay (cho) ông NAME": NAME held that post before, a former post (they are
        not the one appointed, and their own next post is another story)."""
        toks = self.toks
        k += k < len(toks) and toks[k].text == ","
        if k >= len(toks) or toks[k].key != "thay":
            return held.end
        k += 1 + (k + 1 < len(toks) and toks[k + 1].key in {"cho", "thế"})
        if (span := name_at(toks, k, self.sent.text)) is None:
            return held.end
        self.add(Found(span, held, role="former"))
        return span[1]

def _pronoun_before(toks: Sequence[Token], i: int) -> bool:
    """"ông" or "bà" without a name a few lowercase words before token i ("ông được điều chuyển về làm"):
    the person the text named last, as a biography goes on from sentence to sentence."""
    for k in range(i - 1, max(-1, i - 6), -1):
        if toks[k].key in _PRONOUNS:
            return not toks[k + 1].syllable
        if not (toks[k].text.isalpha() and toks[k].text.islower()):
            return False
    return False


def _dated_step(toks: Sequence[Token], i: int) -> str | None:
    """"Từ tháng 5/2012 đến tháng 5/2015, là POST; từ tháng 7/2020 đến nay là POST": a dated step of the
    biography of the person named before, "past" or "now"; None for any other clause before token i."""
    start = max((k + 1 for k in range(i) if toks[k].text == ";"), default=0)
    clause = toks[start:i]
    if not clause or clause[0].key != "từ" or not any(t.text.isdigit() for t in clause) or any(
            t.syllable for t in clause[1:]):
        return None
    keys = [t.key for t in toks[start : i + 1]]  # "đến nay là": the cue may begin with "nay"
    return "now" if any(keys[k : k + 2] == ["đến", "nay"] for k in range(len(keys))) else "past"


def _after_term(toks: Sequence[Token], k: int) -> int:
    """Past a term of office written after a post: "nhiệm kỳ 2021 - 2026"."""
    if k + 2 < len(toks) and (toks[k].key, toks[k + 1].key) == ("nhiệm", "kỳ") and toks[k + 2].text.isdigit():
        k += 3
        while k + 1 < len(toks) and toks[k].text in "-–" and toks[k + 1].text.isdigit():
            k += 2
    return k


def _listed_after(toks: Sequence[Token], k: int) -> int | None:
    """Where the names begin when a list follows the post at token k: "POST (nhiệm kỳ …), gồm: …"."""
    k = _after_term(toks, k)
    if k + 1 < len(toks) and toks[k].text == "(" and (close := remark_close(toks, k)) is not None:
        k = close if _after_term(toks, k + 1) == close - 1 else k
    k += k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].key == "gồm"
    return members_start(toks, k) if k < len(toks) and toks[k].key == "gồm" else None


def members_start(toks: Sequence[Token], k: int) -> int:
    """Where the names begin after "là", "cho" or "gồm" at token k: past "gồm ba nhân sự mới:"."""
    if k < len(toks) and toks[k].key == "gồm":
        colon = next((j for j in range(k + 1, min(len(toks), k + 6)) if not toks[j].text.isalnum()), None)
        if colon is not None and toks[colon].text == ":":
            return colon + 1
    return k + 1
