"""Which year a date written without one means, when the page gives no publication date.

The article itself says it: a year written in the same sentence (also as an event's year, "Tết
Nguyên đán 2024", or a congress opening its term: "Đại hội … giai đoạn 2025 - 2030"), the same day
written with its year elsewhere in the article, the story's own day before it ("Ngày 17-4 … năm
2021. … từ ngày 22 đến ngày 25-4": the nearest day, as a publication date would), the title, an
anniversary ("kỷ niệm 16 năm ngày thành lập" of a body founded in 2008), the year of the article's
first dated day, its events, its reporting period ("6 tháng đầu năm 2024") and the latest year it
names (not a target, "đến năm 2030", nor a start, "từ tháng 9/2016"), and last the year after a
baseline it compares with ("so với năm 2018").
Failing all of them the year stays unknown ("XXXX"), never guessed. `DateMention.year_source` records
which.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from nlp.text import match_key

if TYPE_CHECKING:
    from nlp.dates import DateMention

# Where an inferred year comes from, most trusted first.
SOURCES = ("published", "sentence", "title", "article", "period")
_TITLE_YEAR = re.compile(r"(?<![\d/.,-])(?:19|20)\d{2}(?![\d/])")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2} *[-–] *(?:19|20)\d{2}")  # a term ("nhiệm kỳ 2021 - 2026") dates no day
_SECOND_HALF = 7
_PERIOD_CLOSE = 10  # a period ending in October or later, reviewed at a meeting early the next year
_EARLY = 3  # January to March
_CUMULATIVE = re.compile(r"(\d{4})-01/\1-\d{2}")  # "9 tháng năm 2024": months 1 to 9 of one year
# A year right after a capitalised name is that event's year: "Tết Nguyên đán Quý Mão 2023", "OCOP 2024";
# not a quantity ("đạt 2000 tấn") nor a range's first year ("2021-2025").
_EVENT_YEAR = re.compile(r"\b([^\W\d_]+) ((?:19|20)\d{2})(?![\d/]| *[-–] *\d)")
_LUNAR = ("tết", "xuân")  # the lunar new year falls in January or February of its year
_LUNAR_MONTHS = 2
_BEFORE_STORY = ("trước đó", "trước đây")
_NO_EVENT = frozenset({"năm", "sn", "sinh"})  # "Năm 2024" is a year, "SN 1980" a birth year: no event
_OPENS_TERM = ("đại hội", "kỳ họp thứ nhất")  # held in a term's first year
_ANNIVERSARY = re.compile(r"kỷ niệm (\d{1,3}) năm", re.IGNORECASE)
_FOUNDED = "thành lập"


@dataclass(frozen=True)
class Anchor:
    """What resolves yearless dates: the publication date, else a year and where it came from."""

    published: date | None = None
    year: int | None = None
    source: str | None = None
    near: date | None = None  # a day of the story: a yearless date takes the year nearest it


def unresolved(mention: DateMention) -> bool:
    return "XXXX" in mention.value


def _written(mention: DateMention) -> bool:
    return not mention.year_inferred and not unresolved(mention) and not mention.reference


def _years(mention: DateMention) -> list[int]:
    return [int(end[:4]) for end in mention.value.split("/")]


def _yearless_months(sentence: Sequence[DateMention]) -> list[int]:
    """The months of the days a sentence writes without their year."""
    return [int(m.value[5:7]) for m in sentence if unresolved(m) and m.kind == "day"]


def _words_before(mention: DateMention, n: int) -> list[str]:
    """The last n words of the sentence before a mention, as match keys, punctuation aside."""
    return re.findall(r"\w+", match_key(mention.sentence[: max(0, mention.sentence.find(mention.raw))]))[-n:]


def _birth(mention: DateMention) -> bool:
    """"sinh ngày 2/9/1970", "(sinh năm 1982)": a birth date, which dates no day of the story."""
    return _words_before(mention, 1) in (["sinh"], ["sn"])


def _term(mention: DateMention) -> bool:
    """"giai đoạn 2021-2025": years of a plan or a term of office, which date no day of the story."""
    ends = mention.value.split("/")
    return len(ends) == 2 and all(len(end) == len("2021") for end in ends) and ends[0] != ends[1]


def _bound(mention: DateMention) -> bool:
    """"mục tiêu đến năm 2030", "từ tháng 9/2016 đến nay", "giá so sánh năm 2010": a year aimed at, a
    start or the base of constant prices, not the story's."""
    before = _words_before(mention, 2)
    return before[-1:] == ["từ"] or before in (["so", "sánh"], ["cố", "định"]) or (
        before[-1:] in (["đến"], ["tới"], ["vào"]) and mention.kind == "year")


