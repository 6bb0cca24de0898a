"""The cue words of appointments, careers and roles, read once from lexicons/officials.yaml: shared by
nlp.appointments (who takes and leaves a post), nlp.roles (old, new) and nlp.officials."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from nlp.text import lexicon, match_key
from nlp.vocabulary import Phrases, vocabulary

ACTS_ON_OTHERS = frozenset({"ký", "trao", "phê"})  # signs, hands over or approves (phê chuẩn) a decision for another


@dataclass(frozen=True)
class Cues:
    appointment: Phrases
    leaves_post: Phrases
    takes_post: Phrases
    states: frozenset[str]
    career: Phrases
    national: frozenset[str]
    provincial: tuple[str, ...]  # bodies named like national ones that a province has ("Cục QLTT")
    starts: frozenset[str]  # first words of every construction: other tokens are skipped
    worth_reading: re.Pattern[str]  # a sentence without a title or an honorific names no official
    bare_heads: frozenset[str]  # organisations named by their head alone, after their full name


def _phrases(items: Sequence[str]) -> Phrases:
    return Phrases({item: item for item in items})


@functools.cache
def cues() -> Cues:
    data = lexicon("officials.yaml")
    v = vocabulary()
    takes_post = _phrases(data["takes_post"])
    careers = data["career_cues"] + [f"đã {cue}" for cue in data["career_cues"] if cue.startswith("từng ")]
    career = Phrases({**{c: "former" for c in careers}, **{c: "old" for c in data["held_when"]}})  # "đã từng là"
    starts = {*v.titles.by_first, *v.honorifics.by_first, *takes_post.by_first, *career.by_first, "quyền", "phó"}
    data_titles = data["titles"] + data["titles_needing_org"]
    words = sorted({match_key(w) for w in data_titles + data["honorifics"]}, key=len, reverse=True)
    return Cues(
        appointment=_phrases(data["appointment_cues"]),
        leaves_post=_phrases(data["leaves_post"]),
        takes_post=takes_post,
        states=frozenset(match_key(c) for c in data["states_post"]),
        career=career,
        national=frozenset(match_key(b) for b in data["national_bodies"]),
        provincial=tuple(match_key(b) for b in data["provincial_cuc"]),
        starts=frozenset(starts),
        worth_reading=re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"),
        bare_heads=frozenset(match_key(h) for h in data["bare_heads"]),
    )
