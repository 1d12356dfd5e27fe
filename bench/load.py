"""P3: web pages under load on a real production server (gunicorn) over loopback.

16 clients, each with its own signed-in session, request a mix of pages for 60 s (search
people, a person's history, a commune's candidate list, the nomination list, the decision
list, the home page). The baseline is a trivial page (/about/: the site's layout for a
signed-in user, with its session, menu and template, and no work of its own) under the same 16
clients on the same server in the same run. Target: p95 of the mix ≤ 4× the trivial page's
p95, and no error. Every loop is bounded in time and in count, and only 127.0.0.1 is ever addressed.

The day it measures: the 50 sampled communes' lists were opened once earlier (as their clerks
would have), and while the clients read, clerks keep working: a writer process changes a task
rating of someone in one of those communes every `WRITE_EVERY` seconds, which renews that
commune's list and the province's (common/freshness.py), so lists go cold during the run as
they would. `BENCH_LOAD_COLD=1` measures a cold start instead: the cache emptied and no list
opened before (the first minutes after a restore).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import common

CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", 16))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", 60))
TRIVIAL_SECONDS = float(os.environ.get("BENCH_LOAD_TRIVIAL_SECONDS", 20))
MAX_REQUESTS = 200_000  # a hard cap besides the clock
# 1: a cold start (no list opened before the clients start); the default opens each sampled
# commune's list once before, as its clerk would have earlier in the day.
COLD = os.environ.get("BENCH_LOAD_COLD", "") == "1"
# A clerk's change every this many seconds during the mix (0: none).
WRITE_EVERY = float(os.environ.get("BENCH_LOAD_WRITE_EVERY", 3))
USER = "vanphong"  # the provincial emulation office: sees the whole province

SAMPLE = """
import json, django
django.setup()
from vinhdanh.demo.logins import DEMO_PASSWORD, ensure_demo_logins
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.nominations.models import Round
from django.core.cache import cache
ensure_demo_logins()
cache.clear()  # every run starts cold: no list or count kept from an earlier run
people = list(Person.objects.order_by("?").values_list("pk", flat=True)[:300])
communes = list(
    Unit.objects.filter(level="commune", valid_to__isnull=True)
    .order_by("?").values_list("pk", flat=True)[:50]
)
rounds = list(Round.objects.values_list("pk", flat=True)[:20])
print(json.dumps({"password": DEMO_PASSWORD, "people": people, "communes": communes,
                  "rounds": rounds}))
