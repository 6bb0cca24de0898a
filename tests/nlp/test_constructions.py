"""Officials in every construction of issue #11, on sentences written for the project."""

import pytest

from nlp.article import read_article
from nlp.facts import extract_facts
from nlp.mentions import merge_mentions, person_key
from nlp.officials import find_officials
from nlp.remarks import without_aliases
from nlp.text import sentences
from tests.nlp.constructions import CASES, PAGES, SIGNATURES


@pytest.mark.parametrize(("construction", "text", "province", "expected"), CASES, ids=[c[0] for c in CASES])
def test_construction(construction, text, province, expected):
    found = find_officials(sentences(text), province)
    assert [(o.name, o.position, o.organisation, o.org_place, o.role) for o in found] == expected
    assert all(text[o.start : o.end] == o.raw for o in found)
    assert all(o.position in without_aliases(o.raw) or o.organisation in text for o in found)  # named before


@pytest.mark.parametrize(("construction", "text", "province", "expected"), SIGNATURES, ids=[c[0] for c in SIGNATURES])
def test_signature_block(construction, text, province, expected):
    found = extract_facts(text, province=province).officials
    assert [(o.name, o.position, o.organisation, o.org_place, o.role) for o in found] == expected
    assert all(text[o.start : o.end] == o.raw and person_key(o.raw) == person_key(o.name) for o in found)


@pytest.mark.parametrize(("construction", "text", "province", "expected"), PAGES, ids=[c[0] for c in PAGES])
def test_plain_text_page(construction, text, province, expected):
    found = read_article(text, province=province).facts.officials
    assert [(o.name, o.position, o.organisation, o.org_place, o.role) for o in found] == expected


def test_old_and_new_posts_stay_two_entries_of_one_person():
    text = dict((c[0], c[1]) for c in CASES)["an appointment giving the old post and the new"]
    merged = merge_mentions(find_officials(sentences(text), "Hậu Giang"))
    assert [o.role for o in merged] == ["old", "new"]
    assert len({person_key(o.name) for o in merged}) == 1


def test_one_post_written_with_and_without_abbreviations_is_one_entry():
    text = ("Ông Phan Đình Khải, Trưởng Ban Quản lý các Khu kinh tế và khu công nghiệp (BQL KKT - KCN) tỉnh "
            "phát biểu. Theo ông Phan Đình Khải, Trưởng BQL các KKT - KCN tỉnh, năm nay thu hút 5 dự án.")
    (official,) = merge_mentions(find_officials(sentences(text), "Quảng Ngãi"))
    assert official.org_place == "Quảng Ngãi"
    assert official.position.startswith("Trưởng Ban Quản lý các Khu kinh tế")


def test_a_predecessor_moved_in_the_same_article_keeps_the_post_they_leave_as_old():
    text = ("Bổ nhiệm ông Đào Văn Quý, Phó Giám đốc Sở Tài chính, giữ chức Giám đốc Sở Xây dựng, "
            "thay ông Mạc Văn Tùng. "
            "Điều động ông Mạc Văn Tùng, Giám đốc Sở Xây dựng, giữ chức Giám đốc Sở Công Thương.")
    merged = merge_mentions(find_officials(sentences(text), "Nam Định"))
    assert [(o.name, o.position, o.role) for o in merged] == [
        ("Đào Văn Quý", "Phó Giám đốc Sở Tài chính", "old"), ("Đào Văn Quý", "Giám đốc Sở Xây dựng", "new"),
        ("Mạc Văn Tùng", "Giám đốc Sở Xây dựng", "old"), ("Mạc Văn Tùng", "Giám đốc Sở Công Thương", "new")]


def test_the_same_post_with_its_sub_department_abbreviated_is_one_entry():
    text = ("Ông Hà Văn Khoa, Cục trưởng Cục Quản lý thị trường (QLTT) tỉnh Phú Thọ nhận quyết định. Sau đó, ông Hà "
            "Văn Khoa, Cục trưởng Cục QLTT tỉnh Phú Thọ phát biểu.")
    (official,) = merge_mentions(find_officials(sentences(text)))
    assert official.position == "Cục trưởng Cục Quản lý thị trường tỉnh Phú Thọ"


@pytest.mark.parametrize("text", [
    "Ông Nguyễn Văn An, Giám đốc Công ty TNHH Hưng Thịnh chia sẻ kinh nghiệm.",
    "Khu kinh tế mở Chu Lai, Trưởng Ban Quản lý phát biểu.",
])
def test_organisation_names_stop_where_the_sentence_goes_on(text):
    for official in find_officials(sentences(text)):
        assert "chia" not in official.position and official.name != "Chu Lai"


def test_a_department_of_three_sectors_written_short_is_one_entry():
    text = ("Dự lễ có Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch Trịnh Thu Hà. Phó Giám đốc Sở VHTTDL Trịnh Thu Hà "
            "(bên trái) giới thiệu ấn phẩm du lịch.")
    (official,) = merge_mentions(find_officials(sentences(text), "Ninh Thuận"))
    assert official.position == "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch"
