"""In a real browser: search without diacritics, open the seed 003 article, see its official marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import ROOT
from tests.web.conftest import SEED_003_TITLE

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.slow
def test_search_then_article_in_chromium(served: str, chromium: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            page.set_default_timeout(15_000)
            page.goto(f"{served}/-/search")
            page.fill("input[name=q]", "uy ban nhan dan thanh pho")
            page.press("input[name=q]", "Enter")
            page.wait_for_url("**/-/search?q=*")
            result = page.locator("li.sct-result h3 a", has_text=SEED_003_TITLE)
            expect(result).to_have_count(1)
            page.screenshot(path=str(ARTIFACTS / "search-uy-ban-nhan-dan.png"), full_page=True)
            result.click()
            page.wait_for_url("**/-/article/*")
            official = page.locator("#sct-body mark.fact-official", has_text="Hoàng Minh Cường")
            expect(official).to_have_count(1)
            expect(official).to_be_visible()
            colour = official.evaluate("node => getComputedStyle(node).backgroundColor")
            assert colour == "rgb(207, 232, 255)", "the official is highlighted by the plugin's stylesheet"
            page.screenshot(path=str(ARTIFACTS / "article-seed-003.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "article-seed-003.png").stat().st_size > 10_000
