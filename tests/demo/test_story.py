"""The demo tells a story: each demo login lands on work to do (demo/story.py).

One generation (400 people) is shared by the module and rolled back at its end; what a run
does once it commits (keeping the numbered papers) is done as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from tests.documents.reading import read, text
from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import Award, Decision, OutgoingDocument
from vinhdanh.councils.enums import CouncilRole, SessionStatus
from vinhdanh.councils.models import BallotCast, Council, CouncilMember, CouncilSession
from vinhdanh.demo.generate import generate_demo
from vinhdanh.demo.logins import DEMO_PASSWORD
from vinhdanh.documents.domain.settings import office_for
from vinhdanh.eligibility.services import evaluate_subject
from vinhdanh.nominations.domain.queries.inbox import SECTIONS, section_queryset
from vinhdanh.nominations.enums import TRANSITION_INDEX, NominationState
from vinhdanh.nominations.models import Attachment, Nomination, NominationEvent, PublicNotice
from vinhdanh.orgs.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db
S = NominationState
STATES = {S.DRAFT, S.SUBMITTED, S.APPRAISED, S.RETURNED, S.VOTED, S.PROPOSED, S.DECIDED}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            generate_demo(people=400, seed=2025, parallel=False)
        yield
        transaction.set_rollback(True)


def _story_nominations() -> Any:
    """The story's nominations (the programme's thematic round is demo/programme_review.py's)."""
    return Nomination.objects.filter(round__programme__isnull=True)


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _waiting(username: str, key: str) -> int:
    section = next(s for s in SECTIONS if s.key == key)
    return section_queryset(section, _user(username)).count()


def test_the_provincial_council_has_members_among_them_the_demo_users(demo: None) -> None:
    council = Council.objects.get(unit__parent__isnull=True)
    members = CouncilMember.objects.filter(council=council)
    assert members.count() >= 5
    assert members.get(user__username="vanphong").role == CouncilRole.SECRETARY
    assert members.filter(user__username="hoidong").exists()
    assert members.filter(role=CouncilRole.CHAIR).count() == 1


def test_the_round_has_nominations_in_every_state_of_the_workflow(demo: None) -> None:
    states = set(Nomination.objects.values_list("state", flat=True))
    assert states >= STATES
    returned = Nomination.objects.get(state=S.RETURNED)
    event = returned.events.get(to_state=S.RETURNED)
    assert event.reason  # returned with a reason the clerk reads
    assert event.actor.username == "vanphong"


def test_dossiers_past_the_draft_carry_their_achievement_report(demo: None) -> None:
    for nomination in _story_nominations().exclude(state=S.DRAFT):
        report = nomination.attachments.get()
        assert report.kind == "achievement_report"
        assert report.original_name.endswith(".docx")
        assert report.size > 0
    assert not Attachment.objects.filter(nomination__state=S.DRAFT).exists()


def test_every_state_was_reached_through_the_workflow(demo: None) -> None:
    for nomination in Nomination.objects.all():
        path = list(
            NominationEvent.objects.filter(nomination=nomination)
            .order_by("id")
            .values_list("from_state", "to_state")
        )
        assert path[0] == ("", S.DRAFT)
        for move in path[1:]:
            assert move in TRANSITION_INDEX, (nomination, move)
        assert path[-1][1] == nomination.state


def test_every_nominee_is_eligible_by_the_engine_with_no_override(demo: None) -> None:
    for nomination in _story_nominations().select_related("round", "person", "kind"):
        assert nomination.eligibility_outcome == "ELIGIBLE"
        assert not nomination.override_reason
        again = evaluate_subject(
            person=nomination.person,
            code=nomination.kind.code,
            period=nomination.period,
            decision_date=nomination.round.planned_decision_date,
            award_type=nomination.award_type,
            decider_role=nomination.round.decider_role,
        )
        assert again.outcome.value == "ELIGIBLE"


def test_a_public_notice_is_under_way_for_the_voted_nominees(demo: None) -> None:
    today = timezone.localdate()
    notices = PublicNotice.objects.all()
    assert notices
    for notice in notices:
        assert notice.is_open_on(today)
        assert notice.ends_on > today
        assert set(notice.nominations.values_list("state", flat=True)) == {S.VOTED}


