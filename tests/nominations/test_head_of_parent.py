"""A head over a whole province (the demo's `lanhdao`: decider and head, with sub-units) sees a
department's draft dossiers but does not act as the department's clerk: the draft belongs to
the unit that drafts it. The department's own clerk and head still move it on."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.nominations.world import S, World, user_with
from vinhdanh.nominations.domain.queries.inbox import awaiting_count
from vinhdanh.nominations.interfaces.forms import RoundForm
from vinhdanh.nominations.rules import can_edit, can_view, is_nominating_clerk, may_manage_round


def _province_head(world: World) -> Any:
    return user_with(world.province, is_head=True, is_decider=True)


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_rules_let_the_province_head_see_a_draft_but_not_act_for_the_department(
    world: World,
) -> None:
    nomination = world.nominate()
    chair = _province_head(world)

    assert can_view(chair, nomination)
    assert not is_nominating_clerk(chair, nomination)
    assert not can_edit(chair, nomination)
    assert not may_manage_round(chair, world.round)
    assert can_edit(world.clerk, nomination)
    assert can_edit(world.head, nomination)  # the department's own head


def test_the_province_heads_page_offers_no_clerks_buttons_and_refuses_the_moves(
    world: World,
) -> None:
    nomination = world.nominate()
    client = _web(_province_head(world))
    page = client.get(reverse("web:workflow_nomination", args=[nomination.pk]))
    edit_url = reverse("web:workflow_nomination_edit", args=[nomination.pk])

    assert page.status_code == 200
    assert edit_url not in page.content.decode()
    assert f'value="{S.SUBMITTED}"' not in page.content.decode()

    client.get(edit_url)  # redirected back to the page with a message
    client.post(edit_url, {"period_label": "Năm khác", "version": nomination.version})
    client.post(
        reverse("web:workflow_nomination_transition", args=[nomination.pk]), {"to": S.SUBMITTED}
    )
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT
    assert nomination.period_label != "Năm khác"


def test_the_province_head_gets_403_over_the_api_and_an_empty_inbox(world: World) -> None:
    nomination = world.nominate()
    chair = _province_head(world)
    api = _api(chair)
    base = f"/api/v1/workflow/nominations/{nomination.pk}/"

    edited = api.patch(base, {"version": nomination.version, "period_label": "X"}, format="json")
    moved = api.post(f"{base}transition/", {"to": S.SUBMITTED}, format="json")

    assert api.get(base).status_code == 200
    assert edited.status_code == 403
    assert moved.status_code == 403
    assert awaiting_count(chair) == 0
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT


def test_the_departments_clerk_still_edits_and_submits(world: World) -> None:
    nomination = world.nominate()
    api = _api(world.clerk)
    base = f"/api/v1/workflow/nominations/{nomination.pk}/"
    page = _web(world.clerk).get(reverse("web:workflow_nomination", args=[nomination.pk]))

    assert reverse("web:workflow_nomination_edit", args=[nomination.pk]) in page.content.decode()
    edited = api.patch(
        base, {"version": nomination.version, "period_label": "Năm 2024"}, format="json"
    )
    assert edited.status_code == 200
    assert awaiting_count(world.clerk) >= 1


def test_the_province_head_is_offered_only_the_province_to_open_a_round(world: World) -> None:
    offered = RoundForm(user=_province_head(world)).fields["owning_unit"].queryset  # type: ignore[attr-defined]
    assert list(offered) == [world.province]
    clerks = RoundForm(user=world.clerk).fields["owning_unit"].queryset  # type: ignore[attr-defined]
    assert world.dept in list(clerks)
