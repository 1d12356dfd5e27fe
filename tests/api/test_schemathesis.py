"""Every operation of the REST API against the OpenAPI schema the app itself serves.

Schemathesis loads /api/v1/schema/ through the WSGI application and generates requests for
each operation: valid ones (positive mode) and ones that break the schema (negative mode). It
sends them through the same WSGI application, signed in with HTTP Basic as the superuser of a
small populated world, and checks every answer: no 5xx, a documented status code and content
type, a body that matches the documented schema, and invalid requests refused with a 4xx.

Random ids would almost never name an existing object, so valid requests are steered: path
ids, id filters and the ids in bodies are, on some examples, replaced by ids of the world
(only for positive cases, so that negative ones stay invalid). Each example runs inside a
savepoint that is rolled back, so every example sees the same world, whatever the ones
before it changed; the whole module is reproducible (derandomized, no example database).

Bounded: `MAX_EXAMPLES` per operation, phases `examples` and `fuzzing` only (the coverage
phase enumerates boundary values without a bound; the stateful phase chains operations).
To dig deeper locally: VINHDANH_SCHEMATHESIS_EXAMPLES=200 pytest tests/api/test_schemathesis.py
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.db.models import Model
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.api.world import World, build_world
from tests.councils.builders import FOR, CouncilWorld, make_council, make_nomination, run_vote
from tests.factories.people import PersonFactory
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.councils.domain.sessions import add_to_agenda, create_session
from vinhdanh.councils.models import Council, CouncilMember, CouncilSession
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Notification, Round
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.programmes.domain.activities import record_activity
from vinhdanh.programmes.domain.programmes import add_activity_kind, add_indicator, create_programme
from vinhdanh.programmes.domain.reports import approve_report, lock_period, save_report
from vinhdanh.programmes.enums import PeriodKind
from vinhdanh.programmes.models import Activity, ActivityKind, PeriodReport, Programme
from vinhdanh.wsgi import application

MAX_EXAMPLES = int(os.environ.get("VINHDANH_SCHEMATHESIS_EXAMPLES", "15"))
PASSWORD = "mat-khau-dai-123"  # tests.factories.orgs.UserFactory

CONFIG = schemathesis.Config.from_dict(
    {
        # Credentials come from the test (HTTP Basic), not from generated security parameters.
        "generation": {"with-security-parameters": False},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.negative_data_rejection,
]

# What the ids in paths, query strings and bodies name (path: the part before `{id}`).
PATH_IDS: dict[str, type[Model]] = {
    "units": Unit,
    "people": Person,
    "awards": Award,
    "decisions": Decision,
    "councils": Council,
    "councils/sessions": CouncilSession,
    "councils/decisions": Decision,
    "eligibility/people": Person,
    "eligibility/units": Unit,
    "workflow/nominations": Nomination,
    "workflow/rounds": Round,
    "workflow/notifications": Notification,
    "programmes": Programme,
    "programme-activities": Activity,
    "programme-reports": PeriodReport,
}
FIELD_IDS: dict[str, type[Model]] = {
    "awards": Award,
    "council": Council,
    "decider_unit": Unit,
    "decision": Decision,
    "issuing_unit": Unit,
    "kind": ActivityKind,
    "member": CouncilMember,
    "nomination": Nomination,
    "nominations": Nomination,
    "owning_unit": Unit,
    "parent": Unit,
    "person": Person,
    "present": CouncilMember,
    "programme": Programme,
    "round": Round,
    "rounds": Round,
    "unit": Unit,
}


@pytest.fixture
def _real_wsgi_requests() -> Iterator[None]:
    """Keep the test's connection (and its transaction) across requests, as Django's test
    client does: the WSGI handler would otherwise close it when each request starts."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def populate(world: World) -> None:
    """A round with a nomination in every state, a council with sessions in every status."""
    superuser, office = world.users["superuser"], world.users["office"]
    council, members = make_council(unit=world.province, size=3)
    members.append(CouncilMember.objects.create(council=council, user=superuser))
    round_ = Round.objects.create(
        name="Khen thưởng năm 2024",
        owning_unit=world.unit_a,
        decider_unit=world.province,
        decider_role="chu_tich_ubnd_tinh",
        year=2024,
        planned_decision_date=dt.date(2025, 1, 15),
    )
    nominations = {
        state: make_nomination(round=round_, person=PersonFactory(), state=state)
        for state in NominationState.values
    }
    council_world = CouncilWorld(
        unit=world.province, council=council, members=members, office=office, round=round_
    )
    for close in (True, False):
        voted = make_nomination(round=round_, state=NominationState.APPRAISED)
        run_vote(
            council_world,
            [voted],
            present=members,
            votes={voted.pk: [FOR] * len(members)},
            close=close,
        )
    planned = create_session(
        council=council, title="Phiên họp kế hoạch", date=dt.date(2025, 3, 20), actor=office
    )
    add_to_agenda(
        session=planned, nominations=[nominations[NominationState.APPRAISED]], actor=office
    )
    populate_programme(world)
    Notification.objects.create(
        user=superuser,
        nomination=nominations[NominationState.SUBMITTED],
        verb="submitted",
        message="Có đề nghị mới.",
    )


