"""Dates, periods and numbers as a Vietnamese (or English) reader writes them.

The archive stores ISO values (2024-07-05, 2024-Q2, 2024-01/2024-06); pages show "05/07/2024",
"Quý II/2024", "6 tháng đầu năm 2024". Numbers go through Babel's locale data (1.234,5 in
Vietnamese); the period words are ours because no locale library names "6 tháng đầu năm".
"""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.numbers import format_decimal

LANGUAGES = ("vi", "en")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_SPAN = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_ROMAN = ("I", "II", "III", "IV")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(value: str | date | None, lang: str = "vi") -> str:
    """05/07/2024 in Vietnamese, 5 Jul 2024 in English; "" for nothing, the input when not a date."""
    if not value:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    found = _DAY.match(text[:10])
    if not found:
        return text
    year, month, dom = (int(part) for part in found.groups())
    if lang == "en":
        return f"{dom} {_EN_MONTHS[month - 1]} {year}"
    return f"{dom:02d}/{month:02d}/{year}"


def moment(value: str | None, lang: str = "vi") -> str:
    """A timestamp with its time of day: "08:30 05/07/2024" (vi), "5 Jul 2024 08:30" (en); UTC kept as written."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return day(value, lang)
    clock = parsed.strftime("%H:%M")
    zone = " UTC" if parsed.utcoffset() is not None and not parsed.utcoffset() else ""
    shown = day(parsed.date(), lang)
    return f"{clock}{zone} {shown}" if lang == "vi" else f"{shown} {clock}{zone}"


def period(value: str | None, lang: str = "vi") -> str:
    """An ISO period as readers write it: Tháng 6/2024, Quý II/2024, 6 tháng đầu năm 2024, 9 tháng năm 2024."""
    if not value:
        return ""
    en = lang == "en"
    if found := _DAY.match(value):
        return day(value, lang)
    if found := _MONTH.match(value):
        year, month = int(found.group(1)), int(found.group(2))
        return f"{_EN_MONTHS[month - 1]} {year}" if en else f"Tháng {month}/{year}"
    if found := _QUARTER.match(value):
        year, quarter = found.group(1), int(found.group(2))
        return f"Q{quarter} {year}" if en else f"Quý {_ROMAN[quarter - 1]}/{year}"
    if found := _HALF.match(value):
        year, half = found.group(1), found.group(2)
        return _months_of_year(1 if half == "1" else 7, 6 if half == "1" else 12, year, en)
    if found := _YEAR.match(value):
        return value if en else f"Năm {value}"
    if (found := _SPAN.match(value)) and found.group(1) == found.group(3):
        return _months_of_year(int(found.group(2)), int(found.group(4)), found.group(1), en)
    return value


def _months_of_year(first: int, last: int, year: str, en: bool) -> str:
    count = last - first + 1
    if en:
        return f"{_EN_MONTHS[first - 1]}–{_EN_MONTHS[last - 1]} {year}"
    if first == 1 and last == 12:
        return f"Năm {year}"
    if first == 1:
        return f"{count} tháng đầu năm {year}" if count <= 6 else f"{count} tháng năm {year}"
    if last == 12 and count == 6:
        return f"6 tháng cuối năm {year}"
    return f"Tháng {first}–{last}/{year}"


def number(value: float | int | None, lang: str = "vi") -> str:
    """1.234.567,8 in Vietnamese, 1,234,567.8 in English; up to ten significant digits, no trailing zeros."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.##########", locale="vi_VN" if lang == "vi" else "en_GB")
