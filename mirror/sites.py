"""The mirror's sites and the ground truth of everything they serve.

`SITES` describes each fixture site (address, CMS family, province, categories, chrome);
`ARTICLES` holds every article page a crawl can extract, with the exact text served, and
`BAD_PAGES` the pages built to fail in a known way. Tests compare extraction against these.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from mirror import content
from mirror.content import Block, Locale
from mirror.families import (
    PAGE_SIZE,
    AspNet,
    CityPortal,
    DanaWeb,
    Family,
    Joomla,
    Liferay,
    Newspaper,
    NukeViet,
    OracleWebCenter,
    VnPortal,
    slugify,
)

INDEX_ADDRESS = "127.0.0.1"
BAD_KINDS = ("http_500", "truncated", "no_date", "charset_mismatch")


@dataclass(frozen=True)
class Category:
    key: str  # the category's part of the URL: a tabid, a slug
    name: str
    fillers: int = 12
    admin: bool = False  # an office category: administrative-reform filler only


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    address: str
    family: Family
    locale: Locale
    province: str
    province_2025: str
    region: str
    categories: tuple[Category, ...]
    until: date  # the day the "snapshot" was taken; no article is newer
    street: str
    phone: str
    email: str
    clock: str | None = None
    canonical_base: str | None = None  # a paper names its real address in rel=canonical
    traps: tuple[str, ...] = ()  # chrome strings on every page that are not article text

    @property
    def platform(self) -> str:
        return self.family.platform

    def category(self, key: str) -> Category:
        return next(category for category in self.categories if category.key == key)


@dataclass(frozen=True)
class Related:
    """One line of a related-news list: the text shown, its date, where it links."""

    title: str
    when: datetime | None
    path: str


@dataclass(frozen=True)
class Article:
    """One article page as served. `published` is ISO 8601: a +07:00 datetime, or a bare date
    where the page shows only a date, or None where the page shows none."""

    site_id: str
    path: str
    title: str
    published: str | None
    published_raw: str | None
    author: str | None
    category: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = ()
    seed: str | None = None
    traps: tuple[str, ...] = ()
    source_note: str | None = None
    original_url: str | None = None
    canonical_url: str | None = None
    bad_kind: str | None = None
    print_path: str | None = None
    category_key: str = ""
    when: datetime | None = field(default=None, repr=False)
    blocks: tuple[Block, ...] = field(default=(), repr=False)
    related: tuple[Related, ...] = field(default=(), repr=False)

    @property
    def synthetic(self) -> bool:
        return self.seed is None


@dataclass(frozen=True)
class BadPage:
    site_id: str
    path: str
    kind: str  # one of BAD_KINDS
    title: str


# ---- the sites ---------------------------------------------------------------------------

HAIDUONG = Locale(
    province="Hải Dương", unit="tỉnh",
    districts=("huyện Bình Giang", "huyện Thanh Hà", "thị xã Kinh Môn", "huyện Gia Lộc"),
    zones=("Khu công nghiệp Đại An", "Khu công nghiệp Phúc Điền", "Khu công nghiệp Nam Sách"),
    exports="linh kiện điện tử, dệt may, giày dép, vải thiều và nông sản chế biến",
    power_company="Công ty Điện lực Hải Dương",
    officials=(("Trần Đức Thắng", "Giám đốc Sở Công Thương"),
               ("Phạm Thị Lan Hương", "Phó Giám đốc Sở Công Thương"),
               ("Vũ Minh Tuấn", "Trưởng phòng Quản lý thương mại")),
    authors=("Nguyễn Thu Trang", "Lê Văn Hòa", "Phòng Quản lý công nghiệp"),
)
HAIPHONG = Locale(
    province="Hải Phòng", unit="thành phố",
    districts=("huyện Tiên Lãng", "huyện Vĩnh Bảo", "huyện An Lão", "huyện Kiến Thụy"),
    zones=("Khu kinh tế Đình Vũ - Cát Hải", "Khu công nghiệp Tràng Duệ",
           "Khu công nghiệp VSIP Hải Phòng"),
    exports="điện thoại và linh kiện, ô tô, thiết bị điện, giày dép và hàng dệt may",
    power_company="Công ty TNHH MTV Điện lực Hải Phòng",
    officials=(("Đỗ Quang Hưng", "Phó Giám đốc Sở Công Thương"),
               ("Lương Thị Bích Ngọc", "Trưởng phòng Quản lý xuất nhập khẩu"),
               ("Hoàng Văn Đạt", "Phó Chủ tịch UBND thành phố")),
    authors=("MINH ANH", "THU HÀ", "QUANG DŨNG"),
)
HUNGYEN = Locale(
    province="Hưng Yên", unit="tỉnh",
    districts=("huyện Văn Lâm", "thị xã Mỹ Hào", "huyện Khoái Châu", "huyện Kim Động"),
    zones=("Khu công nghiệp Phố Nối A", "Khu công nghiệp Thăng Long II",
           "Khu công nghiệp Minh Đức"),
    exports="hàng dệt may, sắt thép, linh kiện điện tử, nhãn lồng và long nhãn",
    power_company="Công ty Điện lực Hưng Yên",
    officials=(("Nguyễn Mạnh Cường", "Giám đốc Sở Công Thương"),
               ("Đào Thị Thanh Huyền", "Phó Giám đốc Sở Công Thương"),
               ("Bùi Đức Long", "Trưởng phòng Quản lý công nghiệp")),
    authors=("Thanh Huyền", "Văn Tuấn", "Hồng Nhung"),
)
LANGSON = Locale(
    province="Lạng Sơn", unit="tỉnh",
    districts=("huyện Cao Lộc", "huyện Văn Lãng", "huyện Chi Lăng", "huyện Hữu Lũng"),
    zones=("cửa khẩu quốc tế Hữu Nghị", "cửa khẩu Tân Thanh", "ga đường sắt liên vận Đồng Đăng"),
    exports="hoa quả tươi, hạt điều, sắn lát, hồi và quế",
    power_company="Công ty Điện lực Lạng Sơn",
    officials=(("Hoàng Văn Thạch", "Giám đốc Sở Công Thương"),
               ("Lăng Thị Mai", "Phó Giám đốc Sở Công Thương"),
               ("Vi Đức Hải", "Trưởng phòng Quản lý thương mại")),
    authors=("Khánh Linh", "Hoàng Minh", "Phòng Quản lý thương mại"),
)
HUE = Locale(
    province="Thừa Thiên Huế", unit="tỉnh",
    districts=("thị xã Hương Thủy", "huyện Phú Lộc", "huyện Quảng Điền", "thị xã Hương Trà"),
    zones=("Khu kinh tế Chân Mây - Lăng Cô", "Khu công nghiệp Phú Bài",
           "Khu công nghiệp Phong Điền"),
    exports="sợi và hàng dệt may, dăm gỗ, bia, kính nổi và hàng thủ công mỹ nghệ",
    power_company="Công ty Điện lực Thừa Thiên Huế",
    officials=(("Lê Quang Minh", "Giám đốc Sở Công Thương"),
               ("Trương Thị Diệu Hiền", "Phó Giám đốc Sở Công Thương"),
               ("Hồ Văn Lực", "Trưởng phòng Kế hoạch - Tài chính - Tổng hợp")),
    authors=("Diệu Linh", "Phước Nguyên", "Trung tâm Khuyến công và Xúc tiến thương mại"),
)
BRVT = Locale(
    province="Bà Rịa - Vũng Tàu", unit="tỉnh",
    districts=("thị xã Phú Mỹ", "huyện Châu Đức", "huyện Xuyên Mộc", "huyện Đất Đỏ"),
    zones=("Khu công nghiệp Phú Mỹ I", "Khu công nghiệp Châu Đức",
           "cụm cảng Cái Mép - Thị Vải"),
    exports="sắt thép, hóa chất, phân bón, thủy sản chế biến và cà phê",
    power_company="Công ty Điện lực Bà Rịa - Vũng Tàu",
    officials=(("Phạm Ngọc Thành", "Giám đốc Sở Công Thương"),
               ("Nguyễn Thị Thu Vân", "Phó Giám đốc Sở Công Thương"),
               ("Đặng Văn Khoa", "Trưởng phòng Quản lý năng lượng")),
    authors=("Thu Vân", "Minh Châu", "Phòng Quản lý thương mại"),
)
SOCTRANG = Locale(
    province="Sóc Trăng", unit="tỉnh",
    districts=("thị xã Vĩnh Châu", "huyện Trần Đề", "huyện Mỹ Xuyên", "thị xã Ngã Năm"),
    zones=("Khu công nghiệp An Nghiệp", "Khu công nghiệp Trần Đề", "cảng biển Trần Đề"),
    exports="gạo, tôm đông lạnh, thủy sản chế biến, hành tím và trái cây",
    power_company="Công ty Điện lực Sóc Trăng",
    officials=(("Lâm Văn Phước", "Giám đốc Sở Công Thương"),
               ("Thạch Thị Sa Rết", "Phó Giám đốc Sở Công Thương"),
               ("Trần Minh Khoa", "Trưởng phòng Quản lý thương mại")),
    authors=("Ngọc Hân", "Minh Trí", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"),
)
HOABINH = Locale(
    province="Hòa Bình", unit="tỉnh",
    districts=("huyện Lương Sơn", "huyện Kim Bôi", "huyện Mai Châu", "huyện Lạc Sơn"),
    zones=("Khu công nghiệp Bờ trái Sông Đà", "Khu công nghiệp Lương Sơn", "Khu công nghiệp Nhuận Trạch"),
    exports="hàng may mặc, linh kiện điện tử, cam, mía và sản phẩm thổ cẩm",
    power_company="Công ty Điện lực Hòa Bình",
    officials=(("Bùi Văn Thắng", "Giám đốc Sở Công Thương"),
               ("Đinh Thị Thu Hà", "Phó Giám đốc Sở Công Thương"),
               ("Quách Văn Lợi", "Trưởng phòng Quản lý năng lượng")),
    authors=("Thu Hà", "Văn Lợi", "Phòng Quản lý thương mại"),
)

DELTA = "Đồng bằng sông Hồng"

SITES: tuple[Site, ...] = (
    Site(id="haiduong-sct", name="Sở Công Thương Hải Dương", address="127.0.0.2",
         family=AspNet(), locale=HAIDUONG, province="Hải Dương", province_2025="Hải Phòng",
         region=DELTA,
         categories=(Category("72", "Văn phòng", fillers=3, admin=True),
                     Category("71", "Tin hoạt động")),
         until=date(2024, 6, 19), clock="Thứ 4, ngày 19/6/2024",
         street="Số 2 Hồng Quang, phường Nguyễn Trãi, thành phố Hải Dương",
         phone="0220.3852.489", email="soct@haiduong.gov.vn",
         traps=("SỞ CÔNG THƯƠNG HẢI DƯƠNG HỘI NHẬP VÀ PHÁT TRIỂN", "Thứ 4, ngày 19/6/2024",
                "[Quay lại]", "Đầu trang", "Các tin cùng Chuyên mục")),
    Site(id="haiphong-portal", name="Cổng Thông tin điện tử thành phố Hải Phòng",
         address="127.0.0.3", family=CityPortal(), locale=HAIPHONG, province="Hải Phòng",
         province_2025="Hải Phòng", region=DELTA,
         categories=(Category("kinh-te", "Kinh tế"),
                     Category("chi-dao-dieu-hanh", "Chỉ đạo điều hành")),
         until=date(2025, 6, 20),
         street="Số 18 Hoàng Diệu, phường Minh Khai, quận Hồng Bàng, thành phố Hải Phòng",
         phone="0225.3821.006", email="congthongtin@haiphong.gov.vn",
         traps=("Từ khóa:", "Bình luận của bạn về bài viết...", "Bản tin Pháp luật",
                "Phóng sự ảnh", "Liên kết hữu ích")),
    Site(id="haiphong-sct", name="Sở Công Thương Hải Phòng", address="127.0.0.4",
         family=DanaWeb(), locale=HAIPHONG, province="Hải Phòng", province_2025="Hải Phòng",
         region=DELTA,
         categories=(Category("tin-hoat-dong-nganh", "Tin hoạt động ngành"),
                     Category("thong-tin-thi-truong", "Thông tin thị trường")),
         until=date(2025, 2, 20), clock="Hải Phòng 20/02/2025",
         street="Số 1 Lê Đại Hành, quận Hồng Bàng, thành phố Hải Phòng",
         phone="0225.3842.610", email="soct@haiphong.gov.vn",
         traps=("Hải Phòng 20/02/2025", "Lượt truy cập", "Hôm nay:172", "Tất cả:05811880",
                "Đang trực tuyến:88",
                "Designed and Maintained by Thiết kế website Đà Nẵng, DANAWEB.vn")),
    Site(id="hungyen-sct", name="Sở Công Thương tỉnh Hưng Yên", address="127.0.0.5",
         family=NukeViet(), locale=HUNGYEN, province="Hưng Yên", province_2025="Hưng Yên",
         region=DELTA,
         categories=(Category("tin-tuc-su-kien", "Tin tức - Sự kiện"),
                     Category("thong-tin-kinh-te", "Thông tin kinh tế")),
         until=date(2025, 6, 25),
         street="Số 6 đường Chùa Chuông, phường Hiến Nam, thành phố Hưng Yên",
         phone="0221.3862.356", email="soct@hungyen.gov.vn",
         traps=("Bản quyền thuộc Sở Công Thương tỉnh Hưng Yên",)),
    Site(id="baohungyen", name="Báo Hưng Yên", address="127.0.0.6", family=Newspaper(),
         locale=HUNGYEN, province="Hưng Yên", province_2025="Hưng Yên", region=DELTA,
         categories=(Category("tin-moi", "Tin mới"), Category("kinh-te", "Kinh tế")),
         until=date(2025, 6, 25), canonical_base="https://baohungyen.vn",
         street="Số 275 đường Nguyễn Văn Linh, thành phố Hưng Yên",
         phone="0221.3862.612", email="baohungyen@gmail.com",
         traps=("Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Hưng Yên",)),
    Site(id="hue-sct", name="Sở Công Thương tỉnh Thừa Thiên Huế", address="127.0.0.7",
         family=OracleWebCenter("SCTTTH"), locale=HUE, province="Thừa Thiên Huế",
         province_2025="Huế", region="Bắc Trung Bộ và duyên hải miền Trung",
         categories=(Category("tin-hoat-dong", "Tin hoạt động"),
                     Category("thong-tin-thi-truong", "Thông tin thị trường")),
         until=date(2024, 12, 20),
         street="Số 7 Tôn Đức Thắng, phường Phú Hội, thành phố Huế",
         phone="0234.3822.412", email="sct@thuathienhue.gov.vn",
         traps=("Lượt xem:", "Chung nhan Tin Nhiem Mang")),
    Site(id="bariavungtau-sct", name="Sở Công Thương tỉnh Bà Rịa - Vũng Tàu",
         address="127.0.0.8", family=Liferay(), locale=BRVT, province="Bà Rịa - Vũng Tàu",
         province_2025="TP. Hồ Chí Minh", region="Đông Nam Bộ",
         categories=(Category("tin-tuc-su-kien", "Tin tức - Sự kiện"),
                     Category("cong-nghiep", "Công nghiệp")),
         until=date(2025, 6, 20),
         street="Số 198 Bạch Đằng, phường Phước Trung, thành phố Bà Rịa",
         phone="0254.3852.342", email="soct@baria-vungtau.gov.vn",
         traps=("Đăng nhập", "Bản quyền thuộc Sở Công Thương tỉnh Bà Rịa - Vũng Tàu")),
    Site(id="langson-sct", name="Sở Công Thương tỉnh Lạng Sơn", address="127.0.0.9",
         family=NukeViet(), locale=LANGSON, province="Lạng Sơn", province_2025="Lạng Sơn",
         region="Trung du và miền núi phía Bắc",
         categories=(Category("tin-hoat-dong", "Tin hoạt động"),
                     Category("xuat-nhap-khau", "Xuất nhập khẩu")),
         until=date(2025, 6, 25),
         street="Số 1 Hoàng Văn Thụ, phường Chi Lăng, thành phố Lạng Sơn",
         phone="0205.3812.264", email="soct@langson.gov.vn",
         traps=("Bản quyền thuộc Sở Công Thương tỉnh Lạng Sơn",)),
    Site(id="soctrang-sct", name="Sở Công Thương tỉnh Sóc Trăng", address="127.0.0.10",
         family=VnPortal(), locale=SOCTRANG, province="Sóc Trăng", province_2025="Cần Thơ",
         region="Đồng bằng sông Cửu Long",
         categories=(Category("tin-so-nganh", "Tin sở ngành"),
                     Category("xuc-tien-thuong-mai", "Xúc tiến thương mại")),
         until=date(2025, 6, 24),
         street="Số 8 Hai Bà Trưng, phường 1, thành phố Sóc Trăng",
         phone="0299.3821.574", email="sct@soctrang.gov.vn",
         traps=("Văn bản mới", "Quyết định số 118/QĐ-SCT", "Tệp đính kèm")),
    Site(id="hoabinh-sct", name="Sở Công Thương tỉnh Hòa Bình", address="127.0.0.11",
         family=Joomla(), locale=HOABINH, province="Hòa Bình", province_2025="Phú Thọ",
         region="Trung du và miền núi phía Bắc",
         categories=(Category("tin-tuc", "Tin tức"), Category("khuyen-cong", "Khuyến công")),
         until=date(2025, 6, 23),
         street="Số 1 Trần Hưng Đạo, phường Phương Lâm, thành phố Hòa Bình",
         phone="0218.3852.180", email="soct@hoabinh.gov.vn",
         traps=("Danh mục:", "« Trước", "Tiếp »")),
)
SITES_BY_ID = {site.id: site for site in SITES}


# ---- what each site carries ---------------------------------------------------------------

@dataclass
class _Draft:
    """An article before its site gives it an id, a path and related lists."""

    category: str
    title: str
    when: datetime | None
    author: str | None
    blocks: tuple[Block, ...]
    order: datetime  # where it sits in listings, also for undated pages
    seed: content.SeedSpec | None = None
    bad_kind: str | None = None
    path: str | None = None
    canonical_url: str | None = None
    source_note: str | None = None
    original_url: str | None = None
    traps: tuple[str, ...] = ()


def _seed_draft(category: str, spec: content.SeedSpec, *, order: datetime,
                when: datetime | None = None, author: str | None = None,
                keep_source: bool = True, path: str | None = None,
                canonical_url: str | None = None) -> _Draft:
    return _Draft(category, spec.title, when if when is not None else spec.published,
                  author if author is not None else spec.author, content.seed_blocks(spec),
                  order, seed=spec, path=path, canonical_url=canonical_url,
                  source_note=spec.source_note if keep_source else None,
                  original_url=spec.original_url if keep_source else None,
                  traps=spec.traps if keep_source else ())


def _dates(key: str, count: int, until: date) -> list[datetime]:
    """`count` publication times spread from 2019 to `until`, in office hours."""
    rng = random.Random(key)
    start = datetime(2019, 2, 11)
    span = (datetime.combine(until, datetime.min.time()) - start).days - 10
    times = []
    for index in range(count):
        day = start + timedelta(days=int(span * (index + rng.uniform(0.1, 0.9)) / count))
        times.append(day.replace(hour=rng.randrange(7, 17), minute=rng.randrange(60),
                                 second=rng.randrange(60)))
    return times


def _topic_order(when: datetime) -> list[Callable[..., content.Filler]]:
    """Topics that suit the month, the likeliest first; the others take over when a title repeats.

    Tết market plans appear from October to January, power-supply meetings before the hot season.
    """
    seasonal = {content.tet_market: (10, 11, 12, 1), content.power_supply: (4, 5, 6, 7)}
    preferred = {11: content.tet_market, 12: content.tet_market, 5: content.power_supply,
                 6: content.power_supply, 3: content.trade_fair, 8: content.trade_fair,
                 9: content.trade_fair}.get(when.month, content.economic_report)
    others = [topic for topic in content.TOPICS
              if topic is not preferred and when.month in seasonal.get(topic, range(1, 13))]
    return [preferred, *others]


def _fillers(site: Site, category: Category, titles: set[str]) -> list[_Draft]:
    drafts = []
    for index, when in enumerate(_dates(f"{site.id}/{category.key}", category.fillers,
                                        site.until)):
        if not site.family.shows_time:
            when = when.replace(hour=0, minute=0, second=0)
        topics = [content.admin_reform] if category.admin else _topic_order(when)
        for topic in topics:
            made = content.filler(topic, site.locale, when, f"{site.id}/{category.key}/{index}")
            if made.title not in titles:
                break
        titles.add(made.title)
        drafts.append(_Draft(category.key, made.title, when, made.author, made.blocks, when))
    return drafts


def _special_drafts(site: Site) -> list[_Draft]:
    """Seeds, the Văn phòng pages the seed's related list names, and the bad pages."""
    seeds = content.SEEDS
    loc = site.locale
    if site.id == "haiduong-sct":
        drafts = [_seed_draft("72", seeds["000_3d217f8f0d84b8d3.txt"],
                              order=datetime(2023, 12, 21, 16, 19, 3))]
        for index, (title, when) in enumerate(content.SEED_000_RELATED):
            if title == seeds["000_3d217f8f0d84b8d3.txt"].title:
                continue
            made = content.filler(content.admin_reform, loc, when, f"{site.id}/related/{index}",
                                  title=title)
            drafts.append(_Draft("72", made.title, when, made.author, made.blocks, when))
        when = datetime(2022, 10, 6, 9, 12, 40)
        broken = content.filler(content.economic_report, loc, when, f"{site.id}/bad")
        drafts.append(_Draft("71", broken.title, when, broken.author, broken.blocks, when,
                             bad_kind="http_500"))
        return drafts
    if site.id == "haiphong-portal":
        when = datetime(2023, 8, 14, 15, 5)
        lying = content.filler(content.trade_fair, loc, when, f"{site.id}/bad")
        return [_seed_draft("kinh-te", seeds["002_d7f24d60b169fcb3.txt"],
                            order=datetime(2024, 7, 7, 10, 46)),
                _Draft("kinh-te", lying.title, when, lying.author, lying.blocks, when,
                       bad_kind="charset_mismatch")]
    if site.id == "haiphong-sct":
        when = datetime(2024, 9, 10)
        cut = content.filler(content.power_supply, loc, when, f"{site.id}/bad")
        return [_seed_draft("tin-hoat-dong-nganh", seeds["003_e929ec47d0012ae0.txt"],
                            order=datetime(2025, 1, 6)),
                _Draft("tin-hoat-dong-nganh", cut.title, when, cut.author, cut.blocks, when,
                       bad_kind="truncated")]
    if site.id == "hungyen-sct":
        order = datetime(2022, 5, 17, 8)
        undated = content.filler(content.no_date_story, loc, order, f"{site.id}/bad")
        return [_seed_draft("tin-tuc-su-kien", seeds["001_9a054e092e19778d.txt"],
                            order=datetime(2023, 3, 27, 9)),
                _Draft("thong-tin-kinh-te", undated.title, None, undated.author, undated.blocks,
                       order, bad_kind="no_date")]
    if site.id == "baohungyen":
        spec = seeds["001_9a054e092e19778d.txt"]
        when = datetime(2023, 3, 24, 15, 30)
        return [_seed_draft("tin-moi", spec, order=when, when=when, keep_source=False,
                            path=content.ORIGINAL_001.removeprefix("https://baohungyen.vn"),
                            canonical_url=content.ORIGINAL_001)]
    if site.id == "langson-sct":
        return [_seed_draft("tin-hoat-dong", seeds["004_c8caa60a5f5ab768.txt"],
                            order=datetime(2020, 1, 14, 8))]
    return []


