"""Write permissions for every view: each role sends a real, valid write to every state-changing
URL of the web app and the API, and gets exactly the answer its role must get (issue 13, point 15).

The URLs come from the resolver (the permission matrix's enumeration). Every route is either
in WRITES (a valid payload) and EXPECT (the answer of each role), or proven read-only: every
write method by the superuser answers 405 (403 from the API's read-only views) and changes
nothing. A new route that takes writes and has no entry fails
`test_every_write_route_is_in_the_matrix`.

An answer is written "<status>[ <url name>][ +]": the status, for a redirect the page it goes
to ("login" for the login page), and "+" when the write changed something (a new audit event,
or the `state` of the entry; no "+" means nothing changed). Each role writes in a savepoint
rolled back afterwards, so every role meets the same world. `WRITE_MATRIX_DUMP=1 pytest -s`
prints the answers seen, to review when adding an entry.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from rest_framework.test import APIClient

from tests.api.world import ROLES, World, build_world
from tests.factories.people import PostFactory
from tests.test_permission_matrix import (
    PUBLIC,
    Route,
    UnknownRoute,
    add_workflow,
    all_routes,
    body_text,
    variants,
)
from vinhdanh.awards.models import Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.councils.enums import CouncilRole
from vinhdanh.councils.models import CouncilMember
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination

WRITE_METHODS = ("post", "put", "patch", "delete")
PDF = b"%PDF-1.4\n% Vinh Danh\n%%EOF\n"
TODAY = dt.date.today().isoformat()


@dataclass(frozen=True)
class Write:
    """A valid write to a route, and the answer each role gets: {role: "<status>[ page][ +]"}."""

    data: Callable[[World], dict[str, Any]]
    method: str = "post"
    setup: Callable[[World], None] | None = None  # the state the write needs
    files: Callable[[], dict[str, Any]] = field(default=dict)
    # what the write changes when that is not an audited record (a message read, a job re-run)
    state: Callable[[World], Any] | None = None
    # the address, when it comes from an earlier step of a role (clerk A's upload token)
    address: Callable[[World, dict[str, Any]], str] | None = None
    # settings the write needs (a large batch of certificates is started by a POST)
    settings: dict[str, Any] = field(default_factory=dict)


def _pdf(name: str = "file") -> Callable[[], dict[str, Any]]:
    return lambda: {name: SimpleUploadedFile("tai-lieu.pdf", PDF, "application/pdf")}


# --- the state some writes need ---------------------------------------------------------------


def _proposed(world: World) -> None:
    """A nomination of a province staff member, proposed to the province's decider."""
    person = PostFactory(unit=world.province).person
    round_ = world.extra["round_a"]
    round_.decider_role = "chu_tich_ubnd_tinh"
    round_.save()
    world.extra["proposed"] = Nomination.objects.create(
        round=round_,
        person=person,
        kind=_kind("BK_BT"),
        period=2024,
        state=NominationState.PROPOSED,
        eligibility_outcome="ELIGIBLE",
    )


def _kind(code: str) -> Any:
    from vinhdanh.awards.models import AwardKind

    return AwardKind.objects.get(code=code)


def _draft(world: World) -> None:
    nomination = world.extra["nomination_a"]
    Nomination.objects.filter(pk=nomination.pk).update(state=NominationState.DRAFT)
    nomination.refresh_from_db()


ISSUE_HEADER = {
    "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
    "symbol": "QĐ-UBND",
    "signed_on": "2025-05-20",
    "signer_name": "Trần Văn Bình",
    "signer_title": "Chủ tịch",
    "decider_role": "chu_tich_ubnd_tinh",
    "subject": "Về việc tặng Bằng khen",
    "legal_bases": "Luật Thi đua, khen thưởng 2022",
}

# --- the matrix ---------------------------------------------------------------------------------

WRITES: dict[str, Write] = {}


def _appraised_second(world: World) -> Nomination:
    """An appraised nomination in a round unit A decides itself, before unit A's council."""
    from vinhdanh.nominations.models import Round

    round_ = Round.objects.create(
        name="Đợt xét cấp Sở Khoa học Alpha",
        owning_unit=world.unit_a,
        decider_unit=world.unit_a,
        year=2024,
    )
    world.extra["session_a"].rounds.add(round_)
    nomination = Nomination.objects.create(
        round=round_,
        person=world.person_sub_a,
        kind=_kind("CSTDCS"),
        period=2024,
        state=NominationState.APPRAISED,
        eligibility_outcome="ELIGIBLE",
    )
    world.extra["appraised"] = nomination
    return nomination


def _on_agenda(world: World) -> None:
    from vinhdanh.councils.domain.sessions import add_to_agenda

    add_to_agenda(
        session=world.extra["session_a"],
        nominations=[_appraised_second(world)],
        actor=world.users["office"],
    )


def _attending(world: World) -> None:
    from vinhdanh.councils.domain.sessions import set_attendance

    _on_agenda(world)
    member = CouncilMember.objects.get(council=world.extra["council_a"])
    set_attendance(session=world.extra["session_a"], present=[member], actor=world.users["office"])


def _with_absent_member(world: World) -> None:
    """Clerk A is the council's secretary; two more members, one of them absent."""
    from tests.factories.orgs import UserFactory

    council = world.extra["council_a"]
    CouncilMember.objects.filter(council=council).update(role=CouncilRole.SECRETARY)
    present = CouncilMember.objects.create(council=council, user=UserFactory())
    world.extra["absent"] = CouncilMember.objects.create(council=council, user=UserFactory())
    _on_agenda(world)
    from vinhdanh.councils.domain.sessions import open_session, set_attendance

    member = CouncilMember.objects.get(council=council, user=world.users["clerk_a"])
    session = world.extra["session_a"]
    set_attendance(session=session, present=[member, present], actor=world.users["office"])
    open_session(session=session, actor=world.users["office"])


