"""An issued decision's certificates are kept exactly as issued: made once after the issue
(by the worker, with progress, when there are many), then every download — the whole file, one
recipient's page, the text on the pre-printed blanks — comes from the kept file, whatever
changes later: the office's settings, the signer, a person's name, a revocation."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.documents.issuing import issue
from tests.documents.test_certificates import make_decision, page_texts, poppler, write
from tests.factories.awards import DecisionFactory
from tests.nominations.world import World, build_world
from tests.web.conftest import login
from vinhdanh.awards.models import Award, Decision
from vinhdanh.common.domain.jobs import run
from vinhdanh.common.models import BackgroundJob, JobKind, JobStatus
from vinhdanh.documents.interfaces.issued_certificates import (
    ensure_kept,
    keep_certificates,
    kept_bytes,
)
from vinhdanh.documents.models import IssuedCertificates, IssuedDocumentError, OfficeSettings
from vinhdanh.people.models import Person


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _download(client: Client, name: str, *args: int, blank: bool = False) -> bytes:
    response = client.get(reverse(name, args=args) + ("?blank=1" if blank else ""))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return bytes(response.content)


def _kept_decision(world: World) -> tuple[Decision, list[Person], IssuedCertificates, bytes]:
    """The test decision of five certificates, kept as a decision issued earlier is."""
    decision, people = make_decision(world)
    kept = keep_certificates(decision)
    assert kept is not None
    return decision, people, kept, kept_bytes(kept)


def _change_everything(world: World, person: Person) -> None:
    """What an office changes after issuing: its settings, its signer, and a person's name."""
    OfficeSettings.objects.update_or_create(
        unit=world.province,
        defaults={
            "issuing_body": "Ủy ban nhân dân tỉnh Quảng Trị",
            "authority_line": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Trị",
            "place": "Đông Hà",
            "signer_name": "Lê Văn Khác",
            "signer_title": "Phó Chủ tịch",
        },
    )
    Person.objects.filter(pk=person.pk).update(given_name="Đổi", middle_name="Tên")


