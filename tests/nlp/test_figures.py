from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.figures import find_figures
from nlp.text import sentences


def figures_of(text: str, published: date | None = date(2024, 7, 7), province: str | None = None):
    sents = sentences(text)
    return find_figures(sents, find_dates(sents, published), province)


# text, value, unit, and the fields to check
VALUES = [
    ("doanh thu đạt 14.000 tỷ đồng.", 14_000_000_000_000, "VND"),
    ("doanh thu đạt 108,8 nghìn tỷ đồng.", 108_800_000_000_000, "VND"),
    ("doanh thu đạt 2,5 ngàn tỷ đồng.", 2_500_000_000_000, "VND"),
    ("xuất khẩu đạt 55,041 tỷ USD.", 55_041_000_000, "USD"),
    ("xuất khẩu đạt 4.750 triệu USD.", 4_750_000_000, "USD"),
    ("doanh thu đạt 3 tỉ đồng.", 3_000_000_000, "VND"),
    ("doanh thu đạt 500 nghìn đồng.", 500_000, "VND"),
    ("sản lượng đạt 1,2 triệu tấn.", 1_200_000, "t"),
    ("điện thương phẩm đạt 2.345 triệu kWh.", 2_345_000_000, "kWh"),
    ("chỉ số IIP tăng 10,95%.", 10.95, "%"),
    ("chỉ số IIP tăng 10,95 %.", 10.95, "%"),
]


@pytest.mark.parametrize(("text", "value", "unit"), VALUES)
def test_values_and_units(text, value, unit):
    (figure,) = figures_of(text)
    assert (figure.value, figure.unit) == (value, unit)
    assert text[figure.start : figure.end] == figure.raw


def test_direction_estimate_and_typo():
    (figure,) = figures_of("Cụ thể, tổng kim ngạch xuất khẩu ước tắng 28,87%; còn lại ổn định.")
    assert (figure.direction, figure.estimate, figure.indicator_key) == ("tăng", True, "exports")
    (down,) = figures_of("Kim ngạch nhập khẩu giảm 3,5% so với cùng kỳ năm trước.")
    assert (down.direction, down.indicator_key) == ("giảm", "imports")
    assert down.comparison == "so với cùng kỳ năm trước"


@pytest.mark.parametrize("qualifier", ["hơn", "khoảng", "gần", "trên"])
def test_qualifiers(qualifier):
    (figure,) = figures_of(f"Kim ngạch xuất khẩu đạt {qualifier} 17,2 triệu USD.")
    assert figure.qualifier == qualifier
    assert figure.raw == f"{qualifier} 17,2 triệu USD"


@pytest.mark.parametrize(
    ("text", "comparison"),
    [
        ("Tổng mức bán lẻ tăng 13,46% so với cùng kỳ năm trước.", "so với cùng kỳ năm trước"),
        ("Chỉ số IIP tăng 15,24% so với cùng kỳ năm 2023; xuất khẩu tăng.", "so với cùng kỳ năm 2023"),
        ("Tổng mức bán lẻ tăng 10,5% so với cùng kỳ 2018.", "so với cùng kỳ 2018"),
        ("Kim ngạch xuất nhập khẩu đạt 90,8% kế hoạch, tăng nhẹ.", "kế hoạch"),
        (
            "Xuất khẩu của cả Cụm đạt 55 tỷ USD, chiếm 32,19% tổng kim ngạch xuất khẩu toàn quốc.",
            "tổng kim ngạch xuất khẩu toàn quốc",
        ),
    ],
)
def test_comparisons(text, comparison):
    assert figures_of(text)[-1].comparison == comparison


def test_comparison_year_is_not_the_period():
    (figure,) = figures_of("6 tháng đầu năm, ngành phát triển.\nChỉ số IIP tăng 15,24% so với cùng kỳ năm 2023.")
    assert (figure.period, figure.period_value) == ("6 tháng đầu năm 2024", "2024-H1")


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Chỉ số sản xuất công nghiệp năm 2019 ước tăng 10,46%.", "2019"),
        ("Xuất khẩu quý II/2024 tăng 5%.", "quý II/2024"),
        ("Xuất khẩu 9 tháng năm 2024 tăng 5%.", "9 tháng năm 2024"),
        ("Xuất khẩu tháng 6/2024 tăng 5%.", "tháng 6/2024"),
        ("Trong năm 2023 kinh tế phục hồi.\nXuất khẩu tăng 5%.", "2023"),
        ("Xuất khẩu tăng 5%.", None),
    ],
)
def test_periods(text, period):
    assert figures_of(text)[0].period == period


def test_cluster_and_national_scopes():
    text = (
        "Hội nghị của Cụm thi đua số 2 diễn ra.\n"
        "Chỉ số phát triển sản xuất công nghiệp (IIP) toàn Cụm ước tăng bình quân 10,95% so với "
        "cùng kỳ năm trước (cả nước tăng 2,84%)."
    )
    cluster, national = figures_of(text)
    assert (cluster.scope, cluster.scope_name, cluster.estimate, cluster.indicator) == (
        "cluster",
        "Cụm thi đua số 2",
        True,
        "chỉ số phát triển sản xuất công nghiệp (IIP)",
    )
    assert (national.scope, national.scope_name, national.estimate, national.indicator_key) == (
        "country", "cả nước", False, "iip")
    assert national.comparison == "so với cùng kỳ năm trước"


