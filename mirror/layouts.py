"""HTML for each CMS family: the page chrome and markup of the real portals they imitate.

One `Layout` subclass per family. The base class assembles pages (home, listing, article,
print view, date archive, search, errors) from pieces the subclasses override: header,
footer, article block, listing item, figure. `RedesignedLayout` is the "changed_layout"
mode: the same article in markup no registry selector matches.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

from mirror import sites
from mirror.content import SEED_000_BANNERS, Block
from mirror.families import token
from mirror.sites import Article, Category, Related, Site


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def link(path: str, text: str) -> str:
    return f'<a href="{attr(path)}">{esc(text)}</a>'


def _image(path: str, index: int) -> str:
    return f"/images/news/{token(path, length=10)}_{index}.jpg"


class Layout:
    """Assembles pages; subclasses give them a family's look."""

    menu: tuple[str, ...] = ("Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Thủ tục hành chính",
                             "Hỏi đáp", "Liên hệ")

    def __init__(self, site: Site):
        self.site = site
        self.family = site.family

    # -- whole pages -----------------------------------------------------------------------

    def document(self, title: str, body: str, head: str = "") -> str:
        feed = self.family.feed()
        if feed:  # as NukeViet and the papers announce their RSS on every page
            head += (f'<link rel="alternate" type="application/rss+xml" title="{attr(self.site.name)}" '
                     f'href="{attr(feed)}">\n')
        return (
            "<!DOCTYPE html>\n"
            '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n{head}"
            '<link rel="stylesheet" href="/static/site.css">\n</head>\n'
            f'<body class="{self.family.platform}">\n{body}\n</body>\n</html>\n'
        )

    def home(self) -> str:
        sections = []
        for category in self.site.categories:
            items = "".join(self.list_item(article)
                            for article in sites.listing(self.site, category.key)[:4])
            sections.append(
                f'<section class="home-block"><h2 class="home-block-title">'
                f"{link(self.family.listing(category.key, 1), category.name)}</h2>"
                f'<ul class="home-news">{items}</ul></section>')
        return self.document(self.site.name, self.chrome("\n".join(sections), None))

    def listing(self, category: Category, page: int) -> str:
        articles = sites.listing(self.site, category.key)
        shown = articles[(page - 1) * sites.PAGE_SIZE:page * sites.PAGE_SIZE]
        items = "\n".join(self.list_item(article, summary=True) for article in shown)
        main = (f'<h1 class="category-title">{esc(category.name)}</h1>\n'
                f'<ul class="news-list">\n{items}\n</ul>\n'
                f"{self.pager(category, page)}{self.archive_link(category)}")
        title = f"{category.name} - Trang {page} - {self.site.name}"
        return self.document(title, self.chrome(main, category))

    def article(self, article: Article) -> str:
        category = self.site.category(article.category_key)
        return self.document(f"{article.title} - {self.site.name}",
                             self.chrome(self.article_main(article), category),
                             self.article_head(article))

    def print_view(self, article: Article) -> str:
        date_line = (f'<p class="print-date">{esc(article.published_raw)}</p>'
                     if article.published_raw else "")
        body = (f'<div class="print-page"><p class="print-site">{esc(self.site.name)}</p>'
                f"<h1>{esc(article.title)}</h1>{date_line}{self.body(article)}"
                '<p><a href="javascript:window.print()">In bài viết</a></p></div>')
        return self.document(article.title, body, '<meta name="robots" content="noindex">\n')

    def archive(self, category: Category, day: date, monthly: bool) -> str:
        """One day (or month) of an endless date archive: always a previous and a next one."""
        earlier = self.family.calendar(category.key, date.fromordinal(day.toordinal() - 1))
        step = 31 if monthly else 1
        later = self.family.calendar(category.key, date.fromordinal(day.toordinal() + step))
        main = (f'<h1 class="category-title">{esc(category.name)} - {day:%d/%m/%Y}</h1>'
                '<p class="empty">Không có tin bài nào trong thời gian này.</p>'
                f'<p class="archive-nav">{link(earlier or "/", "« Trước")} '
                f'{link(later or "/", "Sau »")}</p>')
        return self.document(f"{category.name} - {self.site.name}", self.chrome(main, category))

    def search(self) -> str:
        main = ('<h1 class="category-title">Tìm kiếm</h1><form method="get">'
                '<input type="text" name="q"><button type="submit">Tìm</button></form>'
                '<p class="empty">Nhập từ khóa để tìm kiếm.</p>')
        return self.document(f"Tìm kiếm - {self.site.name}", self.chrome(main, None))

    def error(self, status: int) -> str:
        message = "Không tìm thấy trang" if status == 404 else "Lỗi máy chủ"
        return self.document(f"{status} - {message}",
                             f"<h1>{status}</h1><p>{message}.</p><p>{link('/', 'Trang chủ')}</p>")

    # -- pieces ----------------------------------------------------------------------------

    def chrome(self, main: str, category: Category | None) -> str:
        return (f"{self.header()}\n{self.breadcrumb(category)}\n"
                f'<div id="main" class="main">\n{main}\n</div>\n{self.footer()}')

    def header(self) -> str:
        return (f'<header class="site-header"><div class="site-name">{esc(self.site.name)}</div>'
                f"{self.nav()}</header>")

    def nav(self) -> str:
        items = [link("/", "Trang chủ")]
        items += [link(self.family.listing(category.key, 1), category.name)
                  for category in self.site.categories]
        items += [link("/", name) for name in self.menu[2:]]
        search = link(self.family.disallowed_link, self.family.disallowed_label)
        return (f'<nav class="main-menu"><ul>{"".join(f"<li>{item}</li>" for item in items)}'
                f'<li class="search">{search}</li></ul></nav>')

    def breadcrumb(self, category: Category | None) -> str:
        trail = link("/", "Trang chủ")
        if category:
            trail += " » " + link(self.family.listing(category.key, 1), category.name)
        return f'<div class="breadcrumb">{trail}</div>'

    def footer(self) -> str:
        site = self.site
        return (f'<footer class="site-footer"><p><strong>{esc(site.name.upper())}</strong></p>'
                f"<p>Địa chỉ: {esc(site.street)}</p>"
                f"<p>Điện thoại: {esc(site.phone)} - Email: {esc(site.email)}</p>"
                "<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></footer>")

    def article_head(self, article: Article) -> str:
        summary = article.paragraphs[0][:160] if article.paragraphs else ""
        return f'<meta name="description" content="{attr(summary)}">\n'

    def article_main(self, article: Article) -> str:
        raise NotImplementedError

    def body(self, article: Article) -> str:
        """The article text: paragraphs in <p>, image captions in the family's caption markup."""
        return "\n".join(self.figure(block, article, index) if block.kind == "figure"
                         else f"<p>{esc(block.text)}</p>"
                         for index, block in enumerate(article.blocks))

    def figure(self, block: Block, article: Article, index: int) -> str:
        return (f'<figure class="image"><img src="{_image(article.path, index)}" alt="">'
                f"<figcaption>{esc(block.text)}</figcaption></figure>")

    def list_item(self, article: Article, summary: bool = False) -> str:
        when = (f' <span class="date">({esc(self.family.list_date(article.when))})</span>'
                if article.when else "")
        lead = (f'<p class="summary">{esc(article.paragraphs[0][:180])}…</p>'
                if summary and article.paragraphs else "")
        return f"<li>{link(article.path, article.title)}{when}{lead}</li>"

    def related(self, article: Article, heading: str, css: str = "other-news") -> str:
        """Related news with their dates, except on a page with no date of its own."""
        lines = article.related if article.when else [replace(line, when=None)
                                                      for line in article.related]
        items = "".join(self.related_item(line) for line in lines)
        return f'<div class="{css}"><h3>{esc(heading)}</h3><ul>{items}</ul></div>'

    def related_item(self, line: Related) -> str:
        when = (f' <span class="date">({esc(self.family.list_date(line.when))})</span>'
                if line.when else "")
        return f"<li>{link(line.path, line.title)}{when}</li>"

    def pager(self, category: Category, page: int) -> str:
        last = sites.listing_pages(self.site, category.key)
        parts = []
        if page > 1:
            parts.append(link(self.family.listing(category.key, page - 1), "« Trước"))
        for number in range(1, last + 1):
            parts.append(f'<span class="current">{number}</span>' if number == page
                         else link(self.family.listing(category.key, number), str(number)))
        if page < last:
            parts.append(link(self.family.listing(category.key, page + 1), "Sau »"))
        return f'<div class="pager">Trang: {" ".join(parts)}</div>\n'

    def archive_link(self, category: Category) -> str:
        day = self.site.until
        target = self.family.calendar(category.key, day)
        if not target:
            return ""
        return f'<div class="archive">Xem tin theo ngày: {link(target, f"{day:%d/%m/%Y}")}</div>'

    def date_block(self, article: Article, css: str, label: str = "") -> str:
        if not article.published_raw:
            return ""
        return f'<div class="{css}">{esc(label)}{esc(article.published_raw)}</div>'

    def author_block(self, article: Article, css: str, label: str = "") -> str:
        if not article.author:
            return ""
        return f'<div class="{css}">{esc(label)}{esc(article.author)}</div>'


