"""The generic path on real pages no one wrote selectors for (../shared/real-pages, see its README)."""

from __future__ import annotations

import pytest

from nlp.page import extract_page
from tests.page.real_pages import NON_ARTICLES, REAL_PAGES, gold, read, score, source_urls

pytestmark = pytest.mark.skipif(not (REAL_PAGES / "gold.json").exists(), reason="../shared/real-pages is absent")


def test_at_least_14_of_15_real_articles_are_fully_right() -> None:
    scores = [score(extract_page(read(expected["file"]), expected["url"]), expected) for expected in gold()]
    wrong = {one.file: one.wrong for one in scores if not one.right}
    assert len(scores) == 15
    assert len(wrong) <= 1, wrong


def test_every_real_article_reads_as_an_article() -> None:
    kinds = {expected["file"]: extract_page(read(expected["file"]), expected["url"]).page_kind for expected in gold()}
    assert set(kinds.values()) == {"article"}, kinds


@pytest.mark.parametrize("name", NON_ARTICLES)
def test_real_non_articles_are_recognised(name: str) -> None:
    page = extract_page(read(name), source_urls()[name])
    expected = "other" if "tinhte" in name else "homepage"  # a forum thread; four homepages
    assert page.page_kind == expected, (page.title, page.paragraphs[:3])


def test_real_pages_are_stored_as_nfc() -> None:
    import unicodedata

    expected = next(one for one in gold() if one["file"] == "myfeed__vnexpress2.html")  # mixed NFD source
    page = extract_page(read(expected["file"]), expected["url"])
    assert all(unicodedata.is_normalized("NFC", paragraph) for paragraph in page.paragraphs)
