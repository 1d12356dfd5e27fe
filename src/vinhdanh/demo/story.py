"""The demo's story: a provincial round under way, so each demo login lands on work to do.

Everything here goes through the domain functions a user's clicks go through (rounds and
nominations, the council and its sessions, the public notice, the decision), so the demo is
always in a state the workflow can produce, audited like any other change. The nominees are
people the eligibility engine finds ELIGIBLE for a title the chair of the provincial People's
Committee may award (asked with the same request a nomination makes).

The story, for the achievement year `year` (the last simulated year), dated from `today`:

- the provincial emulation and commendation council (chair, vice chair, members, secretary),
  with the demo users `vanphong` (secretary) and `hoidong` among its members;
- one round per nominating unit (the department and commune of the demo clerks first; other
  units' clerks, `tdkt.*`, are made for the story and cannot log in), to be decided by the
  chair, with nominations in every state of the workflow: draft, submitted, returned with a
  reason, appraised, voted, proposed to the decider, decided; every dossier past the draft
  has its achievement report (a .docx) attached;
- each office whose papers the story numbers (its rounds' submissions and notices) with a
  signer in its document settings: whoever signed its latest decision in the generated history
  (a deputy signs for the head, "KT.");
- a closed council session (its votes passed the voted, proposed and decided nominations) and
  an open one in which `vanphong` and `hoidong` have not voted yet;
- a public notice of the voted nominees, open from today for five working days;
- a decision issued today by the chair for the decided nominations.

Deterministic for a seed and a day: the same candidates, in the same states.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from vinhdanh.awards.enums import DecisionStatus
from vinhdanh.awards.models import AwardKind, Decision
from vinhdanh.common.context import acting
from vinhdanh.councils.domain.councils import add_member, create_council
from vinhdanh.councils.domain.sessions import (
    add_to_agenda,
    cast_ballots,
    close_session,
    create_session,
    open_session,
    set_attendance,
)
from vinhdanh.councils.enums import Choice, CouncilRole
from vinhdanh.councils.models import Council, CouncilMember, CouncilSession
from vinhdanh.demo import places
from vinhdanh.demo.decisions import KIND_SUBJECT, legal_bases
from vinhdanh.demo.logins import _role, _slug, _user, ensure_demo_logins
from vinhdanh.demo.names import NamePicker
from vinhdanh.documents.domain.settings import office_for, save_settings, settings_to_edit
from vinhdanh.eligibility.core.engine import outcome_column
from vinhdanh.eligibility.domain.parameters import set_parameter
from vinhdanh.eligibility.services import batch_for_people, evaluate_subject
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.domain.nominations import (
    add_attachment,
    create_nomination,
    create_round,
)
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.domain.submissions import submission_issuer
from vinhdanh.nominations.domain.workflow import bulk_transition, transition
from vinhdanh.nominations.enums import AttachmentKind, NominationState
from vinhdanh.nominations.models import Nomination, PublicNotice, Round
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

S = NominationState
DECIDER_ROLE = "chu_tich_ubnd_tinh"
# Titles the chair awards to a person (Law 06/2022 Art. 79), the more demanding first.
CODES = ("CSTD_BT", "BK_BT")
AWARD_TYPE = "CONG_TRANG"
DEPARTMENT_CODE = "STP"  # the department of the demo clerk `vanthu.sotuphap`

# The states nominees are left in, by priority: with few eligible people, each demo login still
# gets its work first (clerk, office, council, decider), then the rest of the workflow.
PLAN: tuple[str, ...] = (
    S.DRAFT,
    S.SUBMITTED,
    S.APPRAISED,
    S.PROPOSED,
    S.RETURNED,
    S.VOTED,
    S.DECIDED,
    S.DRAFT,
    S.SUBMITTED,
    S.APPRAISED,
    S.PROPOSED,
    S.VOTED,
    S.DECIDED,
)
# The workflow's order: the demo clerks' units (first among the nominees) get the early states.
ORDER = (S.DRAFT, S.RETURNED, S.SUBMITTED, S.APPRAISED, S.VOTED, S.PROPOSED, S.DECIDED)
PAST_APPRAISAL = frozenset({S.VOTED, S.PROPOSED, S.DECIDED})
NOTICE_WORKING_DAYS = 5
SLICE = 5_000  # people evaluated at a time when looking for nominees
ENOUGH = 4 * len(PLAN)  # eligible people found: enough to choose from

RETURN_REASON = (
    "Đề nghị bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị và biên bản họp "
    "xét khen thưởng của đơn vị; nêu rõ sáng kiến đã được công nhận."
)
SUMMARIES = {
    "CSTD_BT": (
        "Hai năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở; có sáng kiến được Hội đồng "
        "khoa học cấp tỉnh công nhận, áp dụng hiệu quả trong toàn ngành."
    ),
    "BK_BT": (
        "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ; tích cực trong cải cách hành chính và "
        "chuyển đổi số, được đơn vị suy tôn đề nghị khen thưởng."
    ),
}
# The council besides the demo users (who cannot log in: they voted in the closed session).
OTHER_MEMBERS = (
    ("hoidong.chutich", "Đặng Quốc Khánh", CouncilRole.CHAIR, "Phó Chủ tịch UBND tỉnh"),
    ("hoidong.phochutich", "Võ Thị Thanh Hà", CouncilRole.VICE_CHAIR, "Giám đốc Sở Nội vụ"),
    ("hoidong.sotaichinh", "Bùi Đức Thắng", CouncilRole.MEMBER, "Giám đốc Sở Tài chính"),
    ("hoidong.ldld", "Phan Thị Mai", CouncilRole.MEMBER, "Chủ tịch Liên đoàn Lao động tỉnh"),
)
CLERK_NAMES = (
    "Đỗ Thị Hằng",
    "Ngô Văn Tùng",
    "Lý Thị Thu",
    "Hồ Minh Đức",
    "Mai Thị Ngân",
    "Cao Văn Lực",
)


@dataclass
class Story:
    council: Council | None = None
    rounds: list[Round] = field(default_factory=list)
    nominations: dict[str, list[Nomination]] = field(default_factory=lambda: defaultdict(list))
    sessions: list[CouncilSession] = field(default_factory=list)
    notices: list[PublicNotice] = field(default_factory=list)
    decisions: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    person: Person
    code: str
    unit: Unit  # the nominating unit: the person's unit directly under the province


def tell_story(*, seed: int, year: int, today: dt.date | None = None) -> Story:
    """Write the story into a database that holds a generated demo province."""
    root = (
        Unit.objects.filter(parent__isnull=True, level=UnitLevel.PROVINCE, valid_to__isnull=True)
        .order_by("id")
        .first()
    )
    if root is None:
        return Story()
    today = today or timezone.localdate()
    decision_day = today + dt.timedelta(days=30)
    with transaction.atomic(), acting(None, source="cli:generate_demo"):
        candidates = _candidates(root, year, decision_day, seed)
        commune = _commune_with_most(candidates)
        ensure_demo_logins(commune=commune)
        users = _demo_users()
        story = Story()
        story.council = _council(root, users, today)
        chosen = _choose(candidates, root, year, decision_day)
        clerk_of = _clerks(root, chosen, users)
        rounds = _rounds(root, year, today, decision_day, chosen, clerk_of)
        story.rounds = list(rounds.values())
        story.rounds += _unit_title_rounds(root, year, today, decision_day, clerk_of)
        _signers(story.rounds, users["vanphong"], seed, today)
        _cstdcs_quota(root, year)
        states = sorted(PLAN[: len(chosen)], key=ORDER.index)
        plan = list(zip(chosen, states, strict=True))
        _nominate(story, plan, rounds, clerk_of, users["vanphong"])
        _council_sessions(story, users, today)
        _notice_and_proposals(story, users["vanphong"], today)
        _decide(story, root, users["lanhdao"], today)
    return story


# --- who ---------------------------------------------------------------------------------


def _demo_users() -> dict[str, Any]:
    user_model = get_user_model()
    return {u.username: u for u in user_model.objects.filter(username__in=_DEMO_NAMES)}


_DEMO_NAMES = ("vanphong", "hoidong", "lanhdao", "vanthu.sotuphap")


def _council(root: Unit, users: dict[str, Any], today: dt.date) -> Council:
    office = users["vanphong"]
    council = create_council(
        unit=root,
        name=f"Hội đồng Thi đua - Khen thưởng tỉnh {places.PROVINCE_SHORT}",
        actor=office,
        established_by=f"Quyết định số 1250/QĐ-UBND ngày 15/3/{today.year - 1} của UBND tỉnh",
    )
    for username, name, role, title in OTHER_MEMBERS:
        member = _user(username, full_name=name)
        member.set_unusable_password()
        member.save(update_fields=["password"])
        add_member(council=council, user=member, role=role, title=title, actor=office)
    add_member(
        council=council,
        user=users["hoidong"],
        role=CouncilRole.MEMBER,
        title="Chánh Văn phòng UBND tỉnh",
        actor=office,
    )
    add_member(
        council=council,
        user=office,
        role=CouncilRole.SECRETARY,
        title="Trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ",
        actor=office,
    )
    return council


def _clerks(root: Unit, chosen: list[Candidate], users: dict[str, Any]) -> dict[int, Any]:
    """The clerk who nominates for each unit: a demo login where there is one, else a clerk
    of that unit made for the story (who cannot log in)."""
    from vinhdanh.orgs.models import RoleAssignment

    clerk_of: dict[int, Any] = {}
    demo_roles = RoleAssignment.objects.filter(
        user__username__startswith="vanthu.", is_clerk=True
    ).select_related("user")
    for role in demo_roles:
        if role.user.has_usable_password():
            clerk_of[role.unit_id] = role.user
    names = iter(CLERK_NAMES * 50)
    for candidate in chosen:
        unit = candidate.unit
        if unit.pk in clerk_of:
            continue
        username = f"tdkt.{_slug(unit)}"
        if get_user_model().objects.filter(username=username).exists():
            username = f"{username}.{unit.pk}"
        user = _user(username, full_name=next(names))
        user.set_unusable_password()
        user.save(update_fields=["password"])
        _role(user, unit, "Cán bộ thi đua - khen thưởng", is_clerk=True)
        clerk_of[unit.pk] = user
    return clerk_of


# --- whom --------------------------------------------------------------------------------


def _candidates(root: Unit, year: int, decision_day: dt.date, seed: int) -> list[Candidate]:
    """People the engine finds eligible, with the unit that nominates them."""
    tops = {
        u.pk: u
        for u in Unit.objects.filter(parent=root, valid_to__isnull=True).order_by("code", "pk")
    }
    people = Person.objects.filter(
        current_unit__path__startswith=root.path, current_unit__valid_to__isnull=True
    ).exclude(current_unit=root)
    if not tops or not people.exists():
        return []
    # The department of the demo clerk first, then the others by slices of ids until there are
    # enough: a province of a million people is not evaluated whole for a dozen nominees.
    department = _department(root)
    slices = []
    if department is not None:
        slices.append(people.filter(current_unit__path__startswith=department.path))
        people = people.exclude(current_unit__path__startswith=department.path)
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    slices += [
        people.filter(pk__gte=ids[i], pk__lte=ids[min(i + SLICE, len(ids)) - 1])
        for i in range(0, len(ids), SLICE)
    ]
    taken: set[int] = set()
    found: list[tuple[int, str]] = []
    for group in slices:
        if len(found) >= ENOUGH:
            break
        batch = batch_for_people(group, year, decision_day, jurisdiction=root, codes=CODES)
        for code in CODES:
            column = outcome_column(code)
            eligible = batch.frame.filter(pl.col(column) == "ELIGIBLE")["subject_id"].to_list()
            for pk in sorted(int(x) for x in eligible):
                if pk not in taken:
                    taken.add(pk)
                    found.append((pk, code))
    by_id = Person.objects.select_related("current_unit").in_bulk([pk for pk, _c in found])
    result = []
    for pk, code in found:
        person = by_id[pk]
        if person.current_unit is None:
            continue
        parts = [int(x) for x in person.current_unit.path.strip("/").split("/")]
        top = tops.get(parts[1]) if len(parts) > 1 else None
        if top is not None:
            result.append(Candidate(person, code, top))
    random.Random(f"{seed}|story").shuffle(result)
    return result


def _commune_with_most(candidates: list[Candidate]) -> Unit | None:
    counts: dict[int, int] = defaultdict(int)
    units: dict[int, Unit] = {}
    for c in candidates:
        if c.unit.level == UnitLevel.COMMUNE:
            counts[c.unit.pk] += 1
            units[c.unit.pk] = c.unit
    if not counts:
        return None
    best = min(counts, key=lambda pk: (-counts[pk], units[pk].code))
    return units[best]


def _choose(
    candidates: list[Candidate], root: Unit, year: int, decision_day: dt.date
) -> list[Candidate]:
    """Demo clerks' units first; each checked with the very request its nomination makes."""
    from vinhdanh.demo.logins import demo_commune_of_clerk

    first = {u.pk for u in (_department(root), demo_commune_of_clerk()) if u is not None}
    ordered = [c for c in candidates if c.unit.pk in first]
    ordered += [c for c in candidates if c.unit.pk not in first]
    chosen: list[Candidate] = []
    for candidate in ordered:
        if len(chosen) == len(PLAN):
            break
        result = evaluate_subject(
            person=candidate.person,
            code=candidate.code,
            period=year,
            decision_date=decision_day,
            award_type=AWARD_TYPE,
            decider_role=DECIDER_ROLE,
        )
        if getattr(result.outcome, "value", result.outcome) == "ELIGIBLE":
            chosen.append(candidate)
    return chosen


