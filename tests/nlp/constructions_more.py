"""More sentences written for the project, one per construction (issue #11), appended to
tests/nlp/constructions.py's CASES: the names are invented."""

from __future__ import annotations

Expected = tuple[str, str, str | None, str | None, str | None]

MORE_CASES: list[tuple[str, str, str | None, list[Expected]]] = [
    ("a remark in parentheses after the place ends the position",
     "Ông Đỗ Minh Khoa, Phó Giám đốc Sở Công Thương tỉnh Bình Dương (bên trái), trao giấy khen cho doanh nghiệp.",
     None,
     [("Đỗ Minh Khoa", "Phó Giám đốc Sở Công Thương tỉnh Bình Dương", "Sở Công Thương tỉnh Bình Dương", "Bình Dương",
       None)]),
]
