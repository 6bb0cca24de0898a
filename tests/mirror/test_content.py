"""The ground truth itself: seeds cut exactly, traps real, filler marked, everything stable."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from mirror import content, sites
from mirror.sites import ARTICLES, BAD_KINDS, BAD_PAGES, SITES

ROOT = Path(__file__).resolve().parents[2]
GOLD = json.loads((ROOT / "tests" / "fixtures" / "gold_seeds.json")
                  .read_text(encoding="utf-8"))["articles"]
GOLD_BY_SEED = {entry["seed"]: entry for entry in GOLD}


@pytest.mark.parametrize("seed_file", sorted(content.SEEDS))
def test_seed_body_is_the_seed_text_from_first_to_last_sentence(seed_file: str) -> None:
    spec = content.SEEDS[seed_file]
    text = content.seed_text(seed_file)
    article = sites.seed_article(seed_file)
    assert article.paragraphs[0].startswith(spec.first)
    assert article.paragraphs[-1].endswith(spec.last)
    position = 0
    for paragraph in article.paragraphs:
        assert unicodedata.is_normalized("NFC", paragraph)
        position = text.index(paragraph, position) + len(paragraph)
    assert set(article.captions) == set(spec.captions)
    assert not set(article.captions) & set(article.paragraphs)


@pytest.mark.parametrize("seed_file", sorted(content.SEEDS))
def test_seed_metadata_agrees_with_gold(seed_file: str) -> None:
    gold = GOLD_BY_SEED[seed_file]
    article = sites.seed_article(seed_file)
    if gold["title"] is not None:
        assert article.title == gold["title"]
    assert article.published == gold["published"]
    assert article.published_raw == gold.get("published_raw")
    assert article.author == gold["author"]
    assert article.source_note == gold.get("source_note")
    assert article.original_url == gold.get("original_url")
    for trap in gold.get("page_date_traps", []) + gold.get("boilerplate_traps", []):
        assert trap in " ".join(article.traps)


@pytest.mark.parametrize("seed_file", sorted(content.SEEDS))
def test_seed_traps_come_from_the_captured_page(seed_file: str) -> None:
    text = " ".join(content.seed_text(seed_file).split())
    for trap in content.SEEDS[seed_file].traps:
        assert trap in text


def test_original_of_the_repost_is_on_the_paper_with_its_canonical_address() -> None:
    repost = sites.seed_article("001_9a054e092e19778d.txt")
    original = sites.seed_article("001_9a054e092e19778d.txt", site_id="baohungyen")
    assert repost.site_id == "hungyen-sct" and repost.published is None
    assert original.canonical_url == repost.original_url
    assert original.path == "/" + repost.original_url.split("/", 3)[3]
    assert original.published == "2023-03-24T15:30:00+07:00"
    assert original.paragraphs == repost.paragraphs


def test_no_trap_is_part_of_a_body() -> None:
    for article in ARTICLES:
        body = "\n".join(article.paragraphs)
        for trap in article.traps + article.captions:
            assert trap not in body, (article.path, trap)


def test_filler_is_marked_synthetic_and_seeds_are_not() -> None:
    synthetic = [article for article in ARTICLES if article.synthetic]
    assert len(synthetic) > 150
    for article in synthetic:
        assert article.title.startswith(content.SYNTHETIC_PREFIX)
        assert article.paragraphs[-1] == content.SYNTHETIC_NOTE
    for article in ARTICLES:
        if not article.synthetic:
            assert content.SYNTHETIC_NOTE not in article.paragraphs


def test_filler_carries_figures_and_officials() -> None:
    text = "\n".join(paragraph for article in ARTICLES if article.synthetic
                     for paragraph in article.paragraphs)
    for needle in ("(IIP)", "tỷ đồng", "triệu USD", "Giám đốc Sở Công Thương", "quý I",
                   "6 tháng đầu năm", "/KH-SCT"):
        assert needle in text


def test_every_category_has_three_listing_pages_and_dates_span_the_years() -> None:
    for site in SITES:
        for category in site.categories:
            assert sites.listing_pages(site, category.key) >= 3
    years = Counter(article.published[:4] for article in ARTICLES if article.published)
    assert set(years) == {str(year) for year in range(2019, 2026)}


def test_paths_and_titles_are_unique_per_site() -> None:
    for site in SITES:
        articles = sites.SITE_ARTICLES[site.id]
        assert len({article.path for article in articles}) == len(articles)
        assert len({article.title for article in articles}) == len(articles)


def test_published_values_are_iso_with_vietnam_offset_or_a_bare_date() -> None:
    for article in ARTICLES:
        if article.published is None:
            assert article.published_raw is None
        else:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?", article.published)


def test_bad_pages_cover_every_kind() -> None:
    assert sorted(page.kind for page in BAD_PAGES) == sorted(BAD_KINDS)
    served = {(article.site_id, article.path) for article in ARTICLES}
    for page in BAD_PAGES:
        assert ((page.site_id, page.path) in served) == (page.kind in ("no_date",
                                                                        "charset_mismatch"))


DIGEST = (
    "import hashlib; from mirror.sites import ARTICLES, BAD_PAGES; "
    "print(hashlib.sha256(repr((ARTICLES, BAD_PAGES)).encode()).hexdigest())"
)


def test_content_is_the_same_in_every_process() -> None:
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run([sys.executable, "-c", DIGEST], capture_output=True, text=True,
                                env=env, cwd=ROOT, check=True)
        digests.add(result.stdout.strip())
    assert len(digests) == 1