def _department(root: Unit) -> Unit | None:
    return Unit.objects.filter(code=f"{root.code}.{DEPARTMENT_CODE}").first()


# --- the workflow ------------------------------------------------------------------------


def _rounds(
    root: Unit,
    year: int,
    today: dt.date,
    decision_day: dt.date,
    chosen: list[Candidate],
    clerk_of: dict[int, Any],
) -> dict[int, Round]:
    units: list[Unit] = []
    department = _department(root)
    if department is not None and department.pk in clerk_of:
        units.append(department)  # its clerk's round is open even with nobody in it yet
    for c in chosen:
        if c.unit not in units:
            units.append(c.unit)
    rounds: dict[int, Round] = {}
    for unit in units:
        rounds[unit.pk] = create_round(
            actor=clerk_of[unit.pk],
            name=f"Đề nghị khen thưởng cấp tỉnh năm {year} — {unit.name}",
            owning_unit=unit,
            decider_unit=root,
            year=year,
            decider_role=DECIDER_ROLE,
            submission_deadline=today + dt.timedelta(days=10),
            appraisal_deadline=today + dt.timedelta(days=20),
            planned_decision_date=decision_day,
            note="Bằng khen và danh hiệu Chiến sĩ thi đua cấp tỉnh theo Luật TĐKT 06/2022.",
        )
    return rounds


