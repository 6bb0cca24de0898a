import pytest

from nlp import names
from nlp.mentions import merge_mentions, person_key, positions_compatible
from nlp.officials import find_officials
from nlp.text import sentences


def officials_of(text: str, province: str | None = None):
    return [(o.name, o.position, o.org_place) for o in find_officials(sentences(text), province)]


PATTERNS = [
    (
        "Dự hội nghị có đồng chí Nguyễn Hùng Nam, Phó Chủ tịch UBND tỉnh Hưng Yên cùng lãnh đạo.",
        None,
        [("Nguyễn Hùng Nam", "Phó Chủ tịch UBND tỉnh Hưng Yên", "Hưng Yên")],
    ),
    (
        "Dự có ông Trần Văn Bình, Giám đốc Sở Công Thương.",
        None,
        [("Trần Văn Bình", "Giám đốc Sở Công Thương", None)],
    ),
    (
        "Bà Lê Thị Hoa, Phó Giám đốc Sở Tài chính tỉnh Nam Định cho biết.",
        None,
        [("Lê Thị Hoa", "Phó Giám đốc Sở Tài chính tỉnh Nam Định", "Nam Định")],
    ),
    (
        "Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Lê Huy đã thông tin.",
        None,
        [("Nguyễn Lê Huy", "Phó Chủ tịch Thường trực UBND tỉnh", None)],
    ),
    (
        "Giám đốc Sở Công Thương Nguyễn Văn An chủ trì hội nghị.",
        None,
        [("Nguyễn Văn An", "Giám đốc Sở Công Thương", None)],
    ),
    (
        "đồng chí Nguyễn Công Hòa - Chủ tịch Công đoàn ngành Công Thương Hải Phòng phát động.",
        None,
        [("Nguyễn Công Hòa", "Chủ tịch Công đoàn ngành Công Thương Hải Phòng", "Hải Phòng")],
    ),
    (
        "Ông Lê Văn Cường – Trưởng phòng Quản lý thương mại cho biết.",
        None,
        [("Lê Văn Cường", "Trưởng phòng Quản lý thương mại", None)],
    ),
    (
        "đồng chí Hoàng Minh Cường, Phó Chủ tịch Uỷ ban Nhân dân thành phố và đồng chí "
        "Trương Thanh Hoài, Thứ trưởng Bộ Công Thương.",
        "Hải Phòng",
        [
            ("Hoàng Minh Cường", "Phó Chủ tịch Uỷ ban Nhân dân thành phố", "Hải Phòng"),
            ("Trương Thanh Hoài", "Thứ trưởng Bộ Công Thương", None),
        ],
    ),
    (
        "Dự hội nghị có đồng chí Nguyễn Lê Huy, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh.",
        None,
        [
            (
                "Nguyễn Lê Huy",
                "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh",
                None,
            )
        ],
    ),
    (
        "Dự có các đồng chí: Nguyễn Văn An, Bí thư Tỉnh ủy; Trần Văn Bình, Chủ tịch UBND tỉnh "
        "và Phạm Thị Cúc, Chánh Văn phòng Sở.",
        "Yên Bái",
        [
            ("Nguyễn Văn An", "Bí thư Tỉnh ủy", "Yên Bái"),
            ("Trần Văn Bình", "Chủ tịch UBND tỉnh", "Yên Bái"),
            ("Phạm Thị Cúc", "Chánh Văn phòng Sở", "Yên Bái"),
        ],
    ),
    (
        "Tham dự có đồng chí Bí thư Tỉnh ủy Đỗ Văn Dũng, Chủ tịch UBND tỉnh Vũ Thị Én.",
        None,
        [
            ("Đỗ Văn Dũng", "Bí thư Tỉnh ủy", None),
            ("Vũ Thị Én", "Chủ tịch UBND tỉnh", None),
        ],
    ),
    (
        "Thứ trưởng Trương Thanh Hoài phát biểu.",
        None,
        [("Trương Thanh Hoài", "Thứ trưởng", None)],
    ),
    (
        "Đồng chí Phùng Quang Hội, Giám đốc Sở trao Giấy khen cho các tập thể",
        None,
        [("Phùng Quang Hội", "Giám đốc Sở", None)],
    ),
    (
        "Tại Hà Nội, Phó Thủ tướng Trần Hồng Hà chủ trì cuộc họp.",
        None,
        [("Trần Hồng Hà", "Phó Thủ tướng", None)],
    ),
    # A family name outside the lexicon: underthesea's pos_tag confirms the name; a district's
    # office is in the article's province.
    (
        "Dự có bà Giàng Thị Mai, Phó Chủ tịch UBND huyện Mù Cang Chải.",
        "Yên Bái",
        [("Giàng Thị Mai", "Phó Chủ tịch UBND huyện Mù Cang Chải", "Yên Bái")],
    ),
]


@pytest.mark.parametrize(("text", "province", "expected"), PATTERNS)
def test_official_patterns(text, province, expected):
    assert officials_of(text, province) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Đồng chí Phó Chủ tịch UBND tỉnh phát biểu tại hội nghị",
        "Giám đốc Sở Công Thương cũng trao Giấy khen cho 26 cá nhân.",
        "trao Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể.",
        "kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh;",
        "Nguồn Bài: Bùi Văn An",
        "Tại hội nghị, Phó Chủ tịch UBND tỉnh yêu cầu các đơn vị.",
        "Hội nghị Tổng kết, Chủ tịch UBND tỉnh phát biểu.",
        "Lãnh đạo Sở Công Thương của 6 tỉnh, thành phố ký giao ước thi đua năm 2024",
    ],
)
def test_not_officials(text):
    assert officials_of(text) == []


