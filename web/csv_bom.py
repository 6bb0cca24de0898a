"""A UTF-8 BOM on Datasette's CSV downloads, so Excel opens them as UTF-8 instead of mangling the Vietnamese.

Datasette 0.65 has no setting for it, and its CSV comes from its own view, streamed (`_stream=on` can
send every row of a table); an output renderer cannot take that over, as renderers only get one page of
rows. So this is ASGI middleware for Datasette's `asgi_wrapper` plugin hook, which puts the BOM before the
first body chunk and leaves the stream alone. It acts on downloads (Datasette sends `text/csv` only
with `_dl=1`; plain `.csv` URLs are `text/plain`, read by scripts that want no BOM) and on any `.csv`
URL given `_bom=1`; `_bom=0` turns it off. web/plugin.py wires it through `asgi_wrapper`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

BOM = "\ufeff".encode()
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


def csv_bom(app: ASGIApp) -> ASGIApp:
    async def with_bom(scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("_bom", [None])[-1]
        if asked == "0":
            await app(scope, receive, send)
            return
        csv_path = scope.get("path", "").endswith(".csv")
        pending = False

        async def send_with_bom(message: Message) -> None:
            nonlocal pending
            if message["type"] == "http.response.start":
                headers = [(name.lower(), value) for name, value in message.get("headers", [])]
                content_type = dict(headers).get(b"content-type", b"")
                pending = message.get("status") == 200 and (
                    content_type.startswith(b"text/csv") or (asked == "1" and csv_path))
                if pending:
                    message = {**message, "headers": [
                        (name, str(int(value) + len(BOM)).encode() if name == b"content-length" else value)
                        for name, value in headers]}
            elif message["type"] == "http.response.body" and pending:
                message = {**message, "body": BOM + message.get("body", b"")}
                pending = False
            await send(message)

        await app(scope, receive, send_with_bom)

    return with_bom
