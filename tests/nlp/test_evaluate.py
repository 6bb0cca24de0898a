import pytest

from nlp.evaluate import evaluate

GOLD = {
    "articles": [
        {
            "seed": "a.txt",
            "dates_mentioned": ["2025-07-31", "2025-01-03", "XXXX-03-24"],
            "officials": [{"name": "Nguyễn Công Hòa", "position": "Chủ tịch Công đoàn ngành"}],
            "documents_cited": ["968/CĐ-TTg"],
            "figures": [
                {"value": 10.95, "unit": "%"},
                {"value": 28.87, "unit": "%"},
                {"value": 28.87, "unit": "%"},
            ],
        },
        {"seed": "b.txt", "dates_mentioned": [], "officials": [], "documents_cited": [], "figures": []},
    ]
}


def test_perfect_prediction_with_variant_spelling():
    prediction = {
        "dates": [
            {"kind": "day", "value": "2025-01-03"},
            {"kind": "span", "value": "2025-01/2025-07-31"},
            {"kind": "year", "value": "2025"},
            {"kind": "day", "value": "XXXX-03-24"},
        ],
        "officials": [{"name": "Nguyễn Công Hoà", "position": "chủ tịch công đoàn ngành"}],
        "figures": [
            {"value": 10.95, "unit": "%"},
            {"value": 28.87, "unit": "%"},
            {"value": 28.87, "unit": "%"},
        ],
        "documents": [{"number": "968/CĐ-TTg"}],
    }
    report = evaluate(GOLD, {"a.txt": prediction, "b.txt": {}})
    for name, score in report.scores.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), name
    assert report.errors == {}


def test_misses_and_extras_are_counted_and_listed():
    prediction = {
        "dates": [{"kind": "day", "value": "2025-01-04"}],
        "officials": [],
        "figures": [{"value": 10.95, "unit": "USD"}, {"value": 28.87, "unit": "%"}],
        "documents": [],
    }
    report = evaluate(GOLD, {"a.txt": prediction})
    figures = report.scores["figures"]
    assert (figures.tp, figures.fp, figures.fn) == (1, 1, 2)
    assert figures.precision == pytest.approx(0.5)
    assert figures.recall == pytest.approx(1 / 3)
    assert report.scores["officials"].recall == 0.0
    assert report.to_dict()["errors"]["a.txt"]["dates"] == {
        "missed": ["2025-01-03", "2025-07-31", "XXXX-03-24"],
        "extra": ["2025-01-04"],
    }
    assert "a.txt: documents missed: 968/CĐ-TTg" in report.format()


def test_missing_prediction_counts_as_nothing_found():
    report = evaluate(GOLD, {})
    assert report.scores["documents"].fn == 1
    assert report.scores["documents"].precision == 1.0


def test_a_gold_position_matches_as_written_or_in_a_variant_and_roles_are_scored():
    gold = {"articles": [{"seed": "c.txt", "officials": [
        {"name": "Lê Vũ Thương", "position": "Giám đốc Sở Công Thương tỉnh Quảng Nam",
         "position_as_written": "Giám đốc Sở Công Thương", "role": "new"},
        {"name": "Lê Vũ Thương", "position": "Trưởng BQL các KCN tỉnh Quảng Nam",
         "variants": ["Trưởng Ban Quản lý các KCN tỉnh"], "role": "old"},
    ]}]}
    predicted = {"officials": [
        {"name": "Lê Vũ Thương", "position": "Giám đốc Sở Công Thương", "role": "new"},
        {"name": "Lê Vũ Thương", "position": "Trưởng Ban Quản lý các KCN tỉnh", "role": None},
    ]}
    report = evaluate(gold, {"c.txt": predicted})
    officials, roles = report.scores["officials"], report.scores["roles"]
    assert (officials.tp, officials.fp, officials.fn) == (2, 0, 0)
    assert (roles.tp, roles.fp, roles.fn) == (1, 0, 1)
    assert report.errors["c.txt"]["roles"]["wrong"] == [
        "lê vũ thương: trưởng ban quản lý các khu công nghiệp [Quảng Nam]: None for old"]


