"""A page saved as plain text (what a copy from a browser gives) to the same fields as an HTML page."""

from __future__ import annotations

import re

from nlp.page.byline import SENTENCE_END, is_boilerplate, split_tail
from nlp.page.datetext import is_date_line, parse_page_date
from nlp.page.model import Page
from nlp.text import match_key, normalize
from nlp.vocabulary import tokens
from nlp.vocabulary import vocabulary as _names

_PARAGRAPH_WORDS = 20
_MAX_TITLE_WORDS = 40  # no headline is longer: a line past it is a paragraph, even one cut off mid-sentence
_WRAPPED_WORDS = 5  # a line this long ending in a family name is a broken one, not a caption
_BEFORE_NUMBER = frozenset({"số", "ngày", "tháng", "năm", "khoản", "điều"})
_GOES_ON = frozenset({"của", "và", "các", "với", "cho", "tại", "về", "theo", "do", "trong", "những", "thuộc"})
_HONORIFICS = frozenset({"ông", "bà", "chí"})  # "đồng chí" ends in "chí"
_DATED_LEAD = re.compile(r"[^\W\d_]+ \d{1,2}[/.-]\d{1,2}(?!\d)")
_INNER_SENTENCE_END = re.compile(r"([^\W\d_])[.!?] +(\w)")  # "năm trước. Trong": not "TP. Hồ Chí Minh"
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")  # "<b>", "<img src=… />" left in a copy
_CHROME_START = re.compile(
    r"^(Các tin (cùng chuyên mục|khác|liên quan)|Tin (liên quan|cùng chuyên mục|khác)\s*:?\s*$|"
    r"Xem tin khác|Lượt truy cập|Từ khóa\s*:|Bình luận của bạn|\[?\s*Quay lại)", re.I)


def _wrapped(line: str, following: str) -> bool:
    """A line broken where the text goes on: the next line begins in lowercase (or with the number a
    "số" or "ngày" announces), or the line ends with a comma or a word that cannot end a sentence
    ("của", "và"), or inside a name or a title ("đồng chí Nguyễn" / "Văn Thành, Phó" / "Giám đốc …"), or
    after a title (its holder or its organisation follows: "Phó Chủ tịch" / "UBND huyện")."""
    if SENTENCE_END.search(line) or not following:
        return False
    first, words = following[0], line.split()
    if first.islower() or line[-1] in ",-–":  # no sentence ends with a comma or a dash
        return True
    last = words[-1].casefold()
    if first.isdigit():
        return last in _BEFORE_NUMBER or last in _GOES_ON
    if not (first.isupper() and len(words) >= _WRAPPED_WORDS) or _DATED_LEAD.match(following):
        return False  # "Ngày 9/3, …", "Sáng 12-5 …": a lead begins, not the rest of a name
    if last in _GOES_ON:  # "… văn bản quy phạm luật của" / "Hội đồng nhân dân, …"
        return True
    across = tokens(f"{words[-1]} {following[:40]}")
    title = _names().titles.match(across, 1 if across[0].key in {"phó", "quyền"} else 0)
    return match_key(last) in _names().surnames or last in _HONORIFICS or bool(title and title[0] > 1) or any(
        (ending := _names().titles.match(tokens(" ".join(words[-n:])), 0)) and ending[0] == n for n in (2, 3))


def unwrap(lines: list[str]) -> list[str]:
    """Lines of a paragraph broken at a fixed width (documents, copies of PDFs) joined again, so a
    sentence or a name is not cut in two."""
    joined: list[str] = []
    for line in lines:
        if joined and _wrapped(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _paragraph(line: str) -> bool:
    """Long enough for a paragraph and ending a sentence, or holding one whole sentence before more (a
    copy cut off mid-sentence: "… năm trước. Trong đó, … so cùng kỳ"), or longer than any title."""
    words = len(line.split())
    return words > _MAX_TITLE_WORDS or (words >= _PARAGRAPH_WORDS and bool(
        SENTENCE_END.search(line) or any(m.group(1).islower() and m.group(2).isupper()
                                         for m in _INNER_SENTENCE_END.finditer(line))))


def extract_text_page(text: str, url: str = "", date_order: str | None = None) -> Page:
    """The body starts after the title: the longest line before the first line long enough to be a
    paragraph (lines above the title are site chrome; a document's heading lines below it stay in the
    body); the date is the last date-only line before that paragraph (earlier ones are site clocks),
    else a date-only line closing the body (a CMS stamp); the tail is cut at the first line of page
    chrome (related lists, counters, keyword boxes). Markup a copy kept ("<b>", "<img …/>") is dropped.
    """
    lines = unwrap([line for line in (" ".join(raw.split()) for raw in _MARKUP.sub(" ", normalize(text)).split("\n"))
                    if line])
    start = next((index for index, line in enumerate(lines) if _paragraph(line)), 0)
    page = Page(url=url, canonical_url=url)
    header = lines[:start]
    for line in reversed(header):
        found = parse_page_date(line, date_order) if is_date_line(line) else None
        if found:
            page.published, page.published_raw = found
            break
    titles = [k for k, line in enumerate(header)
              if not is_date_line(line) and not line.isupper() and len(line.split()) > 4]
    title = max(titles, key=lambda k: len(header[k])) if titles else None
    page.title = header[title] if title is not None else None
    first = start if title is None else title + 1
    body = []
    for index, line in enumerate(lines[first:], first):
        if _CHROME_START.match(line):
            break
        if not is_boilerplate(line) and not (index < start and is_date_line(line)):
            body.append(line)
    if page.published is None and body and is_date_line(body[-1]) and (
            found := parse_page_date(body[-1], date_order)):
        page.published, page.published_raw = found
        body.pop()
    split_tail(page, body)
    for problem, missing in (("no_title", page.title), ("no_date", page.published), ("no_body", page.paragraphs)):
        if not missing:
            page.problems.append(problem)
    return page