def _open(world: World) -> None:
    from vinhdanh.councils.domain.sessions import open_session

    _attending(world)
    open_session(session=world.extra["session_a"], actor=world.users["office"])


def _open_by_hands(world: World) -> None:
    from vinhdanh.councils.enums import VotingMethod

    session = world.extra["session_a"]
    session.method = VotingMethod.SHOW_OF_HANDS
    session.save()
    _open(world)


def _member(world: World) -> int:
    return int(CouncilMember.objects.get(council=world.extra["council_a"]).pk)


def _failed_job(world: World) -> None:
    from vinhdanh.common.models import BackgroundJob, JobStatus

    BackgroundJob.objects.filter(pk=world.extra["job_a"].pk).update(status=JobStatus.FAILED)


def _checked_import(world: World) -> None:
    """Clerk A's ratings file, checked in the background without a problem."""
    from django.conf import settings

    from tests.common.importing.files import csv_bytes
    from vinhdanh.common.models import BackgroundJob, JobKind, JobStatus

    job = world.extra["job_a"]
    folder = settings.MEDIA_ROOT / "jobs" / str(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "input.csv"
    source.write_bytes(csv_bytes(["Mã cán bộ", "Năm", "Xếp loại"], [["ZZPERSONA", 2023, "HTTNV"]]))
    BackgroundJob.objects.filter(pk=world.extra["job_a"].pk).update(
        kind=JobKind.IMPORT_CHECK,
        status=JobStatus.DONE,
        params={"kind": "ratings", "source": f"jobs/{job.pk}/input.csv", "filename": "a.csv"},
        result={"ok": True, "problem_count": 0, "problems": []},
    )


def _ratings_file() -> dict[str, Any]:
    from tests.common.importing.files import csv_bytes

    data = csv_bytes(["Mã cán bộ", "Năm", "Xếp loại"], [["ZZPERSONA", 2023, "HTTNV"]])
    return {"file": SimpleUploadedFile("xep-loai.csv", data, "text/csv")}


def _uploaded_by_clerk_a(world: World, clients: dict[str, Any]) -> str:
    """Clerk A uploads a ratings file; the preview offers the confirmation address."""
    import re

    page = clients["clerk_a"].post(reverse("web:import_upload", args=["ratings"]), _ratings_file())
    assert page.status_code == 200
    match = re.search(r'action="(/imports/confirm/[^"]+/)"', page.content.decode())
    assert match is not None, "the preview offers no confirmation"
    return match.group(1)


def _draft_going_on(world: World) -> None:
    """A draft the head let go forward although the engine did not find it eligible."""
    _draft(world)
    Nomination.objects.filter(pk=world.extra["nomination_a"].pk).update(
        override_reason="Thành tích đột xuất", override_by=world.users["office"]
    )


def _appraised_a(world: World) -> None:
    Nomination.objects.filter(pk=world.extra["nomination_a"].pk).update(
        state=NominationState.APPRAISED
    )


def _read_at(world: World) -> list[Any]:
    from vinhdanh.nominations.models import Notification

    return list(Notification.objects.order_by("pk").values_list("pk", "read_at"))


def _jobs(world: World) -> list[Any]:
    from vinhdanh.common.models import BackgroundJob

    return list(BackgroundJob.objects.order_by("pk").values_list("pk", "status", "attempt"))


def _lock(world: World) -> None:
    from vinhdanh.programmes.domain.reports import lock_period

    lock_period(
        actor=world.users["superuser"], programme=world.extra["programme_a"], period_code="2024-Q1"
    )


def _bk_award(world: World) -> None:
    """A certificate of merit of the province to a person of unit A (the decider may revoke)."""
    from tests.factories.awards import AwardFactory, DecisionFactory

    decision = DecisionFactory(issuing_unit=world.province, number=9100)
    world.extra["bk_award"] = AwardFactory(
        decision=decision, person=world.person_a, kind=_kind("BK_BT")
    )


def _revoke_at(name: str) -> Callable[[World, dict[str, Any]], str]:
    return lambda w, c: reverse(name, kwargs={"pk": w.extra["bk_award"].decision_id})


# --- programmes, imports and candidate lists -------------------------------------------------


def _signed_pdf() -> dict[str, Any]:
    """A real one-page PDF (pypdf must open it), unlike the scan already recorded."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Quyết định đã ký"})
    out = io.BytesIO()
    writer.write(out)
    return {"file": SimpleUploadedFile("ban-ky-moi.pdf", out.getvalue(), "application/pdf")}


def _xlsx(name: str, header: list[str], rows: list[list[Any]]) -> SimpleUploadedFile:
    from tests.common.importing.files import xlsx_bytes

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return SimpleUploadedFile(name, xlsx_bytes(header, rows), xlsx)


def _activities_file() -> dict[str, Any]:
    """Unit A's conference, of the programme's one kind of activity."""
    header = ["Mã đơn vị", "Loại hoạt động", "Ngày", "Tên hoạt động", "Số người tham dự"]
    rows: list[list[Any]] = [["ZZUNITA", "Hội nghị", dt.date(2024, 3, 5), "Hội nghị sơ kết", 25]]
    return {"a-file": _xlsx("hoat-dong.xlsx", header, rows)}


def _reports_file() -> dict[str, Any]:
    """Unit A's figures for the second quarter of 2024, kept as a draft."""
    header = ["Mã đơn vị", "Số buổi Alpha", "Nội dung báo cáo", "Gửi báo cáo"]
    rows: list[list[Any]] = [["ZZUNITA", 6, "Quý II Khoa học Alpha", "Không"]]
    return {"r-file": _xlsx("bao-cao-ky.xlsx", header, rows)}


def _attendance_file() -> dict[str, Any]:
    header = ["Họ và tên", "Giới tính", "Chức vụ", "Cơ quan, đơn vị"]
    rows: list[list[Any]] = [
        ["Nguyễn Thị Hồng", "Nữ", "Chuyên viên", "Sở Khoa học Alpha"],
        ["Trần Văn Minh", "Nam", "Trưởng phòng", "Sở Khoa học Alpha"],
    ]
    return {"file": _xlsx("tham-du.xlsx", header, rows)}


def _eligible_in_a(world: World) -> None:
    """A staff member of unit A, rated for 2024: eligible for Lao động tiên tiến."""
    from tests.factories.people import PersonFactory, TaskRatingFactory
    from vinhdanh.people.enums import Rating

    person = PersonFactory(code="ZZPERSONA2", family_name="Đỗ", given_name="Alphanh")
    PostFactory(person=person, unit=world.unit_a)
    TaskRatingFactory(person=person, year=2024, rating=Rating.HTTNV)
    world.extra["eligible"] = person


def _candidates_nominate(world: World, clients: dict[str, Any]) -> str:
    url = reverse("web:unit_candidates_nominate", args=[world.unit_a.pk])
    return f"{url}?year=2024&code=LDTT"


def _blank_form(world: World) -> dict[str, Any]:
    """Every field of the blank where it stands by default, the recipient 5 mm lower."""
    from vinhdanh.documents.domain.blanks import FIELDS

    data: dict[str, Any] = {}
    for key, _label, x, y, size, bold, printed in FIELDS:
        data.update({f"{key}_x": x, f"{key}_y": y + (5 if key == "recipient" else 0)})
        data[f"{key}_size"] = size
        if bold:
            data[f"{key}_bold"] = "on"
        if printed:
            data[f"{key}_printed"] = "on"
    return data


def _draft_decision_a(world: World) -> None:
    """A draft of unit A: an issued decision's certificates are served from the file kept at
    issue (a GET); only a draft's large preview is started by a POST."""
    from tests.factories.awards import AwardFactory, DecisionFactory, kind

    draft = DecisionFactory(
        issuing_unit=world.unit_a,
        issuing_body="Sở Khoa học Alpha",
        number=None,
        symbol="QĐ-ZZD",
        status="draft",
    )
    AwardFactory(decision=draft, person=world.person_a, kind=kind("LDTT"))


def _certificates_at(world: World, clients: dict[str, Any]) -> str:
    draft = Decision.objects.get(symbol="QĐ-ZZD", status="draft")
    return reverse("web:certificates_decision", args=[draft.pk])


HEADER_FORM = {**ISSUE_HEADER, "confirm": "on"}

WRITES.update(
    {
        # --- rounds and nominations (web) ---
        "web:workflow_round_new": Write(
            lambda w: {
                "name": "Đợt xét mới Khoa học Alpha",
                "owning_unit": w.unit_a.pk,
                "decider_unit": w.province.pk,
                "year": 2024,
            },
        ),
        "web:workflow_round_edit": Write(
            lambda w: {"name": "Đợt xét Khoa học Alpha (sửa)", "version": 1}
        ),
        "web:workflow_round_close": Write(lambda w: {"reason": "Đã hết hạn nộp", "confirm": "on"}),
        "web:workflow_round_withdraw": Write(
            lambda w: {"reason": "Không tổ chức nữa", "confirm": "on"}, setup=_draft
        ),
        "web:workflow_round_bulk": Write(
            lambda w: {"to": NominationState.SUBMITTED}, setup=_draft_going_on
        ),
        "web:workflow_round_quota_override": Write(
            lambda w: {"reason": "Đơn vị có thành tích đột xuất"}
        ),
        "web:workflow_round_notice": Write(
            lambda w: {"title": "Công khai danh sách", "starts_on": TODAY, "working_days": 5},
            setup=_appraised_a,
        ),
        "web:workflow_nomination_new": Write(
            lambda w: {
                "person": w.person_sub_a.pk,
                "kind": _kind("LDTT").pk,
                "award_type": "CONG_TRANG",
                "period": 2024,
                "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ.",
            },
        ),
        "web:workflow_nomination_edit": Write(
            lambda w: {
                "award_type": "CONG_TRANG",
                "period": 2024,
                "period_label": "Năm 2024",
                "achievement_summary": "Bổ sung thành tích.",
                "version": 1,
            },
            setup=_draft,
        ),
        "web:workflow_nomination_transition": Write(
            lambda w: {"to": NominationState.APPRAISED, "override_reason": "Thành tích đặc biệt"},
        ),
        "web:workflow_nomination_override": Write(lambda w: {"reason": "Thành tích đặc biệt"}),
        "web:workflow_nomination_reevaluate": Write(lambda w: {}),
        "web:workflow_attachment_add": Write(
            lambda w: {"kind": "evidence", "description": "Báo cáo"}, files=_pdf(), setup=_draft
        ),
        "web:workflow_attachment_delete": Write(lambda w: {}, setup=_draft),
        "web:workflow_notification_read": Write(lambda w: {}, state=_read_at),
        "web:workflow_notifications_read_all": Write(lambda w: {}, state=_read_at),
        # --- movements ---
        "web:workflow_movement_new": Write(
            lambda w: {
                "name": "Phong trào mới Khoa học Alpha",
                "kind": "regular",
                "launched_by": w.unit_a.pk,
                "starts_on": TODAY,
            },
        ),
        "web:workflow_movement_document_add": Write(
            lambda w: {"title": "Kế hoạch bổ sung"}, files=_pdf()
        ),
        "web:workflow_movement_register": Write(
            lambda w: {
                "registering_unit": w.unit_a.pk,
                "person_code": "ZZPERSONA1",
                "target_kinds": [_kind("LDTT").pk],
            },
        ),
        "web:workflow_registration_withdraw": Write(lambda w: {}),
        # --- councils (web) ---
        "web:councils:list": Write(
            lambda w: {"unit": w.unit_a.pk, "name": "Hội đồng mới", "established_by": ""}
        ),
        "web:councils:add_member": Write(
            lambda w: {"user": w.users["decider"].pk, "role": "member"}
        ),
        "web:councils:end_member": Write(lambda w: {"last_day": TODAY}),
        "web:councils:quorum": Write(
            lambda w: {"numerator": 2, "denominator": 3, "valid_from": TODAY}
        ),
        "web:councils:session_create": Write(
            lambda w: {"title": "Phiên họp mới", "date": TODAY, "method": "secret_ballot"}
        ),
        "web:councils:agenda": Write(
            lambda w: {"nominations": [w.extra["appraised"].pk]},
            setup=lambda w: _appraised_second(w) and None,
        ),
        "web:councils:agenda_remove": Write(
            lambda w: {},
            setup=_on_agenda,
            address=lambda w, c: reverse(
                "web:councils:agenda_remove",
                kwargs={"pk": w.extra["session_a"].pk, "nomination_pk": w.extra["appraised"].pk},
            ),
        ),
        "web:councils:attendance": Write(lambda w: {"present": [_member(w)]}, setup=_on_agenda),
        "web:councils:recuse": Write(
            lambda w: {
                "member": _member(w),
                "nomination": w.extra["appraised"].pk,
                "reason": "Người thân",
            },
            setup=_on_agenda,
        ),
        "web:councils:recusal_withdraw": Write(lambda w: {}),
        "web:councils:open": Write(lambda w: {}, setup=_attending),
        "web:councils:vote": Write(lambda w: {f"n{w.extra['appraised'].pk}": "for"}, setup=_open),
        "web:councils:written": Write(
            lambda w: {"member": w.extra["absent"].pk, f"n{w.extra['appraised'].pk}": "for"},
            setup=_with_absent_member,
        ),
        "web:councils:hands": Write(
            lambda w: {
                "nomination": w.extra["appraised"].pk,
                "for_votes": 1,
                "against_votes": 0,
                "abstain_votes": 0,
            },
            setup=_open_by_hands,
        ),
        "web:councils:close": Write(lambda w: {"confirm": "on"}, setup=_open),
        "web:councils:threshold_new": Write(
            lambda w: {
                "unit": w.unit_a.pk,
                "award_code": "CSTDCS",
                "numerator": 2,
                "denominator": 3,
                "inclusive": "on",
                "denominator_type": "total_members",
                "method": "secret_ballot",
                "valid_from": TODAY,
            },
        ),
        "web:councils:issue": Write(
            lambda w: {
                **HEADER_FORM,
                "issuing_unit": w.province.pk,
                "nominations": [w.extra["proposed"].pk],
            },
            setup=_proposed,
        ),
        "web:councils:revoke": Write(
            lambda w: {
                **HEADER_FORM,
                "issuing_unit": w.province.pk,
                "awards": [w.extra["bk_award"].pk],
                "ground": "a",
                "reason": "Kê khai không trung thực",
            },
            setup=_bk_award,
            address=_revoke_at("web:councils:revoke"),
        ),
        # --- programmes ---
        "web:programmes:new": Write(
            lambda w: {
                "name": "Chương trình mới",
                "owner_unit": w.province.pk,
                "implementing_root": w.province.pk,
                "reporting_levels": [w.unit_a.level],
                "starts_on": "2025-01-01",
                "ends_on": "2027-12-31",
                "period_kind": "quarter",
                "report_due_days": 10,
            },
        ),
        "web:programmes:add_indicator": Write(
            lambda w: {
                "code": "YY",
                "name": "Số lớp tập huấn",
                "value_type": "integer",
                "aggregation": "sum",
                "source": "manual",
            },
        ),
        "web:programmes:add_activity_kind": Write(lambda w: {"name": "Tập huấn"}),
        "web:programmes:add_committee": Write(lambda w: {"name": "Ban Chỉ đạo mới"}),
        "web:programmes:committee_decision": Write(
            lambda w: {
                f"c{w.extra['committee_a'].pk}-{k}": v
                for k, v in {
                    "kind": "reform",
                    "number": "12/QĐ-ZZA",
                    "date": "2024-02-01",
                    "members": "Phạm Thị Alphabi | Giám đốc Sở | head",
                }.items()
            },
        ),
        "web:programmes:activities": Write(
            lambda w: {
                "unit": w.unit_a.pk,
                "kind": w.extra["programme_a"].activity_kinds.get().pk,
                "date": "2024-02-15",
                "title": "Hội nghị quán triệt",
                "participants": 40,
            },
        ),
        "web:programmes:report": Write(
            lambda w: {"i_ZZ": 4, "narrative": "Báo cáo sửa"},
            setup=lambda w: w.extra["programme_a"].reports.update(state="returned") and None,
        ),
        "web:programmes:approve": Write(lambda w: {}),
        "web:programmes:return": Write(lambda w: {"reason": "Thiếu số liệu"}),
        "web:programmes:lock": Write(lambda w: {}),
        "web:programmes:unlock": Write(
            lambda w: {"reason": "Sửa số liệu"},
            setup=lambda w: _lock(w),
        ),
        # --- documents, parameters, imports, jobs ---
        "web:document_settings": Write(lambda w: {"place": "Hà Tĩnh", "base_salary": 2340000}),
        "web:eligibility_parameters": Write(
            lambda w: {
                "key": "public_notice_working_days",
                "unit": w.unit_a.pk,
                "valid_from": "2025-01-01",
                "n__LDTT": 5,
            },
        ),
        "web:unit_candidates_xlsx": Write(lambda w: {"year": 2024, "code": "LDTT"}, state=_jobs),
        "web:import_upload": Write(
            lambda w: {},
            files=_ratings_file,
            address=lambda w, c: reverse("web:import_upload", args=["ratings"]),
        ),
        "web:import_confirm": Write(lambda w: {}, address=_uploaded_by_clerk_a),
        "web:job_retry": Write(lambda w: {}, setup=_failed_job, state=_jobs),
        "web:job_confirm": Write(lambda w: {}, setup=_checked_import, state=_jobs),
        # --- accounts (administrators) ---
        "account:unlock": Write(lambda w: {"username": "clerk_b"}),
        "account:reset_second_factor": Write(lambda w: {"username": "clerk_b"}),
        # --- the API ---
        "api:workflow-nomination-detail": Write(
            lambda w: {"version": 1, "achievement_summary": "Bổ sung qua API"},
            method="patch",
            setup=_draft,
        ),
        "api:workflow-nomination-transition": Write(
            lambda w: {"to": NominationState.APPRAISED, "override_reason": "Thành tích đặc biệt"},
        ),
        "api:workflow-round-bulk-transition": Write(
            lambda w: {"to": NominationState.SUBMITTED}, setup=_draft_going_on
        ),
        "api:workflow-notification-read": Write(lambda w: {}, state=_read_at),
        "api:council-sessions": Write(
            lambda w: {"title": "Phiên họp API", "date": TODAY, "method": "secret_ballot"}
        ),
        "api:council-session-agenda": Write(
            lambda w: {"nominations": [w.extra["appraised"].pk]},
            setup=lambda w: _appraised_second(w) and None,
        ),
        "api:council-session-attendance": Write(
            lambda w: {"present": [_member(w)]}, setup=_on_agenda
        ),
        "api:council-session-recusals": Write(
            lambda w: {
                "member": _member(w),
                "nomination": w.extra["appraised"].pk,
                "reason": "Người thân",
            },
            setup=_on_agenda,
        ),
        "api:council-session-open": Write(lambda w: {}, setup=_attending),
        "api:council-session-vote": Write(
            lambda w: {"choices": [{"nomination": w.extra["appraised"].pk, "choice": "for"}]},
            setup=_open,
        ),
        "api:council-session-written-votes": Write(
            lambda w: {
                "member": w.extra["absent"].pk,
                "choices": [{"nomination": w.extra["appraised"].pk, "choice": "for"}],
            },
            setup=_with_absent_member,
        ),
        "api:council-session-hands": Write(
            lambda w: {
                "nomination": w.extra["appraised"].pk,
                "for_votes": 1,
                "against_votes": 0,
                "abstain_votes": 0,
            },
            setup=_open_by_hands,
        ),
        "api:council-session-close": Write(lambda w: {}, setup=_open),
        "api:council-decision-issue": Write(
            lambda w: {
                **ISSUE_HEADER,
                "issuing_unit": w.province.pk,
                "nominations": [w.extra["proposed"].pk],
            },
            setup=_proposed,
        ),
        "api:council-decision-revoke": Write(
            lambda w: {
                **ISSUE_HEADER,
                "issuing_unit": w.province.pk,
                "awards": [w.extra["bk_award"].pk],
                "revocation_ground": "a",
                "reason": "Kê khai không trung thực",
            },
            setup=_bk_award,
            address=_revoke_at("api:council-decision-revoke"),
        ),
        # --- documents: scans, blanks, certificates ---
        "web:document_scan_upload": Write(
            lambda w: {"reason": "Bản quét rõ hơn"},
            files=_signed_pdf,
            address=lambda w, c: reverse("web:document_scan_upload", args=[w.decision_a.pk]),
        ),
        "web:certificate_blank": Write(
            _blank_form,
            address=lambda w, c: reverse("web:certificate_blank", args=[w.unit_a.pk, "LDTT"]),
        ),
        "web:certificates_decision": Write(
            lambda w: {},
            state=_jobs,
            setup=_draft_decision_a,
            address=_certificates_at,
            settings={"VINHDANH_CERTIFICATES_IN_BACKGROUND": 0},
        ),
        # --- programmes: activities, imports, review ---
        "web:programmes:attendance_upload": Write(lambda w: {}, files=_attendance_file),
        "web:programmes:attachment_upload": Write(lambda w: {"title": "Biên bản"}, files=_pdf()),
        "web:programmes:import_activities": Write(lambda w: {}, files=_activities_file),
        "web:programmes:import_reports": Write(
            lambda w: {"r-period": "2024-Q2"}, files=_reports_file
        ),
        "web:programmes:review_round": Write(
            lambda w: {
                "name": "Khen thưởng chuyên đề Khoa học Alpha",
                "submission_deadline": "2025-06-30",
                "planned_decision_date": "2025-07-31",
            },
        ),
        # --- candidate lists ---
        "web:unit_candidates_nominate": Write(
            lambda w: {"round": w.extra["round_a"].pk, "person": [w.extra["eligible"].pk]},
            setup=_eligible_in_a,
            address=_candidates_nominate,
        ),
        "api:workflow-round-bulk-nominate": Write(
            lambda w: {"kind": "LDTT", "people": [w.extra["eligible"].pk]},
            setup=_eligible_in_a,
        ),
        # --- the programmes API ---
        "api:programme-activity-list": Write(
            lambda w: {
                "programme": w.extra["programme_a"].pk,
                "kind": w.extra["programme_a"].activity_kinds.get().pk,
                "unit": w.unit_a.pk,
                "date": "2024-02-20",
                "title": "Tập huấn qua API",
                "participants": 15,
            },
        ),
        "api:programme-report-list": Write(
            lambda w: {
                "programme": w.extra["programme_a"].pk,
                "unit": w.unit_a.pk,
                "period_code": "2024-Q2",
                "values": {"ZZ": 6},
                "narrative": "Quý II qua API",
            },
        ),
        "api:programme-report-approve": Write(lambda w: {}),
        "api:programme-report-return-report": Write(lambda w: {"reason": "Thiếu số liệu"}),
    }
)


# The answer of each role to its valid write (see the module's docstring for the notation).
EXPECT: dict[str, dict[str, str]] = {
    "account:reset_second_factor": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 account:lockouts +",
    },
    "account:unlock": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 account:lockouts +",
    },
    "api:council-decision-issue": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "403",
        "council": "403",
        "decider": "201 +",
        "superuser": "201 +",
    },
    "api:council-decision-revoke": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "201 +",
        "superuser": "201 +",
    },
    "api:council-session-agenda": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-attendance": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-close": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-hands": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-open": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-recusals": {
        "anonymous": "403",
        "clerk_a": "200 +",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-session-vote": {
        "anonymous": "403",
        "clerk_a": "200 +",
        "clerk_b": "404",
        "office": "403",
        "council": "404",
        "decider": "403",
        "superuser": "403",
    },
    "api:council-session-written-votes": {
        "anonymous": "403",
        "clerk_a": "200 +",
        "clerk_b": "404",
        "office": "200 +",
        "council": "404",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:council-sessions": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "201 +",
        "council": "404",
        "decider": "403",
        "superuser": "201 +",
    },
    "api:programme-activity-list": {
        "anonymous": "403",
        "clerk_a": "201 +",
        # another unit's programme is not found: a field error, as for one that does not exist
        "clerk_b": "400",
        "office": "201 +",
        "council": "403",
        "decider": "403",
        "superuser": "201 +",
    },
    "api:programme-report-approve": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "403",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:programme-report-list": {
        "anonymous": "403",
        "clerk_a": "200 +",
        # another unit's programme is not found: a field error, as for one that does not exist
        "clerk_b": "400",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:programme-report-return-report": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "403",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:workflow-nomination-detail": {
        "anonymous": "403",
        "clerk_a": "200 +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:workflow-nomination-transition": {
        "anonymous": "403",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "200 +",
        "council": "403",
        "decider": "403",
        "superuser": "200 +",
    },
    "api:workflow-notification-read": {
        "anonymous": "403",
        "clerk_a": "204 +",
        "clerk_b": "404",
        "office": "404",
        "council": "404",
        "decider": "404",
        "superuser": "404",
    },
    "api:workflow-round-bulk-nominate": {
        "anonymous": "403",
        "clerk_a": "201 +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "201 +",
    },
    "api:workflow-round-bulk-transition": {
        "anonymous": "403",
        "clerk_a": "200 +",
        "clerk_b": "404",
        "office": "200",
        "council": "200",
        "decider": "200",
        "superuser": "200 +",
    },
    "web:certificate_blank": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:certificate_blank +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:certificate_blank +",
    },
    "web:certificates_decision": {
        "anonymous": "302 login",
        "clerk_a": "302 web:job +",
        "clerk_b": "404",
        "office": "302 web:job +",
        "council": "302 web:job +",
        "decider": "302 web:job +",
        "superuser": "302 web:job +",
    },
    "web:councils:add_member": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:council +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:council +",
    },
    "web:councils:end_member": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:council +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:council +",
    },
    "web:councils:agenda": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:agenda_remove": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:attendance": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:close": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:tally +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:tally +",
    },
    "web:councils:hands": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:issue": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "403",
        "council": "403",
        "decider": "302 web:decision +",
        "superuser": "302 web:decision +",
    },
    "web:councils:list": {
        "anonymous": "302 login",
        "clerk_a": "302 web:councils:list",
        "clerk_b": "302 web:councils:list",
        "office": "302 web:councils:council +",
        "council": "302 web:councils:list",
        "decider": "302 web:councils:list",
        "superuser": "302 web:councils:council +",
    },
    "web:councils:open": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:quorum": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:council +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:council +",
    },
    "web:councils:recusal_withdraw": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:recuse": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:revoke": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "302 web:decision +",
        "superuser": "302 web:decision +",
    },
    "web:councils:session_create": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:councils:threshold_new": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "302 web:councils:thresholds +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:councils:thresholds +",
    },
    "web:councils:vote": {
        "anonymous": "302 login",
        "clerk_a": "302 web:councils:session +",
        "clerk_b": "404",
        "office": "403",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session",
    },
    "web:councils:written": {
        "anonymous": "302 login",
        "clerk_a": "302 web:councils:session +",
        "clerk_b": "404",
        "office": "302 web:councils:session +",
        "council": "404",
        "decider": "403",
        "superuser": "302 web:councils:session +",
    },
    "web:document_scan_upload": {
        "anonymous": "302 login",
        "clerk_a": "302 web:decision +",
        "clerk_b": "404",
        "office": "302 web:decision +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:decision +",
    },
    "web:document_settings": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:document_settings +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:document_settings +",
    },
    "web:eligibility_parameters": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "302 web:eligibility_parameters +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:eligibility_parameters +",
    },
    "web:import_confirm": {
        "anonymous": "302 login",
        "clerk_a": "302 web:imports +",
        "clerk_b": "404",
        "office": "404",
        "council": "403",
        "decider": "403",
        "superuser": "404",
    },
    "web:import_upload": {
        "anonymous": "302 login",
        "clerk_a": "200",
        "clerk_b": "200",
        "office": "200",
        "council": "403",
        "decider": "403",
        "superuser": "200",
    },
    "web:job_confirm": {
        "anonymous": "302 login",
        "clerk_a": "302 web:job +",
        "clerk_b": "404",
        "office": "404",
        "council": "404",
        "decider": "404",
        "superuser": "404",
    },
    "web:job_retry": {
        "anonymous": "302 login",
        "clerk_a": "302 web:job +",
        "clerk_b": "404",
        "office": "404",
        "council": "404",
        "decider": "404",
        "superuser": "404",
    },
    "web:programmes:activities": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:activities +",
        "clerk_b": "404",
        "office": "302 web:programmes:activities +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:activities +",
    },
    "web:programmes:add_activity_kind": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:programme +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:programme +",
    },
    "web:programmes:add_committee": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:programme +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:programme +",
    },
    "web:programmes:add_indicator": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:programme +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:programme +",
    },
    "web:programmes:approve": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:report +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:report +",
    },
    "web:programmes:attachment_upload": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:activity +",
        "clerk_b": "404",
        "office": "302 web:programmes:activity +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:activity +",
    },
    "web:programmes:attendance_upload": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:activity +",
        "clerk_b": "404",
        "office": "302 web:programmes:activity +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:activity +",
    },
    "web:programmes:committee_decision": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:programme +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:programme +",
    },
    "web:programmes:import_activities": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:activities +",
        "clerk_b": "404",
        "office": "302 web:programmes:activities +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:activities +",
    },
    "web:programmes:import_reports": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:period +",
        "clerk_b": "404",
        # the office may import, but a unit's figures are its own: refused by row, nothing written
        "office": "400",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:period +",
    },
    "web:programmes:lock": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:period +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:period +",
    },
    "web:programmes:new": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "403",
        "office": "302 web:programmes:programme +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:programme +",
    },
    "web:programmes:report": {
        "anonymous": "302 login",
        "clerk_a": "302 web:programmes:report +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:report +",
    },
    "web:programmes:return": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:report +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:report +",
    },
    "web:programmes:review_round": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:workflow_round +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_round +",
    },
    "web:programmes:unlock": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:programmes:period +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:programmes:period +",
    },
    "web:unit_candidates_nominate": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_round +",
    },
    "web:unit_candidates_xlsx": {
        "anonymous": "302 login",
        "clerk_a": "200",
        "clerk_b": "404",
        "office": "200",
        "council": "200",
        "decider": "200",
        "superuser": "200",
    },
    "web:workflow_attachment_add": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_nomination +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_attachment_delete": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_nomination +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_movement_document_add": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_movement +",
        "clerk_b": "404",
        "office": "302 web:workflow_movement +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_movement +",
    },
    "web:workflow_movement_new": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_movement +",
        "clerk_b": "200",
        "office": "302 web:workflow_movement +",
        "council": "200",
        "decider": "200",
        "superuser": "302 web:workflow_movement +",
    },
    "web:workflow_movement_register": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_movement +",
        "clerk_b": "404",
        "office": "302 web:workflow_movement",
        "council": "302 web:workflow_movement",
        "decider": "302 web:workflow_movement",
        "superuser": "302 web:workflow_movement +",
    },
    "web:workflow_nomination_edit": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_nomination +",
        "clerk_b": "404",
        "office": "302 web:workflow_nomination",
        "council": "302 web:workflow_nomination",
        "decider": "302 web:workflow_nomination",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_nomination_new": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_nomination +",
        "clerk_b": "404",
        "office": "302 web:workflow_round",
        "council": "302 web:workflow_round",
        "decider": "302 web:workflow_round",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_nomination_override": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:workflow_nomination +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_nomination_reevaluate": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_nomination +",
        "clerk_b": "404",
        "office": "302 web:workflow_nomination +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_nomination_transition": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:workflow_nomination +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_nomination +",
    },
    "web:workflow_notification_read": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_notifications +",
        "clerk_b": "404",
        "office": "404",
        "council": "404",
        "decider": "404",
        "superuser": "404",
    },
    "web:workflow_notifications_read_all": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_notifications +",
        "clerk_b": "302 web:workflow_notifications",
        "office": "302 web:workflow_notifications",
        "council": "302 web:workflow_notifications",
        "decider": "302 web:workflow_notifications",
        "superuser": "302 web:workflow_notifications",
    },
    "web:workflow_registration_withdraw": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_movement +",
        "clerk_b": "404",
        "office": "403",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_movement +",
    },
    "web:workflow_round_bulk": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "404",
        "office": "302 web:workflow_round",
        "council": "302 web:workflow_round",
        "decider": "302 web:workflow_round",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_close": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "404",
        "office": "302 web:workflow_round +",
        "council": "302 web:workflow_round",
        "decider": "302 web:workflow_round",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_edit": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "404",
        "office": "302 web:workflow_round +",
        "council": "302 web:workflow_round",
        "decider": "302 web:workflow_round",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_new": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "200",
        "office": "302 web:workflow_round +",
        "council": "200",
        "decider": "200",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_notice": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:workflow_round +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_quota_override": {
        "anonymous": "302 login",
        "clerk_a": "403",
        "clerk_b": "404",
        "office": "302 web:workflow_round +",
        "council": "403",
        "decider": "403",
        "superuser": "302 web:workflow_round +",
    },
    "web:workflow_round_withdraw": {
        "anonymous": "302 login",
        "clerk_a": "302 web:workflow_round +",
        "clerk_b": "404",
        "office": "200",
        "council": "302 web:workflow_round",
        "decider": "302 web:workflow_round",
        "superuser": "302 web:workflow_round +",
    },
}

