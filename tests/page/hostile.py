"""Pages built to break the extractor, shared by the hostile-page tests and `bench/pages.py`."""

from __future__ import annotations

SENTENCE = "Sở Công Thương tổ chức hội nghị tổng kết công tác năm với sự tham dự của các doanh nghiệp."
URL = "http://example.vn/tin/hoi-nghi.html"


def page(body: str, head: str = "") -> str:
    return (f"<html><head><title>Tin bài - Sở Công Thương</title>{head}</head><body>"
            f"<h1>Hội nghị tổng kết công tác năm của ngành Công Thương</h1>{body}</body></html>")


def large_pages() -> dict[str, str]:
    """The large shapes: many paragraphs, many date spans, many headings, deep nesting."""
    return {
        "50,000 paragraphs": page("".join(f"<p>{SENTENCE} {index}</p>" for index in range(50_000))),
        "5,000 date spans": page("".join(f"<span>10:{index % 60:02d} 0{1 + index % 9}/12/2024</span><p>{SENTENCE}</p>"
                                         for index in range(5_000))),
        "5,000 headings": page("".join(f"<h1>Tiêu đề số {index} của trang</h1><p>{SENTENCE}</p>"
                                       for index in range(5_000))),
        "5,000 nested divs": page("<div>" * 5_000 + f"<p>{SENTENCE}</p>" * 3 + "</div>" * 5_000),
    }
