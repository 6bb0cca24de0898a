"""`sct extract`, `sct eval` and `sct reextract`: extraction through the same code the crawl uses."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from mirror import sites as truth
from mirror.server import MirrorServer
from nlp.text import normalize
from tests.conftest import FIXTURES, ROOT, CrawlResult

SEEDS = ROOT / "mirror" / "seeds"


def sct(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)


def test_eval_scores_the_seeds_against_the_gold() -> None:
    result = sct("eval", str(FIXTURES / "gold_seeds.json"), "--texts", str(SEEDS), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    for field in ("officials", "figures", "dates"):
        assert (scores[field]["precision"], scores[field]["recall"]) == (1.0, 1.0), field
    assert scores["documents"]["precision"] == 1.0


def test_eval_prints_a_table() -> None:
    result = sct("eval", str(FIXTURES / "gold_seeds.json"), "--texts", str(SEEDS))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]


def test_extract_a_plain_text_page(gold: dict) -> None:
    expected = gold["articles"][2]
    output = json.loads(sct("extract", str(SEEDS / expected["seed"])).stdout)
    assert output["title"] == expected["title"]
    assert output["published"] == expected["published"]
    assert output["author"] == expected["author"]
    assert [(o["name"], o["position"]) for o in output["officials"]] == [
        (o["name"], o["position"]) for o in expected["officials"]]
    assert sorted((f["value"], f["unit"]) for f in output["figures"]) == sorted(
        (f["value"], f["unit"]) for f in expected["figures"])
    assert "Bản tin Pháp luật" not in output["body"] and "captcha" not in output["body"]


def test_extract_resolves_years_from_published(tmp_path: Path) -> None:
    text = tmp_path / "article.txt"
    text.write_text("Chiều 5-7, Sở Công Thương tổ chức hội nghị sơ kết 6 tháng đầu năm.", encoding="utf-8")
    output = json.loads(sct("extract", str(text), "--published", "2024-07-07").stdout)
    assert output["published"] == "2024-07-07"
    assert [d["value"] for d in output["dates"] if d["kind"] == "day"] == ["2024-07-05"]


@pytest.mark.parametrize("site_id", ["hue-sct", "bariavungtau-sct", "haiduong-sct"])
def test_extract_a_saved_html_page_like_the_spider(mirror: MirrorServer, tmp_path: Path, site_id: str) -> None:
    article = next(a for a in truth.ARTICLES if a.site_id == site_id and a.published)
    url = mirror.url(site_id, article.path)
    page = tmp_path / "page.html"
    page.write_bytes(urllib.request.urlopen(url, timeout=10).read())
    order = truth.SITES_BY_ID[site_id].family.date_order
    output = json.loads(sct("extract", str(page), "--url", url, "--date-order", order).stdout)
    assert output["title"] == article.title
    assert output["published"] == article.published
    assert output["author"] == article.author
    assert output["body"] == "\n\n".join(normalize(paragraph) for paragraph in article.paragraphs)
    assert output["page_kind"] == "article"


def test_extract_prints_the_page_kind_of_a_homepage(mirror: MirrorServer, tmp_path: Path) -> None:
    url = mirror.url("hue-sct", "/")
    page = tmp_path / "home.html"
    page.write_bytes(urllib.request.urlopen(url, timeout=10).read())
    output = json.loads(sct("extract", str(page), "--url", url).stdout)
    assert output["page_kind"] == "homepage"


def test_reextract_rebuilds_facts_from_stored_html(crawled: CrawlResult, tmp_path: Path) -> None:
    copy = tmp_path / "archive.db"
    copy.write_bytes(crawled.db.read_bytes())
    db = sqlite_utils.Database(copy)
    before = db["figures"].count
    db.execute("delete from figures")
    db.conn.commit()
    result = sct("reextract", "--db", str(copy))
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts == {"unchanged": db["articles"].count, "series_rows": db["series"].count}
    assert sqlite_utils.Database(copy)["figures"].count == before
    assert db["series"].count > 0  # the panel rebuilt from the figures extracted again
