"""Ranking on the real tantivy index, through a real `datasette serve` over HTTP.

The archive is written through crawler.archive (so the FTS5 triggers run) and indexed with
`sct index`: around seed sentences, articles that spell a name, a place and an abbreviation in
every way the archive meets them, and an old article whose title is exactly a query.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.archive import Archive
from nlp.text import fold, normalize
from tests.conftest import ROOT
from tests.web.conftest import serve_datasette

NAME, NAME_PLAIN = "Nguyễn Hùng Nam", "Nguyen Hung Nam"
TITLE = "Hội chợ hàng thủ công mỹ nghệ Bát Tràng khai mạc"
ATOM = "{http://www.w3.org/2005/Atom}"


def filler(rng: random.Random) -> list[str]:
    sentences = [part for path in sorted((ROOT / "mirror" / "seeds").glob("*.txt"))
                 for part in re.split(r"(?<=[.;])\s+", normalize(path.read_text(encoding="utf-8")))
                 if len(part.split()) > 6]
    return [" ".join(rng.sample(sentences, 4)) for _ in range(400)]


def designed(rng: random.Random) -> list[tuple[str, str]]:
    """(title, body) pairs; the first is the oldest article, its title the exact query of a test."""
    bodies = filler(rng)
    made = [(TITLE, bodies[0])]
    for number in range(1, 60):  # newer articles with the title's words, scattered
        made.append((f"Khai mạc hội chợ {number}", f"{bodies[number]} Hàng thủ công và mỹ nghệ của làng Bát Tràng."))
    for number in range(25):
        made.append((f"Làm việc với doanh nghiệp {number}", f"{bodies[60 + number]} Ông {NAME}, Phó Giám đốc Sở, dự."))
    for number in range(6):
        made.append((f"Tin vắn {number}", f"{bodies[90 + number]} Ông {NAME_PLAIN} phát biểu."))
    for number in range(30):  # the name's words, apart or with other diacritics
        made.append((f"Tổng kết năm {number}", f"{bodies[100 + number]} Ông Nguyên Hưng nói năm nay Nam Định tăng. "
                                               f"Bà Nguyễn Thị Hùng và ông Trần Văn Nam cùng dự."))
    made += [("Ủy ban nhân dân tỉnh họp", f"{bodies[140]} Ủy ban nhân dân tỉnh Hòa Bình đã họp."),
             ("UBND tỉnh chỉ đạo", f"{bodies[141]} UBND tỉnh Hoà Bình chỉ đạo xúc tiến thương mại."),
             ("Tin Hoa Binh", f"{bodies[142]} Tinh Hoa Binh va UY BAN NHAN DAN TINH."),
             ("XTTM năm nay", f"{bodies[143]} Chương trình XTTM của tỉnh.")]
    made += [(f"Tin {number}", bodies[150 + number]) for number in range(200)]
    made += [(f"Công tác thủ tục hàng hóa {number}", f"Hải quan làm thủ tục cho hàng hóa của công ty {number}.")
             for number in range(10)]  # the words of "hàng thủ công" apart, in the title
    return made


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ranking") / "archive.db"
    rng = random.Random(13)
    store = Archive(db)
    store.db["sites"].insert({"id": "test-sct", "name": "Sở Công Thương thử", "province": "Hải Phòng",
                              "province_2025": "Hải Phòng"}, pk="id")
    for number, (title, body) in enumerate(designed(rng)):
        day = f"{2016 + number * 9 // 400}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        store.save_article({"url": f"https://test.example/{number}", "site_id": "test-sct", "title": title,
                            "body": body, "published": f"{day}T08:00:00+07:00",
                            "fetched_at": f"{day}T09:00:00+00:00"}, b"<html></html>", "utf-8", 200)
    store.close()
    indexed = subprocess.run([sys.executable, "-m", "cli", "index", "--db", str(db)], cwd=ROOT,
                             capture_output=True, text=True, check=False)
    assert indexed.returncode == 0, indexed.stderr
    assert "articles indexed" in indexed.stdout
    return db


@pytest.fixture(scope="module")
def base(archive: Path) -> Iterator[str]:
    with serve_datasette(archive) as url:
        yield url


def fetch(base: str, path: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(params)}", timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def search(base: str, query: str, **params: str) -> dict[str, Any]:
    status, _, body = fetch(base, "/-/search.json", q=query, **params)
    assert status == 200
    return json.loads(body)


def texts(db: Path, ids: list[str] | None = None) -> dict[str, str]:
    """Title and body of the given articles (every article when None)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select id, title, body from articles")
        return {key: f"{title}\n{body}" for key, title, body in rows if ids is None or key in ids}


def every_result(base: str, query: str) -> list[dict[str, Any]]:
    page = search(base, query, size="100")
    results = list(page["results"])
    while page["next_url"]:
        page = search(base, query, size="100", page=str(page["page"] + 1))
        results += page["results"]
    return results


def test_the_exact_title_ranks_first_however_old(base: str, archive: Path) -> None:
    results = search(base, TITLE.lower())["results"]
    assert results[0]["title"] == TITLE
    assert results[0]["published_date"] == min(row["published_date"] for row in results)
    assert len(results) > 10, "the newer articles with the same words are matches too"


