"""The CMS families the mirror imitates: how each one builds its URLs and prints its dates.

Kept apart from the HTML so the ground truth can name paths and raw date lines without
rendering anything, and so a family's URL scheme and its registry regexes sit side by side.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
PAGE_SIZE = 5  # articles per listing page, on every site
VNPORTAL_ROOT = "/sct/4/469"
JOOMLA_TAGS = ("Xúc tiến thương mại", "Công nghiệp", "Thị trường")
WEEKDAY_NUMBERS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")


def slugify(text: str, limit: int = 110) -> str:
    """ASCII URL slug the way Vietnamese CMSs make them: no tones, đ → d, words joined by '-'."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).lower()
    words = re.sub(r"[^a-z0-9]+", " ", plain).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def token(*parts: object, length: int = 7) -> str:
    """A short stable hex id, for the URL ids real CMSs derive from hashes."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:length]


def us_timestamp(when: datetime) -> str:
    """ASP.NET's en-US default: 12/21/2023 4:19:03 PM."""
    hour = when.hour % 12 or 12
    half = "AM" if when.hour < 12 else "PM"
    return f"{when.month}/{when.day}/{when.year} {hour}:{when:%M:%S} {half}"


class Family:
    """A portal family: URL scheme, date style, robots rules. Subclasses fill in the rest."""

    platform = ""
    date_order = "dmy"
    shows_time = True
    shows_seconds = False
    sitemap: str | None = "/sitemap.xml"
    disallow: tuple[str, ...] = ("/admin/",)
    disallowed_link = "/admin/"  # a page robots.txt forbids, linked from every page's menu
    disallowed_label = "Tìm kiếm"
    sitemap_index = False  # True: `sitemap` is an index of two sitemaps, articles and other pages

    def listing(self, category: str, page: int) -> str:
        raise NotImplementedError

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        raise NotImplementedError

    def print_view(self, category: str, path: str) -> str | None:
        return None

    def date_line(self, when: datetime) -> str:
        return f"{when:%d/%m/%Y %H:%M}"

    def list_date(self, when: datetime) -> str:
        return f"{when:%d/%m/%Y}"

    def feed(self) -> str | None:
        return None

    def calendar(self, category: str, day: date) -> str | None:
        """A link into an endless date archive, the crawl trap the registry must deny."""
        return None


