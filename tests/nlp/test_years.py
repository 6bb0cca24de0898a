"""Yearless dates resolved from the article itself when there is no publication date (issue #11)."""

from datetime import date

import pytest

from nlp.article import body_facts
from nlp.dates import find_dates
from nlp.text import sentences


def days(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    found = [d for d in find_dates(sentences(text), None, title)
             if d.kind == "day" or (d.kind == "span" and len(d.value) == len("2024-01-01/2024-01-02"))]
    assert all(d.year_inferred == (d.year_source is not None) for d in found)  # year_inferred says how
    return [(d.value, d.year_source) for d in found]


@pytest.mark.parametrize(("text", "title", "expected"), [
    ("Ngày 6/6, Sở làm việc về kết quả 6 tháng đầu năm 2024.", None, [("2024-06-06", "sentence")]),
    ("Tối 15/12, tỉnh khai mạc hội chợ.", "Khai mạc Hội chợ thương mại miền Tây năm 2023",
     [("2023-12-15", "title")]),
    ("Sáng 13/6, tỉnh trao quyết định.\nThời hạn bổ nhiệm 5 năm, kể từ ngày 17/6/2024.", None,
     [("2024-06-13", "article"), ("2024-06-17", None)]),
    ("Chiều 30-6, Sở sơ kết.\nSố liệu 9 tháng năm 2021 tăng 5%.", None, [("2021-06-30", "period")]),
    ("Trưa 12/8, Chủ tịch trao quyết định.\nÔng sinh năm 1974, từ tháng 9/2016 giữ chức Giám đốc.", None,
     [("XXXX-08-12", None)]),
    ("Sáng 25/11, Thường trực HĐND giám sát kết quả năm 2021 và kế hoạch năm 2022 của Sở.", None,
     [("2021-11-25", "sentence")]),
    ("Ngày 12/1, Sở tổng kết công tác năm 2021 và triển khai nhiệm vụ năm 2022.", None,
     [("2022-01-12", "sentence")]),
    ("Chiều 9/1, phiên họp thường kỳ tháng 12/2025 của UBND tỉnh bàn về sức mua.\nHội chợ diễn ra từ 20-24/1 tới.",
     None, [("2026-01-09", "sentence"), ("2026-01-20/2026-01-24", "article")]),
    ("Ngày 3-5, Sở họp báo về hội chợ năm 2022.\nHội chợ sẽ diễn ra từ ngày 12 đến ngày 15-5.", "Hội chợ 2021",
     [("2022-05-03", "sentence"), ("2022-05-12/2022-05-15", "article")]),
    ("Tối 28/8, Ngày hội văn hóa khai mạc.\nSự kiện chào mừng 80 năm Ngày Quốc khánh (2/9/1945 - 2/9/2025).", None,
     [("2025-08-28", "article"), ("1945-09-02/2025-09-02", None)]),
    ("Sáng 8-1, Sở họp bàn kế hoạch dự trữ hàng hóa cuối năm 2024 và Tết Nguyên đán Ất Tỵ 2025.", None,
     [("2025-01-08", "sentence")]),
    ("Chiều 20-3, tỉnh công bố quyết định về các sở.\nTrước đó, năm 2019, tỉnh đã hợp nhất hai sở.", None,
     [("XXXX-03-20", None)]),
    ("Ông Lê Văn Tú sinh ngày 2/9/1970.\nSáng 8/3, ông nhận quyết định.", None,
     [("1970-09-02", None), ("XXXX-03-08", None)]),
    ("Ông Lê Văn Tú sinh năm 1970.\nSáng 8/3, ông nhận quyết định.\nNăm 2024, Sở đạt 5 giải.", None,
     [("2024-03-08", "article")]),
    ("Trưa 12/8, ông Hà Văn Sơn nhận quyết định. Từ tháng 9/2016 đến nay, ông là Giám đốc Sở Du lịch.", None,
     [("XXXX-08-12", None)]),
    ("Sáng 24-8, tỉnh làm việc với Sở. Giá trị sản xuất công nghiệp theo giá so sánh năm 2010 đạt 33.200 tỷ đồng.",
     None, [("XXXX-08-24", None)]),
    ("Chiều 12-1, Phó Thủ tướng thăm nhà máy. Tháng 11-2016 vừa qua, nhà máy sản xuất tấn sản phẩm đầu tiên.",
     None, [("2017-01-12", "article")]),
    ("Sáng ngày 12/10, Sở công bố quyết định. Bà Lê Thị Phượng (sinh năm 1982) là tân Phó Giám đốc.", None,
     [("XXXX-10-12", None)]),
    ("Sáng 21/9, tỉnh tổ chức Đại hội Thi đua yêu nước lần thứ I, giai đoạn 2025 - 2030.", None,
     [("2025-09-21", "sentence")]),
    ("Chiều ngày 20/5, Sở đề ra nhiệm vụ. Kim ngạch xuất khẩu tăng hơn 4% so với ước thực hiện năm 2018.", None,
     [("2019-05-20", "article")]),
    ("Tối 10/12, hội chợ khai mạc. Tính đến tháng 9.2025, kim ngạch đạt 940 triệu USD, mục tiêu đến năm 2030 "
     "đạt 2 tỷ USD.", None, [("2025-12-10", "article")]),
    ("Sáng 12/5, Sở họp.\nNgày 3/4/2024, tỉnh ban hành kế hoạch đến năm 2030.\nChiều 14/5, Sở kiểm tra.", None,
     [("2024-05-12", "article"), ("2024-04-03", None), ("2024-05-14", "article")]),
    ("Phiên chợ hàng Việt về huyện diễn ra từ ngày 9 đến ngày 13-10 tại sân vận động.", "Phiên chợ hàng Việt năm 2022",
     [("2022-10-09/2022-10-13", "title")]),
    ("Sáng 4/7, Sở họp về kết quả quý II/2025 và 6 tháng đầu năm.", None, [("2025-07-04", "sentence")]),
    ("Chiều 23/1, đoàn giám sát kiểm tra chợ phục vụ Tết Nguyên đán Giáp Thìn 2024.", None,
     [("2024-01-23", "sentence")]),
    ("Sáng 20/12, Sở kiểm tra hàng hóa phục vụ Tết Nguyên đán 2025.", None, [("2024-12-20", "sentence")]),
    ("Chiều 5/2, Sở kiểm tra chợ Long Xuyên.\nĐoàn kiểm tra hàng hóa dịp Tết Ất Tỵ 2025.", None,
     [("2025-02-05", "article")]),
    ("Ngày 6/6, kho nhận 2000 tấn gạo.", None, [("XXXX-06-06", None)]),
    ("Ngày 3/10, Sở nhận đơn.\nĐến ngày 15/11, Sở ra quyết định.\nQuyết định có hiệu lực từ ngày 15/11/2023 đến"
     " 14/11/2024.", None,
     [("2023-10-03", "article"), ("2023-11-15", "article"), ("2023-11-15/2024-11-14", None)]),
    ("Sáng 7-4, Sở tổ chức lễ kỷ niệm 15 năm ngày thành lập.\nSở được thành lập ngày 1-4-2009.", None,
     [("2024-04-07", "article"), ("2009-04-01", None)]),
    ("Hội chợ diễn ra từ ngày 24 đến hết ngày 30/11/2023 tại Bắc Kạn.", None, [("2023-11-24/2023-11-30", None)]),
    ("Ngày 5-3-2009, UBND tỉnh quyết định lấy ngày 20-4 là ngày truyền thống của ngành.", None,
     [("2009-03-05", None), ("XXXX-04-20", None)]),
    ("Chiều 19/12, tòa xét xử vụ buôn lậu.\nTrước đó, ngày 8/6/2012, đội QLTT bắt giữ lô hàng.", None,
     [("2012-12-19", "article"), ("2012-06-08", None)]),
    ("Chiều ngày 26-12, tòa xử ông Trần Văn Tư (SN 1980, quê Cà Mau).\nNgày 19-5-2012, ông Tư mở cơ sở.", None,
     [("2012-12-26", "article"), ("2012-05-19", None)]),
])
def test_year_from_the_article(text, title, expected):
    assert days(text, title) == expected


def test_a_term_of_office_in_the_title_or_the_sentence_dates_no_day():
    text = "Sáng 28/4, HĐND tỉnh bầu Ủy viên UBND tỉnh nhiệm kỳ 2021 - 2026 theo kế hoạch giai đoạn 2021-2025."
    assert days(text, "Giám đốc Sở được bầu là Ủy viên UBND tỉnh nhiệm kỳ 2021 - 2026") == [("XXXX-04-28", None)]


@pytest.mark.parametrize(("url", "day"), [
    ("https://cafef.vn/dong-thap-bo-nhiem-nhan-su-02-giam-doc-so-20191009100224968.chn", "2019-10-07"),
    ("https://baodongkhoi.vn/dai-bieu-hdnd-tinh-tiep-xuc-cu-tri-18112018-a54933.html", "2018-10-07"),
    ("https://thanhnien.vn/ong-a-duoc-bau-giu-chuc-chu-tich-ubnd-185251017182731107.htm", "2025-10-07"),
    ("https://baohungyen.vn/tin-moi/202310/ky-ket-giao-uoc-thi-dua-0ee07ea/", "2023-10-07"),
    ("https://sct.kontum.gov.vn/tin-tuc/giam-doc-so-duoc-bau-la-uy-vien-ubnd-tinh", "XXXX-10-07"),
])
def test_a_page_with_no_date_takes_the_year_its_url_is_stamped_with(url, day):
    facts = body_facts("Sáng 7/10, UBND tỉnh trao quyết định bổ nhiệm Giám đốc Sở.", None, None, url)
    assert [d.value for d in facts.dates] == [day]


def test_the_publication_date_opening_the_body_is_no_mention():
    text = "2023-05-09 - Sở Công Thương tổ chức hội nghị ngày 8/5/2023."
    assert [d.value for d in find_dates(sentences(text), date(2023, 5, 9))] == ["2023-05-08"]
    assert [d.value for d in find_dates(sentences(text))] == ["2023-05-09", "2023-05-08"]


def test_a_date_with_no_knowable_year_is_kept_with_day_and_month():
    (found,) = find_dates(sentences("Ngày 24/3, tại Sở diễn ra hội nghị."))
    assert (found.value, found.year_inferred, found.first_day) == ("XXXX-03-24", False, None)


@pytest.mark.parametrize(("text", "values"), [
    ("Hội chợ diễn ra từ ngày 3 - 9/12/2020 tại Vinh.", ["2020-12-03/2020-12-09"]),
    ("Hội chợ diễn ra ngày 20/11 đến 25/11/2022.", ["2022-11-20/2022-11-25"]),
    ("Trong các ngày 20, 21 và 22/11/2022, Sở kiểm tra.", ["2022-11-20", "2022-11-21", "2022-11-22"]),
    ("Ngày 15.8, Sở công bố quyết định, có hiệu lực kể từ ngày 15.8.2025.", ["2025-08-15", "2025-08-15"]),
    ("Sáng thứ Sáu (20/11/2020), hội nghị khai mạc.", ["2020-11-20"]),
    ("Tính đến 15/8/2024, toàn tỉnh thu hút 12 dự án.", ["2024-08-15"]),
    ("Tuần lễ hàng nông sản kéo dài từ ngày 2 đến ngày 6-9-2023.", ["2023-09-02/2023-09-06"]),
    ("Đoàn kiểm tra làm việc từ ngày 14 đến ngày 18-3.", ["XXXX-03-14/XXXX-03-18"]),
])
def test_day_forms(text, values):
    found = find_dates(sentences(text))
    assert [d.value for d in found if d.kind in {"day", "span"}] == values
    assert all(text[d.start : d.end] == d.raw for d in found)
