"""Hostile input never makes a 500: quotes, FTS5 operators, 10,000 characters, SQL; markup stays text."""

from __future__ import annotations

import shutil
import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CrawlResult
from tests.datasette_client import datasette_get
from web.highlight import Fact, highlight

Get = Callable[[str], Any]
SCRIPT = "<script>alert(1)</script>"
HOSTILE = ['"', '"""', "'", "*", "^", ":", "(", ")", "((()", "NEAR(a b)", "NEAR/3", "a AND OR NOT b", "NOT",
           "title:x", "{title body}: x", "-x", "công thươ**", '"Sở Công', "x" * 10_000, "Nam " * 3000,
           "' OR 1=1; --", "'); drop table articles; --", "select * from articles", SCRIPT, "\u0301\u0301",
           "\x00", "%", "_", "a" + "\u0300" * 50, "🙂", "\\", "*" * 500]


def quoted(**params: str) -> str:
    return urllib.parse.urlencode(params)


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_no_500_on_search_json_page_and_table(get: Get, query: str) -> None:
    response = get("/-/search.json?" + quoted(q=query))
    assert response.status_code == 200, response.text[:500]
    payload = response.json()
    assert isinstance(payload["results"], list)
    assert payload["results"] or payload["message"]
    page = get("/-/search?" + quoted(q=query))
    assert page.status_code == 200
    assert SCRIPT not in page.text
    table = get("/archive/articles.json?" + quoted(_search=query, _size="5"))
    assert table.status_code == 200, table.text[:500]


@pytest.mark.parametrize("query", ['"', "NEAR(", "a:b:c", "(("], ids=range(4))
def test_raw_table_search_says_what_is_wrong(get: Get, query: str) -> None:
    response = get("/archive/articles.json?" + quoted(_search=query, _searchmode="raw"))
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]


def test_long_query_is_cut_and_says_so(get: Get) -> None:
    payload = get("/-/search.json?" + quoted(q="hội nghị " * 2000)).json()
    assert payload["results"]
    assert any("500 ký tự đầu" in problem for problem in payload["problems"])


def test_query_with_no_words_says_so(get: Get) -> None:
    payload = get("/-/search.json?" + quoted(q='"" ( ) * ^ :')).json()
    assert payload["results"] == []
    assert "Không có gì để tìm" in payload["message"]


@pytest.mark.parametrize("params", [
    {"page": "-3"}, {"page": "x"}, {"page": "99999999999999999999"}, {"size": "100000"}, {"size": "0"},
    {"since": "2024-13-45'; --"}, {"until": "tomorrow"}, {"order": "rank; drop"}, {"era": "<b>"},
    {"site": SCRIPT}, {"province": "x" * 5000}, {"person": "' or 1=1"}, {"indicator": "%"},
], ids=range(13))
def test_bad_filters_are_ignored_or_match_nothing(get: Get, params: dict[str, str]) -> None:
    for path in ("/-/search.json", "/-/search"):
        response = get(f"{path}?" + quoted(q="công thương", **params))
        assert response.status_code == 200, (path, response.text[:300])
        if path == "/-/search":
            assert SCRIPT not in response.text


def test_markup_in_the_query_is_shown_as_text(get: Get) -> None:
    page = get("/-/search?" + quoted(q=SCRIPT))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert SCRIPT not in page.text


@pytest.mark.parametrize("path", ["/-/article/nope", "/-/person/nope", "/-/indicator/nope",
                                  "/-/article/%3Cscript%3E", "/-/sct-static/nope.css"])
def test_unknown_pages_are_404(get: Get, path: str) -> None:
    response = get(path)
    assert response.status_code in (302, 404)  # Datasette redirects %-escapes to its ~-escapes
    assert SCRIPT not in response.text


def test_script_in_an_article_body_is_shown_as_text(crawled: CrawlResult, tmp_path: Path,
                                                     seed_ids: dict[str, set[str]]) -> None:
    db = tmp_path / "archive.db"
    shutil.copy(crawled.db, db)
    [key] = seed_ids["003"]
    with sqlite3.connect(db) as conn:
        conn.execute("update articles set body = body || ? where id = ?", [f"\n\n{SCRIPT} <b>bold</b>", key])
    page = datasette_get(db, f"/-/article/{key}")
    assert page.status_code == 200
    assert SCRIPT not in page.text and "<b>bold</b>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in page.text
    assert 'class="fact fact-official"' in page.text


def test_highlight_escapes_and_skips_bad_offsets() -> None:
    body = f"Ông <Hoàng> {SCRIPT} nói"
    facts = [Fact(4, 11, "official", "<Hoàng>", 'a "note" <i>', "p&1"), Fact(6, 12, "date", "x", ""),
             Fact(50, 60, "figure", "out of range", ""), Fact(9, 5, "figure", "reversed", "")]
    html, shown = highlight(body, facts, "/-/person")
    assert shown == [facts[0]]
    assert SCRIPT not in html and "<Hoàng>" not in html
    assert '<mark class="fact fact-official" data-kind="official" title="a &quot;note&quot; &lt;i&gt;">' in html
    assert 'href="/-/person/p%261"' in html
