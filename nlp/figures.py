"""Economic figures: a number with a unit, read with its indicator, direction, comparison, period
and scope ("tổng mức bán lẻ ... ước đạt hơn 108,8 nghìn tỷ đồng, tăng 13,46% so với cùng kỳ").

A figure needs a unit: counts ("26 cá nhân"), anniversaries ("135 năm"), counters and document
numbers carry none and are not figures; a rank ("xếp thứ 5/63") is the one unitless figure.
Each figure also says what it measures, its status and period kind (nlp/figure_kinds.py), its
indicator's key from the vocabulary (nlp/indicators.py, `other` when unknown) and its scope's kind.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from nlp import figure_kinds, figure_names, indicators
from nlp.dates import DateMention
from nlp.numbers import NUMBER, parse_number, plain
from nlp.text import Located, Sentence, alternation, has_digit, lexicon, located, match_key

_CLAUSE_STOP = re.compile(r"[,;.()…:]|\.\.\.")
_MAX_TAIL_WORDS = 8
_PHRASE_REACH = 120  # characters after a value searched for its comparison
_LOOKBACK = 300  # characters before a value searched for its indicator: bounds work on run-on text


@dataclass(frozen=True)
class Figure(Located):
    """A quantity stated in the text, with what it measures."""

    indicator: str | None  # the indicator phrase as written ("tổng kim ngạch xuất khẩu")
    indicator_key: str  # key in lexicons/indicators.yaml ("exports"), "other" when not in the vocabulary
    value: int | float
    unit: str
    direction: str | None
    comparison: str | None
    period: str | None  # the period as the text words it ("2023", "6 tháng đầu năm 2024")
    period_value: str | None  # the period's ISO value ("2023", "2024-H1")
    scope: str | None  # province, country, cluster, district
    estimate: bool
    qualifier: str | None
    scope_name: str | None  # the scope as named: the province, "cả nước", a cluster, a district; None if unnamed
    measure: str  # level, change, share_of_plan, share_of_total, rank, other
    status: str  # actual, estimate, target
    period_kind: str | None  # month, months_to_date, quarter, half_year, nine_months, year, span
    period_start: str | None  # ISO day
    period_end: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "indicator_key": self.indicator_key,
            "value": self.value,
            "unit": self.unit,
            "direction": self.direction,
            "comparison": self.comparison,
            "period": self.period,
            "period_value": self.period_value,
            "scope": self.scope_name,
            "scope_kind": self.scope,
            "estimate": self.estimate,
            "qualifier": self.qualifier,
            "measure": self.measure,
            "status": self.status,
            "period_kind": self.period_kind,
            "period_start": self.period_start,
            "period_end": self.period_end,
            **self.location(),
        }


@dataclass(frozen=True)
class _Vocabulary:
    value: re.Pattern[str]
    predicate: re.Pattern[str]
    roles: dict[str, tuple[str, str]]  # predicate word -> (role, stored value)
    scales: dict[str, int]
    units: dict[str, str]
    breakers: re.Pattern[str]
    comparison: re.Pattern[str]
    share_verbs: frozenset[str]
    scope: re.Pattern[str]
    scopes: dict[str, str]
    scope_kinds: dict[str, str]
    cluster: re.Pattern[str]


_RANGE_END = r"\d+(?:[.,]\d+)*(?![\w/]|[.,]\d)"  # "tăng 11-13%", "1,5 đến 1,7 tỷ USD": both ends, each a figure


def _key(text: str) -> str:
    """A phrase as the vocabulary is keyed: matching form, single spaces."""
    return " ".join(match_key(text).split())


def _keyed(mapping: dict[str, Any]) -> dict[str, Any]:
    return {_key(str(k)): v for k, v in mapping.items()}


def canonical_unit(written: str) -> str:
    """The unit as figures name it ("đồng" is "VND", "tấn" is "t"); one not in the vocabulary as given."""
    return _vocabulary().units.get(_key(written), written)


@functools.cache
def _vocabulary() -> _Vocabulary:
    data = lexicon("figures.yaml")
    roles: dict[str, tuple[str, str]] = {}
    for word in data["links"]:
        roles[match_key(word)] = ("link", word)
    for word in data["estimates"]:
        roles[match_key(word)] = ("estimate", word)
    for word in data["qualifiers"]:
        roles[match_key(word)] = ("qualifier", word)
    for word, direction in data["directions"].items():
        roles[match_key(word)] = ("direction", direction)
    measures = {**data["units"], **{noun: noun for noun in data["counts"]}, **data["count_aliases"]}
    scales, units = alternation(list(data["scales"])), alternation(list(measures))
    scopes = alternation(list(data["scopes"]))
    return _Vocabulary(
        value=re.compile(rf"(?:(?<![\w/.,-])(?P<low>{_RANGE_END}) *(?:[-–]|đến|tới) *(?P<high>{_RANGE_END})"
                         rf"|(?:(?P<big>\d{{1,3}}) *(?P<big_scale>{scales}) +(?=\d{{1,3}}\b))?(?P<number>{NUMBER}))"
                         rf"(?: *(?P<scale>{scales}))?(?: *(?P<unit>{units}))(?!\w)"),
        predicate=re.compile(rf"(?<!\w)(?P<word>{alternation(list(roles))}) *$"),
        roles=roles,
        scales={k: int(v) for k, v in _keyed(data["scales"]).items()},
        units={k: str(v) for k, v in _keyed(measures).items()},
        breakers=re.compile(rf" +(?:{alternation(data['unit_breakers'])})\b"),
        comparison=re.compile(
            rf" *(?P<phrase>(?:{alternation(data['comparison_starts'])})\b[^,;.()…]{{0,{_PHRASE_REACH}}})"
        ),
        share_verbs=frozenset(match_key(w) for w in data["share_verbs"]),
        scope=re.compile(rf"(?<!\w)(?P<scope>{scopes})(?!\w)"),
        scopes={k: str(v) for k, v in _keyed(data["scopes"]).items()},
        scope_kinds={str(k): str(v) for k, v in data["scope_kinds"].items()},
        cluster=re.compile(rf"{alternation([data['cluster_name']])} *\d+"),
    )


@dataclass
class _Draft:
    """A figure being read, before its context (indicator, period) is settled."""

    start: int  # offsets in the sentence
    end: int
    predicate_start: int
    value: Decimal
    unit: str
    roles: dict[str, str]
    estimate: bool
    parenthesis: int | None  # offset of the "(" the figure stands in
    comparison: str | None
    indicator: tuple[str | None, str] | None = None  # (phrase as written, key)
    scope: tuple[str, str | None] | None = None  # (kind, name)
    status: str = "actual"


def _predicate(key: str, number_start: int) -> tuple[int, int, dict[str, str], bool]:
    """The words before a number that qualify it.

    Returns (start of those words, start of `raw` at the direction or qualifier, {role: value},
    estimate).
    """
    v = _vocabulary()
    start = raw_start = number_start
    roles: dict[str, str] = {}
    estimate = False
    while m := v.predicate.search(key, max(0, start - 24), start):
        role, value = v.roles[_key(m.group("word"))]
        if role == "estimate":
            estimate = True
        elif role not in roles:
            roles[role] = value
            if role in {"direction", "qualifier"}:
                raw_start = m.start()
        start = m.start()
    return start, raw_start, roles, estimate


def _comparison(text: str, key: str, end: int, unit: str, roles: dict[str, str]) -> str | None:
    """An explicit "so với ..." after the value, or the base of a share ("đạt 90,8% kế hoạch")."""
    v = _vocabulary()
    m = v.comparison.match(key, end)
    if m:
        return text[m.start("phrase") : m.end("phrase")].strip() or None
    if unit != "%" or "direction" in roles or match_key(roles.get("link", "")) not in v.share_verbs:
        return None
    stop = _CLAUSE_STOP.search(key, end, end + _PHRASE_REACH)
    phrase = text[end : stop.start() if stop else end + _PHRASE_REACH].strip()
    words = phrase.split()
    if not words or len(words) > _MAX_TAIL_WORDS or words[0][0].isdigit():
        return None
    return phrase


def _numbers(value: re.Match[str]) -> list[tuple[str, str | None]]:
    """The number a value writes, or both ends of a range, each with the word that would say so."""
    if value.group("high"):
        return [(value.group("low"), "từ"), (value.group("high"), "đến")]
    return [(value.group("number"), None)]


def _drafts(sent: Sentence, key: str) -> list[_Draft]:
    v = _vocabulary()
    drafts: list[_Draft] = []
    found = [(m.start(), m.end(), number, m.group("scale"), m.group("unit"), range_end, m)
             for m in v.value.finditer(key) if not v.breakers.match(key, m.end())
             for number, range_end in _numbers(m)]
    found += [(m.start(), m.end(), m.group("n"), None, None, None, None) for m in figure_kinds.ranks(key)]
    for start, end, raw_number, raw_scale, raw_unit, range_end, m in sorted(found, key=lambda f: f[:2]):
        number = parse_number(raw_number)
        if number is None:
            continue
        if m is None:  # a rank: its cue words are its predicate
            drafts.append(_Draft(start, end, start, number, figure_kinds.RANK_UNIT, {}, False, None, None))
            continue
        scale = v.scales[_key(raw_scale)] if raw_scale else 1
        if m.group("big"):  # "1 ngàn 200 tỷ": (1 000 + 200) tỷ; "2 tỷ 500 triệu", "4 ngàn 400 tấn": added
            big = Decimal(m.group("big")) * v.scales[_key(m.group("big_scale"))]
            number = number + big / scale if big > scale else number + big
        unit = v.units[_key(raw_unit)]
        pred_start, raw_start, roles, estimate = _predicate(key, start)
        if range_end:
            roles = {**roles, "qualifier": range_end}  # an end of "11-13%", kept out of the series as "từ … đến"
        reach = max(0, pred_start - _LOOKBACK)
        opening, closing = key.rfind("(", reach, pred_start), key.rfind(")", reach, pred_start)
        drafts.append(
            _Draft(
                start=raw_start,
                end=end,
                predicate_start=pred_start,
                value=number * scale,
                unit=unit,
                roles=roles,
                estimate=estimate,
                parenthesis=opening if opening > closing else None,
                comparison=_comparison(sent.text, key, end, unit, roles),
            )
        )
    return drafts


def _scope(
    key: str, start: int, end: int, cluster: str | None, province: str | None
) -> tuple[str, str | None] | None:
    """(kind, name) of the last scope phrase in key[start:end]."""
    v = _vocabulary()
    found = list(v.scope.finditer(key, start, end))
    if not found:
        return None
    return _scoped(found[-1], cluster, province)


def _scoped(m: re.Match[str], cluster: str | None, province: str | None) -> tuple[str, str | None]:
    v = _vocabulary()
    stored = v.scopes[_key(m.group("scope"))]
    kind = v.scope_kinds[stored]
    if kind == "cluster":
        return kind, cluster
    if kind == "province":
        return kind, province
    return kind, stored if kind == "country" else m.group("scope")


def _period(sent: Sentence, offset: int, periods: Sequence[DateMention], starts: list[int]) -> DateMention | None:
    """The period of a figure: in its sentence (before it, else after), else the last before.

    `starts` are the periods' start offsets, for bisecting.
    """
    first_in = bisect.bisect_left(starts, sent.start)
    before = bisect.bisect_left(starts, sent.start + offset)
    if before > first_in:
        return periods[before - 1]
    if first_in < len(periods) and periods[first_in].sentence_index == sent.index:
        return periods[first_in]
    return periods[first_in - 1] if first_in else None


def find_figures(sents: Sequence[Sentence], dates: Sequence[DateMention], province: str | None = None) -> list[Figure]:
    """Figures with their context; `dates` gives periods, `province` the scope "toàn tỉnh" and the
    scope of a figure that names none."""
    v = _vocabulary()
    periods = sorted((d for d in dates if d.kind != "day" and not d.reference), key=lambda d: d.start)
    starts = [p.start for p in periods]
    figures: list[Figure] = []
    cluster: str | None = None
    parent: str | None = None  # the root key of the indicator named last, for its branches
    subject: tuple[str | None, str] | None = None  # the indicator of the previous sentence's first figure
    for sent in sents:
        key = match_key(sent.text)
        clusters = [(m.start(), sent.text[m.start() : m.end()]) for m in v.cluster.finditer(key)]
        drafts = _drafts(sent, key) if has_digit(key) else []
        previous: _Draft | None = None
        for draft in drafts:
            cluster = next((c for at, c in reversed(clusters) if at < draft.start), cluster)
            reach = max(0, draft.predicate_start - _LOOKBACK)
            clause = max(key.rfind(";", reach, draft.predicate_start) + 1, reach)
            chained = previous if previous and previous.end > clause else None
            window = chained.end if chained else clause
            found = figure_names.named(sent, key, window, draft.predicate_start, dates, parent)
            if found is None and chained is None and draft.unit != "%":  # "chiếm 32% <its base>"
                found = figure_names.trailing(sent, key, draft.end)
            if found is None and chained is None:
                listed = (previous.start, previous.indicator) if previous else None
                found = figure_names.unnamed(sent, key, clause, draft.predicate_start, listed, subject, parent, dates)
            scope_from = draft.parenthesis if draft.parenthesis is not None else (found[0] if found else window)
            draft.scope = _scope(key, scope_from, draft.predicate_start, cluster, province)
            if draft.scope is None and draft.parenthesis is not None:
                before = figure_names.scope_tail().search(key, 0, draft.parenthesis)
                draft.scope = _scoped(before, cluster, province) if before else None
            if found and chained and chained.indicator and indicators.is_generic(found[2]):
                found = None  # "xuất khẩu cà phê đạt 69.250 tấn, giá trị 154,5 triệu USD": still the exports
            if found:
                draft.indicator = (found[1], found[2])
                parent = found[3]
            elif chained:
                draft.indicator = chained.indicator
                draft.scope = draft.scope or chained.scope
                gap = key[chained.end : draft.predicate_start].strip(" ,")
                if "direction" in draft.roles and "direction" not in chained.roles and not gap:
                    draft.estimate = draft.estimate or chained.estimate
                if draft.parenthesis is not None and draft.comparison is None:
                    draft.comparison = chained.comparison
            draft.status = figure_kinds.status(key[clause : draft.start], draft.estimate)
            if chained and chained.status == "target":
                draft.status = "target"
            previous = draft
            figures.append(_figure(sent, key, draft, clause, _period(sent, draft.start, periods, starts), province))
        cluster = clusters[-1][1] if clusters else cluster
        subject = next((d.indicator for d in drafts if d.indicator), None)
    return figures


def _figure(sent: Sentence, key: str, draft: _Draft, clause: int, period: DateMention | None,
            province: str | None) -> Figure:
    kind, first, last = figure_kinds.period(period, figure_kinds.to_date(key[clause : draft.start]))
    text, indicator_key = draft.indicator or (figure_names.other_phrase(sent, clause, draft.predicate_start),
                                              indicators.OTHER)
    scope_kind, scope_name = draft.scope or ("province" if province else None, None)
    direction = draft.roles.get("direction")
    return Figure(
        indicator=text,
        indicator_key=indicator_key,
        value=plain(draft.value),
        unit=draft.unit,
        direction=direction,
        comparison=draft.comparison,
        period=period.label if period else None,
        period_value=period.value if period else None,
        scope=scope_kind,
        estimate=draft.estimate,
        qualifier=draft.roles.get("qualifier"),
        scope_name=scope_name,
        measure=figure_kinds.measure(draft.unit, direction, key[clause : draft.start], draft.comparison),
        status=draft.status,
        period_kind=kind,
        period_start=first.isoformat() if first else None,
        period_end=last.isoformat() if last else None,
        **located(sent, draft.start, draft.end),
    )