def _reporting(mention: DateMention) -> bool:
    return mention.kind in {"quarter", "half-year"} or bool(_CUMULATIVE.fullmatch(mention.value))


def _commonest(years: Iterable[int]) -> int | None:
    """The year named most often; of equally frequent ones the latest (an anniversary's end)."""
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _sentence_year(own: list[int], sentence: Sequence[DateMention]) -> int | None:
    """The latest year the sentence names; of a year and the next ("năm 2023, kế hoạch năm 2024"),
    a meeting in the second half of the year reviews the first and plans the next, one in the first
    half reviews the previous year; a day early in the year with a period that closes late in the
    sentence's year ("phiên họp tháng 12/2025 chiều 12/1") is the meeting after it, the next year."""
    years = sorted(set(own))
    months = _yearless_months(sentence)
    if len(years) == 2 and years[1] - years[0] == 1 and months:
        return years[0] if months[0] >= _SECOND_HALF else years[1]
    if len(years) == 1 and months and months[0] <= _EARLY and any(
            _written(m) and m.kind == "month" and int(m.value[5:7]) >= _PERIOD_CLOSE for m in sentence):
        return years[0] + 1
    return years[-1] if years else None


def _lunar_new_year(sentence: Sequence[DateMention]) -> int | None:
    """"Chiều 5-1, … cuối năm 2023 và Tết Nguyên đán Giáp Thìn 2024": a day of January or February
    in a sentence about a lunar new year is in that year."""
    months = _yearless_months(sentence)
    if not sentence or not months or months[0] > _LUNAR_MONTHS:
        return None
    lunar = [year for year, is_lunar in _event_years(sentence[0].sentence) if is_lunar]
    return lunar[-1] if lunar else None


def _told_as_before(mention: DateMention) -> bool:
    """"Trước đó, năm 2018, …": a year the text says came before the story."""
    return match_key(mention.sentence).lstrip().startswith(_BEFORE_STORY)


def _event_years(text: str) -> list[tuple[int, bool]]:
    """(year, of a lunar new year) for each event year a text names ("Tết Nguyên đán 2025" too)."""
    found = []
    for m in _EVENT_YEAR.finditer(text):
        lunar = any(word in match_key(text[max(0, m.start() - 30) : m.start(2)]) for word in _LUNAR)
        if (lunar or m.group(1)[0].isupper()) and match_key(m.group(1)) not in _NO_EVENT:
            found.append((int(m.group(2)), lunar))
    return found


def _event_year(events: list[tuple[int, bool]], sentence: Sequence[DateMention]) -> int | None:
    """The commonest event year; of a lunar new year, a day in its autumn or winter is the year before."""
    year = _commonest(y for y, _ in events)
    if year is None:
        return None
    months = _yearless_months(sentence)
    lunar = any(lunar for y, lunar in events if y == year)
    return year - 1 if lunar and months and months[0] >= _PERIOD_CLOSE else year


def _day_key(day: str) -> tuple[str, str]:
    """Month and day of an ISO day, with or without its year ("XXXX-12-11")."""
    return day[5:7], day[8:10]


def _written_days(mention: DateMention) -> list[str]:
    """The ISO days a mention writes: a day, or the ends of a span of days."""
    ends = mention.value.split("/") if mention.kind in {"day", "span"} else []
    return [end for end in ends if len(end) == len("2024-01-01")]


def _story_day(mention: DateMention) -> date | None:
    """The day a mention puts the story at: of a span over years, an anniversary's "(2/9/1945 - 2/9/2024)",
    its end (today's celebration), else its first day."""
    first, last = mention.first_day, mention.last_day
    return last if first and last and last.year - first.year > 1 else first


