"""Requests to a real Datasette over the archive, in-process, with the project's metadata."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import yaml
from datasette.app import Datasette

METADATA = Path(__file__).resolve().parent.parent / "web" / "metadata.yaml"


def datasette_get(db: Path, path: str) -> Any:
    """One GET against a fresh Datasette instance; returns the httpx response."""

    async def fetch() -> Any:
        datasette = Datasette([str(db)], metadata=yaml.safe_load(METADATA.read_text("utf-8")))
        return await datasette.client.get(path)

    return asyncio.run(fetch())
