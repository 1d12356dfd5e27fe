"""Long work in the background: large imports and a province's candidate lists run as jobs;
their page shows the progress, then the result; a failed or stuck job can be started again."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.common.importing.files import xlsx_bytes
from tests.factories.orgs import RoleFactory
from tests.web.conftest import World, login
from vinhdanh.common.domain.jobs import run
from vinhdanh.common.models import AuditEvent, BackgroundJob, JobKind, JobStatus
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DUC = ["SNV-002", "Phạm Văn Đức", "Nam", "01/02/1990", "SNV-CC", "Chuyên viên", "01/03/2020"]


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def immediate(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def big(settings: Any) -> None:
    """Every upload counts as large, every unit as a province."""
    settings.IMPORT_INLINE_MAX_BYTES = 10
    settings.CANDIDATES_INLINE_MAX_PEOPLE = 0


def english(client: Client) -> Client:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def upload(client: Client, *rows: list[object]) -> Any:
    file = SimpleUploadedFile("people.xlsx", xlsx_bytes(HEADER, rows))
    return english(client).post(reverse("web:import_upload", args=["people"]), {"file": file})


def test_large_import_is_checked_in_the_background_then_imported_on_confirm(
    clerk_client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(clerk_client, DUC)
    check = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:job", args=[check.pk])
    assert check.kind == JobKind.IMPORT_CHECK
    assert check.status == JobStatus.DONE
    page = english(clerk_client).get(response["Location"]).content.decode()
    assert "1 row checked, no problem found." in page
    assert "Phạm Văn Đức" in page
    clerk_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = clerk_client.get(response["Location"]).content.decode()
    assert "<h1>Cá nhân: people.xlsx</h1>" in page  # the reader's language, not the asker's
    assert not Person.objects.filter(code="SNV-002").exists()  # a check writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk_client.post(reverse("web:job_confirm", args=[check.pk]))
    write = BackgroundJob.objects.exclude(pk=check.pk).get()
    assert response["Location"] == reverse("web:job", args=[write.pk])
    assert write.status == JobStatus.DONE
    assert write.result["written"]
    assert Person.objects.get(code="SNV-002").current_unit == world.division_a
    page = english(clerk_client).get(response["Location"]).content.decode()
    assert "Imported." in page
    events = AuditEvent.objects.filter(source="web:import", action="create")
    assert {e.user_id for e in events} == {world.clerk_a.pk}
    assert not list((Path(django_settings.MEDIA_ROOT) / "jobs").rglob("input.*"))  # file gone


def test_large_import_with_problems_lists_them_and_offers_no_confirm(
    clerk_client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    bad = ["SNV-003", "Vũ Thị Mai", "Nữ", "31/02/1990", "SNV-XX", "Chuyên viên", "01/03/2020"]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(clerk_client, bad)
    job = BackgroundJob.objects.get()
    page = english(clerk_client).get(response["Location"]).content.decode()
    assert "2 problems found: nothing was imported." in page
    assert "no unit has the code SNV-XX" in page
    assert reverse("web:job_confirm", args=[job.pk]) not in page
    assert clerk_client.post(reverse("web:job_confirm", args=[job.pk])).status_code == 404


def test_small_import_still_runs_inside_the_request(
    clerk_client: Client, world: World, immediate: None
) -> None:
    response = upload(clerk_client, DUC)
    assert response.status_code == 200
    assert "1 row checked, no problem found." in response.content.decode()
    assert not BackgroundJob.objects.exists()


def test_a_job_is_seen_only_by_the_user_who_asked(
    client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        upload(login(client, world.clerk_a), DUC)
    job = BackgroundJob.objects.get()
    other = RoleFactory(unit=world.unit_a, user__username="clerk_a2").user
    login(client, other)
    assert client.get(reverse("web:job", args=[job.pk])).status_code == 404
    assert client.post(reverse("web:job_confirm", args=[job.pk])).status_code == 404
    assert client.post(reverse("web:job_retry", args=[job.pk])).status_code == 404
    assert reverse("web:job", args=[job.pk]) not in client.get(reverse("web:jobs")).content.decode()
    assert not Person.objects.filter(code="SNV-002").exists()


def test_province_candidate_list_is_built_in_the_background_and_kept_for_download(
    client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    office = RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True).user
    login(client, office)
    url = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2024"
    start = english(client).get(url)
    assert start.status_code == 200
    assert "Prepare the .xlsx file" in start.content.decode()
    assert not BackgroundJob.objects.exists()  # a GET starts nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("web:job", args=[job.pk])
    assert job.status == JobStatus.DONE
    page = client.get(response["Location"]).content.decode()
    download = reverse("web:job_download", args=[job.pk])
    assert download in page
    file = client.get(download)
    assert file.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Nguyễn Thị Hồng" in names
    # Another office member of the same province does not get this user's file.
    login(client, RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True).user)
    assert client.get(download).status_code == 404


def test_polling_returns_the_progress_fragment_and_a_page_that_works_without_javascript(
    clerk_client: Client,
    world: World,
    settings: Any,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(clerk_client, DUC)
    job = BackgroundJob.objects.get()
    page = english(clerk_client).get(response["Location"]).content.decode()
    assert "<progress" in page
    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert f'href="{reverse("web:job", args=[job.pk])}"' in page  # a plain reload link
    assert "Try again" not in page
    fragment = english(clerk_client).get(response["Location"], headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith(f'<div id="job-{job.pk}"')


def test_a_stuck_job_can_be_started_again_and_the_old_attempt_writes_nothing(
    clerk_client: Client,
    world: World,
    settings: Any,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A worker killed in the middle leaves the job 'running' with no more signs of life."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        upload(clerk_client, DUC)
    check = BackgroundJob.objects.get()
    assert run(check.pk, check.attempt) == "done"
    with django_capture_on_commit_callbacks(execute=True):
        clerk_client.post(reverse("web:job_confirm", args=[check.pk]))
    write = BackgroundJob.objects.get(kind=JobKind.IMPORT_WRITE)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    BackgroundJob.objects.filter(pk=write.pk).update(status=JobStatus.RUNNING, updated_at=long_ago)
    page = english(clerk_client).get(reverse("web:job", args=[write.pk])).content.decode()
    assert "Try again" in page
    assert "Nothing is half-written" in page

    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        clerk_client.post(reverse("web:job_retry", args=[write.pk]))
    write.refresh_from_db()
    assert write.attempt == 2
    assert write.status == JobStatus.DONE
    assert Person.objects.filter(code="SNV-002").count() == 1
    # The first attempt, if its worker were still alive, finds itself superseded.
    assert run(write.pk, 1) == "superseded"
    assert Person.objects.filter(code="SNV-002").count() == 1


def test_a_failed_job_says_so_and_can_be_retried(
    client: Client, world: World, settings: Any, big: None, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    role = RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True)
    login(client, role.user)
    url = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2024"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    job = BackgroundJob.objects.get()
    role.is_emulation_office = False  # the right is withdrawn before the worker runs
    role.save()
    assert run(job.pk, job.attempt) == "failed"
    page = english(client).get(reverse("web:job", args=[job.pk])).content.decode()
    assert "unexpected error" in page
    assert "Try again" in page
    assert client.get(reverse("web:job_download", args=[job.pk])).status_code == 404
    role.is_emulation_office = True
    role.save()
    client.post(reverse("web:job_retry", args=[job.pk]))
    job.refresh_from_db()
    assert run(job.pk, job.attempt) == "done"
    file = client.get(reverse("web:job_download", args=[job.pk]))
    assert file.status_code == 200
    assert b"".join(file.streaming_content)  # read to the end: the test client closes it


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="db_worker closes its database connection between tasks, which on PostgreSQL ends "
    "this test's transaction; tests/common/test_worker_kill.py runs the real worker in its own "
    "process",
)
def test_the_database_backend_and_its_worker_run_a_large_import(
    client: Client, world: World, settings: Any, big: None, django_capture_on_commit_callbacks: Any
) -> None:
    """The real path: the request only queues; `vinhdanh db_worker --batch` does the work."""
    settings.TASKS = DATABASE
    login(client, world.clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, DUC)
    job = BackgroundJob.objects.get()
    assert job.status == JobStatus.QUEUED
    page = english(client).get(response["Location"]).content.decode()
    assert "Waiting for the background worker" in page
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    # (confirmed twice below: a double click follows the import already queued)
    assert job.status == JobStatus.DONE
    assert job.result["ok"]
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("web:job_confirm", args=[job.pk]))
        second = client.post(reverse("web:job_confirm", args=[job.pk]))
    assert first["Location"] == second["Location"]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert BackgroundJob.objects.get(kind=JobKind.IMPORT_WRITE).status == JobStatus.DONE
    assert Person.objects.filter(code="SNV-002").exists()


def test_asking_twice_for_the_same_list_follows_the_job_already_running(
    client: Client, world: World, settings: Any, big: None, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    login(client, RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True).user)
    url = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2024"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url)
    assert first["Location"] == second["Location"]
    assert BackgroundJob.objects.count() == 1
    other_year = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2023"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(other_year)
    assert BackgroundJob.objects.count() == 2


def test_prune_jobs_forgets_old_finished_jobs_and_their_files(
    client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    login(client, RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True).user)
    url = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2024"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    job = BackgroundJob.objects.get()
    folder = Path(django_settings.MEDIA_ROOT) / "jobs" / str(job.pk)
    assert any(folder.iterdir())
    running = BackgroundJob.objects.create(owner=job.owner, kind=JobKind.IMPORT_CHECK, title="x")
    call_command("prune_jobs", "--days", "7", stdout=io.StringIO())
    assert BackgroundJob.objects.count() == 2  # a fresh job stays
    BackgroundJob.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    out = io.StringIO()
    call_command("prune_jobs", "--days", "7", stdout=out)
    assert "1 background job(s) removed" in out.getvalue()
    assert list(BackgroundJob.objects.all()) == [running]  # unfinished: may still be retried
    assert not folder.exists()


def test_the_background_candidate_file_carries_each_units_quota(
    client: Client,
    world: World,
    immediate: None,
    big: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="100%", unit=None, valid_from=dt.date(2020, 1, 1)
    )
    office = RoleFactory(unit=world.province, is_clerk=False, is_emulation_office=True).user
    login(client, office)
    url = reverse("web:unit_candidates_xlsx", args=[world.province.pk]) + "?year=2024"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    job = BackgroundJob.objects.get()
    file = client.get(reverse("web:job_download", args=[job.pk]))
    book = load_workbook(io.BytesIO(b"".join(file.streaming_content)))
    rows = list(book["Trong tỷ lệ"].iter_rows(min_row=2, values_only=True))
    # Hồng is eligible for LĐTT and holds CSTĐCS 2024: 1 allowed, 1 awarded, none left, not
    # over (the sheet's columns are the pages': remaining never below 0, then over by)
    assert rows == [
        ("Sở Nội vụ", "100%", 1, 1, 1, 0, 0, 0),
        ("Sở Tài chính", "100%", 0, 0, 0, 0, 0, 0),
    ]
