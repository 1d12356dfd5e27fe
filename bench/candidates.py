"""P1: candidate lists for every annual and chain title for a whole province, in one batch.
P2: the same through the single-case path, one person at a time (reported as a ratio)."""

from __future__ import annotations

import argparse

from bench import common


def run_p1(args: argparse.Namespace, backends: list[str]) -> None:
    for backend in backends:
        url = common.ensure_database(backend, args.people)
        # Each in a fresh process, so that each peak memory is its own.
        b = common.child("bench.candidates_child", url, {"mode": "baseline"})
        r = common.child("bench.candidates_child", url, {"mode": "batch"})
        ratio = r["work_s"] / b["baseline_s"]
        print(
            f"P1 candidate lists, {r['people']:,} people, {len(r['codes'])} titles, {backend}: "
            f"baseline read {b['baseline_s']:.1f} s ({b['rows']:,} rows, "
            f"peak {b['peak_gib']:.2f} GiB), load+evaluate {r['work_s']:.1f} s "
            f"(facts {r['facts_s']:.1f} s, engine {r['engine_s']:.1f} s, "
            f"peak {r['peak_gib']:.2f} GiB, target ≤ 6), eligible LĐTT {r['eligible_ldtt']:,} — "
            f"ratio {ratio:.2f} (target ≤ 2.00)"
        )


def run_p2(args: argparse.Namespace, backends: list[str]) -> None:
    for backend in backends:
        url = common.ensure_database(backend, args.people)
        r = common.child("bench.candidates_child", url, {"mode": "single", "sample": 200})
        ratio = r["per_person_single_s"] / r["per_person_batch_s"]
        print(
            f"P2 single-case path, {r['sample']} people, {backend}: "
            f"{r['per_person_single_s'] * 1000:.1f} ms per person vs "
            f"{r['per_person_batch_s'] * 1e6:.1f} µs per person in the batch — ratio {ratio:,.0f}"
        )
