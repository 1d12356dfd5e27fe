"""P4: import 100,000 people from .xlsx with full validation vs reading the file with openpyxl."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench import common


def run_p4(args: argparse.Namespace, backends: list[str]) -> None:
    try:
        import bench.import_people  # noqa: F401
    except ImportError:
        print("P4 import: bench/import_people.py is missing — not measured")
        return
    n = min(100_000, args.people)
    for backend in backends:
        url = common.database_url(backend, f"import{n}")  # type: ignore[arg-type]
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json,sys,django; django.setup(); import bench.import_people as b; "
                f"print(json.dumps(b.run({n})))",
            ],
            env=common._env(url),
            check=True,
            capture_output=True,
            text=True,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"P4 import {n:,} people from .xlsx, {backend}: {r} — ratio {r.get('ratio', 0):.2f} "
            "(target ≤ 3.00)"
        )
