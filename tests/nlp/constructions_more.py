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
    ("a Lao name of five syllables opening a list's item",
     "Đoàn bạn có các đồng chí: Bun Khăm Sổm Phết Xay - Phó Giám đốc Sở Công thương tỉnh Chăm Pa Sắc.", "Kon Tum",
     [("Bun Khăm Sổm Phết Xay", "Phó Giám đốc Sở Công thương tỉnh Chăm Pa Sắc", "Sở Công thương tỉnh Chăm Pa Sắc",
       "Kon Tum", None)]),
    ("a Lao name of four syllables after đồng chí",
     "Đoàn do đồng chí Khăm Phui Đao Xỉ - Phó Giám đốc Sở Nông nghiệp Sa Văn Na Khệt làm trưởng đoàn.", "Quảng Trị",
     [("Khăm Phui Đao Xỉ", "Phó Giám đốc Sở Nông nghiệp Sa Văn Na Khệt", "Sở Nông nghiệp Sa Văn Na Khệt",
       "Quảng Trị", None)]),
    ("a steering committee named by its lowercase remit, first in a chain",
     "Ông Đinh Quang Huy, Ủy viên Ban Chỉ đạo phòng chống buôn lậu, Phó Giám đốc Sở Công Thương, Trưởng Ban Tổ "
     "chức phiên chợ, phát biểu khai mạc.", "Lạng Sơn",
     [("Đinh Quang Huy", "Ủy viên Ban Chỉ đạo phòng chống buôn lậu, Phó Giám đốc Sở Công Thương, Trưởng Ban Tổ chức "
       "phiên chợ", "Ban Tổ chức phiên chợ", "Lạng Sơn", None)]),
    ("a bare huyện after UBND: the district the sentence named before",
     "Về phía huyện Đăk Glei có ông Lê Văn Tín – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện.", "Kon Tum",
     [("Lê Văn Tín", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Đăk Glei", "UBND huyện", "Kon Tum", None)]),
    ("ORG do ông NAME làm TITLE: the organisation before do is the one headed",
     "Năm 1946, Chính phủ thành lập Bộ Canh nông do ông Trịnh Văn Bảo làm Bộ trưởng.", None,
     [("Trịnh Văn Bảo", "Bộ trưởng Bộ Canh nông", "Bộ Canh nông", None, None)]),
    ("a delegation do ông NAME làm Trưởng đoàn is a part in the event",
     "Đoàn công tác do ông Phan Văn Lợi, Phó Giám đốc Sở Công Thương làm Trưởng đoàn đã kiểm tra chợ.", "Bình Định",
     [("Phan Văn Lợi", "Phó Giám đốc Sở Công Thương", "Sở Công Thương", "Bình Định", None)]),
    ("a committee's part without an organisation, là bà NAME, her own post",
     "Phó Trưởng ban Thường trực là bà Lâm Thị Thu Trang, Phó Giám đốc Sở Công Thương; các Phó Trưởng ban là ông "
     "Kiều Văn Nam, Phó Giám đốc Sở Tài chính.", "Nam Định",
     [("Lâm Thị Thu Trang", "Phó Giám đốc Sở Công Thương", "Sở Công Thương", "Nam Định", None),
      ("Kiều Văn Nam", "Phó Giám đốc Sở Tài chính", "Sở Tài chính", "Nam Định", None)]),
    ("a membership of the city's Party committee before a former post is no post of its own",
     "Giám đốc Sở Xây dựng là ông Tạ Văn Khiêm, Thành ủy viên, nguyên Giám đốc Sở Giao thông vận tải.", "Hà Nội",
     [("Tạ Văn Khiêm", "Giám đốc Sở Xây dựng", "Sở Xây dựng", "Hà Nội", None),
      ("Tạ Văn Khiêm", "Giám đốc Sở Giao thông vận tải", "Sở Giao thông vận tải", "Hà Nội", "former")]),
    ("Tỉnh ủy viên first in a chain",
     "Ông Hà Văn Bình, Tỉnh ủy viên, Giám đốc Sở Công Thương, cho biết.", "Sơn La",
     [("Hà Văn Bình", "Tỉnh ủy viên, Giám đốc Sở Công Thương", "Sở Công Thương", "Sơn La", None)]),
    ("thôi chức vụ POSITION đối với ông NAME, then ông NAME về làm a title naming the Chi cục of before",
     "Sở Công Thương quyết định cho thôi chức vụ Chi cục trưởng Chi cục QLTT Hậu Giang đối với ông Tô Văn Hiền "
     "và điều ông Lý Quốc Trung về làm Chi cục trưởng, bà Âu Thị Ngân (Trưởng phòng Kế hoạch) về làm Chi cục phó.",
     None,
     [("Tô Văn Hiền", "Chi cục trưởng Chi cục QLTT Hậu Giang", "Chi cục QLTT Hậu Giang", "Hậu Giang", "old"),
      ("Lý Quốc Trung", "Chi cục trưởng Chi cục QLTT Hậu Giang", "Chi cục QLTT Hậu Giang", "Hậu Giang", "new"),
      ("Âu Thị Ngân", "Trưởng phòng Kế hoạch", "phòng Kế hoạch", None, "old"),
      ("Âu Thị Ngân", "Chi cục phó Chi cục QLTT Hậu Giang", "Chi cục QLTT Hậu Giang", "Hậu Giang", "new")]),
    ("ORG do ông NAME làm a title without its head",
     "Năm 1992, tỉnh thành lập Sở Thương mại và Du lịch do ông Đoàn Văn Khải làm Giám đốc.", "Long An",
     [("Đoàn Văn Khải", "Giám đốc Sở Thương mại và Du lịch", "Sở Thương mại và Du lịch", "Long An", None)]),
    ("a place after a post, listed with another place, is not a holder's name",
     "Sở yêu cầu đình chỉ công tác Đội trưởng Đội QLTT Lâm Hà và huyện Đức Trọng; ông Phan Minh Tú, Chi cục "
     "trưởng Chi cục QLTT, chủ trì.", "Lâm Đồng",
     [("Phan Minh Tú", "Chi cục trưởng Chi cục QLTT", "Chi cục QLTT", "Lâm Đồng", None)]),
    ("the ministry of a department in parentheses is part of the organisation",
     "Ông Lạc Văn Toàn, Cục trưởng Cục Xúc tiến thương mại (Bộ Công Thương), cho biết sẽ hỗ trợ doanh nghiệp.",
     "Hà Nội",
     [("Lạc Văn Toàn", "Cục trưởng Cục Xúc tiến thương mại (Bộ Công Thương)",
       "Cục Xúc tiến thương mại (Bộ Công Thương)", None, None)]),
    ("phụ trách as a post: giao nhiệm vụ phụ trách ORG cho bà NAME",
     "Chủ tịch UBND tỉnh đã trao quyết định giao nhiệm vụ phụ trách Trung tâm Khuyến công tỉnh cho bà Mai Thị Hồng, "
     "Phó Giám đốc Trung tâm.", "Hòa Bình",
     [("Mai Thị Hồng", "phụ trách Trung tâm Khuyến công tỉnh", "Trung tâm Khuyến công tỉnh", "Hòa Bình", "new"),
      ("Mai Thị Hồng", "Phó Giám đốc Trung tâm Khuyến công tỉnh", "Trung tâm Khuyến công tỉnh", "Hòa Bình", None)]),
    ("phụ trách after a chain's first post",
     "Ông Trần Văn Hậu, Phó Giám đốc Sở Công Thương, phụ trách Phòng Quản lý thương mại, cho biết.", "Nghệ An",
     [("Trần Văn Hậu", "Phó Giám đốc Sở Công Thương, phụ trách Phòng Quản lý thương mại", "Phòng Quản lý thương mại",
       "Nghệ An", None)]),
]
