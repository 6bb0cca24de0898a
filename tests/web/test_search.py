"""Vietnamese-aware search over the crawled mirror, through the search JSON and the table's `_search`.

Each folding case is checked both ways, and the two agree: the table lists every matching article,
the search page each story once, so the table's stories are the search page's results.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
import urllib.parse
from collections.abc import Callable
from typing import Any

import pytest

from crawler.search_query import parse_query
from nlp.text import fold
from tests.conftest import CrawlResult
from tests.web.conftest import SEED_003_TITLE

Get = Callable[[str], Any]


def search_json(get: Get, query: str, **params: str) -> dict[str, Any]:
    response = get("/-/search.json?" + urllib.parse.urlencode({"q": query, "size": "100", **params}))
    assert response.status_code == 200, response.text
    return response.json()


def found_by_search(get: Get, query: str) -> list[str]:
    return [row["id"] for row in search_json(get, query)["results"]]


def stories_by_table(get: Get, query: str) -> set[str]:
    response = get("/archive/articles.json?" + urllib.parse.urlencode(
        {"_search": query, "_shape": "objects", "_size": "max", "_col": "story_id"}))
    assert response.status_code == 200, response.text
    return {row["story_id"] or row["id"] for row in response.json()["rows"]}


def every_result(get: Get, query: str) -> list[dict[str, Any]]:
    """All pages of a search's results: each story once, while `total` counts the matching articles."""
    page = search_json(get, query)
    results = list(page["results"])
    while page["next_url"]:
        page = search_json(get, query, page=str(page["page"] + 1))
        results += page["results"]
    assert len({row["story"] for row in results}) == len(results) <= page["total"]
    return results


def agreed(get: Get, query: str) -> set[str]:
    """The stories a query finds, asserting the search JSON and the table's `_search` agree; for a name,
    the search page wants its words together, the table finds them apart too."""
    results = every_result(get, query)
    stories, table = {row["story"] for row in results}, stories_by_table(get, query)
    parsed = parse_query(query)
    assert stories == table if parsed and not parsed.names else stories <= table, query
    return {row["id"] for row in results}


def texts(db: Any, ids: set[str]) -> list[str]:
    with sqlite3.connect(db) as conn:
        marks = ", ".join("?" for _ in ids)
        return [f"{title}\n{body}" for title, body in conn.execute(
            f"select title, body from articles where id in ({marks})", list(ids))]


def test_without_diacritics_finds_seed_003(get: Get, seed_ids: dict[str, set[str]]) -> None:
    found = agreed(get, "uy ban nhan dan thanh pho")
    assert found & seed_ids["003"]
    assert found == agreed(get, "Ủy ban nhân dân thành phố")


@pytest.mark.parametrize(("plain", "written"), [("dong", "đồng"), ("Hai Duong", "Hải Dương"),
                                                ("Do Quang Hung", "Đỗ Quang Hưng")])
def test_d_finds_đ(get: Get, crawled: CrawlResult, plain: str, written: str) -> None:
    found = agreed(get, plain)
    assert found
    assert found == agreed(get, written)
    assert all(word in fold(text) for text in texts(crawled.db, found) for word in fold(written).split())
    assert any(written.lower() in text.lower() for text in texts(crawled.db, found))


@pytest.mark.parametrize(("old", "new"), [("hoà", "hòa"), ("uỷ", "ủy"), ("thuỷ", "thủy"), ("quí", "quý")])
def test_old_and_new_tone_placement_find_the_same(get: Get, crawled: CrawlResult, old: str, new: str) -> None:
    found = agreed(get, old)
    assert found
    assert found == agreed(get, new)


@pytest.mark.parametrize(("query", "written"), [("ủy", "uỷ"), ("uỷ", "ủy"), ("thuỷ", "thủy"), ("quí", "quý"),
                                                 ("hoà", "hòa")])
def test_either_tone_placement_finds_the_other_as_written(get: Get, crawled: CrawlResult, query: str,
                                                          written: str) -> None:
    found = agreed(get, query)
    assert any(re.search(rf"(?<!\w){written}(?!\w)", text, re.IGNORECASE) for text in texts(crawled.db, found))


def test_decomposed_input_and_case_fold(get: Get) -> None:
    nfc = agreed(get, "Hải Dương")
    assert nfc
    assert agreed(get, unicodedata.normalize("NFD", "Hải Dương")) == nfc
    assert agreed(get, "HẢI DƯƠNG") == nfc
    assert agreed(get, '"hải dương"') == nfc


def test_phrase_needs_the_words_in_order(get: Get, crawled: CrawlResult) -> None:
    phrase = agreed(get, '"Sở Công Thương"')
    assert phrase
    assert all("so cong thuong" in fold(text) for text in texts(crawled.db, phrase))
    assert agreed(get, '"Thương Công Sở"') < phrase
    assert agreed(get, '"so cong thuong"') == phrase


def test_prefix(get: Get) -> None:
    assert not agreed(get, "thươ")
    prefixed = agreed(get, "công thươ*")
    assert prefixed
    assert prefixed >= agreed(get, "công thương")
    assert agreed(get, "cong thuo*") == prefixed


def test_or_between_words_finds_either(get: Get) -> None:
    cluster, union = agreed(get, "Cụm trưởng"), agreed(get, "Huế")
    assert cluster and union and not cluster & union
    assert agreed(get, "Cụm trưởng OR Huế") == cluster | union
    assert agreed(get, "Cụm trưởng or Huế") < cluster


def test_typed_diacritics_rank_exact_spellings_first(get: Get, crawled: CrawlResult) -> None:
    results = every_result(get, "lạng")
    kinds = [row["match"] for row in results]
    assert "exact" in kinds and "spelling" in kinds
    assert kinds == sorted(kinds), "every exact match comes before every other spelling"
    for row in results:
        [text] = texts(crawled.db, {row["id"]})
        assert bool(re.search(r"(?<!\w)lạng(?!\w)", text, re.IGNORECASE)) == (row["match"] == "exact"), row["id"]
    assert "<mark>lạng</mark>" in (results[0]["snippet"] + results[0]["title_html"]).lower()
    assert {row["match"] for row in every_result(get, "lang")} == {"match"}, "no diacritics: all spellings alike"
    assert {row["story"] for row in every_result(get, "lang")} == {row["story"] for row in results}


def test_seed_003_title_is_found_and_highlighted(get: Get, seed_ids: dict[str, set[str]]) -> None:
    results = search_json(get, "uy ban nhan dan thanh pho")["results"]
    hit = next(row for row in results if row["id"] in seed_ids["003"])
    assert hit["title"] == SEED_003_TITLE
    assert "<mark>Uỷ ban Nhân dân</mark> <mark>thành phố</mark>" in hit["snippet"]
    assert hit["article_url"].endswith(f"/-/article/{hit['id']}")
