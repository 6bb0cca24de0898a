from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.text import sentences

PUBLISHED = date(2024, 7, 7)


def dates_of(text: str, published: date | None = PUBLISHED):
    return find_dates(sentences(text), published)


# text, kind, value, first day, last day
FORMS = [
    ("Hội nghị diễn ra ngày 20/12/2023 tại Sở.", "day", "2023-12-20", "2023-12-20", "2023-12-20"),
    ("Ngày 24/3, tại Sở Công Thương diễn ra hội nghị.", "day", "2024-03-24", None, None),
    ("Chiều 5-7, Sở Công thương tổ chức hội nghị.", "day", "2024-07-05", None, None),
    ("Chiều ngày 03/01/2025, tại Trung tâm Hội nghị.", "day", "2025-01-03", None, None),
    ("Sáng nay ngày 6/7, đoàn công tác đến thăm.", "day", "2024-07-06", None, None),
    ("Vào ngày 5 tháng 7 năm 2024, Sở tổ chức họp.", "day", "2024-07-05", None, None),
    ("Sản lượng tháng 6/2024 tăng mạnh.", "month", "2024-06", "2024-06-01", "2024-06-30"),
    ("Sản lượng tháng 8-2023 tăng mạnh.", "month", "2023-08", "2023-08-01", "2023-08-31"),
    ("Tính đến tháng 9.2025, kim ngạch đạt 940 triệu USD.", "month", "2025-09", "2025-09-01", "2025-09-30"),
    ("Kết quả quý II/2024 khả quan.", "quarter", "2024-Q2", "2024-04-01", "2024-06-30"),
    ("Kết quả 6 tháng đầu năm 2024 khả quan.", "half-year", "2024-H1", "2024-01-01", "2024-06-30"),
    ("Nhiệm vụ 6 tháng cuối năm 2024 nặng nề.", "half-year", "2024-H2", "2024-07-01", "2024-12-31"),
    ("Kết quả 9 tháng năm 2024 khả quan.", "span", "2024-01/2024-09", "2024-01-01", "2024-09-30"),
    ("Năm 2019, ngành hoàn thành nhiệm vụ.", "year", "2019", "2019-01-01", "2019-12-31"),
    (
        "Đợt 1 (từ tháng 01/2025 đến 31/7/2025): thi đua.",
        "span",
        "2025-01/2025-07-31",
        "2025-01-01",
        "2025-07-31",
    ),
    (
        "kỷ niệm 96 năm Ngày thành lập (28/7/1929 - 28/7/2025);",
        "span",
        "1929-07-28/2025-07-28",
        "1929-07-28",
        "2025-07-28",
    ),
    (
        "Đợt 2 (Từ 01/8/2025 đến 31/12/2025): thi đua.",
        "span",
        "2025-08-01/2025-12-31",
        "2025-08-01",
        "2025-12-31",
    ),
    (
        "chào mừng Quốc khánh (02/9/1945-02/9/2025); thi đua.",
        "span",
        "1945-09-02/2025-09-02",
        "1945-09-02",
        "2025-09-02",
    ),
    ("Thực hiện từ ngày 1/12 đến ngày 31/1/2025.", "span", "2024-12-01/2025-01-31", None, None),
    ("Quy hoạch giai đoạn 2021-2025 được duyệt.", "span", "2021/2025", "2021-01-01", "2025-12-31"),
    ("2024-03-15 - Sở Công Thương tỉnh nhận được công văn.", "day", "2024-03-15", "2024-03-15", "2024-03-15"),
]


@pytest.mark.parametrize(("text", "kind", "value", "first", "last"), FORMS)
def test_date_forms(text, kind, value, first, last):
    (found,) = dates_of(text)
    assert (found.kind, found.value) == (kind, value)
    if first:
        assert found.first_day == date.fromisoformat(first)
        assert found.last_day == date.fromisoformat(last)
    assert text[found.start : found.end] == found.raw


def test_missing_year_comes_from_publication():
    (found,) = dates_of("Ngày 24/3, tại Sở diễn ra hội nghị.", date(2023, 3, 30))
    assert found.value == "2023-03-24" and found.year_inferred
    (late,) = dates_of("Ngày 28/12, Sở tổng kết năm.", date(2025, 1, 6))
    assert late.value == "2024-12-28"