def test_decisions_were_issued_by_the_chair_for_the_decided_nominees(demo: None) -> None:
    decided = list(Nomination.objects.filter(state=S.DECIDED).select_related("decision", "award"))
    assert decided
    for nomination in decided:
        assert nomination.decision.decider_role == "chu_tich_ubnd_tinh"
        assert nomination.decision.signer_name == "Trần Văn Bình"
        assert nomination.decision.signed_on == timezone.localdate()
        assert nomination.award.person_id == nomination.person_id
        assert nomination.award.kind_id == nomination.kind_id
    ids = {n.decision_id for n in decided}
    assert Decision.objects.filter(pk__in=ids, number__isnull=False).count() == len(ids)
    assert Award.objects.filter(decision_id__in=ids).count() == len(decided)


def test_the_council_voted_once_and_one_session_waits_for_the_demo_members(demo: None) -> None:
    closed = (
        CouncilSession.objects.filter(items__nomination__round__programme__isnull=True)
        .distinct()
        .get(status=SessionStatus.CLOSED)
    )
    assert closed.minutes
    open_ = CouncilSession.objects.get(status=SessionStatus.OPEN)
    assert open_.items.count() == Nomination.objects.filter(state=S.APPRAISED).count()
    voted = set(BallotCast.objects.filter(session=open_).values_list("user__username", flat=True))
    assert "hoidong" not in voted
    assert "vanphong" not in voted
    assert voted  # the other members have voted


def test_each_demo_login_lands_on_work_to_do(demo: None) -> None:
    clerks = [
        r.user.username
        for r in RoleAssignment.objects.filter(user__username__startswith="vanthu.", is_clerk=True)
        if r.user.check_password(DEMO_PASSWORD)
    ]
    assert len(clerks) == 2  # the department's and the commune's
    story_clerks = get_user_model().objects.filter(username__startswith="tdkt.")
    assert story_clerks
    assert not any(u.has_usable_password() for u in story_clerks)
    assert any(_waiting(c, "to_submit") + _waiting(c, "returned") for c in clerks)
    commune_clerk = RoleAssignment.objects.get(
        user__username__in=clerks, unit__level="commune"
    ).user.username
    assert _waiting(commune_clerk, "to_submit") + _waiting(commune_clerk, "returned")
    assert _waiting("vanphong", "to_appraise")
    assert _waiting("vanphong", "to_propose")
    assert _waiting("lanhdao", "to_decide")
    open_ = CouncilSession.objects.get(status=SessionStatus.OPEN)
    hoidong = CouncilMember.objects.get(council=open_.council, user__username="hoidong")
    assert not BallotCast.objects.filter(session=open_, member=hoidong).exists()


def test_demo_logins_says_what_each_user_can_try_in_vietnamese(demo: None) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    lines = {line.split(" — ")[0].strip(): line for line in text.splitlines() if " — " in line}
    for username in ("admin", "vanphong", "lanhdao", "hoidong", "vanthu.sotuphap", "canbo"):
        assert "Việc có thể thử:" in lines[username], text
    assert "bỏ phiếu" in lines["hoidong"]
    assert "quyết định" in lines["lanhdao"]
    assert "thẩm định" in lines["vanphong"]
    # the newer pages, for the roles that use them
    assert "danh sách xét danh hiệu thi đua" in lines["vanthu.sotuphap"].lower()
    assert "số văn thư cấp" in lines["lanhdao"]
    for page in ("sổ văn bản đi", "sơ kết, tổng kết", "thống kê", "phôi in sẵn"):
        assert page in lines["vanphong"].lower(), page
    assert "phôi in sẵn" not in lines["hoidong"].lower()
    assert "Things to try" not in text


def test_the_story_stays_with_the_demo_units(demo: None) -> None:
    province = Unit.objects.get(parent__isnull=True, level="province")
    for nomination in _story_nominations().select_related("round", "person__current_unit"):
        assert nomination.round.decider_unit == province
        assert nomination.person.current_unit.path.startswith(nomination.round.owning_unit.path)


