"""Compute MinHash signatures of goals so near-duplicates can be found in one streaming pass.

A goal becomes its set of word bigrams after normalization (case, accents, punctuation, spacing);
32 MinHash values estimate the Jaccard similarity of two such sets, and 8 bands of 4 values give
the buckets in which candidates meet (locality-sensitive hashing). Hashes are CRC32-based and
seeded constants, never Python's `hash()` of a str, so every worker process computes the same
signature for the same text.
"""

from __future__ import annotations

import operator
import random
import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

NUM_HASHES = 32
BANDS = 8
ROWS_PER_BAND = NUM_HASHES // BANDS
_PRIME = (1 << 31) - 1  # a, b < 2**31 and crc32 < 2**32 keep a*h + b below 2**64 in uint64
_rng = random.Random(0x60A1C4EC)
_A = np.array([_rng.randrange(1, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_B = np.array([_rng.randrange(0, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_MIX = np.uint64(0x9E3779B1)
_MASK = np.uint64(0xFFFFFFFF)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+%?|[^\W_]+%?|[$€£%]")  # numbers stay whole: "3.2", "15%"


def normalize(text: str) -> str:
    """Return the text as compared for duplicates: case-folded, accents stripped, words only."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    folded = text.casefold()
    if not folded.isascii():
        folded = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return _TOKEN.findall(folded)


def fingerprint(text: str) -> tuple[int, tuple[int, ...]]:
    """Return (CRC32 of the normalized text, MinHash signature); the signature is empty without words."""
    return fingerprints([text])[0]


def signature(text: str) -> tuple[int, ...]:
    """Return the goal's MinHash signature over its word bigrams; empty when the goal has no words."""
    return fingerprints([text])[0][1]


def fingerprints(texts: Sequence[str]) -> list[tuple[int, tuple[int, ...]]]:
    """Return `fingerprint` of every text in one vectorized pass, so numpy's overhead is shared."""
    words = [_words(t) for t in texts]
    digests = [zlib.crc32(" ".join(ws).encode("utf-8")) for ws in words]
    flat = [w for ws in words for w in ws]
    if not flat:
        return [(d, ()) for d in digests]
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, flat)), dtype=np.uint64, count=len(flat))
    # Bigram hashes over the concatenated words; a goal of k words owns the k-1 bigrams that start at
    # its first word (none crosses into the next goal), and a one-word goal uses its word's hash.
    bigrams = (word_hashes[:-1] * _MIX + word_hashes[1:]) & _MASK
    pool = np.concatenate([bigrams, word_hashes])
    picks: list[int] = []
    starts: list[int] = []
    offset = 0
    for ws in words:
        if ws:
            starts.append(len(picks))
            picks.extend(range(offset, offset + len(ws) - 1) if len(ws) > 1 else (len(bigrams) + offset,))
        offset += len(ws)
    shingles = pool[np.array(picks, dtype=np.intp)]
    hashed = (_A * shingles[None, :] + _B) % _PRIME
    mins = np.minimum.reduceat(hashed, np.array(starts, dtype=np.intp), axis=1)
    signatures = iter(map(tuple, mins.T.tolist()))
    return [(d, next(signatures) if ws else ()) for d, ws in zip(digests, words, strict=True)]


def band_keys(sig: Sequence[int]) -> tuple[int, ...]:
    """Return one bucket key per band; two goals are candidates when any key is equal."""
    # hash() of a tuple of ints is not randomized per process, unlike hash() of a str.
    return tuple(hash((band, *sig[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND])) for band in range(BANDS))


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimate the Jaccard similarity of two goals from their signatures."""
    if not a or not b:
        return 0.0
    return sum(map(operator.eq, a, b)) / len(a)
