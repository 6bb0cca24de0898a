"""Which date a page gives: its own date line, never the site clock, a related date or a modified one."""

from __future__ import annotations

from nlp.page import extract_page

BODY = "<p>" + "Sở Công Thương tỉnh tổ chức hội nghị tổng kết công tác năm với các doanh nghiệp. " * 4 + "</p>"
TITLE = "Hội nghị tổng kết công tác năm của ngành Công Thương tỉnh"


def _page(header: str = "", article: str = "", head: str = "", tail: str = "") -> str:
    return (f"<html><head><title>{TITLE} - Sở Công Thương</title>{head}</head><body>"
            f"<div class='top-header'>{header}</div><div class='main'><h1>{TITLE}</h1>{article}"
            f"<div class='content'>{BODY * 3}</div></div>{tail}</body></html>")


def test_the_date_line_by_the_headline_wins_over_the_site_clock_and_related_news() -> None:
    html = _page(header="<span class='clock'>Thứ Hai, 02/12/2024</span>",
                 article="<p class='date'>10:15 28/11/2024</p>",
                 tail="<ul class='other-news'><li><a href='/a'>Tin khác cùng chuyên mục</a> (01/12/2024)</li></ul>")
    page = extract_page(html, "http://example.vn/tin/a.html")
    assert page.published == "2024-11-28T10:15:00+07:00"
    assert page.page_kind == "article"
    assert "28/11/2024" not in page.body


def test_a_modified_date_never_stands_in_for_the_published_one() -> None:
    head = ('<meta property="article:modified_time" content="2024-12-01T09:00:00+07:00">'
            '<meta property="article:published_time" content="2024-11-20T08:30:00+07:00">')
    page = extract_page(_page(head=head), "http://example.vn/tin/b.html")
    assert page.published == "2024-11-20T08:30:00+07:00"


def test_only_a_modified_date_gives_no_date() -> None:
    head = '<meta property="article:modified_time" content="2024-12-01T09:00:00+07:00">'
    page = extract_page(_page(head=head), "http://example.vn/tin/c.html")
    assert page.published is None and "no_date" in page.problems


def test_day_month_order_from_the_page_s_own_dates() -> None:
    html = _page(article="<p class='date'>Published on 03-08-2011 01:00 AM</p>",
                 tail="<div class='most-viewed'><p>Bài xem nhiều 12-27-2012</p></div>")
    assert extract_page(html, "http://example.vn/tin/d.html").published == "2011-03-08T01:00:00+07:00"


def test_the_url_date_when_the_page_shows_none() -> None:
    page = extract_page(_page(), "http://example.vn/2024/11/25/hoi-nghi.html")
    assert page.published == "2024-11-25"
