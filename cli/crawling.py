"""`sct mirror`, `crawl`, `serve`, `demo`, `status`, `schedule`: running the archive."""

from __future__ import annotations

import argparse
import fcntl
import gc
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from scrapy.settings import Settings

from cli import search
from cli.scale import add_node_arguments, run_schedule_on_nodes
from crawler.archive import DEFAULT_PATH, DISK_FULL
from crawler.registry import DEFAULT_MIRROR_PORT, PROVINCES_REGISTRY, RegistryError, load_registry, mirror_variables

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "web" / "metadata.yaml"
EXIT_LOCKED = 75  # EX_TEMPFAIL: cron may simply try again next time
SCHEDULE_MARKER = "# congthuong-archive scheduled crawl"


def register(commands: argparse._SubParsersAction) -> None:
    mirror = commands.add_parser("mirror", help="serve the local mirror of the fixture sites")
    mirror.add_argument("--port", type=int, default=DEFAULT_MIRROR_PORT,
                        help="port the mirror's sites listen on, on 127.0.0.x (default %(default)s)")
    mirror.add_argument("--delay", type=float, default=0.0, help="seconds before each article page")
    mirror.set_defaults(handler=run_mirror)

    crawl = commands.add_parser("crawl", help="crawl the registry's sites into the archive")
    add_db_argument(crawl)
    crawl.add_argument("--sources", nargs="*", type=Path,
                       help="registry files or directories (default: the mirror's registry)")
    crawl.add_argument("--sites", help="comma-separated site ids (default: every enabled site)")
    crawl.add_argument("--spider", default="listing", choices=["listing", "sitemap", "feed"],
                       help="discovery mode (default %(default)s)")
    crawl.add_argument("--backfill", action="store_true", help="walk every listing page, not only new ones")
    crawl.add_argument("--job", type=Path,
                       help="job directory: a lock so runs never overlap, and the log (quiet on success)")
    crawl.add_argument("--mirror-port", type=int, help="port of the local mirror in registry URLs")
    crawl.add_argument("--delay", type=float, help="download delay in seconds (default: polite)")
    crawl.add_argument("--log-file", type=Path, help="write the crawl log here")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="any Scrapy setting")
    crawl.set_defaults(handler=run_crawl)

    serve = commands.add_parser("serve", help="serve the archive with Datasette, read-only")
    add_serve_arguments(serve)
    add_db_argument(serve)
    serve.set_defaults(handler=run_serve)

    demo = commands.add_parser("demo", help="offline demo: mirror, crawl into the archive, serve")
    add_serve_arguments(demo)
    add_db_argument(demo)
    demo.add_argument("--mirror-port", type=int, default=DEFAULT_MIRROR_PORT,
                      help="port of the local mirror, kept serving beside Datasette (default %(default)s)")
    demo.set_defaults(handler=run_demo)

    status = commands.add_parser("status", help="health of each site from its recent crawls")
    add_db_argument(status)
    status.add_argument("--json", action="store_true", help="print the report as JSON instead of a table")
    status.set_defaults(handler=run_status)

    schedule = commands.add_parser("schedule", help="print (or install) a periodic crawl for cron or systemd")
    schedule.add_argument("--every", default="6h", help="interval: 30m, 6h, 1d (default %(default)s)")
    schedule.add_argument("--systemd", action="store_true", help="a systemd user timer instead of a cron line")
    schedule.add_argument("--install", action="store_true", help="write it (crontab, or ~/.config/systemd/user)")
    add_db_argument(schedule)
    schedule.add_argument("--sources", type=Path, default=PROVINCES_REGISTRY,
                          help="the registry the scheduled crawls read (default %(default)s)")
    schedule.add_argument("--job", type=Path, default=ROOT / "jobs" / "scheduled",
                          help="job directory of the scheduled crawls: lock and log (default %(default)s)")
    add_node_arguments(schedule)
    schedule.set_defaults(handler=run_schedule)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address Datasette listens on; 0.0.0.0 for every interface (default %(default)s)")
    parser.add_argument("--port", type=int, default=8001, help="port Datasette listens on (default %(default)s)")


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH,
                        help="the archive, an SQLite file of any name (default %(default)s)")


def run_mirror(args: argparse.Namespace) -> int:
    from mirror.server import main as mirror_main

    return mirror_main(["--port", str(args.port), "--delay", str(args.delay)]) or 0


