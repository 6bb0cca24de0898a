"""Dates and periods as Vietnamese news writes them: days, months, quarters, halves, years, spans.

Values are ISO 8601 ("2024-07-05", "2024-06", "2023") with the common "2024-Q2" and "2024-H1" for
quarters and halves, "XXXX" for a year that could not be resolved (EDTF's unspecified digits), and
an interval "first/last" for spans. `first_day`/`last_day` give the days a resolved period covers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from nlp.periods import ROMAN, Period
from nlp.text import Located, Sentence, alternation, has_digit, lexicon, located, match_key
from nlp.years import Anchor, ArticleYears, unresolved

T = TypeVar("T")
_END = r"(?![\w/]|[.,-]\d)"
_START = r"(?<![\w/.,-])"
_NAMED_DAY = re.compile(r"\bngày(?: [^\W\d_]+){1,5} \($")  # on match keys: "Ngày Doanh nhân Việt Nam (13-10)"
_GLUED = r"(?=[^\W\d_])"  # "ngày 07/9/2009của", "Sáng 28/8Đoàn": a page that lost the space after a date
_DURATION = re.compile(r" +(?:ngày|tuần|tháng)(?!\w)")
_CLOCK_AFTER = re.compile(r" *\d{1,2}:\d{2}")
_CLOCK_BEFORE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})? *$")
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
# Words a pattern cannot match without (in matching form): most sentences skip most patterns.
_NEEDS = {"day_words": ("ngày", "mồng", "mùng"), "month": ("tháng",), "quarter": ("quý",), "months": ("tháng",),
          "half": ("nửa",), "years": ("-", "–"), "from_to": ("-", "–", "đến", "tới"), "dash": ("-", "–", "—"),
          "day_pair": ("ngày",), "day_range": ("-", "–", "đến", "tới")}
# What the patterns that need no word cannot match without: scanning for it is cheaper than the pattern.
_HINTS = {"day": re.compile(r"\d[/.-]\d"), "iso": re.compile(r"\d-\d"), "year": re.compile(r"\d{4}")}
_STAMP_LENGTH = 60
_STAMP_WORDS = 6  # words besides numbers on a page's date line
_DATELINE = re.compile(r" *[-–—] ")


@dataclass(frozen=True)
class DateMention(Located):
    """A date or period mentioned in a text."""

    kind: str  # day, month, quarter, half-year, year, span
    value: str
    first_day: date | None
    last_day: date | None
    label: str  # how a figure's period is written ("2023", "6 tháng đầu năm 2024")
    year_inferred: bool = False  # the year is not written with the date
    reference: bool = False  # a baseline of comparison ("so với cùng kỳ năm 2023")
    year_source: str | None = None  # where an inferred year came from: see nlp.years.SOURCES

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "value": self.value,
            "begin": self.first_day.isoformat() if self.first_day else None,
            "end": self.last_day.isoformat() if self.last_day else None,
            "year_source": self.year_source,
            **self.location(),
        }


def _words(key: str) -> str:
    return alternation(lexicon("dates.yaml")["words"][key])


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The date patterns, assembled once from the vocabulary in lexicons/dates.yaml."""
    vocab = lexicon("dates.yaml")
    day, month, year = _words("day"), _words("month"), _words("year")
    prefix = alternation(vocab["day_prefixes"])
    filler = alternation(vocab["day_prefix_fillers"])
    weekday = alternation(vocab["weekdays"])
    counts = alternation(list(vocab["count_words"]))
    first_last = f"{_words('first')}|{_words('last')}"
    year_sep = rf"(?: *[/-] *|\.| +(?:{year}) +)"  # "tháng 9.2025" too
    loose = (
        rf"(?:(?:{day}) +)?\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{4}})?"
        rf"|(?:{month}) +\d{{1,2}}(?:{year_sep}\d{{4}})?|(?:{year}) +\d{{4}}"
    )
    full_day = r"\d{1,2}/\d{1,2}/\d{4}"
    raw = {
        "day": rf"{_START}(?P<pre>(?:(?:{prefix})(?: +(?:{filler}|{weekday}))?(?: +(?:{day}))?|(?:{day}))"
        rf"(?: +| *[(,] *))?"
        rf"(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?(?:{_END}|{_GLUED})",
        "iso": rf"{_START}(?P<y>(?:19|20)\d{{2}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_END}",  # "2021-12-28 - Sở …"
        "day_words": rf"\b(?:{day}|(?:{day} +)?(?:{_words('ordinal_day')})) +(?P<d>\d{{1,2}})"
        rf" +(?:{month}) +(?P<m>\d{{1,2}})"
        rf"(?: +(?:{year}) +(?P<y>\d{{4}}))?{_END}",
        "month": rf"\b(?:{month}) +(?P<m>\d{{1,2}})(?:{year_sep}(?P<y>\d{{4}}))?{_END}",
        "quarter": rf"\b(?:{_words('quarter')}) +(?P<q>iv|i{{1,3}}|[1-4])(?:{year_sep}(?P<y>\d{{4}}))?"
        rf"(?![\w/])",
        "months": rf"{_START}(?P<n>\d{{1,2}}|{counts}) +(?:{month})(?: +(?P<pos>{first_last}))?"
        rf" +(?:{year})(?: +(?P<y>\d{{4}}){_END})?(?! *\d)",
        "half": rf"\b(?:{_words('half')}) +(?P<pos>{first_last}) +(?:{year})(?: +(?P<y>\d{{4}}){_END})?",
        "year": rf"{_START}(?:(?P<w>{year}) +)?(?P<y>\d{{4}}){_END}",
        "years": rf"\b(?:{_words('period')}|{year}) +(?P<a>\d{{4}}) *[-–] *(?P<b>\d{{4}}){_END}",
        "from_to": rf"\b(?:(?:{_words('from')}) +|(?=(?:{day}) +\d))(?P<a>{loose})"
        rf" *(?:[-–]|{_words('to')}) *(?P<b>{loose}){_END}",
        "dash": rf"{_START}(?P<a>{full_day}) *[-–—] *(?P<b>{full_day}){_END}",
        "day_pair": rf"\b(?:{day})(?: +|, *)\(?(?P<d>\d{{1,2}}(?: *, *\d{{1,2}})*) *(?:,|(?:{_words('and')})) *"
        rf"(?P<d2>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?{_END}",  # "2 ngày (27 và 28-5)"
        "day_range": rf"\b(?:(?:{_words('from')}|{prefix}) +(?:(?:{day}) +)?|(?:{day}) +)(?P<d>\d{{1,2}})"
        rf" *(?:[-–]|(?:{_words('to')})(?: +(?:{_words('until_end')}))?(?: +(?:{day}))?) *(?P<d2>\d{{1,2}})"
        rf"(?P<sep>[/.-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?{_END}",
    }
    return {name: re.compile(pattern) for name, pattern in raw.items()}


