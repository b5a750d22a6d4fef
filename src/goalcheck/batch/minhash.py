"""Compute MinHash signatures of goals so near-duplicates can be found in one streaming pass.

A goal becomes its set of word bigrams after normalization (case, accents, punctuation, spacing);
32 MinHash values estimate the Jaccard similarity of two such sets, and 8 bands of 4 values give
the buckets in which candidates meet (locality-sensitive hashing). Hashes are CRC32-based and
seeded constants, never Python's `hash()` of a str, so every worker process computes the same
signature for the same text.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

NUM_HASHES = 32
BANDS = 8
ROWS_PER_BAND = NUM_HASHES // BANDS
_PRIME = (1 << 31) - 1  # a, b < 2**31 and crc32 < 2**32 keep a*h + b below 2**64 in uint64
_rng = random.Random(0x60A1C4EC)
_A = np.array([_rng.randrange(1, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_B = np.array([_rng.randrange(0, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_NON_WORD = re.compile(r"[^\w%$€£]+")


def normalize(text: str) -> str:
    """Return the text as compared for duplicates: case-folded, accents stripped, words only."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded).split())


def shingles(text: str) -> set[str]:
    """Return the word bigrams of a normalized goal (its words when it has only one)."""
    words = normalize(text).split()
    if len(words) < 2:
        return set(words)
    return {f"{a} {b}" for a, b in pairwise(words)}


def fingerprint(text: str) -> tuple[int, tuple[int, ...]]:
    """Return (CRC32 of the normalized text, MinHash signature); the signature is empty without words."""
    normalized = normalize(text)
    return zlib.crc32(normalized.encode("utf-8")), signature(normalized)


def signature(text: str) -> tuple[int, ...]:
    """Return the goal's MinHash signature; empty when the goal has no words."""
    grams = shingles(text)
    if not grams:
        return ()
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))
    values = ((_A * hashes[None, :] + _B) % _PRIME).min(axis=1)
    return tuple(int(v) for v in values)


def band_keys(sig: Sequence[int]) -> tuple[int, ...]:
    """Return one bucket key per band; two goals are candidates when any key is equal."""
    # hash() of a tuple of ints is not randomized per process, unlike hash() of a str.
    return tuple(
        hash((band, *sig[band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND])) for band in range(BANDS)
    )


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimate the Jaccard similarity of two goals from their signatures."""
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