"""


# Clerks at work during the mix: a task rating of 2025 changed for someone in a sampled
# commune, through the ORM as a page's form would save it (signals, audit, tokens).
WRITER = """
import json, random, sys, time, django
django.setup()
from vinhdanh.people.enums import Rating
from vinhdanh.people.models import Person, TaskRating
communes, seconds, every = json.loads(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
rng = random.Random(7)
people = {
    c: list(Person.objects.filter(current_unit_id=c).values_list("pk", flat=True)[:200])
    for c in communes
}
people = {c: ids for c, ids in people.items() if ids}
deadline, writes = time.monotonic() + seconds, 0
while time.monotonic() < deadline and writes < 10_000:
    commune = rng.choice(sorted(people))
    TaskRating.objects.update_or_create(
        person_id=rng.choice(people[commune]), year=2025,
        defaults={"rating": rng.choice([Rating.HTXSNV, Rating.HTTNV])},
    )
    writes += 1
    time.sleep(every)
print(json.dumps({"writes": writes}))
"""


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(page, []).append(seconds)
            if error:
                self.errors.append(f"{page}: {error}")

    def count(self) -> int:
        return sum(len(v) for v in self.times.values())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = common._env(url)
    env.update(
        VINHDANH_ALLOWED_HOSTS="127.0.0.1",
        VINHDANH_DEBUG="false",
        VINHDANH_TWO_FACTOR="off",
    )
    return subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "vinhdanh.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--worker-class=gthread",
            "--threads=4",
            "--timeout=120",
            "--log-level=warning",
        ],
        env=env,
        cwd=common.ROOT,
        start_new_session=True,
    )


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    import requests

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting")
        try:
            if requests.get(f"{base}/healthz/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer within 120 s")


def signed_in(base: str, password: str):  # type: ignore[no-untyped-def]
    import requests

    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    answer = session.post(
        f"{base}/login/",
        data={"csrfmiddlewaretoken": token[1], "username": USER, "password": password},
        headers={"Referer": f"{base}/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, f"login as {USER} answered {answer.status_code}"
    return session


def start_writer(url: str, communes: list[int]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, json.dumps(communes), str(SECONDS), str(WRITE_EVERY)],
        env=common._env(url),
        stdout=subprocess.PIPE,
    )


def finish_writer(writer: subprocess.Popen[bytes] | None) -> int:
    if writer is None:
        return 0
    out, _ = writer.communicate(timeout=120)
    if writer.returncode != 0:
        raise RuntimeError("the writer of the load benchmark failed")
    return int(json.loads(out.decode().strip().splitlines()[-1])["writes"])


def candidates_path(commune: int) -> str:
    return f"/eligibility/units/{commune}/?year=2025&code=LDTT"


def mix(sample: dict[str, list[int]], rng: random.Random) -> tuple[str, str]:
    page = rng.choice(["search", "person", "candidates", "nominations", "decisions", "home"])
    if page == "search":
        return page, "/people/?q=" + rng.choice(["nguyen thi", "tran van", "le", "hoang anh"])
    if page == "person":
        return page, f"/people/{rng.choice(sample['people'])}/"
    if page == "candidates":
        return page, candidates_path(rng.choice(sample["communes"]))
    if page == "nominations":
        rounds = sample["rounds"]
        return page, f"/workflow/rounds/{rng.choice(rounds)}/" if rounds else "/workflow/rounds/"
    if page == "decisions":
        return page, "/decisions/"
    return page, "/"


def hammer(base: str, sessions: list, seconds: float, choose, tally: Tally) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        session = sessions[index]
        while time.monotonic() < deadline and tally.count() < MAX_REQUESTS:
            page, path = choose(rng)
            started = time.perf_counter()
            error = None
            try:
                response = session.get(base + path, timeout=60, allow_redirects=False)
                if response.status_code != 200:
                    error = f"{path} → {response.status_code}"
            except Exception as exc:
                error = f"{path} → {type(exc).__name__}"
            tally.add(page, time.perf_counter() - started, error)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def run_p3(args: argparse.Namespace, backends: list[str]) -> None:
    if "postgres" not in backends:
        print("P3 load: needs PostgreSQL — not measured")
        return
    url = common.ensure_database("postgres", args.people)
    proc = subprocess.run(
        [sys.executable, "-c", SAMPLE], env=common._env(url), check=True, capture_output=True
    )
    sample = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(url, port)
    try:
        wait_until_up(base, server)
        sessions = [signed_in(base, sample["password"]) for _ in range(CLIENTS)]
        for session in sessions:  # warm each worker's caches before measuring
            session.get(f"{base}/", timeout=60)
        if not COLD:
            for commune in sample["communes"]:
                sessions[0].get(f"{base}{candidates_path(commune)}", timeout=120)
        trivial = Tally()
        hammer(base, sessions, TRIVIAL_SECONDS, lambda rng: ("trivial", "/about/"), trivial)
        load = Tally()
        writer = start_writer(url, sample["communes"]) if WRITE_EVERY > 0 else None
        hammer(base, sessions, SECONDS, lambda rng: mix(sample, rng), load)
        writes = finish_writer(writer)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    base_p95 = p95(trivial.times["trivial"])
    every = [t for times in load.times.values() for t in times]
    ratio = p95(every) / base_p95
    pages = ", ".join(
        f"{page} {p95(times) * 1000:.0f} ms ({len(times)})"
        for page, times in sorted(load.times.items())
    )
    errors = len(load.errors) + len(trivial.errors)
    print(
        f"P3 load, postgres, {args.people:,} people, {CLIENTS} clients × {SECONDS:.0f} s: "
        f"{len(every):,} requests ({len(every) / SECONDS:.1f}/s); p95 by page: {pages}; "
        f"trivial view p95 {base_p95 * 1000:.1f} ms ({len(trivial.times['trivial']):,} requests); "
        f"errors {errors} — ratio {ratio:.2f} (target ≤ 4.00, no error)"
        + (" [cold start: no list opened before]" if COLD else " [lists opened once before]")
        + f" [{writes} ratings changed during the mix]"
    )
    for line in (load.errors + trivial.errors)[:10]:
        print(f"  error: {line}")