# Routes whose writes the role matrix does not cover, with the reason (each has its own tests).
NOT_ROLE_WRITES = {
    # signing in and out, and the password reset: for anonymous users, about one's own account
    "login": "tests/web/account",
    "login_code": "tests/web/account",
    "logout": "tests/web/account",
    "account:password_reset": "tests/web/account",
    "account:password_reset_confirm": "tests/web/account",
    # one's own second factor
    "account:security": "tests/web/account",
    "account:two_factor_setup": "tests/web/account",
    # the public comment form of a notice (anonymous by law: rules.md R-PUB-1)
    "web:workflow_public_notice": "tests/web/workflow",
    # evaluating a case posted as JSON changes nothing (tests/api/test_eligibility.py)
    "api:eligibility-cases": "tests/api/test_eligibility.py",
}


def _route(name: str) -> Route:
    """The route of a name (the API's `.json` suffix variant aside)."""
    return min((r for r in all_routes() if r.name == name), key=lambda r: len(r.kwargs))


def _url(route: Route, world: World) -> str:
    getters, _ = next((g, o) for _, g, o in variants(route))
    return reverse(route.name, kwargs={p: get(world) for p, get in getters.items()})


def _client(world: World, role: str, api: bool) -> Any:
    client = APIClient() if api else Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _answer(response: HttpResponse, changed: bool) -> str:
    status = response.status_code
    text = str(status)
    if status in (301, 302, 303):
        location = response["Location"].split("?")[0]
        if location.startswith(reverse("login")):
            text += " login"
        else:
            try:
                match = resolve(location)
                text += f" {match.view_name}"
            except Resolver404:
                text += f" {location}"
    return text + (" +" if changed else "")


