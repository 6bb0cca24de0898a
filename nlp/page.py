"""Page extraction: one article page's HTML to its title, publication date, author and body.

The same code serves the spiders, `sct extract PAGE.html` and re-extraction from stored HTML.
A site's CSS selectors (from the registry) are used when given; otherwise the page is read
generically with trafilatura for the body and our own date-line search for the date, because
on these portals the generic date finders take the site clock or a related-news timestamp.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from nlp.text import lexicon, normalize

VIETNAM_OFFSET = "+07:00"

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "tr",
               "section", "article", "header", "footer", "ul", "ol", "table", "dd", "dt")
_NEVER_BODY = ("script", "style", "noscript", "iframe", "form", "button", "input", "select",
               "textarea", "nav", "figcaption", "svg", "template")
_CHROME_HINT = re.compile(
    r"clock|today|weather|header|footer|menu|nav|breadcrumb|related|other|lienquan|lien-quan|"
    r"cung-?chuyen-?muc|tin-?khac|sidebar|counter|thong-?ke|visitor|banner|share|social|comment|"
    r"tag|keyword|print|copyright|marquee|widget|portlet-topper", re.I)

_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?|SA|CH))?"
_NUMERIC_DATE = r"(?<!\d)(?P<a>\d{1,2})\s*[/.\-]\s*(?P<b>\d{1,2})\s*[/.\-]\s*(?P<year>(?:19|20)\d{2})"
_DATE_LINE = re.compile(
    rf"(?:{_TIME}\s*(?:,|-|\|)?\s*(?:[^\W\d_]+\s*,?\s*){{0,3}}{_NUMERIC_DATE}"
    rf"|{_NUMERIC_DATE.replace('?P<', '?P<d2_')}(?:\s*(?:,|-|\||lúc)?\s*{_TIME.replace('?P<', '?P<t2_')})?)"
)
_ISO_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
_URL_LINE = re.compile(r"^(?:Nguồn\s*:?\s*)?(https?://\S+)$", re.I)
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:Nguồn\s+bài|Tác\s+giả|Bài\s+và\s+ảnh|Bài,?\s*ảnh|Bài|Người\s+viết|Tin|Tin,?\s*ảnh)\s*:\s*", re.I)
_NAME_LINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?\s+){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*$")
_SENTENCE_END = re.compile(r"[.!?…:;]$")
_PARAGRAPH_WORDS = 20
_CHROME_START = re.compile(
    r"^(Các tin (cùng chuyên mục|khác|liên quan)|Tin (liên quan|cùng chuyên mục|khác)\s*:?\s*$|"
    r"Xem tin khác|Lượt truy cập|Từ khóa\s*:|Bình luận của bạn|\[?\s*Quay lại)", re.I)


@dataclass(frozen=True)
class PageHints:
    """What the registry knows of a site: its day/month order and optional CSS selectors."""

    date_order: str | None = None
    selectors: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    url: str
    canonical_url: str
    title: str | None = None
    published: str | None = None
    published_raw: str | None = None
    author: str | None = None
    source_note: str | None = None
    original_url: str | None = None
    category: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url, "canonical_url": self.canonical_url, "title": self.title,
            "published": self.published, "published_raw": self.published_raw,
            "author": self.author, "source_note": self.source_note,
            "original_url": self.original_url, "category": self.category,
            "body": self.body, "problems": self.problems,
        }


def extract_page(html: str, url: str, hints: PageHints | None = None) -> Page:
    hints = hints or PageHints()
    soup = BeautifulSoup(html, "lxml")
    selectors = hints.selectors or {}
    page = Page(url=url, canonical_url=_canonical_url(soup, url))
    if _is_truncated(html):
        page.problems.append("truncated")

    title_element = _select_one(soup, selectors.get("title")) if selectors.get("title") else None
    page.title = _text(title_element) if title_element else _generic_title(soup, html)
    if not page.title:
        page.problems.append("no_title")
    page.category = _text(_select_one(soup, selectors["category"])) if selectors.get("category") else None

    date_element = _select_one(soup, selectors["date"]) if selectors.get("date") else None
    found = (parse_page_date(_text(date_element), hints.date_order) if date_element
             else _generic_date(soup, title_element or _heading(soup, page.title), hints.date_order))
    if found:
        page.published, page.published_raw = found
    else:
        page.problems.append("no_date")

    body_element = _select_one(soup, selectors["body"]) if selectors.get("body") else None
    if body_element is not None:
        lines = _block_lines(body_element, _as_list(selectors.get("drop")))
    else:
        lines = [line for line in _generic_body_lines(html) if line != page.title]
    author_element = _select_one(soup, selectors["author"]) if selectors.get("author") else None
    if author_element is not None:
        page.author = _clean_author(_text(author_element))
        lines = [line for line in lines if line != _text(author_element)]
    elif not selectors.get("author"):
        page.author = _generic_author(soup)
        lines = [line for line in lines if _clean_author(line) != page.author]
    _split_tail(page, [line for line in lines if not _is_boilerplate(line)])
    if not page.paragraphs:
        page.problems.append("no_body")
    found = {"title": title_element, "body": body_element}  # a page may lack a date, never these
    if any(selectors.get(key) and element is None for key, element in found.items()):
        page.problems.append("layout_mismatch")
    return page


def extract_text_page(text: str, url: str = "", date_order: str | None = None) -> Page:
    """The same fields from a page saved as plain text (what a copy from a browser gives).

    The body starts at the first line long enough to be a paragraph; the date is the last
    date-only line before it (earlier ones are site clocks); the tail is cut at the first
    line of page chrome (related lists, counters, keyword boxes).
    """
    lines = [line for line in normalize(text).split("\n") if line]
    start = next((index for index, line in enumerate(lines)
                  if len(line.split()) >= _PARAGRAPH_WORDS and _SENTENCE_END.search(line)), 0)
    page = Page(url=url, canonical_url=url)
    header = lines[:start]
    for line in reversed(header):
        found = parse_page_date(line, date_order) if _is_date_line(line) else None
        if found:
            page.published, page.published_raw = found
            break
    titles = [line for line in header if not _is_date_line(line) and not line.isupper() and len(line.split()) > 4]
    page.title = max(titles, key=len) if titles else None
    body = []
    for line in lines[start:]:
        if _CHROME_START.match(line):
            break
        if not _is_boilerplate(line):
            body.append(line)
    _split_tail(page, body)
    for problem, missing in (("no_title", page.title), ("no_date", page.published), ("no_body", page.paragraphs)):
        if not missing:
            page.problems.append(problem)
    return page


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else: a date line or a site clock, not a sentence."""
    return bool(_DATE_LINE.search(line)) and len(line.split()) <= 7


