"""The archive's writes: idempotent upserts, people merged across articles, stories of copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.archive import Archive
from crawler.registry import Source
from nlp.article import body_facts

BODY = ("Chiều ngày 03/01/2025, tại Trung tâm Hội nghị thành phố, Sở Công Thương tổ chức Hội nghị tổng kết "
        "công tác năm 2024. Hội nghị vinh dự được nghe ý kiến phát biểu chỉ đạo của đồng chí Hoàng Minh Cường, "
        "Phó Chủ tịch Uỷ ban Nhân dân thành phố. Tổng mức bán lẻ hàng hóa năm 2024 ước đạt 20.240 tỷ đồng, "
        "tăng 10,5% so với cùng kỳ năm trước.")


def source(site_id: str) -> Source:
    return Source(id=site_id, name=site_id, province="Hải Phòng", province_2025="Hải Phòng",
                  homepage=f"http://{site_id}.example/", date_order="dmy")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_sites([source("a"), source("b")])
    yield archive
    archive.close()


def save(archive: Archive, site: str, url: str, body: str = BODY, title: str = "Hội nghị tổng kết",
         published: str = "2025-01-06", **extra: str) -> str:
    record = {"url": url, "canonical_url": url, "site_id": site, "title": title, "published": published,
              "body": body, "fetched_at": "2025-01-07T00:00:00+00:00", **extra}
    return archive.save_article(record, b"<html></html>", "utf-8", 200, body_facts(body, published))


def test_saving_twice_is_unchanged_and_a_change_is_an_update(archive: Archive) -> None:
    assert save(archive, "a", "http://a.example/1") == "new"
    assert save(archive, "a", "http://a.example/1") == "unchanged"
    assert save(archive, "a", "http://a.example/1", title="Hội nghị tổng kết năm 2024") == "updated"
    assert archive.db["articles"].count == 1
    assert archive.db["figures"].count == 2


def test_one_person_across_articles_with_every_mention(archive: Archive) -> None:
    save(archive, "a", "http://a.example/1")
    later = BODY.replace("03/01/2025", "05/02/2025").replace("Uỷ ban", "Ủy ban")
    save(archive, "a", "http://a.example/2", body=later, published="2025-02-06")
    [person] = list(archive.db.query("select * from people"))
    assert person["name"] == "Hoàng Minh Cường" and person["mentions"] == 2
    assert (person["first_mentioned"], person["last_mentioned"]) == ("2025-01-06", "2025-02-06")
    mentions = list(archive.db.query("select person_id, sentence, start, end from official_mentions"))
    assert {mention["person_id"] for mention in mentions} == {person["id"]}
    body = archive.db["articles"].get(next(iter(archive.db.query("select id from articles")))["id"])["body"]
    assert "Hoàng Minh Cường" in body[mentions[0]["start"]:mentions[0]["end"]]


def test_same_name_in_an_unrelated_position_is_another_person(archive: Archive) -> None:
    save(archive, "a", "http://a.example/1")
    other = BODY.replace("Phó Chủ tịch Uỷ ban Nhân dân thành phố", "Giám đốc Công ty Điện lực Hải Phòng")
    save(archive, "a", "http://a.example/2", body=other)
    assert archive.db["people"].count == 2


LONG_BODY = "\n\n".join([BODY, *(Path(__file__).resolve().parent.parent / "mirror" / "seeds" /
                                   "003_e929ec47d0012ae0.txt").read_text(encoding="utf-8").split("\n")[8:14]])


def test_a_copy_on_another_site_joins_the_story_but_not_a_sibling_on_the_same_site(archive: Archive) -> None:
    save(archive, "a", "http://a.example/1", body=LONG_BODY)
    original = archive.db.execute("select id from articles").fetchone()[0]
    save(archive, "b", "http://b.example/copy", body=LONG_BODY + "\n\nVăn phòng Sở sưu tầm")
    save(archive, "a", "http://a.example/again", body=LONG_BODY + "\n\nBài cùng trang")
    stories = dict(archive.db.execute("select url, story_id from articles").fetchall())
    assert stories["http://b.example/copy"] == stories["http://a.example/1"] == original
    assert stories["http://a.example/again"] != original


def test_an_unchanged_article_saved_again_keeps_its_story_and_original(archive: Archive) -> None:
    """As `sct reextract` saves every article again: stories must survive it."""
    save(archive, "a", "http://a.example/original")
    save(archive, "b", "http://b.example/repost", body="Một bài khác hẳn về chủ đề khác.",
         original_url="http://a.example/original")
    before = archive.db.execute("select url, story_id, repost_of from articles order by url").fetchall()
    assert save(archive, "b", "http://b.example/repost", body="Một bài khác hẳn về chủ đề khác.",
                original_url="http://a.example/original") == "unchanged"
    assert save(archive, "a", "http://a.example/original") == "unchanged"
    assert archive.db.execute("select url, story_id, repost_of from articles order by url").fetchall() == before
    assert before[1][2] == before[0][1]  # the repost still names its original


def test_a_repost_archived_before_its_original_is_linked_when_the_original_arrives(archive: Archive) -> None:
    save(archive, "b", "http://b.example/repost", body="Một bài khác hẳn về chủ đề khác.",
         original_url="http://a.example/original")
    save(archive, "a", "http://a.example/original")
    repost = next(iter(archive.db.query("select * from articles where url = 'http://b.example/repost'")))
    original = next(iter(archive.db.query("select * from articles where url = 'http://a.example/original'")))
    assert repost["repost_of"] == original["id"] and repost["story_id"] == original["story_id"]
