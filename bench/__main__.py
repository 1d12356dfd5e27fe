"""`make bench`: the scale benchmarks of docs/architecture.md §6, printed as ratios against a
baseline measured in the same run. Absolute figures are printed for information only.

    python -m bench [--people N] [--only P1,P2,P3,P4,P5,P6] [--db sqlite,postgres]

P5's size: BENCH_P5_UNITS (default 5,000 units × 20 indicators × 20 periods).
P6 renders BENCH_CERTIFICATES certificates (default 1,000).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from bench import common


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument(
        "--people", type=int, default=int(os.environ.get("BENCH_PEOPLE", 1_000_000))
    )
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", ""))
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "sqlite,postgres"))
    args = parser.parse_args(argv)
    wanted = {w.strip().upper() for w in args.only.split(",") if w.strip()}
    backends = [b.strip() for b in args.db.split(",") if b.strip()]
    if "postgres" in backends and not common.postgres_available():
        print("PostgreSQL not reachable on 127.0.0.1:5432: skipping its runs")
        backends.remove("postgres")
    from bench import candidates, certificates, imports, load, rollup

    suites: dict[str, Callable[[argparse.Namespace, list[str]], None]] = {
        "P1": candidates.run_p1,
        "P2": candidates.run_p2,
        "P3": load.run_p3,
        "P4": imports.run_p4,
        "P5": rollup.run_p5,
        "P6": certificates.run_p6,
    }
    for name, run in suites.items():
        if wanted and name not in wanted:
            continue
        run(args, backends)
    return 0


if __name__ == "__main__":
    sys.exit(main())
