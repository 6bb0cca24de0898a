"""Datasette's CSV made for spreadsheets: a UTF-8 BOM on downloads, and formula cells guarded.

Datasette 0.65 has no setting for either, and its CSV comes from its own view, streamed (`_stream=on` can
send every row of a table); an output renderer cannot take that over, as renderers only get one page of
rows. So this is ASGI middleware for Datasette's `asgi_wrapper` plugin hook (wired in web/plugin.py).
- The BOM, so Excel reads the Vietnamese as UTF-8: on downloads (Datasette sends `text/csv` only with
  `_dl=1`; plain `.csv` URLs are `text/plain`, read by scripts that want no BOM) and on any `.csv` URL
  given `_bom=1`; `_bom=0` turns it off.
- The formula guard (crawler/spreadsheet.py, the same rule as `sct export`): on every CSV response, the
  stream re-written record by record as it passes; `_guard=0` sends the cells exactly as stored.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from crawler.spreadsheet import guard_row

BOM = "\ufeff".encode()
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


class GuardedRecords:
    """Re-writes a CSV stream fed in arbitrary chunks, one complete record at a time (a quoted cell may
    hold line breaks, so a record ends only at a line break outside quotes)."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.pending = ""

    def feed(self, chunk: bytes, final: bool = False) -> bytes:
        text = self.pending + self.decoder.decode(chunk, final)
        cut = len(text) if final else _last_record_end(text)
        self.pending = text[cut:]
        if not cut:
            return b""
        out = io.StringIO()
        csv.writer(out).writerows(guard_row(row) for row in csv.reader(io.StringIO(text[:cut], newline="")))
        return out.getvalue().encode("utf-8")


def _last_record_end(text: str) -> int:
    """The offset just after the last line break that ends a record; 0 when there is none yet."""
    end, start, quotes = 0, 0, 0
    while (newline := text.find("\n", start)) != -1:
        quotes += text.count('"', start, newline)
        if quotes % 2 == 0:
            end = newline + 1
        start = newline + 1
    return end


def spreadsheet_csv(app: ASGIApp) -> ASGIApp:
    async def wrapped(scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        asked_bom = query.get("_bom", [None])[-1]
        guard = query.get("_guard", [None])[-1] != "0"
        csv_path = scope.get("path", "").endswith(".csv")
        bom_pending = False
        records: GuardedRecords | None = None

        async def send_spreadsheet_csv(message: Message) -> None:
            nonlocal bom_pending, records
            if message["type"] == "http.response.start":
                headers = [(name.lower(), value) for name, value in message.get("headers", [])]
                content_type = dict(headers).get(b"content-type", b"")
                is_csv = message.get("status") == 200 and (
                    content_type.startswith(b"text/csv") or (csv_path and content_type.startswith(b"text/plain")))
                bom_pending = is_csv and asked_bom != "0" and (content_type.startswith(b"text/csv") or asked_bom == "1")
                records = GuardedRecords() if is_csv and guard else None
                if bom_pending or records:  # the body's length changes: let the server chunk it
                    message = {**message, "headers": [(n, v) for n, v in headers if n != b"content-length"]}
            elif message["type"] == "http.response.body" and (bom_pending or records):
                body = message.get("body", b"")
                if records:
                    body = records.feed(body, final=not message.get("more_body", False))
                if bom_pending:
                    body, bom_pending = BOM + body, False
                message = {**message, "body": body}
            await send(message)

        await app(scope, receive, send_spreadsheet_csv)

    return wrapped
