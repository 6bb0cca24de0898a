"""Crawling from several machines: the project deployed to Scrapyd nodes, the sites partitioned across them.

Each site goes to one node by rendezvous hashing on (site, node number): the same node list
always gives each site the same node, so its archive keeps knowing the site's pages (incremental
crawls), and adding a node moves only the sites that the new node wins. Each node writes its own
archive; `sct merge` (crawler/merge.py) combines them.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "congthuong"


@dataclass(frozen=True)
class Job:
    node: str
    number: int  # the node's place in the list, from 1: `{node}` in an archive path
    job_id: str
    sites: tuple[str, ...]


def partition(site_ids: Sequence[str], node_count: int) -> list[list[str]]:
    """The sites of each node, by rendezvous hashing."""
    parts: list[list[str]] = [[] for _ in range(node_count)]
    for site_id in sorted(set(site_ids)):
        scores = [hashlib.blake2b(f"{site_id}\n{number}".encode(), digest_size=8).digest()
                  for number in range(node_count)]
        parts[scores.index(max(scores))].append(site_id)
    return parts


def build_egg(directory: Path) -> Path:
    """The project as a Scrapyd egg, built by scrapyd-client's own builder."""
    egg = directory / f"{PROJECT}.egg"
    subprocess.run([str(Path(sys.executable).parent / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=ROOT,
                   check=True, capture_output=True)
    return egg


def deploy(nodes: Sequence[str], version: str | None = None) -> str:
    """One egg, uploaded to every node as the same version; say which."""
    import requests

    version = version or str(int(time.time()))
    with tempfile.TemporaryDirectory(prefix="sct-deploy-") as work:
        egg = build_egg(Path(work)).read_bytes()
        for node in nodes:
            response = requests.post(f"{node.rstrip('/')}/addversion.json", timeout=120,
                                     data={"project": PROJECT, "version": version},
                                     files=[("egg", ("project.egg", egg))])
            response.raise_for_status()
            answer = response.json()
            if answer.get("status") != "ok":
                raise RuntimeError(f"{node}: {answer.get('message', answer)}")
    return version


def schedule(nodes: Sequence[str], site_ids: Sequence[str], spider: str, archive_path: str,
             settings: Sequence[str] = ()) -> list[Job]:
    """One job per node that has sites, writing to `archive_path` on that node ({node} is its number).
    A site's node depends only on the site and the node count, so splitting the sites into several
    calls (by TLS checking) sends each to the same node as one call would."""
    from scrapyd_client.pyclient import ScrapydClient

    jobs = []
    for number, (node, sites) in enumerate(zip(nodes, partition(site_ids, len(nodes)), strict=True), start=1):
        if not sites:
            continue
        arguments = [("sites", ",".join(sites)), ("setting", f"ARCHIVE_PATH={archive_path.format(node=number)}"),
                     *(("setting", one) for one in settings)]
        job_id = ScrapydClient(node.rstrip("/")).schedule(PROJECT, spider, arguments)
        jobs.append(Job(node, number, job_id, tuple(sites)))
    return jobs


def finished(job: Job) -> bool:
    from scrapyd_client.pyclient import ScrapydClient

    return ScrapydClient(job.node.rstrip("/")).status(job.job_id, PROJECT).get("currstate") == "finished"