# The unit's own titles (LĐTT, CSTĐCS), decided by its head: left open with nobody in them,
# so a demo clerk can tick eligible people on the candidate list and nominate them.
# A commune's chair awards LĐTT, not CSTĐCS: each round is named after what its decider gives.
UNIT_DECIDERS = {
    UnitLevel.DEPARTMENT: ("giam_doc_so", "Lao động tiên tiến, Chiến sĩ thi đua cơ sở"),
    UnitLevel.COMMUNE: ("chu_tich_ubnd_xa", "Lao động tiên tiến"),
}
# The share of a unit's LĐTT that may be CSTĐCS, set by the province (no national cap since
# 2024, rules.md §5.3). Not 15%: the generated history gives some 17% in 2024–2025, and the
# demo clerk of the department still has CSTĐCS to propose within the quota.
CSTDCS_QUOTA = "25%"


def _unit_title_rounds(
    root: Unit, year: int, today: dt.date, decision_day: dt.date, clerk_of: dict[int, Any]
) -> list[Round]:
    from vinhdanh.demo.logins import demo_commune_of_clerk

    rounds = []
    for unit in (_department(root), demo_commune_of_clerk()):
        if unit is None or unit.pk not in clerk_of or unit.level not in UNIT_DECIDERS:
            continue
        role, titles = UNIT_DECIDERS[UnitLevel(unit.level)]
        rounds.append(
            create_round(
                actor=clerk_of[unit.pk],
                name=f"Xét danh hiệu {titles} năm {year} — {unit.name}",
                owning_unit=unit,
                decider_unit=unit,
                year=year,
                decider_role=role,
                submission_deadline=today + dt.timedelta(days=10),
                appraisal_deadline=today + dt.timedelta(days=20),
                planned_decision_date=decision_day,
                note="Danh hiệu thi đua của đơn vị theo Luật TĐKT 06/2022, Điều 24 và 25.",
            )
        )
    return rounds


