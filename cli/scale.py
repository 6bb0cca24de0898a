"""`sct deploy`, `sct schedule --nodes`, `sct merge`: crawling from several machines and combining archives."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crawler.registry import load_registry


def register(commands: argparse._SubParsersAction) -> None:
    deploy = commands.add_parser("deploy", help="deploy the project to Scrapyd nodes")
    deploy.add_argument("--nodes", required=True, help="comma-separated Scrapyd URLs")
    deploy.add_argument("--version", help="version name (default: the time now)")
    deploy.set_defaults(handler=run_deploy)

    merge = commands.add_parser("merge", help="combine archives crawled on several machines")
    merge.add_argument("inputs", nargs="+", type=Path, help="archives to merge")
    merge.add_argument("-o", "--output", type=Path, required=True, help="the merged archive (created or merged into)")
    merge.set_defaults(handler=run_merge)


def add_node_arguments(parser: argparse.ArgumentParser) -> None:
    """`sct schedule --nodes`: options that only a schedule on Scrapyd nodes reads."""
    parser.add_argument("--nodes", help="comma-separated Scrapyd URLs: crawl on them now, the sites partitioned "
                                         "across them, each writing the archive at --db ({node}: its number)")
    parser.add_argument("--sites", help="comma-separated site ids (default: every enabled site)")
    parser.add_argument("--spider", default="listing", choices=["listing", "sitemap", "feed"])
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="any Scrapy setting for the node crawls")
    parser.add_argument("--wait", action="store_true", help="wait until every node's job has finished")


def nodes_of(text: str) -> list[str]:
    return [node.strip() for node in text.split(",") if node.strip()]


def run_deploy(args: argparse.Namespace) -> int:
    from crawler.nodes import deploy

    nodes = nodes_of(args.nodes)
    print(f"deployed version {deploy(nodes, args.version)} to {len(nodes)} node(s)")
    return 0


def run_schedule_on_nodes(args: argparse.Namespace) -> int:
    from crawler.nodes import finished, schedule

    sources = {source.id: source for source in load_registry(args.sources) if source.enabled}
    wanted = nodes_of(args.sites or "") or list(sources)
    unknown = sorted(set(wanted) - set(sources))
    if unknown:
        print(f"sct: unknown or disabled site id(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    settings = [f"SOURCES={args.sources.resolve()}", *args.set]
    jobs = []
    for verify in (True, False):  # Scrapy sets certificate checks per crawl, so lenient sites get their own jobs
        group = [site for site in wanted if sources[site].verify_tls == verify]
        jobs += schedule(nodes_of(args.nodes), group, args.spider, str(args.db),
                         [*settings, f"DOWNLOAD_VERIFY_CERTIFICATES={verify}"])
    for job in jobs:
        print(f"{job.node} job {job.job_id}: {', '.join(job.sites)} -> {str(args.db).format(node=job.number)}")
    while args.wait and not all(finished(job) for job in jobs):
        time.sleep(1)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from crawler.merge import merge_archives

    missing = [str(path) for path in args.inputs if not path.exists()]
    if missing:
        print(f"sct: no archive at {', '.join(missing)}", file=sys.stderr)
        return 2
    report = merge_archives(args.inputs, args.output)
    print(f"{args.output}: {report.new} new, {report.updated} updated, {report.unchanged} unchanged, "
          f"{report.older} already merged from a later fetch; {report.runs} crawl runs copied")
    return 0