def _published(site: Site, when: datetime | None) -> tuple[str | None, str | None]:
    if when is None:
        return None, None
    if not site.family.shows_seconds:
        when = when.replace(second=0)
    iso = f"{when:%Y-%m-%dT%H:%M:%S}+07:00" if site.family.shows_time else f"{when:%Y-%m-%d}"
    return iso, site.family.date_line(when)


def _build(site: Site) -> list[Article]:
    drafts = _special_drafts(site)
    titles = {draft.title for draft in drafts}
    for category in site.categories:
        drafts.extend(_fillers(site, category, titles))
    drafts.sort(key=lambda draft: draft.order)
    paths: list[str] = []
    for item, draft in enumerate(drafts, start=3401):
        path = draft.path or site.family.article(draft.category, item, slugify(draft.title),
                                                 draft.when)
        paths.append(path)
    newest_first = sorted(zip(drafts, paths, strict=True), key=lambda pair: pair[0].order,
                          reverse=True)
    articles = []
    for draft, path in newest_first:
        category = site.category(draft.category)
        published, raw = _published(site, draft.when)
        if draft.bad_kind == "no_date":
            published = raw = None
        neighbours = [(other, other_path) for other, other_path in newest_first
                      if other.category == draft.category]
        articles.append(Article(
            site_id=site.id, path=path, title=draft.title, published=published,
            published_raw=raw, author=draft.author, category=category.name,
            paragraphs=tuple(block.text for block in draft.blocks if block.kind == "p"),
            captions=tuple(block.text for block in draft.blocks if block.kind == "figure"),
            seed=draft.seed.file if draft.seed else None,
            traps=tuple(dict.fromkeys((*site.traps, *draft.traps))),
            source_note=draft.source_note, original_url=draft.original_url,
            canonical_url=draft.canonical_url or (site.canonical_base and
                                                  site.canonical_base + path),
            bad_kind=draft.bad_kind,
            print_path=site.family.print_view(draft.category, path), category_key=category.key,
            when=draft.when if draft.bad_kind != "no_date" else None, blocks=draft.blocks,
            related=_related(site, draft, neighbours),
        ))
    return articles


