"""In a real browser: a reader's walk through the archive in Vietnamese, then in English; the archived copy of
a page whose scripts must not run; the articles table at a readable height."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import ROOT, CrawlResult
from tests.web.conftest import SEED_003_TITLE, archive_with_stored_page, serve_datasette
from tests.web.test_i18n import english_left, english_only_words, visible_strings
from tests.web.test_links import SCRIPT_PAGE

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAX_TABLE_HEIGHT_PX = 20_000


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser, locale: str = "vi-VN") -> Page:
    """A page of a reader's browser: Vietnamese, so Accept-Language asks for vi."""
    page = browser.new_page(viewport={"width": 1200, "height": 1000}, locale=locale)
    page.set_default_timeout(15_000)
    return page


def in_vietnamese(page: Page, name: str) -> None:
    """The page is Vietnamese, with no word of our English messages left; a screenshot is kept."""
    assert page.locator("html").get_attribute("lang") == "vi", page.url
    leftovers = english_left(visible_strings(page.content()), english_only_words())
    assert leftovers == [], (page.url, leftovers)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.slow
def test_walk_home_search_article_person_province_indicator_article(served: str, browser: Browser) -> None:
    page = new_page(browser)
    page.goto(f"{served}/")
    expect(page.locator("h1")).to_have_text("Kho tin Công Thương")
    in_vietnamese(page, "1-home")

    page.fill("form[role=search] input[name=q]", "uy ban nhan dan thanh pho")
    page.press("form[role=search] input[name=q]", "Enter")
    page.wait_for_url("**/-/search?q=*")
    result = page.locator("li.sct-result h3 a", has_text=SEED_003_TITLE)
    expect(result).to_have_count(1)
    in_vietnamese(page, "2-search")

    result.click()
    page.wait_for_url("**/-/article/*")
    official = page.locator("#sct-body mark.fact-official", has_text="Hoàng Minh Cường")
    expect(official).to_have_count(1)
    colour = official.evaluate("node => getComputedStyle(node).backgroundColor")
    assert colour == "rgb(207, 232, 255)", "the official is highlighted by the plugin's stylesheet"
    expect(page.locator("#sct-citation-text")).to_contain_text("Sở Công Thương")
    in_vietnamese(page, "3-article")

    official.locator("a").click()
    page.wait_for_url("**/-/person/*")
    expect(page.locator("h1")).to_have_text("Hoàng Minh Cường")
    in_vietnamese(page, "4-person")

    page.locator("td.sct-post-province a").first.click()
    page.wait_for_url("**/-/province/*")
    expect(page.locator("#sct-merger")).to_contain_text("34 tỉnh, thành")
    in_vietnamese(page, "5-province")

    indicator = page.locator("#sct-province-figures a[href*='/-/indicator/']").first
    indicator_name = indicator.inner_text()
    indicator.click()
    page.wait_for_url("**/-/indicator/*")
    expect(page.locator("h1")).to_contain_text(indicator_name)
    in_vietnamese(page, "6-indicator")

    indicator_path = page.url.removeprefix(served).split("?")[0]
    page.locator("#sct-figures a[href*='/-/article/']").first.click()
    page.wait_for_url("**/-/article/*")
    expect(page.locator(f"#sct-article-figures a[href='{indicator_path}']").first).to_be_visible()
    in_vietnamese(page, "7-article-through-a-figure")

    page.locator("#sct-lang a").click()
    page.wait_for_url("**/-/article/*")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h2", has_text="Figures in this article")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "8-article-in-english.png"), full_page=True)
    page.goto(f"{served}/-/search?q=cong+thuong")  # the choice is remembered
    expect(page.locator("h1")).to_have_text("Search the archive")
    page.screenshot(path=str(ARTIFACTS / "9-search-in-english.png"), full_page=True)
    page.close()
    assert (ARTIFACTS / "3-article.png").stat().st_size > 10_000


@pytest.mark.slow
def test_articles_table_has_a_readable_height(served: str, browser: Browser) -> None:
    page = new_page(browser)
    page.goto(f"{served}/archive/articles?_size=100")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"articles table, 100 rows: {height} px")
    assert height < MAX_TABLE_HEIGHT_PX
    expect(page.locator("td.col-title a[href^='/-/article/']").first).to_be_visible()
    page.close()


@pytest.fixture(scope="module")
def scripted_server(crawled: CrawlResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Datasette over a copy of the archive whose seed 003 page, as stored, carries scripts."""
    db = tmp_path_factory.mktemp("browser-scripted") / "archive.db"
    key = archive_with_stored_page(crawled.db, db, None, SCRIPT_PAGE, title=SEED_003_TITLE)
    with serve_datasette(db) as base:
        yield base, key


@pytest.mark.slow
def test_archived_copy_runs_no_script_and_loads_nothing(scripted_server: tuple[str, str], browser: Browser) -> None:
    base, key = scripted_server
    page = new_page(browser)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/-/article/{key}")
    page.locator("#sct-archived-frame").scroll_into_view_if_needed()
    frame = page.frame_locator("#sct-archived-frame")
    expect(frame.locator("h1")).to_have_text("Bản lưu")
    expect(frame.locator("script")).to_have_count(0)
    expect(frame.locator("#injected")).to_have_count(0)
    expect(frame.locator("iframe")).to_have_count(0)
    [archived] = [child for child in page.main_frame.child_frames]
    assert archived.evaluate("document.title") != "ran"
    page.goto(f"{base}/-/article/{key}/archived")  # opened alone, the CSP still holds
    expect(page.locator("h1")).to_have_text("Bản lưu")
    assert page.title() != "ran" and page.locator("#injected").count() == 0
    page.screenshot(path=str(ARTIFACTS / "archived-copy.png"), full_page=True)
    assert not [url for url in requested if "127.0.0.1:9" in url]
    page.close()
