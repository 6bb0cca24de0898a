"""What a site is, learned from its own pages: URL shapes, article patterns, listings and their pagination.

Pure functions on URLs and HTML strings, shared by the spiders (discovery while crawling) and
`sct sites probe` (discovery from a machine online). Nothing here is per-site: an article URL is
one whose shape many dated links share, a listing is a page that lists such links under a shape
other than its own, a pager is a numbered or next/previous link beside them.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from protego import Protego
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.sitemap import Sitemap

from nlp.page import detect_date_order, parse_page_date

SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml")
FEED_PATHS = ("/rss", "/feed", "/rss.xml", "/feed.xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml")
MIN_GROUP = 3  # links of one shape before it counts as a pattern, not a one-off page
MAX_CANDIDATES = 40  # homepage links tried as listings
_CONTENT_EXTENSIONS = {"html", "htm", "aspx", "asp", "php", "jsp", "jspx", "shtml", "cfm"}
_DOCUMENTS = set(IGNORED_EXTENSIONS)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", re.I)
_TOKEN = re.compile(r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}")
_CALENDAR_VALUE = re.compile(r"(?:19|20)\d{2}-\d{1,2}(?:-\d{1,2})?")
_PRINT = re.compile(r"(?:^|[/_.?&=-])(?:print|in-?bai|pop_?up|tmpl=component)(?:$|[/_.?&=-])", re.I)
_PAGER_WORDS = {"»", "«", "›", "‹", ">", "<", ">>", "<<", "sau", "trước", "tiếp", "tiếp theo",
                "trang sau", "trang trước", "cuối", "đầu", "next", "prev", "previous", "last", "first",
                "sau »", "« trước", "tiếp »", "cuối »", "« đầu"}
_NAV_HINT = re.compile(r"nav|menu", re.I)
_DATED_CONTEXT = 600  # characters: a block longer than this holds a list, not one item


@dataclass(frozen=True)
class Link:
    url: str
    text: str
    dated: str | None = None  # the date shown beside the link
    in_nav: bool = False


@dataclass
class ListingFinding:
    """A page read as a listing: the article shape it lists, its article links and its pager."""

    article_patterns: list[str] = field(default_factory=list)
    article_urls: list[str] = field(default_factory=list)
    pagination_patterns: list[str] = field(default_factory=list)
    pagination_urls: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def is_listing(self) -> bool:
        return bool(self.article_urls)


# ---- URL shapes ---------------------------------------------------------------------------

def _segment_shape(segment: str) -> str:
    stem, dot, extension = segment.rpartition(".")
    if not dot or extension.lower() not in _CONTENT_EXTENSIONS:
        stem, extension = segment, ""
    suffix = f".{extension}" if extension else ""
    if stem.isdigit():
        return "<n>" + suffix
    if _SLUG.fullmatch(stem):
        return "<slug>" + suffix
    if _TOKEN.fullmatch(stem):
        return "<id>" + suffix
    return re.sub(r"\d+", "<n>", stem) + suffix


def _value_shape(value: str) -> str:
    if _CALENDAR_VALUE.fullmatch(value):
        return "<date>"
    if value.isdigit():
        return "<n>"
    if _TOKEN.fullmatch(value) or _SLUG.fullmatch(value):
        return "<id>"
    return re.sub(r"\d+", "<n>", value)


def url_shape(url: str) -> str:
    """The URL less what changes from page to page: numbers, slugs and ids become placeholders."""
    parts = urlsplit(url)
    path = "/".join(_segment_shape(segment) for segment in parts.path.split("/"))
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not query:
        return path
    return path + "?" + "&".join(f"{key}={_value_shape(value)}" for key, value in query)


_PLACEHOLDERS = {"<n>": r"\d+", "<slug>": r"[A-Za-z0-9_-]+", "<id>": r"[A-Za-z0-9_-]+",
                 "<date>": r"[\d-]+"}


def shape_pattern(shape: str) -> str:
    """A regular expression (as the registry's `links` take them) for every URL of a shape."""
    pieces = re.split(r"(<n>|<slug>|<id>|<date>)", shape)
    body = "".join(_PLACEHOLDERS.get(piece) or re.escape(piece) for piece in pieces)
    return rf"^https?://[^/?#]+{body}$"


def matches(url: str, patterns: Iterable[str]) -> bool:
    return any(re.search(pattern, url) for pattern in patterns)


def is_document(url: str) -> bool:
    """A download (PDF, Word, spreadsheet, image, archive), never an article page."""
    path = urlsplit(url).path
    return "." in path.rsplit("/", 1)[-1] and path.rsplit(".", 1)[-1].lower() in _DOCUMENTS


def is_calendar(url: str) -> bool:
    """A date archive (a day or month in the query): endless, and only ever a list."""
    return "<date>" in url_shape(url).partition("?")[2]


def is_print_view(url: str) -> bool:
    return bool(_PRINT.search(urlsplit(url).path + "?" + urlsplit(url).query))


def crawlable(url: str, hosts: Iterable[str]) -> bool:
    """An http(s) page on one of the site's hosts that can be an HTML page worth reading."""
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and parts.hostname in set(hosts)
            and not is_document(url) and not is_calendar(url) and not is_print_view(url))


