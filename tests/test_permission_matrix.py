"""The permission matrix: every URL of the project, for every role (NetBox-style).

The URL list is read from the resolver, so a new view is in the matrix the moment it has a URL.
To build a concrete address the matrix must know what to put in each path parameter; when it
does not, the test fails and says what to add to the tables below. A new view cannot escape.

For every role it checks what a user would notice:
- anonymous: the web sends them to the login page, the API answers 401/403, nothing changes;
- the clerk of unit B: 404 on unit A's objects, never a trace of unit A in any page or list,
  and no change made by POSTing to unit A's objects;
- the emulation office of the province and the superuser: 200 on everything in scope;
- the clerk of unit A, a council member and a decider: in scope, they are never sent away
  with a 404 (a 403 is allowed where a page needs a capability they do not hold);
- administrators' pages (the audit log): 403/404 for everyone else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import models
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.world import A_MARKERS, ROLES, World, build_world
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.common.models import AuditEvent, BackgroundJob, JobKind, JobStatus
from vinhdanh.common.xlsx import workbook_bytes
from vinhdanh.councils.models import (
    Council,
    CouncilMember,
    CouncilSession,
    Recusal,
)
from vinhdanh.documents.models import SignedScan
from vinhdanh.movements.models import Movement, MovementDocument, Registration
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import (
    Attachment,
    Nomination,
    Notification,
    PublicNotice,
    Round,
)
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person, Post, TaskRating
from vinhdanh.programmes.models import (
    Activity,
    ActivityAttachment,
    ActivityKind,
    Committee,
    CommitteeDecision,
    Indicator,
    PeriodReport,
    Programme,
    ReportValue,
)

# --- what the matrix enumerates -------------------------------------------------------------

SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/", "__debug__/")

# Pages anyone may open. Only "no server error" is checked for them (signed out and in).
PUBLIC = {
    "healthz",
    "favicon",
    "login",
    "logout",
    "api:schema",
    "web:workflow_public_notices",
    "web:workflow_public_notice",
    # signing in: the code, the password reset (they reveal nothing and change nothing on GET)
    "login_code",
    "account:password_reset",
    "account:password_reset_done",
    "account:password_reset_confirm",
    "account:password_reset_complete",
}

# Pages for administrators (superusers) only.
ADMIN_ONLY = {"web:audit", "account:lockouts"}


def _is_admin_only(name: str) -> bool:
    return name in ADMIN_ONLY or "audit" in name


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    route: str  # the pattern, for messages
    kwargs: tuple[str, ...]
    view: Any = field(compare=False, repr=False)

    @property
    def is_api(self) -> bool:
        return self.route.startswith(("api/", "^api/"))

    @property
    def id(self) -> str:
        return f"{self.name}[{','.join(self.kwargs)}]" if self.kwargs else self.name


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str | None
) -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.lstrip("^").startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, ns)
            continue
        kwargs = tuple(sorted(_kwarg_names(route)))
        name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
        yield Route(name=name, route=route, kwargs=kwargs, view=entry.callback)


def _kwarg_names(route: str) -> set[str]:
    names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    names |= set(re.findall(r"\(\?P<(\w+)>", route))
    return names


def all_routes() -> list[Route]:
    routes: dict[tuple[str, tuple[str, ...]], Route] = {}
    for r in _walk(get_resolver().url_patterns, "", None):
        routes.setdefault((r.name or r.route, r.kwargs), r)
    return sorted(routes.values(), key=lambda r: (r.name, r.kwargs))


# --- how to fill path parameters --------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One object to put in a URL, and whose it is."""

    label: str
    get: Callable[[World], Any]
    # "A": unit A's alone; "shared": in both A's and B's scope; "global": everyone's;
    # "clerk_a": clerk A's own (a notification)
    owner: str


def _extra(key: str) -> Callable[[World], Any]:
    return lambda world: world.extra[key]


