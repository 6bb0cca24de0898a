"""Downloader middlewares for what these portals get wrong on the wire."""

from __future__ import annotations

import re

from scrapy import Spider
from scrapy.http import Request, Response, TextResponse

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_-]+)", re.I)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}


class DeclaredCharsetMiddleware:
    """Trust the page's own UTF-8 over a header that claims a Western single-byte charset.

    Several portals send `charset=iso-8859-1` for UTF-8 pages; Scrapy believes the header and
    every Vietnamese letter turns to mojibake. The fix is marked on the response so the crawl
    can count it.
    """

    def process_response(self, request: Request, response: Response, spider: Spider) -> Response:
        if not isinstance(response, TextResponse):
            return response
        header = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        declared = re.search(r"charset=([\w-]+)", header)
        if not declared or declared.group(1) not in _SINGLE_BYTE:
            return response
        meta = _META_CHARSET.search(response.body[:4096])
        try:
            response.body.decode("utf-8")
        except UnicodeDecodeError:
            return response
        if meta and meta.group(1).lower() not in (b"utf-8", b"utf8"):
            return response
        if not any(byte > 0x7F for byte in response.body[:65536]):
            return response
        request.meta["charset_mismatch"] = declared.group(1)
        return response.replace(encoding="utf-8")
