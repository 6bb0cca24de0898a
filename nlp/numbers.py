"""Vietnamese numbers: "." groups thousands, "," marks decimals ("14.000", "10,95", "1.234,5")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A number not glued to slashes or other digits: excludes "01/NQ-CP", "20/12/2023", "5-7"; a unit may be
# glued to it ("3.200MW", "532,89ha").
NUMBER = r"(?<![\w/.,-])\d+(?:[.,]\d+)*(?![/]|[.,]\d|-\d)"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")


def parse_number(raw: str) -> Decimal | None:
    """The value of a written number, or None when it is not one.

    "14.000" → 14000, "55,041" → 55.041, "1.234.567,8" → 1234567.8; a single "." that does not
    group thousands ("1.5") is read as a decimal point, and "1,000,000" as English grouping.
    """
    text = raw.strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif _ENGLISH_THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif text.count(",") + text.count(".") <= 1:
        text = text.replace(",", ".")
    else:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def plain(value: Decimal) -> int | float:
    """An int when the value is whole (so 55,041 tỷ is exactly 55041000000), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)
