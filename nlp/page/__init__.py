"""Page extraction: one article page's HTML to its title, publication date, author, body and kind.

The same code serves the spiders, `sct extract PAGE.html` and re-extraction from stored HTML. A
site's CSS selectors (from the registry) are used when given; otherwise small readers, one per
signal (`metadata`, `headline`, `dateline`, `body`, `byline`, `kind`), read the page parsed once
(`dom`), and `reconcile` weighs what they found.
"""

from nlp.page.datetext import detect_date_order, parse_page_date
from nlp.page.model import PAGE_KINDS, Page, PageHints
from nlp.page.reconcile import extract_page
from nlp.page.text_page import extract_text_page

__all__ = ["PAGE_KINDS", "Page", "PageHints", "detect_date_order", "extract_page", "extract_text_page",
           "parse_page_date"]