class ArticleYears:
    """The years an article gives outside any one sentence: title, dated days, events, periods."""

    def __init__(self, title: str | None, mentions: Sequence[Sequence[DateMention]], texts: Sequence[str]) -> None:
        written = [m for ms in mentions for m in ms if _written(m)]
        story = [m for m in written if not _birth(m)]
        self.title_text = title or ""
        title_years = [int(y) for y in _TITLE_YEAR.findall(_YEAR_RANGE.sub(" ", self.title_text))]
        self.title = max(title_years) if title_years else None
        self.period = _commonest(_years(m)[0] for m in written if _reporting(m))
        self.texts = texts
        self.days = {_day_key(day): int(day[:4]) for m in story for day in _written_days(m)}
        self.first_day = next((_story_day(m) for m in story if _written_days(m) and not m.reference), None)
        self.founded = [y for m in story if _FOUNDED in match_key(m.sentence) for y in _years(m)]
        named = [(_years(m)[-1], int(m.value[5:7]) if m.kind == "month" else 0) for m in story
                 if m.kind in {"year", "month"} and not _term(m) and not _bound(m) and not _told_as_before(m)]
        self.latest = max(named) if named else None  # the latest year (and month) the article names
        baselines = [_years(m)[-1] for ms in mentions for m in ms if m.reference and m.kind == "year"]
        self.after_baseline = max(baselines) + 1 if baselines else None  # "tăng 4% so với năm 2018": 2019
        self.story_day: date | None = None  # the last day of the story read so far

    @functools.cached_property
    def anniversary(self) -> int | None:
        """"kỷ niệm 16 năm ngày thành lập" with the founding written ("thành lập ngày 7-4-2008"): 2024."""
        if not self.founded:
            return None
        years = [int(m.group(1)) for text in (self.title_text, *self.texts) for m in _ANNIVERSARY.finditer(text)]
        return min(self.founded) + years[0] if years else None

    @functools.cached_property
    def events(self) -> list[tuple[int, bool]]:
        return [event for text in self.texts for event in _event_years(text)]

    def read(self, sentence: Sequence[DateMention]) -> None:
        """Note the days of a sentence once its years are settled, for the sentences after it."""
        for m in sentence:
            if m.kind == "day" and m.first_day and not m.reference and not _birth(m):
                self.story_day = m.first_day

    def _after_latest(self, sentence: Sequence[DateMention]) -> int | None:
        """The latest year the article names, a last resort; a day in a month before the latest month
        named is the next year's ("Chiều 12-1" after "tháng 11-2016 vừa qua")."""
        if self.latest is None:
            return None
        year, month = self.latest
        months = _yearless_months(sentence)
        return year + 1 if month and months and months[0] < month else year

    def anchor(self, sentence: Sequence[DateMention]) -> Anchor:
        """The year for the yearless dates of one sentence, from the nearest source that gives one."""
        if (year := _lunar_new_year(sentence)) is not None:
            return Anchor(None, year, "sentence")
        own = [y for m in sentence if _written(m) and not _term(m) for y in _years(m)]
        if (year := _sentence_year(own, sentence)) is not None:
            return Anchor(None, year, "sentence")
        if sentence and (year := _event_year(_event_years(sentence[0].sentence), sentence)) is not None:
            return Anchor(None, year, "sentence")
        terms = [m for m in sentence if _written(m) and _term(m)]
        if terms and any(words in match_key(terms[0].sentence) for words in _OPENS_TERM):
            return Anchor(None, _years(terms[0])[0], "sentence")  # "Sáng 21/9, … Đại hội … giai đoạn 2025 - 2030"
        same_days = {self.days.get(_day_key(m.value)) for m in sentence if unresolved(m) and m.kind == "day"}
        if len(same_days) == 1 and (year := same_days.pop()) is not None:
            return Anchor(None, year, "article")  # "Đến ngày 11/12, …" after "từ ngày 11/12/2024"
        if self.story_day is not None:
            return Anchor(None, self.story_day.year, "article", self.story_day)
        for source, year in (("title", self.title), ("article", self.anniversary)):
            if year is not None:
                return Anchor(None, year, source)
        if self.first_day is not None:  # the story's day, before the background days the article dates
            return Anchor(None, self.first_day.year, "article")
        for source, year in (("article", _event_year(self.events, sentence)), ("period", self.period),
                             ("article", self._after_latest(sentence)), ("article", self.after_baseline)):
            if year is not None:
                return Anchor(None, year, source)
        return Anchor()