def test_words_together_rank_before_the_same_words_apart(base: str, archive: Path) -> None:
    results = every_result(base, "hàng thủ công")
    found = texts(archive, [row["id"] for row in results])
    together = [fold("hàng thủ công") in fold(found[row["id"]]) for row in results]
    assert together.count(True) >= 50 and together.count(False) >= 10
    assert together == sorted(together, reverse=True), "every article with the words together comes first"


def test_a_name_with_diacritics_puts_only_that_name_on_the_first_page(base: str, archive: Path) -> None:
    payload = search(base, NAME)
    first = payload["results"]
    assert len(first) == 20
    assert all(NAME in text for text in texts(archive, [row["id"] for row in first]).values())
    assert {row["match"] for row in first} == {"exact"}
    assert f"<mark>{NAME}</mark>" in first[0]["snippet"]
    every = every_result(base, NAME)
    kinds = [row["match"] for row in every]
    assert kinds == sorted(kinds) and kinds[-1] == "spelling", "other spellings come after every exact match"
    by_id = texts(archive)
    assert {row["id"] for row in every if row["match"] == "exact"} == {key for key, text in by_id.items()
                                                                       if NAME in text}
    spelled = {row["id"] for row in every if row["match"] == "spelling"}
    assert spelled == {key for key, text in by_id.items() if NAME not in text and NAME_PLAIN in text}
    assert payload["apart"] >= 30 and payload["message_key"] == "search.apart"


def test_without_diacritics_every_spelling_matches_alike(base: str, archive: Path) -> None:
    plain = every_result(base, NAME_PLAIN)
    assert {row["match"] for row in plain} == {"match"}
    assert {row["id"] for row in plain} == {key for key, text in texts(archive).items() if fold(NAME) in fold(text)}
    places = texts(archive, [row["id"] for row in search(base, "hoa binh", size="100")["results"]])
    assert {"Hòa Bình" in text for text in places.values()} == {True, False}
    assert any("Hoà Bình" in text for text in places.values()) and any("Hoa Binh" in text for text in places.values())


@pytest.mark.parametrize(("query", "expected"), [("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
                                                 ("ủy ban nhân dân tỉnh", "UBND tỉnh"),
                                                 ("xúc tiến thương mại", "XTTM")])
def test_abbreviations_find_their_words_and_back(base: str, archive: Path, query: str, expected: str) -> None:
    results = search(base, query)["results"]
    assert any(expected in text for text in texts(archive, [row["id"] for row in results]).values())
    assert any(f"<mark>{expected.split(' tỉnh')[0]}</mark>" in row["snippet"] for row in results)


def test_prefix_and_phrase(base: str, archive: Path) -> None:
    prefixed = texts(archive, [row["id"] for row in every_result(base, "Bát Trà*")])
    assert all(re.search(r"\bbat\b", fold(text)) and re.search(r"\btra", fold(text)) for text in prefixed.values())
    assert len([text for text in prefixed.values() if "Bát Tràng" in text]) == 60
    phrase = search(base, '"mỹ nghệ Bát Tràng"', size="100")["results"]
    assert [row["title"] for row in phrase] == [TITLE]
    assert "<mark>mỹ nghệ Bát Tràng</mark>" in phrase[0]["title_html"]
    words = search(base, "mỹ nghệ Bát Tràng", size="100")["results"]
    assert words[0]["title"] == TITLE and len(words) == 60


def test_datasette_search_keeps_working_with_d_and_đ(base: str, archive: Path) -> None:
    status, _, body = fetch(base, "/archive/articles.json", _search="dong", _shape="objects", _size="max")
    assert status == 200
    with_đ = {key for key, text in texts(archive).items() if re.search(r"\bđồng\b", text, re.IGNORECASE)}
    assert with_đ and with_đ <= {row["id"] for row in json.loads(body)["rows"]}
    status, _, body = fetch(base, "/archive/articles.json", _search="Nguyen Hung Nam", _shape="objects", _size="max")
    table = {row["id"] for row in json.loads(body)["rows"]}
    together = search(base, NAME_PLAIN)
    assert table >= {row["id"] for row in every_result(base, NAME_PLAIN)}
    assert len(table) == together["total"] + together["apart"], "the table finds the words apart too"
    status, _, body = fetch(base, "/archive/articles.json", _search="UBND tinh", _shape="objects", _size="max")
    assert {row["title"] for row in json.loads(body)["rows"]} >= {"Ủy ban nhân dân tỉnh họp", "UBND tỉnh chỉ đạo"}


def test_csv_download_has_every_result_ranked_with_a_bom(base: str) -> None:
    status, headers, body = fetch(base, "/-/search.csv", q=NAME)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    payload = search(base, NAME)
    assert len(rows) == payload["total"] > 30
    assert [row["rank"] for row in rows] == [str(number) for number in range(1, len(rows) + 1)]
    assert [row["id"] for row in rows] == [row["id"] for row in every_result(base, NAME)]
    assert rows[0]["archive_url"].endswith(f"/-/article/{rows[0]['id']}")
    assert {row["match"] for row in rows[payload["counts"]["exact"]:]} == {"spelling"}


def test_atom_feed_lists_the_newest_archived_matches(base: str) -> None:
    status, headers, body = fetch(base, "/-/search.atom", q="Bát Tràng")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(body)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 50
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == 50
    assert "/-/search.atom?q=" in feed.find(f"{ATOM}link[@rel='self']").get("href")
