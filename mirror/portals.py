"""The markup of two more portal families (their URLs and dates are in mirror/families.py).

- VNPT's vnPortal: numeric path ids (`/<portal>/4/469/<category>/<item>/<slug>/<slug>.aspx`), no
  sitemap and no feed, a sidebar of dated document downloads and a work calendar (`?ngay=`).
- Joomla 3: SEF category blogs (`/vi/<category>`, `?start=5`), articles `/vi/<category>/<id>-<slug>`,
  a print view (`?tmpl=component&print=1`), tag pages that list articles like a category does,
  an RSS feed per category, and a sitemap index named in robots.txt.

Both are only homepages in the registry: the crawler must find everything else itself.
"""

from __future__ import annotations

from datetime import date

from mirror import sites
from mirror.families import JOOMLA_TAGS, Joomla, token
from mirror.layouts import Layout, attr, esc, link
from mirror.sites import Article, Category


def joomla_tags(article: Article) -> tuple[str, ...]:
    """Two of the three tags, by the article's path, so every tag page lists several articles."""
    start = int(token(article.path, length=2), 16) % len(JOOMLA_TAGS)
    return (JOOMLA_TAGS[start], JOOMLA_TAGS[(start + 1) % len(JOOMLA_TAGS)])


class VnPortalLayout(Layout):
    """vnPortal: a banner, a left menu, a "Văn bản mới" sidebar of dated PDF downloads."""

    menu = ("Giới thiệu", "Tin tức - Sự kiện", "Văn bản", "Lịch công tác", "Hỏi đáp", "Liên hệ")

    def nav(self) -> str:
        week_start = date.fromordinal(self.site.until.toordinal() - self.site.until.weekday())
        calendar = self.family.calendar(self.site.categories[0].key, week_start) or "/"
        return super().nav().replace(f'<li>{link("/", "Lịch công tác")}</li>',
                                     f'<li>{link(calendar, "Lịch công tác")}</li>')

    def chrome(self, main: str, category: Category | None) -> str:
        return super().chrome(f'<div class="col-md-9">{main}</div>{self.documents()}', category)

    def documents(self) -> str:
        items = "".join(
            f'<li>{link(f"/Uploads/files/van-ban/{number}-qd-sct.pdf", f"Quyết định số {number}/QĐ-SCT")}'
            f' <span class="date">({day:%d/%m/%Y})</span></li>'
            for number, day in ((118, date(2025, 5, 20)), (97, date(2025, 4, 14)), (64, date(2025, 3, 3)),
                                (31, date(2025, 2, 10))))
        return f'<div class="col-md-3 van-ban-moi"><h3>Văn bản mới</h3><ul>{items}</ul></div>'

    def article_main(self, article: Article) -> str:
        date_line = (f'<div class="news-date"><i class="fa fa-clock"></i> {esc(article.published_raw)}</div>'
                     if article.published_raw else "")
        return (
            '<div class="news-detail">\n'
            f'<h1 class="news-title">{esc(article.title)}</h1>\n{date_line}\n'
            f'<div class="news-body">\n{self.body(article)}\n</div>\n'
            f"{self.author_block(article, 'news-author')}\n"
            f'<div class="attach">Tệp đính kèm: {link("/Uploads/files/van-ban/118-qd-sct.pdf", "118-qd-sct.pdf")}'
            "</div>\n</div>\n"
            f'{self.related(article, "Tin cùng chuyên mục", "related-news")}'
        )


class JoomlaLayout(Layout):
    """Joomla 3 (protostar-like): category blogs, article info list, tags, previous/next article links."""

    menu = ("Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ")

    def list_item(self, article: Article, summary: bool = False) -> str:
        when = (f'<dd class="published">{esc(self.family.list_date(article.when))}</dd>'
                if article.when else "")
        intro = f'<p>{esc(article.paragraphs[0][:180])}…</p>' if summary and article.paragraphs else ""
        return (f'<div class="item"><h2 itemprop="name">{link(article.path, article.title)}</h2>'
                f'<dl class="article-info">{when}</dl>{intro}</div>')

    def listing(self, category: Category, page: int) -> str:
        return super().listing(category, page).replace('<ul class="news-list">', '<div class="blog">').replace(
            "</ul>\n<div class=\"pager\">", '</div>\n<div class="pager">')

    def tag_page(self, name: str) -> str:
        tagged = [article for article in sites.SITE_ARTICLES[self.site.id]
                  if article.bad_kind is None and name in joomla_tags(article)][:8]
        items = "\n".join(self.list_item(article, summary=True) for article in tagged)
        main = f'<h1 class="tag-title">Thẻ: {esc(name)}</h1>\n<div class="tag-category">\n{items}\n</div>'
        return self.document(f"{name} - {self.site.name}", self.chrome(main, None))

    def article_head(self, article: Article) -> str:
        generator = "Joomla! - Open Source Content Management"
        return super().article_head(article) + f'<meta name="generator" content="{generator}">\n'

    def article_main(self, article: Article) -> str:
        category = self.site.category(article.category_key)
        when = (f'<dd class="published"><time datetime="{attr(article.published or "")}">'
                f"{esc(article.published_raw)}</time></dd>" if article.published_raw else "")
        tags = "".join(f'<li>{link(Joomla.tag(name), name)}</li>' for name in joomla_tags(article))
        neighbours = [line for line in article.related if line.path != article.path][:2]
        pagenav = "".join(f'<li class="{side}">{link(line.path, label)}</li>'
                          for side, label, line in zip(("previous", "next"), ("« Trước", "Tiếp »"),
                                                       neighbours, strict=False))
        return (
            '<div class="item-page" itemscope itemtype="https://schema.org/Article">\n'
            f'<div class="page-header"><h2 itemprop="headline">{esc(article.title)}</h2></div>\n'
            f'<dl class="article-info"><dd class="category-name">Danh mục: '
            f"{link(self.family.listing(category.key, 1), category.name)}</dd>{when}</dl>\n"
            f'<div class="icons">{link(article.print_path or "", "In")}</div>\n'
            f'<div itemprop="articleBody">\n{self.body(article)}\n</div>\n'
            f"{self.author_block(article, 'createdby', 'Tác giả: ')}\n"
            f'<ul class="tags inline">{tags}</ul>\n'
            f'<ul class="pager pagenav">{pagenav}</ul>\n</div>'
        )


LAYOUTS: dict[str, type[Layout]] = {"vnportal": VnPortalLayout, "joomla": JoomlaLayout}