def _send(client: Any, url: str, write: Write, world: World, api: bool) -> HttpResponse:
    data = write.data(world)
    send = getattr(client, write.method)
    if api:
        return send(url, data, format="json")  # type: ignore[no-any-return]
    if write.method != "post":
        return send(url, data, content_type="application/x-www-form-urlencoded")  # type: ignore[no-any-return]
    return send(url, {**data, **write.files()})  # type: ignore[no-any-return]


def _form_errors(response: HttpResponse) -> str:
    """Why a write was refused, for the failure message: the form's errors or the flash."""
    from django.contrib.messages import get_messages

    context = getattr(response, "context", None)
    form = context.get("form") if context is not None else None
    if form is not None and form.errors:
        return f" {dict(form.errors)}"
    request = getattr(response, "wsgi_request", None)
    flashed = [str(m) for m in get_messages(request)] if request is not None else []
    return f" {flashed}" if flashed else ""


def _write_routes() -> list[str]:
    return sorted(name for name in WRITES)


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    add_workflow(world)
    return world


@pytest.mark.parametrize("name", _write_routes())
def test_each_role_gets_its_answer(world: World, settings: Any, name: str) -> None:
    write = WRITES[name]
    route = _route(name)
    for setting, value in write.settings.items():
        setattr(settings, setting, value)
    if write.setup is not None:
        write.setup(world)
    clients = {role: _client(world, role, route.is_api) for role in ROLES}
    url = write.address(world, clients) if write.address else _url(route, world)
    got: dict[str, str] = {}
    notes: dict[str, str] = {}
    for role in ROLES:
        with transaction.atomic():
            before = AuditEvent.objects.count(), write.state(world) if write.state else None
            response = _send(clients[role], url, write, world, route.is_api)
            body_text(response)
            after = AuditEvent.objects.count(), write.state(world) if write.state else None
            got[role] = _answer(response, after != before)
            notes[role] = _form_errors(response) or body_text(response)[:300]
            transaction.set_rollback(True)
    if os.environ.get("WRITE_MATRIX_DUMP"):
        print(f"\n{name!r}: {got!r}")
        for role in ("clerk_a", "office", "decider", "superuser"):
            print(f"  {role}: {notes[role][:400]!r}")
    wrong = [
        f"{role}: {got[role]!r}, expected {EXPECT[name].get(role)!r} {notes[role]}"
        for role in ROLES
        if got[role] != EXPECT[name].get(role)
    ]
    assert wrong == [], f"{write.method.upper()} {url}\n" + "\n".join(wrong)