class AspNetLayout(Layout):
    """DotNetNuke portal of a provincial department, as seed 000 shows it."""

    def header(self) -> str:
        title = f"{self.site.name.upper()} HỘI NHẬP VÀ PHÁT TRIỂN"
        return (
            '<form name="Form" method="post" action="/Default.aspx" id="Form">'
            '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
            'value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIBD2QWAmYPZBYCAgEPZBYCZg9kFgJmDxYCHgRUZXh0">'
            f'<div id="dnn_Header" class="header"><div class="logo-text">{esc(title)}</div>'
            f'<div id="dnn_dnnCurrentDate" class="clock">{esc(self.site.clock or "")}</div></div>'
            f'<div id="dnn_Menu" class="menu">{self.nav()}</div></form>'
        )

    def breadcrumb(self, category: Category | None) -> str:
        return ""

    def article_main(self, article: Article) -> str:
        category = self.site.category(article.category_key)
        print_link = link(article.print_path or "", "In trang")
        return (
            f'<div class="module-title"><span id="dnn_ctr_dnnTitle_lblTitle" class="Head">'
            f"{esc(category.name)}</span></div>\n"
            f'<table class="news-view"><tr><td>'
            f"{self.date_block(article, 'news-date', '')}\n"
            f'<h2 id="dnn_ctr_ViewNews_lblTitle" class="news-title">{esc(article.title)}</h2>\n'
            f'<div id="dnn_ctr_ViewNews_divContent" class="news-content">\n{self.body(article)}\n'
            f"</div>\n{self.author_block(article, 'news-author', 'Nguồn Bài: ')}\n"
            f'<div class="news-tools">{link("javascript:history.back()", "[Quay lại]")}'
            f' {print_link} {link("#top", "Đầu trang")}</div>\n'
            f'{self.related(article, "Các tin cùng Chuyên mục")}'
            "</td></tr></table>\n"
            f"{self.banners()}"
        )

    def date_block(self, article: Article, css: str, label: str = "") -> str:
        if not article.published_raw:
            return ""
        return (f'<span id="dnn_ctr_ViewNews_lblDate" class="{css}">'
                f"{esc(article.published_raw)}</span>")

    def figure(self, block: Block, article: Article, index: int) -> str:
        return (f'<table class="image-table" align="center"><caption align="bottom">'
                f"{esc(block.text)}</caption><tbody><tr><td>"
                f'<img src="{_image(article.path, index)}" width="500"></td></tr></tbody></table>')

    def banners(self) -> str:
        return ('<div class="banner-row">'
                + "".join(f'<a href="/" class="banner">{esc(text)}</a>'
                          for text in SEED_000_BANNERS) + "</div>")

    def footer(self) -> str:
        return f'{super().footer()}<div class="copyright">Copyright © Sở Công Thương</div>'