def _count(word: str) -> int:
    counts = lexicon("dates.yaml")["count_words"]
    return int(word) if word.isdigit() else counts.get(word, 0)


def _is_last(word: str | None) -> bool:
    return word is not None and match_key(word) in {match_key(w) for w in lexicon("dates.yaml")["words"]["last"]}


def _year(text: str | None) -> int | None:
    return int(text) if text and 1800 <= int(text) <= 2100 else None


def _point(name: str, m: re.Match[str], bare_ok: bool = False) -> Period | None:
    """The period one pattern match denotes, or None when the match is not a date."""
    group = m.groupdict()
    year = _year(group.get("y"))
    if group.get("y") and year is None:
        return None
    if name in {"day", "day_words", "iso"}:
        named = _NAMED_DAY.search(m.string, max(0, m.start() - 60), m.start("d"))
        if name == "day" and not (bare_ok or group["pre"] or year or named):
            return None  # "26/27", "5-7" without a word that makes them dates
        if name == "day" and group["sep"] == "." and not (year or group["pre"]):
            return None  # "15.8" is a date only after "ngày", "sáng"...
        month = int(group["m"])
        period = Period("day", year, month, month, int(group["d"]))
    elif name == "month":
        month = int(group["m"])
        period = Period("month", year, month, month)
    elif name == "quarter":
        q = group["q"]
        quarter = int(q) if q.isdigit() else ROMAN[q]
        period = Period("quarter", year, 3 * quarter - 2, 3 * quarter)
    elif name in {"months", "half"}:
        n = 6 if name == "half" else _count(group["n"])
        if not 1 <= n <= 12:
            return None
        first, last = (13 - n, 12) if _is_last(group.get("pos")) else (1, n)
        kind = {3: "quarter", 6: "half-year", 12: "year"}.get(n, "span")
        if n == 1:
            kind = "month"
        period = Period(kind, year, first, last)
    elif name == "year":
        if year is None:
            return None
        period = Period("year", year, 1, 12)
    else:
        return None
    if not 1 <= period.first <= 12 or not 1 <= period.last <= 12:
        return None
    return period if period.valid() and (period.day is None or 1 <= period.day <= 31) else None


def _parse_endpoint(text: str) -> Period | None:
    patterns = _patterns()
    for name in ("day_words", "day", "month", "year"):
        m = patterns[name].fullmatch(text)
        if m:
            if name == "year" and not m.group("w"):
                return None
            return _point(name, m, bare_ok=True)
    return None


