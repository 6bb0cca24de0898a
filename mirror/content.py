"""Article texts for the mirror: the five real seeds cut out of their page text, and filler.

Seeds are read from `seeds/*.txt` (page text as captured, page chrome included) and cut
between a known first and last body sentence, so the served body is the seed's body to
the character. Filler articles are synthetic, say so in their title and text, and are
generated from templates with a `random.Random` seeded by a string, so every run serves
the same words and figures.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mirror.families import us_timestamp

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"

SYNTHETIC_PREFIX = "[Mô phỏng] "
SYNTHETIC_NOTE = "Bài viết mô phỏng cho bản sao cục bộ; nội dung và số liệu không có thật."


@dataclass(frozen=True)
class Block:
    """One piece of an article body in reading order: a paragraph or an image caption."""

    kind: str  # "p" | "figure"
    text: str


@dataclass(frozen=True)
class SeedSpec:
    """What the seed text itself does not say plainly: where its body starts and ends."""

    file: str
    title: str
    first: str
    last: str
    captions: tuple[str, ...] = ()
    published: datetime | None = None
    author: str | None = None
    source_note: str | None = None
    original_url: str | None = None
    traps: tuple[str, ...] = ()


ORIGINAL_001 = (
    "https://baohungyen.vn/tin-moi/202303/ky-ket-giao-uoc-thi-dua-nam-2023-cum-thi-dua-so-2-"
    "so-cong-thuong-cac-tinh-thanh-pho-vung-dong-bang-bac-bo-0ee07ea/"
)

SEED_000_RELATED = (
    ("Công khai danh mục TTHC và quy trình nội bộ giải quyết TTHC thuộc chức năng quản lý "
     "của Sở Công Thương", datetime(2024, 6, 5, 8, 28, 30)),
    ("Công khai danh mục TTHC và quy trình nội bộ giải quyết TTHC thuộc phạm vi, chức năng "
     "quản lý của Sở Công Thương", datetime(2024, 4, 17, 3, 2, 16)),
    ("Quán triệt các nhiệm vụ cải cách hành chính năm 2024", datetime(2024, 3, 13, 3, 4, 14)),
    ("Sở Công Thương quán triệt các nhiệm vụ trọng tâm cải cách TTHC năm 2024",
     datetime(2024, 3, 12, 16, 19, 8)),
    ("Sở Công Thương triển khai các biện pháp đảm bảo đón Tết Nguyên đán Giáp Thìn 2024 vui "
     "tươi, lành mạnh, an toàn, tiết kiệm", datetime(2024, 2, 7, 10, 30, 41)),
    ("Kết quả triển khai công tác cải cách hành chính năm 2023 của Sở Công Thương trong lĩnh "
     "vực hiện đại hóa nền hành chính", datetime(2023, 12, 25, 8, 34, 10)),
    ("Tổng kết Cụm thi đua số 2 Sở Công Thương các tỉnh khu vực Đồng bằng Bắc Bộ năm 2023",
     datetime(2023, 12, 21, 16, 19, 3)),
    ("Tiếp tục chấn chỉnh, tăng cường kỷ luật, kỷ cương trong cơ quan hành chính nhà nước các "
     "cấp theo Công điện số 968/CĐ-TTg của Thủ tướng Chính phủ", datetime(2023, 12, 7, 4, 0, 29)),
    ("Công khai TTHC lĩnh vực hoạt động xây dựng thuộc thẩm quyền giải quyết của Sở Công Thương",
     datetime(2023, 11, 28, 8, 46, 2)),
    ("Một số nhiệm vụ trọng tâm trong công tác CCHC từ nay đến cuối năm của Sở Công Thương",
     datetime(2023, 11, 2, 10, 21, 46)),
)

SEED_000_BANNERS = ("2Banner", "San", "BaoCongThuong", "BaoNhanDan",
                    "Ô tô Nga nhập khẩu nguyên chiếc", "Antoanthucpham", "BaoHaiDuong",
                    "TruyenhinhHaiDuong")

SEED_004_TITLE = ("Sở Công Thương tổ chức Hội nghị tổng kết công tác năm 2019, "
                  "triển khai nhiệm vụ năm 2020")

SEEDS: dict[str, SeedSpec] = {
    spec.file: spec
    for spec in (
        SeedSpec(
            file="000_3d217f8f0d84b8d3.txt",
            title="Tổng kết Cụm thi đua số 2 Sở Công Thương các tỉnh khu vực Đồng bằng Bắc Bộ "
                  "năm 2023",
            first="Ngày 20/12/2023 tại Sở Công Thương tỉnh Hưng Yên",
            last="đã ký kết giao ước thi đua năm 2024.",
            captions=(
                "Lãnh đạo và cán bộ phụ trách công tác thi đua của 6 Sở Công Thương tham dự "
                "hội nghị",
                "Lãnh đạo Sở Công Thương của 6 tỉnh, thành phố ký giao ước thi đua năm 2024",
            ),
            published=datetime(2023, 12, 21, 16, 19, 3),
            author="Bùi Văn An",
            traps=("SỞ CÔNG THƯƠNG HẢI DƯƠNG HỘI NHẬP VÀ PHÁT TRIỂN", "Thứ 4, ngày 19/6/2024",
                   "Nguồn Bài: Bùi Văn An", "[Quay lại]", "In trang", "Đầu trang",
                   "Các tin cùng Chuyên mục",
                   *(f"{title} ({us_timestamp(when)})" for title, when in SEED_000_RELATED),
                   *SEED_000_BANNERS),
        ),
        SeedSpec(
            file="001_9a054e092e19778d.txt",
            title="Ký kết giao ước thi đua năm 2023 Cụm thi đua số 2, Sở Công Thương các tỉnh, "
                  "thành phố vùng Đồng bằng Bắc bộ",
            first="Ngày 24/3, tại Sở Công Thương diễn ra",
            last="ký kết giao ước thi đua năm 2023.",
            captions=("Các đại biểu dự hội nghị",),
            source_note="Văn phòng Sở sưu tầm",
            original_url=ORIGINAL_001,
            traps=("Văn phòng Sở sưu tầm", ORIGINAL_001),
        ),
        SeedSpec(
            file="002_d7f24d60b169fcb3.txt",
            title="Sở Công thương Giao ban khối quận, huyện 6 tháng đầu năm 2024",
            first="Chiều 5-7, Sở Công thương phối hợp",
            last="kế hoạch phát triển thương mại điện tử…",
            captions=("Đại diện lãnh đạo Sở Công Thương phát biểu ý kiến hội nghị",),
            published=datetime(2024, 7, 7, 10, 46),
            author="TRUNG KIÊN",
            traps=("TRUNG KIÊN", "Từ khóa:", "Bình luận của bạn về bài viết...", "captcha",
                   "Bản tin Pháp luật", "Video clip", "Phóng sự ảnh", "An toàn giao thông",
                   "Liên kết hữu ích"),
        ),
        SeedSpec(
            file="003_e929ec47d0012ae0.txt",
            title="Hội nghị tổng kết công tác năm 2024 và triển khai nhiệm vụ năm 2025 ngành "
                  "Công Thương Hải Phòng.",
            first="Chiều ngày 03/01/2025, tại Trung tâm Hội nghị thành phố",
            last="hoạt động công đoàn năm 2024.",
            published=datetime(2025, 1, 6),
            traps=("Hải Phòng 20/02/2025", "Xem tin khác", "Lượt truy cập", "Hôm nay:172",
                   "Tất cả:05811880", "Đang trực tuyến:88",
                   "Designed and Maintained by Thiết kế website Đà Nẵng, DANAWEB.vn"),
        ),
        SeedSpec(
            file="004_c8caa60a5f5ab768.txt",
            title=SEED_004_TITLE,
            first="Chiều ngày 13/01/2019, Sở Công Thương tổ chức",
            last="nhiệm vụ công tác năm 2019./.",
            captions=(
                "Đồng chí Phó Chủ tịch UBND tỉnh phát biểu tại hội nghị",
                "Đồng chí Phó Chủ tịch UBND tỉnh trao Bằng khen cho tập thể và cá nhân",
                "Đồng chí Phùng Quang Hội, Giám đốc Sở trao Giấy khen cho các tập thể",
            ),
            author="Khánh Ly",
            traps=("Khánh Ly",),
        ),
    )
}


def seed_text(file: str) -> str:
    """The seed file as captured, NFC."""
    return unicodedata.normalize("NFC", (SEEDS_DIR / file).read_text(encoding="utf-8"))


def seed_blocks(spec: SeedSpec) -> tuple[Block, ...]:
    """The seed's body between its first and last sentence: paragraphs and captions in order."""
    lines = [line.strip() for line in seed_text(spec.file).split("\n")]
    start = next(i for i, line in enumerate(lines) if line.startswith(spec.first))
    end = next(i for i, line in enumerate(lines) if i >= start and line.endswith(spec.last))
    return tuple(Block("figure" if line in spec.captions else "p", line)
                 for line in lines[start:end + 1] if line)


