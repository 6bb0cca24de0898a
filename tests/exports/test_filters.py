"""Each filter gives the rows the equivalent SQL gives, written here by hand, not through crawler.search."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from nlp.text import fold
from tests.conftest import CrawlResult
from tests.exports.conftest import Run, db_ids, db_rows


def exported_ids(sct_export: Callable[..., Run], tmp_path: Path, dataset: str, *filters: str,
                 key: str = "id") -> list[str]:
    output = tmp_path / f"{dataset}-{len(list(tmp_path.iterdir()))}.jsonl"
    run = sct_export(dataset, *filters, "-o", str(output))
    assert run.code == 0, run.err
    return [json.loads(line)[key] for line in output.read_text(encoding="utf-8").splitlines()]


def test_site(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    got = exported_ids(sct_export, tmp_path, "articles", "--site", "hue-sct")
    assert set(got) == db_ids(crawled.db, "select id from articles where site_id = 'hue-sct'")
    assert len(got) == len(set(got)) > 0


def test_province_before_and_after_the_merger(crawled: CrawlResult, sct_export: Callable[..., Run],
                                              tmp_path: Path) -> None:
    """Hải Dương merged into Hải Phòng in 2025: 'Hải Phòng' finds Hải Dương's site too, unless asked for
    the province at publication."""
    hai_duong = set(exported_ids(sct_export, tmp_path, "articles", "--province", "Hải Dương"))
    hai_phong = set(exported_ids(sct_export, tmp_path, "articles", "--province", "Hải Phòng"))
    at_publication = set(exported_ids(sct_export, tmp_path, "articles", "--province", "Hải Phòng",
                                      "--province-era", "publication"))
    sql = "select id from articles where province = ? or province_2025 = ?"
    assert hai_duong == db_ids(crawled.db, sql, ["Hải Dương"] * 2) == db_ids(
        crawled.db, "select id from articles where site_id = 'haiduong-sct'")
    assert hai_phong == db_ids(crawled.db, sql, ["Hải Phòng"] * 2)
    assert at_publication == db_ids(crawled.db, "select id from articles where province = 'Hải Phòng'")
    assert hai_duong and hai_duong < hai_phong and not hai_duong & at_publication


def test_since_until_on_facts(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    got = exported_ids(sct_export, tmp_path, "figures", "--since", "2023-01-01", "--until", "2024-06-30",
                       key="raw")
    _, expected = db_rows(crawled.db, "select f.raw from figures f join articles a on a.id = f.article_id "
                                      "where a.published_date between '2023-01-01' and '2024-06-30'")
    assert sorted(got) == sorted(raw for (raw,) in expected)
    assert 0 < len(got) < len(db_rows(crawled.db, "select 1 from figures")[1])


def test_query_with_and_without_diacritics(crawled: CrawlResult, sct_export: Callable[..., Run],
                                           tmp_path: Path) -> None:
    written = set(exported_ids(sct_export, tmp_path, "articles", "--query", "Cụm trưởng"))
    folded = set(exported_ids(sct_export, tmp_path, "articles", "--query", "cum truong"))
    _, articles = db_rows(crawled.db, "select id, title, body from articles")
    expected = {key for key, title, body in articles
                if {"cum", "truong"} <= set(re.findall(r"\w+", fold(f"{title}\n{body}")))}
    assert written == folded == expected
    assert 0 < len(expected) < len(articles)


def test_person(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    """Articles mentioning the person; their mentions only; the person's row only."""
    person = db_ids(crawled.db, "select id from people order by mentions desc, id limit 1").pop()
    articles = set(exported_ids(sct_export, tmp_path, "articles", "--person", person))
    assert articles == db_ids(crawled.db, "select article_id from official_mentions where person_id = ?", [person])
    mentions = exported_ids(sct_export, tmp_path, "mentions", "--person", person, key="person_id")
    assert mentions == [person] * len(db_rows(crawled.db, "select 1 from official_mentions where person_id = ?",
                                               [person])[1])
    assert exported_ids(sct_export, tmp_path, "people", "--person", person) == [person]


def test_indicator(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    articles = set(exported_ids(sct_export, tmp_path, "articles", "--indicator", "iip"))
    assert articles == db_ids(crawled.db, "select article_id from figures where indicator_key = 'iip'")
    keys = exported_ids(sct_export, tmp_path, "figures", "--indicator", "iip", key="indicator_key")
    assert keys == ["iip"] * len(db_rows(crawled.db, "select 1 from figures where indicator_key = 'iip'")[1])


def test_filters_combine(crawled: CrawlResult, sct_export: Callable[..., Run], tmp_path: Path) -> None:
    got = set(exported_ids(sct_export, tmp_path, "mentions", "--province", "Hưng Yên", "--since", "2022-01-01",
                           key="raw"))
    _, expected = db_rows(crawled.db, "select m.raw from official_mentions m join articles a on a.id = m.article_id "
                                      "where (a.province = 'Hưng Yên' or a.province_2025 = 'Hưng Yên') "
                                      "and a.published_date >= '2022-01-01'")
    assert got == {raw for (raw,) in expected} and got