def _signers(rounds: list[Round], office: Any, seed: int, today: dt.date) -> None:
    """A signer for each office whose rounds' papers the register numbers (the nominating
    units' notices; the submissions of the emulation office at the decider's level, the Sở
    Nội vụ), as its document settings would hold one: otherwise an office with no head
    among the demo's people or roles could not sign, and its numbered paper would not be kept."""
    units = [r.owning_unit for r in rounds] + [submission_issuer(r, today) for r in rounds]
    for unit in dict.fromkeys(units):
        current = office_for(unit, today)
        if current.signature.name:
            continue
        name, title = _signer(unit, seed, today, current.signature.title)
        settings = settings_to_edit(unit)
        settings.signer_name, settings.signer_title = name, title
        save_settings(settings, actor=office)


def _signer(unit: Unit, seed: int, today: dt.date, title: str) -> tuple[str, str]:
    """Who signed the unit's latest decision in the generated history (its head or a deputy),
    else a head named for the story, with the unit's head title."""
    signed = (
        Decision.objects.filter(
            issuing_unit=unit, status=DecisionStatus.ISSUED, signed_on__lte=today
        )
        .exclude(signer_name="")
        .order_by("-signed_on", "-id")
        .values_list("signer_name", "signer_title")
        .first()
    )
    if signed is not None:
        return signed[0], signed[1] or title
    rng = random.Random(f"{seed}|story-signer|{unit.code}")
    return NamePicker().full_name(rng, birth_year=1970), title