def _resolve(period: Period, anchor: Anchor) -> Period:
    """Give a yearless period the year that puts it nearest the publication date (or the story's day
    before it, `anchor.near`), else the year the article itself gives (`anchor.year`)."""
    published = anchor.published or anchor.near
    if period.year is not None:
        return period
    if published is None:
        guess = period.with_year(anchor.year, anchor.source) if anchor.year else period
        return guess if guess.valid() else period
    best: Period | None = None
    best_distance = 0.0
    for year in (published.year - 1, published.year, published.year + 1):
        guess = period.with_year(year, "published" if anchor.published else anchor.source)
        if not guess.valid():
            continue
        first, last = date(year, guess.first, guess.day or 1), guess.last_day
        assert last is not None
        distance = abs((first + (last - first) / 2 - published) / timedelta(days=1))
        if best is None or distance < best_distance:
            best, best_distance = guess, distance
    return best or period


def _span(a: Period, b: Period, anchor: Anchor) -> tuple[Period, Period] | None:
    """Both ends of a range; a yearless end takes the other end's year, else the anchor's."""
    if a.year is None and b.year is not None:
        a = a.with_year(b.year, b.source)
        if not a.valid() or (a.first, a.day or 0) > (b.last, b.day or 32):
            a = a.with_year(b.year - 1, b.source)
    elif b.year is None and a.year is not None:
        b = b.with_year(a.year, a.source)
        if not b.valid() or (a.first, a.day or 0) > (b.last, b.day or 32):
            b = b.with_year(a.year + 1, a.source)
    elif a.year is None and b.year is None:
        a = _resolve(a, anchor)
        if a.year is not None:
            return _span(a, b, anchor)
    if not (a.valid() and b.valid()):
        return None
    first, last = a.first_day, b.last_day
    if first is not None and last is not None and first > last:
        return None
    return a, b


def _is_stamp(sentence: str, start: int, end: int) -> bool:
    """A day alone on a line with only a weekday, a clock, "cập nhật" or a place name is a page stamp,
    not a mention."""
    if len(sentence) > _STAMP_LENGTH or sentence.rstrip()[-1:] in ".!?;:":
        return False
    words = [w for w in _WORD.findall(sentence[:start] + " " + sentence[end:]) if not w.isdigit()]
    return len(words) <= _STAMP_WORDS and all(w[0].isupper() or match_key(w) in _stamp_words() for w in words)


@functools.cache
def _stamp_words() -> frozenset[str]:
    vocab = lexicon("dates.yaml")
    return frozenset(w for phrase in vocab["weekdays"] + vocab["words"]["day"] + vocab["stamp_words"]
                     for w in match_key(phrase).split())


def _label_only(text: str) -> bool:
    """Only a date line's label before the date ("date", "Ngày đăng:")."""
    return match_key(" ".join(_WORD.findall(text))) in _date_labels()


@functools.cache
def _date_labels() -> frozenset[str]:
    return frozenset(match_key(label) for label in lexicon("dates.yaml")["date_labels"])


def _is_reference(key: str, start: int) -> bool:
    cues = lexicon("dates.yaml")["reference_cues"]
    before = key[max(0, start - 24) : start].rstrip()
    return any(before.endswith(match_key(cue)) for cue in cues)


def _is_recurring(key: str, end: int) -> bool:
    """"lấy ngày 14-5 là ngày truyền thống", "ngày 10/3 hằng năm": a day of every year, which takes none."""
    return key[end : end + 30].lstrip(" ,").startswith(_recurring_cues())


@functools.cache
def _recurring_cues() -> tuple[str, ...]:
    return tuple(match_key(cue) for cue in lexicon("dates.yaml")["recurring_cues"])


