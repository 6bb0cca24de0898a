"""Roles in an appointment, once a sentence's posts and names are read: the post a person takes is
new, the one they hold beside it old ("bổ nhiệm ông A, OLD, giữ chức NEW"), unless the new is a part
in a committee ("ông A, Phó Chủ tịch UBND tỉnh làm Trưởng ban") or the cue gives a task beside the
post ("phân công"); people listed after "được bổ nhiệm mới là:" take the posts they are named with."""

from __future__ import annotations

import functools

from nlp.cues import ACTS_ON_OTHERS, cues
from nlp.lists import Found, Lists
from nlp.positions import Position
from nlp.text import match_key

_CUE_REACH = 4  # tokens between an appointment word and the name it appoints
_PRESENT = frozenset({"có", "của", "do", "với"})  # "quyết định bổ nhiệm có ông NAME": NAME attends, is not appointed
# Cues that give a task beside the post ("phân công ông A, Phó Chủ tịch UBND tỉnh, phụ trách …"): the post is
# left only if another is taken.
_BESIDE_POST = frozenset({"phân công", "giao nhiệm vụ", "giao phụ trách"})


class Roles(Lists):
    """Roles of the posts an nlp.appointments reader found in one sentence."""

    def appointed(self, span: tuple[int, int]) -> str | None:
        """"bổ nhiệm ông NAME, OLD": a post named right after an appointment word is the one left."""
        for k in range(max(0, span[0] - _CUE_REACH), span[0]):
            if (cue := cues().appointment.match(self.toks, k)) and cue[0] <= span[0] and not any(
                    t.key in _PRESENT for t in self.toks[cue[0] : span[0]]):
                return None if match_key(cue[1]) in _BESIDE_POST else "old"
        return None

    def appointed_listed(self) -> int | None:
        """The colon of "có ba giám đốc sở được bổ nhiệm (mới) là:" or "… được bầu gồm:", after which
        each person is listed with the post they are given."""
        toks, appointment = self.toks, cues().appointment
        for k in range(1, len(toks)):
            if toks[k - 1].key == "được" and toks[k].key in appointment.by_first and (
                    cue := appointment.match(toks, k)):
                j = cue[0] + (cue[0] < len(toks) and toks[cue[0]].key == "mới")
                if j + 1 < len(toks) and toks[j].key in {"là", "gồm"} and toks[j + 1].text == ":":
                    return j + 1
        return None

    def leaving(self) -> list[tuple[int, int]]:
        """Who leaves their post in a sentence that retires someone: the people named after the cue,
        else those before it ("ông NAME, POSITION nhận quyết định nghỉ hưu")."""
        if not self.found:
            return []
        leaves = cues().leaves_post
        at = next((k for k, t in enumerate(self.toks) if t.key in leaves.by_first and leaves.match(self.toks, k)), None)
        if at is None:
            return []
        after = [f.name for f in self.found if f.name[0] > at]
        return after or [f.name for f in self.found if 0 <= f.name[0] < at and not any(
            t.key in ACTS_ON_OTHERS for t in self.toks[f.name[1] : at])]  # "NAME ký quyết định nghỉ hưu cho"

    def roles(self) -> list[tuple[str, Found, str | None]]:
        """Roles in an appointment: a person given a post (`takes_post`) in a sentence that appoints,
        or that also names their post before it, takes a new one; that post before is the old one."""
        named = [(self.previous if f.name[0] < 0 else self.name_text(f.name), f) for f in self.found]
        changes = {name for name, f in named if f.takes_post and not _committee_part(f.position)}
        held = {name for name, f in named if not f.takes_post and f.units is None}
        appointment = cues().appointment
        cued = functools.cache(lambda: any(t.key in appointment.by_first and appointment.match(self.toks, k)
                                           for k, t in enumerate(self.toks)))
        leaving, listed = self.leaving(), self.appointed_listed()
        result: list[tuple[str, Found, str | None]] = []
        for name, f in named:
            role = f.role
            if f.takes_post and role is None and (name in held or cued()):
                role = "new"
            elif not f.takes_post and f.units is None and role is None and (name in changes or f.name in leaving):
                role = "old"
            elif role is None and listed is not None and f.name[0] > listed:
                role = "new"  # "được bổ nhiệm mới là: giám đốc Sở A NAME; …": each post listed is taken
            assert name is not None
            result.append((name, f, role))
        return result


_COMMITTEE_PARTS = frozenset({"trưởng ban", "phó trưởng ban", "tổ trưởng", "tổ phó", "thành viên", "ủy viên",
                              "thư ký"})
_COMMITTEES = ("ban chỉ đạo", "ban tổ chức", "tổ ", "hội đồng")


def _committee_part(held: Position) -> bool:
    """"ông A, Phó Chủ tịch UBND tỉnh làm Trưởng ban": a part in a committee, taken beside the post held."""
    unit = held.units[-1]
    title = match_key(unit.title).removesuffix(" thường trực")
    return title in _COMMITTEE_PARTS and (unit.body is None or unit.body.startswith(_COMMITTEES))