def test_an_implied_province_in_org_place_matches_a_gold_position_that_names_it():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Trần Văn Bình", "position": "Giám đốc Sở Công Thương tỉnh Hưng Yên"},
        {"name": "Lê Thị Hoa", "position": "Phó Chủ tịch UBND tỉnh Thanh Hóa, Trưởng ban tổ chức"},
        {"name": "Ngô Văn Nam", "position": "Chánh Văn phòng Sở"}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Trần Văn Bình", "position": "Giám đốc Sở Công Thương", "org_place": "Hưng Yên"},
        {"name": "Lê Thị Hoa", "position": "Phó Chủ tịch UBND tỉnh, Trưởng ban tổ chức", "org_place": "Nam Định"},
        {"name": "Ngô Văn Nam", "position": "Chánh Văn phòng Sở", "org_place": "Hưng Yên"}]}}
    report = evaluate(gold, predicted)
    assert report.errors["a.txt"]["officials"] == {
        "missed": ["lê thị hoa: phó chủ tịch ubnd, trưởng ban tổ chức [Thanh Hóa]"],
        "extra": ["lê thị hoa: phó chủ tịch ubnd, trưởng ban tổ chức [Nam Định]"]}


def test_a_chain_of_posts_matches_by_any_one_and_units_are_compared_by_name():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Hà Thị Nga", "position": "Bí thư Tỉnh ủy Tuyên Quang", "org_place": "Tuyên Quang"}],
        "figures": [{"value": 2e9, "unit": "đồng"}, {"value": 12.0, "unit": "tấn"}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Hà Thị Nga", "position": "Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy",
         "org_place": "Tuyên Quang", "posts": ["Ủy viên Ban Chấp hành Trung ương Đảng", "Bí thư Tỉnh ủy"]}],
        "figures": [{"value": 2e9, "unit": "VND"}, {"value": 12.0, "unit": "t"}]}}
    report = evaluate(gold, predicted)
    assert (report.scores["officials"].tp, report.scores["officials"].fp) == (1, 0)
    assert (report.scores["figures"].tp, report.scores["figures"].fn) == (2, 0)
    predicted["a.txt"]["officials"][0]["posts"] = []
    assert evaluate(gold, predicted).scores["officials"].tp == 0


def test_an_abbreviation_in_parentheses_is_no_part_of_the_position():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Lê Văn Hòa", "position": "Chủ tịch Hội đồng nhân dân (HĐND) xã Yên Lạc", "org_place": "Thanh Hóa"}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Lê Văn Hòa", "position": "Chủ tịch Hội đồng nhân dân xã Yên Lạc", "org_place": "Thanh Hóa"}]}}
    assert evaluate(gold, predicted).scores["officials"].tp == 1


def test_a_term_says_when_not_which_post():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Lò Văn Hùng", "position": "Phó Chủ tịch UBND tỉnh", "org_place": "Sơn La"},
        {"name": "Cầm Thị Mai", "position": "Bí thư Tỉnh ủy khóa XV", "org_place": "Sơn La"},
        {"name": "Quàng Văn Tú", "position": "Chủ tịch HĐND tỉnh", "org_place": "Sơn La"}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Lò Văn Hùng", "position": "Phó Chủ tịch UBND tỉnh nhiệm kỳ 2021 - 2026", "org_place": "Sơn La"},
        {"name": "Cầm Thị Mai", "position": "Bí thư Tỉnh ủy", "org_place": "Sơn La"},
        {"name": "Quàng Văn Tú", "position": "Chủ tịch HĐND tỉnh khoá XV, nhiệm kỳ 2021-2026",
         "org_place": "Sơn La"}]}}
    assert evaluate(gold, predicted).scores["officials"].tp == 3
    predicted["a.txt"]["officials"][0]["position"] = "Chủ tịch UBND tỉnh nhiệm kỳ 2021 - 2026"
    assert evaluate(gold, predicted).scores["officials"].tp == 2


