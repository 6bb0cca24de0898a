import unicodedata

import pytest

from nlp.text import canonical_tones, fold, nfc_with_offsets, normalize, sentences


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ", "thủy"),
        ("quí", "quý"),
        ("Quí", "Quý"),
        ("khoẻ", "khỏe"),
        ("hoàn thành", "hoàn thành"),  # closed syllable: already right
        ("quỷ", "quỷ"),  # the u of "qu" is not a vowel
        ("Hòa", "Hòa"),
    ],
)
def test_canonical_tones(old, new):
    assert canonical_tones(old) == new
    assert len(canonical_tones(old)) == len(old)


def test_normalize_is_nfc_with_lines_kept():
    text = unicodedata.normalize("NFD", "Sở  Công\tThương \r\nHải\u00a0Dương ")
    assert normalize(text) == "Sở Công Thương\nHải Dương"
    assert unicodedata.is_normalized("NFC", normalize(text))


def test_fold():
    assert fold("Đà Nẵng Ủy ban") == "da nang uy ban"


def test_sentences_split_on_line_breaks_first():
    text = "Chiều 5-7, hội nghị đạt 14.000 tỷ đồng. Đồng chí phát biểu\nCác đại biểu dự hội nghị"
    found = sentences(text)
    assert [s.text for s in found] == [
        "Chiều 5-7, hội nghị đạt 14.000 tỷ đồng.",
        "Đồng chí phát biểu",
        "Các đại biểu dự hội nghị",
    ]
    assert [s.index for s in found] == [0, 1, 2]
    assert all(text[s.start : s.end] == s.text for s in found)


def test_sentences_keep_abbreviations_and_numbers():
    assert len(sentences("TP. Hải Phòng đạt 1.234,5 tỷ đồng.")) == 1


def test_nfc_offsets_map_back_to_nfd():
    nfd = unicodedata.normalize("NFD", "Uỷ ban hoà")
    nfc, offsets = nfc_with_offsets(nfd)
    assert nfc == "Uỷ ban hoà"
    assert offsets is not None and len(offsets) == len(nfc) + 1
    assert unicodedata.normalize("NFC", nfd[offsets[3] : offsets[6]]) == "ban"
    assert nfc_with_offsets("đã NFC") == ("đã NFC", None)


def test_a_line_broken_inside_a_sentence_joins_it_when_the_next_line_goes_on_in_lowercase():
    text = "Ông Hải, Phó\n\nban Thường trực, phát biểu.\nẢnh: Tư liệu\nNgày 5/6 hội nghị họp"
    found = sentences(text)
    assert [s.text for s in found] == ["Ông Hải, Phó  ban Thường trực, phát biểu.", "Ảnh: Tư liệu",
                                       "Ngày 5/6 hội nghị họp"]
    assert [text[s.start : s.end].replace("\n", " ") for s in found] == [s.text for s in found]
