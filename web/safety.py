"""What the public archive server refuses, whatever a request asks: writes, dangerous SQL functions,
values large enough to take the machine.

- Every method but GET and HEAD is answered 405: the web layer only reads, and Datasette 0.65.5 answers
  some POSTs (a canned query without a session, `/-/messages` with a bad type) with a 500.
- `?sql=` runs under Datasette's time limit, which a progress handler enforces between SQLite's steps;
  one long function call (`randomblob(400000000)`) runs inside a single step. So no value may exceed
  MAX_VALUE_BYTES (SQLite's own length limit) and SQLite's heap is capped for the process.
- An authorizer refuses the functions that hand out pointers or load code (`fts3_tokenizer`,
  `load_extension`) in any statement, Datasette's own included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

MAX_VALUE_BYTES = 32 * 1024 * 1024  # the largest text or blob any query may make or read
HEAP_LIMIT_BYTES = 512 * 1024 * 1024  # all of SQLite's memory in the serving process
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension", "readfile", "writefile", "edit"})
READ_METHODS = ("GET", "HEAD")

Message = MutableMapping[str, Any]
ASGIApp = Callable[[Message, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]


def _authorize(action: int, first: str | None, second: str | None, database: str | None,
               trigger: str | None) -> int:
    if action == sqlite3.SQLITE_FUNCTION and (second or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound what any statement on `conn` can cost, and refuse the dangerous functions."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute(f"PRAGMA hard_heap_limit = {HEAP_LIMIT_BYTES}")
    conn.set_authorizer(_authorize)


def read_only(app: ASGIApp) -> ASGIApp:
    async def wrapped(scope: Message, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") in READ_METHODS:
            await app(scope, receive, send)
            return
        body = b"405: this archive is read-only; only GET and HEAD requests are answered\n"
        await send({"type": "http.response.start", "status": 405, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"), (b"allow", b", ".join(m.encode() for m in READ_METHODS)),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    return wrapped