def _mention(sent: Sentence, key: str, m: re.Match[str], name: str, anchor: Anchor) -> DateMention | None:
    if name in {"from_to", "dash", "years", "day_range"}:
        if name == "day_range":
            year, month = _year(m.group("y")), int(m.group("m"))
            a = Period("day", year, month, month, int(m.group("d")))
            b = Period("day", year, month, month, int(m.group("d2")))
        elif name == "years":
            ya, yb = _year(m.group("a")), _year(m.group("b"))
            if ya is None or yb is None:
                return None
            a, b = Period("year", ya, 1, 12), Period("year", yb, 1, 12)
        else:
            pa, pb = _parse_endpoint(m.group("a")), _parse_endpoint(m.group("b"))
            if pa is None or pb is None:
                return None
            a, b = pa, pb
        pair = _span(a, b, anchor)
        if pair is None:
            return None
        a, b = pair
        kind, value = "span", f"{a.value}/{b.value}"
        first, last, source = a.first_day, b.last_day, a.source or b.source
        label = sent.text[m.start() : m.end()]
    else:
        point = _point(name, m)
        if point is None:
            return None
        if name == "year" and not m.group("w") and not _is_reference(key, m.start()):
            return None
        if point.kind == "day" and (
            _CLOCK_AFTER.match(key, m.end()) or _CLOCK_BEFORE.search(key, max(0, m.start() - 12), m.start())
        ):
            return None  # a CMS timestamp ("6/5/2024 8:28:30 AM", "10:46 07/07/2024")
        if not (point.kind == "day" and _is_recurring(key, m.end())):
            point = _resolve(point, anchor)
        kind, value = point.kind, point.value
        first, last, source = point.first_day, point.last_day, point.source
        label = point.label(sent.text[m.start() : m.end()])
    if kind == "day" and m.groupdict().get("y") and _is_stamp(sent.text, m.start(), m.end()):
        return None
    before = sent.text[: m.start()]
    if kind == "day" and anchor.published and value == anchor.published.isoformat() and (
            (_DATELINE.match(sent.text[m.end() :]) and not before.strip()) or (name == "iso" and _label_only(before))):
        return None  # "2013-12-14 - Nằm trong …", "date 2025-10-10 …": the publication date opening the body
    return DateMention(
        kind=kind,
        value=value,
        first_day=first,
        last_day=last,
        label=label,
        **located(sent, m.start(), m.end()),
        year_inferred=source is not None,
        reference=_is_reference(key, m.start()),
        year_source=source,
    )


def non_overlapping(candidates: Iterable[tuple[int, int, T]]) -> list[T]:
    """Leftmost-longest choice among (start, end, item) candidates."""
    chosen: list[T] = []
    reach = -1
    for start, end, item in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if start >= reach:
            chosen.append(item)
            reach = end
    return chosen


def _sentence_dates(sent: Sentence, anchor: Anchor) -> list[DateMention]:
    if not has_digit(sent.text):
        return []
    key = match_key(sent.text)
    candidates = []
    for name, pattern in _patterns().items():
        needs = _NEEDS.get(name)
        if needs and not any(word in key for word in needs):
            continue
        if (hint := _HINTS.get(name)) and not hint.search(key):
            continue
        for m in pattern.finditer(key):
            if _glued_to_lowercase(sent.text, m) or (name == "day" and not m["y"] and _DURATION.match(key, m.end())):
                continue  # "tổ chức từ 5-7 ngày": a number of days, not the fifth of July
            found = _pair(sent, m, anchor) if name == "day_pair" else [_mention(sent, key, m, name, anchor)]
            mentions = [mention for mention in found if mention is not None]
            if mentions and len(mentions) == len(found):
                candidates.append((mentions[0].start, mentions[-1].end, mentions))
    return [mention for chosen in non_overlapping(candidates) for mention in chosen]


def _glued_to_lowercase(text: str, m: re.Match[str]) -> bool:
    """"28/8Đoàn" is a day before a lost space; "28/8km" is no day: only a year or a capital may touch."""
    return m.end() < len(text) and text[m.end()].isalpha() and text[m.end()].islower() \
        and not m.groupdict().get("y")


def _pair(sent: Sentence, m: re.Match[str], anchor: Anchor) -> list[DateMention | None]:
    """"ngày 10 và 11/8", "ngày 10, 11 và 12/8": days of one month."""
    year, month = _year(m.group("y")), int(m.group("m"))
    found: list[DateMention | None] = []
    days = [(int(d.group()), m.start("d") + d.start(), m.start("d") + d.end()) for d in _DIGITS.finditer(m["d"])]
    days[0] = (days[0][0], m.start(), days[0][2])  # the first day's mention keeps "ngày"
    for day, start, end in [*days, (int(m.group("d2")), m.start("d2"), m.end())]:
        point = Period("day", year, month, month, day)
        if not point.valid() or not 1 <= month <= 12:
            return [None]
        point = _resolve(point, anchor)
        found.append(DateMention(kind="day", value=point.value, first_day=point.first_day,
                                 last_day=point.last_day, label=sent.text[start:end], **located(sent, start, end),
                                 year_inferred=point.source is not None, year_source=point.source))
    return found


def find_dates(sents: Sequence[Sentence], published: date | None = None, title: str | None = None) -> list[DateMention]:
    """Every date and period in the sentences. A yearless one takes its year from `published`; with
    no publication date, from the article itself (its sentence, `title`, other dates: nlp.years), else
    it is kept with "XXXX" for the year."""
    found = [_sentence_dates(sent, Anchor(published)) for sent in sents]
    if published is None:
        years = ArticleYears(title, found, [sent.text for sent in sents])
        for i, sent in enumerate(sents):
            if any(unresolved(d) for d in found[i]):
                anchor = years.anchor(found[i])
                if anchor.year is not None:
                    found[i] = _sentence_dates(sent, anchor)
            years.read(found[i])
    return [mention for mentions in found for mention in mentions]
