"""Shared fixtures: the local mirror on a free port, and real crawls of it into a temporary archive."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mirror.server import MirrorServer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((FIXTURES / "gold_seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(port=free_port()) as server:
        yield server


@dataclass
class CrawlResult:
    db: Path
    returncode: int
    log: str


def run_crawl(db: Path, port: int, *extra: str, timeout: float = 300) -> CrawlResult:
    """A real crawl in a child process: Twisted's reactor runs once per process."""
    log_file = db.with_suffix(f".{len(list(db.parent.glob('*.log')))}.log")
    command = [sys.executable, "-m", "cli", "crawl", "--db", str(db), "--mirror-port", str(port),
               "--delay", "0", "--log-file", str(log_file), *extra]
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, check=False)
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    return CrawlResult(db, completed.returncode, log + completed.stdout + completed.stderr)


@pytest.fixture(scope="session")
def crawled(mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """One full crawl of the mirror, shared by the tests that only read its archive."""
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    result = run_crawl(db, mirror.port)
    assert result.returncode == 0, result.log[-5000:]
    return result