# Objects of each model the matrix puts in URLs. "A" objects give unit A's 404 test for the
# clerk of unit B; "shared" ones (a provincial decision awarding people of A and B) check
# that B sees it without any trace of A.
MODEL_TARGETS: dict[type[models.Model], list[Target]] = {
    Unit: [Target("unit_a", lambda w: w.unit_a, "A")],
    Person: [Target("person_a", lambda w: w.person_a, "A")],
    Decision: [
        Target("decision_a", lambda w: w.decision_a, "A"),
        Target("decision_province", lambda w: w.decision_province, "shared"),
    ],
    Award: [Target("award_a", lambda w: w.award_a, "A")],
    Post: [Target("post_a", lambda w: w.post_a, "A")],
    TaskRating: [Target("rating_a", lambda w: w.rating_a, "A")],
    AwardKind: [Target("kind_ldtt", lambda w: AwardKind.objects.get(code="LDTT"), "global")],
    AuditEvent: [Target("audit_event", lambda w: AuditEvent.objects.order_by("id")[0], "global")],
    Movement: [Target("movement_a", _extra("movement_a"), "A")],
    MovementDocument: [Target("movement_document_a", _extra("movement_document_a"), "A")],
    Registration: [Target("registration_a", _extra("registration_a"), "A")],
    Round: [Target("round_a", _extra("round_a"), "A")],
    Nomination: [Target("nomination_a", _extra("nomination_a"), "A")],
    Attachment: [Target("attachment_a", _extra("attachment_a"), "A")],
    Notification: [Target("notification_clerk_a", _extra("notification_a"), "clerk_a")],
    BackgroundJob: [Target("job_clerk_a", _extra("job_a"), "clerk_a")],
    PublicNotice: [Target("notice_a", _extra("notice_a"), "A")],
    Council: [Target("council_a", _extra("council_a"), "A")],
    CouncilMember: [Target("member_a", _extra("member_a"), "A")],
    CouncilSession: [Target("session_a", _extra("session_a"), "A")],
    Recusal: [Target("recusal_a", _extra("recusal_a"), "A")],
    Programme: [Target("programme_a", _extra("programme_a"), "A")],
    Committee: [Target("committee_a", _extra("committee_a"), "A")],
    CommitteeDecision: [Target("committee_decision_a", _extra("committee_decision_a"), "A")],
    Activity: [Target("activity_a", _extra("activity_a"), "A")],
    ActivityAttachment: [Target("activity_attachment_a", _extra("activity_attachment_a"), "A")],
    PeriodReport: [Target("report_a", _extra("report_a"), "A")],
}

# The model behind a `pk`/`id` parameter, by url name, where neither the view (`model`,
# `queryset`) nor the path segment before the parameter (SEGMENT_MODELS) tells it.
URL_MODELS: dict[str, type[models.Model]] = {"web:councils:end_member": CouncilMember}

# "people/<int:pk>/…" → Person: the path segment just before an id names its model.
SEGMENT_MODELS: dict[str, type[models.Model]] = {
    "units": Unit,
    "people": Person,
    "decisions": Decision,
    "awards": Award,
    "award-kinds": AwardKind,
    "posts": Post,
    "ratings": TaskRating,
    "audit": AuditEvent,
    "movements": Movement,
    "movement-documents": MovementDocument,
    "registrations": Registration,
    "rounds": Round,
    "nominations": Nomination,
    "attachments": Attachment,
    "notifications": Notification,
    "notices": PublicNotice,
    "councils": Council,
    "sessions": CouncilSession,
    "recusals": Recusal,
    "jobs": BackgroundJob,
    "programmes": Programme,
}

# Parameters that are not object ids, by url name then by parameter name.
URL_VALUES: dict[str, dict[str, Callable[[World], Any]]] = {
    "web:import_template": {"kind": lambda w: "people"},
    "web:import_upload": {"kind": lambda w: "people"},
    "web:import_confirm": {"token": lambda w: "0" * 32},
    # a collective's explanation takes a collective title
    "web:collective_why": {"code": lambda w: "TTLDTT"},
    "account:password_reset_confirm": {"uidb64": lambda w: "MQ", "token": lambda w: "x-y"},
}
PARAM_VALUES: dict[str, Callable[[World], Any]] = {
    "format": lambda w: "json",
    "year": lambda w: 2024,
    "code": lambda w: "LDTT",
    "period": lambda w: "2024-Q1",  # a quarter of the matrix's programme
    "chart": lambda w: "activities",  # a figure of the programme's review and dashboard
}

