"""P5: consolidating a programme up the tree, as a ratio to one SQL GROUP BY (see consolidate)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from bench import common

UNITS = int(os.environ.get("BENCH_P5_UNITS", "5000"))


def run_p5(args: argparse.Namespace, backends: list[str]) -> None:
    for backend in backends:
        url = common.database_url(backend, f"p5_{UNITS}")  # type: ignore[arg-type]
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json,sys,django; django.setup(); import bench.consolidate as b; "
                f"print(json.dumps(b.run({UNITS})))",
            ],
            env=common._env(url),
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"P5 consolidate {r['units']:,} units × {r['values']:,} values, {backend}: {r} "
            f"— ratio {r['ratio']:.2f} (target ≤ {r['target']:.2f})"
        )
