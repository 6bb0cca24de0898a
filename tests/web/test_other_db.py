"""`sct serve --db other.db`: the web layer does not depend on the file being called archive.db."""

from __future__ import annotations

import json
import sqlite3
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import CrawlResult
from tests.web.conftest import serve_datasette


@pytest.fixture(scope="module")
def other(crawled: CrawlResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("other") / "other.db"
    with sqlite3.connect(crawled.db) as source, sqlite3.connect(db) as target:
        source.backup(target)  # the whole archive, WAL included
    with serve_datasette(db, [sys.executable, "-m", "cli", "serve", "--db", str(db)]) as base:
        yield base


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_table_search_folds_diacritics(other: str) -> None:
    def ids(query: str) -> set[str]:
        rows = get_json(f"{other}/other/articles.json?_shape=objects&_size=max&"
                        + urllib.parse.urlencode({"_search": query}))["rows"]
        return {row["id"] for row in rows}

    written = ids("Cụm trưởng")
    assert written and ids("cum truong") == written  # only our escape_fts folds; SQLite's FTS would find none


def test_search_page_and_canned_queries(other: str) -> None:
    assert get_json(f"{other}/-/search.json?q=cong+thuong")["results"]
    rows = get_json(f"{other}/other/articles_in_province.json?_shape=objects&" + urllib.parse.urlencode(
        {"province": "Hải Phòng", "since": "", "until": ""}))["rows"]
    assert rows and all("Hải Phòng" in (row["province"], row["province_2025"]) for row in rows)
    queries = {query["name"] for query in get_json(f"{other}/other.json")["queries"]}
    assert {"articles_in_province", "person_timeline", "indicator_series", "reposted_stories"} <= queries


def test_hidden_tables_stay_hidden(other: str) -> None:
    tables = {table["name"]: table["hidden"] for table in get_json(f"{other}/other.json")["tables"]}
    assert tables["pages"] and tables["story_bands"] and tables["story_signatures"]
    assert not tables["articles"]
    with urllib.request.urlopen(f"{other}/", timeout=30) as response:
        home = response.read().decode("utf-8")
    assert 'href="/other/pages"' not in home and 'href="/other/articles"' in home