def parse_page_date(text: str, date_order: str | None = None) -> tuple[str, str] | None:
    """The first date line in `text` as (ISO 8601 in +07:00, the raw text), or None.

    Our own regex rather than dateparser: these lines mix Vietnamese weekday names, 12- and
    24-hour times on either side of the date, and a per-site day/month order.
    """
    text = normalize(text or "")
    for match in _DATE_LINE.finditer(text):
        parts = {key: value for key, value in match.groupdict().items() if value is not None}
        parts = {key.removeprefix("t2_").removeprefix("d2_"): value for key, value in parts.items()}
        day_month = _day_month(int(parts["a"]), int(parts["b"]), date_order)
        if day_month is None:
            continue
        day, month = day_month
        iso = _iso(int(parts["year"]), month, day, parts)
        if iso:
            return iso, match.group(0).strip()
    match = _ISO_DATE.search(text)
    if match:
        parts = {key: value for key, value in match.groupdict().items() if value is not None}
        iso = _iso(int(parts["year"]), int(parts["month"]), int(parts["day"]), parts)
        if iso:
            return iso, match.group(0)
    return None


def detect_date_order(date_texts: list[str]) -> str | None:
    """Settle a site's day/month order from its own dates: a first number over 12 is a day."""
    for text in date_texts:
        for match in _DATE_LINE.finditer(text):
            first, second = (int(match.group(name) or match.group(f"d2_{name}")) for name in ("a", "b"))
            if first > 12 >= second:
                return "dmy"
            if second > 12 >= first:
                return "mdy"
    return None


def _day_month(first: int, second: int, date_order: str | None) -> tuple[int, int] | None:
    if date_order == "mdy":
        day, month = second, first
    else:
        day, month = first, second
    if month > 12 and day <= 12:
        day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return day, month


def _iso(year: int, month: int, day: int, parts: dict[str, str]) -> str | None:
    from datetime import date

    try:
        date(year, month, day)
    except ValueError:
        return None
    if "hour" not in parts:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = int(parts["hour"]), int(parts["minute"])
    second = int(parts.get("second") or 0)
    marker = (parts.get("ampm") or "").replace(".", "").upper()
    if marker in ("PM", "CH") and hour < 12:
        hour += 12
    elif marker in ("AM", "SA") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{VIETNAM_OFFSET}"


def _select_one(soup: BeautifulSoup, selector: str | list[str]) -> Tag | None:
    for one in _as_list(selector):
        found = soup.select_one(one)
        if found is not None:
            return found
    return None


def _as_list(value: str | list[str] | None) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _text(element: Tag | None) -> str:
    return normalize(element.get_text(" ", strip=True)) if element is not None else ""


def _canonical_url(soup: BeautifulSoup, url: str) -> str:
    link = soup.find("link", rel="canonical", href=True)
    if link is None:
        link = soup.find("meta", property="og:url", content=True)
        href = link["content"] if link else None
    else:
        href = link["href"]
    return urljoin(url, href.strip()) if href and href.strip() else url


def _is_truncated(html: str) -> bool:
    tail = html[-2048:].lower()
    return "</html>" not in tail and "</body>" not in tail


def _generic_title(soup: BeautifulSoup, html: str) -> str | None:
    """The longest heading that the page's <title> or og:title contains; a portal's h1 is often its name."""
    meta = soup.find("meta", property="og:title", content=True)
    page_title = normalize(meta["content"]) if meta else _text(soup.title)
    headings = [_text(heading) for heading in soup.find_all(["h1", "h2", "h3"])]
    matching = [text for text in headings if len(text) > 15 and page_title and text in page_title]
    if matching:
        return max(matching, key=len)
    if meta:
        return page_title
    from trafilatura import extract_metadata

    metadata = extract_metadata(html)
    if metadata is not None and metadata.title:
        return normalize(metadata.title)
    return headings[0] if headings else page_title or None