def article_groups(urls: Iterable[str], preferred: Iterable[str] = ()) -> list[str]:
    """The shapes many URLs of a sitemap or feed share: the site's article shapes.

    Shapes seen among a homepage's dated links (`preferred`) win when any of them is present.
    """
    counts = Counter(url_shape(url) for url in urls)
    common = [shape for shape, count in counts.most_common() if count >= MIN_GROUP]
    chosen = [shape for shape in common if shape in set(preferred)]
    return chosen or common


# ---- robots.txt, feeds, homepage ----------------------------------------------------------

def sitemaps_from_robots(robots_text: str, base_url: str) -> list[str]:
    """Sitemap URLs that robots.txt names, through Protego (Scrapy's robots.txt parser)."""
    return [urljoin(base_url, url) for url in Protego.parse(robots_text).sitemaps]


def _tree(html: str, base_url: str) -> lxml.html.HtmlElement | None:
    try:
        tree = lxml.html.document_fromstring(html or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return None
    tree.make_links_absolute(base_url, resolve_base_href=True, handle_failures="discard")
    return tree


def announced_feeds(html: str, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml">."""
    tree = _tree(html, base_url)
    if tree is None:
        return []
    found = []
    for element in tree.iterfind(".//link[@href]"):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").lower()
        if "alternate" in rel and kind in FEED_TYPES and element.get("href") not in found:
            found.append(element.get("href"))
    return found


def page_links(html: str, base_url: str) -> list[Link]:
    """Every link of a page, absolute and without fragment, marked dated when its item shows a date."""
    tree = _tree(html, base_url)
    if tree is None:
        return []
    links: list[Link] = []
    for anchor in tree.iterfind(".//a[@href]"):
        url = urldefrag(anchor.get("href").strip()).url
        if not url.startswith(("http://", "https://")):
            continue
        text = " ".join(anchor.text_content().split())
        links.append(Link(url, text, _is_dated(anchor, text), _in_nav(anchor)))
    return links


def _is_dated(anchor: lxml.html.HtmlElement, text: str) -> str | None:
    """The date next to the link: in the smallest block around it that shows one, while that block
    is still one item (short), never in the link's own text."""
    element = anchor.getparent()
    for _ in range(3):
        if element is None:
            return None
        context = " ".join(element.text_content().split())
        if len(context) > _DATED_CONTEXT:
            return None
        found = parse_page_date(context.replace(text, " ", 1))
        if found:
            return found[1]
        element = element.getparent()
    return None


def _in_nav(anchor: lxml.html.HtmlElement) -> bool:
    for element in anchor.iterancestors():
        if element.tag in ("nav", "header") or _NAV_HINT.search(
                f"{element.get('class') or ''} {element.get('id') or ''}"):
            return True
    return False


def dated_shapes(links: Iterable[Link], hosts: Iterable[str]) -> list[str]:
    """The shapes of at least MIN_GROUP dated links on a page, the commonest first."""
    hosts = set(hosts)
    counts = Counter(url_shape(link.url) for link in links if link.dated and crawlable(link.url, hosts))
    return [shape for shape, count in counts.most_common() if count >= MIN_GROUP]


def listing_candidates(links: Iterable[Link], hosts: Iterable[str], article_shapes: Iterable[str],
                       limit: int = MAX_CANDIDATES) -> list[Link]:
    """Homepage links that may lead to a news listing: navigation first, never an article itself."""
    hosts, article_shapes = set(hosts), set(article_shapes)
    seen: set[str] = set()
    chosen: list[Link] = []
    for link in sorted(links, key=lambda one: not one.in_nav):
        if link.url in seen or not crawlable(link.url, hosts) or url_shape(link.url) in article_shapes:
            continue
        seen.add(link.url)
        chosen.append(link)
    return chosen[:limit]


def read_listing(html: str, url: str, hosts: Iterable[str], article_patterns: Iterable[str] = (),
                 pagination_patterns: Iterable[str] = ()) -> ListingFinding:
    """Read a page as a listing: with known patterns, apply them; without, learn them from its links.

    A page whose own URL has the shape of the dated links it shows is an article among its
    related news, not a listing.
    """
    hosts, article_patterns = set(hosts), list(article_patterns)
    links = [link for link in page_links(html, url) if crawlable(link.url, hosts)]
    finding = ListingFinding(links=links)
    if not article_patterns:
        shapes = [shape for shape in dated_shapes(links, hosts) if shape != url_shape(url)]
        article_patterns = [shape_pattern(shape) for shape in shapes[:1]]
    finding.article_patterns = article_patterns
    finding.article_urls = _unique(link.url for link in links
                                   if link.url != url and matches(link.url, article_patterns))
    if not finding.article_urls:
        return finding
    pagination_patterns = list(pagination_patterns)
    if not pagination_patterns:
        pagers = [link for link in links if _is_pager(link, url) and not matches(link.url, article_patterns)]
        pagination_patterns = _unique(shape_pattern(url_shape(link.url)) for link in pagers)
    finding.pagination_patterns = pagination_patterns
    finding.pagination_urls = _unique(link.url for link in links if link.url != url
                                      and matches(link.url, pagination_patterns)
                                      and not matches(link.url, article_patterns))
    return finding


def _is_pager(link: Link, listing_url: str) -> bool:
    text = link.text.strip().lower()
    if link.url == listing_url or not (text.isdigit() or text in _PAGER_WORDS):
        return False
    return bool(re.search(r"\d", urlsplit(link.url).path + urlsplit(link.url).query))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def date_order_of(links: Iterable[Link]) -> str | None:
    """The day/month order of the dates a page shows beside its links (not its clock or footer)."""
    return detect_date_order([link.dated for link in links if link.dated])


_NOINDEX = re.compile(r"<meta[^>]+name\s*=\s*[\"']robots[\"'][^>]*content\s*=\s*[\"'][^\"']*noindex", re.I)


def not_article(html: str, url: str, page: Any) -> str | None:
    """Why a fetched page is not an article (a listing, a print view, a download…), or None.

    The URL shape and a noindex print view first; then the page extractor's own `page_kind` where
    it has one, and otherwise the page's headline, body and link structure.
    """
    if is_document(url) or is_calendar(url) or is_print_view(url):
        return "url shape"
    if _NOINDEX.search(html[:20000]):
        return "noindex (print view)"
    kind = getattr(page, "page_kind", None)
    if kind is not None:
        return None if kind == "article" else kind
    if not page.title or not page.paragraphs:
        return "no headline or no body"
    if read_listing(html, url, {urlsplit(url).hostname or ""}).is_listing:
        return "listing"
    return None


# ---- sitemaps and feeds -------------------------------------------------------------------

_FEED_LINKS = ("//item/link/text()"
               " | //*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href")


def sitemap_entries(body: bytes) -> tuple[str | None, list[tuple[str, str | None]]]:
    """A sitemap's type (`urlset`, `sitemapindex`, None when it is not one) and its (loc, lastmod)
    entries, through Scrapy's own sitemap reader; gzip-compressed sitemaps too."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except OSError:
            return None, []
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml's recovering parser still gives up on some bodies that are not XML
        return None, []
    if sitemap.type not in ("urlset", "sitemapindex"):
        return None, []
    return sitemap.type, [(entry["loc"], entry.get("lastmod")) for entry in sitemap]


def feed_links(body: bytes, base_url: str) -> list[str]:
    """The item links of an RSS 2.0 or Atom feed; none when the body is not one."""
    if b"<" not in body[:512]:
        return []
    try:
        root = lxml.etree.fromstring(body, lxml.etree.XMLParser(recover=True, resolve_entities=False))
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None or lxml.etree.QName(root).localname not in ("rss", "feed", "RDF"):
        return []
    return _unique(urljoin(base_url, link.strip()) for link in root.xpath(_FEED_LINKS) if link.strip())


def choose_articles(urls: Iterable[str], hosts: Iterable[str], home_shapes: Iterable[str],
                    patterns: Iterable[str] = (), deny: Iterable[str] = (),
                    from_feed: bool = False) -> tuple[list[str], list[str]]:
    """From a sitemap's or a feed's URLs, the article patterns (given, or learned from the commonest
    shapes) and the URLs that match them. A feed lists only articles, so a short one keeps all shapes."""
    urls = [url for url in urls if crawlable(url, hosts)]
    shapes = article_groups(urls, home_shapes) or (sorted({url_shape(url) for url in urls}) if from_feed else [])
    patterns = list(patterns) or [shape_pattern(shape) for shape in shapes]
    return patterns, [url for url in urls if matches(url, patterns) and not matches(url, deny)]
