"""Sentences of the third round of issue #11, written for the project (the names are invented),
appended to tests/nlp/constructions.py's CASES."""

from __future__ import annotations

from tests.nlp.constructions_more import Expected

THIRD_CASES: list[tuple[str, str, str | None, list[Expected]]] = [
    ("a count of posts, its term in parentheses, then gồm: the people who leave them",
     "HĐND tỉnh miễn nhiệm 2 Phó Chủ tịch UBND tỉnh (nhiệm kỳ 2016-2021), gồm: ông Từ Văn Khải, bà Đồng Thị Lan.",
     "Bình Phước",
     [("Từ Văn Khải", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh", "Bình Phước", "old"),
      ("Đồng Thị Lan", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh", "Bình Phước", "old")]),
    ("a count of posts, a comma, then gồm: each person with a post of their own takes the one counted",
     "Kỳ họp bầu bổ sung 2 Ủy viên UBND tỉnh, gồm: ông Lò Văn Sinh, Giám đốc Sở Xây dựng; bà Hà Thị Nhung, "
     "Giám đốc Sở Y tế.", "Sơn La",
     [("Lò Văn Sinh", "Ủy viên UBND tỉnh", "UBND tỉnh", "Sơn La", "new"),
      ("Hà Thị Nhung", "Ủy viên UBND tỉnh", "UBND tỉnh", "Sơn La", "new"),
      ("Lò Văn Sinh", "Giám đốc Sở Xây dựng", "Sở Xây dựng", "Sơn La", "old"),
      ("Hà Thị Nhung", "Giám đốc Sở Y tế", "Sở Y tế", "Sơn La", "old")]),
]