def test_every_mention_is_kept_and_merged_once_with_the_fullest_position():
    text = (
        "Dự có đồng chí Nguyễn Lê Huy, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND "
        "tỉnh.\nPhát biểu, Phó Chủ tịch Thường trực UBND tỉnh Nguyễn Lê Huy đề nghị."
    )
    mentions = find_officials(sentences(text))
    assert [mention.sentence_index for mention in mentions] == [0, 1]
    assert all(text[mention.start : mention.end] == mention.raw for mention in mentions)
    (official,) = merge_mentions(mentions)
    assert official.position.startswith("Ủy viên Ban Thường vụ Tỉnh ủy")
    assert official.organisation == "UBND tỉnh"


def test_person_key():
    assert person_key("Nguyễn Công Hoà") == person_key("nguyễn  công hòa") == "nguyễn công hòa"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Thường trực UBND tỉnh Hưng Yên", True),
        ("Phó Chủ tịch Uỷ ban Nhân dân thành phố", "Phó Chủ tịch UBND thành phố", True),
        ("Giám đốc Sở", "Giám đốc Sở Công Thương", True),
        (
            "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh",
            "Phó Chủ tịch Thường trực UBND tỉnh",
            True,
        ),
        ("Giám đốc Sở", "Bí thư Tỉnh ủy Nam Định", False),
        ("Giám đốc Sở Công Thương tỉnh Hưng Yên", "Giám đốc Sở Công Thương tỉnh Hải Dương", False),
        ("Giám đốc Sở Công Thương", "Giám đốc Sở Tài chính", False),
        ("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", False),
        ("Phó Chủ tịch UBND TP Thanh Hóa (cũ)", "Phó Chủ tịch UBND tỉnh Thanh Hóa", False),
        ("Chủ tịch UBND thành phố Hải Phòng", "Chủ tịch UBND TP. Hải Phòng", True),
    ],
)
def test_positions_compatible(a, b, same):
    assert positions_compatible(a, b) is same
    assert positions_compatible(b, a) is same


def test_a_sentence_broken_over_lines_is_read_as_one():
    text = ("Tham dự có đồng chí Lò Văn Hải, Phó Giám đốc Sở Nông nghiệp và Phát\n\ntriển nông thôn, "
            "cùng lãnh đạo các sở.\n\nẢnh: Minh Anh")
    (official,) = find_officials(sentences(text), "Sơn La")
    assert (official.name, official.position, official.org_place) == (
        "Lò Văn Hải", "Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Sơn La")
    assert text[official.start : official.end].startswith("Lò Văn Hải")


@pytest.mark.parametrize("text", ["Ông Nguyễn Văn An được bổ nhiệm giữ chức", "Bà Trần Thị Bình giữ chức",
                                  "Ông Lê Văn Cường được giao quyền"])
def test_an_appointment_cut_off_after_its_verb_names_no_post(text):
    assert find_officials(sentences(text), "Sơn La") == []


def test_a_chain_of_concurrent_posts_keeps_each_post():
    text = "Đồng chí Vi Thị Mai, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch HĐND tỉnh dự."
    (found,) = find_officials(sentences(text), "Cao Bằng")
    assert found.posts == ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy", "Chủ tịch HĐND tỉnh")
    (single,) = find_officials(sentences("Ông Lò Văn Hùng, Giám đốc Sở Công Thương dự."), "Cao Bằng")
    assert single.posts == ()


def _no_tagger(*_args, **_kwargs):
    raise AssertionError("underthesea's tagger was asked")


@pytest.mark.parametrize(("text", "name"), [
    ("Ông Cầm Văn Thưởng, Phó Giám đốc Sở Công Thương tỉnh Sơn La, phát biểu tại hội nghị.", "Cầm Văn Thưởng"),
    ("Bà Siu Hương, Chi cục trưởng Chi cục QLTT tỉnh Gia Lai, cho biết đã kiểm tra 40 vụ.", "Siu Hương"),
    ("Ông Danh Út Hiền, Phó Giám đốc Sở Công Thương tỉnh Kiên Giang, trao giấy khen.", "Danh Út Hiền"),
])
def test_ethnic_minority_family_names_are_known_without_the_tagger(text, name, monkeypatch):
    monkeypatch.setattr(names, "pos_tag", _no_tagger)
    names._proper_nouns.cache_clear()
    assert name in [o.name for o in find_officials(sentences(text))]


def test_an_office_is_never_taken_to_the_tagger_as_a_name(monkeypatch):
    monkeypatch.setattr(names, "pos_tag", _no_tagger)
    names._proper_nouns.cache_clear()
    assert officials_of("Đại diện Sở Công Thương cùng Ban Quản lý Khu kinh tế phát biểu.") == []


def test_a_highland_name_with_its_apostrophe_is_one_name():
    text = "Bà H'Nhí Niê Kdăm, Phó Giám đốc Sở Công Thương tỉnh Đắk Lắk, cho biết kế hoạch đã xong."
    assert officials_of(text) == [("H'Nhí Niê Kdăm", "Phó Giám đốc Sở Công Thương tỉnh Đắk Lắk", "Đắk Lắk")]


def test_a_word_before_a_vietnamese_name_is_no_part_of_a_foreign_name():
    text = "Cô Lê Thị Hạnh - Trưởng phòng Giáo dục tiểu học Sở GD-ĐT, cho biết kế hoạch."
    assert [name for name, _, _ in officials_of(text)] == ["Lê Thị Hạnh"]