@contextmanager
def job_lock(job: Path | None):
    """Hold the job directory's lock for the whole crawl, or yield None if another run holds it."""
    if job is None:
        yield True
        return
    job.mkdir(parents=True, exist_ok=True)
    handle: IO[str] = (job / "crawl.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        yield None
        return
    try:
        handle.write(str(os.getpid()))
        handle.flush()
        yield True
    finally:
        handle.close()


def crawl_settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    overrides = {"ARCHIVE_PATH": str(args.db), "BACKFILL": args.backfill}
    if args.sources:
        overrides["SOURCES"] = [str(path) for path in args.sources]
    if args.delay is not None:
        overrides.update(DOWNLOAD_DELAY=args.delay, AUTOTHROTTLE_START_DELAY=args.delay)
    log_file = args.log_file or (args.job / "crawl.log" if args.job else None)
    if log_file:
        overrides["LOG_FILE"] = str(log_file)
    for assignment in args.set:
        name, _, value = assignment.partition("=")
        overrides[name] = value
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(args: argparse.Namespace) -> int:
    """Exit 0 when the crawl finished and archived every article it fetched (page errors are in the
    archive), 1 when it did not (one line says why), 2 for a registry problem, 75 when locked."""
    # Scrapy's TLS modules build deprecated aliases with inspect.stack(), which reads the source of every
    # frame on the stack: 90 ms when the first download imports them deep in the reactor, 20 ms from here.
    import scrapy.core.downloader.contextfactory  # noqa: F401
    from scrapy.crawler import Crawler, CrawlerProcess

    if args.mirror_port is not None:
        os.environ["SCT_MIRROR_PORT"] = str(args.mirror_port)
    with job_lock(args.job) as held:
        if held is None:
            print(f"sct: another crawl holds {args.job / 'crawl.lock'}; not starting", file=sys.stderr)
            return EXIT_LOCKED
        groups = tls_groups(args)  # unknown site ids first: no point starting the mirror for them
        down = mirror_not_running(args)
        if down:
            print(down, file=sys.stderr)
            return 2
        settings = crawl_settings(args)
        gc.freeze()  # what is loaded by now lives as long as the crawl: the collector need not walk it again
        process = CrawlerProcess(settings)
        crawlers = []
        for verify, site_ids in groups.items():
            group_settings = settings.copy()
            group_settings.set("DOWNLOAD_VERIFY_CERTIFICATES", verify, priority="cmdline")
            crawler = Crawler(process.spider_loader.load(args.spider), group_settings, init_reactor=not crawlers)
            process.crawl(crawler, sites=",".join(site_ids))
            crawlers.append(crawler)
        process.start()
    outcome = crawl_outcome(crawlers)
    if args.db.exists() and search.update_index(args.db, quiet=True) not in (0, search.EXIT_LOCKED):
        return outcome or 1  # what was archived is searchable once the index catches up
    return outcome


def crawl_outcome(crawlers: list[Any]) -> int:
    """0 when every crawler finished and every fetched article was archived; else 1, said in one line."""
    stats = [crawler.stats.get_stats() if crawler.stats else {} for crawler in crawlers]
    reasons = {one.get("finish_reason") for one in stats}
    lost = sum(value for one in stats for key, value in one.items() if key.endswith("/not_archived"))
    retry = "they will be fetched again on the next run (see crawl_errors)"
    if DISK_FULL in reasons:
        print(f"sct: the disk is full: crawl stopped; {lost} article(s) not archived, {retry}", file=sys.stderr)
        return 1
    if lost:
        print(f"sct: {lost} article(s) could not be archived; {retry}", file=sys.stderr)
        return 1
    if reasons != {"finished"}:
        print(f"sct: crawl did not finish ({', '.join(map(str, reasons))}); see the log", file=sys.stderr)
        return 1
    return 0


def mirror_not_running(args: argparse.Namespace) -> str | None:
    """With the mirror's registry (no --sources), what to say if nothing listens at the mirror's address:
    otherwise every request fails and the crawl archives nothing."""
    if args.sources:
        return None
    port = args.mirror_port if args.mirror_port is not None else int(os.environ.get("SCT_MIRROR_PORT",
                                                                                   DEFAULT_MIRROR_PORT))
    wanted = {one for one in (args.sites or "").split(",") if one}
    sources = [source for source in load_registry(None, mirror_variables(port))
               if source.enabled and (not wanted or source.id in wanted)]
    if not sources:
        return None
    address = urlparse(sources[0].homepage)
    try:
        socket.create_connection((address.hostname, address.port or 80), timeout=2).close()
    except OSError:
        return (f"sct: the local mirror is not running at {address.hostname}:{address.port}; start it in "
                f"another terminal with 'sct mirror --port {port}' (or run 'sct demo', which starts it), "
                "or crawl real sites with --sources sources/provinces.yaml")
    return None


def tls_groups(args: argparse.Namespace) -> dict[bool, list[str]]:
    """The sites to crawl, split by TLS certificate verification, which Scrapy sets per crawler, not per site.

    Ids the registry does not know, or knows as disabled, are refused before any crawler starts.
    """
    registry = load_registry(args.sources or None)
    sources = {source.id: source for source in registry if source.enabled}
    wanted = [one for one in (args.sites or "").split(",") if one] or list(sources)
    unknown = sorted(set(wanted) - set(sources))
    if unknown:
        disabled = {source.id for source in registry}
        named = [f"{one} (disabled)" if one in disabled else one for one in unknown]
        raise RegistryError("--sites", None, None, f"no enabled site with id {', '.join(named)}; see 'sct sites list'")
    groups: dict[bool, list[str]] = {}
    for site_id in wanted:
        verify = sources[site_id].verify_tls
        groups.setdefault(verify, []).append(site_id)
    return groups or {True: []}


def datasette_command(db: Path, host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(METADATA),
            "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]


def missing_archive(db: Path) -> bool:
    if db.exists():
        return False
    print(f"sct: no archive at {db}; run 'sct crawl' or 'sct demo' first", file=sys.stderr)
    return True


def run_serve(args: argparse.Namespace) -> int:
    if not ready_to_serve(args.db):
        return 2
    if search.update_index(args.db) not in (0, search.EXIT_LOCKED):
        return 1
    command = datasette_command(args.db, args.host, args.port)
    print(f"Datasette: http://{args.host}:{args.port}/", flush=True)
    os.execv(command[0], command)
    return 0


def ready_to_serve(db: Path) -> bool:
    if missing_archive(db):
        return False
    from crawler.archive import Archive

    Archive(db).close()  # brings an older archive's schema up to date before serving it
    return True


def run_demo(args: argparse.Namespace) -> int:
    """Mirror, crawl, then Datasette with the mirror still serving, so every "original page" link works;
    Ctrl-C (or SIGTERM) stops both."""
    from mirror.server import MirrorServer

    with MirrorServer(port=args.mirror_port) as mirror:
        print(f"Crawling the local mirror into {args.db}", flush=True)
        crawl = [sys.executable, "-m", "cli", "crawl", "--db", str(args.db),
                 "--mirror-port", str(mirror.port), "--delay", "0"]
        result = subprocess.run(crawl, check=False)
        if result.returncode != 0:
            return result.returncode
        if not ready_to_serve(args.db):
            return 2
        print(f"Mirror: still serving on port {mirror.port}, so the articles' original pages open", flush=True)
        print(f"Datasette: http://{args.host}:{args.port}/ (Ctrl-C stops Datasette and the mirror)", flush=True)
        return serve_until_stopped(datasette_command(args.db, args.host, args.port))


def serve_until_stopped(command: list[str]) -> int:
    """Run Datasette as a child until it exits or we are interrupted; then stop it and wait for it."""
    server = subprocess.Popen(command)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_status(args: argparse.Namespace) -> int:
    import sqlite_utils

    from crawler.health import format_health, site_health

    if missing_archive(args.db):
        return 2
    report = site_health(sqlite_utils.Database(args.db))
    if args.json:
        print(json.dumps([site.to_dict() for site in report], ensure_ascii=False, indent=2))
    else:
        print(format_health(report))
    return 1 if any(site.flags for site in report) else 0


def run_schedule(args: argparse.Namespace) -> int:
    from crawler.schedule import cron_line, install_cron, install_systemd, parse_interval, systemd_units

    if args.nodes:
        return run_schedule_on_nodes(args)

    try:
        minutes = parse_interval(args.every)
    except ValueError as error:
        print(f"sct: {error}", file=sys.stderr)
        return 2
    command = shlex.join([str(ROOT / ".venv" / "bin" / "sct"), "crawl", "--db", str(args.db.resolve()),
                          "--sources", str(args.sources.resolve()), "--job", str(args.job.resolve())])
    if args.systemd:
        units = systemd_units(command, minutes, ROOT)
        if args.install:
            for path in install_systemd(units):
                print(f"wrote {path}")
            print("enable it with: systemctl --user daemon-reload && systemctl --user enable --now sct-crawl.timer")
        else:
            for name, text in units.items():
                print(f"# {name}\n{text}")
        return 0
    line = cron_line(command, minutes, SCHEDULE_MARKER)
    if args.install:
        install_cron(line, SCHEDULE_MARKER)
        print("installed in the user's crontab:")
    print(line)
    return 0
