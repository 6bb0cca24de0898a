"""What each figure measures, its status, period kind and period, its scope and indicator key: sentences of
our own for every measure, period kind and status."""

from datetime import date

import pytest

from nlp import indicators
from nlp.figure_kinds import MEASURES, PERIOD_KINDS, STATUSES
from tests.nlp.test_figures import figures_of

# sentence, the figure's raw words, (indicator_key, measure, period_kind, period_start, period_end, status)
CASES = [
    ("Tháng 5/2024, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt 9.120 tỷ đồng.", "9.120 tỷ đồng",
     ("retail_sales", "level", "month", "2024-05-01", "2024-05-31", "actual")),
    ("Chỉ số sản xuất công nghiệp tháng 4/2024 tăng 7,2% so với cùng kỳ.", "tăng 7,2%",
     ("iip", "change", "month", "2024-04-01", "2024-04-30", "actual")),
    ("Năm 2023, kim ngạch xuất khẩu đạt 2,1 tỷ USD, đạt 104% kế hoạch năm.", "104%",
     ("exports", "share_of_plan", "year", "2023-01-01", "2023-12-31", "actual")),
    ("Năm 2023, kim ngạch xuất khẩu đạt 2,1 tỷ USD, bằng 98,5% so với kế hoạch.", "98,5%",
     ("exports", "share_of_plan", "year", "2023-01-01", "2023-12-31", "actual")),
    ("Quý II/2024, ngành công nghiệp chế biến, chế tạo chiếm 87,3% giá trị sản xuất công nghiệp.", "87,3%",
     ("other", "share_of_total", "quarter", "2024-04-01", "2024-06-30", "actual")),
    ("Kim ngạch xuất khẩu của tỉnh năm 2023 chiếm tỷ trọng 3,2% tổng kim ngạch cả nước.", "3,2%",
     ("exports", "share_of_total", "year", "2023-01-01", "2023-12-31", "actual")),
    ("Năm 2023, chỉ số PCI của tỉnh xếp thứ 12/63 tỉnh, thành phố.", "xếp thứ 12/63",
     ("pci", "rank", "year", "2023-01-01", "2023-12-31", "actual")),
    ("5 tháng đầu năm 2024, sản lượng điện thương phẩm ước đạt 2.345 triệu kWh.", "2.345 triệu kWh",
     ("electricity_sales", "level", "months_to_date", "2024-01-01", "2024-05-31", "estimate")),
    ("Lũy kế đến hết tháng 7/2024, kim ngạch nhập khẩu đạt 512 triệu USD.", "512 triệu USD",
     ("imports", "level", "months_to_date", "2024-01-01", "2024-07-31", "actual")),
    ("Tính chung 11 tháng năm 2024, tổng mức bán lẻ tăng 10,1%.", "tăng 10,1%",
     ("retail_sales", "change", "months_to_date", "2024-01-01", "2024-11-30", "actual")),
    ("6 tháng đầu năm 2024, chỉ số IIP ước tăng 9,5%.", "tăng 9,5%",
     ("iip", "change", "half_year", "2024-01-01", "2024-06-30", "estimate")),
    ("9 tháng năm 2024, giá trị sản xuất công nghiệp dự kiến đạt 48.500 tỷ đồng.", "48.500 tỷ đồng",
     ("industrial_output_value", "level", "nine_months", "2024-01-01", "2024-09-30", "estimate")),
    ("Quý I/2024, doanh thu thương mại điện tử đạt 300 tỷ đồng.", "300 tỷ đồng",
     ("ecommerce", "level", "quarter", "2024-01-01", "2024-03-31", "actual")),
    ("Năm 2025, tỉnh phấn đấu kim ngạch xuất khẩu đạt 3 tỷ USD.", "3 tỷ USD",
     ("exports", "level", "year", "2025-01-01", "2025-12-31", "target")),
    ("Kế hoạch năm 2025, chỉ số sản xuất công nghiệp tăng 12%.", "tăng 12%",
     ("iip", "change", "year", "2025-01-01", "2025-12-31", "target")),
    ("Mục tiêu đến năm 2025, tỷ lệ hộ dân sử dụng điện đạt 99,8%.", "99,8%",
     ("rural_electricity", "level", "year", "2025-01-01", "2025-12-31", "target")),
    ("Chỉ tiêu năm 2024 giao thu ngân sách 1.200 tỷ đồng.", "1.200 tỷ đồng",
     ("budget_revenue", "level", "year", "2024-01-01", "2024-12-31", "target")),
    ("Giai đoạn 2021-2025, vốn đầu tư vào cụm công nghiệp ước tính đạt 4.000 tỷ đồng.", "4.000 tỷ đồng",
     ("industrial_clusters", "level", "span", "2021-01-01", "2025-12-31", "estimate")),
    ("Năm 2023, Chi cục Quản lý thị trường xử phạt vi phạm hành chính 3,2 tỷ đồng.", "3,2 tỷ đồng",
     ("market_fines", "level", "year", "2023-01-01", "2023-12-31", "actual")),
    ("Kim ngạch xuất khẩu tăng 5%, bằng 105% so với cùng kỳ.", "105%",
     ("exports", "other", None, None, None, "actual")),
]


@pytest.mark.parametrize(("text", "raw", "expected"), CASES, ids=[case[1] for case in CASES])
def test_measure_period_and_status(text, raw, expected):
    (figure,) = [f for f in figures_of(text, date(2024, 7, 7), "Nam Định") if f.raw == raw]
    got = (figure.indicator_key, figure.measure, figure.period_kind, figure.period_start, figure.period_end,
           figure.status)
    assert got == expected


