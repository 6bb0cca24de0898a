"""The 63 → 34 merger table, name lookups in every spelling, and province mentions in text."""

import unicodedata

import pytest

from nlp.provinces import (
    PROVINCES_34,
    PROVINCES_63,
    canonical_province,
    find_provinces,
    province_2025,
    province_leading,
    province_of_story,
    region,
)

OFFICIAL_34 = {
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "TP. Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
}


def test_the_lists_have_63_and_34_distinct_names() -> None:
    assert len(PROVINCES_63) == len(set(PROVINCES_63)) == 63
    assert set(PROVINCES_34) == OFFICIAL_34
    assert len(PROVINCES_34) == 34


@pytest.mark.parametrize("name", PROVINCES_63)
def test_every_old_province_maps_to_one_of_the_34(name: str) -> None:
    assert province_2025(name) in OFFICIAL_34
    assert canonical_province(name) == name
    assert region(name)


def test_every_new_province_has_old_ones() -> None:
    assert {province_2025(name) for name in PROVINCES_63} == OFFICIAL_34
    assert sum(province_2025(name) == "Cần Thơ" for name in PROVINCES_63) == 3


@pytest.mark.parametrize(("old", "new"), [
    ("Hải Dương", "Hải Phòng"), ("Hải Phòng", "Hải Phòng"),
    ("Hưng Yên", "Hưng Yên"), ("Thái Bình", "Hưng Yên"),
    ("Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"), ("Bình Dương", "TP. Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh"), ("Thừa Thiên Huế", "Huế"),
    ("Hà Nam", "Ninh Bình"), ("Nam Định", "Ninh Bình"), ("Hà Giang", "Tuyên Quang"),
    ("Yên Bái", "Lào Cai"), ("Bắc Kạn", "Thái Nguyên"), ("Vĩnh Phúc", "Phú Thọ"),
    ("Hòa Bình", "Phú Thọ"), ("Bắc Giang", "Bắc Ninh"), ("Quảng Bình", "Quảng Trị"),
    ("Quảng Nam", "Đà Nẵng"), ("Kon Tum", "Quảng Ngãi"), ("Bình Định", "Gia Lai"),
    ("Phú Yên", "Đắk Lắk"), ("Ninh Thuận", "Khánh Hòa"), ("Đắk Nông", "Lâm Đồng"),
    ("Bình Thuận", "Lâm Đồng"), ("Bình Phước", "Đồng Nai"), ("Long An", "Tây Ninh"),
    ("Tiền Giang", "Đồng Tháp"), ("Bến Tre", "Vĩnh Long"), ("Trà Vinh", "Vĩnh Long"),
    ("Kiên Giang", "An Giang"), ("Hậu Giang", "Cần Thơ"), ("Sóc Trăng", "Cần Thơ"),
    ("Bạc Liêu", "Cà Mau"), ("Lai Châu", "Lai Châu"),
])
def test_merger(old: str, new: str) -> None:
    assert province_2025(old) == new


def test_table_agrees_with_vietnamadminunits() -> None:
    units = pytest.importorskip("vietnamadminunits")
    for name in PROVINCES_63:
        converted = units.convert_address(name).short_province
        assert province_2025(name) in (converted, f"TP. {converted}"), name


