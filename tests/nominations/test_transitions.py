"""The TRANSITIONS table is the whole workflow: every move it lists works for the right role,
every move it does not list is refused, and every move leaves its audit trail."""

from __future__ import annotations

import itertools

import pytest
from django.utils.translation import gettext as _

from tests.factories.awards import DecisionFactory
from tests.nominations.world import S, World, force_state, no_public_notice
from vinhdanh.common.context import acting
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.domain.errors import MissingReason, NotPermitted, WorkflowError
from vinhdanh.nominations.domain.workflow import allowed_transitions, transition
from vinhdanh.nominations.enums import TRANSITION_INDEX, TRANSITIONS, NominationState
from vinhdanh.nominations.models import NominationEvent

pytestmark = pytest.mark.django_db

# Who the predicate of each row stands for, among the world's users.
ALLOWED_ACTORS = {
    "is_nominating_clerk": ("clerk", "head"),
    "is_appraising_office": ("office",),
    "is_council_secretariat": ("council", "office"),
    "is_proposer": ("office",),
    "is_decider": ("decider",),
}
EVERYONE = ("clerk", "head", "clerk_b", "office", "council", "decider", "outsider")


def _context(world: World, target: str) -> dict[str, object]:
    if target in (S.DECIDED, S.REVOKED):
        return {"decision": DecisionFactory(issuing_unit=world.province)}
    return {}


def _move(world: World, source: str, target: str, actor: str):  # type: ignore[no-untyped-def]
    nomination = force_state(world.nominate(), source)
    return transition(
        nomination=nomination,
        to=target,
        actor=getattr(world, actor),
        reason="Lý do cụ thể",
        **_context(world, target),
    )


ROWS = [pytest.param(t, id=f"{t.source}->{t.target}") for t in TRANSITIONS]


@pytest.mark.parametrize("row", ROWS)
def test_transition_in_the_table_is_allowed_for_its_role(world: World, row) -> None:  # type: ignore[no-untyped-def]
    no_public_notice("LDTT")
    for actor in ALLOWED_ACTORS[row.predicate]:
        if row.target == S.VOTED:
            # The role passes; the move then needs the council's passing vote (tested below).
            with pytest.raises(WorkflowError) as error:
                _move(world, row.source, row.target, actor)
            assert str(error.value) == _("The council has not voted on this nomination yet.")
            continue
        moved = _move(world, row.source, row.target, actor)
        assert moved.state == row.target, actor


@pytest.mark.parametrize("row", ROWS)
def test_transition_in_the_table_is_denied_to_other_roles(world: World, row) -> None:  # type: ignore[no-untyped-def]
    no_public_notice("LDTT")
    nomination = force_state(world.nominate(), row.source)
    for actor in sorted(set(EVERYONE) - set(ALLOWED_ACTORS[row.predicate])):
        with pytest.raises(NotPermitted):
            transition(
                nomination=nomination,
                to=row.target,
                actor=getattr(world, actor),
                reason="Lý do cụ thể",
                **_context(world, row.target),
            )
        nomination.refresh_from_db()
        assert nomination.state == row.source, actor


PAIRS = [
    pytest.param(a, b, id=f"{a}->{b}")
    for a, b in itertools.product(NominationState.values, repeat=2)
    if (a, b) not in TRANSITION_INDEX
]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_transition_not_in_the_table_is_refused_even_to_a_superuser(
    world: World, source: str, target: str, django_user_model
) -> None:  # type: ignore[no-untyped-def]
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    nomination = force_state(world.nominate(), source)
    with pytest.raises(WorkflowError) as error:
        transition(nomination=nomination, to=target, actor=root, reason="x")
    assert str(error.value) == _(
        "A nomination that is “%(state)s” cannot be moved to “%(target)s”."
    ) % {
        "state": NominationState(source).label,
        "target": NominationState(target).label,
    }
    nomination.refresh_from_db()
    assert nomination.state == source


def test_transition_writes_the_history_row_and_the_audit_event_in_the_request(
    world: World,
) -> None:
    nomination = world.nominate()
    with acting(world.clerk, source="web", request_id="req-42"):
        transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
    with acting(world.office, source="api", request_id="req-43"):
        transition(
            nomination=nomination, to=S.RETURNED, actor=world.office, reason="Thiếu biên bản"
        )

    events = list(NominationEvent.objects.filter(nomination=nomination).order_by("id"))
    assert [(e.from_state, e.to_state) for e in events] == [
        ("", S.DRAFT),
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
    ]
    returned = events[-1]
    assert (returned.actor, returned.reason, returned.request_id) == (
        world.office,
        "Thiếu biên bản",
        "req-43",
    )

    audit = AuditEvent.objects.filter(
        object_type="nominations.nomination",
        object_id=str(nomination.pk),
        action=AuditEvent.Action.ACTION,
    ).order_by("id")
    submitted, sent_back = list(audit)
    assert submitted.user_id == world.clerk.pk
    assert submitted.request_id == "req-42"
    assert submitted.after["from_state"] == S.DRAFT
    assert submitted.after["to_state"] == S.SUBMITTED
    assert sent_back.user_id == world.office.pk
    assert sent_back.request_id == "req-43"
    assert sent_back.source == "api"
    assert (sent_back.after["from_state"], sent_back.after["to_state"]) == (
        S.SUBMITTED,
        S.RETURNED,
    )
    assert sent_back.after["reason"] == "Thiếu biên bản"
    # The state column's own change is logged too, in the same request.
    update = AuditEvent.objects.get(
        object_type="nominations.nomination",
        object_id=str(nomination.pk),
        action=AuditEvent.Action.UPDATE,
        request_id="req-43",
    )
    assert update.before["state"] == S.SUBMITTED
    assert update.after["state"] == S.RETURNED


