"""A calendar period as the date patterns read it: months `first`..`last` of a year (or of no
year yet), a day; its ISO value, the days it covers and the label a figure's period is written with.
Apart from nlp.dates, which finds periods in text, so the value rules read on their own."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from nlp.text import lexicon

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ROMAN_OF = {v: k.upper() for k, v in ROMAN.items()}


@dataclass(frozen=True)
class Period:
    """A calendar period before it is placed in the text: months `first`..`last` of `year`."""

    kind: str
    year: int | None
    first: int
    last: int
    day: int | None = None
    source: str | None = None  # where the year came from when the text does not write it

    def with_year(self, year: int, source: str | None) -> Period:
        return Period(self.kind, year, self.first, self.last, self.day, source)

    @property
    def first_day(self) -> date | None:
        if self.year is None:
            return None
        return date(self.year, self.first, self.day or 1)

    @property
    def last_day(self) -> date | None:
        if self.year is None:
            return None
        if self.day:
            return date(self.year, self.last, self.day)
        return date(self.year, self.last, calendar.monthrange(self.year, self.last)[1])

    @property
    def value(self) -> str:
        year = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.kind == "day":
            return f"{year}-{self.first:02d}-{self.day:02d}"
        if self.kind == "month":
            return f"{year}-{self.first:02d}"
        if self.kind == "quarter":
            return f"{year}-Q{self.last // 3}"
        if self.kind == "half-year":
            return f"{year}-H{self.last // 6}"
        if self.kind == "year":
            return year
        return f"{year}-{self.first:02d}/{year}-{self.last:02d}"

    def label(self, raw: str) -> str:
        templates = lexicon("dates.yaml")["labels"]
        if self.year is None:
            return raw
        if self.kind == "year":
            return templates["year"].format(year=self.year)
        if self.kind == "half-year":
            return templates["half-year"][self.last // 6].format(year=self.year)
        if self.kind == "quarter":
            return templates["quarter"].format(roman=_ROMAN_OF[self.last // 3], year=self.year)
        if self.kind == "month":
            return templates["month"].format(month=self.first, year=self.year)
        if self.kind == "span" and self.first == 1:
            return templates["months"].format(months=self.last, year=self.year)
        return raw

    def valid(self) -> bool:
        """Whether the period exists (a yearless 29/2 is taken as possible)."""
        try:
            date(self.year or 2000, self.first, 1)
            date(self.year or 2000, self.last, self.day or 1)
        except ValueError:
            return False
        return True
