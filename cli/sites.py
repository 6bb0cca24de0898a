"""`sct sites`: list the source registry, check it, and probe one site from a machine online."""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from crawler.archive import DEFAULT_PATH
from crawler.discovery import not_article
from crawler.profiles import SiteProfile, load_profiles
from crawler.registry import SOURCES_DIR, Source, load_registry
from crawler.settings import USER_AGENT
from crawler.siteprobe import FetchError, discover_site
from nlp.page import PageHints, detect_date_order, extract_page

PROBE_PARAGRAPHS = 3
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_TABLE_COLUMNS = ("id", "province", "province_2025", "platform", "enabled", "verified", "discovery",
                  "homepage")


class ProbeError(FetchError):
    """A probe that cannot go on: a page that cannot be fetched, or no article to fetch."""


def register(commands: argparse._SubParsersAction) -> None:
    """Add `sites list|check|probe` to the `sct` command's sub-parsers."""
    sites = commands.add_parser("sites", help="list, check or probe the source registry's sites")
    actions = sites.add_subparsers(dest="sites_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="the registry's sites as a table (enabled only)")
    add_sources_argument(listing)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.add_argument("--all", action="store_true", help="include disabled sites")
    add_db_argument(listing)
    listing.set_defaults(handler=run_list)

    check = actions.add_parser("check", help="validate the registry files")
    add_sources_argument(check)
    check.set_defaults(handler=run_check)

    probe = actions.add_parser("probe", help="fetch one listing and one article of a site (online)")
    probe.add_argument("site", metavar="ID", help="a site id from the registry")
    add_sources_argument(probe)
    probe.add_argument("--article", help="probe this article URL instead of one from the listing")
    probe.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    add_db_argument(probe)
    probe.set_defaults(handler=run_probe)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH,
                        help="archive whose learned site profiles to show (default %(default)s)")


def add_sources_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", nargs="*", type=Path, default=[SOURCES_DIR],
                        help=f"registry files or directories (default: {SOURCES_DIR})")


def run_list(args: argparse.Namespace) -> int:
    sources = [s for s in load_registry(args.sources) if args.all or s.enabled]
    profiles = load_profiles(args.db)
    if args.json:
        summaries = [site_summary(source, profiles.get(source.id)) for source in sources]
        print(json.dumps(summaries, ensure_ascii=False, indent=2))
    else:
        print(format_table(sources, profiles))
        print(counts_line(sources))
    return 0


def site_summary(source: Source, profile: SiteProfile | None = None) -> dict[str, Any]:
    """One site as listed: the registry's facts, and how it is crawled (its rules, or what was learned)."""
    learned = f"learned: {profile.mode}" if profile else "to discover"
    return {"id": source.id, "name": source.name, "kind": source.kind,
            "province": source.province, "province_2025": source.province_2025,
            "region": source.region, "platform": source.platform, "enabled": source.enabled,
            "verified": source.verified, "discovery": "configured" if source.configured else learned,
            "homepage": source.homepage, "notes": source.notes,
            "profile": profile.to_dict() if profile else None}


def format_table(sources: list[Source], profiles: dict[str, SiteProfile]) -> str:
    rows = [list(_TABLE_COLUMNS)]
    for source in sources:
        summary = site_summary(source, profiles.get(source.id))
        summary["enabled"] = "yes" if source.enabled else "no"
        rows.append([str(summary[column] or "-").replace(" ", "-") if column == "discovery"
                     else str(summary[column] or "-") for column in _TABLE_COLUMNS])
    widths = [max(len(row[index]) for row in rows) for index in range(len(_TABLE_COLUMNS) - 1)]
    lines = ["  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)),
                        row[-1]]) for row in rows]
    return "\n".join(lines)


def counts_line(sources: list[Source]) -> str:
    """How far the listed sites are known: enabled, and verified seen or guessed."""
    seen = sum(source.verified == "seen" for source in sources)
    guessed = sum(source.verified == "guessed" for source in sources)
    enabled = sum(source.enabled for source in sources)
    unmarked = len(sources) - seen - guessed
    return (f"{len(sources)} sites: {enabled} enabled; verified: {seen} seen, {guessed} guessed"
            + (f", {unmarked} not marked" if unmarked else ""))


