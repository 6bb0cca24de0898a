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
    ("Trung ương abbreviated T.Ư: a national post, of no province",
     "Ông Lâm Quốc Bảo (phải), Ủy viên T.Ư Đảng, Phó trưởng ban Tổ chức T.Ư, trao quyết định.", "Cà Mau",
     [("Lâm Quốc Bảo", "Ủy viên T.Ư Đảng, Phó trưởng ban Tổ chức T.Ư", "ban Tổ chức T.Ư", None, None)]),
    ("a centre named by a sector, then more sectors after a comma and và",
     "Ông Huỳnh Văn Lực, Giám đốc Trung tâm Xúc tiến Thương mại, Du lịch và Đầu tư tỉnh Đồng Tháp, phát biểu.",
     None,
     [("Huỳnh Văn Lực", "Giám đốc Trung tâm Xúc tiến Thương mại, Du lịch và Đầu tư tỉnh Đồng Tháp",
       "Trung tâm Xúc tiến Thương mại, Du lịch và Đầu tư tỉnh Đồng Tháp", "Đồng Tháp", None)]),
    ("kiêm nhiệm chức vụ POSITION đối với ông NAME: a post given",
     "Tỉnh ủy công bố quyết định kiêm nhiệm chức vụ Bí thư Huyện ủy Mộ Đức đối với ông Đặng Văn Khoa.", "Quảng Ngãi",
     [("Đặng Văn Khoa", "Bí thư Huyện ủy Mộ Đức", "Huyện ủy Mộ Đức", "Quảng Ngãi", "new")]),
    ("a career after như, items apart by commas, each with (cũ)",
     "Ông Hồ Văn Tâm sinh năm 1979. Ông Tâm từng đảm nhiệm nhiều vị trí như Phó Chủ tịch UBND TP Hà Tĩnh (cũ), "
     "Giám đốc Ban Quản lý dự án các công trình giao thông tỉnh, Bí thư Đảng ủy xã Thạch Lạc.", "Hà Tĩnh",
     [("Hồ Văn Tâm", "Phó Chủ tịch UBND TP Hà Tĩnh", "UBND TP Hà Tĩnh", "Hà Tĩnh", "former"),
      ("Hồ Văn Tâm", "Giám đốc Ban Quản lý dự án các công trình giao thông tỉnh",
       "Ban Quản lý dự án các công trình giao thông tỉnh", "Hà Tĩnh", "former"),
      ("Hồ Văn Tâm", "Bí thư Đảng ủy xã Thạch Lạc", "Đảng ủy xã Thạch Lạc", "Hà Tĩnh", "former")]),
    ("a career after a colon, items apart by semicolons, each with (cũ)",
     "Ông Lê Công Định là kiến trúc sư. Trước đó, ông từng giữ các chức vụ: Giám đốc Sở Xây dựng (cũ); Bí thư "
     "Huyện ủy Sơn Tịnh (cũ).", "Quảng Ngãi",
     [("Lê Công Định", "Giám đốc Sở Xây dựng", "Sở Xây dựng", "Quảng Ngãi", "former"),
      ("Lê Công Định", "Bí thư Huyện ủy Sơn Tịnh", "Huyện ủy Sơn Tịnh", "Quảng Ngãi", "former")]),
    ("a foreign guest after ngài, a governor of a province abroad",
     "Ngài Sok Vannara, Phó Tỉnh trưởng tỉnh Takeo; ngài Chea Sophal, Tỉnh trưởng tỉnh Kampot đến dự.", "An Giang",
     [("Sok Vannara", "Phó Tỉnh trưởng tỉnh Takeo", None, None, None),
      ("Chea Sophal", "Tỉnh trưởng tỉnh Kampot", None, None, None)]),
    ("a centre's name going on with lowercase và phát triển, before the holder's name",
     "Phó Giám đốc Trung tâm Xúc tiến thương mại và phát triển công nghiệp tỉnh Bình Dương Phan Thị Thu cho biết.",
     None,
     [("Phan Thị Thu", "Phó Giám đốc Trung tâm Xúc tiến thương mại và phát triển công nghiệp tỉnh Bình Dương",
       "Trung tâm Xúc tiến thương mại và phát triển công nghiệp tỉnh Bình Dương", "Bình Dương", None)]),
    ("điều động ông NAME tham gia Ban Chấp hành, Ban Thường vụ và giữ chức POSITION: bodies joined, then the post",
     "Bộ Chính trị điều động ông Tạ Văn Lâm tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Phó Bí thư Tỉnh ủy "
     "Bạc Liêu.", None,
     [("Tạ Văn Lâm", "Phó Bí thư Tỉnh ủy Bạc Liêu", "Tỉnh ủy Bạc Liêu", "Bạc Liêu", "new")]),
    ("đoàn của ORG do TITLE NAME làm Trưởng đoàn: leading the delegation is no post in ORG",
     "Chiều 5/9, đoàn công tác của Bộ Công Thương do Bộ trưởng Phạm Minh Khoa làm Trưởng đoàn làm việc với tỉnh.",
     "Sóc Trăng",
     [("Phạm Minh Khoa", "Bộ trưởng Bộ Công Thương", "Bộ Công Thương", None, None)]),
    ("Ủy viên BCH Tỉnh ủy with its party body, then a city's post: TP. with its dot",
     "Ông Hoàng Văn Sử - Ủy viên BCH Tỉnh ủy Bắc Kạn, Chủ tịch UBND TP. Bắc Kạn đã trúng cử chức danh Phó Chủ tịch "
     "UBND tỉnh Bắc Kạn.", None,
     [("Hoàng Văn Sử", "Ủy viên BCH Tỉnh ủy Bắc Kạn, Chủ tịch UBND TP. Bắc Kạn", "UBND TP. Bắc Kạn", "Bắc Kạn",
       "old"),
      ("Hoàng Văn Sử", "Phó Chủ tịch UBND tỉnh Bắc Kạn", "UBND tỉnh Bắc Kạn", "Bắc Kạn", "new")]),
    ("thành viên UBND tỉnh given đối với people with their posts; a council's committee after a comma",
     "HĐND tỉnh bầu bổ sung thành viên UBND tỉnh đối với ông Nông Văn Chí – Giám đốc Sở Y tế. Miễn nhiệm chức vụ "
     "Trưởng Ban Pháp chế, HĐND tỉnh với ông Ma Văn Lâm.", "Bắc Kạn",
     [("Nông Văn Chí", "thành viên UBND tỉnh", "UBND tỉnh", "Bắc Kạn", "new"),
      ("Nông Văn Chí", "Giám đốc Sở Y tế", "Sở Y tế", "Bắc Kạn", "old"),
      ("Ma Văn Lâm", "Trưởng Ban Pháp chế, HĐND tỉnh", "Ban Pháp chế, HĐND tỉnh", "Bắc Kạn", "old")]),
]
