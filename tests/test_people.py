"""People merged across the archive (crawler/people.py): spellings, appointments, namesakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.archive import Archive
from crawler.registry import Source
from nlp.article import body_facts


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_sites([Source(id=p, name=p, province=name, province_2025=name, homepage=f"http://{p}.example/",
                                 date_order="dmy") for p, name in (("hg", "Hậu Giang"), ("cm", "Cà Mau"))])
    yield archive
    archive.close()


def save(archive: Archive, site: str, n: int, body: str, published: str) -> None:
    province = archive.db["sites"].get(site)["province"]
    record = {"url": f"http://{site}.example/{n}", "site_id": site, "title": f"Tin {n}", "published": published,
              "body": body, "fetched_at": "2025-01-07T00:00:00+00:00"}
    archive.save_article(record, b"<html></html>", "utf-8", 200, body_facts(body, published, province))


def people(archive: Archive) -> list[dict]:
    return list(archive.db.query("select * from people order by id"))


def test_one_person_across_spellings_and_an_appointment_with_posts_over_time(archive: Archive) -> None:
    save(archive, "hg", 1, "Dự hội nghị có ông Lý Văn Hoà, Phó Giám đốc Sở Công Thương.", "2023-03-01")
    save(archive, "hg", 2, "UBND tỉnh bổ nhiệm ông Lý văn Hòa, Phó Giám đốc Sở Công Thương, giữ chức "
                           "Giám đốc Sở Công Thương.", "2024-05-02")
    save(archive, "hg", 3, "Giám đốc Sở Công Thương Lý Văn Hòa chủ trì.", "2025-01-03")
    [person] = people(archive)
    assert person["mentions"] == 4 and person["name"] == "Lý Văn Hoà"
    assert json.loads(person["positions"]) == ["Phó Giám đốc Sở Công Thương", "Giám đốc Sở Công Thương"]
    assert json.loads(person["provinces"]) == ["Hậu Giang"]
    assert (person["first_mentioned"], person["last_mentioned"]) == ("2023-03-01", "2025-01-03")
    roles = dict(archive.db.execute("select position, role from official_mentions where article_id = "
                                    "(select id from articles where url like '%/2')").fetchall())
    assert roles == {"Phó Giám đốc Sở Công Thương": "old", "Giám đốc Sở Công Thương": "new"}


def test_a_namesake_in_the_same_post_of_another_province_is_another_person(archive: Archive) -> None:
    save(archive, "hg", 1, "Ông Trần Minh Tâm, Giám đốc Sở Công Thương phát biểu.", "2024-01-01")
    save(archive, "cm", 2, "Ông Trần Minh Tâm, Giám đốc Sở Công Thương phát biểu.", "2024-02-01")
    save(archive, "cm", 3, "Ông Trần Minh Tâm, Giám đốc Sở Công Thương tỉnh Cà Mau chủ trì.", "2024-03-01")
    found = [(json.loads(p["provinces"]), p["mentions"]) for p in people(archive)]
    assert found == [(["Hậu Giang"], 1), (["Cà Mau"], 2)]
