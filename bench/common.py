"""Shared helpers: bench databases (generated once, then reused) and child processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PG_BASE = "postgres://postgres@127.0.0.1:5432"


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{PG_BASE}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def database_url(backend: str, people: int) -> str:
    if backend == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR / f'people-{people}.sqlite3'}"
    return f"{PG_BASE}/vinhdanh_bench_{people}"


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["VINHDANH_DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = "vinhdanh.settings"
    return env


def ensure_database(backend: str, people: int, seed: int = 1) -> str:
    """Create and fill the bench database once; later runs reuse it."""
    url = database_url(backend, people)
    marker = VAR / f"ready-{backend}-{people}"
    if marker.exists():
        return url
    if backend == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS vinhdanh_bench_{people}")
            conn.execute(f"CREATE DATABASE vinhdanh_bench_{people}")
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    vinhdanh = [sys.executable, "-m", "vinhdanh"]
    started = time.perf_counter()
    subprocess.run([*vinhdanh, "migrate", "-v", "0"], env=_env(url), check=True)
    subprocess.run(
        [*vinhdanh, "generate_demo", "--people", str(people), "--seed", str(seed)],
        env=_env(url),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  (generated {people:,} people on {backend} in {time.perf_counter() - started:.0f} s)")
    VAR.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return url


def child(module: str, url: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement in a fresh process: clean caches and an honest peak memory."""
    proc = subprocess.run(
        [sys.executable, "-m", module, json.dumps(payload)],
        env=_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def peak_rss_gib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