def run_check(args: argparse.Namespace) -> int:
    """A bad entry raises RegistryError, which `sct` reports with exit code 2 for every command."""
    sources = load_registry(args.sources)
    enabled = sum(source.enabled for source in sources)
    files = sorted({str(path) for path in args.sources})
    print(f"OK: {len(sources)} sites ({enabled} enabled, {len(sources) - enabled} disabled) "
          f"in {', '.join(files)}")
    return 0


def run_probe(args: argparse.Namespace) -> int:
    source = next((s for s in load_registry(args.sources) if s.id == args.site), None)
    if source is None:
        print(f"sct: no site {args.site!r} in {', '.join(map(str, args.sources))}", file=sys.stderr)
        return 2
    try:
        report = probe_site(source, args.article, args.timeout)
    except FetchError as error:
        print(f"sct: probe {source.id}: {error}", file=sys.stderr)
        return 1
    stored = load_profiles(args.db).get(source.id)
    report["stored_profile"] = stored.to_dict() if stored else None
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def probe_site(source: Source, article_url: str | None, timeout: float) -> dict[str, Any]:
    """Fetch the site's first listing (or discover the site from its homepage) and one article, and extract it."""
    report: dict[str, Any] = {"site": source.id, "enabled": source.enabled, "verified": source.verified}
    date_order = source.date_order
    if article_url is None and not source.configured:
        profile, found = discover_site(source, lambda url: fetch_bytes(url, timeout))
        if profile is None:
            raise ProbeError(f"no sitemap, feed or news listing found from {source.homepage}")
        report["discovered"] = {**profile.to_dict(), "first": found[:5]}
        date_order = profile.date_order or date_order
        article_url = found[0]
    elif article_url is None:
        if not source.listings:
            raise ProbeError("the site has no listing; pass --article URL")
        listing_url = source.listings[0].url
        listing_html, _ = fetch(listing_url, timeout)
        links = article_links(listing_html, listing_url, source)
        report["listing"] = {"url": listing_url, "article_links": len(links), "first": links[:5],
                             "date_order_seen": detect_date_order([listing_html]),
                             "date_order_registry": source.date_order}
        if not links:
            raise ProbeError(f"no link on {listing_url} matches the site's article rules")
        article_url = links[0]
    html, final_url = fetch(article_url, timeout)
    page = extract_page(html, final_url, PageHints(date_order, dict(source.selectors)))
    report["article"] = {"url": final_url, "title": page.title, "published": page.published,
                         "published_raw": page.published_raw, "author": page.author,
                         "paragraphs": page.paragraphs[:PROBE_PARAGRAPHS],
                         "problems": page.problems, "not_article": not_article(html, final_url, page)}
    return report


def fetch(url: str, timeout: float) -> tuple[str, str]:
    """One GET with the project's User-Agent; the page's text and the URL it ended at."""
    body, final_url, charset = _get(url, timeout)
    return body.decode(charset or "utf-8", errors="replace"), final_url


def fetch_bytes(url: str, timeout: float) -> tuple[bytes, str]:
    body, final_url, _ = _get(url, timeout)
    return body, final_url


def _get(url: str, timeout: float) -> tuple[bytes, str, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(), response.geturl(), _charset(response.headers)
    except urllib.error.HTTPError as error:
        raise ProbeError(f"cannot fetch {url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise ProbeError(f"cannot fetch {url}: {error.reason}") from error
    except (TimeoutError, OSError) as error:
        raise ProbeError(f"cannot fetch {url}: {error}") from error


def _charset(headers: Message) -> str | None:
    charset = headers.get_content_charset()
    try:
        return charset if charset and "".encode(charset) == b"" else None
    except LookupError:
        return None


def article_links(html: str, base_url: str, source: Source) -> list[str]:
    """Absolute links on a page that match the site's article rules and none of its deny rules."""
    found: list[str] = []
    for match in _HREF.finditer(html):
        href = next(group for group in match.groups() if group is not None).strip()
        url = urldefrag(urljoin(base_url, href.replace("&amp;", "&"))).url
        if not url.startswith(("http://", "https://")) or url in found:
            continue
        if any(re.search(rule, url) for rule in source.article_links) and not any(
                re.search(rule, url) for rule in source.deny_links):
            found.append(url)
    return found
