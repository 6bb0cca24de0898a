"""Pages saved as plain text: where the body starts and where the date comes from (invented pages)."""

from nlp.page import extract_text_page

LONG = ("Sở Công Thương tỉnh đã tổ chức hội nghị tổng kết công tác năm với sự tham dự của lãnh đạo các sở, ngành "
        "và đại diện các doanh nghiệp trên địa bàn tỉnh.")


def test_lines_between_the_title_and_the_first_paragraph_stay_in_the_body():
    text = "\n".join([
        "Trang chủ | Giới thiệu | Tin tức",
        "Thứ hai, 02/12/2024",
        "Quyết định ban hành quy chế phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh",
        "ỦY BAN NHÂN DÂN TỈNH YÊN BÁI",
        "Số: 12/2024/QĐ-UBND",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
        LONG,
    ])
    page = extract_text_page(text)
    assert page.title.startswith("Quyết định ban hành quy chế")
    assert page.paragraphs[:3] == ["ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "Số: 12/2024/QĐ-UBND",
                                   "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"]
    assert not any("Trang chủ" in p for p in page.paragraphs)
    assert page.published == "2024-12-02"


def test_a_date_line_closing_the_body_is_the_date_when_the_header_has_none():
    page = extract_text_page("Sở Công Thương tổng kết công tác năm 2024\n" + LONG + "\n15/06/2024 19:26")
    assert page.published.startswith("2024-06-15")
    assert page.paragraphs == [LONG]


def test_a_signer_under_a_title_in_capitals_is_not_the_author():
    page = extract_text_page("Kế hoạch phát triển thương mại điện tử của tỉnh\n" + LONG
                             + "\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLương Văn Đoàn")
    assert page.paragraphs[-1] == "Lương Văn Đoàn"
    assert page.author is None


def test_lines_broken_at_a_fixed_width_are_joined_and_captions_are_not():
    text = "\n".join([
        "Kế hoạch kiểm tra an toàn thực phẩm dịp Tết Nguyên đán năm 2025",
        "Căn cứ Nghị định số",
        "15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật An toàn",
        "thực phẩm, Sở Công Thương ban hành kế hoạch kiểm tra các cơ sở sản xuất trên địa bàn tỉnh.",
        "Quang cảnh buổi kiểm tra tại cơ sở sản xuất",
        "Đoàn kiểm tra đã làm việc với 12 cơ sở sản xuất bánh kẹo, rượu, bia và nước giải khát trên địa bàn.",
    ])
    page = extract_text_page(text)
    assert page.paragraphs[0].startswith("Căn cứ Nghị định số 15/2018/NĐ-CP ngày 02/02/2018")
    assert page.paragraphs[0].endswith("Luật An toàn thực phẩm, Sở Công Thương ban hành kế hoạch kiểm tra các cơ sở "
                                       "sản xuất trên địa bàn tỉnh.")
    assert page.paragraphs[1:] == ["Quang cảnh buổi kiểm tra tại cơ sở sản xuất", text.split("\n")[-1]]


def test_a_line_ending_in_a_word_that_cannot_end_a_sentence_goes_on():
    text = "\n".join([
        "Quyết định ban hành quy chế quản lý vật liệu nổ công nghiệp trên địa bàn tỉnh",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của",
        "Hội đồng nhân dân, Ủy ban nhân dân ngày 03 tháng 12 năm 2004;",
        LONG,
    ])
    page = extract_text_page(text)
    assert page.paragraphs[0] == ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân "
                                  "dân ngày 03 tháng 12 năm 2004;")


def test_a_line_ending_in_a_comma_goes_on_and_a_dated_lead_begins_after_a_title():
    text = "\n".join([
        "Sở Công Thương và Ban Quản lý Khu kinh tế làm việc tại huyện Mường Khương",
        "Ngày 9/3, đoàn công tác của Sở Công Thương do đồng chí Vàng Văn Sinh,",
        "Giám đốc Sở Công Thương làm Trưởng đoàn đã có buổi làm việc với huyện Bát Xát về tình hình phát triển "
        "công nghiệp và thương mại trên địa bàn.",
    ])
    page = extract_text_page(text)
    assert page.title == "Sở Công Thương và Ban Quản lý Khu kinh tế làm việc tại huyện Mường Khương"
    assert page.paragraphs[0].startswith("Ngày 9/3, đoàn công tác của Sở Công Thương do đồng chí Vàng Văn Sinh, Giám")


def test_a_closing_sentence_that_opens_with_theo_is_body_and_a_short_theo_line_is_the_source():
    said = "Theo ông Hà Văn Sinh, Chi cục trưởng Chi cục QLTT, năm qua lực lượng đã xử lý 300 vụ."
    head = "Quản lý thị trường tổng kết công tác năm 2024\n" + LONG + "\n" + said
    page = extract_text_page(head)
    assert (page.paragraphs[-1], page.source_note) == (said, None)
    page = extract_text_page(head + "\nTheo Báo Yên Bái")
    assert (page.paragraphs[-1], page.source_note) == (said, "Theo Báo Yên Bái")


def test_markup_a_copy_kept_is_dropped_so_a_bold_lead_is_no_title():
    text = "\n".join([
        "Lào Cai: Doanh thu bán lẻ quý I tăng 8,2% so với cùng kỳ",
        "<b>Tổng mức bán lẻ hàng hóa quý I ước đạt 9.120 tỷ đồng, tăng 8,2% so với cùng kỳ năm 2024.</b>",
        '<img class="size-full" src="http://example.vn/anh.jpg" width="660" /> Quầy hàng tại chợ Cốc Lếu.',
        LONG,
    ])
    page = extract_text_page(text)
    assert page.title == "Lào Cai: Doanh thu bán lẻ quý I tăng 8,2% so với cùng kỳ"
    assert page.paragraphs[:2] == [
        "Tổng mức bán lẻ hàng hóa quý I ước đạt 9.120 tỷ đồng, tăng 8,2% so với cùng kỳ năm 2024.",
        "Quầy hàng tại chợ Cốc Lếu."]


def test_a_copy_cut_off_mid_sentence_opens_with_a_paragraph_not_a_title():
    text = ("6 tháng đầu năm, giá trị sản xuất công nghiệp toàn tỉnh ước đạt 21.400 tỷ đồng, tăng 9,1% so cùng kỳ. "
            "Trong đó, khu vực có vốn đầu tư nước ngoài ước đạt 8.250 tỷ đồng, tăng 11,4% so\n" + LONG)
    page = extract_text_page(text)
    assert page.title is None
    assert page.paragraphs[0].startswith("6 tháng đầu năm, giá trị sản xuất")
    title = ("TP. Hồ Chí Minh: Sở Công Thương tổ chức hội nghị kết nối cung cầu hàng hóa với các tỉnh, thành phố "
             "khu vực phía Nam và Tây Nguyên năm 2025")
    assert extract_text_page(f"{title}\n{LONG}").title == title


def test_a_line_longer_than_any_headline_is_body_even_cut_off_mid_sentence():
    lead = ("Sáng 20/11, tại tỉnh Lào Cai, Sở Công Thương phối hợp với các sở, ngành và hiệp hội doanh nghiệp "
            "của hai nước tổ chức khai mạc Hội chợ Thương mại quốc tế với sự tham gia của khoảng 450 gian hàng đến "
            "từ các tỉnh, thành phố")
    page = extract_text_page(f"{lead}\n{LONG}")
    assert page.title is None
    assert page.paragraphs[0] == lead
