"""Date lines as portals print them: "10:03 25/12/2012", "Thứ Ba, 25/12/2012 - 10:03", "11:05 tối 24/12/12".

Our own regex rather than dateparser: these lines mix Vietnamese weekday names, 12- and 24-hour
times (AM/PM, SA/CH, sáng/chiều/tối) on either side of the date, two-digit years and a per-site
day/month order.
"""

from __future__ import annotations

import re
from datetime import date

from nlp.text import normalize

VIETNAM_OFFSET = "+07:00"

_MARKER = r"[AaPp]\.?[Mm]\.?|SA|CH|sáng|trưa|chiều|tối|đêm"
_TIME = rf"(?P<hour>\d{{1,2}})(?::|h)(?P<minute>\d{{2}})(?::(?P<second>\d{{2}}))?(?:\s*(?P<ampm>{_MARKER}))?"
_NUMERIC_DATE = (r"(?<![\d/.\-])(?P<a>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*"
                 r"(?P<year>(?:19|20)\d{2}|\d{2})(?![\d/])")
DATE_LINE = re.compile(
    rf"(?:{_TIME}\s*(?:,|-|\|)?\s*(?:[^\W\d_]+\s*,?\s*){{0,3}}{_NUMERIC_DATE}"
    rf"|{_NUMERIC_DATE.replace('?P<', '?P<d2_').replace('(?P=sep)', '(?P=d2_sep)')}"
    rf"(?:\s*(?:,|-|\||lúc)?\s*{_TIME.replace('?P<', '?P<t2_')})?)"
)
_ISO_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
_PM = ("PM", "CH", "CHIỀU", "TỐI")


def parse_page_date(text: str, date_order: str | None = None) -> tuple[str, str] | None:
    """The first date line in `text` as (ISO 8601 in +07:00, the raw text), or None."""
    text = normalize(text or "")
    for match in DATE_LINE.finditer(text):
        parts = {key.removeprefix("t2_").removeprefix("d2_"): value
                 for key, value in match.groupdict().items() if value is not None}
        day_month = _day_month(int(parts["a"]), int(parts["b"]), date_order)
        if day_month is None:
            continue
        year = int(parts["year"])
        iso = _iso(year + 2000 if year < 100 else year, day_month[1], day_month[0], parts)
        if iso:
            return iso, match.group(0).strip()
    match = _ISO_DATE.search(text)
    if match:
        parts = {key: value for key, value in match.groupdict().items() if value is not None}
        iso = _iso(int(parts["year"]), int(parts["month"]), int(parts["day"]), parts)
        if iso:
            return iso, match.group(0)
    return None


def detect_date_order(date_texts: list[str]) -> str | None:
    """Settle a site's day/month order from its own dates: a first number over 12 is a day."""
    for text in date_texts:
        for match in DATE_LINE.finditer(text):
            first, second = (int(match.group(name) or match.group(f"d2_{name}")) for name in ("a", "b"))
            if first > 12 >= second:
                return "dmy"
            if second > 12 >= first:
                return "mdy"
    return None


def is_date_line(line: str) -> bool:
    """A line that is a date and little else: a date line or a site clock, not a sentence."""
    return bool(DATE_LINE.search(line)) and len(line.split()) <= 7


def _day_month(first: int, second: int, date_order: str | None) -> tuple[int, int] | None:
    day, month = (second, first) if date_order == "mdy" else (first, second)
    if month > 12 and day <= 12:
        day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return day, month


def _iso(year: int, month: int, day: int, parts: dict[str, str]) -> str | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    if "hour" not in parts:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts.get("second") or 0)
    marker = (parts.get("ampm") or "").replace(".", "").upper()
    if (marker in _PM and hour < 12) or (marker == "ĐÊM" and 6 <= hour < 12):
        hour += 12
    elif marker in ("AM", "SA") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{VIETNAM_OFFSET}"