@pytest.mark.parametrize(("spelling", "old", "new"), [
    ("tỉnh Hải Dương", "Hải Dương", "Hải Phòng"),
    ("TỈNH HẢI DƯƠNG", "Hải Dương", "Hải Phòng"),
    ("hai duong", "Hải Dương", "Hải Phòng"),
    ("Tinh Hai Duong", "Hải Dương", "Hải Phòng"),
    ("thành phố Hải Phòng", "Hải Phòng", "Hải Phòng"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế", "Huế"),
    ("TT-Huế", "Thừa Thiên Huế", "Huế"),
    ("Huế", "Thừa Thiên Huế", "Huế"),
    ("Thành phố Huế", "Thừa Thiên Huế", "Huế"),
    ("Hoà Bình", "Hòa Bình", "Phú Thọ"),
    ("tỉnh Khánh Hoà", "Khánh Hòa", "Khánh Hòa"),
    ("Thanh Hoá", "Thanh Hóa", "Thanh Hóa"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
    ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
    ("ba ria vung tau", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
    ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("TP.HCM", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("Hồ Chí Minh", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
    ("Đăk Lăk", "Đắk Lắk", "Đắk Lắk"),
    ("Daklak", "Đắk Lắk", "Đắk Lắk"),
    ("Bắc Cạn", "Bắc Kạn", "Thái Nguyên"),
    ("  tp cần thơ ", "Cần Thơ", "Cần Thơ"),
])
def test_name_variants(spelling: str, old: str, new: str) -> None:
    for form in (spelling, unicodedata.normalize("NFD", spelling)):
        assert canonical_province(form) == old, form
        assert province_2025(form) == new, form


@pytest.mark.parametrize("name", ["", "Nam", "Bắc Bộ", "Việt Nam", "Sài Gòn", "tỉnh", "Hà"])
def test_unknown_names_give_none(name: str) -> None:
    assert province_2025(name) is None
    assert canonical_province(name) is None
    assert region(name) is None


def test_regions() -> None:
    assert region("Hải Dương") == "Đồng bằng sông Hồng"
    assert region("Huế") == region("Thừa Thiên Huế") == "Bắc Trung Bộ và duyên hải miền Trung"
    assert region("Kon Tum") == "Tây Nguyên"
    assert region("TP.HCM") == "Đông Nam Bộ"
    assert sum(region(name) == "Đồng bằng sông Cửu Long" for name in PROVINCES_63) == 13


def mentions(text: str) -> list[tuple[str, str, str]]:
    found = find_provinces(text)
    for mention in found:
        assert text[mention.start:mention.end] == mention.raw
    return [(mention.raw, mention.province, mention.province_2025) for mention in found]


def test_finds_mentions_with_prefixes_and_offsets() -> None:
    text = ("Sở Công Thương tỉnh Hải Dương phối hợp với thành phố Hải Phòng và "
            "Thừa Thiên Huế tổ chức hội chợ.")
    assert mentions(text) == [
        ("tỉnh Hải Dương", "Hải Dương", "Hải Phòng"),
        ("thành phố Hải Phòng", "Hải Phòng", "Hải Phòng"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế", "Huế"),
    ]
    [first, *_] = find_provinces(text)
    assert (first.start, first.end) == (15, 29)


def test_finds_spelling_variants() -> None:
    text = ("Hàng từ Tỉnh Hoà Bình, Bà Rịa – Vũng Tàu, TP.HCM và TP. Đà Nẵng; "
            "doanh nghiệp Ha Noi; thành phố Huế.")
    assert mentions(text) == [
        ("Tỉnh Hoà Bình", "Hòa Bình", "Phú Thọ"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"),
        ("TP.HCM", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("TP. Đà Nẵng", "Đà Nẵng", "Đà Nẵng"),
        ("Ha Noi", "Hà Nội", "Hà Nội"),
        ("thành phố Huế", "Thừa Thiên Huế", "Huế"),
    ]


def test_offsets_hold_in_nfd_text() -> None:
    text = unicodedata.normalize("NFD", "Ở Thừa Thiên Huế và Bình Dương.")
    found = find_provinces(text)
    assert [mention.province for mention in found] == ["Thừa Thiên Huế", "Bình Dương"]
    assert [text[m.start:m.end] for m in found] == [m.raw for m in found]
    assert unicodedata.normalize("NFC", found[1].raw) == "Bình Dương"


def test_headline_in_capitals() -> None:
    assert mentions("SỞ CÔNG THƯƠNG TỈNH HẢI DƯƠNG TỔ CHỨC HỘI NGHỊ") == [
        ("TỈNH HẢI DƯƠNG", "Hải Dương", "Hải Phòng")]


def test_regions_and_short_names_are_not_provinces() -> None:
    assert mentions("Hàng hóa từ Hà Nam, Nam Định đi các tỉnh Bắc Bộ, Nam Bộ và miền Nam.") == [
        ("Hà Nam", "Hà Nam", "Ninh Bình"), ("Nam Định", "Nam Định", "Ninh Bình")]


@pytest.mark.parametrize("text", [
    "Tàu hàng vượt Thái Bình Dương sang Mỹ.",
    "Kỷ niệm chiến thắng Điện Biên Phủ.",
    "Học tập tư tưởng Hồ Chí Minh và làm theo gương Bác.",
    "Nhân dân mong muốn hòa bình. Hòa bình là khát vọng chung.",
    "Bà Nguyễn Thị Huế và ông Trần Văn Long An dự họp.",
    "Cửa hàng số 5 đường Hải Phòng, quận Thanh Khê.",
    "Sản phẩm mang tên Hà Namh không liên quan.",
    "Thời tiết miền Bắc Bộ hôm nay cao bằng hôm qua.",
])
def test_traps_are_not_mentions(text: str) -> None:
    assert mentions(text) == []


@pytest.mark.parametrize(("title", "lead", "expected"), [
    ("Hưng Yên bổ nhiệm Giám đốc Sở Công Thương", "UBND tỉnh Thái Bình và Nam Định cùng dự.", "Hưng Yên"),
    ("Bổ nhiệm Giám đốc Sở Công Thương", "Chiều 2/12, UBND tỉnh Nghệ An trao quyết định. Đại diện Nghệ An và "
     "Hà Tĩnh phát biểu.", "Nghệ An"),
    ("Hội nghị xúc tiến thương mại", "Đại diện Lào Cai và Yên Bái cùng dự.", None),
    ("Hội nghị xúc tiến thương mại", "Bộ Công Thương chủ trì hội nghị.", None),
])
def test_the_province_a_story_is_about(title: str, lead: str, expected: str | None) -> None:
    assert province_of_story(title, lead) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Thanh Hóa khai mạc hội chợ thành tựu kinh tế - xã hội", "Thanh Hóa"),
    ("“Nghệ An: Ra mắt điểm bán hàng Việt”", "Nghệ An"),
    ("TP.HCM tăng trưởng xuất khẩu", "TP. Hồ Chí Minh"),
    ("Hà Tĩnh và Nghệ An ký kết hợp tác thương mại", None),
    ("Tổng kết ngành Công Thương Hà Tĩnh", None),
])
def test_the_province_a_title_opens_with(title: str, expected: str | None) -> None:
    assert province_leading(title) == expected
