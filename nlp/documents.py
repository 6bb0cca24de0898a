"""Legal and administrative documents cited by number: "Công điện số 968/CĐ-TTg", "01/NQ-CP"."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from nlp.dates import DateMention
from nlp.text import Located, Sentence, alternation, lexicon, located, match_key, plain_slashes

# number [/year] /CODE[-ISSUER...]: "968/CĐ-TTg", "15/2018/NĐ-CP", "05/2017/QH14", "123/SCT-VP", "1424/ QĐ-UBND".
_NUMBER = (r"\d{1,5}(?:/\d{4})?/ ?[A-ZĐ][A-Za-zĐđ]*\d*(?: ?- ?[A-ZĐ][A-Za-zĐđ0-9]*)*"
           r"|\d{1,5}-[A-ZĐ]{2,5}/[A-ZĐ][A-Za-zĐđ]*")  # the Party's numbering: "18-NQ/TW", "315-KH/ĐU"
_BARE_HINT = re.compile(r"số \d")  # a sentence with neither this nor a slash cites no document
_ISSUE_REACH = 24  # characters between a number and its "ngày ..." issue date
_ISSUE_GAP = re.compile(r"[ ,]*(?:\w+ +){0,2}$")


@dataclass(frozen=True)
class DocumentMention(Located):
    """A document cited by its number, with the date it was issued when the text gives it."""

    kind: str  # resolution, dispatch, decision, ... or "document" when nothing names it
    number: str
    issuer: str | None  # the code after the document type: "CP", "TTg", "UBND"
    issued: date | None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "number": self.number,
            "issuer": self.issuer,
            "issued": self.issued.isoformat() if self.issued else None,
            **self.location(),
        }


@functools.cache
def _pattern() -> re.Pattern[str]:
    vocab = lexicon("documents.yaml")
    kinds = alternation(list(vocab["kinds"]))
    number_words = alternation(vocab["number_words"])
    # A number without a code counts only after its kind and "số": "Quyết định số 1909, ngày 21/11/2025".
    return re.compile(rf"(?i:(?P<kind>{kinds})(?: +(?:{number_words}))?:? *)?(?<![\w/])(?P<number>{_NUMBER})(?![\w/])"
                      rf"|(?i:(?P<bare_kind>{kinds}) +(?:{number_words}) +)(?P<bare>\d{{1,5}})(?![\w/-]|[.,]\d)")


def _code(number: str) -> tuple[str | None, str | None]:
    """(kind from the type code, issuer): "968/CĐ-TTg" → (dispatch, TTg), "123/SCT-VP" → (None, SCT),
    "18-NQ/TW" → (resolution, TW)."""
    head, _, tail = number.rpartition("/")
    codes = lexicon("documents.yaml")["codes"]
    if "-" in head and not head.rsplit("-", 1)[1].isdigit():  # the Party's numbering
        return codes.get(head.rsplit("-", 1)[1]), tail
    parts = tail.split("-")
    kind = codes.get(parts[0].rstrip("0123456789"))
    if kind is None:
        return None, parts[0]
    return kind, "-".join(parts[1:]) or None


def _kind(kind_word: str | None, number: str) -> str:
    if kind_word:
        by_word = {match_key(k): v for k, v in lexicon("documents.yaml")["kinds"].items()}
        return by_word.get(match_key(" ".join(kind_word.split())), "document")
    return _code(number)[0] or "document"


def find_documents(sents: Sequence[Sentence], dates: Sequence[DateMention]) -> list[DocumentMention]:
    """Documents cited by number; `dates` supplies the issue date written right after one."""
    days = {d.start: d for d in dates if d.kind == "day"}
    found: list[DocumentMention] = []
    for sent in sents:
        text = plain_slashes(sent.text)
        if "/" not in text and not _BARE_HINT.search(text):
            continue
        for m in _pattern().finditer(text):
            number = "".join((m.group("number") or m.group("bare")).split())  # "1509/QĐ - TTg"
            issued = None
            for at in range(m.end(), min(m.end() + _ISSUE_REACH, len(text)) + 1):
                day = days.get(sent.start + at)
                if day is not None and _ISSUE_GAP.fullmatch(text[m.end() : at]):
                    issued = day.first_day
                    break
            found.append(
                DocumentMention(
                    kind=_kind(m.group("kind") or m.group("bare_kind"), number),
                    number=number,
                    issuer=_code(number)[1],
                    issued=issued,
                    **located(sent, m.start(), m.end()),
                )
            )
    return _first_of_each(found)


def _first_of_each(mentions: Sequence[DocumentMention]) -> list[DocumentMention]:
    """A document cited twice is listed once, at its first citation, with any issue date given."""
    kept: dict[str, DocumentMention] = {}
    for mention in mentions:
        first = kept.setdefault(mention.number, mention)
        if first.issued is None and mention.issued is not None:
            kept[mention.number] = dataclasses.replace(first, issued=mention.issued)
    return list(kept.values())
