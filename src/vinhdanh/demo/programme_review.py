"""The demo programme's sơ kết: a milestone over the locked quarters, and its thematic round
taken to decided awards through the workflow (nominated, appraised, voted by the provincial
council, proposed, decided by the chair) — so the review has commendations to list as soon as
`make demo` ends.

Nominees: the communes that held the most dissemination sessions, and people of those communes.
The round is the programme's (`Round.programme`), so its awards are the review's.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from vinhdanh.awards.models import AwardKind
from vinhdanh.councils.domain.sessions import (
    add_to_agenda,
    cast_ballots,
    close_session,
    create_session,
    open_session,
    set_attendance,
)
from vinhdanh.councils.enums import Choice
from vinhdanh.councils.models import Council, CouncilMember
from vinhdanh.demo import places
from vinhdanh.demo.decisions import legal_bases
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.domain.nominations import create_nomination, create_round
from vinhdanh.nominations.domain.workflow import bulk_transition, transition
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.programmes.domain.programmes import add_milestone
from vinhdanh.programmes.enums import MilestoneKind
from vinhdanh.programmes.models import Activity, Programme, ReviewMilestone
from vinhdanh.programmes.periods import Period

S = NominationState
DECIDER_ROLE = "chu_tich_ubnd_tinh"
KIND = "BK_BT"
COLLECTIVES = 4
INDIVIDUALS = 6
ACHIEVEMENT = (
    "Có thành tích xuất sắc trong thực hiện Chương trình phổ biến, giáo dục pháp luật giai "
    "đoạn 2025 – 2029: tổ chức thường xuyên hội nghị quán triệt, tuyên truyền lưu động."
)
OVERRIDE = "Khen thưởng chuyên đề theo kết quả sơ kết chương trình, do Ban Chỉ đạo đề xuất."


def add_review(
    programme: Programme,
    root: Unit,
    office: Any,
    admin: Any,
    locked: list[Period],
    rng: random.Random,
    today: dt.date,
) -> ReviewMilestone | None:
    """The sơ kết over the locked quarters and its decided thematic awards (when the demo has
    a provincial council and a decider)."""
    if len(locked) < 2:
        return None
    milestone = add_milestone(
        actor=office,
        programme=programme,
        kind=MilestoneKind.PRELIMINARY,
        title=f"Sơ kết giữa kỳ chương trình (đến {locked[-1].label.lower()})",
        covers_from=programme.starts_on,
        covers_to=locked[-1].end,
        due_on=today,
    )
    decider = get_user_model().objects.filter(username="lanhdao").first()
    council = Council.objects.filter(unit=root).order_by("pk").first()
    if decider is None or council is None:
        return milestone
    round_ = create_round(
        actor=office,
        name="Khen thưởng sơ kết giữa kỳ Chương trình phổ biến, giáo dục pháp luật",
        owning_unit=root,
        decider_unit=root,
        year=today.year,
        decider_role=DECIDER_ROLE,
        programme=programme,
        period_label=f"{programme.starts_on.year} – {locked[-1].year}",
        planned_decision_date=today,
        note="Khen thưởng chuyên đề các tập thể, cá nhân tiêu biểu theo kết quả sơ kết.",
    )
    kind = AwardKind.objects.get(code=KIND)
    active = _most_active(programme, locked, today)
    communes = active[:COLLECTIVES]
    people = _people_of(active, rng)
    nominations = [
        create_nomination(
            actor=admin, round=round_, kind=kind, unit=u, achievement_summary=ACHIEVEMENT
        )
        for u in communes
    ] + [
        create_nomination(
            actor=admin, round=round_, kind=kind, person=p, achievement_summary=ACHIEVEMENT
        )
        for p in people
    ]
    for n in nominations:
        transition(
            nomination=n, to=S.SUBMITTED, actor=admin, notify=False, override_reason=OVERRIDE
        )
        transition(nomination=n, to=S.APPRAISED, actor=office, notify=False)
    _vote(council, nominations, office, today)
    # the round's voted dossiers go up together in one submission (tờ trình) with the list,
    # as the round page's "Propose all voted" does, not one tờ trình per nominee
    proposed = bulk_transition(
        round=round_, to=S.PROPOSED, actor=office, nominations=nominations, notify=False
    )
    if proposed.failed:  # the demo tells its story whole, never skipping a dossier silently
        raise RuntimeError(f"Demo proposal refused: {proposed.failed}")
    issue_decision(
        issuing_unit=root,
        issuing_body=places.PROVINCE_BODY,
        symbol="QĐ-UBND",
        signed_on=today,
        signer_name=f"{decider.last_name} {decider.first_name}".strip(),
        signer_title="Chủ tịch",
        decider_role=DECIDER_ROLE,
        subject=(
            "Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc trong thực "
            "hiện Chương trình phổ biến, giáo dục pháp luật giai đoạn 2025 – 2029"
        ),
        legal_bases=legal_bases(today),
        nominations=proposed.done,
        actor=decider,
    )
    return milestone


def _most_active(programme: Programme, periods: list[Period], today: dt.date) -> list[Unit]:
    """The communes valid today that held the most activities in the periods, most first."""
    counted = (
        Activity.objects.filter(
            programme=programme,
            date__range=(periods[0].start, periods[-1].end),
            unit__valid_to__isnull=True,
        )
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")
    )
    ids = [row["unit_id"] for row in counted[: COLLECTIVES * 4]]
    units = Unit.objects.in_bulk(ids)
    return [units[i] for i in ids if units[i].is_valid_on(today)]


def _people_of(communes: list[Unit], rng: random.Random) -> list[Person]:
    """People working in the most active communes (or in the units under them)."""
    paths = Q()
    for unit in communes:
        paths |= Q(current_unit__path__startswith=unit.path)
    people = list(Person.objects.filter(paths).order_by("pk")[: INDIVIDUALS * 4])
    rng.shuffle(people)
    return people[:INDIVIDUALS]


def _vote(council: Council, nominations: list[Nomination], office: Any, today: dt.date) -> None:
    """A session of the provincial council that passes every nominee."""
    members = list(CouncilMember.objects.filter(council=council).order_by("pk"))
    session = create_session(
        council=council,
        title="Xét khen thưởng sơ kết giữa kỳ Chương trình phổ biến, giáo dục pháp luật",
        date=today,
        place="Phòng họp số 1, UBND tỉnh",
        actor=office,
    )
    add_to_agenda(session=session, nominations=nominations, actor=office)
    set_attendance(session=session, present=members, actor=office)
    open_session(session=session, actor=office)
    for member in members:
        cast_ballots(
            session=session,
            voter=member.user,
            choices={n.pk: Choice.FOR.value for n in nominations},
        )
    close_session(session=session, actor=office)