class AspNet(Family):
    """DotNetNuke-style department portal: Default.aspx with tabid and ItemID."""

    platform = "aspnet"
    shows_seconds = True
    date_order = "mdy"
    disallow = ("/Search.aspx", "/Admin/")
    disallowed_link = "/Search.aspx"

    def listing(self, category: str, page: int) -> str:
        return f"/Default.aspx?tabid={category}" + (f"&Page={page}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/Default.aspx?tabid={category}&ItemID={item}"

    def print_view(self, category: str, path: str) -> str | None:
        return f"{path}&print=1"

    def date_line(self, when: datetime) -> str:
        return us_timestamp(when)

    def list_date(self, when: datetime) -> str:
        return us_timestamp(when)


class CityPortal(Family):
    """A city's news portal: slugged .html URLs, time before date."""

    platform = "city-portal"
    disallow = ("/tim-kiem/", "/binh-luan/")
    disallowed_link = "/tim-kiem/?tukhoa=c%C3%B4ng+th%C6%B0%C6%A1ng"

    def listing(self, category: str, page: int) -> str:
        return f"/tin-tuc-su-kien/{category}/" + (f"?Page={page}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/tin-tuc-su-kien/{category}/{slug}-{item}.html"

    def date_line(self, when: datetime) -> str:
        return f"{when:%H:%M %d/%m/%Y}"

    def list_date(self, when: datetime) -> str:
        return self.date_line(when)

    def calendar(self, category: str, day: date) -> str | None:
        return f"/tin-tuc-su-kien/{category}/?Page=1&ngay={day:%Y-%m-%d}"


class DanaWeb(Family):
    """A small vendor's department site: weekday and date, no time."""

    platform = "danaweb"
    shows_time = False
    disallowed_link = "/admin/login.html"
    disallowed_label = "Quản trị"

    def listing(self, category: str, page: int) -> str:
        return f"/danh-muc/{category}.html" + (f"?page={page}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/tin-tuc/{slug}-{item}.html"

    def date_line(self, when: datetime) -> str:
        return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y}"


class NukeViet(Family):
    """NukeViet 4 news module, used by many departments; has a print view and RSS."""

    platform = "nukeviet"
    sitemap = None
    disallow = ("/admin/", "/vi/seek/")
    disallowed_link = "/vi/seek/?q=c%C3%B4ng+th%C6%B0%C6%A1ng"

    def listing(self, category: str, page: int) -> str:
        return f"/vi/news/{category}/" + (f"page-{page}/" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/vi/news/{category}/{slug}-{item}.html"

    def print_view(self, category: str, path: str) -> str | None:
        return path.replace(f"/vi/news/{category}/", "/vi/news/print/")

    def date_line(self, when: datetime) -> str:
        return f"{WEEKDAYS[when.weekday()]} - {when:%d/%m/%Y %H:%M}"

    def feed(self) -> str | None:
        return "/vi/news/rss/"


class Newspaper(Family):
    """A provincial paper: /category/YYYYMM/slug-hash/ URLs, RSS per category."""

    platform = "newspaper"
    sitemap = None
    disallow = ("/tim-kiem/",)
    disallowed_link = "/tim-kiem/?q=c%C3%B4ng+th%C6%B0%C6%A1ng"

    def listing(self, category: str, page: int) -> str:
        return f"/{category}/" + (f"trang-{page}/" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        month = f"{when:%Y%m}" if when else "000000"
        return f"/{category}/{month}/{slug}-{token(slug, item)}/"

    def feed(self) -> str | None:
        return "/rss/tin-moi.rss"


class OracleWebCenter(Family):
    """Oracle WebCenter portal: one detail page, the article named by ?dDocName=."""

    platform = "oracle-webcenter"
    shows_seconds = True
    disallow = ("/webcenter/portal/sct/pages_tim-kiem",)
    disallowed_link = "/webcenter/portal/sct/pages_tim-kiem?q=c%C3%B4ng+th%C6%B0%C6%A1ng"

    def __init__(self, doc_prefix: str):
        self.doc_prefix = doc_prefix

    def listing(self, category: str, page: int) -> str:
        return f"/webcenter/portal/sct/pages_{category}" + (f"?page={page}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        detail = f"/webcenter/portal/sct/pages_{category}/chi-tiet"
        return f"{detail}?dDocName={self.doc_prefix}{item:06d}"

    def date_line(self, when: datetime) -> str:
        return f"{when:%d/%m/%Y %H:%M:%S}"

    def calendar(self, category: str, day: date) -> str | None:
        return f"/webcenter/portal/sct/pages_{category}?page=1&thang={day:%Y-%m}"


class Liferay(Family):
    """Liferay portal: asset publisher URLs, pagination and print view through portlet params."""

    platform = "liferay"
    disallow = ("/c/",)
    disallowed_link = "/c/portal/login"
    disallowed_label = "Đăng nhập"

    @staticmethod
    def instance(category: str) -> str:
        return token("liferay", category, length=12)

    def listing(self, category: str, page: int) -> str:
        portlet = f"101_INSTANCE_{self.instance(category)}"
        query = f"?p_p_id={portlet}&p_p_lifecycle=0&_{portlet}_cur={page}" if page > 1 else ""
        return f"/web/sct/{category}{query}"

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/web/sct/-/asset_publisher/{self.instance(category)}/content/{slug}"

    def print_view(self, category: str, path: str) -> str | None:
        portlet = f"101_INSTANCE_{self.instance(category)}"
        return f"{path}?p_p_state=pop_up&_{portlet}_viewMode=print"

    def date_line(self, when: datetime) -> str:
        return f"{when:%d/%m/%Y | %H:%M}"


class VnPortal(Family):
    """VNPT's vnPortal: numeric path ids; no sitemap, no feed; a work calendar by day."""

    platform = "vnportal"
    sitemap = None
    disallow = ("/tim-kiem",)
    disallowed_link = "/tim-kiem?keyword=c%C3%B4ng+th%C6%B0%C6%A1ng"

    @staticmethod
    def category_id(category: str) -> int:
        return 37000 + int(token("vnportal", category, length=4), 16) % 900

    def listing(self, category: str, page: int) -> str:
        path = f"{VNPORTAL_ROOT}/{self.category_id(category)}/{category}.aspx"
        return path + (f"?Page={page}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"{VNPORTAL_ROOT}/{self.category_id(category)}/{395000 + item}/{category}/{slug}.aspx"

    def date_line(self, when: datetime) -> str:
        return f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y} | {when:%H:%M}"

    def calendar(self, category: str, day: date) -> str | None:
        return f"{self.listing(category, 1)}?ngay={day:%Y-%m-%d}"


class Joomla(Family):
    """Joomla 3 with SEF URLs: category blogs paged by ?start=, a print view, tags, a sitemap index."""

    platform = "joomla"
    sitemap = "/sitemap_index.xml"
    sitemap_index = True
    disallow = ("/administrator/", "/component/search/")
    disallowed_link = "/component/search/?searchword=c%C3%B4ng+th%C6%B0%C6%A1ng"

    def listing(self, category: str, page: int) -> str:
        return f"/vi/{category}" + (f"?start={(page - 1) * PAGE_SIZE}" if page > 1 else "")

    def article(self, category: str, item: int, slug: str, when: datetime | None) -> str:
        return f"/vi/{category}/{item}-{slug[:60].rstrip('-')}"

    def print_view(self, category: str, path: str) -> str | None:
        return f"{path}?tmpl=component&print=1&layout=default&page="

    def date_line(self, when: datetime) -> str:
        return f"Ngày đăng: {when:%d/%m/%Y %H:%M}"

    def list_date(self, when: datetime) -> str:
        return f"{when:%d/%m/%Y}"

    def feed(self) -> str | None:
        return "/vi/tin-tuc?format=feed&type=rss"

    @staticmethod
    def tag(name: str) -> str:
        return f"/vi/component/tags/tag/{slugify(name)}"