IN_SCOPE_ROLES = ("clerk_a", "office", "council", "decider", "superuser")

# Where a view is expected to answer differently from the rule for its kind of page:
# {url name: {role: allowed statuses}}.
EXPECTED_OVERRIDES: dict[str, dict[str, set[int]]] = {
    # an unknown import token is gone for everyone (or refused to who may not import)
    "web:import_confirm": {r: {302, 403, 404} for r in ROLES if r != "anonymous"},
    # issuing and revoking decisions is the decider's work, not the emulation office's
    "web:councils:issue": {"office": {200, 403}},
    "web:councils:revoke": {"office": {200, 403}},
    # minutes exist once a session is closed; the matrix's session is still planned
    **{
        name: {r: {200, 302, 400, 403, 404} for r in IN_SCOPE_ROLES}
        for name in (
            "web:councils:minutes",
            "web:councils:minutes_docx",
            "api:council-session-minutes",
            "api:council-session-minutes-docx",
        )
    },
}


class UnknownRoute(AssertionError):
    pass


def _view_model(route: Route) -> type[models.Model] | None:
    view = route.view
    for holder in (getattr(view, "view_class", None), getattr(view, "cls", None)):
        if holder is None:
            continue
        model = getattr(holder, "model", None)
        queryset = getattr(holder, "queryset", None)
        if model is None and queryset is not None:
            model = queryset.model
        if model is not None:
            return model  # type: ignore[no-any-return]
    return None


def _segment_model(route: Route, param: str) -> type[models.Model] | None:
    match = re.search(rf"([\w-]+)/(?:<(?:\w+:)?{param}>|\(\?P<{param}>)", route.route)
    return SEGMENT_MODELS.get(match.group(1)) if match else None


def _model_for(route: Route, param: str) -> type[models.Model] | None:
    if param in ("pk", "id"):
        return URL_MODELS.get(route.name) or _view_model(route) or _segment_model(route, param)
    if param.endswith(("_pk", "_id")):
        stem = param.rsplit("_", 1)[0]
        return next((m for m in MODEL_TARGETS if m._meta.model_name == stem.replace("_", "")), None)
    return None


def variants(route: Route) -> list[tuple[str, dict[str, Callable[[World], Any]], str]]:
    """(label, {param: value getter}, owner) for each address the matrix tries for a route."""
    fixed: dict[str, Callable[[World], Any]] = {}
    choices: list[tuple[str, Target]] = []
    for param in route.kwargs:
        if param in URL_VALUES.get(route.name, {}):
            fixed[param] = URL_VALUES[route.name][param]
        elif (model := _model_for(route, param)) is not None:
            if model not in MODEL_TARGETS:
                raise UnknownRoute(
                    f"{route.name or route.route}: no test object for {model.__name__} "
                    f"(parameter <{param}>). Add it to MODEL_TARGETS in {__file__}."
                )
            if choices:  # a second object parameter takes the first choice
                target = MODEL_TARGETS[model][0]
                fixed[param] = _pk_of(target)
            else:
                choices = [(param, t) for t in MODEL_TARGETS[model]]
        elif param in PARAM_VALUES:
            fixed[param] = PARAM_VALUES[param]
        else:
            raise UnknownRoute(
                f"The permission matrix does not know how to fill <{param}> in "
                f"'{route.route}' (url name {route.name or '(none)'!r}). Add the url name to "
                f"URL_MODELS (an object id), the path segment to SEGMENT_MODELS, or the url "
                f"name to URL_VALUES (any other value) in {__file__}."
            )
    if not choices:
        return [("", fixed, "global")]
    return [
        (target.label, {**fixed, param: _pk_of(target)}, target.owner) for param, target in choices
    ]


