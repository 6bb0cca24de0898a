"""What a figure measures, its status and its period kind: the fields that keep a series honest.

A level, a change, a share of the plan ("đạt 90,8% kế hoạch") and a share of a total ("chiếm 32%")
never belong on one line; nor do a month, the months to date ("5 tháng đầu năm", "lũy kế") and a
year; nor a target ("phấn đấu", "kế hoạch") and an outcome. Cue words are in lexicons/figures.yaml.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from nlp.dates import DateMention
from nlp.text import alternation, lexicon, match_key

MEASURES = ("level", "change", "share_of_plan", "share_of_total", "rank", "other")
PERIOD_KINDS = ("month", "months_to_date", "quarter", "half_year", "nine_months", "year", "span")
STATUSES = ("actual", "estimate", "target")
RANK_UNIT = "rank"
_MONTHS = re.compile(r"(?<=-)(\d{2})(?=/|$)")  # the months of a span's value: "XXXX-01/XXXX-09"


@dataclass(frozen=True)
class _Cues:
    target: re.Pattern[str]
    negator: re.Pattern[str]
    outcome: re.Pattern[str]
    plan: re.Pattern[str]
    share: re.Pattern[str]
    to_date: re.Pattern[str]
    rank: re.Pattern[str]


@functools.cache
def _cues() -> _Cues:
    data = lexicon("figures.yaml")

    def words(name: str) -> str:
        return alternation(data[name])

    return _Cues(
        target=re.compile(rf"(?<!\w)(?:{words('target_cues')})(?!\w)"),
        outcome=re.compile(rf"(?<!\w)(?:{words('outcome_cues')})(?!\w)"),
        negator=re.compile(rf"(?:(?<!\w)(?:{words('target_cue_negators')})|%) *$"),
        plan=re.compile(rf"^ *(?:{words('plan_bases')})(?!\w)"),
        share=re.compile(rf"(?<!\w)(?:{words('share_cues')})(?: +(?:\w+ +){{0,3}})? *$"),
        to_date=re.compile(rf"(?<!\w)(?:{words('to_date_cues')})(?!\w)"),
        rank=re.compile(rf"(?<!\w)(?P<cue>{words('rank_cues')}) +(?P<n>\d{{1,3}})(?:/(?P<of>\d{{2,3}}))?(?![\w,.]\d)"),
    )


def ranks(key: str) -> list[re.Match[str]]:
    """Ranks in a sentence's matching form: "xếp thứ 5/63", "đứng thứ 3"."""
    return list(_cues().rank.finditer(key))


def measure(unit: str, direction: str | None, before: str, comparison: str | None) -> str:
    """The measure of a value from its unit, direction, the words `before` it in its clause and its base."""
    cues = _cues()
    if unit == RANK_UNIT:
        return "rank"
    if direction:
        return "change"
    if unit != "%":
        return "level"
    if cues.share.search(before):
        return "share_of_total"
    base = match_key(comparison or "")
    if comparison and cues.plan.search(base):
        return "share_of_plan"
    if comparison and base.startswith("so"):
        return "other"  # "bằng 105% so với cùng kỳ": a ratio to the comparison period, neither level nor change
    return "level"


def status(before: str, estimate: bool) -> str:
    """target when a target cue stands before the value in its clause (but not "vượt kế hoạch", the base
    of an earlier share, "đạt 90% kế hoạch", or a cue an outcome follows, "các chỉ tiêu đều vượt"),
    estimate when "ước"/"dự kiến" does, else actual."""
    cues = _cues()
    for m in cues.target.finditer(before):
        if not cues.negator.search(before, 0, m.start()) and not cues.outcome.search(before, m.end()):
            return "target"
    return "estimate" if estimate else "actual"


def to_date(before: str) -> bool:
    """Whether a cumulative cue ("lũy kế", "tính chung", "từ đầu năm") stands before the value."""
    return bool(_cues().to_date.search(before))


def period(mention: DateMention | None, cumulative: bool) -> tuple[str | None, date | None, date | None]:
    """(period_kind, period_start, period_end) of a figure's period mention; the kind is known even when
    the year is not ("6 tháng đầu năm" in an undated article), the days then are not.

    "3/6/9 tháng đầu năm" are the quarter, half year and nine months they cover; other months from
    January, and a month after a cumulative cue, are months to date.
    """
    if mention is None:
        return None, None, None
    first, last = mention.first_day, mention.last_day
    months = [int(m) for m in _MONTHS.findall(mention.value)]
    if mention.kind == "month" and cumulative:  # "lũy kế đến tháng 9" is the nine months
        kind = {3: "quarter", 6: "half_year", 9: "nine_months", 12: "year"}.get(months[-1] if months else 0)
        return kind or "months_to_date", date(first.year, 1, 1) if first else None, last
    kind = {"month": "month", "quarter": "quarter", "half-year": "half_year", "year": "year"}.get(mention.kind)
    if kind is None and mention.kind == "span":
        same_year = first is None or last is None or first.year == last.year
        from_january = bool(months) and months[0] == 1 and same_year and (first is None or first.day == 1)
        if from_january and months[-1] == 9:
            kind = "nine_months"
        elif from_january and months[-1] != 12:
            kind = "months_to_date"
        elif from_january:
            kind = "year"
        else:
            kind = "span"
    return kind, first, last
