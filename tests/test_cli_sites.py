"""`sct sites list|check|probe`, through the `sct` entry point."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.main import main
from crawler.settings import USER_AGENT
from mirror.server import MirrorServer
from tests.hostile_site import serve

LISTING = """<!DOCTYPE html><html><head><title>Tin tức</title></head><body>
<ul class="news">
  <li><a href="/tin-tuc/hoi-cho-hang-viet-12.html">Hội chợ hàng Việt</a> (15/03/2024)</li>
  <li><a href='/gioi-thieu.html'>Giới thiệu</a></li>
</ul></body></html>"""

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hội chợ hàng Việt</title>
</head><body>
<h1 class="title">Khai mạc Hội chợ hàng Việt năm 2024</h1>
<div class="date">15/03/2024 08:30</div>
<div class="content">
  <p>Sáng 15/3, Sở Công Thương tỉnh Hải Dương khai mạc Hội chợ hàng Việt năm 2024.</p>
  <p>Hội chợ có 200 gian hàng của 120 doanh nghiệp trong và ngoài tỉnh.</p>
  <p>Hội chợ kéo dài đến hết ngày 20/3.</p>
  <p>Ban tổ chức dự kiến đón khoảng 30.000 lượt khách.</p>
</div>
<div class="author">Minh Anh</div>
</body></html>"""


def run(argv: list[str]) -> int:
    return main(argv)


PAGES = {"/tin-tuc": LISTING, "/tin-tuc/hoi-cho-hang-viet-12.html": ARTICLE}
AGENTS: list[str] = []


@pytest.fixture
def site() -> Iterator[str]:
    with serve(PAGES, AGENTS) as base:
        yield base


def registry(tmp_path: Path, base: str) -> Path:
    path = tmp_path / "local.yaml"
    path.write_text(f"""sources:
  - id: local-sct
    name: Sở Công Thương Thử
    province: Hải Dương
    province_2025: Hải Phòng
    homepage: {base}/
    listings: [{base}/tin-tuc]
    links:
      article: ['/tin-tuc/[a-z0-9-]+-\\d+\\.html$']
    selectors: {{title: h1.title, date: div.date, body: div.content, author: div.author}}
  - id: quiet-sct
    name: Sở Công Thương Im Lặng
    province: Thái Bình
    province_2025: Hưng Yên
    homepage: http://127.0.0.1:9/
    enabled: false
    notes: Only here to be listed with --all.
""", encoding="utf-8")
    return path


def test_list_json_shows_the_real_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sites", "list", "--json", "--all"]) == 0
    sites = {site["id"]: site for site in json.loads(capsys.readouterr().out)}
    assert sites["sct-haiduong"]["province_2025"] == "Hải Phòng"
    assert sites["moit"]["kind"] == "ministry"
    assert len([site for site in sites.values() if site["kind"] == "department"]) >= 63


def test_list_shows_enabled_sites_unless_all(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = registry(tmp_path, "http://127.0.0.1:9")
    assert run(["sites", "list", "--sources", str(path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["id", "province", "province_2025", "platform", "enabled", "verified",
                                "discovery", "homepage"]
    assert [line.split()[0] for line in table[1:-1]] == ["local-sct"]
    assert table[-1] == "1 sites: 1 enabled; verified: 0 seen, 0 guessed, 1 not marked"
    assert run(["sites", "list", "--all", "--sources", str(path)]) == 0
    assert "quiet-sct" in capsys.readouterr().out


def test_check_counts_the_real_registry(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sites", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "enabled" in out and "disabled" in out


def test_check_names_file_entry_and_field(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = registry(tmp_path, "http://127.0.0.1:9")
    path.write_text(path.read_text(encoding="utf-8").replace("enabled: false", "enabled: perhaps"),
                    encoding="utf-8")
    assert run(["sites", "check", "--sources", str(path)]) == 2
    error = capsys.readouterr().err
    assert str(path) in error and "'quiet-sct'" in error and "'enabled'" in error


def test_probe_fetches_a_listing_and_an_article(site: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["sites", "probe", "local-sct", "--sources", str(registry(tmp_path, site))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["listing"]["first"] == [f"{site}/tin-tuc/hoi-cho-hang-viet-12.html"]
    assert report["listing"]["date_order_seen"] == "dmy"
    article = report["article"]
    assert article["title"] == "Khai mạc Hội chợ hàng Việt năm 2024"
    assert article["published"].startswith("2024-03-15T08:30")
    assert article["author"] == "Minh Anh"
    assert len(article["paragraphs"]) == 3
    assert article["paragraphs"][0].startswith("Sáng 15/3")
    assert AGENTS and all(agent == USER_AGENT for agent in AGENTS)


def test_probe_reports_a_network_failure(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = registry(tmp_path, "http://127.0.0.1:9")
    assert run(["sites", "probe", "local-sct", "--timeout", "2", "--sources", str(path)]) == 1
    error = capsys.readouterr().err
    assert "cannot fetch http://127.0.0.1:9/tin-tuc" in error


def test_probe_of_an_unknown_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = registry(tmp_path, "http://127.0.0.1:9")
    assert run(["sites", "probe", "nowhere", "--sources", str(path)]) == 2
    assert "no site 'nowhere'" in capsys.readouterr().err


def test_list_counts_how_far_the_real_registry_is_verified(capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.registry import PROVINCES_REGISTRY

    assert run(["sites", "list", "--sources", str(PROVINCES_REGISTRY)]) == 0
    *rows, counts = capsys.readouterr().out.splitlines()
    seen = sum(" seen " in row for row in rows[1:])
    guessed = sum(" guessed " in row for row in rows[1:])
    assert seen >= 20 and seen + guessed == len(rows) - 1
    assert counts == f"{len(rows) - 1} sites: {len(rows) - 1} enabled; verified: {seen} seen, {guessed} guessed"


def test_probe_discovers_a_site_given_only_its_homepage(mirror: MirrorServer, monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from crawler.registry import MIRROR_REGISTRY
    from mirror import sites as truth

    monkeypatch.setenv("SCT_MIRROR_PORT", str(mirror.port))
    assert run(["sites", "probe", "soctrang-sct", "--sources", str(MIRROR_REGISTRY),
                "--db", str(tmp_path / "none.db")]) == 0
    report = json.loads(capsys.readouterr().out)
    site = truth.SITES_BY_ID["soctrang-sct"]
    assert report["discovered"]["mode"] == "listing"
    assert report["discovered"]["start_urls"] == [mirror.url(site.id, site.family.listing(category.key, 1))
                                                  for category in site.categories]
    newest = truth.listing(site, site.categories[0].key)[0]
    assert report["article"]["url"] == mirror.url(site.id, newest.path)
    assert (report["article"]["title"], report["article"]["published"]) == (newest.title, newest.published)
    assert report["article"]["not_article"] is None and report["stored_profile"] is None
    assert not any(request.path.startswith("/tim-kiem") for request in mirror.requests
                   if request.site_id == site.id)  # robots.txt disallows the search page it links to
