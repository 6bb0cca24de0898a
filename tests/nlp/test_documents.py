from datetime import date

import pytest

from nlp.dates import find_dates
from nlp.documents import find_documents
from nlp.text import sentences


def documents_of(text: str):
    sents = sentences(text)
    return find_documents(sents, find_dates(sents))


@pytest.mark.parametrize(
    ("text", "kind", "number", "issued"),
    [
        ("thực hiện Nghị quyết số 01/NQ-CP ngày 6/1/2023 của Chính phủ", "resolution", "01/NQ-CP", date(2023, 1, 6)),
        ("Công điện số 968/CĐ-TTg của Thủ tướng Chính phủ", "dispatch", "968/CĐ-TTg", None),
        ("chấn chỉnh kỷ luật theo Công điện số 968/CĐ-TTg.", "dispatch", "968/CĐ-TTg", None),
        ("thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2024 về", "directive", "05/CT-TTg", date(2024, 2, 23)),
        ("Quyết định số 1234/QĐ-UBND ngày 15/3/2024 của UBND tỉnh", "decision", "1234/QĐ-UBND", date(2024, 3, 15)),
        ("triển khai Kế hoạch số 56/KH-SCT ngày 10/01/2024", "plan", "56/KH-SCT", date(2024, 1, 10)),
        ("theo Thông tư 42/2019/TT-BCT của Bộ Công Thương", "circular", "42/2019/TT-BCT", None),
        ("Nghị định số 15/2018/NĐ-CP quy định chi tiết", "decree", "15/2018/NĐ-CP", None),
        ("Luật số 05/2017/QH14 có hiệu lực", "law", "05/2017/QH14", None),
        ("theo văn bản 123/SCT-VP ngày 5/7/2024", "official_letter", "123/SCT-VP", date(2024, 7, 5)),
        ("căn cứ 88/NQ-HĐND của HĐND tỉnh", "resolution", "88/NQ-HĐND", None),
        ("quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", "resolution", "57-NQ/TW",
         date(2024, 12, 22)),
        ("thực hiện Kế hoạch số 215-KH⁄TU của Tỉnh ủy", "plan", "215-KH/TU", None),
        ("theo Quyết định số 2310/ QĐ-UBND của UBND tỉnh", "decision", "2310/QĐ-UBND", None),
        ("Theo Quyết định số 2075, ngày 3/12/2025, ông A nhận nhiệm vụ mới", "decision", "2075", date(2025, 12, 3)),
    ],
)
def test_documents(text, kind, number, issued):
    (doc,) = documents_of(text)
    assert (doc.kind, doc.number, doc.issued) == (kind, number, issued)
    assert text[doc.start : doc.end] == doc.raw


@pytest.mark.parametrize(
    ("text", "issuer"),
    [("Công điện số 968/CĐ-TTg", "TTg"), ("văn bản 123/SCT-VP", "SCT"), ("Luật số 05/2017/QH14", None),
     ("Nghị quyết 18-NQ/TW", "TW")],
)
def test_issuer(text, issuer):
    (doc,) = documents_of(text)
    assert doc.issuer == issuer


def test_a_party_number_names_its_kind():
    (doc,) = documents_of("theo tinh thần 18-NQ/TW của Ban Chấp hành Trung ương")
    assert (doc.kind, doc.issuer) == ("resolution", "TW")


def test_a_document_cited_twice_is_listed_once():
    text = "Nghị quyết số 01/NQ-CP của Chính phủ; thực hiện Nghị quyết số 01/NQ-CP ngày 6/1/2023."
    (doc,) = documents_of(text)
    assert doc.issued == date(2023, 1, 6)


@pytest.mark.parametrize(
    "text",
    [
        "thực hiện có hiệu quả Luật Thi đua, khen thưởng",
        "tổ chức thực hiện tốt Nghị quyết Trung ương 6 (khóa XII)",
        "hoàn thành 26/27 nhiệm vụ, giá 500/tấn",
        "ngày 20/12/2023",
        "có 12 quyết định, số 5 trong đó đã thực hiện",
        "Kế hoạch số lượng 1.200 tấn",
    ],
)
def test_not_documents(text):
    assert documents_of(text) == []


def test_a_number_with_a_fraction_slash_or_spaced_dash_is_read_plain():
    text = "Theo Quyết định số 2150⁄QĐ - UBND ngày 3/12/2022 và Công văn số 15/QĐ - Sở Công Thương."
    sents = sentences(text)
    found = find_documents(sents, find_dates(sents))
    assert [(d.number, d.issued) for d in found] == [("2150/QĐ-UBND", date(2022, 12, 3)), ("15/QĐ", None)]
    assert found[0].raw == "Quyết định số 2150⁄QĐ - UBND"
