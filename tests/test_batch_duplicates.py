"""Near-duplicate detection: stable signatures, sensible thresholds, bounded memory."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from goalcheck.batch import NearDuplicates, minhash

LONG = (
    "Increase the engagement score from 3.2 to 4.0 on a 5-point scale by Q4 2025 through monthly "
    "role-play sessions for specialty representatives, to improve customer engagement."
)


def add(found: NearDuplicates, text: str, where: str, **labels: str) -> None:
    digest, signature = minhash.fingerprint(text)
    found.add(text, digest, signature, where, **labels)


def test_normalization_ignores_case_accents_punctuation_and_spacing() -> None:
    assert minhash.normalize("  Improve   SELLING skills!! ") == "improve selling skills"
    assert minhash.normalize("Réduire le délai — Q4-2025: 3,5 %") == "reduire le delai q4 2025 3,5 %"
    assert minhash.normalize("Grow NBRx by 15% to $1.2m") == "grow nbrx by 15% to $ 1.2 m"


def test_signatures_are_the_same_in_another_process() -> None:
    code = "from goalcheck.batch import minhash; import sys; print(minhash.fingerprint(sys.argv[1]))"
    other = subprocess.run([sys.executable, "-c", code, LONG], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == repr(minhash.fingerprint(LONG))


def test_similarity_separates_copies_edits_and_different_goals() -> None:
    same = minhash.signature(LONG.upper().replace(",", ""))
    edited = minhash.signature(LONG.replace("specialty representatives", "specialty reps"))
    other = minhash.signature("Complete the market access certification by June 30, 2025.")
    base = minhash.signature(LONG)
    assert minhash.similarity(base, same) == 1.0
    assert minhash.similarity(base, edited) >= 0.75
    assert minhash.similarity(base, other) < 0.2
    assert minhash.signature("   ...  ") == ()


def test_clusters_count_copies_owners_and_teams() -> None:
    found = NearDuplicates()
    for n in range(6):
        add(found, LONG, f"line {n + 2}", owner=f"e{n % 4}", team="Onc" if n < 3 else "Acc")
    add(found, LONG.replace("specialty representatives", "specialty reps"), "line 8", owner="e9", team="Acc")
    add(found, "Improve selling skills.", "line 9", owner="e1", team="Onc")
    add(found, "improve selling SKILLS", "line 10", owner="e2", team="Onc")
    add(found, "Pass the launch certification with 85% by March 31, 2025.", "line 11")
    clusters = found.clusters()
    assert [(c.count, c.exact) for c in clusters] == [(7, 6), (2, 2)]
    assert clusters[0].as_dict() == {
        "text": LONG,
        "count": 7,
        "exact": 6,
        "examples": ["line 2", "line 3", "line 4", "line 5", "line 6"],
        "owners": "5",
        "teams": ["Acc", "Onc"],
    }
    assert found.duplicated_goals() == 9


def test_memory_stays_bounded_and_heavy_copies_survive() -> None:
    found = NearDuplicates(max_clusters=100)
    for n in range(5_000):
        add(found, f"Unique goal number {n} about territory {n * 7919 % 10007} and account {n}.", f"row {n}")
        if n % 50 == 0:
            add(found, "Improve selling skills and product knowledge this year.", f"row {n}b")
    assert len(found._clusters) <= 100
    assert found.forgotten > 4_000
    top = found.clusters(limit=1)[0]
    assert top.text == "Improve selling skills and product knowledge this year."
    assert top.count >= 95  # a few copies may fall before the cluster first grows past the cut-off


def test_batch_fingerprints_equal_one_at_a_time() -> None:
    texts = ["", "Improve.", LONG, "   ", "two words", LONG.upper(), "x", "Grow NBRx by 15% by Q3 2025."] * 3
    assert minhash.fingerprints(texts) == [minhash.fingerprints([t])[0] for t in texts]
    assert [fp[1] == () for fp in minhash.fingerprints(texts)] == [t.strip() == "" for t in texts]
    prints = minhash.fingerprints(texts)
    assert [fp.bands for fp in prints] == [minhash.band_keys(fp.signature) if fp.signature else () for fp in prints]
    assert len({key for fp in prints for key in fp.bands}) == 8 * len({fp.signature for fp in prints if fp.signature})


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_are_split_as_every_text_is(text: str) -> None:
    folded = text.casefold()
    assert minhash._words(text) == minhash._TOKEN.findall(folded)


def test_owner_counts_are_capped() -> None:
    found = NearDuplicates()
    for n in range(150):
        add(found, LONG, f"line {n}", owner=f"e{n}", team=f"t{n}")
    cluster = found.clusters()[0]
    assert (cluster.count, cluster.owners_text, len(cluster.teams)) == (150, "50+", 30)


def test_a_members_copies_join_its_cluster_without_a_search() -> None:
    found = NearDuplicates(max_clusters=4)
    searches = []
    search = found._similar
    found._similar = lambda *args: searches.append(1) or search(*args)  # type: ignore[method-assign]
    edited = LONG.replace("specialty representatives", "specialty reps")
    add(found, LONG, "line 2")
    for n in range(3):
        add(found, edited, f"line {n + 3}")
    assert (found.clusters()[0].count, found.clusters()[0].exact, len(searches)) == (4, 1, 2)
    for n in range(10):  # overflow: the one-goal clusters go, with every digest that pointed at them
        add(found, f"Unique goal number {n} about territory {n * 7919 % 10007}.", f"row {n}")
    assert set(found._by_digest.values()) <= set(found._clusters)