def _pk_of(target: Target) -> Callable[[World], Any]:
    return lambda world: target.get(world).pk


# --- what a response says -----------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body_text(response: HttpResponse) -> str:
    """What the user sees: the page, the JSON, the cells of a spreadsheet, a file's bytes."""
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        raw = response.content  # (a streamed body is closed by the test client once read)
    if response.get("Content-Type", "").startswith(XLSX):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
        )
    return raw.decode("utf-8", errors="replace")


def _is_login_redirect(response: HttpResponse) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


# 405: a POST-only action answers GET so, revealing nothing; 302: a page that sends the user
# on elsewhere (never to the login page: that is checked separately)
OK_OR_POST_ONLY = {200, 302, 405}
IN_SCOPE = {200, 302, 403, 405}  # 403: the page needs a capability this role does not hold
HIDDEN = {404, 405}
REFUSED = {403, 404, 405}


# The decision paper lists every recipient: a clerk who sees only their own unit's awards of
# the shared provincial decision has no such paper (documents.domain.access).
WHOLE_DECISION_PAPERS = {"web:document_decision", "web:document_scan", "api:decision-scan"}


def expected_get(route: Route, owner: str, role: str) -> set[int] | str:
    """Allowed statuses for a GET, or 'login' for a redirect to the login page."""
    if route.name in EXPECTED_OVERRIDES and role in EXPECTED_OVERRIDES[route.name]:
        return EXPECTED_OVERRIDES[route.name][role]
    if role == "anonymous":
        return {401, 403} if route.is_api else "login"
    if route.name in WHOLE_DECISION_PAPERS and owner == "shared" and role.startswith("clerk"):
        return HIDDEN
    if _is_admin_only(route.name):
        return OK_OR_POST_ONLY if role == "superuser" else REFUSED
    if owner == "clerk_a":  # somebody's own object (a notification)
        if role == "clerk_a":
            return {*IN_SCOPE, 302}
        return {*REFUSED, 200, 302} if role == "superuser" else REFUSED
    if owner == "A" and role == "clerk_b":
        return HIDDEN
    if owner == "A" and role == "council" and _council_object(route):
        # a council member role at the province does not sit on unit A's council: its pages
        # are as missing for them as for anyone who does not read it (visible_councils)
        return HIDDEN
    if role in ("office", "superuser"):
        return OK_OR_POST_ONLY
    return IN_SCOPE


def _council_object(route: Route) -> bool:
    council_models = (Council, CouncilMember, CouncilSession, Recusal)
    return "pk" in route.kwargs and _model_for(route, "pk") in council_models


def _is_own_api(route: Route) -> bool:
    """This API's read-only views (vinhdanh.api.views), whose answers name their object."""
    view = getattr(route.view, "cls", None)
    return view is not None and view.__module__.startswith("vinhdanh.api.views")


# --- the world the matrix reads ----------------------------------------------------------------


