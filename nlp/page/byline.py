"""The byline: a labelled author line ("Tác giả: …", "Bài và ảnh: …"), a signature at the body's end,
or the author the markup names; and the repost's source note and original URL at the body's end."""

from __future__ import annotations

import re
from functools import cache

from nlp.page.dom import Doc
from nlp.page.metadata import Metadata
from nlp.page.model import Page
from nlp.text import lexicon, normalize

AUTHOR_LABEL = re.compile(
    r"^\s*(?:Nguồn\s+bài|Tác\s+giả|Bài\s+và\s+ảnh|Bài,?\s*ảnh|Bài|Người\s+viết|Tin|Tin,?\s*ảnh)\s*:\s*", re.I)
_AUTHOR_CLASS = re.compile(r"author|tac-?gia|but-?danh", re.I)
_URL_LINE = re.compile(r"^(?:Nguồn\s*:?\s*)?(https?://\S+)$", re.I)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?"
_NAME_LINE = re.compile(rf"^(?:{_NAME_WORD}\s*)(?:(?:\s|\s?[-–,/]\s?){_NAME_WORD}){{0,6}}$")
_PHOTO_CREDIT = re.compile(r"^(.{0,30}?)\s*(?:Ảnh|Ảnh minh họa|Video|Clip)\s*:\s*\S.{0,40}$")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.\s?){1,4}$")
SENTENCE_END = re.compile(r"[.!?…:;]$")
_SOURCE_NOTE = re.compile(r"sưu tầm|^Nguồn\s*:?\s|^Theo\s*:?\s[^,]*$", re.I)  # not "Theo ông A, Giám đốc …, …"


def read_byline(doc: Doc, metadata: Metadata) -> str | None:
    """A labelled byline outside the page chrome, else what the markup marks as the author."""
    for element, text in zip(doc.elements, doc.texts, strict=True):
        if not text or ":" not in text or not AUTHOR_LABEL.match(text) or element in doc.chrome or element in doc.listy:
            continue
        line = doc.text(element, limit=80) or normalize(text)
        if len(line) < 80 and element.tag != "a":
            return clean_author(line)
    if metadata.author and len(metadata.author) < 80:
        return clean_author(metadata.author)
    for element in doc.elements:
        if element.get("itemprop") == "author" or _AUTHOR_CLASS.search(element.get("class") or ""):
            text = doc.text(element, limit=80)
            if text:
                return clean_author(text)
    return None


def clean_author(text: str) -> str | None:
    cleaned = AUTHOR_LABEL.sub("", text).strip(" .-–")
    return cleaned or None


@cache
def _boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in lexicon("page_boilerplate.txt")), re.I)


def is_boilerplate(line: str) -> bool:
    return bool(_boilerplate().match(line))


def split_tail(page: Page, lines: list[str]) -> None:
    """Move the byline, the repost's source note and its original URL from the end of the body."""
    while lines:
        last = lines[-1]
        url = _URL_LINE.match(last)
        if url and not page.original_url:
            page.original_url = url.group(1)
        elif AUTHOR_LABEL.match(last) and not page.author:
            page.author = clean_author(last)
        elif _SOURCE_NOTE.search(last) and len(last) < 120 and not page.source_note:
            page.source_note = last
        elif _PHOTO_CREDIT.match(last) and len(last) < 60:
            page.author = page.author or _PHOTO_CREDIT.match(last).group(1) or None
        elif len(lines) > 1 and len(last) < 40 and not lines[-2].isupper() and (_INITIALS.match(last) or (
                _NAME_LINE.match(last) and not SENTENCE_END.search(last))):  # under a title in capitals: a signer
            page.author = page.author or last  # a signature closes the body even when the markup named the author
        else:
            break
        lines.pop()
    page.paragraphs = lines
