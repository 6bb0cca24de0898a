"""The mirror's HTTP server: every fixture site on its own loopback address, one shared port.

Separate addresses (127.0.0.2, 127.0.0.3, …) make Scrapy see separate domains, so per-domain
politeness and robots.txt behave as on the real web. Tests switch a site to "failing" or
"changed_layout", slow article pages with `delay`, and read the request log.
"""

from __future__ import annotations

import argparse
import errno
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

from mirror import pages
from mirror.sites import INDEX_ADDRESS, SITES, SITES_BY_ID

INDEX = "index"
POLL_SECONDS = 0.05  # how soon a server thread notices stop(); nine of them stop one by one


class LoggedRequest(NamedTuple):
    method: str
    host: str  # address:port the request came to
    path: str  # path with query string, as requested
    status: int
    site_id: str


class _SiteHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], mirror: MirrorServer, site_id: str):
        super().__init__(address, _Handler)
        self.mirror = mirror
        self.site_id = site_id


class _Handler(BaseHTTPRequestHandler):
    server: _SiteHTTPServer
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def do_GET(self) -> None:
        self.server.mirror._serve(self, send_body=True)

    def do_HEAD(self) -> None:
        self.server.mirror._serve(self, send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silenced: the mirror keeps its own log in MirrorServer.requests."""


class MirrorServer:
    """All mirror sites, served from background threads until stop()."""

    def __init__(self, port: int = 8765, delay: float = 0.0):
        self.port = port
        self.delay = delay
        self._modes = {site.id: "normal" for site in SITES}
        self._log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._servers: list[_SiteHTTPServer] = []
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> MirrorServer:
        """Bind every address and serve in threads. Port 0 picks a free port for all of them."""
        for _attempt in range(10):
            try:
                self._bind_all()
                break
            except OSError:
                self._close_all()
                if self.port != 0:
                    raise
        else:
            raise OSError(errno.EADDRINUSE, "no port free on every mirror address")
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,),
                                      name=f"mirror-{server.site_id}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _bind_all(self) -> None:
        wanted = self.port
        first = _SiteHTTPServer((INDEX_ADDRESS, wanted), self, INDEX)
        self._servers.append(first)
        port = first.server_address[1]
        for site in SITES:
            self._servers.append(_SiteHTTPServer((site.address, port), self, site.id))
        self.port = port

    def _close_all(self) -> None:
        for server in self._servers:
            server.server_close()
        self._servers.clear()

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
        self._close_all()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- control ---------------------------------------------------------------------------

    def url(self, site_id: str, path: str = "/") -> str:
        address = INDEX_ADDRESS if site_id == INDEX else SITES_BY_ID[site_id].address
        return f"http://{address}:{self.port}{path}"

    def set_mode(self, site_id: str, mode: str) -> None:
        if mode not in pages.MODES:
            raise ValueError(f"unknown mode {mode!r}; use one of {', '.join(pages.MODES)}")
        if site_id not in self._modes:
            raise KeyError(site_id)
        with self._lock:
            self._modes[site_id] = mode

    def mode(self, site_id: str) -> str:
        with self._lock:
            return self._modes[site_id]

    @property
    def requests(self) -> list[LoggedRequest]:
        """A snapshot of the request log, oldest first."""
        with self._lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    # -- serving ---------------------------------------------------------------------------

    def _serve(self, handler: _Handler, send_body: bool) -> None:
        site_id = handler.server.site_id
        address = handler.server.server_address[0]
        base_url = f"http://{address}:{self.port}"
        mode = "normal" if site_id == INDEX else self.mode(site_id)
        result = pages.answer(site_id, handler.path, mode, base_url)
        if result.is_article and self.delay > 0:
            time.sleep(self.delay)
        with self._lock:
            self._log.append(LoggedRequest(handler.command, f"{address}:{self.port}",
                                           handler.path, result.status, site_id))
        try:
            handler.send_response(result.status)
            handler.send_header("Content-Type", result.content_type)
            handler.send_header("Content-Length", str(len(result.body)))
            handler.end_headers()
            if send_body:
                handler.wfile.write(result.body)
        except (BrokenPipeError, ConnectionResetError):
            return


def main(argv: list[str] | None = None) -> int:
    """`python -m mirror --port 8765 [--delay S]`: serve until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m mirror",
                                     description="Serve the local mirror of the fixture sites.")
    parser.add_argument("--port", type=int, default=8765, help="port for every site (0: any free)")
    parser.add_argument("--delay", type=float, default=0.0,
                        help="seconds to wait before each article page")
    args = parser.parse_args(argv)
    server = MirrorServer(port=args.port, delay=args.delay).start()
    print(f"Mirror index: {server.url(INDEX)}")
    for site in SITES:
        print(f"  {site.id:<18} {server.url(site.id):<28} {site.name}")
    print("Ctrl-C to stop.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
