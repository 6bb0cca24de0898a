"""CPU per response of the whole mirror crawl, beside Scrapy's own bench spider, in the same run.

Run as `nice .venv/bin/python bench/crawl.py [--rounds N]`. Both crawls run in their own child
process with politeness off (no delay, no AutoThrottle, 16 requests per domain); a child's CPU time
(user + system, imports included) comes from os.wait4 and its responses from Scrapy's stats in its
log. The peer is `scrapy bench`'s link-following spider against Scrapy's bench server on a free
port, stopped after as many responses as the mirror crawl made, so both spread their start-up over
the same count. The two take turns, N rounds, and each side's cheapest round counts: other load on
a shared machine only ever adds CPU time (context switches, caches), and it comes and goes.
Exits 1 when ours spends more than the target.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror.server import MirrorServer  # noqa: E402
from tests.conftest import free_port  # noqa: E402

TARGET_MS = 12.0
IMPOLITE = ["--delay", "0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]
_RESPONSES = re.compile(r"'downloader/response_count': (\d+)")
_ELAPSED = re.compile(r"'elapsed_time_seconds': ([\d.]+)")

PEER_SERVER = """
import sys
from twisted.internet import reactor
from twisted.web.server import Site
from scrapy.utils.benchserver import Root
reactor.listenTCP(int(sys.argv[1]), Site(Root()), interface="127.0.0.1")
reactor.callWhenRunning(lambda: print("listening", flush=True))
reactor.run()
"""

PEER_SPIDER = """
import sys
from scrapy.commands.bench import _BenchSpider
from scrapy.crawler import CrawlerProcess
_BenchSpider.baseurl = sys.argv[1]
process = CrawlerProcess({"LOG_FILE": sys.argv[2], "LOG_LEVEL": "INFO", "CLOSESPIDER_PAGECOUNT": int(sys.argv[3]),
                          "TELNETCONSOLE_ENABLED": False})
process.crawl(_BenchSpider, total=100000)
process.start()
"""


class Run(NamedTuple):
    responses: int
    cpu_seconds: float
    elapsed: float

    @property
    def ms_per_response(self) -> float:
        return 1000 * self.cpu_seconds / max(self.responses, 1)

    @property
    def pages_per_second(self) -> float:
        return self.responses / max(self.elapsed, 1e-9)


def measured(command: list[str], log_file: Path) -> Run:
    """Run a child to its end; its own CPU time and the responses its Scrapy stats counted."""
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    responses, elapsed = _RESPONSES.search(log), _ELAPSED.search(log)
    if child.returncode != 0 or responses is None or elapsed is None:
        sys.exit(f"{command[:4]} failed ({child.returncode}):\n{child.stderr.read().decode()[-3000:]}\n{log[-3000:]}")
    return Run(int(responses.group(1)), usage.ru_utime + usage.ru_stime, float(elapsed.group(1)))


def crawl_mirror(work: Path) -> Run:
    with MirrorServer(port=free_port()) as mirror:
        log = work / "crawl.log"
        return measured([sys.executable, "-m", "cli", "crawl", "--db", str(work / "archive.db"),
                         "--mirror-port", str(mirror.port), "--log-file", str(log), *IMPOLITE], log)


def bench_spider(work: Path, responses: int) -> Run:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", PEER_SERVER, str(port)], stdout=subprocess.PIPE)
    try:
        assert server.stdout is not None
        server.stdout.readline()
        log = work / "peer.log"
        return measured([sys.executable, "-c", PEER_SPIDER, f"http://127.0.0.1:{port}", str(log), str(responses)],
                        log)
    finally:
        server.kill()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="turns of each crawl; the cheapest counts")
    rounds = max(1, parser.parse_args().rounds)
    began = time.perf_counter()
    runs: dict[str, list[Run]] = {"ours": [], "peer": []}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="bench-crawl-") as work:
            runs["ours"].append(crawl_mirror(Path(work)))
            runs["peer"].append(bench_spider(Path(work), runs["ours"][0].responses))
    for name, measured_runs in runs.items():
        print(f"{name}: CPU ms/response by round " + ", ".join(f"{run.ms_per_response:.1f}" for run in measured_runs))
    ours, peer = (min(runs[name], key=lambda run: run.ms_per_response) for name in ("ours", "peer"))
    print(f"{'':24}{'responses':>10}{'pages/s':>10}{'CPU ms/response':>18}")
    for name, run in (("mirror crawl (ours)", ours), ("scrapy bench spider", peer)):
        print(f"{name:24}{run.responses:10d}{run.pages_per_second:10.1f}{run.ms_per_response:18.1f}")
    print(f"ours / bench spider: {ours.ms_per_response / peer.ms_per_response:.2f}x CPU per response, "
          f"{ours.pages_per_second / peer.pages_per_second:.2f}x pages/s  "
          f"(bench took {time.perf_counter() - began:.0f} s)")
    met = ours.ms_per_response <= TARGET_MS
    print(f"target: <= {TARGET_MS:.0f} ms CPU per response: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
