"""Bytes per stored page: gzip (how the archive stored pages before) against per-site zstd dictionaries.

Run as `.venv/bin/python bench/rawstore.py`. The mirror's article pages are fetched over HTTP
from a local mirror and written through the archive's own save_article and train_dictionaries,
so the figures are the archive's; a held-out figure trains each site's dictionary on half of its
pages and compresses the other half. ../shared/real-pages/ (one or two pages per site, too few
for a site's own dictionary) shows what such pages get: zstd without a dictionary. Exits 1 when
the mirror's stored pages exceed the target share of gzip's size.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import rawstore  # noqa: E402
from crawler.archive import Archive  # noqa: E402
from crawler.registry import MIRROR_REGISTRY, load_registry  # noqa: E402
from mirror import sites as truth  # noqa: E402
from mirror.server import MirrorServer  # noqa: E402
from tests.conftest import free_port  # noqa: E402

TARGET_SHARE = 0.30
REAL_PAGES = ROOT.parent / "shared" / "real-pages"


def mirror_pages() -> dict[str, list[tuple[str, bytes]]]:
    """Every article page of the mirror, by site, as served."""
    by_site: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    with MirrorServer(port=free_port()) as mirror:
        for article in truth.ARTICLES:
            url = f"http://{truth.SITES_BY_ID[article.site_id].address}:{mirror.port}{article.path}"
            with urllib.request.urlopen(url, timeout=30) as response:
                by_site[article.site_id].append((url, response.read()))
    return by_site


def stored_bytes(by_site: dict[str, list[tuple[str, bytes]]]) -> tuple[int, int]:
    """Page bytes and dictionary bytes once the archive has stored every page and trained its dictionaries."""
    with tempfile.TemporaryDirectory(prefix="bench-rawstore-") as work:
        archive = Archive(Path(work) / "archive.db")
        archive.upsert_sites(load_registry(MIRROR_REGISTRY))
        for site_id, pages in by_site.items():
            for url, html in pages:
                archive.save_article({"url": url, "site_id": site_id, "title": url}, html, "utf-8", 200)
        archive.train_dictionaries(by_site)
        [(pages, dictionaries)] = archive.db.execute(
            "select (select sum(length(html_zst)) from pages), "
            "(select sum(length(dictionary)) from html_dictionaries)").fetchall()
        archive.close()
    return pages, dictionaries or 0


def held_out_bytes(by_site: dict[str, list[tuple[str, bytes]]]) -> tuple[int, int, int]:
    """gzip and dictionary bytes of each site's odd pages, its dictionary trained on its even pages."""
    pages = gzip_total = zstd_total = 0
    for site_pages in by_site.values():
        bodies = [html for _, html in site_pages]
        dictionary = rawstore.train_dictionary(bodies[::2])
        for html in bodies[1::2]:
            pages += 1
            gzip_total += len(gzip.compress(html))
            zstd_total += len(rawstore.compress(html, dictionary))
    return pages, gzip_total, zstd_total


def line(name: str, pages: int, gzip_total: int, ours: int, note: str = "") -> None:
    print(f"{name:42}{pages:6d}{gzip_total / pages:10.0f}{ours / pages:10.0f}{ours / gzip_total:9.0%}  {note}")


def main() -> int:
    by_site = mirror_pages()
    everything = [html for pages in by_site.values() for _, html in pages]
    gzip_total = sum(len(gzip.compress(html)) for html in everything)
    pages_bytes, dictionary_bytes = stored_bytes(by_site)
    print(f"{'':42}{'pages':>6}{'gzip B':>10}{'ours B':>10}{'share':>9}")
    line("mirror, as the archive stores it", len(everything), gzip_total, pages_bytes,
         f"(+{dictionary_bytes / len(everything):.0f} B/page of dictionaries "
         f"= {(pages_bytes + dictionary_bytes) / gzip_total:.0%})")
    line("mirror, held-out half", *held_out_bytes(by_site))
    if REAL_PAGES.is_dir():
        real = [path.read_bytes() for path in sorted(REAL_PAGES.glob("*.html"))]
        line("real-pages, zstd (no site dictionary)", len(real), sum(len(gzip.compress(html)) for html in real),
             sum(len(rawstore.compress(html)) for html in real))
        shared = sum(len(rawstore.compress(html, rawstore.train_dictionary(real[:index] + real[index + 1:])))
                     for index, html in enumerate(real))
        line("real-pages, one dictionary of the others", len(real),
             sum(len(gzip.compress(html)) for html in real), shared, "(leave one out, across sites)")
    else:
        print(f"no {REAL_PAGES}: real pages not measured")
    share = pages_bytes / gzip_total
    met = share <= TARGET_SHARE
    print(f"target: stored pages <= {TARGET_SHARE:.0%} of gzip's bytes on the mirror: "
          f"{share:.0%}, {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
