"""A one-site web server for tests: a listing page and article pages the test writes itself.

The mirror's sites stay as they are (other tests count their articles); a test that needs a page
the mirror does not have (a runaway figure, 50,000 paragraphs) serves it here, over real HTTP, and
crawls it with a registry file naming only this site.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Sở Công Thương</title>
</head><body><div class="menu"><a href="/">Trang chủ</a></div>
<h1>{title}</h1><div class="date">Ngày đăng: 12/03/2024 08:30</div>
<div class="content">{body}</div></body></html>"""


def article_page(title: str, paragraphs: list[str]) -> str:
    return ARTICLE.format(title=title, body="".join(f"<p>{one}</p>" for one in paragraphs))


def listing_page(paths: list[str]) -> str:
    links = "".join(f'<li><a href="{path}">Bài {index}</a> (12/03/2024)</li>' for index, path in enumerate(paths))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin tức</title></head>'
            f"<body><ul>{links}</ul></body></html>")


@contextmanager
def serve(pages: Mapping[str, str], agents: list[str] | None = None) -> Iterator[str]:
    """Serve `pages` (path → HTML) on a free loopback port; yield the base URL. Each request's
    User-Agent is appended to `agents` when given."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if agents is not None:
                agents.append(self.headers.get("User-Agent", ""))
            page = pages.get(self.path)
            body = (page or "not found").encode("utf-8")
            self.send_response(200 if page is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_registry(directory: Path, base_url: str) -> Path:
    """A registry with one enabled site: the listing at /tin-tuc, articles at /bai/N.html."""
    path = directory / "hostile.yaml"
    path.write_text(f"""sources:
  - id: hostile-site
    name: Sở Công Thương thử nghiệm
    province: Hải Dương
    province_2025: Hải Phòng
    platform: test
    homepage: {base_url}/
    enabled: true
    listings:
      - url: {base_url}/tin-tuc
        category: Tin tức
    links:
      article: ['/bai/\\d+\\.html$']
""", encoding="utf-8")
    return path