def add_workflow(world: World) -> None:
    """Unit A's movement, round, nomination, dossier file and public notice; clerk A's message."""
    today = dt.date.today()
    pdf = b"%PDF-1.4\n% Bao cao thanh tich ZZPERSONA\n%%EOF\n"
    movement = Movement.objects.create(
        name="Phong trào Khoa học Alpha thi đua", launched_by=world.unit_a, starts_on=today
    )
    document = MovementDocument(
        movement=movement,
        title="Kế hoạch Khoa học Alpha",
        original_name="ke-hoach-ZZUNITA.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    document.file.save("ke-hoach.pdf", ContentFile(pdf), save=True)
    registration = Registration.objects.create(
        movement=movement, registering_unit=world.unit_a, person=world.person_a, year=2024
    )
    round_ = Round.objects.create(
        name="Đợt xét Khoa học Alpha 2024",
        owning_unit=world.unit_a,
        decider_unit=world.province,
        year=2024,
    )
    nomination = Nomination.objects.create(
        round=round_,
        person=world.person_a,
        kind=AwardKind.objects.get(code="CSTDCS"),
        period=2024,
        state=NominationState.SUBMITTED,
        achievement_summary="Hoàn thành xuất sắc nhiệm vụ năm 2024.",  # submittable again
    )
    attachment = Attachment(
        nomination=nomination,
        original_name="bao-cao-ZZPERSONA.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    attachment.file.save("bao-cao.pdf", ContentFile(pdf), save=True)
    notice = PublicNotice.objects.create(
        round=round_,
        title="Công khai Khoa học Alpha",
        starts_on=today,
        working_days=5,
        ends_on=today + dt.timedelta(days=10),
    )
    notice.nominations.set([nomination])
    notification = Notification.objects.create(
        user=world.users["clerk_a"],
        nomination=nomination,
        message="Hồ sơ của Phạm Thị Alphabi đã được nộp",
    )
    council = Council.objects.create(unit=world.unit_a, name="Hội đồng TĐKT Khoa học Alpha")
    member = CouncilMember.objects.create(
        council=council, user=world.users["clerk_a"], person=world.person_a
    )
    session = CouncilSession.objects.create(
        council=council, title="Phiên họp Khoa học Alpha", date=today
    )
    session.rounds.set([round_])
    recusal = Recusal.objects.create(
        session=session, member=member, nomination=nomination, reason="Tự đề nghị"
    )
    # Clerk A's candidate lists, prepared in the background and kept for download.
    job = BackgroundJob.objects.create(
        owner=world.users["clerk_a"],
        kind=JobKind.CANDIDATES_XLSX,
        title="Danh sách Khoa học Alpha",
        params={"unit": world.unit_a.pk, "year": 2024},
        status=JobStatus.DONE,
        result={"rows": 0, "filename": "danh-sach.xlsx"},
    )
    job.result_file.save(
        f"{job.pk}/danh-sach.xlsx", ContentFile(workbook_bytes(["Họ và tên"], [])), save=True
    )
    programme = Programme.objects.create(
        name="Chương trình Khoa học Alpha",
        owner_unit=world.unit_a,
        implementing_root=world.unit_a,
        units_as_of=dt.date(2024, 1, 1),
        reporting_levels=[world.unit_a.level],
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2028, 12, 31),
    )
    indicator = Indicator.objects.create(programme=programme, code="ZZ", name="Số buổi Alpha")
    report = PeriodReport.objects.create(
        programme=programme,
        unit=world.unit_a,
        period_code="2024-Q1",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 3, 31),
        state="submitted",
        narrative="Báo cáo Khoa học Alpha",
    )
    ReportValue.objects.create(report=report, indicator=indicator, value=3)
    activity_kind = ActivityKind.objects.create(programme=programme, name="Hội nghị")
    activity = Activity.objects.create(
        programme=programme,
        kind=activity_kind,
        unit=world.unit_a,
        date=dt.date(2024, 2, 1),
        title="Hội nghị Khoa học Alpha",
        participants=30,
    )
    committee = Committee.objects.create(
        programme=programme, unit=world.unit_a, name="Ban Chỉ đạo Khoa học Alpha"
    )
    committee_decision = CommitteeDecision.objects.create(
        committee=committee,
        kind="set_up",
        number="3/QĐ-SKH",
        date=dt.date(2024, 1, 15),
        effective_on=dt.date(2024, 1, 15),
    )
    activity_attachment = ActivityAttachment(
        activity=activity,
        title="Biên bản Khoa học Alpha",
        original_name="bien-ban-alpha.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    activity_attachment.file.save("alpha.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    world.extra.update(
        job_a=job,
        programme_a=programme,
        activity_a=activity,
        activity_attachment_a=activity_attachment,
        report_a=report,
        committee_a=committee,
        committee_decision_a=committee_decision,
        council_a=council,
        member_a=member,
        session_a=session,
        recusal_a=recusal,
        movement_a=movement,
        movement_document_a=document,
        registration_a=registration,
        round_a=round_,
        nomination_a=nomination,
        attachment_a=attachment,
        notice_a=notice,
        notification_a=notification,
    )
    # the signed scans: unit A's names its unit; the province's names nobody of A
    for decision, words in ((world.decision_a, b"ZZUNITA"), (world.decision_province, b"HT")):
        scan = b"%PDF-1.4\n% ban ky " + words + b"\n%%EOF\n"
        record = SignedScan(
            decision=decision,
            original_name="ban-ky.pdf",
            sha256=hashlib.sha256(scan).hexdigest(),
            size=len(scan),
            pages=1,
        )
        record.file.save("ban-ky.pdf", ContentFile(scan), save=False)
        record.save()


# --- the matrix ---------------------------------------------------------------------------------


def _clients(world: World) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        clients[role] = client
    return clients


def _cases() -> list[Any]:
    cases = []
    for route in all_routes():
        try:
            found = variants(route)
        except UnknownRoute:
            found = [("?", {}, "global")]  # reported by test_every_url_can_be_filled
        for label, _, _ in found:
            case_id = f"{route.id}:{label}" if label else route.id
            cases.append(pytest.param(route, label, id=case_id))
    return cases


def test_every_url_can_be_filled() -> None:
    problems = []
    for route in all_routes():
        if not route.name:
            problems.append(f"'{route.route}' has no url name: give it one.")
            continue
        try:
            variants(route)
        except UnknownRoute as exc:
            problems.append(str(exc))
    assert problems == [], "\n".join(problems)


def test_matrix_sees_the_project_urls() -> None:
    names = {r.name for r in all_routes()}

    assert {"api:person-detail", "api:decision-list", "api:award-kind-detail"} <= names
    assert {"web:home", "web:person", "web:audit"} <= names
    assert not any(n.startswith("admin:") for n in names)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "label"), _cases())
