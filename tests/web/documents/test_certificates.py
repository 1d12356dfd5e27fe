"""Certificates on the web: from the decision (whole), the person's page (one), on the office's
blanks; scoped like the decision; large batches in the background with the file kept."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.documents.test_certificates import MM, images, make_decision, page_texts, words
from tests.nominations.world import World
from tests.web.conftest import login
from vinhdanh.awards.models import Award
from vinhdanh.common.models import AuditEvent, BackgroundJob, JobStatus
from vinhdanh.documents.models import CertificateBlank

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pdf_file(tmp_path: Path, content: bytes, name: str = "web.pdf") -> Path:
    assert content.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(content)
    return path


def text_of(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def test_the_decision_page_offers_every_certificate_in_one_file(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    login(client, world.office)
    page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    url = reverse("web:certificates_decision", args=[decision.pk])
    assert url in page
    assert "Giấy chứng nhận, bằng khen, giấy khen (PDF)" in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="giay-chung-nhan-125-qd-ubnd-2025.pdf"' in response["Content-Disposition"]
    path = pdf_file(tmp_path, response.content)
    assert len(page_texts(path)) == 5
    text = text_of(path)
    for person in people:
        assert person.full_name in text


def test_a_clerk_prints_only_the_certificates_of_their_own_units(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    login(client, world.clerk_b)  # Sở Y tế: its collective award only
    response = client.get(reverse("web:certificates_decision", args=[decision.pk]))
    assert response.status_code == 200
    text = text_of(pdf_file(tmp_path, response.content))
    assert "Sở Y tế" in text
    for person in people:
        assert person.full_name not in text
    award = Award.objects.get(decision=decision, person=people[0])
    assert client.get(reverse("web:certificate", args=[award.pk])).status_code == 404


def test_someone_outside_sees_no_certificate(client: Client, world: World) -> None:
    decision, people = make_decision(world)
    award = Award.objects.get(decision=decision, person=people[0])
    login(client, world.outsider)
    assert client.get(reverse("web:certificates_decision", args=[decision.pk])).status_code == 404
    assert client.get(reverse("web:certificate", args=[award.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("web:certificate", args=[award.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_person_page_offers_their_certificate(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    award = Award.objects.get(decision=decision, person=people[2])
    login(client, world.clerk)
    page = client.get(reverse("web:person", args=[people[2].pk])).content.decode()
    url = reverse("web:certificate", args=[award.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    path = pdf_file(tmp_path, response.content)
    assert len(page_texts(path)) == 1
    assert people[2].full_name in text_of(path)
    assert "CHIẾN SĨ THI ĐUA CƠ SỞ" in text_of(path)


def test_a_draft_decision_is_previewed(client: Client, world: World, tmp_path: Path) -> None:
    decision, _people = make_decision(world, status="draft", number=None)
    login(client, world.office)
    page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert "Xem trước giấy chứng nhận (PDF)" in page
    response = client.get(reverse("web:certificates_decision", args=[decision.pk]))
    assert "DỰ THẢO" in text_of(pdf_file(tmp_path, response.content))


def test_a_large_preview_runs_in_the_background_and_is_kept(
    client: Client,
    world: World,
    tmp_path: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A draft's certificates are rendered live; a large batch of them by the worker (an
    issued decision's come from the file kept at issue: tests/documents/test_kept_…)."""
    settings.TASKS = IMMEDIATE
    settings.VINHDANH_CERTIFICATES_IN_BACKGROUND = 2
    decision, people = make_decision(world, status="draft", number=None)
    login(client, world.office)
    url = reverse("web:certificates_decision", args=[decision.pk])
    start = client.get(url)
    assert start.status_code == 200
    assert "Chuẩn bị tệp PDF" in start.content.decode()
    assert not BackgroundJob.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    page = client.get(reverse("web:job", args=[job.pk])).content.decode()
    assert "5 giấy chứng nhận trong tệp" in page
    download = client.get(reverse("web:job_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    path = pdf_file(tmp_path, b"".join(download.streaming_content))
    assert len(page_texts(path)) == 5
    for person in people:
        assert person.full_name in text_of(path)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (594, 420), (250, 240, 200)).save(out, format="PNG")
    return out.getvalue()


def _positions(**changed: str) -> dict[str, str]:
    from vinhdanh.documents.domain.blanks import FIELDS

    data: dict[str, str] = {}
    for key, _label, x, y, size, bold, printed in FIELDS:
        data[f"{key}_x"], data[f"{key}_y"], data[f"{key}_size"] = str(x), str(y), str(size)
        if bold:
            data[f"{key}_bold"] = "on"
        if printed:
            data[f"{key}_printed"] = "on"
    data.update(changed)
    return data


def test_positions_outside_the_sheet_are_refused_in_vietnamese(
    client: Client, world: World
) -> None:
    login(client, world.office)
    url = reverse("web:certificate_blank", args=[world.province.pk, "GIAY_KHEN"])
    assert client.get(url).status_code == 200
    response = client.post(url, _positions(recipient_x="320", recipient_y="abc", form_size="2"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "khoảng cách từ mép trái phải từ 0 đến 297 mm" in page
    assert "Hãy nhập một số" in page
    assert "cỡ chữ phải từ 6 đến 72 pt" in page
    assert not CertificateBlank.objects.exists()


def test_the_office_sets_its_blank_previews_it_and_prints_only_the_text(
    client: Client, world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    login(client, world.office)
    url = reverse("web:certificate_blank", args=[world.province.pk, "BK_BT"])
    data: dict[str, Any] = _positions(recipient_x="42,5", recipient_y="95")
    data["scan"] = SimpleUploadedFile("phoi.png", _png(), content_type="image/png")
    response = client.post(url, data)
    assert response.status_code == 302
    blank = CertificateBlank.objects.get(unit=world.province, kind__code="BK_BT")
    assert blank.positions["recipient"]["x"] == 42.5
    assert AuditEvent.objects.filter(object_type="documents.certificateblank").exists()
    preview = reverse("web:certificate_blank_preview", args=[world.province.pk, "BK_BT"])
    over_scan = pdf_file(tmp_path, client.get(preview).content, "preview.pdf")
    assert len(images(over_scan)) == 1
    text_only = pdf_file(tmp_path, client.get(preview + "?text=1").content, "text.pdf")
    assert images(text_only) == []
    # The decision printed on the blanks: the Bằng khen's recipient where the office set it.
    award = Award.objects.get(decision=decision, person=people[0])
    response = client.get(reverse("web:certificate", args=[award.pk]) + "?blank=1")
    path = pdf_file(tmp_path, response.content, "on-blank.pdf")
    assert images(path) == []
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text_of(path)
    first = people[0].full_name.split()[0]
    x = next(x for word, x, _y in words(path) if word == first)
    assert abs(x - 42.5 * MM) < 1.5


def test_only_the_office_edits_the_blanks(client: Client, world: World) -> None:
    login(client, world.clerk)
    url = reverse("web:certificate_blank", args=[world.province.pk, "GIAY_KHEN"])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, _positions()).status_code in (403, 404)
    assert not CertificateBlank.objects.exists()
    login(client, world.office)
    page = client.get(reverse("web:certificate_blanks", args=[world.province.pk]))
    assert page.status_code == 200
    assert "Giấy khen" in page.content.decode()
    assert "Cờ thi đua" not in page.content.decode()


def test_a_small_batch_is_only_downloaded_and_the_blank_form_takes_no_other_method(
    client: Client, world: World
) -> None:
    decision, _people = make_decision(world)
    login(client, world.office)
    certificates = reverse("web:certificates_decision", args=[decision.pk])
    for method in (client.post, client.put, client.delete):
        assert method(certificates).status_code == 405
    assert not BackgroundJob.objects.exists()
    blank = reverse("web:certificate_blank", args=[world.province.pk, "BK_BT"])
    assert client.put(blank).status_code == 405
    assert client.delete(blank).status_code == 405
    assert not CertificateBlank.objects.exists()


def test_the_blank_form_shows_positions_as_a_vietnamese_clerk_writes_them(
    client: Client, world: World
) -> None:
    login(client, world.office)
    url = reverse("web:certificate_blank", args=[world.province.pk, "BK_BT"])
    page = client.get(url).content.decode()
    assert 'name="authority_x" value="60"' in page
    assert "60.0" not in page
    client.post(url, _positions(recipient_x="42,5"))
    page = client.get(url).content.decode()
    assert 'name="recipient_x" value="42,5"' in page


def test_the_person_page_names_the_paper_by_its_form_and_the_file_pads_the_number(
    client: Client, world: World
) -> None:
    decision, people = make_decision(world, number=8)
    login(client, world.office)
    labels = {}
    for person in people[:3]:  # Bằng khen, Giấy khen, an emulation title
        page = client.get(reverse("web:person", args=[person.pk])).content.decode()
        labels[person.pk] = [
            label
            for label in ("Bằng khen (PDF)", "Giấy khen (PDF)", "Giấy chứng nhận (PDF)")
            if label in page
        ]
    assert list(labels.values()) == [
        ["Bằng khen (PDF)"],
        ["Giấy khen (PDF)"],
        ["Giấy chứng nhận (PDF)"],
    ]
    award = Award.objects.get(decision=decision, person=people[0])
    response = client.get(reverse("web:certificate", args=[award.pk]))
    # as the decision prints "08/QĐ-UBND" and submissions are named "to-trinh-01-…"
    assert 'filename="giay-chung-nhan-08-qd-ubnd-2025-' in response["Content-Disposition"]
