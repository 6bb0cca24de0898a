import json
import time
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest

from nlp.facts import MAX_CHARS, Facts, extract_facts
from tests.nlp.seeds import article_body, articles

TEXT = (
    "Chiều 5-7, Sở Công thương tổ chức hội nghị. Đồng chí Nguyễn Văn Thành, Giám đốc Sở Công "
    "thương chủ trì hội nghị.\nTổng kim ngạch xuất khẩu ước tăng 28,87% so với cùng kỳ năm trước; "
    "thực hiện Nghị quyết số 01/NQ-CP ngày 6/1/2023 của Chính phủ."
)


def _without_offsets(facts: Facts) -> dict:
    data = facts.to_dict()
    for kind in ("dates", "officials", "figures", "documents"):
        for item in data[kind]:
            del item["offsets"]
    return data


def test_shape_of_to_dict():
    data = extract_facts(TEXT, date(2024, 7, 7), "Hải Phòng").to_dict()
    json.dumps(data)
    assert data["published"] == "2024-07-07"
    assert set(data["dates"][0]) >= {"kind", "value", "begin", "end", "raw"}
    assert set(data["officials"][0]) >= {"name", "position", "org_place", "organisation"}
    assert set(data["figures"][0]) >= {
        "indicator", "indicator_key", "raw", "value", "unit", "direction", "comparison",
        "period", "scope", "estimate", "qualifier",
    }  # fmt: skip
    assert data["documents"] == [
        {
            "kind": "resolution",
            "number": "01/NQ-CP",
            "issuer": "CP",
            "issued": "2023-01-06",
            "raw": "Nghị quyết số 01/NQ-CP",
            "offsets": [TEXT.index("Nghị quyết"), TEXT.index(" ngày 6/1")],
            "sentence_index": 2,
        }
    ]


def test_every_fact_knows_its_sentence():
    facts = extract_facts(TEXT, date(2024, 7, 7))
    for fact in [*facts.dates, *facts.officials, *facts.figures, *facts.documents]:
        assert TEXT[fact.start : fact.end] == fact.raw
        assert fact.raw in fact.sentence
        assert fact.sentence_index in (0, 1, 2)


def test_published_datetime_is_passed_through_and_used():
    published = datetime(2024, 7, 7, 10, 46, tzinfo=timezone(timedelta(hours=7)))
    facts = extract_facts(TEXT, published)
    assert facts.to_dict()["published"] == "2024-07-07T10:46:00+07:00"
    assert facts.dates[0].value == "2024-07-05"


def test_nfd_gives_the_same_facts_as_nfc():
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT
    from_nfd, from_nfc = extract_facts(nfd, date(2024, 7, 7)), extract_facts(TEXT, date(2024, 7, 7))
    assert _without_offsets(from_nfd) == _without_offsets(from_nfc)
    for fact in [*from_nfd.dates, *from_nfd.officials, *from_nfd.figures, *from_nfd.documents]:
        assert unicodedata.normalize("NFC", nfd[fact.start : fact.end]) == fact.raw


def test_old_tone_placement_gives_the_same_facts():
    old = "Đồng chí Nguyễn Văn Hoà, Phó Chủ tịch Uỷ ban nhân dân tỉnh dự."
    (official,) = extract_facts(old, province="Hải Dương").officials
    assert (official.name, official.position, official.org_place) == (
        "Nguyễn Văn Hoà",
        "Phó Chủ tịch Uỷ ban nhân dân tỉnh",
        "Hải Dương",
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n\t ",
        "1 2 3 4 5 6 7 8 9 10 11 12 2023 2024 45,6 7.890",
        "%%%%%% tỷ USD ngày / / - – ()()(( số /NQ-CP",
        "<html><head><script>var x = '5%';</script></head><body><div class=\"a\">"
        "<p>Ông <b>Nguyễn Văn An</b>, Giám đốc</p><td>5%</td></div></body></html>",
        "\x00\ufeff\u200b" * 100,
    ],
    ids=["empty", "blank", "numbers", "punctuation", "html", "control"],
)
def test_bad_input_does_not_raise(text):
    facts = extract_facts(text)
    assert isinstance(facts.to_dict(), dict)
    assert not facts.officials


def test_only_numbers_give_no_facts():
    facts = extract_facts("1 2 3 4 5 6 7 8 9 10 11 12 2023 2024 45,6 7.890")
    assert (facts.dates, facts.officials, facts.figures, facts.documents) == ([], [], [], [])


