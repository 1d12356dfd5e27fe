"""A nomination the engine does not find eligible goes forward only with a recorded reason,
by the head of the nominating unit or the emulation office, and the reason stays visible."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _

from tests.nominations.world import S, World
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.domain.errors import NotEligible, NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import record_override
from vinhdanh.nominations.domain.workflow import transition
from vinhdanh.nominations.enums import Outcome
from vinhdanh.people.enums import Rating

pytestmark = pytest.mark.django_db


def _not_eligible(world: World):  # type: ignore[no-untyped-def]
    nomination = world.nominate(person=world.person(rating=Rating.HTNV))
    assert nomination.eligibility_outcome == Outcome.NOT_ELIGIBLE
    return nomination


def test_engine_runs_on_creation_and_keeps_its_explanation(world: World) -> None:
    nomination = world.nominate()
    assert nomination.eligibility_outcome == Outcome.ELIGIBLE
    assert nomination.eligibility_evaluated_at is not None
    assert nomination.eligibility_checks
    assert {"rule", "ok", "cite", "message"} <= set(nomination.eligibility_checks[0])
    assert all(c["rule"].startswith("R-") for c in nomination.eligibility_checks)


def test_not_eligible_nomination_cannot_be_submitted_without_override(world: World) -> None:
    nomination = _not_eligible(world)
    with pytest.raises(NotEligible) as error:
        transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
    message = str(error.value)
    assert str(Outcome.NOT_ELIGIBLE.label) in message
    assert "HTNV" in message  # the failed check is quoted
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT


def test_clerk_cannot_override(world: World) -> None:
    nomination = _not_eligible(world)
    with pytest.raises(NotPermitted):
        record_override(actor=world.clerk, nomination=nomination, reason="Thành tích đặc biệt")
    with pytest.raises(NotPermitted):
        transition(
            nomination=nomination,
            to=S.SUBMITTED,
            actor=world.clerk,
            override_reason="Thành tích đặc biệt",
        )
    nomination.refresh_from_db()
    assert not nomination.has_override


def test_head_overrides_then_clerk_submits_and_the_override_stays_visible(world: World) -> None:
    nomination = _not_eligible(world)
    record_override(
        actor=world.head, nomination=nomination, reason="Có thành tích đột xuất trong năm"
    )
    transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
    transition(nomination=nomination, to=S.APPRAISED, actor=world.office)
    nomination.refresh_from_db()
    assert nomination.state == S.APPRAISED
    assert nomination.override_reason == "Có thành tích đột xuất trong năm"
    assert nomination.override_outcome == Outcome.NOT_ELIGIBLE
    assert nomination.override_by == world.head
    # Every later step carries it: in the history rows' data and the audit events.
    submitted = nomination.events.get(to_state=S.SUBMITTED)
    appraised = nomination.events.get(to_state=S.APPRAISED)
    assert submitted.data["override"] == appraised.data["override"] == nomination.override_reason
    assert AuditEvent.objects.filter(
        object_id=str(nomination.pk), message="eligibility override recorded"
    ).exists()


def test_office_overrides_while_submitting_in_one_step(world: World) -> None:
    from tests.nominations.world import force_state

    nomination = force_state(_not_eligible(world), S.SUBMITTED)
    transition(
        nomination=nomination,
        to=S.APPRAISED,
        actor=world.office,
        override_reason="Hội đồng đề nghị xem xét đặc cách",
    )
    assert nomination.state == S.APPRAISED
    assert nomination.override_by == world.office


def test_override_needs_a_reason(world: World) -> None:
    nomination = _not_eligible(world)
    with pytest.raises(WorkflowError) as error:
        record_override(actor=world.head, nomination=nomination, reason="  ")
    assert str(error.value) == _("Give the reason for sending this nomination forward.")


def test_no_override_for_an_eligible_nomination(world: World) -> None:
    with pytest.raises(WorkflowError):
        record_override(actor=world.head, nomination=world.nominate(), reason="Không cần")


def test_engine_runs_again_on_submission(world: World) -> None:
    """Facts changed after the draft was made: the submission sees the new answer."""
    from vinhdanh.people.models import TaskRating

    nomination = world.nominate()
    assert nomination.is_eligible
    TaskRating.objects.filter(person=nomination.person).update(rating=Rating.HTNV)
    with pytest.raises(NotEligible):
        transition(nomination=nomination, to=S.SUBMITTED, actor=world.clerk)
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT
