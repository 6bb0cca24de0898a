"""The real registry: every file under sources/ loads, and provinces.yaml covers all 63 provinces."""

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


def test_disabled_entries_say_why(registry: list[Source]) -> None:
    for source in registry:
        if not source.enabled:
            assert source.notes and len(source.notes) > 30, source.id


def test_enabled_entries_have_listings_and_article_rules(registry: list[Source]) -> None:
    enabled = [source for source in registry if source.enabled]
    assert enabled
    for source in enabled:
        assert source.listings and source.article_links, source.id
        assert all(listing.url.startswith("https://") for listing in source.listings)
        assert source.notes, source.id