def _refuses_writes(route: Route) -> set[int]:
    """405, and 403 from the API's read-only views (their permission refuses every write)."""
    from vinhdanh.api.permissions import SignedInReadOnly

    view = getattr(route.view, "cls", None)
    read_only = view is not None and SignedInReadOnly in getattr(view, "permission_classes", [])
    return {403, 405} if read_only else {405}


def _is_read_only(route: Route, world: World, root: Any) -> list[str]:
    url = _url(route, world)
    refused = _refuses_writes(route)
    answers = []
    for method in WRITE_METHODS:
        with transaction.atomic():
            before = AuditEvent.objects.count()
            response = getattr(root, method)(url)
            body_text(response)
            changed = AuditEvent.objects.count() != before
            transaction.set_rollback(True)
        if response.status_code not in refused or changed:
            answers.append(f"{method.upper()} {response.status_code}")
    return answers


@pytest.mark.django_db
def test_every_write_route_is_in_the_matrix(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    add_workflow(world)
    web, api = Client(), APIClient()
    for client in (web, api):
        client.force_login(world.users["superuser"])
    problems = []
    for route in all_routes():
        if route.name in WRITES or route.name in NOT_ROLE_WRITES:
            continue
        try:
            answers = _is_read_only(route, world, api if route.is_api else web)
        except UnknownRoute as exc:
            problems.append(str(exc))
            continue
        if answers:
            problems.append(
                f"{route.name}: takes writes ({', '.join(answers)}) but has no entry in WRITES "
                f"of {__file__}: add a valid payload and the answer of every role."
            )
    assert problems == [], "\n".join(problems)


def test_not_role_writes_name_real_routes() -> None:
    names = {r.name for r in all_routes()}
    assert set(NOT_ROLE_WRITES) <= names
    assert set(WRITES) <= names
    assert set(EXPECT) == set(WRITES)
    assert not set(NOT_ROLE_WRITES) & set(WRITES)
    assert PUBLIC  # the permission matrix's public pages stay declared there


def test_a_decider_issues_a_decision_through_the_issue_page(world: World) -> None:
    _proposed(world)
    client = _client(world, "decider", api=False)
    nomination = world.extra["proposed"]

    response = client.post(
        reverse("web:councils:issue"),
        {
            **ISSUE_HEADER,
            "issuing_unit": world.province.pk,
            "nominations": [nomination.pk],
            "confirm": "on",
        },
    )

    decision = Decision.objects.get(awards__person=nomination.person)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:decision", args=[decision.pk])
    assert decision.issuing_unit == world.province
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECIDED
