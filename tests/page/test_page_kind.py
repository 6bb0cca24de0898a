"""page_kind on every page the mirror serves: articles are articles, listings and homepages are not."""

from __future__ import annotations

from crawler.registry import MIRROR_REGISTRY, load_registry
from mirror import pages, sites
from nlp.page import PageHints, extract_page

BASE = "http://127.0.0.1:8765"


def _read(site_id: str, target: str) -> str | None:
    answer = pages.answer(site_id, target, "normal", f"{BASE}/")
    return answer.body.decode("utf-8") if answer.status == 200 else None


def _target(key: tuple) -> str:
    path, query = key
    return path + ("?" + "&".join(f"{name}={value}" for name, value in query) if query else "")


def test_mirror_articles_listings_and_homepages_by_kind() -> None:
    registry = {source.id: source for source in load_registry(MIRROR_REGISTRY, {"MIRROR_PORT": "8765"})}
    kinds: dict[tuple[str, str], int] = {}
    good = {(article.site_id, article.path) for article in sites.ARTICLES}  # not the mirror's broken pages
    for site in sites.SITES:
        hints = PageHints(registry[site.id].date_order, dict(registry[site.id].selectors))
        for key, route in pages.routes(site.id).items():
            if route.kind == "print" or (route.kind == "article" and (site.id, route.article.path) not in good):
                continue
            html = _read(site.id, _target(key))
            if html is None:
                continue
            kind = extract_page(html, BASE + _target(key), hints).page_kind
            expected = {"article": "article", "home": "homepage"}.get(route.kind)
            if expected:
                assert kind == expected, (site.id, key)
            else:
                assert kind in ("listing", "other"), (site.id, key)
            kinds[(route.kind, kind)] = kinds.get((route.kind, kind), 0) + 1
    assert kinds[("article", "article")] == len(sites.ARTICLES)
    assert kinds[("listing", "listing")] > kinds.get(("listing", "other"), 0)