def _cstdcs_quota(root: Unit, year: int) -> None:
    """The province's CSTĐCS quota, so the lists' "Trong tỷ lệ" figures have a cap to show."""
    set_parameter(
        key="cstdcs_quota_of_ldtt",
        value=CSTDCS_QUOTA,
        unit=root,
        valid_from=dt.date(year, 1, 1),
        legal_basis="Quy chế thi đua, khen thưởng của tỉnh (dữ liệu mẫu)",
        note="Tỷ lệ CSTĐCS trên số LĐTT của từng cơ quan, đơn vị.",
    )


def _nominate(
    story: Story,
    plan: list[tuple[Candidate, str]],
    rounds: dict[int, Round],
    clerk_of: dict[int, Any],
    office: Any,
) -> None:
    kinds = {k.code: k for k in AwardKind.objects.filter(code__in=CODES)}
    for candidate, target in plan:
        clerk = clerk_of[candidate.unit.pk]
        nomination = create_nomination(
            actor=clerk,
            round=rounds[candidate.unit.pk],
            kind=kinds[candidate.code],
            person=candidate.person,
            award_type=AWARD_TYPE,
            achievement_summary=SUMMARIES[candidate.code],
        )
        if target != S.DRAFT:
            # Drafts are left without their report: attaching one is the clerk's next step.
            add_attachment(
                actor=clerk,
                nomination=nomination,
                upload=_report(candidate, nomination),
                kind=AttachmentKind.ACHIEVEMENT_REPORT,
                description="Báo cáo thành tích đề nghị khen thưởng",
            )
            transition(nomination=nomination, to=S.SUBMITTED, actor=clerk, notify=False)
        if target == S.RETURNED:
            transition(
                nomination=nomination,
                to=S.RETURNED,
                actor=office,
                reason=RETURN_REASON,
                notify=False,
            )
        if target == S.APPRAISED or target in PAST_APPRAISAL:
            transition(nomination=nomination, to=S.APPRAISED, actor=office, notify=False)
        story.nominations[str(target)].append(nomination)