class CityPortalLayout(Layout):
    """A city's news portal, as seed 002 shows it: keyword box, comments, sidebar blocks."""

    menu = ("Giới thiệu", "Tin tức - Sự kiện", "Chính quyền", "Công dân", "Doanh nghiệp",
            "Du khách")

    def article_main(self, article: Article) -> str:
        tags = " ".join(link(self.family.disallowed_link, word)
                        for word in ("công thương", self.site.locale.province))
        return (
            '<div class="row"><div class="col-main"><article class="news-detail">\n'
            f'<h1 class="title-detail">{esc(article.title)}</h1>\n'
            f"{self.date_block(article, 'date-detail')}\n"
            '<div class="share-detail"><a href="https://www.facebook.com/sharer/sharer.php">'
            'Facebook</a> <a href="https://zalo.me/share">Zalo</a></div>\n'
            f'<div class="content-detail">\n{self.body(article)}\n</div>\n'
            f"{self.author_block(article, 'author-detail')}\n"
            f'<div class="tags-detail">Từ khóa: {tags}</div>\n'
            '<div class="comment-box"><form action="/binh-luan/" method="post">'
            '<textarea name="noidung">Bình luận của bạn về bài viết...</textarea>'
            '<input type="text" name="hoten" placeholder="Họ và tên">'
            '<label for="txtCaptcha">captcha</label><img src="/binh-luan/captcha.ashx" alt="">'
            '<input type="text" id="txtCaptcha" name="captcha"><button>Gửi bình luận</button>'
            "</form></div>\n"
            f'{self.related(article, "Tin cùng chuyên mục", "related-news")}'
            f"</article></div>\n{self.sidebar()}</div>"
        )

    def sidebar(self) -> str:
        blocks = (("Bản tin Pháp luật", "Chính sách mới có hiệu lực"),
                  ("Video clip", "Hải Phòng - Thành phố Cảng"),
                  ("Phóng sự ảnh", "Sắc màu Cảng biển"),
                  ("An toàn giao thông", "Tuyên truyền an toàn giao thông"),
                  ("Liên kết hữu ích", "Cổng Dịch vụ công quốc gia"))
        return ('<aside class="col-side">'
                + "".join(f'<div class="side-block"><h3>{esc(title)}</h3>'
                          f'<ul><li><a href="/">{esc(item)}</a></li></ul></div>'
                          for title, item in blocks) + "</aside>")


