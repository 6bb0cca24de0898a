"""Re-run extraction over the raw HTML kept in the archive, without fetching anything."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from crawler.archive import Archive
from crawler.registry import load_registry
from nlp.facts import extract_facts
from nlp.page import PageHints, extract_page


def reextract(db_path: Path, registry_paths: list[Path] | None = None) -> dict[str, int]:
    archive = Archive(db_path)
    sources = {source.id: source for source in load_registry(registry_paths)}
    counts: Counter[str] = Counter()
    rows = list(archive.db.query(
        "select a.id, a.url, a.site_id, a.category, a.fetched_at, p.encoding, p.http_status "
        "from articles a join pages p on p.article_id = a.id"))
    for row in rows:
        source = sources.get(row["site_id"])
        hints = PageHints(source.date_order, dict(source.selectors)) if source else PageHints()
        raw = archive.raw_html(row["id"]) or b""
        page = extract_page(raw.decode(row["encoding"] or "utf-8", errors="replace"), row["url"], hints)
        published = date.fromisoformat(page.published[:10]) if page.published else None
        facts = extract_facts(page.body, published=published,
                              province=source.province if source else None)
        record = {**page.to_dict(), "site_id": row["site_id"], "fetched_at": row["fetched_at"],
                  "category": page.category or row["category"],
                  "problems": ",".join(page.problems) or None}
        outcome = archive.save_article(record, raw, row["encoding"], row["http_status"], facts,
                                       force_facts=True)
        counts[outcome] += 1
    archive.close()
    return dict(counts)
