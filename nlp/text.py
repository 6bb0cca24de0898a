"""Normalisation, sentence splitting and lexicon loading shared by the extractors.

Extractors match on `canonical_tones(nfc_text)`, which has the same length as the NFC text, so an
offset found in the matching key slices the text as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from underthesea import sent_tokenize

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: 5x faster on the lexicons at start
LEXICONS = resources.files("nlp") / "lexicons"  # readable inside a zipped egg too, as Scrapyd runs it

# Character classes built from Unicode properties: Vietnamese precomposed letters interleave cases
# (Ạ ạ Ả ả ...), so ranges cannot be written by hand.
_LETTERS = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha()]
UPPER = "".join(c for c in _LETTERS if c.isupper())
LOWER = "".join(c for c in _LETTERS if c.islower())

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Old-style tone placement on the second vowel of an open "oa", "oe", "uy" (not after q), and "qui".
# The lookbehinds follow the first letter, so the regex engine scans for that letter at C speed.
_OLD_TONES = re.compile(
    r"([oOuU])(?<![qQ][oOuU])(["
    + "".join(
        c
        for c in UPPER + LOWER
        if unicodedata.normalize("NFD", c)[0] in "aeyAEY"
        and len(unicodedata.normalize("NFD", c)) == 2
        and unicodedata.normalize("NFD", c)[1] in _TONES
    )
    + r"])(?!\w)"
)
_QUI = re.compile(r"([iIìíỉĩịÌÍỈĨỊ])(?<=[qQ][uU].)(?!\w)")
_SPACES = re.compile(r"[^\S\n]+")
_NON_NEWLINE_SPACE = re.compile(r"[^\S\n ]")
_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/"})
_ANY_END = re.compile(r"[.!?…]")  # a block without one before its last character is one sentence, untokenised
_SENTENCE_END = frozenset(".!?:;…\"”»)")


@dataclass(frozen=True)
class Sentence:
    """A sentence and its offsets into the text it was split from."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Located:
    """Where a fact stands, for provenance: its words as written, offsets into the text, its sentence."""

    raw: str
    start: int
    end: int
    sentence_index: int
    sentence: str

    def location(self) -> dict[str, object]:
        return {"raw": self.raw, "offsets": [self.start, self.end], "sentence_index": self.sentence_index}


def located(sentence: Sentence, start: int, end: int) -> dict[str, Any]:
    """The `Located` fields of a fact found at [start, end) of a sentence."""
    return {"raw": sentence.text[start:end], "start": sentence.start + start, "end": sentence.start + end,
            "sentence_index": sentence.index, "sentence": sentence.text}


def normalize(text: str) -> str:
    """NFC, whitespace collapsed inside lines, line breaks kept: the form the archive stores."""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), unicodedata.normalize("NFD", match.group(2))
    return unicodedata.normalize("NFC", first + second[1]) + second[0]


def _qui_to_quy(match: re.Match[str]) -> str:
    letter = unicodedata.normalize("NFD", match.group(1))
    base = "Y" if letter[0].isupper() else "y"
    return unicodedata.normalize("NFC", base + letter[1:])


def canonical_tones(text: str) -> str:
    """Old to new tone placement (hoà → hòa, uỷ → ủy, quí → quý), for matching, never storage.

    On NFC input the result has the same length, so offsets carry over.
    """
    text = _OLD_TONES.sub(_move_tone, text)
    return _QUI.sub(_qui_to_quy, text)


class _FoldTable(dict):
    """Each character's folded form, worked out the first time it is met: str.translate then folds
    a text in one C loop (the character-by-character generator was 5% of a crawl's CPU). Dropping
    every combining mark makes the per-character result the same as decomposing the whole text."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", "d" if chr(code) in "đĐ" else chr(code))
        self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return self[code]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, no diacritics, đ → d: a search key."""
    return text.lower().translate(_FOLD)


def plain_slashes(text: str) -> str:
    """"⁄" (U+2044) and "∕" (U+2215) read as "/": pages type them in dates and document numbers."""
    return text.translate(_SLASHES) if "\u2044" in text or "\u2215" in text else text


_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """A quick test before the date and figure patterns run: most sentences have no number."""
    return _DIGIT.search(text) is not None


@functools.lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """The matching form of NFC text: canonical tones, lowercase, plain spaces and slashes; same length.

    Kept for the texts last seen: every reader of an article's facts asks for the key of each sentence."""
    key = plain_slashes(canonical_tones(text).lower())
    if len(key) != len(text):  # a few characters change length when lowercased (İ); keep offsets
        key = "".join(c.lower() if len(c.lower()) == 1 else c for c in canonical_tones(text))
    return _NON_NEWLINE_SPACE.sub(" ", key)


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC form of `text` and, when it differs, the offset in `text` of each NFC offset.

    Returns None for the map when `text` is already NFC (offsets are then the same), or when NFC
    cannot be computed piecewise (offsets then refer to the NFC text).
    """
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            piece = unicodedata.normalize("NFC", text[start:i])
            pieces.append(piece)
            offsets.extend([start] * len(piece))
            start = i
    nfc = "".join(pieces)
    if nfc != unicodedata.normalize("NFC", text):
        return unicodedata.normalize("NFC", text), None
    offsets.append(len(text))
    return nfc, offsets


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of lines to split as one: a line that ends without punctuation and a next line that
    starts in lowercase are one sentence broken by the page ("Phó Chủ tịch Ủy ban MTTQ tỉnh, Phó" /
    "ban Thường trực")."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            if blocks and stripped[0].islower() and text[blocks[-1][1] - 1] not in _SENTENCE_END:
                blocks[-1] = (blocks[-1][0], start + len(line.rstrip()))
            else:
                blocks.append((start + len(line) - len(line.lstrip()), start + len(line.rstrip())))
        start = end + 1
    return blocks


def sentences(text: str) -> list[Sentence]:
    """Split on line breaks (not inside a broken sentence), then with underthesea's `sent_tokenize`;
    offsets into `text`, a line break inside a sentence read as a space."""
    found: list[Sentence] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end].replace("\n", " ")
        cursor = 0
        stripped = block.rstrip()
        pieces = sent_tokenize(block) if _ANY_END.search(stripped, 0, len(stripped) - 1) else [block.strip()]
        for piece in filter(None, pieces):
            at = block.find(piece, cursor)
            if at < 0:  # sent_tokenize only strips; this guards against future rewrites
                continue
            cursor = at + len(piece)
            found.append(Sentence(len(found), piece, block_start + at, block_start + cursor))
    return found


@functools.cache
def lexicon(name: str) -> Any:
    """A data file under nlp/lexicons: YAML as data, TXT as a list of non-comment lines."""
    content = (LEXICONS / name).read_text(encoding="utf-8")
    if name.endswith(".txt"):
        return tuple(
            unicodedata.normalize("NFC", line.strip())
            for line in content.splitlines()
            if line.strip() and not line.startswith("#")
        )
    return yaml.load(unicodedata.normalize("NFC", content), Loader=YAML_LOADER)


def alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of phrases in matching form, longest first, spaces flexible."""
    keys = sorted({match_key(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", " +") for k in keys)