def test_html_soup_still_yields_the_sentences_facts():
    facts = extract_facts("<p>Xuất khẩu đạt <b>5 tỷ USD</b>, tăng 5%.</p><br/>Ngày 20/12/2023")
    assert [(f.value, f.unit) for f in facts.figures] == [(5_000_000_000, "USD"), (5, "%")]
    assert [d.value for d in facts.dates] == ["2023-12-20"]


def test_five_megabytes_are_bounded():
    body = "\n".join(article_body(a) for a in articles())
    huge = (body * (5_000_000 // len(body) + 1))[:5_000_000]
    began = time.perf_counter()
    facts = extract_facts(huge, date(2024, 7, 7))
    assert time.perf_counter() - began < 30
    assert facts.truncated
    assert facts.figures and all(f.end <= MAX_CHARS for f in facts.figures)
    assert not extract_facts(body).truncated


@pytest.mark.parametrize("text", ["tăng 5% " * 700_000, "ngày 1/1/2020 " * 400_000, "(" * 1_000_000])
def test_run_on_lines_are_bounded(text):
    began = time.perf_counter()
    extract_facts(text)
    assert time.perf_counter() - began < 30


def test_a_national_papers_story_gives_its_provincial_posts_the_province_it_is_about():
    text = ("Sáng 2/12, UBND tỉnh Hưng Yên tổ chức công bố quyết định về công tác cán bộ.\n"
            "Ông Trần Văn Bình, Giám đốc Sở Công Thương nhận quyết định nghỉ hưu.")
    (official,) = extract_facts(text, title="Hưng Yên: bổ nhiệm nhân sự Sở Công Thương").officials
    assert (official.name, official.position, official.org_place) == (
        "Trần Văn Bình", "Giám đốc Sở Công Thương", "Hưng Yên")
    (elsewhere,) = extract_facts(text, province="Hải Dương").officials
    assert elsewhere.org_place == "Hải Dương"


def test_a_title_that_opens_with_another_province_gives_the_story_its_province():
    text = "Dự lễ khai mạc có ông Đinh Quang Sơn, Chủ tịch UBND tỉnh cùng lãnh đạo các sở."
    (official,) = extract_facts(text, province="Hà Tĩnh", title="Thanh Hóa khai mạc hội chợ OCOP").officials
    assert official.org_place == "Thanh Hóa"
    (at_home,) = extract_facts(text, province="Hà Tĩnh", title="Khai mạc hội chợ OCOP").officials
    assert at_home.org_place == "Hà Tĩnh"


def test_a_national_paper_whose_lead_names_no_province_takes_the_one_its_body_names():
    text = ("Kiểm tra chợ trước Tết.\nSáng 3/2, Chủ tịch UBND tỉnh Lương Văn Định đã kiểm tra chợ trung tâm. "
            "Đoàn đi cùng các ngành chức năng. Kết quả được báo cáo lên lãnh đạo.\n"
            "Ngành Công Thương Quảng Bình yêu cầu các chợ niêm yết giá.")
    official = extract_facts(text, title="Kiểm tra chợ trước Tết").officials[0]
    assert (official.name, official.position, official.org_place) == (
        "Lương Văn Định", "Chủ tịch UBND tỉnh", "Quảng Bình")


def test_after_the_2025_merger_a_bare_tinh_is_the_province_the_site_joined():
    text = ("Chiều 11/7, Bí thư Tỉnh ủy Lê Văn Phong thăm doanh nghiệp. Cùng đi có ông Trần Văn Quang, Chủ tịch UBND "
            "tỉnh.")
    before = extract_facts(text, published=date(2024, 7, 12), province="Tiền Giang")
    after = extract_facts(text, published=date(2025, 7, 12), province="Tiền Giang")
    assert {o.org_place for o in before.officials} == {"Tiền Giang"}
    assert {o.org_place for o in after.officials} == {"Đồng Tháp"}


def test_without_a_publication_date_the_story_day_tells_the_merged_province():
    text = ("Chiều 14/8, lãnh đạo tỉnh làm việc với các doanh nghiệp về nhiệm vụ năm 2025. Cùng đi có ông Trần Văn "
            "Quang, Chủ tịch UBND tỉnh.")
    after = extract_facts(text, province="Tiền Giang")
    before = extract_facts(text.replace("năm 2025", "năm 2024"), province="Tiền Giang")
    assert {o.org_place for o in after.officials} == {"Đồng Tháp"}
    assert {o.org_place for o in before.officials} == {"Tiền Giang"}