class DanaWebLayout(Layout):
    """A small vendor's department site, as seed 003 shows it: clock, counters, vendor credit."""

    menu = ("Giới thiệu", "Tin tức", "Văn bản pháp quy", "Thủ tục hành chính", "Hỏi đáp",
            "Liên hệ")

    def header(self) -> str:
        return (f'<div id="top"><div class="top-date">{esc(self.site.clock or "")}</div></div>'
                f'<div id="banner"><img src="/images/banner.jpg" alt="{attr(self.site.name)}">'
                f"</div>{self.nav()}")

    def article_main(self, article: Article) -> str:
        return (
            '<div class="news-detail">\n'
            f'<h1 class="news-detail-title">{esc(article.title)}</h1>\n'
            f"{self.date_block(article, 'news-detail-date')}\n"
            f'<div class="news-detail-content">\n{self.body(article)}\n</div>\n'
            f"{self.author_block(article, 'news-detail-author')}\n</div>\n"
            f'{self.related(article, "Xem tin khác")}'
        )

    def footer(self) -> str:
        return (
            '<div id="right"><div class="counter"><h3>Lượt truy cập</h3>'
            "<p>Hôm nay:172</p><p>Tất cả:05811880</p><p>Đang trực tuyến:88</p></div></div>"
            f"{super().footer()}"
            '<div class="designed">Designed and Maintained by '
            '<a href="https://danaweb.vn">Thiết kế website Đà Nẵng, DANAWEB.vn</a></div>'
        )


