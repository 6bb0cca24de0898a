"""Site health from the crawl runs: is each site still giving us articles we can read?

A site is flagged "layout changed?" when its last runs found no article at all, or when its
extraction failures jump; both usually mean the portal was redesigned and the registry's link
rules or selectors no longer fit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

EXTRACTION_FAILURES = ("no_title", "no_body", "layout_mismatch", "parse_error", "truncated")
FOUND = ("new", "updated", "unchanged", "skipped")
EMPTY_RUNS_BEFORE_FLAG = 2
FAILURE_RATE_FLAG = 0.5
SERVER_ERROR_SHARE = 0.1  # one broken page is the page's problem; one request in ten failing is the server's
NETWORK_ERRORS = ("dns", "connection_refused", "timeout", "tls_error", "download_error")


@dataclass
class SiteHealth:
    site_id: str
    name: str
    last_success: str | None = None
    found_last_run: int = 0
    articles_last_30_days: int = 0
    errors_last_run: dict[str, int] = field(default_factory=dict)
    failure_rate: float = 0.0
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "failure_rate": round(self.failure_rate, 3)}


def site_health(db: sqlite_utils.Database, now: datetime | None = None) -> list[SiteHealth]:
    now = now or datetime.now(UTC)
    since = (now - timedelta(days=30)).replace(microsecond=0).isoformat()
    runs = list(db.query("select id, finished_at, status, per_site from crawl_runs "
                         "where finished_at is not null order by id desc"))
    recent = dict(db.execute("select site_id, count(*) from articles where first_seen >= ? "
                             "group by site_id", [since]).fetchall())
    report = []
    for site in db.query("select * from sites where enabled = 1 order by id"):
        health = SiteHealth(site["id"], site["name"], articles_last_30_days=recent.get(site["id"], 0))
        history = [json.loads(run["per_site"] or "{}").get(site["id"]) for run in runs]
        crawled = [(run, counts) for run, counts in zip(runs, history, strict=True) if counts]
        if crawled:
            _judge(health, crawled, site.get("verified"))
        report.append(health)
    return report


def _unreachable(counts: dict[str, int]) -> bool:
    """No answer at all from the host in the run, only network failures: not a server error."""
    network = sum(counts.get(f"error:{kind}", 0) for kind in NETWORK_ERRORS)
    return not counts.get("responses") and network > 0


def _judge(health: SiteHealth, crawled: list[tuple[dict[str, Any], dict[str, int]]],
           verified: str | None = None) -> None:
    _, last = crawled[0]
    health.found_last_run = sum(last.get(what, 0) for what in FOUND)
    health.errors_last_run = {what.removeprefix("error:"): value for what, value in last.items()
                              if what.startswith("error:")}
    successes = [run for run, counts in crawled if sum(counts.get(what, 0) for what in FOUND)]
    health.last_success = successes[0]["finished_at"] if successes else None
    health.failure_rate = _failure_rate(last)
    if _unreachable(last):  # neither a layout change nor a server error: nothing answered
        health.flags.append("unreachable (host guessed)" if verified == "guessed" else "unreachable")
        return
    latest = crawled[:EMPTY_RUNS_BEFORE_FLAG]
    if len(latest) == EMPTY_RUNS_BEFORE_FLAG and not any(
            sum(counts.get(what, 0) for what in FOUND) for _, counts in latest):
        health.flags.append("layout changed?")
    previous = [_failure_rate(counts) for _, counts in crawled[1:4]]
    baseline = max(previous) if previous else 0.0
    jumped = health.failure_rate >= FAILURE_RATE_FLAG and health.failure_rate > 2 * baseline
    if jumped and "layout changed?" not in health.flags:
        health.flags.append("layout changed?")
    server_errors = sum(count for kind, count in health.errors_last_run.items()
                        if kind.startswith("http_5") or kind in ("timeout", "connection_refused", "dns"))
    if server_errors > SERVER_ERROR_SHARE * max(last.get("requests", 0), 1):
        health.flags.append("server errors")


def _failure_rate(counts: dict[str, int]) -> float:
    pages = sum(counts.get(what, 0) for what in ("new", "updated", "unchanged"))
    failures = sum(counts.get(f"error:{kind}", 0) for kind in EXTRACTION_FAILURES)
    return failures / (pages + counts.get("error:truncated", 0) + counts.get("error:parse_error", 0) or 1)


def format_health(report: list[SiteHealth]) -> str:
    header = f"{'site':<24} {'last success':<26} {'last run':>8} {'30 days':>8} {'fail %':>7}  flags / errors"
    lines = [header, "-" * len(header)]
    for health in report:
        errors = ", ".join(f"{kind}={count}" for kind, count in sorted(health.errors_last_run.items()))
        notes = "; ".join([*health.flags, errors] if errors else health.flags)
        lines.append(f"{health.site_id:<24} {health.last_success or 'never':<26} {health.found_last_run:>8} "
                     f"{health.articles_last_30_days:>8} {100 * health.failure_rate:>6.0f}%  {notes}")
    return "\n".join(lines)