def _related(site: Site, draft: _Draft, neighbours: list[tuple[_Draft, str]]) -> tuple[
        Related, ...]:
    """Ten lines around the article in its category, itself included, as the seed 000 page has."""
    if draft.seed and draft.seed.file == "000_3d217f8f0d84b8d3.txt":
        by_time = {other.when: path for other, path in neighbours}
        return tuple(Related(title, when, by_time[when])
                     for title, when in content.SEED_000_RELATED)
    position = next(index for index, (other, _) in enumerate(neighbours) if other is draft)
    start = max(0, min(position - 4, len(neighbours) - 10))
    return tuple(Related(other.title, None if other.bad_kind == "no_date" else other.when, path)
                 for other, path in neighbours[start:start + 10])


SITE_ARTICLES: dict[str, tuple[Article, ...]] = {site.id: tuple(_build(site)) for site in SITES}

ARTICLES: tuple[Article, ...] = tuple(
    article for articles in SITE_ARTICLES.values() for article in articles
    if article.bad_kind in (None, "no_date", "charset_mismatch"))

BAD_PAGES: tuple[BadPage, ...] = tuple(
    BadPage(article.site_id, article.path, article.bad_kind, article.title)
    for articles in SITE_ARTICLES.values() for article in articles if article.bad_kind)


def listing(site: Site, category_key: str) -> tuple[Article, ...]:
    """A category's pages, newest first, bad ones included: what its listing shows."""
    return tuple(article for article in SITE_ARTICLES[site.id]
                 if article.category_key == category_key)


def listing_pages(site: Site, category_key: str) -> int:
    return -(-len(listing(site, category_key)) // PAGE_SIZE)


def seed_article(seed_file: str, site_id: str | None = None) -> Article:
    """The page that serves a seed; for seed 001 the repost unless `site_id` says otherwise."""
    return next(article for article in ARTICLES if article.seed == seed_file
                and (site_id is None or article.site_id == site_id)
                and (site_id is not None or article.canonical_url is None))