class NukeVietLayout(Layout):
    """NukeViet 4 news module: Bootstrap panels, a print view, the editor's lines in the body."""

    def article_main(self, article: Article) -> str:
        print_link = link(article.print_path or "", "In bài viết")
        return (
            '<div class="news_column panel panel-default"><div class="panel-body">\n'
            f'<h1 class="title margin-bottom-lg">{esc(article.title)}</h1>\n'
            f"{self.date_block(article, 'h5 margin-bottom-lg')}\n"
            f'<div id="news-bodyhtml" class="bodytext margin-bottom-lg">\n{self.body(article)}'
            f"{self.editor_lines(article)}\n</div>\n"
            f"{self.author_block(article, 'h5 text-right news-author')}\n"
            f'<ul class="list-inline"><li>{print_link}</li>'
            f'<li>{link("#", "Gửi bài viết qua email")}</li></ul>\n'
            "</div></div>\n"
            f'{self.related(article, "Tin cùng chuyên mục", "news_column panel related")}'
        )

    def editor_lines(self, article: Article) -> str:
        """A repost's 'sưu tầm' line and the original's address, typed into the body."""
        lines = ""
        if article.source_note:
            lines += f'\n<p style="text-align: right;"><em>{esc(article.source_note)}</em></p>'
        if article.original_url:
            lines += (f'\n<p style="text-align: right;">'
                      f"{link(article.original_url, article.original_url)}</p>")
        return lines

    def figure(self, block: Block, article: Article, index: int) -> str:
        return (f'<table class="image" align="center"><caption>{esc(block.text)}</caption>'
                f'<tbody><tr><td><img src="{_image(article.path, index)}" alt=""></td></tr>'
                "</tbody></table>")

    def footer(self) -> str:
        return (f"{super().footer()}<div class=\"copyright\">"
                f"Bản quyền thuộc {esc(self.site.name)}</div>")


class NewspaperLayout(Layout):
    """A provincial paper: sapo, Open Graph tags, rel=canonical to its real address."""

    menu = ("Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Thể thao", "Pháp luật")

    def article_head(self, article: Article) -> str:
        head = super().article_head(article)
        head += f'<meta property="og:title" content="{attr(article.title)}">\n'
        head += '<meta property="og:type" content="article">\n'
        if article.published and "T" in article.published:
            head += f'<meta property="article:published_time" content="{article.published}">\n'
        if article.canonical_url:
            head += f'<link rel="canonical" href="{attr(article.canonical_url)}">\n'
        return head

    def article_main(self, article: Article) -> str:
        blocks = list(self.body(article).split("\n", 1))
        sapo = blocks[0].replace("<p>", '<p class="sapo"><strong>', 1).replace(
            "</p>", "</strong></p>", 1)
        rest = blocks[1] if len(blocks) > 1 else ""
        return (
            '<div class="detail">\n'
            f'<h1 class="detail-title">{esc(article.title)}</h1>\n'
            f"{self.date_block(article, 'detail-time')}\n"
            f'<div class="detail-content">\n{sapo}\n{rest}\n</div>\n'
            f"{self.author_block(article, 'detail-author')}\n</div>\n"
            f'{self.related(article, "Tin liên quan", "related-news")}'
        )

    def footer(self) -> str:
        return ('<footer class="site-footer"><p><strong>BÁO HƯNG YÊN</strong></p>'
                "<p>Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Hưng Yên</p>"
                f"<p>Địa chỉ: {esc(self.site.street)} - Điện thoại: {esc(self.site.phone)}</p>"
                "</footer>")


class OracleLayout(Layout):
    """Oracle WebCenter portal: ADF ids, view counter, trust badge, related list with dates."""

    def header(self) -> str:
        return (f'<div id="T:pt_hd" class="af_panelGroupLayout"><div class="portal-title">'
                f"{esc(self.site.name.upper())}</div>{self.nav()}</div>")

    def article_main(self, article: Article) -> str:
        views = 150 + int(article.path.rsplit("SCTTTH", 1)[-1]) % 900
        return (
            '<div id="T:pt_ct:r1:0:pgl1" class="ArticleDetail">\n'
            f'<h1 class="ArticleTitle">{esc(article.title)}</h1>\n'
            f"{self.date_block(article, 'ArticleDate', 'Ngày đăng: ')}\n"
            f'<div class="ArticleContent">\n{self.body(article)}\n</div>\n'
            f"{self.author_block(article, 'ArticleAuthor', 'Tác giả: ')}\n"
            f'<div class="ArticleViews">Lượt xem: {views}</div>\n</div>\n'
            f'{self.related(article, "Các tin khác", "OtherNews")}'
        )

    def footer(self) -> str:
        return (f'{super().footer()}<div class="badge"><a href="https://tinnhiemmang.vn">'
                '<img src="/images/tinnhiemmang.png" alt="Chung nhan Tin Nhiem Mang">'
                "Chung nhan Tin Nhiem Mang</a></div>")