def test_each_demo_clerk_has_an_open_round_for_the_units_own_titles(
    demo: None, client: Any
) -> None:
    """The unit's own round (LĐTT, CSTĐCS, decided by its head) is open with nobody in it: a
    demo clerk's candidate list offers it and a box for each eligible person not yet
    nominated; the province's CSTĐCS quota applies, so the list shows the "Trong tỷ lệ"."""
    from django.urls import reverse

    from vinhdanh.awards.models import AwardKind
    from vinhdanh.eligibility.models import ParameterValue
    from vinhdanh.nominations.domain.rounds import rounds_open_for

    province = Unit.objects.get(parent__isnull=True, level="province")
    assert ParameterValue.objects.filter(key="cstdcs_quota_of_ldtt", unit=province).exists()
    roles = RoleAssignment.objects.filter(user__username__startswith="vanthu.", is_clerk=True)
    assert roles.count() == 2
    year = timezone.localdate().year - 1
    for role in roles.select_related("user", "unit"):
        codes = ("LDTT", "CSTDCS") if role.unit.level == "department" else ("LDTT",)
        for code in codes:
            kind = AwardKind.objects.get(code=code)
            (own,) = [
                r
                for r in rounds_open_for(role.user, unit=role.unit, year=year, kind=kind)
                if r.decider_unit_id == role.unit_id
            ]
            assert not own.nominations.exists()
        client.force_login(role.user)
        url = reverse("web:unit_candidates", args=[role.unit_id])
        page = client.get(url + f"?code={codes[-1]}").content.decode()
        if code == "CSTDCS":
            assert "CSTĐCS theo từng đơn vị" in page
        eligible = re.findall(r'<a href="/people/(\d+)/">', page)
        boxes = re.findall(r'name="person" value="(\d+)"', page)
        assert boxes == eligible
        if boxes:
            assert f'<option value="{own.pk}">{own.name}</option>' in page


def test_a_rounds_voted_dossiers_go_up_in_one_submission(demo: None) -> None:
    """The round page's "propose all voted": one tờ trình per round, covering its nominees."""
    from vinhdanh.awards.enums import OutgoingKind
    from vinhdanh.awards.models import OutgoingDocument

    sent = _story_nominations().filter(state__in=(S.PROPOSED, S.DECIDED))
    rounds = set(sent.values_list("round_id", flat=True))
    assert rounds
    for round_id in rounds:
        submissions = OutgoingDocument.objects.filter(
            kind=OutgoingKind.SUBMISSION, round_id=round_id
        )
        assert submissions.count() == 1, round_id
        assert set(submissions.get().nominations.values_list("pk", flat=True)) == set(
            sent.filter(round_id=round_id).values_list("pk", flat=True)
        )


def test_every_numbered_paper_is_kept_signed_by_its_office(demo: None) -> None:
    entries = OutgoingDocument.objects.select_related("issuing_unit")
    assert {e.kind for e in entries} >= {OutgoingKind.SUBMISSION, OutgoingKind.NOTICE}
    assert [e.number_label for e in entries.filter(kept_paper__isnull=True)] == []
    for entry in entries.exclude(kind=OutgoingKind.MINUTES):
        signature = office_for(entry.issuing_unit, entry.signed_on).signature
        assert signature.name, entry.issuing_unit.name
        with entry.kept_paper.file.open("rb") as stream:
            paper = text(read(stream.read()))
        assert signature.name in paper
        assert signature.title.upper() in paper


def test_every_round_proposes_in_one_submission_from_the_provincial_office(demo: None) -> None:
    """The story's rounds and the programme's thematic round alike: one tờ trình per round,
    sent up by the Sở Nội vụ (not the nominating commune, not the chair to himself), naming
    the provincial council that voted; its signer is in the register."""
    chair = _user("lanhdao")
    chair_name = f"{chair.last_name} {chair.first_name}"
    sent = Nomination.objects.filter(state__in=(S.PROPOSED, S.DECIDED))
    rounds = set(sent.values_list("round_id", flat=True))
    assert Nomination.objects.filter(round__programme__isnull=False, pk__in=sent).exists()
    for round_id in rounds:
        entry = OutgoingDocument.objects.get(kind=OutgoingKind.SUBMISSION, round_id=round_id)
        assert entry.issuing_unit.name == "Sở Nội vụ"
        assert entry.number_label.endswith("/TTr-SNV")
        assert entry.nominations.count() == sent.filter(round_id=round_id).count()
        kept = entry.kept_paper
        assert kept.signer_name
        assert kept.signer_name != chair_name
        assert kept.signer_title == "Giám đốc"
        with kept.file.open("rb") as stream:
            doc = read(stream.read())
        paper = text(doc)
        header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
        assert "SỞ NỘI VỤ" in header
        assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in paper
        assert "của Hội đồng Thi đua - Khen thưởng tỉnh" in paper
        assert "TM. ỦY BAN NHÂN DÂN" not in paper
        assert chair_name not in paper
