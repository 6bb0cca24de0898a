"""Re-run extraction over the raw HTML kept in the archive, without fetching anything."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from crawler.archive import Archive
from crawler.profiles import date_order_for, load_profiles
from crawler.registry import load_registry
from nlp.article import read_article
from nlp.page import PageHints


def reextract(db_path: Path, registry_paths: list[Path] | None = None) -> dict[str, int]:
    """Page fields and facts again for every archived page, then the series panel; say how many changed."""
    archive = Archive(db_path)
    sources = {source.id: source for source in load_registry(registry_paths)}
    profiles = load_profiles(db_path)
    counts: Counter[str] = Counter()
    rows = list(archive.db.query(
        "select a.id, a.url, a.site_id, a.category, a.fetched_at, p.encoding, p.http_status "
        "from articles a join pages p on p.article_id = a.id"))
    for row in rows:
        source = sources.get(row["site_id"])
        hints = (PageHints(date_order_for(source, profiles.get(source.id)), dict(source.selectors))
                 if source else PageHints())
        raw = archive.raw_html(row["id"]) or b""
        html = raw.decode(row["encoding"] or "utf-8", errors="replace")
        article = read_article(html, row["url"], hints, province=source.province if source else None)
        record = {**article.page.to_dict(), "site_id": row["site_id"], "fetched_at": row["fetched_at"],
                  "category": article.page.category or row["category"],
                  "problems": ",".join(article.page.problems) or None}
        counts[archive.save_article(record, raw, row["encoding"], row["http_status"], article.facts,
                                    force_facts=True)] += 1
    counts["series_rows"] = archive.rebuild_series()
    archive.close()
    return dict(counts)
