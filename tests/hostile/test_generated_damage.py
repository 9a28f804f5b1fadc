"""Generated damage over the small corpus files: bit flips, deletions and insertions, cuts at
every kind of structural boundary, spliced and chained files, random bodies behind valid
headers. Every case must end as data (read) or as a skipped/failed FileRead that names the
file and says why, within TIME_LIMIT_S and the worker's memory limit.

The cases are drawn by hypothesis with derandomize=True, so every run tests the same ones; a
failure prints the reproducer of each case (build(Case(...), seeds) from hostile_cases).
"""

from __future__ import annotations

import pytest
from support import corpus_manifest
from hostile_cases import (
    bit_flips, boundaries, csv_random_rows, deletions_insertions, fit_chains, fit_crc, fit_framed,
    fit_random_bodies, small_seeds, splices, truncations, xml_random_bodies,
)
from hostile_runner import MEMORY_HEADROOM_BYTES, TIME_LIMIT_S, generate_and_run, probe_bounds, start_pool

MEMORY_PER_CASE_KIB = 512 * 1024
STATUSES = {"read", "skipped", "failed"}

# family -> (strategy from (seeds, cuts), number of cases, whether it must reach 'read' too)
FAMILIES = {
    "bitflip": (lambda seeds, cuts: bit_flips(seeds), 2000, True),
    "delete-insert": (lambda seeds, cuts: deletions_insertions(seeds), 1900, True),
    "truncate": (lambda seeds, cuts: truncations(seeds, cuts), 2000, True),
    "splice": (lambda seeds, cuts: splices(seeds), 1000, True),
    "fit-chain": (lambda seeds, cuts: fit_chains(seeds), 300, True),
    "fit-random-body": (lambda seeds, cuts: fit_random_bodies(seeds), 1000, False),
    "xml-random-body": (lambda seeds, cuts: xml_random_bodies(), 1200, False),
    "csv-random-rows": (lambda seeds, cuts: csv_random_rows(seeds), 1000, False),
}
TOTAL = {"families": 0, "cases": 0, "max_s": 0.0, "max_kib": 0, "worker_kib": 0}


@pytest.fixture(scope="module")
def seed_paths(corpus):
    return small_seeds(corpus_manifest())


@pytest.fixture(scope="module")
def seeds(seed_paths):
    return {name: path.read_bytes() for name, path in seed_paths.items()}


@pytest.fixture(scope="module")
def pool(seed_paths):
    with start_pool(seed_paths) as executor:
        yield executor
    print(f"\ngenerated cases: {TOTAL['cases']}; slowest case {TOTAL['max_s']:.2f} s; largest growth "
          f"of resident memory in a case {TOTAL['max_kib'] / 1024:.1f} MiB; worker peak resident "
          f"{TOTAL['worker_kib'] / 1024:.0f} MiB")
    if TOTAL["families"] == len(FAMILIES):
        assert TOTAL["cases"] >= 10_000


def breaches(case, ran) -> list[str]:
    """How one case's outcome breaks the contract of read_bytes, if it does."""
    if ran.escaped:
        return [f"read_bytes did not return: {ran.escaped}"]
    found = []
    if ran.path != case.name:
        found.append(f"outcome names {ran.path!r}, not the file")
    if ran.status not in STATUSES:
        found.append(f"status {ran.status!r}")
    if ran.status != "read" and not ran.reason.strip():
        found.append(f"{ran.status} without a reason")
    if "please report" in ran.reason:
        found.append(f"a reader raised something other than FileProblem: {ran.reason}")
    if ran.status == "read" and not (ran.activities == ran.rows > 0):
        found.append(f"read with {ran.activities} activities and {ran.rows} rows")
    found += [f"summarizing failed: {w}" for w in ran.warnings if " dropped: " in w]
    if ran.elapsed_s > TIME_LIMIT_S:
        found.append(f"took {ran.elapsed_s:.1f} s")
    if ran.peak_kib is not None and ran.peak_kib > MEMORY_PER_CASE_KIB:
        found.append(f"peak memory {ran.peak_kib / 1024:.0f} MiB")
    return found


def test_every_kind_of_seed_and_boundary_is_covered(seeds):
    kinds = {name.rsplit(".", 1)[-1].lower() for name in seeds}
    cuts = {kind for name, data in seeds.items() for kind in boundaries(name, data)}
    assert kinds == {"fit", "gpx", "tcx", "csv"}
    assert cuts >= {"fit-header", "fit-definition", "fit-data", "fit-crc", "xml-tag", "xml-attribute",
                    "xml-extension", "csv-row-end", "csv-mid-row", "csv-quoted"}


def test_workers_stop_a_hang_and_a_runaway_allocation(pool):
    hang, greedy, address_space = pool.submit(probe_bounds, 30, 4 * MEMORY_HEADROOM_BYTES).result(timeout=60)
    assert hang.escaped == "no result within 0.2 s" and hang.elapsed_s < 2
    assert greedy.escaped.startswith("MemoryError")
    assert 0 < address_space < 2 * MEMORY_HEADROOM_BYTES + 8 * 1024**3


def test_valid_fit_headers_are_valid(seeds):
    # A real file's own CRC checks out, so "random body behind a valid header" is that.
    real = seeds["dtcooper_python-fitparse__Activity.fit"]
    assert fit_crc(real) == 0
    framed = fit_framed(real[12:-2], header_crc=True, file_crc=True)
    assert fit_crc(framed[:14]) == 0 and fit_crc(framed) == 0


@pytest.mark.parametrize("family", FAMILIES)
def test_generated_damage_ends_in_data_or_a_reason(family, seeds, pool):
    make, count, reaches_read = FAMILIES[family]
    cuts = {name: boundaries(name, data) for name, data in seeds.items()}
    ran_cases = generate_and_run(pool, make(seeds, cuts), count)
    assert len(ran_cases) >= 0.9 * count, "too few distinct cases: the strategy repeats itself"
    results = [ran for _, ran in ran_cases]
    TOTAL["cases"] += len(ran_cases)
    TOTAL["max_s"] = max(TOTAL["max_s"], *(r.elapsed_s for r in results))
    TOTAL["max_kib"] = max(TOTAL["max_kib"], *(r.peak_kib or 0 for r in results))
    TOTAL["worker_kib"] = max(TOTAL["worker_kib"], *(r.worker_peak_kib for r in results))
    TOTAL["families"] += 1
    print(f"\n{family}: {len(ran_cases)} cases, statuses {sorted({r.status for r in results})}, "
          f"slowest {max(r.elapsed_s for r in results):.2f} s")
    failures = [f"{case.reproducer()}\n    -> {b}" for case, ran in ran_cases for b in breaches(case, ran)]
    assert not failures, f"{len(failures)} breaches, first ones:\n" + "\n".join(failures[:15])
    statuses = {ran.status for ran in results}
    # Damage must not be so crude that everything is refused at the first byte.
    assert statuses >= ({"read", "failed"} if reaches_read else {"failed"}), statuses
