"""Text cells made safe for spreadsheets, for every CSV the project writes (`sct export`, Datasette's CSV).

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula, which can run commands or leak data (OWASP's "CSV injection"). As OWASP
recommends, such a cell gets a leading apostrophe, which spreadsheets show as text and hide. Plain
numbers ("-2.5", "+84") are left alone: they are data a spreadsheet reads as numbers, not formulas.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?%?")


def guard_cell(value: str) -> str:
    """`value` as a spreadsheet will show it rather than evaluate it."""
    if value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def guard_row(row: list[object]) -> list[object]:
    return [guard_cell(value) if isinstance(value, str) else value for value in row]