def test_a_bare_district_as_written_matches_the_district_the_extractor_names():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Lò Văn Sơn", "position": "Chủ tịch UBND huyện", "org_place": "Lào Cai"}]}]}
    named = {"a.txt": {"officials": [
        {"name": "Lò Văn Sơn", "position": "Chủ tịch UBND huyện Bát Xát", "org_place": "Lào Cai"}]}}
    assert evaluate(gold, named).scores["officials"].tp == 1
    other = {"a.txt": {"officials": [
        {"name": "Lò Văn Sơn", "position": "Chủ tịch UBND huyện Bát Xát, Bí thư Huyện ủy", "org_place": "Lào Cai"}]}}
    assert evaluate(gold, other).scores["officials"].tp == 0


def test_one_post_of_a_gold_chain_found_apart_is_no_extra():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Dương Văn Huy", "position": "Phó Chủ tịch UBND tỉnh, Trưởng Ban tổ chức Hội chợ",
         "org_place": "Lạng Sơn", "variants": ["Phó Chủ tịch UBND tỉnh", "Trưởng Ban tổ chức Hội chợ"]}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Dương Văn Huy", "position": "Phó Chủ tịch UBND tỉnh", "org_place": "Lạng Sơn"},
        {"name": "Dương Văn Huy", "position": "Trưởng Ban tổ chức Hội chợ", "org_place": "Lạng Sơn"},
        {"name": "Dương Văn Huy", "position": "Giám đốc Sở Công Thương", "org_place": "Lạng Sơn"}]}}
    officials = evaluate(gold, predicted).scores["officials"]
    assert (officials.tp, officials.fp, officials.fn) == (1, 1, 0)


def test_a_gold_chain_matches_one_prediction_per_post_only_when_every_post_is_found():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Đào Thị Lý", "position": "Phó Chủ tịch UBND tỉnh, Trưởng ban tổ chức hội nghị",
         "org_place": "Bình Phước"}]}]}
    both = {"a.txt": {"officials": [
        {"name": "Đào Thị Lý", "position": "Trưởng ban tổ chức hội nghị", "org_place": "Bình Phước"},
        {"name": "Đào Thị Lý", "position": "Phó Chủ tịch UBND tỉnh", "org_place": "Bình Phước"}]}}
    officials = evaluate(gold, both).scores["officials"]
    assert (officials.tp, officials.fp, officials.fn) == (1, 0, 0)
    one = {"a.txt": {"officials": both["a.txt"]["officials"][1:]}}
    officials = evaluate(gold, one).scores["officials"]
    assert (officials.tp, officials.fp, officials.fn) == (0, 1, 1)


def test_a_gold_place_abroad_wants_no_province():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Khăm Phăn", "position": "Phó Giám đốc Sở Công Thương tỉnh Hủa Phăn", "org_place": "Hủa Phăn"}]}]}
    placed = {"a.txt": {"officials": [
        {"name": "Khăm Phăn", "position": "Phó Giám đốc Sở Công Thương tỉnh Hủa Phăn", "org_place": "Sơn La"}]}}
    assert evaluate(gold, placed).scores["officials"].tp == 0
    placed["a.txt"]["officials"][0]["org_place"] = None
    assert evaluate(gold, placed).scores["officials"].tp == 1


def test_a_body_written_short_or_in_full_is_one_post():
    gold = {"articles": [{"seed": "a.txt", "officials": [
        {"name": "Lê Văn Trung", "position": "Chủ tịch HĐND xã Cẩm Thủy", "org_place": "Thanh Hóa"}]}]}
    predicted = {"a.txt": {"officials": [
        {"name": "Lê Văn Trung", "position": "Chủ tịch Hội đồng nhân dân xã Cẩm Thủy", "org_place": "Thanh Hóa"}]}}
    assert evaluate(gold, predicted).scores["officials"].tp == 1
    predicted["a.txt"]["officials"][0]["position"] = "Chủ tịch Ủy ban nhân dân xã Cẩm Thủy"
    assert evaluate(gold, predicted).scores["officials"].tp == 0