def populate_programme(world: World) -> None:
    """A yearly programme of the province's departments: an activity, reports, a locked year."""
    superuser = world.users["superuser"]
    programme = create_programme(
        actor=superuser,
        name="Chương trình cải cách hành chính",
        owner_unit=world.province,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        period_kind=PeriodKind.YEAR,
    )
    kind = add_activity_kind(actor=superuser, programme=programme, name="Hội nghị")
    add_indicator(actor=superuser, programme=programme, code="sessions", name="Số hội nghị")
    record_activity(
        actor=superuser,
        programme=programme,
        unit=world.unit_a,
        kind=kind,
        date=dt.date(2024, 3, 1),
        title="Hội nghị triển khai",
        participants=120,
    )
    for code in ("2023", "2024"):
        report = save_report(
            actor=superuser,
            programme=programme,
            unit=world.unit_a,
            period_code=code,
            values={"sessions": 3},
            submit=True,
        )
        approve_report(actor=superuser, report=report)
    lock_period(actor=superuser, programme=programme, period_code="2023")


WorldIds = tuple[World, dict[type[Model], list[Any]]]


@pytest.fixture(scope="module")
def api_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[WorldIds]:
    """The world and the ids of what it holds, built once for the module.

    Built in a transaction rolled back when the module ends; each test (pytest-django's `db`)
    and each example (the test's own savepoint) runs in a savepoint inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        populate(world)
        models = {*PATH_IDS.values(), *FIELD_IDS.values()}
        ids = {
            model: list(model.objects.order_by("pk").values_list("pk", flat=True))
            for model in models
        }
        ids[AwardKind] = list(AwardKind.objects.order_by("code").values_list("code", flat=True))
        yield world, ids
        transaction.set_rollback(True)


def steer(case: Any, data: Any, ids: dict[type[Model], list[Any]]) -> None:
    """On some examples, name objects of the world instead of random ids (valid cases only)."""
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    match = re.match(r"/api/v1/(.+?)/\{(id|code)\}", case.operation.path)
    if match and case.path_parameters and data.draw(st.booleans(), label="existing object"):
        model = AwardKind if match[2] == "code" else PATH_IDS[match[1]]
        case.path_parameters[match[2]] = data.draw(st.sampled_from(ids[model]), label=match[0])
    if isinstance(case.query, dict):
        _steer_fields(case.query, data, ids)
    if isinstance(case.body, dict | list):
        _steer_fields(case.body, data, ids)


def _steer_fields(value: Any, data: Any, ids: dict[type[Model], list[Any]]) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        model = FIELD_IDS.get(key) if isinstance(key, str) else None
        if model is not None and isinstance(item, int | list) and data.draw(st.booleans()):
            pick = st.sampled_from(ids[model])
            if isinstance(item, list):
                value[key] = data.draw(st.lists(pick, min_size=1, max_size=3, unique=True))
            else:
                value[key] = data.draw(pick, label=key)
        elif isinstance(item, dict | list):
            _steer_fields(item, data, ids)


@pytest.mark.usefixtures("_real_wsgi_requests")
@schema.parametrize()
@schema.given(data=st.data())
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # `db` is function-scoped on purpose: every example runs in its own rolled-back savepoint.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_api_conforms_to_its_schema(case: Any, data: Any, api_world: WorldIds, db: None) -> None:
    world, ids = api_world
    steer(case, data, ids)
    call_and_validate(case, world)


def call_and_validate(case: Any, world: World) -> Any:
    """Send the case as the superuser (HTTP Basic) in a savepoint rolled back afterwards."""
    username = world.users["superuser"].username
    token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    with transaction.atomic():
        response = case.call_and_validate(
            headers={"Authorization": f"Basic {token}"}, checks=CHECKS
        )
        transaction.set_rollback(True)
    return response


@pytest.mark.usefixtures("_real_wsgi_requests")
def test_each_example_sees_the_world_and_leaves_it_unchanged(api_world: WorldIds, db: None) -> None:
    world, ids = api_world
    council = ids[Council][0]
    before = CouncilSession.objects.count()
    case = schema["/api/v1/councils/{id}/sessions/"]["POST"].Case(
        path_parameters={"id": council},
        body={"title": "Phiên họp thử", "date": "2025-04-01"},
        media_type="application/json",
    )

    response = call_and_validate(case, world)

    assert response.status_code == 201  # the request read the world built by the fixture
    assert CouncilSession.objects.count() == before  # and its session was rolled back