def test_issuing_keeps_the_certificates_and_nothing_later_changes_them(
    client: Client, world: World, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue(world, number=125)
    kept = IssuedCertificates.objects.get(decision=decision)
    award = Award.objects.get(decision=decision)
    person = award.person
    assert person is not None
    name = person.full_name
    issued = kept_bytes(kept)
    assert kept.size == len(issued)
    assert [p["award"] for p in kept.pages] == [award.pk]
    assert kept.pages[0]["fields"]["recipient"] == name

    _change_everything(world, person)
    login(client, world.office)
    whole = _download(client, "web:certificates_decision", decision.pk)
    assert whole == issued  # byte for byte
    assert hashlib.sha256(whole).hexdigest() == kept.sha256
    one = _download(client, "web:certificate", award.pk)
    lines = {line.strip() for line in poppler("pdftotext", write(tmp_path, one)).splitlines()}
    assert name in lines  # the name as issued, exactly
    assert "Đổi" not in " ".join(lines)
    assert "Lê Văn Khác" not in " ".join(lines)
    # On the pre-printed blanks too: the text as issued, at the office's positions.
    on_blank = _download(client, "web:certificate", award.pk, blank=True)
    text = poppler("pdftotext", write(tmp_path, on_blank, "blank.pdf"))
    assert name in text
    assert "Trần Văn Bình" in text
    assert "Lê Văn Khác" not in text

    with pytest.raises(IssuedDocumentError):
        kept.save()
    with pytest.raises(IssuedDocumentError):
        kept.delete()


def test_each_recipient_gets_their_own_page_of_the_kept_file(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people, kept, issued = _kept_decision(world)
    assert len(kept.pages) == 5
    whole = page_texts(write(tmp_path, issued, "whole.pdf"))
    login(client, world.office)
    for index, page in enumerate(kept.pages):
        award = Award.objects.select_related("person", "unit").get(pk=page["award"])
        one = _download(client, "web:certificate", award.pk)
        texts = page_texts(write(tmp_path, one, f"{index}.pdf"))
        assert texts == [whole[index]]
        subject = award.person.full_name if award.person else str(award.unit)
        assert subject in {line.strip() for line in texts[0].splitlines()}
    # A clerk of one department gets only its pages, cut from the same file.
    login(client, world.clerk_b)
    theirs = page_texts(
        write(tmp_path, _download(client, "web:certificates_decision", decision.pk), "b.pdf")
    )
    collective = [i for i, p in enumerate(kept.pages) if p["fields"]["is_person"] is False]
    assert theirs == [whole[i] for i in collective]
    for person in people:
        assert person.full_name not in "".join(theirs)


def test_a_revocation_leaves_the_kept_file_as_issued(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people, _kept, issued = _kept_decision(world)
    award = Award.objects.get(decision=decision, person=people[0])
    revoking = DecisionFactory(issuing_unit=world.province, number=130, kind="revocation")
    Award.objects.filter(pk=award.pk).update(revoked_by=revoking)
    login(client, world.office)
    # The whole file is the record of what was handed out: unchanged, the revoked page in it.
    assert _download(client, "web:certificates_decision", decision.pk) == issued
    page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert "được giữ nguyên như khi ban hành" in page
    # It is no longer printed on its own, nor on the blanks.
    assert client.get(reverse("web:certificate", args=[award.pk])).status_code == 404
    blank = _download(client, "web:certificates_decision", decision.pk, blank=True)
    text = poppler("pdftotext", write(tmp_path, blank))
    assert people[0].full_name not in text
    assert people[1].full_name in text
    assert kept_bytes(IssuedCertificates.objects.get(decision=decision)) == issued


def test_a_large_decision_is_kept_by_the_worker_with_progress(
    client: Client, world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.VINHDANH_CERTIFICATES_IN_BACKGROUND = 2
    decision, _people = make_decision(world)
    login(client, world.office)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.get(reverse("web:certificates_decision", args=[decision.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:decision", args=[decision.pk])
    job = BackgroundJob.objects.get(kind=JobKind.CERTIFICATES_KEEP)
    assert job.owner == world.office
    assert job.param("decision") == decision.pk
    page = client.get(response["Location"]).content.decode()
    assert "đang được chuẩn bị đúng như khi ban hành" in page
    assert reverse("web:certificates_decision", args=[decision.pk]) not in page
    # A second ask while it is being prepared starts nothing more.
    client.get(reverse("web:certificates_decision", args=[decision.pk]))
    assert BackgroundJob.objects.filter(kind=JobKind.CERTIFICATES_KEEP).count() == 1
    assert not IssuedCertificates.objects.exists()

    assert run(job.pk, job.attempt) == "done"  # the worker's side
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.stage, job.done, job.total) == ("keep", 5, 5)
    assert job.result == {"rows": 5}
    kept = IssuedCertificates.objects.get(decision=decision)
    assert len(kept.pages) == 5
    page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert reverse("web:certificates_decision", args=[decision.pk]) in page
    assert _download(client, "web:certificates_decision", decision.pk) == kept_bytes(kept)
    status = client.get(reverse("web:job", args=[job.pk])).content.decode()
    assert "5 giấy chứng nhận được lưu đúng như khi ban hành" in status


def test_keeping_is_refused_in_vietnamese_and_drafts_are_never_kept(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, _people = make_decision(world, signer_name="")
    login(client, world.office)
    response = client.get(reverse("web:certificates_decision", args=[decision.pk]), follow=True)
    assert "họ tên người ký" in response.content.decode()
    assert not IssuedCertificates.objects.exists()
    draft, _people = make_decision(world, status="draft", number=None)
    assert ensure_kept(draft, world.office).kept is None
    preview = _download(client, "web:certificates_decision", draft.pk)
    assert "DỰ THẢO" in poppler("pdftotext", write(tmp_path, preview))
    assert not IssuedCertificates.objects.exists()


def test_the_backfill_keeps_earlier_decisions_once(world: World) -> None:
    decision, _people = make_decision(world)
    medals_only = DecisionFactory(issuing_unit=world.province, number=140)
    assert medals_only.pk
    out = io.StringIO()
    call_command("documents", "keep-certificates", stdout=out)
    assert "certificates kept: 1 decisions, 5 pages" in out.getvalue()
    kept = IssuedCertificates.objects.get(decision=decision)
    first = (kept.sha256, kept.file.name)
    out = io.StringIO()
    call_command("documents", "keep-certificates", stdout=out)
    assert "certificates kept: 0 decisions, 0 pages" in out.getvalue()
    kept = IssuedCertificates.objects.get(decision=decision)
    assert (kept.sha256, kept.file.name) == first
    assert IssuedCertificates.objects.count() == 1


def test_a_large_print_on_blanks_uses_the_text_as_issued(
    client: Client,
    world: World,
    tmp_path: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.VINHDANH_CERTIFICATES_IN_BACKGROUND = 2
    decision, people, _kept, _issued = _kept_decision(world)
    name = people[0].full_name
    _change_everything(world, people[0])
    login(client, world.office)
    url = reverse("web:certificates_decision", args=[decision.pk]) + "?blank=1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = BackgroundJob.objects.get(kind=JobKind.CERTIFICATES_PDF)
    assert response["Location"] == reverse("web:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    download = client.get(reverse("web:job_download", args=[job.pk]))
    text = poppler("pdftotext", write(tmp_path, b"".join(download.streaming_content)))
    assert name in text
    assert "Lê Văn Khác" not in text
