"""Rounds and dossiers: who opens them, what a nomination may contain, attachments."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from tests.factories.awards import kind
from tests.nominations.world import S, World, force_state
from vinhdanh.common.files import sniff
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import (
    add_attachment,
    create_nomination,
    create_round,
    remove_attachment,
    update_nomination,
)
from vinhdanh.nominations.enums import AttachmentKind, Outcome

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_file(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_content_sniffing_knows_the_accepted_types() -> None:
    assert sniff(io.BytesIO(PDF)) == "pdf"
    assert sniff(io.BytesIO(PNG)) == "png"
    assert sniff(io.BytesIO(JPG)) == "jpg"
    assert sniff(io.BytesIO(office_file("word/document.xml"))) == "docx"
    assert sniff(io.BytesIO(office_file("xl/workbook.xml"))) == "xlsx"
    assert sniff(io.BytesIO(office_file("other.xml"))) is None
    assert sniff(io.BytesIO(b"MZ\x90\x00 an executable")) is None
    assert sniff(io.BytesIO(b"<html><script>alert(1)</script>")) is None


def test_attachment_is_stored_outside_the_web_root_with_its_checked_type(
    world: World, settings
) -> None:
    nomination = world.nominate()
    attachment = add_attachment(
        actor=world.clerk,
        nomination=nomination,
        upload=upload("Báo cáo thành tích.docx", office_file("word/document.xml"), "text/plain"),
        kind=AttachmentKind.ACHIEVEMENT_REPORT,
    )
    assert attachment.content_type.endswith("wordprocessingml.document")  # not the browser's
    assert attachment.original_name == "Báo cáo thành tích.docx"
    assert attachment.file.name.startswith("nominations/")
    assert "Báo cáo" not in attachment.file.name  # a random stored name
    assert attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert len(attachment.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.exe", b"MZ\x90\x00\x03"),
        ("photo.png", PDF),  # a PDF dressed as an image
        ("sheet.xlsx", office_file("word/document.xml")),
    ],
)
def test_wrong_content_type_is_rejected(world: World, name: str, content: bytes) -> None:
    nomination = world.nominate()
    with pytest.raises(WorkflowError):
        add_attachment(actor=world.clerk, nomination=nomination, upload=upload(name, content))
    assert not nomination.attachments.exists()


def test_attachment_size_is_limited(world: World, settings) -> None:
    settings.VINHDANH_ATTACHMENT_MAX_BYTES = 1024
    nomination = world.nominate()
    with pytest.raises(WorkflowError):
        add_attachment(
            actor=world.clerk, nomination=nomination, upload=upload("big.pdf", PDF + b"0" * 2000)
        )


def test_attachments_change_only_while_the_dossier_is_with_the_clerk(world: World) -> None:
    nomination = world.nominate()
    attachment = add_attachment(
        actor=world.clerk, nomination=nomination, upload=upload("minh-chung.pdf", PDF)
    )
    with pytest.raises(NotPermitted):
        add_attachment(actor=world.clerk_b, nomination=nomination, upload=upload("x.pdf", PDF))
    force_state(nomination, S.SUBMITTED)
    with pytest.raises(WorkflowError):
        add_attachment(actor=world.clerk, nomination=nomination, upload=upload("y.pdf", PDF))
    with pytest.raises(WorkflowError):
        remove_attachment(actor=world.clerk, attachment=attachment)
    force_state(nomination, S.RETURNED)
    remove_attachment(actor=world.clerk, attachment=attachment)
    assert not nomination.attachments.exists()


def test_round_is_decided_by_the_unit_itself_or_one_above(world: World) -> None:
    with pytest.raises(WorkflowError):
        create_round(
            actor=world.clerk,
            name="Sai cấp",
            owning_unit=world.dept,
            decider_unit=world.dept_b,
            year=2024,
        )
    with pytest.raises(NotPermitted):
        create_round(
            actor=world.clerk_b,
            name="Không phải đơn vị mình",
            owning_unit=world.dept,
            decider_unit=world.province,
            year=2024,
        )
    own = create_round(
        actor=world.head,
        name="LĐTT năm 2024 — Sở Tư pháp",
        owning_unit=world.dept,
        decider_unit=world.dept,
        decider_role="giam_doc_so",
        year=2024,
    )
    assert own.decider_unit == world.dept


def test_nominee_must_belong_to_the_nominating_unit(world: World) -> None:
    outsider = world.person(unit=world.dept_b)
    with pytest.raises(WorkflowError) as error:
        world.nominate(person=outsider)
    assert "Sở Tư pháp" in str(error.value)


def test_kind_must_suit_the_subject(world: World) -> None:
    with pytest.raises(WorkflowError):
        create_nomination(
            actor=world.clerk, round=world.round, kind=kind("TTLDTT"), person=world.person()
        )
    with pytest.raises(WorkflowError):
        create_nomination(actor=world.clerk, round=world.round, kind=kind("LDTT"), unit=world.dept)
    collective = create_nomination(
        actor=world.clerk, round=world.round, kind=kind("TTLDTT"), unit=world.dept
    )
    assert collective.subject == world.dept


def test_no_two_live_nominations_of_a_subject_for_one_kind(world: World) -> None:
    person = world.person()
    first = world.nominate(person=person)
    with pytest.raises(WorkflowError) as error:
        world.nominate(person=person)
    assert person.full_name in str(error.value)
    force_state(first, S.WITHDRAWN)
    assert world.nominate(person=person).state == S.DRAFT


def test_editing_runs_the_engine_again(world: World) -> None:
    nomination = world.nominate()
    with pytest.raises(NotPermitted):
        update_nomination(actor=world.office, nomination=nomination, achievement_summary="x")
    update_nomination(actor=world.clerk, nomination=nomination, period=2023)
    assert nomination.period == 2023
    assert nomination.eligibility_outcome != Outcome.ELIGIBLE  # no rating for 2023
    force_state(nomination, S.SUBMITTED)
    with pytest.raises(WorkflowError) as error:
        update_nomination(actor=world.clerk, nomination=nomination, achievement_summary="y")
    assert str(error.value) == _(
        "Only a draft or a returned nomination can be changed; this one is “%(state)s”."
    ) % {"state": S.SUBMITTED.label}


def test_registrations_are_shown_at_the_nomination_step(world: World) -> None:
    import datetime as dt

    from vinhdanh.movements.domain.movements import launch_movement, register
    from vinhdanh.nominations.domain.queries.nominations import registration_marks

    movement = launch_movement(
        actor=world.office,
        launched_by=world.province,
        name="Phong trào thi đua năm 2024",
        kind="regular",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 12, 31),
    )
    registered = world.person()
    register(
        actor=world.clerk,
        movement=movement,
        registering_unit=world.dept,
        person=registered,
        target_kinds=[kind("LDTT"), kind("CSTDCS")],
        registered_on=dt.date(2024, 1, 20),
    )
    a = world.nominate(person=registered)
    b = world.nominate()
    marks = registration_marks([a, b])
    assert marks[a.pk].registered
    assert not marks[b.pk].registered
    assert not marks[b.pk].any_registration


def test_multi_level_round_is_seen_by_its_levels_only(world: World) -> None:
    from vinhdanh.nominations.domain.queries.nominations import visible_nominations, visible_rounds

    nomination = world.nominate()
    for user in (world.clerk, world.head, world.office, world.council, world.decider):
        assert list(visible_nominations(user)) == [nomination], user
        assert list(visible_rounds(user)) == [world.round]
    for user in (world.clerk_b, world.outsider):
        assert not visible_nominations(user).exists()
        assert not visible_rounds(user).exists()