# ---- filler ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Locale:
    """What makes one province's filler read like that province's news."""

    province: str
    unit: str  # "tỉnh" | "thành phố"
    districts: tuple[str, ...]
    zones: tuple[str, ...]
    exports: str
    power_company: str
    officials: tuple[tuple[str, str], ...]  # (name, position)
    authors: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Filler:
    title: str
    blocks: tuple[Block, ...]
    author: str


TET = {2019: "Kỷ Hợi", 2020: "Canh Tý", 2021: "Tân Sửu", 2022: "Nhâm Dần", 2023: "Quý Mão",
       2024: "Giáp Thìn", 2025: "Ất Tỵ", 2026: "Bính Ngọ"}


def _num(value: float, decimals: int = 1) -> str:
    """Vietnamese number style: '.' groups thousands, ',' marks decimals."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if decimals else text


def _period(when: datetime) -> tuple[str, str, int]:
    """The period a report published at `when` covers: short form, form with year, its year."""
    labels = {4: "quý I", 7: "6 tháng đầu năm", 10: "9 tháng"}
    if when.month in labels:
        label = labels[when.month]
        joiner = " " if label.endswith("năm") else " năm "
        return label, f"{label}{joiner}{when.year}", when.year
    if when.month == 1:
        return "cả năm", f"năm {when.year - 1}", when.year - 1
    return f"tháng {when.month - 1}", f"tháng {when.month - 1}/{when.year}", when.year


def _title(name: str) -> str:
    """How the news names an official: Bà for the women (all the filler's have 'Thị'), Ông."""
    return "Bà" if " Thị " in name else "Ông"


def _growth(rng: random.Random, low: float, high: float, year: int) -> float:
    """A year-on-year change; 2020 and 2021 dip, as the pandemic years did."""
    value = rng.uniform(low, high)
    return value - rng.uniform(4, 12) if year in (2020, 2021) else value


def _change(value: float) -> str:
    return f"{'tăng' if value >= 0 else 'giảm'} {_num(abs(value), 2)}%"


def economic_report(loc: Locale, when: datetime, rng: random.Random) -> Filler:
    period, label, year = _period(when)
    iip, retail_growth = _growth(rng, 5, 14, year), _growth(rng, 6, 15, year)
    export_growth, import_growth = _growth(rng, 4, 22, year), _growth(rng, 2, 18, year)
    shares = {"quý I": 0.25, "6 tháng đầu năm": 0.5, "9 tháng": 0.75, "cả năm": 1.0}
    scale = shares.get(period, 0.09)
    retail = rng.uniform(40_000, 160_000) * scale
    exports, imports = rng.uniform(3_000, 12_000) * scale, rng.uniform(2_000, 9_000) * scale
    name, position = rng.choice(loc.officials)
    who = f"{_title(name)} {name}"
    paragraphs = [
        f"Theo báo cáo của Sở Công Thương, {label}, chỉ số sản xuất công nghiệp "
        f"(IIP) trên địa bàn {loc.unit} ước {_change(iip)} so với cùng kỳ năm trước; trong đó "
        f"ngành công nghiệp chế biến, chế tạo {_change(iip + rng.uniform(-2, 3))}, ngành sản xuất "
        f"và phân phối điện {_change(rng.uniform(3, 11))}.",
        f"Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng {period} ước đạt "
        f"{_num(retail, 0)} tỷ đồng, {_change(retail_growth)} so với cùng kỳ. Giá cả các mặt "
        "hàng thiết yếu cơ bản ổn định, nguồn cung hàng hóa dồi dào, không xảy ra tình trạng "
        "khan hiếm hàng hóa, tăng giá đột biến.",
        f"Kim ngạch xuất khẩu ước đạt {_num(exports, 1)} triệu USD, {_change(export_growth)} so "
        f"với cùng kỳ năm trước; kim ngạch nhập khẩu ước đạt {_num(imports, 1)} triệu USD, "
        f"{_change(import_growth)}. Các mặt hàng xuất khẩu chủ lực của {loc.unit} gồm "
        f"{loc.exports}.",
        f"{who}, {position}, cho biết trong thời gian tới Sở sẽ phối hợp chặt chẽ với các "
        f"sở, ngành và UBND các huyện, thị xã tháo gỡ khó khăn cho doanh nghiệp tại "
        f"{rng.choice(loc.zones)}, đẩy mạnh xúc tiến thương mại, mở rộng thị trường xuất khẩu, "
        f"phấn đấu hoàn thành các chỉ tiêu kế hoạch năm {when.year}.",
    ]
    return Filler(f"Tình hình sản xuất công nghiệp, thương mại {label} trên địa bàn {loc.unit} "
                  f"{loc.province}", _blocks(paragraphs), rng.choice(loc.authors))


def trade_fair(loc: Locale, when: datetime, rng: random.Random) -> Filler:
    district = rng.choice(loc.districts)
    event = f"Phiên chợ hàng Việt về {district} năm {when.year}"
    booths, firms = rng.randrange(60, 180), rng.randrange(25, 90)
    name, position = rng.choice(loc.officials)
    who = f"{_title(name)} {name}"
    paragraphs = [
        f"Ngày {when.day}/{when.month}/{when.year}, Sở Công Thương phối hợp với UBND {district} "
        f"tổ chức khai mạc {event}, hưởng ứng Cuộc vận động “Người Việt Nam ưu tiên dùng hàng "
        "Việt Nam”.",
        f"Phiên chợ có quy mô {booths} gian hàng của {firms} doanh nghiệp, hợp tác xã trong và "
        "ngoài tỉnh, trưng bày, giới thiệu các sản phẩm công nghiệp nông thôn tiêu biểu, sản "
        "phẩm OCOP và hàng tiêu dùng thiết yếu với nhiều chương trình khuyến mại, giảm giá từ "
        f"{rng.randrange(10, 30)}% đến {rng.randrange(30, 50)}%.",
        f"Phát biểu khai mạc, {who.lower()[0]}{who[1:]}, {position}, đề nghị các doanh "
        "nghiệp tham gia bảo đảm "
        "chất lượng, nguồn gốc hàng hóa, niêm yết giá công khai, không kinh doanh hàng giả, hàng "
        "kém chất lượng, hàng không rõ nguồn gốc.",
        f"Dự kiến phiên chợ thu hút khoảng {_num(rng.randrange(8, 40) * 1000, 0)} lượt khách "
        f"tham quan, mua sắm; doanh thu ước đạt {_num(rng.uniform(1.5, 9), 1)} tỷ đồng.",
    ]
    return Filler(f"Khai mạc {event}", _blocks(paragraphs), rng.choice(loc.authors))


def power_supply(loc: Locale, when: datetime, rng: random.Random) -> Filler:
    name, position = rng.choice(loc.officials)
    who = f"{_title(name)} {name}"
    months = max(when.month - 1, 1)
    output = rng.uniform(180, 560) * months
    paragraphs = [
        f"Ngày {when.day}/{when.month}/{when.year}, {who.lower()[0]}{who[1:]}, {position}, "
        "chủ trì cuộc họp "
        f"với {loc.power_company} về công tác bảo đảm cung ứng điện mùa nắng nóng năm "
        f"{when.year}.",
        f"Theo báo cáo, {months} tháng đầu năm {when.year}, sản lượng điện thương phẩm trên địa "
        f"bàn {loc.unit} ước đạt {_num(output, 1)} triệu kWh, {_change(rng.uniform(4, 13))} so "
        f"với cùng kỳ; công suất cực đại đạt {_num(rng.uniform(450, 1900), 0)} MW.",
        f"{who} yêu cầu {loc.power_company} rà soát, bảo dưỡng lưới điện, xây dựng phương "
        "án vận hành linh hoạt, ưu tiên cấp điện cho các khu công nghiệp, cơ sở y tế và sinh "
        "hoạt của nhân dân; các doanh nghiệp sử dụng năng lượng trọng điểm thực hiện nghiêm "
        "các giải pháp tiết kiệm điện.",
    ]
    return Filler(f"Bảo đảm cung ứng điện mùa nắng nóng năm {when.year} trên địa bàn {loc.unit} "
                  f"{loc.province}", _blocks(paragraphs), rng.choice(loc.authors))


def tet_market(loc: Locale, when: datetime, rng: random.Random) -> Filler:
    tet_year = when.year + 1 if when.month >= 10 else when.year
    plan = rng.randrange(120, 480)
    value = rng.uniform(300, 2_400)
    name, position = rng.choice(loc.officials)
    who = f"{_title(name)} {name}"
    paragraphs = [
        f"Sở Công Thương vừa ban hành Kế hoạch số {plan}/KH-SCT ngày {when.day}/{when.month}/"
        f"{when.year} về bảo đảm cân đối cung cầu, bình ổn thị trường cuối năm và dịp Tết "
        f"Nguyên đán {TET[tet_year]} {tet_year}.",
        f"Theo kế hoạch, tổng giá trị hàng hóa các doanh nghiệp tham gia chương trình dự trữ "
        f"phục vụ Tết ước đạt {_num(value, 1)} tỷ đồng, {_change(rng.uniform(5, 16))} so với "
        "năm trước, tập trung vào các mặt hàng lương thực, thực phẩm, đồ uống, bánh kẹo, xăng "
        "dầu và hàng tiêu dùng thiết yếu.",
        f"{who}, {position}, đề nghị các lực lượng chức năng tăng cường kiểm tra, kiểm "
        "soát thị trường, xử lý nghiêm các hành vi buôn lậu, gian lận thương mại, kinh doanh "
        "hàng giả, bảo đảm người dân đón Tết vui tươi, an toàn, tiết kiệm.",
    ]
    return Filler(f"Bảo đảm cân đối cung cầu, bình ổn thị trường dịp Tết Nguyên đán "
                  f"{TET[tet_year]} {tet_year}", _blocks(paragraphs), rng.choice(loc.authors))


def admin_reform(loc: Locale, when: datetime, rng: random.Random,
                 title: str | None = None) -> Filler:
    files = rng.randrange(900, 4_800)
    online = rng.uniform(62, 97)
    name, position = rng.choice(loc.officials)
    who = f"{_title(name)} {name}"
    paragraphs = [
        f"Thực hiện Kế hoạch cải cách hành chính năm {when.year} của UBND {loc.unit}, ngày "
        f"{when.day}/{when.month}/{when.year}, Sở Công Thương tổ chức hội nghị quán triệt, "
        "triển khai các nhiệm vụ trọng tâm tới toàn thể cán bộ, công chức, người lao động.",
        f"Năm {when.year - 1}, Sở đã tiếp nhận và giải quyết {_num(files, 0)} hồ sơ thủ tục hành "
        f"chính, trong đó {_num(online, 1)}% hồ sơ được tiếp nhận trực tuyến; 100% hồ sơ được "
        "giải quyết đúng và trước hạn, không có hồ sơ tồn đọng.",
        f"{who}, {position}, yêu cầu các phòng, đơn vị thuộc Sở tiếp tục rà soát, đơn giản "
        "hóa thủ tục hành chính, đẩy mạnh chuyển đổi số, nâng cao chất lượng phục vụ người dân "
        "và doanh nghiệp.",
    ]
    return Filler(title or f"Sở Công Thương triển khai nhiệm vụ cải cách hành chính năm "
                  f"{when.year}", _blocks(paragraphs), rng.choice(loc.authors))


def no_date_story(loc: Locale, when: datetime, rng: random.Random) -> Filler:
    """A good article except that its page prints no date anywhere."""
    district = rng.choice(loc.districts)
    paragraphs = [
        f"Sở Công Thương phối hợp với UBND {district} tổ chức lớp tập huấn kiến thức thương mại "
        f"điện tử cho {rng.randrange(80, 200)} học viên là cán bộ hợp tác xã, hộ kinh doanh trên "
        "địa bàn.",
        "Các học viên được hướng dẫn xây dựng gian hàng trên sàn thương mại điện tử, chụp ảnh "
        "sản phẩm, livestream bán hàng và thanh toán không dùng tiền mặt.",
        f"Năm nay, Sở phấn đấu hỗ trợ {rng.randrange(30, 90)} sản phẩm OCOP của {loc.unit} đưa "
        "lên các sàn thương mại điện tử lớn trong nước.",
    ]
    return Filler(f"Tập huấn thương mại điện tử cho hợp tác xã tại {district}",
                  _blocks(paragraphs), rng.choice(loc.authors))


TOPICS = (economic_report, trade_fair, power_supply, tet_market)


def _blocks(paragraphs: list[str]) -> tuple[Block, ...]:
    return tuple(Block("p", text) for text in (*paragraphs, SYNTHETIC_NOTE))


def filler(topic: Callable[..., Filler], loc: Locale, when: datetime, key: str,
           title: str | None = None) -> Filler:
    """One synthetic article; `key` seeds its randomness so it never changes between runs."""
    rng = random.Random(key)
    made = topic(loc, when, rng, title) if title else topic(loc, when, rng)
    return Filler(SYNTHETIC_PREFIX + made.title, made.blocks, made.author)
