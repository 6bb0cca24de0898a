"""The registry loads valid entries and names the file, entry and field of every bad one."""

from pathlib import Path

import pytest

from crawler.registry import MIRROR_REGISTRY, RegistryError, load_registry

GOOD_ENTRY = """
  - id: test-site
    name: Sở Công Thương Thử
    province: Hải Dương
    province_2025: Hải Phòng
    homepage: http://127.0.0.2:${MIRROR_PORT}/
    date_order: mdy
    listings:
      - url: http://127.0.0.2:${MIRROR_PORT}/news?page=1
        category: Tin tức
    links:
      article: ['/news/\\d+']
      pagination: ['page=\\d+']
"""


def write_registry(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sites.yaml"
    path.write_text("sources:\n" + body, encoding="utf-8")
    return path


def test_good_entry_loads_with_port_substituted(tmp_path: Path) -> None:
    [source] = load_registry(write_registry(tmp_path, GOOD_ENTRY), {"MIRROR_PORT": "9999"})
    assert source.id == "test-site"
    assert source.homepage == "http://127.0.0.2:9999/"
    assert source.listings[0].url == "http://127.0.0.2:9999/news?page=1"
    assert source.listings[0].category == "Tin tức"
    assert source.date_order == "mdy"
    assert source.article_links == ("/news/\\d+",)
    assert source.domains == ("127.0.0.2",)


def test_kind_defaults_to_department_and_accepts_ministry_and_paper(tmp_path: Path) -> None:
    [default] = load_registry(write_registry(tmp_path, GOOD_ENTRY), {"MIRROR_PORT": "1"})
    assert default.kind == "department"
    for kind in ("ministry", "paper"):
        body = GOOD_ENTRY.replace("date_order: mdy", f"date_order: mdy\n    kind: {kind}")
        [source] = load_registry(write_registry(tmp_path, body), {"MIRROR_PORT": "1"})
        assert source.kind == kind


def test_mirror_registry_is_valid() -> None:
    sources = load_registry(MIRROR_REGISTRY, {"MIRROR_PORT": "8765"})
    assert len(sources) >= 4
    assert all(source.province_2025 for source in sources)


@pytest.mark.parametrize(("change", "field", "message"), [
    (("id: test-site", "id: Test Site"), "id", "lowercase"),
    (("    name: Sở Công Thương Thử\n", ""), "name", "required"),
    (("homepage: http://127.0.0.2:${MIRROR_PORT}/", "homepage: ftp://example"), "homepage", "http"),
    (("homepage: http://127.0.0.2:${MIRROR_PORT}/", "homepage: http://h:${NOPE}/"), "homepage",
     "unknown variable"),
    (("date_order: mdy", "date_order: ymd"), "date_order", "one of"),
    (("article: ['/news/\\d+']", "article: ['/news/(']"), "links.article", "regular expression"),
    (("links:", "linkz:"), "linkz", "unknown field"),
    (("      pagination:", "      paging:"), "links.paging", "unknown key"),
    (("date_order: mdy", "date_order: mdy\n    max_pages: 0"), "max_pages", "at least 1"),
    (("date_order: mdy", "date_order: mdy\n    enabled: maybe"), "enabled", "true or false"),
    (("date_order: mdy", "date_order: mdy\n    kind: blog"), "kind", "one of"),
    (("      - url: http://127.0.0.2:${MIRROR_PORT}/news?page=1\n        category: Tin tức\n",
      "      - category: Tin tức\n"), "listings", "needs a url"),
])
def test_bad_entry_names_file_entry_and_field(tmp_path: Path, change: tuple[str, str], field: str,
                                              message: str) -> None:
    old, new = change
    assert old in GOOD_ENTRY
    path = write_registry(tmp_path, GOOD_ENTRY.replace(old, new))
    with pytest.raises(RegistryError) as raised:
        load_registry(path, {"MIRROR_PORT": "1"})
    error = raised.value
    assert error.path == str(path)
    assert error.field_name == field
    assert error.entry in ("test-site", "Test Site", "#1")
    assert message in str(error)
    assert str(path) in str(error) and repr(field) in str(error)


def test_a_homepage_is_enough_and_says_how_far_it_is_verified(tmp_path: Path) -> None:
    body = GOOD_ENTRY.split("    date_order:")[0] + "    verified: guessed\n"
    [source] = load_registry(write_registry(tmp_path, body), {"MIRROR_PORT": "1"})
    assert source.enabled and not source.configured and source.verified == "guessed"
    assert "date_order" not in source.declared  # the default order must not hide the one discovery sees
    [configured] = load_registry(write_registry(tmp_path, GOOD_ENTRY), {"MIRROR_PORT": "1"})
    assert configured.configured and configured.verified is None and "date_order" in configured.declared


def test_verified_takes_seen_or_guessed_only(tmp_path: Path) -> None:
    body = GOOD_ENTRY + "    verified: maybe\n"
    with pytest.raises(RegistryError, match=r"'verified'.*seen, guessed"):
        load_registry(write_registry(tmp_path, body), {"MIRROR_PORT": "1"})


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="duplicate id"):
        load_registry(write_registry(tmp_path, GOOD_ENTRY + GOOD_ENTRY), {"MIRROR_PORT": "1"})


@pytest.mark.parametrize("content", ["sources: [", "just text", "sources: {a: 1}", "sources:\n  - 3\n"])
def test_malformed_files_are_rejected(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RegistryError) as raised:
        load_registry(path, {})
    assert str(path) in str(raised.value)


def test_missing_file_is_a_registry_error(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "absent.yaml", {})