@pytest.mark.parametrize("row", [r for r in ROWS if r.values[0].target != S.VOTED])
def test_every_transition_records_who_from_to_and_why(world: World, row) -> None:  # type: ignore[no-untyped-def]
    no_public_notice("LDTT")
    actor = ALLOWED_ACTORS[row.predicate][0]
    with acting(getattr(world, actor), source="web", request_id=f"rq-{row.source}-{row.target}"):
        moved = _move(world, row.source, row.target, actor)
    event = AuditEvent.objects.filter(
        object_type="nominations.nomination",
        object_id=str(moved.pk),
        action=AuditEvent.Action.ACTION,
        message__startswith="transition",
    ).get()
    assert event.user_id == getattr(world, actor).pk
    assert event.request_id == f"rq-{row.source}-{row.target}"
    assert (event.after["from_state"], event.after["to_state"]) == (row.source, row.target)
    assert event.after["reason"] == "Lý do cụ thể"
    history = moved.events.order_by("-id").first()
    assert (history.from_state, history.to_state, history.actor) == (
        row.source,
        row.target,
        getattr(world, actor),
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [(t.source, t.target) for t in TRANSITIONS if t.reason_required],
)
def test_reason_is_required_with_a_vietnamese_message(
    world: World, source: str, target: str
) -> None:
    actor = ALLOWED_ACTORS[TRANSITION_INDEX[(source, target)].predicate][0]
    nomination = force_state(world.nominate(), source)
    with pytest.raises(MissingReason) as error:
        transition(
            nomination=nomination,
            to=target,
            actor=getattr(world, actor),
            reason="   ",
            **_context(world, target),
        )
    assert str(error.value) == _(
        "Give a reason: it is required to move a nomination to “%(target)s”."
    ) % {"target": NominationState(target).label}
    nomination.refresh_from_db()
    assert nomination.state == source
    assert not AuditEvent.objects.filter(
        object_id=str(nomination.pk), message__startswith="transition"
    ).exists()


def test_return_and_reject_are_in_the_reason_required_rows() -> None:
    for row in TRANSITIONS:
        if row.target in (S.RETURNED, S.REJECTED, S.REVOKED):
            assert row.reason_required, row


def test_decided_only_through_a_decision(world: World) -> None:
    nomination = force_state(world.nominate(), S.PROPOSED)
    with pytest.raises(WorkflowError) as error:
        transition(nomination=nomination, to=S.DECIDED, actor=world.decider)
    assert str(error.value) == _("A nomination is decided or revoked only by issuing a decision.")


def test_decided_stores_the_decision_and_the_award(world: World) -> None:
    from tests.factories.awards import AwardFactory

    nomination = force_state(world.nominate(), S.PROPOSED)
    decision = DecisionFactory(issuing_unit=world.province)
    award = AwardFactory(decision=decision, person=nomination.person)
    transition(
        nomination=nomination, to=S.DECIDED, actor=world.decider, decision=decision, award=award
    )
    assert (nomination.state, nomination.decision, nomination.award) == (
        S.DECIDED,
        decision,
        award,
    )


def test_the_buttons_offered_follow_the_table_and_the_role(world: World) -> None:
    nomination = world.nominate()
    assert {t.target for t in allowed_transitions(nomination, world.clerk)} == {
        S.SUBMITTED,
        S.WITHDRAWN,
    }
    assert allowed_transitions(nomination, world.office) == []
    force_state(nomination, S.SUBMITTED)
    assert {t.target for t in allowed_transitions(nomination, world.office)} == {
        S.APPRAISED,
        S.RETURNED,
        S.REJECTED,
    }
    force_state(nomination, S.PROPOSED)
    # "decided" is reached only by issuing a decision: no button for it.
    assert {t.target for t in allowed_transitions(nomination, world.decider)} == {S.REJECTED}


def test_another_departments_clerk_cannot_act_on_the_dossier(world: World) -> None:
    nomination = world.nominate()
    with pytest.raises(NotPermitted):
        transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk_b)
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT


def test_a_department_office_cannot_appraise_what_the_province_decides(world: World) -> None:
    from tests.nominations.world import user_with

    dept_office = user_with(world.dept, is_emulation_office=True)
    nomination = force_state(world.nominate(), S.SUBMITTED)
    with pytest.raises(NotPermitted):
        transition(nomination=nomination, to=S.APPRAISED, actor=dept_office)


def test_voted_requires_a_passing_council_vote(world: World) -> None:
    from tests.councils.builders import AGAINST, FOR, CouncilWorld, make_council, run_vote

    council, members = make_council(unit=world.province, size=5)
    cw = CouncilWorld(
        unit=world.province,
        council=council,
        members=members,
        office=world.office,
        round=world.round,
    )
    passing = force_state(world.nominate(), S.APPRAISED)
    failing = force_state(world.nominate(), S.APPRAISED)
    run_vote(
        cw,
        [passing, failing],
        present=members,
        votes={passing.pk: [FOR] * 5, failing.pk: [AGAINST] * 5},
    )
    passing.refresh_from_db()
    failing.refresh_from_db()
    assert passing.state == S.VOTED
    assert failing.state == S.APPRAISED
    voted = AuditEvent.objects.get(
        object_type="nominations.nomination",
        object_id=str(passing.pk),
        message__startswith="transition",
    )
    assert voted.user_id == world.office.pk
    assert (voted.after["from_state"], voted.after["to_state"]) == (S.APPRAISED, S.VOTED)
    with pytest.raises(WorkflowError) as error:
        transition(nomination=failing, to=S.VOTED, actor=world.office)
    assert str(error.value) == _(
        "The council vote did not pass this nomination: it cannot be marked as voted."
    )