def test_permission_matrix(route: Route, label: str, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    add_workflow(world)
    getters, owner = next((g, o) for lab, g, o in variants(route) if lab == label)
    kwargs = {param: get(world) for param, get in getters.items()}
    url = reverse(route.name, kwargs=kwargs)
    clients = _clients(world)
    problems: list[str] = []

    if route.name in PUBLIC:
        for role in ("anonymous", "clerk_b"):
            response = clients[role].get(url)
            body_text(response)
            got = response.status_code
            if got >= 500:
                problems.append(f"{role}: GET {url} → {got}")
        assert problems == [], "\n".join(problems)
        return

    for role in ROLES:
        response = clients[role].get(url)
        text = body_text(response)
        want = expected_get(route, owner, role)
        got = response.status_code
        if want == "login":
            if not _is_login_redirect(response):
                problems.append(f"{role}: GET {url} → {got}, expected a redirect to the login page")
        elif got not in want:
            problems.append(f"{role}: GET {url} → {got}, expected one of {sorted(want)}")
        elif role != "anonymous" and _is_login_redirect(response):
            problems.append(f"{role}: GET {url} → sent to the login page although signed in")
        if got == 200 and role == "clerk_b":
            leaked = [m for m in A_MARKERS if m in text]
            if leaked:
                problems.append(f"clerk_b: GET {url} shows unit A's records: {leaked}")
        if (
            got == 200
            and role == "clerk_a"
            and owner == "A"
            and _is_own_api(route)
            and not any(m in text for m in A_MARKERS)
        ):
            problems.append(f"clerk_a: GET {url} → 200 but not unit A's object (bad fill?)")

    for role in ("anonymous", "clerk_b"):
        if role == "clerk_b" and owner not in ("A", "clerk_a"):
            continue
        before = AuditEvent.objects.count()
        response = clients[role].post(url, {})
        body_text(response)
        got = response.status_code
        if role == "anonymous":
            ok = got in (401, 403, 405) or (not route.is_api and _is_login_redirect(response))
        else:  # 400: the empty form was refused before anything else happened
            ok = got in (400, 403, 404, 405)
        if not ok:
            problems.append(f"{role}: POST {url} → {got}, expected to be refused")
        if AuditEvent.objects.count() != before:
            problems.append(f"{role}: POST {url} changed something (a new audit event)")

    assert problems == [], "\n".join(problems)