def _report(candidate: Candidate, nomination: Nomination) -> SimpleUploadedFile:
    """The achievement report (báo cáo thành tích) of a nominee, as a small .docx."""
    from docx import Document

    person = candidate.person
    document = Document()
    document.core_properties.title = "Báo cáo thành tích"
    document.add_heading("BÁO CÁO THÀNH TÍCH", level=1)
    document.add_paragraph(f"Đề nghị tặng: {nomination.kind.name} năm {nomination.period}")
    document.add_paragraph(f"Họ và tên: {person.full_name}")
    document.add_paragraph(f"Đơn vị công tác: {person.current_unit}")
    document.add_heading("Thành tích đạt được", level=2)
    document.add_paragraph(nomination.achievement_summary)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        f"bao-cao-thanh-tich-{person.code}.docx".lower(),
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _council_sessions(story: Story, users: dict[str, Any], today: dt.date) -> None:
    """A closed session that passed the later nominees; an open one waiting for two votes."""
    council = story.council
    assert council is not None
    office = users["vanphong"]
    members = list(CouncilMember.objects.filter(council=council).order_by("pk"))
    passed = [n for state in PAST_APPRAISAL for n in story.nominations[state]]
    if passed:
        session = create_session(
            council=council,
            title=f"Xét khen thưởng cấp tỉnh năm {passed[0].period} — phiên thứ nhất",
            date=today,
            place="Phòng họp số 1, UBND tỉnh",
            actor=office,
        )
        add_to_agenda(session=session, nominations=passed, actor=office)
        set_attendance(session=session, present=members, actor=office)
        open_session(session=session, actor=office)
        for member in members:
            cast_ballots(
                session=session,
                voter=member.user,
                choices={n.pk: Choice.FOR.value for n in passed},
            )
        close_session(session=session, actor=office)
        story.sessions.append(session)
        for state in PAST_APPRAISAL:
            for n in story.nominations[state]:
                n.refresh_from_db()
    waiting = story.nominations[S.APPRAISED]
    if waiting:
        session = create_session(
            council=council,
            title=f"Xét khen thưởng cấp tỉnh năm {waiting[0].period} — phiên thứ hai",
            date=today,
            place="Phòng họp số 1, UBND tỉnh",
            actor=office,
        )
        add_to_agenda(session=session, nominations=waiting, actor=office)
        set_attendance(session=session, present=members, actor=office)
        open_session(session=session, actor=office)
        demo_voters = {users["vanphong"].pk, users["hoidong"].pk}
        for member in members:
            if member.user_id in demo_voters:
                continue  # the demo users vote themselves
            cast_ballots(
                session=session,
                voter=member.user,
                choices={n.pk: Choice.FOR.value for n in waiting},
            )
        story.sessions.append(session)


def _notice_and_proposals(story: Story, office: Any, today: dt.date) -> None:
    by_round: dict[int, list[Nomination]] = defaultdict(list)
    for n in story.nominations[S.VOTED]:
        by_round[n.round_id].append(n)
    for round_ in story.rounds:
        posted = by_round.get(round_.pk)
        if posted:
            story.notices.append(
                post_notice(
                    actor=office,
                    round=round_,
                    starts_on=today,
                    nominations=posted,
                    working_days=NOTICE_WORKING_DAYS,
                    title=f"Lấy ý kiến nhân dân: {round_.name}",
                )
            )
    # A round's voted dossiers go up together, as the round page's "Propose all voted" does:
    # one submission (tờ trình) per round, not one per nominee.
    to_propose: dict[int, list[Nomination]] = defaultdict(list)
    for n in [*story.nominations[S.PROPOSED], *story.nominations[S.DECIDED]]:
        to_propose[n.round_id].append(n)
    for round_ in story.rounds:
        chosen = to_propose.get(round_.pk)
        if not chosen:
            continue
        result = bulk_transition(
            round=round_, to=S.PROPOSED, actor=office, nominations=chosen, notify=False
        )
        if result.failed:  # the demo must tell its story whole, not skip a dossier silently
            raise RuntimeError(f"Demo proposal refused: {result.failed}")


def _decide(story: Story, root: Unit, decider: Any, today: dt.date) -> None:
    by_code: dict[str, list[Nomination]] = defaultdict(list)
    for n in story.nominations[S.DECIDED]:
        n.refresh_from_db()
        by_code[n.kind.code].append(n)
    for code in CODES:
        chosen = by_code.get(code)
        if not chosen:
            continue
        story.decisions.append(
            issue_decision(
                issuing_unit=root,
                issuing_body=places.PROVINCE_BODY,
                symbol="QĐ-UBND",
                signed_on=today,
                signer_name=f"{decider.last_name} {decider.first_name}".strip(),
                signer_title="Chủ tịch",
                decider_role=DECIDER_ROLE,
                subject=KIND_SUBJECT[code].format(y=chosen[0].period),
                legal_bases=legal_bases(today),
                nominations=chosen,
                actor=decider,
            )
        )