def _generic_author(soup: BeautifulSoup) -> str | None:
    """A labelled byline ("Tác giả: …", "Nguồn bài: …") outside the page chrome."""
    for node in soup.find_all(string=_AUTHOR_LABEL):
        text = normalize(str(node))
        if len(text) < 80 and node.parent is not None and not _in_chrome(node.parent):
            return _clean_author(text)
    meta = soup.find("meta", attrs={"name": "author"}, content=True)
    marked = meta["content"] if meta else _text(soup.find(attrs={"itemprop": "author"}) or soup.find(
        class_=re.compile(r"author|tac-?gia|but-?danh", re.I)))
    text = normalize(marked or "")
    return _clean_author(text) if 0 < len(text) < 80 else None


def _in_chrome(element: Tag) -> bool:
    for ancestor in [element, *element.parents]:
        if not isinstance(ancestor, Tag):
            continue
        if ancestor.name in ("header", "footer", "nav", "aside", "li", "a"):
            return True
        hint = " ".join([ancestor.get("id") or "", *ancestor.get("class", [])])
        if hint and _CHROME_HINT.search(hint):
            return True
    return False


def _generic_date(soup: BeautifulSoup, headline: Tag | None, date_order: str | None) -> tuple[str, str] | None:
    """The article's own date line: a short date text outside page chrome, nearest the headline."""
    for meta_name in ("article:published_time", "datePublished", "pubdate", "dc.date.issued"):
        meta = soup.find("meta", attrs={"property": meta_name}) or soup.find("meta", attrs={"name": meta_name})
        if meta and meta.get("content"):
            found = parse_page_date(meta["content"], date_order)
            if found:
                return found
    for script in soup.find_all("script", type="application/ld+json"):
        found = _json_ld_date(script.string or "", date_order)
        if found:
            return found
    candidates = []
    for position, node in enumerate(soup.find_all(string=_DATE_LINE)):
        text = normalize(str(node))
        parent = node.parent
        if len(text) > 80 or parent is None or _in_chrome(parent):
            continue
        candidates.append((position, node, text))
    if not candidates:
        return None
    if headline is not None:
        after = [c for c in candidates if _follows(c[1], headline)]
        if after:
            candidates = after
    for _, _, text in candidates:
        found = parse_page_date(text, date_order)
        if found:
            return found
    return None


def _json_ld_date(text: str, date_order: str | None) -> tuple[str, str] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
            return parse_page_date(item["datePublished"], date_order)
    return None


def _heading(soup: BeautifulSoup, title: str | None) -> Tag | None:
    """The heading element that reads as the page's title, to look for the date line after it."""
    if not title:
        return None
    return next((heading for heading in soup.find_all(["h1", "h2", "h3"]) if _text(heading) == title), None)


def _follows(node: Any, anchor: Tag) -> bool:
    return any(element is node for element in anchor.next_elements)


def _block_lines(container: Tag, drop: list[str]) -> list[str]:
    """The container's text as lines, one per block element, with scripts, forms and `drop` removed."""
    container = BeautifulSoup(str(container), "lxml")
    for selector in drop:
        for element in container.select(selector):
            element.decompose()
    for element in container.find_all(_NEVER_BODY):
        element.decompose()
    for element in container.find_all("br"):
        element.replace_with("\n")
    for element in container.find_all(_BLOCK_TAGS):
        element.insert_before("\n")
        element.insert_after("\n")
    return [line for line in (normalize(raw) for raw in container.get_text().split("\n")) if line]


def _generic_body_lines(html: str) -> list[str]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               include_images=False, favor_precision=True, deduplicate=True) or ""
    return [line for line in (normalize(raw) for raw in text.split("\n")) if line]


@cache
def _boilerplate_patterns() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in lexicon("page_boilerplate.txt")), re.I)


def _is_boilerplate(line: str) -> bool:
    return bool(_boilerplate_patterns().match(line))


def _clean_author(text: str) -> str | None:
    cleaned = _AUTHOR_LABEL.sub("", text).strip(" .-–")
    return cleaned or None


def _split_tail(page: Page, lines: list[str]) -> None:
    """Move the byline, the repost's source note and its original URL from the end of the body."""
    while lines:
        last = lines[-1]
        url = _URL_LINE.match(last)
        if url and not page.original_url:
            page.original_url = url.group(1)
        elif _AUTHOR_LABEL.match(last) and not page.author:
            page.author = _clean_author(last)
        elif re.search(r"sưu tầm|^(Nguồn|Theo)\s*:?\s", last, re.I) and len(last) < 120 and not page.source_note:
            page.source_note = last
        elif (not page.author and len(last) < 40 and _NAME_LINE.match(last)
              and not _SENTENCE_END.search(last)):
            page.author = last
        else:
            break
        lines.pop()
    page.paragraphs = lines
