"""The real registry: every file under sources/ loads, and provinces.yaml covers all 63 provinces."""

import re
from collections import Counter

import pytest

from crawler.registry import SOURCES_DIR, Source, load_registry
from nlp.provinces import PROVINCES_34, PROVINCES_63, province_2025

PROVINCES_FILE = SOURCES_DIR / "provinces.yaml"


@pytest.fixture(scope="module")
def registry() -> list[Source]:
    return load_registry(PROVINCES_FILE)


def test_the_whole_registry_loads_with_unique_ids() -> None:
    sources = load_registry(SOURCES_DIR)
    ids = Counter(source.id for source in sources)
    assert ids and max(ids.values()) == 1
    assert {source.id for source in load_registry(PROVINCES_FILE)} <= set(ids)


def test_every_pre_merger_province_has_one_department(registry: list[Source]) -> None:
    departments = [source for source in registry if source.kind == "department"]
    assert sorted(source.province or "" for source in departments) == sorted(PROVINCES_63)
    for source in departments:
        assert source.province_2025 in PROVINCES_34, source.id
        assert source.province_2025 == province_2025(source.province or ""), source.id
        assert source.region, source.id
        assert source.name == f"Sở Công Thương {source.province}"


def test_the_ministry_and_papers(registry: list[Source]) -> None:
    [ministry] = [source for source in registry if source.kind == "ministry"]
    assert ministry.id == "moit" and ministry.province is None and ministry.province_2025 is None
    papers = [source for source in registry if source.kind == "paper"]
    assert len(papers) >= 5
    for paper in papers:
        assert paper.province in PROVINCES_63, paper.id
        assert paper.province_2025 == province_2025(paper.province or ""), paper.id


def test_every_entry_is_enabled_and_says_how_far_it_is_verified(registry: list[Source]) -> None:
    for source in registry:
        assert source.enabled, source.id
        assert source.verified in ("seen", "guessed"), source.id
        assert source.notes and len(source.notes) > 30, source.id
        if source.verified == "seen":
            assert re.search(r"seen|stored", source.notes), source.id
        else:
            assert re.search(r"unverified|memory|inferred|guessed|unverified feed list", source.notes), source.id


def test_hand_written_rules_only_where_they_were_seen(registry: list[Source]) -> None:
    """Listings come with article rules; no entry carries a sitemap URL that is only the usual place."""
    for source in registry:
        if source.listings:
            assert source.article_links and source.verified == "seen", source.id
            assert all(listing.url.startswith("https://") for listing in source.listings)
        assert not source.sitemaps, source.id
