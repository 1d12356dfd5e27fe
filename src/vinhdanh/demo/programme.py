"""The demo's programme: a province-wide legal dissemination programme, reported by the communes.

Written through the programmes domain functions, so every row is one a user's clicks could
have made (and is audited): the programme, its indicators and activity kinds, a steering
committee set up and re-formed twice, dissemination sessions with participant counts, and
quarterly reports by every commune from 2025 — across the 1 July 2025 merger of communes, so
the consolidated figures show the lineage at work.

The state the demo logins find, relative to `today`:
- every quarter that ended before the last one: reported by every commune, approved, locked
  (a few reports came in late);
- the last ended quarter: most communes submitted (some awaiting approval, two returned with a
  reason), a few have not reported, and the demo clerk's commune has a draft to finish;
- a mid-term sơ kết over the locked quarters, whose thematic round has decided awards
  (`programme_review.py`): the review page and its .docx can be generated right away.

The communes' reports are entered as the administrator: the demo has no login for each commune.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from vinhdanh.common.context import acting
from vinhdanh.demo.programme_review import add_review
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.committees import (
    MemberSpec,
    create_committee,
    record_committee_decision,
)
from vinhdanh.programmes.domain.programmes import (
    add_activity_kind,
    add_indicator,
    add_milestone,
    create_programme,
)
from vinhdanh.programmes.domain.queries.activities import activity_figures
from vinhdanh.programmes.domain.queries.programmes import reporters_for_period
from vinhdanh.programmes.domain.reports import (
    approve_report,
    lock_period,
    return_report,
    save_report,
)
from vinhdanh.programmes.enums import (
    Aggregation,
    CommitteeDecisionKind,
    CommitteeRole,
    IndicatorSource,
    MilestoneKind,
    PeriodKind,
    ValueType,
)
from vinhdanh.programmes.models import PeriodReport, Programme
from vinhdanh.programmes.periods import Period

NAME = "Chương trình phổ biến, giáo dục pháp luật giai đoạn 2025 – 2029"

RETURN_REASONS = (
    "Số người tham dự chưa khớp với biên bản hội nghị, đề nghị rà soát lại.",
    "Thiếu phần thuyết minh về khó khăn, vướng mắc; đề nghị bổ sung.",
)
NARRATIVES = (
    "Đã tổ chức quán triệt đến cán bộ, công chức và Nhân dân; duy trì sinh hoạt câu lạc bộ "
    "pháp luật tại các thôn.",
    "Kết hợp tuyên truyền lưu động với hội nghị tại nhà văn hóa thôn; một số thôn xa còn khó "
    "tập trung người dân.",
    "Phối hợp với Đoàn Thanh niên, Hội Phụ nữ tổ chức tuyên truyền; đề nghị cấp trên hỗ trợ "
    "tài liệu.",
)


def add_demo_programme(*, seed: int, today: dt.date | None = None) -> Programme | None:
    """Write the demo programme (nothing when there is no province, or it exists already)."""
    root = (
        Unit.objects.filter(parent__isnull=True, level=UnitLevel.PROVINCE, valid_to__isnull=True)
        .order_by("id")
        .first()
    )
    user_model = get_user_model()
    office = user_model.objects.filter(username="vanphong").first()
    admin = user_model.objects.filter(username="admin").first()
    if root is None or office is None or admin is None:
        return None
    if Programme.objects.filter(name=NAME).exists():
        return None
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic(), acting(None, source="cli:generate_demo"):
        return _write(root, office, admin, rng, today)


def _write(root: Unit, office: Any, admin: Any, rng: random.Random, today: dt.date) -> Programme:
    programme = create_programme(
        actor=office,
        name=NAME,
        owner_unit=root,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31),
        units_as_of=dt.date(2025, 1, 1),
        reporting_levels=[UnitLevel.COMMUNE],
        period_kind=PeriodKind.QUARTER,
        report_due_days=10,
        legal_basis=(
            "Luật Phổ biến, giáo dục pháp luật ngày 20/6/2012; "
            "Kế hoạch của Ủy ban nhân dân tỉnh về phổ biến, giáo dục pháp luật giai đoạn "
            "2025 – 2029."
        ),
        description=(
            "Các xã, phường tổ chức hội nghị quán triệt, tuyên truyền lưu động và tập huấn; "
            "báo cáo kết quả hằng quý về Sở Nội vụ (cơ quan thường trực) trước ngày 10 của "
            "tháng đầu quý sau."
        ),
    )
    add_milestone(
        actor=office,
        programme=programme,
        kind=MilestoneKind.PRELIMINARY,
        title="Sơ kết 3 năm thực hiện chương trình",
        covers_from=dt.date(2025, 1, 1),
        covers_to=dt.date(2027, 9, 30),
        due_on=dt.date(2027, 12, 15),
    )
    add_milestone(
        actor=office,
        programme=programme,
        kind=MilestoneKind.FINAL,
        title="Tổng kết chương trình giai đoạn 2025 – 2029",
        covers_from=dt.date(2025, 1, 1),
        covers_to=dt.date(2029, 9, 30),
        due_on=dt.date(2029, 12, 15),
    )
    sessions_kind = add_activity_kind(actor=office, programme=programme, name="Hội nghị quán triệt")
    add_activity_kind(actor=office, programme=programme, name="Tuyên truyền lưu động")
    add_activity_kind(actor=office, programme=programme, name="Tập huấn báo cáo viên")
    add_indicator(
        actor=office,
        programme=programme,
        code="HN",
        name="Số hội nghị quán triệt",
        measure="hội nghị",
        source=IndicatorSource.ACTIVITY_COUNT,
        activity_kind=sessions_kind,
        target=2000,
    )
    add_indicator(
        actor=office,
        programme=programme,
        code="NGUOI",
        name="Lượt người tham dự",
        measure="lượt người",
        source=IndicatorSource.PARTICIPANTS,
        activity_kind=sessions_kind,
        target=250_000,
    )
    add_indicator(
        actor=office,
        programme=programme,
        code="CLB",
        name="Câu lạc bộ pháp luật đang hoạt động",
        measure="câu lạc bộ",
        aggregation=Aggregation.LAST,
    )
    add_indicator(
        actor=office,
        programme=programme,
        code="TYLE",
        name="Tỷ lệ hộ gia đình được phổ biến",
        measure="%",
        value_type=ValueType.PERCENTAGE,
        aggregation=Aggregation.AVERAGE,
        target=90,
    )
    add_indicator(
        actor=office,
        programme=programme,
        code="KH",
        name="Đã ban hành kế hoạch năm",
        value_type=ValueType.YES_NO,
    )
    _committee(programme, root, office)
    ended = [p for p in programme.periods() if p.end < today]
    clerk_commune = _demo_clerk_commune()
    for index, period in enumerate(ended):
        last = index == len(ended) - 1
        _quarter(programme, period, admin, office, rng, last=last, skip=clerk_commune)
        if not last and index < len(ended) - 2:
            lock_period(actor=office, programme=programme, period_code=period.code)
    if ended and clerk_commune is not None:
        _clerk_draft(programme, ended[-1], clerk_commune, rng)
    # the sơ kết over the locked quarters, with its thematic round decided (programme_review.py)
    add_review(programme, root, office, admin, ended[:-2], rng, today)
    return programme


def _committee(programme: Programme, root: Unit, office: Any) -> None:
    committee = create_committee(
        actor=office,
        unit=root,
        name="Ban Chỉ đạo chương trình phổ biến, giáo dục pháp luật tỉnh",
        programme=programme,
    )
    first = [
        MemberSpec("Nguyễn Văn Hùng", CommitteeRole.HEAD, "Phó Chủ tịch UBND tỉnh"),
        MemberSpec("Trần Thị Mai", CommitteeRole.DEPUTY, "Giám đốc Sở Tư pháp"),
        MemberSpec("Lê Quốc Bảo", CommitteeRole.DEPUTY, "Giám đốc Sở Nội vụ"),
        MemberSpec("Phạm Văn Thắng", CommitteeRole.MEMBER, "Giám đốc Công an tỉnh"),
        MemberSpec("Hoàng Thị Lan", CommitteeRole.MEMBER, "Phó Giám đốc Sở Giáo dục và Đào tạo"),
        MemberSpec("Đặng Minh Tuấn", CommitteeRole.SECRETARY, "Trưởng phòng Sở Tư pháp"),
    ]
    record_committee_decision(
        actor=office,
        committee=committee,
        kind=CommitteeDecisionKind.SET_UP,
        number="215/QĐ-UBND",
        date=dt.date(2025, 2, 10),
        members=first,
        text="Thành lập Ban Chỉ đạo chương trình phổ biến, giáo dục pháp luật tỉnh.",
    )
    # After the 2025 reform: a new deputy for the merged departments.
    second = [m for m in first if m.full_name != "Lê Quốc Bảo"] + [
        MemberSpec("Võ Thanh Sơn", CommitteeRole.DEPUTY, "Giám đốc Sở Nội vụ")
    ]
    record_committee_decision(
        actor=office,
        committee=committee,
        kind=CommitteeDecisionKind.REFORM,
        number="1630/QĐ-UBND",
        date=dt.date(2025, 8, 15),
        members=second,
        text="Kiện toàn Ban Chỉ đạo sau khi sắp xếp tổ chức bộ máy.",
    )
    third = [m for m in second if m.role != CommitteeRole.HEAD] + [
        MemberSpec("Bùi Đức Long", CommitteeRole.HEAD, "Phó Chủ tịch UBND tỉnh")
    ]
    record_committee_decision(
        actor=office,
        committee=committee,
        kind=CommitteeDecisionKind.REFORM,
        number="402/QĐ-UBND",
        date=dt.date(2026, 3, 2),
        members=third,
        text="Kiện toàn Trưởng ban Ban Chỉ đạo.",
    )


def _demo_clerk_commune() -> Unit | None:
    from vinhdanh.orgs.models import RoleAssignment

    role = (
        RoleAssignment.objects.filter(
            user__username__startswith="vanthu.", unit__level=UnitLevel.COMMUNE, is_clerk=True
        )
        .select_related("unit")
        .first()
    )
    return role.unit if role is not None else None


def _activities(
    programme: Programme, period: Period, unit: Unit, admin: Any, rng: random.Random
) -> None:
    kinds = {k.name: k for k in programme.activity_kinds.all()}
    for _n in range(rng.choice((0, 1, 1, 2))):
        day = period.start + dt.timedelta(days=rng.randrange((period.end - period.start).days))
        record_activity(
            actor=admin,
            programme=programme,
            unit=unit,
            kind=kinds["Hội nghị quán triệt"],
            date=day,
            title=f"Hội nghị quán triệt pháp luật tại {unit.name}",
            participants=rng.randrange(40, 260),
            today=period.end,
        )
    if rng.random() < 0.15:
        record_activity(
            actor=admin,
            programme=programme,
            unit=unit,
            kind=kinds["Tuyên truyền lưu động"],
            date=period.start + dt.timedelta(days=20),
            title="Tuyên truyền lưu động trên loa truyền thanh",
            participants=0,
            today=period.end,
        )


def _values(programme: Programme, period: Period, unit: Unit, rng: random.Random) -> dict[str, Any]:
    figures = activity_figures(programme, unit, period)
    return {
        **figures,
        "CLB": 1 + unit.pk % 4 + (1 if period.year > 2025 else 0),
        "TYLE": rng.randrange(70, 100),
        "KH": period.index > 1 or rng.random() < 0.9,
    }


def _quarter(
    programme: Programme,
    period: Period,
    admin: Any,
    office: Any,
    rng: random.Random,
    *,
    last: bool,
    skip: Unit | None,
) -> None:
    units = list(reporters_for_period(programme, period).order_by("path"))
    returned = 0
    for unit in units:
        _activities(programme, period, unit, admin, rng)
        if skip is not None and unit.pk == skip.pk and last:
            continue  # the demo clerk's own report is a draft (below)
        if last and rng.random() < 0.08:
            continue  # has not reported yet
        report = save_report(
            actor=admin,
            programme=programme,
            unit=unit,
            period_code=period.code,
            values=_values(programme, period, unit, rng),
            narrative=rng.choice(NARRATIVES),
            submit=True,
            today=period.end + dt.timedelta(days=1),
        )
        # When it came in: most within the ten days, some late.
        delay = rng.choice((2, 4, 5, 7, 8, 9, 9, 12, 16))
        PeriodReport.objects.filter(pk=report.pk).update(
            submitted_at=timezone.make_aware(
                dt.datetime.combine(period.end + dt.timedelta(days=delay), dt.time(9, 30))
            )
        )
        report.refresh_from_db()
        if not last:
            approve_report(actor=office, report=report)
        elif returned < len(RETURN_REASONS) and rng.random() < 0.1:
            return_report(actor=office, report=report, reason=RETURN_REASONS[returned])
            returned += 1
        elif rng.random() < 0.5:
            approve_report(actor=office, report=report)


def _clerk_draft(programme: Programme, period: Period, unit: Unit, rng: random.Random) -> None:
    clerk = (
        get_user_model()
        .objects.filter(role_assignments__unit=unit, role_assignments__is_clerk=True)
        .first()
    )
    if clerk is None:
        return
    values = _values(programme, period, unit, rng)
    values.pop("TYLE")  # still to be filled in by the clerk
    save_report(
        actor=clerk,
        programme=programme,
        unit=unit,
        period_code=period.code,
        values=values,
        narrative="",
    )
