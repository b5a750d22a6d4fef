"""Compute MinHash signatures of goals so near-duplicates can be found in one streaming pass.

A goal becomes its set of word bigrams after normalization (case, accents, punctuation, spacing);
32 MinHash values estimate the Jaccard similarity of two such sets, and 8 bands of 4 values give
the buckets in which candidates meet (locality-sensitive hashing). Hashes are CRC32-based and
seeded constants, never Python's `hash()` of a str, so every worker process computes the same
signature for the same text. The 32 hash functions are multiply-shift ones (the high 32 bits of
a*x + b modulo 2**64, a odd): a multiplication and a shift, where a remainder modulo a prime took
a quarter of the time of fingerprinting a chunk.
"""

from __future__ import annotations

import operator
import random
import re
import unicodedata
import zlib
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

NUM_HASHES = 32
BANDS = 8
ROWS_PER_BAND = NUM_HASHES // BANDS
_rng = random.Random(0x60A1C4EC)
_A = np.array([_rng.getrandbits(64) | 1 for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_B = np.array([_rng.getrandbits(64) for _ in range(NUM_HASHES)], dtype=np.uint64)[:, None]
_SHIFT = np.uint64(32)
_MIX = np.uint64(0x9E3779B1)
_MASK = np.uint64(0xFFFFFFFF)
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)  # combines a band's four values into one 64-bit bucket key
_BAND_SALT = np.arange(BANDS, dtype=np.uint64)[:, None] * np.uint64(0xD6E8FEB86659FD93)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+%?|[^\W_]+%?|[$€£%]")  # numbers stay whole: "3.2", "15%"
_ASCII_TOKEN = re.compile(r"\d+(?:[.,]\d+)+%?|[a-z0-9]+%?|[$%]")  # the same on case-folded ASCII, faster


class Fingerprint(NamedTuple):
    """What near-duplicate search needs of a goal (see `goalcheck.batch.duplicates`)."""

    digest: int  # CRC32 of the normalized text: equal for exact copies
    signature: tuple[int, ...]  # NUM_HASHES MinHash values; empty when the goal has no words
    bands: tuple[int, ...]  # one bucket key per band of the signature; empty with it


def normalize(text: str) -> str:
    """Return the text as compared for duplicates: case-folded, accents stripped, words only."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    folded = text.casefold()
    if folded.isascii():
        return _ASCII_TOKEN.findall(folded)
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return _TOKEN.findall(folded)


def fingerprint(text: str) -> tuple[int, tuple[int, ...]]:
    """Return (CRC32 of the normalized text, MinHash signature); the signature is empty without words."""
    digest, signature, _ = fingerprints([text])[0]
    return digest, signature


def signature(text: str) -> tuple[int, ...]:
    """Return the goal's MinHash signature over its word bigrams; empty when the goal has no words."""
    return fingerprints([text])[0][1]


def fingerprints(texts: Sequence[str]) -> list[Fingerprint]:
    """Return the `Fingerprint` of every text in one vectorized pass, so numpy's overhead is shared."""
    words = [_words(t) for t in texts]
    digests = [zlib.crc32(" ".join(ws).encode("utf-8")) for ws in words]
    flat = [w for ws in words for w in ws]
    if not flat:
        return [Fingerprint(d, (), ()) for d in digests]
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
    hashed = (_A * shingles[None, :] + _B) >> _SHIFT  # uint64 arithmetic wraps: modulo 2**64
    mins = np.minimum.reduceat(hashed, np.array(starts, dtype=np.intp), axis=1)
    signatures = iter(map(tuple, mins.T.tolist()))
    bands = iter(map(tuple, _bands(mins).T.tolist()))
    return [
        Fingerprint(d, next(signatures), next(bands)) if ws else Fingerprint(d, (), ())
        for d, ws in zip(digests, words, strict=True)
    ]


def _bands(mins: np.ndarray) -> np.ndarray:
    """Return the BANDS x n bucket keys of n signatures given as a NUM_HASHES x n array."""
    rows = mins.reshape(BANDS, ROWS_PER_BAND, -1)
    keys = rows[:, 0] + _BAND_SALT
    for row in range(1, ROWS_PER_BAND):
        keys = keys * _BAND_MIX + rows[:, row]
    return keys


def band_keys(sig: Sequence[int]) -> tuple[int, ...]:
    """Return one bucket key per band; two goals are candidates when any key is equal."""
    return tuple(_bands(np.array(sig, dtype=np.uint64).reshape(NUM_HASHES, 1))[:, 0].tolist())


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimate the Jaccard similarity of two goals from their signatures."""
    if not a or not b:
        return 0.0
    return sum(map(operator.eq, a, b)) / len(a)
