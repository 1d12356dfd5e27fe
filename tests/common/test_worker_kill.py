"""Killing the worker in the middle of an import loses nothing, and the job runs again.

A real worker (`vinhdanh db_worker`) in its own process, on a database file of its own, is
killed with SIGKILL while it writes; then the job is started again and completes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = 12000

SETUP = f"""
from django.db import transaction
from tests.common.importing.files import csv_bytes
from tests.factories.orgs import RoleFactory, UnitFactory
from vinhdanh.common.domain.jobs import job_dir, start_job
from vinhdanh.common.models import JobKind
unit = UnitFactory(code="SNV", name="Sở Nội vụ")
clerk = RoleFactory(unit=unit).user
header = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]
rows = [[f"K{{i:05d}}", "Nguyễn Văn An", "Nam", "02/03/1980", "SNV", "Chuyên viên", "01/01/2015"]
        for i in range({ROWS})]
with transaction.atomic():
    job = start_job(owner=clerk, kind=JobKind.IMPORT_WRITE, title="kill test",
                    params={{"kind": "people", "format": "csv", "name": "people.csv"}})
    path = job_dir(job) / "input.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(csv_bytes(header, rows))
    job.params = {{**job.params, "source": f"jobs/{{job.pk}}/input.csv"}}
    job.save()
"""

RETRY = """
import datetime as dt
from django.utils import timezone
from vinhdanh.common.domain.jobs import retry_job
from vinhdanh.common.models import BackgroundJob
BackgroundJob.objects.update(updated_at=timezone.now() - dt.timedelta(hours=1))
retry_job(BackgroundJob.objects.get())
"""


def start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "vinhdanh", "db_worker", "--no-reload", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vinhdanh", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db, timeout=20) as conn:
        return conn.execute(sql).fetchall()


def test_a_worker_killed_while_writing_leaves_nothing_and_the_retry_imports_everything(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kill.sqlite3"
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        VINHDANH_HOME=str(tmp_path),
        VINHDANH_DATABASE_URL=f"sqlite:///{db}",
        VINHDANH_MEDIA_ROOT=str(tmp_path / "media"),
        PYTHONPATH=f"{ROOT}:{ROOT / 'src'}",
    )
    run(env, "migrate", "--noinput", "-v", "0")
    run(env, "shell", "-c", SETUP)

    worker = start_worker(env)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            rows = query(db, "SELECT status, stage FROM common_backgroundjob")
            if rows == [("running", "write")]:
                break
            assert rows[0][0] in ("queued", "running"), rows
            time.sleep(0.02)
        else:
            pytest.fail("the worker never reached the write")
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait()

    assert query(db, "SELECT COUNT(*) FROM people_person") == [(0,)]
    assert query(db, "SELECT COUNT(*) FROM people_post") == [(0,)]
    assert query(db, "SELECT status FROM common_backgroundjob") == [("running",)]
    assert (tmp_path / "media" / "jobs").exists()  # the uploaded file is still there

    run(env, "shell", "-c", RETRY)
    run(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0")
    assert query(db, "SELECT status, attempt FROM common_backgroundjob") == [("done", 2)]
    assert query(db, "SELECT COUNT(*) FROM people_person") == [(ROWS,)]
