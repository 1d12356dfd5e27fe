"""P6: 1,000 certificates of one decision rendered as one batch (one document, one stylesheet,
shared fonts) against rendering one certificate 1,000 times in the same process."""

from __future__ import annotations

import argparse
import os

from bench import common


def run_p6(args: argparse.Namespace, backends: list[str]) -> None:
    n = int(os.environ.get("BENCH_CERTIFICATES", 1000))
    # No database is read: the measurement is the layout and the PDF, in a fresh process.
    url = f"sqlite:///{common.VAR / 'p6-unused.sqlite3'}"
    common.VAR.mkdir(parents=True, exist_ok=True)
    r = common.child("bench.certificates_child", url, {"n": n})
    print(
        f"P6 {n:,} certificates in one batch: {r['batch_s']} s CPU ({r['batch_wall_s']} s wall), "
        f"{r['batch_pages_per_s']} pages/s, {r['batch_mb']} MB; one at a time: {r['single_s']} s "
        f"CPU ({r['single_wall_s']} s wall), {r['single_pages_per_s']} pages/s, "
        f"{r['single_mb']} MB — ratio {r['ratio']:.2f} (target ≥ 3.00)"
    )
