"""Pages built to break the extractor: each must extract, in time linear in its size (issue #10 part 4, #15)."""

from __future__ import annotations

import gc
import time

from nlp.page import extract_page

SENTENCE = "Sở Công Thương tổ chức hội nghị tổng kết công tác năm với sự tham dự của các doanh nghiệp."


def _page(body: str, head: str = "") -> str:
    return (f"<html><head><title>Tin bài - Sở Công Thương</title>{head}</head><body>"
            f"<h1>Hội nghị tổng kết công tác năm của ngành Công Thương</h1>{body}</body></html>")


def _timed(html: str) -> tuple[float, object]:
    """CPU seconds of this thread (not the mirror's server threads, not other tests' garbage): the bound
    is about growth with the page's size, not about how busy the machine is."""
    gc.collect()
    started = time.thread_time()
    page = extract_page(html, "http://example.vn/tin/hoi-nghi.html")
    return time.thread_time() - started, page


def test_a_page_of_50000_paragraphs_extracts_in_under_2_seconds() -> None:
    elapsed, page = _timed(_page("".join(f"<p>{SENTENCE} {index}</p>" for index in range(50_000))))
    assert len(page.paragraphs) == 50_000
    assert elapsed < 2.0, elapsed


def test_many_date_spans_and_headings_stay_linear() -> None:
    dates = _page("".join(f"<span>10:{index % 60:02d} 0{1 + index % 9}/12/2024</span><p>{SENTENCE}</p>"
                          for index in range(5_000)))
    headings = _page("".join(f"<h1>Tiêu đề số {index} của trang</h1><p>{SENTENCE}</p>" for index in range(5_000)))
    for html in (dates, headings):
        elapsed, page = _timed(html)
        assert page.paragraphs
        assert elapsed < 2.0, elapsed


def test_deeply_nested_markup_does_not_exhaust_the_stack() -> None:
    elapsed, page = _timed(_page("<div>" * 5_000 + f"<p>{SENTENCE}</p>" * 3 + "</div>" * 5_000))
    assert page.title and elapsed < 2.0


def test_deep_json_ld_loses_only_that_signal() -> None:
    page = extract_page(_page(f"<p>Ngày 02/12/2024</p><p>{SENTENCE}</p>" * 3,
                              '<script type="application/ld+json">' + "[" * 1000 + "</script>"),
                        "http://example.vn/tin/a.html")
    assert page.title == "Hội nghị tổng kết công tác năm của ngành Công Thương"
    assert page.published == "2024-12-02"


def test_svg_with_a_table_row_does_not_raise() -> None:
    page = extract_page(_page(f"<svg><div></div><tr></svg><p>{SENTENCE}</p>" * 3), "http://example.vn/tin/b.html")
    assert page.title and page.paragraphs


def test_empty_and_markup_only_pages_give_problems_not_exceptions() -> None:
    for html in ("", "   ", "<html></html>", "<?xml version='1.0' encoding='utf-8'?><html><body></body></html>",
                 "\x00\x01<p>", "<" * 10_000):
        page = extract_page(html, "http://example.vn/")
        assert "no_body" in page.problems and page.page_kind != "article"