def test_missing_year_without_publication_is_reported_unresolved():
    (day,) = dates_of("Ngày 24/3, tại Sở diễn ra hội nghị.", None)
    assert (day.kind, day.value, day.first_day, day.last_day) == ("day", "XXXX-03-24", None, None)
    (half,) = dates_of("6 tháng đầu năm, ngành phấn đấu.", None)
    assert (half.kind, half.value, half.label) == ("half-year", "XXXX-H1", "6 tháng đầu năm")


def test_period_labels_are_worded_like_the_gold():
    labels = [d.label for d in dates_of("6 tháng đầu năm, quý 2 năm 2024 và năm 2023 tăng.")]
    assert labels == ["6 tháng đầu năm 2024", "quý II/2024", "2023"]


def test_comparison_baselines_are_marked():
    found = dates_of("tăng 15,24% so với cùng kỳ năm 2023; tăng 10,5% so với cùng kỳ 2018.")
    assert [(d.value, d.reference) for d in found] == [("2023", True), ("2018", True)]


def test_document_date_is_a_date_but_its_number_is_not():
    found = dates_of("thực hiện Nghị quyết số 01/NQ-CP ngày 6/1/2023 của Chính phủ")
    assert [d.value for d in found] == ["2023-01-06"]


@pytest.mark.parametrize(
    "text",
    [
        "hoàn thành 26/27 nhiệm vụ được giao.",
        "theo Công điện số 968/CĐ-TTg của Thủ tướng.",
        "Nghị định 15/2018/NĐ-CP quy định chi tiết.",
        "Thứ 4, ngày 19/6/2024",
        "Hải Phòng 20/02/2025",
        "Thứ hai, 06/01/2025",
        "Công khai danh mục TTHC (6/5/2024 8:28:30 AM)",
        "12/21/2023 4:19:03 PM",
        "10:46 07/07/2024",
        "kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "Hôm nay:172 Tất cả:05811880",
        "Cách mạng tháng Tám thành công.",
        "Mã hồ sơ 2024-13-45 đã được tiếp nhận.",
        "Tuyến đường dài ngày 12/3km đã thông xe.",
        "Mỗi phiên chợ được tổ chức từ 5-7 ngày tại các xã.",
        "Cập nhật lúc 09:15, Thứ Sáu, 14/03/2025 (GMT+7)",
    ],
)
def test_not_dates(text):
    assert dates_of(text) == []


@pytest.mark.parametrize(("text", "value"), [
    ("Theo Quyết định ban hành ngày 3⁄12⁄2022 của UBND tỉnh.", "2022-12-03"),
    ("Căn cứ Quyết định số 1419/QĐ-TTg ngày 07/9/2009của Thủ tướng Chính phủ.", "2009-09-07"),
    ("Năm 2025, sáng 28/8Đoàn công tác của Sở làm việc tại huyện.", "2025-08-28"),
])
def test_days_written_with_a_fraction_slash_or_glued_to_the_next_word(text, value):
    (found,) = [d for d in find_dates(sentences(text)) if d.kind == "day"]
    assert found.value == value
    assert found.raw in text


def test_two_days_after_ngay_and_a_comma_with_a_dotted_month():
    found = dates_of("Trong hai ngày, 12 và 13.10, đoàn kiểm tra làm việc tại các cơ sở.")
    assert [(d.kind, d.value) for d in found] == [("day", "2024-10-12"), ("day", "2024-10-13")]


def test_the_publication_date_after_a_label_opening_the_body_is_no_mention():
    assert dates_of("Ngày đăng: 2024-07-07 Sở Công Thương tổ chức hội nghị.") == []
    assert [d.value for d in dates_of("Ngày 2024-07-07 Sở Công Thương tổ chức hội nghị.")] == ["2024-07-07"]


def test_two_days_in_parentheses_with_a_dashed_month():
    found = dates_of("Trong 2 ngày (27 và 28-5), Đảng bộ Sở tổ chức Đại hội.")
    assert [(d.kind, d.value) for d in found] == [("day", "2024-05-27"), ("day", "2024-05-28")]


def test_a_named_day_gives_its_date_in_parentheses_and_a_bare_pair_stays_no_date():
    found = dates_of("Nhân kỷ niệm Ngày Doanh nhân Việt Nam (13-10), lãnh đạo tỉnh thăm doanh nghiệp. Có 5 đoàn "
                     "(5-7) dự.")
    assert [(d.kind, d.value) for d in found] == [("day", "2024-10-13")]
