"""Which indicator key a figure gets in the constructions of provincial reports: branches named by a longer
phrase, divisions of industry, CPI groups, markets and sectors, list items and sentences without a subject.
Sentences of our own."""

import pytest

from nlp import indicators
from tests.nlp.test_figures import figures_of


def keys(text: str) -> list[str]:
    return [f.indicator_key for f in figures_of(text, province="Nam Định")]


def test_a_word_inside_a_longer_branch_name_is_that_branch():
    assert keys("Chỉ số sản xuất công nghiệp tháng 3 tăng 6,2%; ngành sản xuất và phân phối điện, khí đốt tăng 4,1%, "
                "ngành cung cấp nước, hoạt động quản lý và xử lý rác thải tăng 2,3%.") == [
        "iip", "iip_electricity", "iip_water"]


def test_divisions_of_manufacturing_are_named_anywhere():
    assert keys("Một số ngành có chỉ số sản xuất tăng cao: sản xuất trang phục tăng 12%; chế biến gỗ tăng 8,5%; "
                "in, sao chép bản ghi các loại giảm 3%.") == ["iip_apparel", "iip_wood", "iip_printing"]
    assert keys("Quý I, sản xuất giường, tủ, bàn, ghế tăng 9%.") == ["iip_furniture"]
    assert indicators.root_of("iip_furniture") == "iip"
    assert indicators.label("iip_furniture").vi.startswith("IIP")


def test_sections_of_the_industrial_production_value():
    assert keys("Giá trị sản xuất công nghiệp năm 2024 đạt 5.200 tỷ đồng; công nghiệp khai khoáng đạt 310 tỷ "
                "đồng.") == ["industrial_output_value", "industrial_output_value_mining"]
    assert keys("Giá trị sản xuất ngành công nghiệp chế biến, chế tạo đạt 4.100 tỷ đồng.") == [
        "industrial_output_value_manufacturing"]
    assert keys("Giá trị sản xuất nông, lâm nghiệp và thủy sản đạt 12.000 tỷ đồng.") == ["agricultural_output_value"]


def test_groups_and_areas_of_the_consumer_price_index():
    assert keys("Chỉ số giá tiêu dùng tháng 5 tăng 0,3% so với tháng trước; trong 11 nhóm hàng, nhóm giao thông tăng "
                "1,2%, nhóm giáo dục giảm 0,4%; khu vực thành thị tăng 0,35%.") == [
        "cpi", "cpi_transport", "cpi_education", "cpi_urban"]
    assert keys("Chỉ số giá vàng tháng 5 tăng 2,1%; chỉ số giá đô la Mỹ giảm 0,2%; lạm phát cơ bản tăng 2,7%.") == [
        "gold_price_index", "usd_price_index", "core_inflation"]


def test_parts_of_retail_sales():
    assert keys("Tổng mức bán lẻ và doanh thu dịch vụ tiêu dùng quý II đạt 21.300 tỷ đồng; dịch vụ lưu trú và ăn uống "
                "tăng 9%, du lịch tăng 15%.") == [
        "retail_sales", "retail_sales_accommodation_food", "retail_sales_travel"]
    assert keys("Hoạt động khách sạn nhà hàng tháng 4 tăng 2,5%.") == ["retail_sales_accommodation_food"]


def test_markets_and_sectors_of_exports():
    assert keys("Kim ngạch xuất khẩu 6 tháng đạt 2,4 tỷ USD; thị trường châu Âu (chiếm 12% tổng kim ngạch xuất khẩu) "
                "tăng 8%.") == ["exports", "exports_europe", "exports_europe"]
    assert keys("Giá trị xuất khẩu đạt 2,4 tỷ USD, trong đó khu vực có vốn đầu tư nước ngoài đạt 1,9 tỷ USD, "
                "khu vực kinh tế trong nước đạt 500 triệu USD.") == [
        "exports", "exports_fdi_sector", "exports_domestic_sector"]
    assert keys("Nhật Bản, thị trường xuất khẩu lớn của tỉnh, đạt 310 triệu USD.") == ["exports_japan"]
    assert keys("Xuất khẩu sản phẩm cơ khí đạt 99 triệu USD.") == ["exports_machinery"]


def test_items_of_a_list_take_the_list_indicator():
    assert keys("Sản lượng một số sản phẩm tăng như: đường tăng 12%; nước mắm tăng 7%.") == [
        "product_output", "product_output"]
    assert keys("Sản lượng điện thương phẩm đạt 300 triệu kWh; nước mắm tăng 7%.")[1] == indicators.OTHER


def test_a_sentence_without_a_subject_continues_the_one_before():
    assert keys("Tổng mức bán lẻ hàng hóa tháng 9 đạt 4.100 tỷ đồng. Tính chung 9 tháng, ước đạt 35.600 tỷ đồng, "
                "tăng 10,2%.") == ["retail_sales"] * 3
    assert keys("Kim ngạch xuất khẩu đạt 2 tỷ USD. Lượng rác thải được thu gom đạt 1.200 tấn.")[1] == indicators.OTHER


def test_a_growth_rate_beside_an_indicator_is_that_indicator():
    assert keys("Kim ngạch xuất khẩu tăng 12%, vượt tốc độ tăng trưởng kế hoạch là 8%.") == ["exports", "exports"]


@pytest.mark.parametrize(("text", "key"), [
    ("Số doanh nghiệp thành lập mới tăng 14%.", "new_enterprises"),
    ("Doanh thu vận tải hành khách quý I đạt 410 tỷ đồng.", "transport"),
    ("Khách du lịch đến tỉnh tăng 20%.", "tourists"),
    ("Chỉ số sử dụng lao động của doanh nghiệp công nghiệp tăng 3,1%.", "industrial_employment"),
    ("Tỷ lệ hộ được sử dụng điện đạt 99,5%.", "rural_electricity"),
    ("Sản lượng điện tiêu thụ đạt 300 triệu kWh.", "electricity_consumption"),
    ("Tỷ lệ tổn thất điện năng còn 4,2%.", "power_losses"),
    ("Chi ngân sách địa phương đạt 9.000 tỷ đồng.", "budget_spending"),
    ("Lực lượng quản lý thị trường tiêu hủy tang vật trị giá 40 triệu đồng.", "market_seizures"),
])
def test_indicators_provincial_reports_name(text, key):
    assert keys(text) == [key]
