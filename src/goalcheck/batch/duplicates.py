"""Find near-duplicate goals (the same goal copied to many people) in one pass, in bounded memory.

Each goal's MinHash signature is looked up in the band buckets of the clusters seen so far; it joins
the first cluster whose representative it resembles (estimated Jaccard similarity of word bigrams at
or over `threshold`), else it starts a cluster. Memory is bounded by `max_clusters`: when it is
exceeded, the least-copied clusters are forgotten (lossy counting), so a goal copied many times is
always found while a goal that occurs twice in millions of rows may not be. Under the bound the
result is exact for the signatures.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from goalcheck.batch import minhash

EXAMPLES = 5  # locations kept per cluster
# Distinct owners and teams are counted up to these caps: a cluster's sets are the one part of the
# memory that grows with copies, and "100+ owners" says all a reader needs.
OWNER_CAP = 50
TEAM_CAP = 30


@dataclass
class Cluster:
    """Goals that are copies or near-copies of one representative goal."""

    text: str
    signature: array  # 32 unsigned ints: a tenth of a tuple's memory, for up to `max_clusters` clusters
    count: int = 1
    exact: int = 1  # copies whose normalized text equals the representative's
    examples: list[str] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    teams: set[str] = field(default_factory=set)

    def add(self, where: str, owner: str | None, team: str | None) -> None:
        """Record one more member of the cluster."""
        if len(self.examples) < EXAMPLES:
            self.examples.append(where)
        if owner is not None and len(self.owners) < OWNER_CAP:
            self.owners.add(owner)
        if team is not None and len(self.teams) < TEAM_CAP:
            self.teams.add(team)

    @property
    def owners_text(self) -> str:
        """Return the number of distinct owners, as "100+" once the count reached its cap."""
        return f"{OWNER_CAP}+" if len(self.owners) >= OWNER_CAP else str(len(self.owners))

    def as_dict(self) -> dict[str, Any]:
        """Return the cluster as plain data for JSON and the report."""
        return {
            "text": self.text,
            "count": self.count,
            "exact": self.exact,
            "examples": list(self.examples),
            "owners": self.owners_text,
            "teams": sorted(self.teams)[:20],
        }


class NearDuplicates:
    """Accumulate goals and report the clusters of near-identical ones."""

    def __init__(self, *, threshold: float = 0.75, max_clusters: int = 20_000, max_copies: int = 100_000) -> None:
        self.threshold = threshold
        self.max_clusters = max_clusters
        self.max_copies = max_copies  # members' digests remembered (representatives' are always)
        self._clusters: dict[int, Cluster] = {}
        self._digests: dict[int, int] = {}  # cluster id -> its representative's digest
        self._by_digest: dict[int, int] = {}  # digest of a representative or a member -> its cluster id
        self._buckets: dict[int, int] = {}
        self._next_id = 0
        self.forgotten = 0

    def add(
        self,
        text: str,
        digest: int,
        signature: tuple[int, ...],
        where: str,
        *,
        bands: tuple[int, ...] | None = None,
        owner: str | None = None,
        team: str | None = None,
    ) -> None:
        """Add one goal with its fingerprint (see `minhash.fingerprint`), band keys and location."""
        if not signature:
            return
        cid = self._by_digest.get(digest)  # an exact copy of a goal met before: the common case
        if cid is None:
            cid = self._similar(signature, bands := bands or minhash.band_keys(signature))
            if cid is not None and len(self._by_digest) < self.max_copies:
                self._by_digest[digest] = cid  # the member's own copies join its cluster without a search
        if cid is not None:
            cluster = self._clusters[cid]
            cluster.count += 1
            cluster.exact += digest == self._digests[cid]
            cluster.add(where, owner, team)
            return
        cid = self._next_id
        self._next_id += 1
        cluster = Cluster(text=text[:500], signature=array("I", signature))
        cluster.add(where, owner, team)
        self._clusters[cid] = cluster
        self._digests[cid] = digest
        self._by_digest[digest] = cid
        for key in bands or ():
            self._buckets.setdefault(key, cid)
        if len(self._clusters) > self.max_clusters:
            self._shrink()

    def _similar(self, signature: tuple[int, ...], bands: tuple[int, ...]) -> int | None:
        clusters, threshold = self._clusters, self.threshold
        tried: list[int] = []
        for cid in map(self._buckets.get, bands):
            if cid is None or cid in tried:
                continue
            if minhash.similarity(signature, clusters[cid].signature) >= threshold:
                return cid
            tried.append(cid)
        return None

    def clusters(self, *, min_count: int = 2, limit: int = 50) -> list[Cluster]:
        """Return the clusters of at least `min_count` goals, most copied first."""
        found = [c for c in self._clusters.values() if c.count >= min_count]
        found.sort(key=lambda c: (-c.count, c.examples[0] if c.examples else ""))
        return found[:limit]

    def duplicated_goals(self, *, min_count: int = 2) -> int:
        """Return how many goals belong to a cluster of at least `min_count` goals."""
        return sum(c.count for c in self._clusters.values() if c.count >= min_count)

    def _shrink(self) -> None:
        # Forget the least-copied clusters until at most half the budget is used.
        counts = sorted(c.count for c in self._clusters.values())
        cutoff = counts[len(counts) - self.max_clusters // 2 - 1]
        doomed = {cid for cid, c in self._clusters.items() if c.count <= cutoff}
        for cid in doomed:
            cluster = self._clusters.pop(cid)
            del self._digests[cid]
            for key in minhash.band_keys(cluster.signature):
                if self._buckets.get(key) == cid:
                    del self._buckets[key]
        self._by_digest = {digest: cid for digest, cid in self._by_digest.items() if cid not in doomed}
        self.forgotten += len(doomed)
