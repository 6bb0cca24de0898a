"""What each URL of a mirror site answers: the route table, robots.txt, sitemaps, feeds, and
the deliberate failures (HTTP 500, truncation, a lying charset header, a failing site).

Pure functions of (site, request target, mode, base URL): no sockets here, so the answers
can be checked without a server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from html import escape
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from mirror import sites
from mirror.families import JOOMLA_TAGS, Joomla
from mirror.layouts import Layout, RedesignedLayout, layout_for
from mirror.sites import SITES, Article, Category, Site

MODES = ("normal", "failing", "changed_layout")

HTML = "text/html; charset=utf-8"
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00"
       b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
ASP_NET_ERROR = (
    "<!DOCTYPE html>\n<html><head><title>Object reference not set to an instance of an object."
    "</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>Object reference "
    "not set to an instance of an object.</i></h2><b>Description:</b> An unhandled exception "
    "occurred during the execution of the current web request.<br><b>Exception Details:</b> "
    "System.NullReferenceException</body></html>\n"
)


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    is_article: bool = False


@dataclass(frozen=True)
class Route:
    kind: str  # home | listing | article | print
    category: Category | None = None
    page: int = 0
    article: Article | None = None


Key = tuple[str, tuple[tuple[str, str], ...]]


def route_key(target: str) -> Key:
    """Path plus sorted query pairs, so '&' order and percent-escapes do not matter."""
    parts = urlsplit(target)
    return unquote(parts.path), tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


@cache
def routes(site_id: str) -> dict[Key, Route]:
    site = sites.SITES_BY_ID[site_id]
    table = {route_key("/"): Route("home")}
    if site.platform == "aspnet":
        table[route_key("/Default.aspx")] = Route("home")
    for category in site.categories:
        for page in range(1, sites.listing_pages(site, category.key) + 1):
            table[route_key(site.family.listing(category.key, page))] = Route(
                "listing", category, page)
    for article in sites.SITE_ARTICLES[site.id]:
        table[route_key(article.path)] = Route("article", article=article)
        if article.print_path:
            table[route_key(article.print_path)] = Route("print", article=article)
    return table


@cache
def layout(site_id: str) -> Layout:
    return layout_for(sites.SITES_BY_ID[site_id])


def answer(site_id: str, target: str, mode: str, base_url: str) -> Answer:
    """The response to GET `target` on a site (or on the index, site_id 'index')."""
    if site_id == "index":
        return _index(target, base_url)
    site = sites.SITES_BY_ID[site_id]
    page = layout(site_id)
    if mode == "failing":
        return Answer(500, HTML, page.error(500).encode())
    path = urlsplit(target).path
    if path == "/robots.txt":
        return Answer(200, "text/plain; charset=utf-8", robots(site, base_url).encode())
    if path in sitemap_paths(site):
        return Answer(200, "application/xml; charset=utf-8", sitemap(site, base_url, path).encode())
    if site.family.feed() and route_key(target) == route_key(site.family.feed() or ""):
        return Answer(200, "application/rss+xml; charset=utf-8", feed(site, base_url).encode())
    if site.platform == "joomla" and path.startswith("/vi/component/tags/tag/"):
        return _tag(site, path)
    if path.startswith(("/images/", "/static/")):
        kind = "text/css" if path.endswith(".css") else "image/gif"
        return Answer(200, kind, b"body{font-family:Arial}" if kind == "text/css" else GIF)
    if any(path.startswith(prefix) for prefix in site.family.disallow):
        return Answer(200, HTML, page.search().encode())
    route = routes(site_id).get(route_key(target))
    if route is None:
        return _archive(site, target) or Answer(404, HTML, page.error(404).encode())
    if route.kind == "home":
        return Answer(200, HTML, page.home().encode())
    if route.kind == "listing":
        return Answer(200, HTML, page.listing(route.category, route.page).encode())
    if route.kind == "print":
        return Answer(200, HTML, page.print_view(route.article).encode())
    return _article(site, route.article, mode)


def _article(site: Site, article: Article, mode: str) -> Answer:
    if article.bad_kind == "http_500":
        return Answer(500, HTML, ASP_NET_ERROR.encode(), is_article=True)
    page = layout(site.id)
    if mode == "changed_layout":
        page = RedesignedLayout(site, page)
    html = page.article(article)
    if article.bad_kind == "truncated":
        return Answer(200, HTML, truncate(html, article).encode(), is_article=True)
    if article.bad_kind == "charset_mismatch":
        return Answer(200, "text/html; charset=iso-8859-1", html.encode(), is_article=True)
    return Answer(200, HTML, html.encode(), is_article=True)


def truncate(html: str, article: Article) -> str:
    """The page as a dropped connection leaves it: cut in the middle of its second paragraph."""
    second = escape(article.paragraphs[1], quote=False)
    return html[:html.index(second) + len(second) // 2]


def _archive(site: Site, target: str) -> Answer | None:
    """An endless date archive under a listing (?ngay=YYYY-MM-DD or ?thang=YYYY-MM)."""
    path, query = route_key(target)
    params = dict(query)
    stamp = params.pop("ngay", None) or params.pop("thang", None)
    if stamp is None or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", stamp):
        return None
    route = routes(site.id).get(route_key(f"{path}?{urlencode(params)}".removesuffix("?")))
    if route is None:
        params.pop("page", None)
        params.pop("Page", None)
        route = routes(site.id).get(route_key(f"{path}?{urlencode(params)}".removesuffix("?")))
    if route is None or route.kind != "listing":
        return None
    monthly = len(stamp) == 7
    try:
        day = datetime.strptime(stamp, "%Y-%m" if monthly else "%Y-%m-%d").date()
    except ValueError:
        return None
    html = layout(site.id).archive(route.category, day, monthly)
    return Answer(200, HTML, html.encode())


def robots(site: Site, base_url: str) -> str:
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in site.family.disallow)]
    if site.family.sitemap:
        lines.append(f"Sitemap: {base_url}{site.family.sitemap}")
    return "\n".join(lines) + "\n"


SITEMAP_PARTS = ("/sitemap-bai-viet.xml", "/sitemap-trang.xml")  # an index's articles, its other pages


def sitemap_paths(site: Site) -> tuple[str, ...]:
    if not site.family.sitemap:
        return ()
    return (site.family.sitemap, *SITEMAP_PARTS) if site.family.sitemap_index else (site.family.sitemap,)


def sitemap(site: Site, base_url: str, path: str | None = None) -> str:
    """The sitemap; for a family with an index, the index or one of its two parts."""
    if site.family.sitemap_index and path == site.family.sitemap:
        parts = "".join(f"<sitemap><loc>{escape(base_url + part)}</loc></sitemap>\n" for part in SITEMAP_PARTS)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{parts}</sitemapindex>\n')
    pages = [f"<url><loc>{escape(base_url)}/</loc></url>"]
    for category in site.categories:
        pages.append(f"<url><loc>{escape(base_url + site.family.listing(category.key, 1))}"
                     "</loc></url>")
    if site.platform == "joomla":
        pages.extend(f"<url><loc>{escape(base_url + Joomla.tag(name))}</loc></url>" for name in JOOMLA_TAGS)
    articles = []
    for article in sites.SITE_ARTICLES[site.id]:
        lastmod = f"<lastmod>{article.published}</lastmod>" if article.published else ""
        articles.append(f"<url><loc>{escape(base_url + article.path)}</loc>{lastmod}</url>")
    entries = {SITEMAP_PARTS[0]: articles, SITEMAP_PARTS[1]: pages}.get(path or "", pages + articles)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>\n")


def _tag(site: Site, path: str) -> Answer:
    from mirror.portals import JoomlaLayout

    name = next((name for name in JOOMLA_TAGS if Joomla.tag(name) == path), None)
    page = layout(site.id)
    if name is None or not isinstance(page, JoomlaLayout):
        return Answer(404, HTML, page.error(404).encode())
    return Answer(200, HTML, page.tag_page(name).encode())


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(when: datetime) -> str:
    return (f"{_DAYS[when.weekday()]}, {when.day:02d} {_MONTHS[when.month - 1]} {when.year} "
            f"{when:%H:%M:%S} +0700")


def feed(site: Site, base_url: str) -> str:
    items = []
    for article in sites.SITE_ARTICLES[site.id]:
        url = escape(base_url + article.path)
        when = f"<pubDate>{rfc822(article.when)}</pubDate>" if article.when else ""
        summary = escape(article.paragraphs[0][:200]) if article.paragraphs else ""
        items.append(f"<item><title>{escape(article.title)}</title><link>{url}</link>"
                     f'<guid isPermaLink="true">{url}</guid>{when}'
                     f"<description>{summary}</description></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(site.name)}</title><link>{escape(base_url)}/</link>"
            f"<description>Tin mới - {escape(site.name)}</description><language>vi</language>\n"
            + "\n".join(items) + "\n</channel></rss>\n")


def _index(target: str, base_url: str) -> Answer:
    """127.0.0.1: a page that lists the mirror's sites."""
    path = urlsplit(target).path
    if path == "/robots.txt":
        return Answer(200, "text/plain; charset=utf-8", b"User-agent: *\nDisallow:\n")
    if path != "/":
        return Answer(404, HTML, b"<!DOCTYPE html><html><body><h1>404</h1></body></html>")
    port = urlsplit(base_url).port
    rows = "".join(
        f'<li><a href="http://{site.address}:{port}/">{escape(site.name)}</a> '
        f"({escape(site.id)}, {escape(site.platform)}, {escape(site.province)})</li>"
        for site in SITES)
    html = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            "<title>Bản sao cục bộ - các trang Sở Công Thương</title></head><body>"
            "<h1>Bản sao cục bộ</h1><p>Các trang mô phỏng cổng thông tin Sở Công Thương, "
            f"dựng từ năm bài viết thật và các bài viết mô phỏng.</p><ul>{rows}</ul>"
            f"<p>Cập nhật đến {date(2025, 6, 25):%d/%m/%Y}.</p></body></html>")
    return Answer(200, HTML, html.encode())
