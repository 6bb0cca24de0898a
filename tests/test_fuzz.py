"""Fuzzed input never raises, and no input shape costs more than linear time, in the three places hostile
text comes in: page extraction, fact extraction and the search query parser.

Hypothesis runs derandomised with a fixed number of examples, so CI is repeatable and stays well under a
minute; the scaling checks time one input shape at two sizes and compare (quadratic would be 64×).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.search import match_expression, parse_query
from nlp.facts import extract_facts, is_plausible
from nlp.page import extract_page

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
URL = "http://sct.example.gov.vn/tin-tuc/2024/03/bai-viet-1.html"

# Text near what the extractors look for: Vietnamese words, numbers written the Vietnamese way, dates,
# titles of office, and the punctuation and markup that break naive parsers.
WORDS = ["Sở", "Công", "Thương", "tỉnh", "Hải", "Dương", "ông", "bà", "Giám", "đốc", "Phó", "Chủ", "tịch",
         "UBND", "ngày", "tháng", "năm", "2024", "12/3", "24/3/2023", "1.000.000", "2,84%", "tỷ", "đồng",
         "USD", "tăng", "giảm", "so", "với", "cùng", "kỳ", "kế", "hoạch", "Quyết", "định", "số", "68/QĐ-UBND",
         "6", "tháng", "đầu", "Nguyễn", "Văn", "A", "(", ")", ",", ".", ":", ";", "-", "–", "\n", "\n\n", "%",
         "/", "…", "\u0301", "\u00a0", "\x00", "🙂", "\ufeff", "'", '"', "<", ">", "&amp;"]
vietnamese_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=200).map(" ".join)

TAGS = ["p", "div", "span", "h1", "h2", "td", "tr", "table", "li", "ul", "a", "time", "script", "svg",
        "article", "header", "footer", "b", "br", "meta", "title"]


def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    attributes = st.sampled_from(['', ' class="date"', ' class="content"', ' itemprop="datePublished"',
                                  ' property="article:published_time" content="2024-03-12T08:00:00+07:00"',
                                  ' class="title"', ' id="main"', ' datetime="2024-13-45"'])
    return st.builds(lambda tag, attrs, inner, close: f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if close else ""),
                     st.sampled_from(TAGS), attributes, children, st.booleans())


html_fragments = st.recursive(vietnamese_text, lambda inner: st.lists(element(inner), max_size=6).map("".join),
                              max_leaves=40)
json_ld = st.builds(lambda depth, body: f'<script type="application/ld+json">{"[" * depth}{body}</script>',
                    st.integers(0, 3000), st.sampled_from(['{"datePublished": "2024-03-12"}', '', '"x"', '{']))
pages = st.builds(lambda head, body: f"<html><head>{head}</head><body>{body}</body></html>",
                  json_ld | html_fragments, html_fragments) | html_fragments


@FUZZ
@given(pages)
def test_page_extraction_never_raises(html: str) -> None:
    page = extract_page(html, URL)
    assert page.title is None or isinstance(page.title, str)


@FUZZ
@given(vietnamese_text, st.sampled_from([None, "Hải Dương", "Hà Nội"]))
def test_fact_extraction_never_raises_and_keeps_offsets(text: str, province: str | None) -> None:
    facts = extract_facts(text, province=province)
    for fact in [*facts.dates, *facts.officials, *facts.figures, *facts.documents]:
        assert 0 <= fact.start <= fact.end <= len(text)
    assert all(is_plausible(figure) for figure in facts.figures)


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(body)")
    conn.execute("insert into t values ('sở công thương hải dương so cong thuong')")
    return conn


@FUZZ
@given(st.text(max_size=300) | st.lists(st.sampled_from([*WORDS, "OR", "AND", "NOT", "NEAR", "*", '"', "^",
                                                          "title:", "{", "}", "+"]), max_size=40).map(" ".join))
def test_search_queries_always_parse_to_valid_fts(fts: sqlite3.Connection, query: str) -> None:
    parse_query(query)
    fts.execute("select count(*) from t where t match ?", [match_expression(query)]).fetchone()


def seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def grows_linearly(make: Callable[[int], str], run: Callable[[str], object], small: int) -> tuple[bool, float]:
    """Whether 8× the input costs well under the 64× a quadratic step would (20× allows for noise)."""
    short, long = make(small), make(8 * small)
    ratio = seconds(lambda: run(long)) / max(seconds(lambda: run(short)), 1e-4)
    return ratio < 20, ratio


PAGE_SHAPES = {
    "paragraphs": lambda n: "<html><body><h1>Tiêu đề</h1>" + "<p>Một đoạn văn ngắn.</p>" * n + "</body></html>",
    "date spans": lambda n: "<html><body><h1>Tiêu đề</h1>" + "<span>12/03/2024 08:30</span>" * n + "</body></html>",
    "headings": lambda n: "<html><body>" + "<h1>Tiêu đề bài viết</h1><p>Nội dung.</p>" * n + "</body></html>",
    "nesting": lambda n: "<html><body>" + "<div>" * n + "<p>Nội dung.</p>" + "</div>" * n + "</body></html>",
    "table cells": lambda n: "<html><body><table>" + "<tr><td>Ngày 12/3/2024</td></tr>" * n + "</table></body></html>",
}
TEXT_SHAPES = {
    "figures": lambda n: "Kim ngạch xuất khẩu đạt 1.234,5 triệu USD, tăng 12,3% so với cùng kỳ. " * n,
    "dates": lambda n: "Ngày 12/3 và ngày 24/3/2023, từ ngày 1 đến ngày 5 tháng 6. " * n,
    "officials": lambda n: "Ông Nguyễn Văn An, Phó Giám đốc Sở Công Thương tỉnh Hải Dương phát biểu. " * n,
    "one long sentence": lambda n: "Sở Công Thương, " * (8 * n) + "kết thúc.",
}


@pytest.mark.parametrize("shape", PAGE_SHAPES)
def test_page_extraction_grows_linearly(shape: str) -> None:
    linear, ratio = grows_linearly(PAGE_SHAPES[shape], lambda html: extract_page(html, URL), 500)
    assert linear, f"{shape}: 8× the input took {ratio:.0f}× the time"


@pytest.mark.parametrize("shape", TEXT_SHAPES)
def test_fact_extraction_grows_linearly(shape: str) -> None:
    linear, ratio = grows_linearly(TEXT_SHAPES[shape], extract_facts, 40)
    assert linear, f"{shape}: 8× the input took {ratio:.0f}× the time"
