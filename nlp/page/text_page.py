"""A page saved as plain text (what a copy from a browser gives) to the same fields as an HTML page."""

from __future__ import annotations

import re

from nlp.page.byline import SENTENCE_END, is_boilerplate, split_tail
from nlp.page.datetext import is_date_line, parse_page_date
from nlp.page.model import Page
from nlp.text import normalize

_PARAGRAPH_WORDS = 20
_CHROME_START = re.compile(
    r"^(Các tin (cùng chuyên mục|khác|liên quan)|Tin (liên quan|cùng chuyên mục|khác)\s*:?\s*$|"
    r"Xem tin khác|Lượt truy cập|Từ khóa\s*:|Bình luận của bạn|\[?\s*Quay lại)", re.I)


def extract_text_page(text: str, url: str = "", date_order: str | None = None) -> Page:
    """The body starts at the first line long enough to be a paragraph; the date is the last
    date-only line before it (earlier ones are site clocks); the tail is cut at the first
    line of page chrome (related lists, counters, keyword boxes).
    """
    lines = [line for line in normalize(text).split("\n") if line]
    start = next((index for index, line in enumerate(lines)
                  if len(line.split()) >= _PARAGRAPH_WORDS and SENTENCE_END.search(line)), 0)
    page = Page(url=url, canonical_url=url)
    header = lines[:start]
    for line in reversed(header):
        found = parse_page_date(line, date_order) if is_date_line(line) else None
        if found:
            page.published, page.published_raw = found
            break
    titles = [line for line in header if not is_date_line(line) and not line.isupper() and len(line.split()) > 4]
    page.title = max(titles, key=len) if titles else None
    body = []
    for line in lines[start:]:
        if _CHROME_START.match(line):
            break
        if not is_boilerplate(line):
            body.append(line)
    split_tail(page, body)
    for problem, missing in (("no_title", page.title), ("no_date", page.published), ("no_body", page.paragraphs)):
        if not missing:
            page.problems.append(problem)
    return page
