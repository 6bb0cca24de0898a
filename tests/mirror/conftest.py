"""One mirror server for the whole test session, on a free port, and a small HTTP client."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

import pytest

from mirror.server import MirrorServer
from mirror.sites import SITES


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def visible(self) -> str:
        """The page's text with tags removed and whitespace collapsed, as a reader sees it."""
        without_tags = re.sub(r"<[^>]+>", " ", re.sub(r"<head>.*?</head>", " ", self.text,
                                                      flags=re.S))
        return " ".join(html.unescape(without_tags).split())


def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


@pytest.fixture(scope="session")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(port=0) as server:
        yield server


@pytest.fixture
def clean_mirror(mirror: MirrorServer) -> Iterator[MirrorServer]:
    """The shared server, with modes, delay and log put back afterwards."""
    mirror.clear_requests()
    yield mirror
    mirror.delay = 0.0
    for site in SITES:
        mirror.set_mode(site.id, "normal")
    mirror.clear_requests()