def test_the_cases_cover_every_measure_period_kind_and_status():
    assert {case[2][1] for case in CASES} == set(MEASURES)
    assert {case[2][2] for case in CASES} - {None} == set(PERIOD_KINDS)
    assert {case[2][5] for case in CASES} == set(STATUSES)


def test_a_national_comparison_is_not_the_province_figure():
    figures = figures_of("Năm 2023, chỉ số sản xuất công nghiệp (IIP) của tỉnh tăng 8,5% so với cùng kỳ "
                         "(cả nước tăng 2,84%).", province="Bắc Ninh")
    province, country = figures
    assert (province.value, province.scope, province.indicator_key) == (8.5, "province", "iip")
    assert (country.value, country.scope, country.scope_name, country.indicator_key) == (
        2.84, "country", "cả nước", "iip")
    (national,) = figures_of("Xuất khẩu của cả nước năm 2023 đạt 355 tỷ USD.", province="Bắc Ninh")
    assert national.scope == "country"


def test_a_country_total_in_parentheses_after_its_scope():
    _, share, total = figures_of("Quý I/2022 đạt 105.091 tỷ đồng, chiếm tỷ trọng 7,97% tổng mức bán lẻ hàng hóa "
                              "cả nước (1,318 triệu tỷ đồng).", province="Hà Nội")
    assert (share.measure, share.scope) == ("share_of_total", "province")
    assert total.scope == "country"


def test_the_share_of_plan_of_a_previous_figure_does_not_make_the_next_a_target():
    level, share, local, local_share = figures_of(
        "Năm 2019 tổng kim ngạch xuất nhập khẩu ước đạt 4.750 triệu USD, đạt 90,8% kế hoạch, "
        "hàng xuất khẩu địa phương ước đạt 137,5 triệu USD, đạt 100% kế hoạch.")
    assert [f.status for f in (level, share, local, local_share)] == ["estimate", "actual", "estimate", "actual"]
    assert [f.measure for f in (level, share, local, local_share)] == ["level", "share_of_plan", "level",
                                                                         "share_of_plan"]
    (exceeded,) = figures_of("Năm 2023 vượt kế hoạch, doanh thu đạt 1.000 tỷ đồng.")
    assert exceeded.status == "actual"


def test_branches_of_an_indicator_and_products():
    iip, manufacturing, electricity = figures_of(
        "Tháng 6/2024, chỉ số IIP tăng 6,1%; trong đó ngành công nghiệp chế biến, chế tạo tăng 4,5%, "
        "ngành sản xuất và phân phối điện tăng 5,8%.")
    assert [f.indicator_key for f in (iip, manufacturing, electricity)] == ["iip", "iip_manufacturing",
                                                                             "iip_electricity"]
    assert manufacturing.indicator == "ngành công nghiệp chế biến, chế tạo"
    (mining,) = figures_of("Chỉ số sản xuất công nghiệp quý I tăng 3%.\nTrong đó, ngành khai khoáng giảm 2,1%.")[1:]
    assert (mining.indicator_key, mining.direction) == ("iip_mining", "giảm")
    (rice,) = figures_of("Kim ngạch xuất khẩu gạo năm 2023 đạt 120 triệu USD.")
    assert rice.indicator_key == "exports_rice"
    assert indicators.label("exports_rice").vi.startswith("Kim ngạch xuất khẩu")


def test_a_generic_phrase_yields_to_a_specific_one_before_it():
    fine, seized = figures_of("Chi cục đã xử phạt hành chính 198 triệu đồng, tịch thu hàng hóa trị giá trên 81 "
                              "triệu đồng.")
    assert (fine.indicator_key, seized.indicator_key) == ("market_fines", "market_seizures")


def test_an_unknown_indicator_keeps_its_phrase():
    (figure,) = figures_of("Năm 2023, lượng rác thải sinh hoạt được thu gom đạt 1.200 tấn.")
    assert figure.indicator_key == indicators.OTHER
    assert figure.indicator == "lượng rác thải sinh hoạt được thu gom"


def test_every_key_has_both_labels():
    for key in indicators.keys_of():
        found = indicators.label(key)
        assert found.vi and found.en and found.vi != key, key
    for group in ("measures", "period_kinds", "statuses"):
        assert set(indicators.keys_of(group)) == set({"measures": MEASURES, "period_kinds": PERIOD_KINDS,
                                                   "statuses": STATUSES}[group])


def test_outcomes_beside_a_plan_are_not_targets():
    (iip,) = figures_of("Năm 2023 các chỉ tiêu đạt và vượt kế hoạch đề ra, như: chỉ số IIP ước tăng 8,1% so cùng kỳ.")
    assert iip.status == "estimate"
    growth, exports = figures_of("Năm 2024 giá trị sản xuất tăng 13% (kế hoạch đầu năm 10%); kim ngạch xuất khẩu "
                                 "đạt 5,3 tỷ USD.")[1:]
    assert (growth.status, exports.status, exports.indicator_key) == ("target", "actual", "exports")


def test_cumulative_to_september_is_the_nine_months_and_ước_được_is_an_estimate():
    (figure,) = figures_of("Lũy kế đến hết tháng 9/2024, sản lượng thủy sản chế biến ước được 38.559 tấn.")
    assert (figure.period_kind, figure.period_start, figure.period_end) == ("nine_months", "2024-01-01", "2024-09-30")
    assert (figure.indicator_key, figure.status) == ("product_output", "estimate")


def test_a_generic_value_word_keeps_the_chained_indicator():
    volume, value = figures_of("Năm 2023, xuất khẩu cà phê đạt 69.250 tấn, giá trị 154,5 triệu USD.")
    assert volume.indicator_key == value.indicator_key == "exports_coffee"