def test_district_and_province_scopes():
    (district, growth) = figures_of(
        "giá trị sản xuất công nghiệp khối quận, huyện quản lý đạt hơn 14.000 tỷ đồng, tăng 15,60%."
    )
    assert district.indicator == "giá trị sản xuất công nghiệp khối quận, huyện quản lý"
    assert district.scope == growth.scope == "district"
    assert district.scope_name == growth.scope_name == "khối quận, huyện"
    (province,) = figures_of("Tổng mức bán lẻ toàn tỉnh tăng 9%.", province="Hưng Yên")
    assert (province.scope, province.scope_name) == ("province", "Hưng Yên")


def test_growth_after_an_estimated_level_is_estimated_too():
    level, growth = figures_of(
        "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ ước đạt hơn 108,8 nghìn tỷ đồng, tăng 13,46%."
    )
    assert (level.estimate, growth.estimate) == (True, True)
    assert growth.indicator == "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"
    level, share = figures_of("xuất nhập khẩu ước đạt 4.750 triệu USD, đạt 90,8% kế hoạch.")
    assert (level.estimate, share.estimate) == (True, False)


@pytest.mark.parametrize(
    "text",
    [
        "Giám đốc Sở trao Giấy khen cho 26 cá nhân, 6 tập thể có thành tích.",
        "lãnh đạo 6 Sở Công Thương tham dự hội nghị.",
        "ký giao ước thi đua với 7 nội dung cơ bản.",
        "kỷ niệm 135 năm Ngày sinh; kỷ niệm 96 năm Ngày thành lập; 80 năm Cách mạng tháng Tám.",
        "Hôm nay:172\nTất cả:05811880\nĐang trực tuyến:88",
        "Điện thoại: 0220.3852.123 - Fax: 0220 3852 456",
        "theo Công điện số 968/CĐ-TTg ngày 5/10/2023.",
        "6 tháng đầu năm 2024, hoàn thành 26/27 nhiệm vụ.",
        "Đại hội có 500 đồng chí đại biểu tham dự.",
    ],
)
def test_not_figures(text):
    assert figures_of(text) == []


def test_each_clause_finds_its_own_indicator():
    exports, imports, surplus = figures_of(
        "Kim ngạch xuất khẩu đạt 93 tỷ USD; nhập khẩu đạt 85,6 tỷ USD. Cả nước xuất siêu 7,4 tỷ USD."
    )
    assert [f.indicator_key for f in (exports, imports, surplus)] == ["exports", "imports", "trade_surplus"]
    (unknown,) = figures_of("Năm nay, tỉnh phấn đấu đạt 8%.")
    assert (unknown.indicator_key, unknown.indicator, unknown.status) == ("other", "tỉnh phấn đấu", "target")


def test_a_unit_glued_to_its_number():
    found = find_figures(sentences("Nhà máy có công suất 3.200MW trên diện tích 532,89ha."), [])
    assert [(f.value, f.unit) for f in found] == [(3200, "MW"), (532.89, "ha")]


def test_a_number_written_in_two_scales_is_one_value():
    found = find_figures(sentences("Tỉnh dự trữ 3 ngàn 600 tấn gạo, trị giá hơn 1 ngàn 500 tỷ đồng; riêng quỹ "
                                   "bình ổn là 4 tỷ 750 triệu đồng."), [])
    assert [(f.value, f.unit, f.raw) for f in found] == [
        (3600, "t", "3 ngàn 600 tấn"), (1.5e12, "VND", "hơn 1 ngàn 500 tỷ đồng"),
        (4.75e9, "VND", "4 tỷ 750 triệu đồng")]


def test_counts_of_things_are_figures_each_noun_its_unit():
    found = figures_of("Năm 2024, lực lượng QLTT kiểm tra 1.318 vụ, xử lý 1.102 vụ việc vi phạm. Hội chợ có 240 gian "
                       "hàng của 160 doanh nghiệp, giới thiệu 57 sản phẩm OCOP và 12 HTX.")
    assert [(f.value, f.unit, f.indicator_key) for f in found] == [
        (1318, "vụ", "market_inspections"), (1102, "vụ", "market_fines"), (240, "gian hàng", "trade_promotion"),
        (160, "doanh nghiệp", "trade_promotion"), (57, "sản phẩm", "trade_promotion"),
        (12, "hợp tác xã", "trade_promotion")]


@pytest.mark.parametrize(("text", "ends"), [
    ("Kim ngạch xuất khẩu dự kiến tăng 11-13%.", [(11, "từ"), (13, "đến")]),
    ("giá trị sản xuất công nghiệp tăng 8,5 - 9% so với năm trước.", [(8.5, "từ"), (9, "đến")]),
    ("doanh thu đạt 1.200–1.500 tỷ đồng.", [(1_200_000_000_000, "từ"), (1_500_000_000_000, "đến")]),
    ("kim ngạch xuất khẩu mỗi năm đạt khoảng 2,1 đến 2,4 tỷ USD.", [(2_100_000_000, "từ"), (2_400_000_000, "đến")]),
])
def test_a_range_written_with_a_dash_or_den_gives_both_ends(text, ends):
    assert [(f.value, f.qualifier) for f in figures_of(text)] == ends


def test_industrial_parks_are_counted_written_in_full_or_short():
    found = figures_of("Toàn tỉnh có 6 Khu công nghiệp và 14 CCN; năm nay thành lập thêm 2 KCN.")
    assert [(f.value, f.unit) for f in found] == [(6, "khu công nghiệp"), (14, "cụm công nghiệp"),
                                                   (2, "khu công nghiệp")]
