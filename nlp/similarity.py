"""Near-duplicate detection for reposted stories: MinHash over word shingles, banded for lookup.

Papers and departments repost each other's stories with a changed headline, a credit line or a
trimmed last paragraph; the shingles of the folded body still mostly agree. The minimum over the
64 permutations is taken with numpy in one pass (the pure-Python loop was 8% of a crawl's CPU);
the arithmetic is the same, wrapping at 64 bits, so signatures already in an archive still match.
"""

from __future__ import annotations

import hashlib
import math
import re

import numpy as np

from nlp.text import fold

SHINGLE_WORDS = 5
HASHES = 64
BANDS = 16
ROWS = HASHES // BANDS
SAME_STORY = 0.9  # templated monthly reports of one province reach 0.85; reposts 0.94 and up
# Copies that similar differ in at most HASHES - ceil(SAME_STORY * HASHES) values, so share at least this
# many bands: a candidate sharing fewer cannot reach SAME_STORY and need not be scored.
MIN_SHARED_BANDS = BANDS - (HASHES - math.ceil(SAME_STORY * HASHES))
_WORDS = re.compile(r"\w+")
_SEEDS = np.array([int.from_bytes(hashlib.blake2b(str(i).encode(), digest_size=8).digest(), "big")
                   for i in range(HASHES)], dtype=np.uint64)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def shingles(text: str) -> set[int]:
    words = _WORDS.findall(fold(text))
    if len(words) < SHINGLE_WORDS:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i:i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def minhash(text: str) -> list[int]:
    values = shingles(text)
    if not values:
        return []
    hashes = np.fromiter(values, dtype=np.uint64, count=len(values))
    return ((hashes[None, :] ^ _SEEDS[:, None]) * _MULTIPLIER).min(axis=1).tolist()


def band_keys(signature: list[int]) -> list[str]:
    """Keys under which similar signatures collide in at least one band with high probability."""
    return [f"{band}:" + hashlib.blake2b(repr(signature[band * ROWS:(band + 1) * ROWS]).encode(),
                                          digest_size=8).hexdigest()
            for band in range(BANDS)] if signature else []


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingles."""
    if not first or not second:
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / HASHES
