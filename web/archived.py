"""The archived copy: the stored page as it was fetched, made safe to show.

After the 2025 merger many department sites close, and this copy is the only one left. It is cleaned
with lxml_html_clean (no scripts, event handlers, frames, forms, objects, <link>, <meta>, <base>),
every remaining reference to another resource is dropped (img src, srcset, background, url() in
styles), links keep their address as a tooltip only, and the page is served with a CSP that loads
nothing and runs nothing, inside a sandboxed iframe: each of the three would be enough alone.
"""

from __future__ import annotations

import re

import lxml.html
from lxml_html_clean import Cleaner

# default-src 'none': no script, font, frame, connect or media from anywhere; inline styles only; images
# only as data: URIs; sandbox: no script, forms, popups or top navigation even if something slipped by.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "private, max-age=3600"}
_CLEANER = Cleaner(scripts=True, javascript=True, comments=True, style=False, inline_style=False, links=True,
                   meta=True, page_structure=False, processing_instructions=True, embedded=True, frames=True,
                   forms=True, annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=True,
                   kill_tags=["base", "noscript", "template"])
_RESOURCE_ATTRIBUTES = ("src", "srcset", "background", "poster", "data", "lowsrc", "dynsrc")
_CSS_URL = re.compile(r"url\s*\([^)]*\)|@import[^;]*;?", re.IGNORECASE)


def sanitise(html: str) -> str:
    """The page without anything that runs or loads: a document to show in a sandboxed iframe."""
    if not html.strip():
        return ""
    document = lxml.html.document_fromstring(html)
    document = _CLEANER.clean_html(document)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name in _RESOURCE_ATTRIBUTES:
            value = element.attrib.get(name)
            if value is not None and not (name == "src" and value.startswith("data:image/")):
                del element.attrib[name]
        href = element.attrib.pop("href", None)
        if href and element.tag == "a":
            element.attrib["title"] = href
        if element.tag == "style" and element.text:
            element.text = _CSS_URL.sub("", element.text)
        if "style" in element.attrib:
            element.attrib["style"] = _CSS_URL.sub("", element.attrib["style"])
    return "<!DOCTYPE html>\n" + lxml.html.tostring(document, encoding="unicode")


def decode(raw: bytes, encoding: str | None) -> str:
    """The stored bytes with the encoding the crawler decoded them with."""
    return raw.decode(encoding or "utf-8", errors="replace")
