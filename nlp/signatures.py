"""The signer of an official document, from its signature block and its heading.

    ỦY BAN NHÂN DÂN          (heading: the issuer, and its province)
    TỈNH QUẢNG BÌNH
    …
    TM. ỦY BAN NHÂN DÂN      (on behalf of: the organisation)
    KT. CHỦ TỊCH             (signing for the head)
    PHÓ CHỦ TỊCH             (the signer's own title)
    Nguyễn Xuân Quang

Every line is a sentence of its own and written in capitals, so the constructions of
nlp.officials never see them; our own rule because no tagger reads a document's layout.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from nlp.officials import Official
from nlp.provinces import PROVINCE_NAMES, canonical_province
from nlp.text import Sentence, lexicon, located
from nlp.vocabulary import Phrases, Token, tokens, vocabulary

_HEADING_LINES = 8  # sentences at the top of a document where its heading stands
_ACTING = re.compile(r"Q\.\s*")  # "Q. GIÁM ĐỐC": quyền, acting
_SIGNED = re.compile(r"\(?\s*(?:đã ký|ký)(?: và đóng dấu)?\s*\)?", re.I)


@functools.cache
def _written() -> Phrases:
    """Organisations, places and titles as written in running text, to write a capitalised line."""
    data = lexicon("officials.yaml")
    words = [*data["bodies"], *data["heads"], *data["sectors"], *data["titles"], *PROVINCE_NAMES,
             *(unit["word"] for unit in data["admin_units"])]
    return Phrases({w: w for w in words})


def _sentence_case(toks: Sequence[Token]) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH" → "Ủy ban nhân dân tỉnh Quảng Bình"."""
    written, words, i = _written(), [], 0
    while i < len(toks):
        found = written.match(toks, i)
        if found:
            words.append(found[1])
            i = found[0]
        else:
            words.append(toks[i].text.capitalize())
            i += 1
    return " ".join(words)


@functools.cache
def _national() -> tuple[str, ...]:
    return tuple(lexicon("officials.yaml")["national_bodies"])


def _capitals(sent: Sentence) -> bool:
    return sent.text.isupper()


def _title(sent: Sentence) -> str | None:
    """The whole line is one title ("PHÓ CHỦ TỊCH", "Q. GIÁM ĐỐC": acting): its written form."""
    acting = _ACTING.match(sent.text)
    toks = tokens(sent.text[acting.end() if acting else 0 :])
    found = vocabulary().titles.match(toks, 0)
    if not found or found[0] != len(toks):
        return None
    return f"Quyền {found[1]}" if acting else found[1]


def _name(sent: Sentence) -> str | None:
    if not 2 <= len(sent.text.split()) <= 5:  # a line of a name alone; most lines are longer
        return None
    toks, v = tokens(sent.text), vocabulary()
    words = [t.text.capitalize() if sent.text.isupper() else t.text for t in toks]
    if not 2 <= len(toks) <= 5 or not all(t.text.isalpha() for t in toks) or toks[0].key not in v.surnames:
        return None
    if not all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
        return None
    return " ".join(words)


def _issuer(sents: Sequence[Sentence]) -> tuple[str, str | None] | None:
    """The document's heading, its lines read as one (a copy may break "UỶ BAN NHÂN / DÂN"): the last
    organisation it names is the issuer ("UBND TỈNH NGHỆ AN / SỞ CÔNG THƯƠNG": Sở Công Thương), with
    what follows it ("ỦY BAN NHÂN DÂN / TỈNH QUẢNG BÌNH"); the province is the one it names."""
    lines: list[Sentence] = []
    for sent in sents[:_HEADING_LINES]:
        if lines and (not _capitals(sent) or sent.text.startswith("CỘNG HÒA")):
            break
        if _capitals(sent) and any(c.isalpha() for c in sent.text):
            lines.append(sent)
    if not lines:
        return None
    toks = tokens(" ".join(line.text for line in lines))
    v = vocabulary()
    last, k = 0, 0
    while k < len(toks):  # organisations left to right, each past the one before ("ỦY BAN" holds "BAN")
        found = v.bodies.match(toks, k) or v.heads.match(toks, k)
        last, k = (k, found[0]) if found else (last, k + 1)
    return _sentence_case(toks[last:]), _province(toks)


def _province(toks: Sequence[Token]) -> str | None:
    provinces = vocabulary().provinces
    return next((canonical_province(found[1]) for k in range(len(toks)) if (found := provinces.match(toks, k))), None)


def find_signatures(sents: Sequence[Sentence], province: str | None = None) -> list[Official]:
    """The signer of every signature block: name under a title line in capitals, with the organisation
    of the "TM." line, else of the document's heading."""
    found = []
    issuer = None
    for k in range(1, len(sents)):
        name = _name(sents[k])
        above = k - 2 if name and k > 1 and _SIGNED.fullmatch(sents[k - 1].text) else k - 1  # "(Đã ký)"
        title = _title(sents[above]) if name and _capitals(sents[above]) else None
        if name is None or title is None:
            continue
        issuer = issuer or _issuer(sents) or ("", None)
        organisation, place = issuer
        for line in sents[max(0, above - 2) : above]:
            text = line.text
            if text.casefold().startswith("tm.") and not organisation.casefold().startswith(
                    text[3:].strip().casefold()):
                on_behalf = tokens(text[3:].strip())
                organisation, place = _sentence_case(on_behalf), _province(on_behalf) or place
        local = bool(organisation) and not organisation.startswith(_national())
        found.append(Official(name=name, position=f"{title} {organisation}".strip(), organisation=organisation or None,
                              org_place=place or (province if local else None),
                              **located(sents[k], 0, len(sents[k].text))))
    return found