class LiferayLayout(Layout):
    """Liferay asset publisher: portlet wrappers, metadata entries, sign-in link under /c/."""

    def header(self) -> str:
        return (f'<header id="banner" role="banner"><h1 class="site-title">'
                f"{link('/', self.site.name)}</h1>{self.nav()}</header>")

    def article_main(self, article: Article) -> str:
        print_link = link(article.print_path or "", "In")
        author = (f'<span class="metadata-entry metadata-author">Tác giả: '
                  f"{esc(article.author)}</span>" if article.author else "")
        when = (f'<span class="metadata-entry metadata-publish-date">'
                f"{esc(article.published_raw)}</span>" if article.published_raw else "")
        return (
            '<section class="portlet" id="portlet_101_INSTANCE">'
            '<div class="portlet-content"><div class="asset-full-content">\n'
            f'<h3 class="header-title"><span>{esc(article.title)}</span></h3>\n'
            f'<div class="asset-metadata">{when} {author}</div>\n'
            f'<div class="asset-content"><div class="journal-content-article">\n'
            f"{self.body(article)}\n</div></div>\n"
            f'<div class="taglib-social-bookmarks">Chia sẻ: {link("#", "Facebook")} '
            f"{print_link}</div>\n</div></div></section>\n"
            f'{self.related(article, "Tin khác", "asset-publisher-related")}'
        )

    def related_item(self, line: Related) -> str:
        when = (f' <span class="date">{esc(self.family.list_date(line.when))}</span>'
                if line.when else "")
        return f"<li>{link(line.path, line.title)}{when}</li>"

    def footer(self) -> str:
        return (f"{super().footer()}<div class=\"powered-by\">Bản quyền thuộc "
                f"{esc(self.site.name)}</div>")


class RedesignedLayout(Layout):
    """The 'changed_layout' mode: a new theme whose classes and containers match no selector."""

    def __init__(self, site: Site, base: Layout):
        super().__init__(site)
        self.base = base

    def header(self) -> str:
        return self.base.header()

    def footer(self) -> str:
        return self.base.footer()

    def article_main(self, article: Article) -> str:
        return (
            '<main id="noi-dung-v2"><section class="post-v2">\n'
            f'<div class="post-head"><h2 class="post-heading">{esc(article.title)}</h2>'
            f"{self.date_block(article, 'post-meta')}</div>\n"
            f'<section class="post-text">\n{self.body(article)}'
            f"{self.editor_lines(article)}\n</section>\n"
            f"{self.author_block(article, 'post-byline')}\n"
            f"{self.related(article, 'Bài viết khác', 'post-more')}</section></main>"
        )

    def editor_lines(self, article: Article) -> str:
        if isinstance(self.base, NukeVietLayout):
            return self.base.editor_lines(article)
        return ""


LAYOUTS: dict[str, type[Layout]] = {
    "aspnet": AspNetLayout,
    "city-portal": CityPortalLayout,
    "danaweb": DanaWebLayout,
    "nukeviet": NukeVietLayout,
    "newspaper": NewspaperLayout,
    "oracle-webcenter": OracleLayout,
    "liferay": LiferayLayout,
}


def layout_for(site: Site) -> Layout:
    from mirror.portals import LAYOUTS as PORTAL_LAYOUTS  # they build on this module's Layout

    return {**LAYOUTS, **PORTAL_LAYOUTS}[site.platform](site)
