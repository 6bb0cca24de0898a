"""The served archive refuses what would open or stall it: each case was a hole before web/safety.py."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest


def fetch(url: str, data: bytes | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def sql(base: str, query: str) -> tuple[int, dict]:
    status, text = fetch(f"{base}/archive.json?" + urllib.parse.urlencode({"sql": query}))
    return status, json.loads(text)


def test_one_huge_function_call_fails_at_once_and_search_keeps_answering(served: str) -> None:
    huge = "select length(hex(randomblob(400000000)))"
    started = time.monotonic()
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: sql(served, huge), range(3)))
    for status, payload in answers:
        assert status == 400 and not payload["ok"]
        assert "too big" in payload["error"]
    status, _ = fetch(f"{served}/-/search?q=c%C3%B4ng+th%C6%B0%C6%A1ng")
    assert status == 200
    assert time.monotonic() - started < 5  # was 10 s: three such calls held every SQL thread


def test_ordinary_queries_still_read_long_texts(served: str) -> None:
    status, payload = sql(served, "select max(length(body)) as longest from articles")
    assert status == 200 and payload["rows"][0][0] > 1000


@pytest.mark.parametrize("query", ["select fts3_tokenizer('simple')",
                                   "select fts3_tokenizer('mine', x'0000000000000000')",
                                   "select load_extension('/tmp/x')"])
def test_pointer_and_code_loading_functions_are_refused(served: str, query: str) -> None:
    status, payload = sql(served, query)
    assert status == 400 and not payload["ok"]
    assert "not authorized" in payload["error"]


@pytest.mark.parametrize("path, form", [
    ("/archive/articles_in_province", {"province": "Hải Dương", "since": "", "until": ""}),
    ("/-/messages", {"message": "x", "message_type": "1"}),
    ("/archive/articles", {"x": "1"}),
])
def test_posts_get_405_not_500(served: str, path: str, form: dict[str, str]) -> None:
    status, text = fetch(served + path, urllib.parse.urlencode(form).encode())
    assert status == 405, text[:300]
    assert "read-only" in text
