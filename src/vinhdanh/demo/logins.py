"""The demo logins: one user per role, all with the same demo password (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.common.context import acting
from vinhdanh.common.text import search_key
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import RoleAssignment, Unit
from vinhdanh.people.models import Person

DEMO_PASSWORD = "vinhdanh-demo-2025"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    unit: str


def _user(username: str, *, full_name: str = "", superuser: bool = False) -> Any:
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(username=username)
    family, _sep, given = full_name.rpartition(" ")
    user.first_name, user.last_name = given[:150], family[:150]
    user.is_active = True
    user.is_staff = superuser
    user.is_superuser = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _role(user: Any, unit: Unit, title: str, **flags: Any) -> None:
    defaults: dict[str, Any] = {"include_subunits": True, "title": title}
    for name in (
        "is_clerk",
        "is_head",
        "is_council_member",
        "is_emulation_office",
        "is_decider",
        "is_admin",
    ):
        defaults[name] = bool(flags.get(name, False))
    # The authority role code of a decider, where the model carries one.
    field_names = {f.name for f in RoleAssignment._meta.get_fields()}
    if "decider_role" in field_names and "decider_role" in flags:
        defaults["decider_role"] = flags["decider_role"]
    RoleAssignment.objects.update_or_create(user=user, unit=unit, defaults=defaults)


def _slug(unit: Unit) -> str:
    name = unit.name
    for kind in ("Thị trấn ", "Phường ", "Xã "):
        if name.startswith(kind):
            name = name[len(kind) :]
            break
    return "".join(ch for ch in search_key(name) if ch.isalnum())


def _showcase_person() -> Person | None:
    """Someone with a rich history: a CSTĐ tỉnh if there is one, else a CSTĐCS, else anyone."""
    for code in ("CSTD_BT", "BK_BT", "CSTDCS"):
        person = (
            Person.objects.filter(
                awards__kind__code=code,
                awards__revoked_by__isnull=True,
                user__isnull=True,
                current_unit__isnull=False,
            )
            .order_by("id")
            .first()
        )
        if person is not None:
            return person
    return Person.objects.filter(user__isnull=True).order_by("id").first()


@transaction.atomic
def ensure_demo_logins(*, commune: Unit | None = None) -> list[DemoLogin]:
    """Create or refresh the demo users and their roles; returns what to print.

    `commune`: the commune whose clerk is a demo login (the demo story chooses the one with
    work to do); by default the one that already has a demo clerk, else the first with people.
    """
    with acting(None, source="cli:demo_logins"):
        return _ensure(commune)


def demo_commune_of_clerk() -> Unit | None:
    """The current commune that already has a demo clerk (a `vanthu.*` user who can log in)."""
    roles = (
        RoleAssignment.objects.filter(
            user__username__startswith="vanthu.",
            is_clerk=True,
            unit__level=UnitLevel.COMMUNE,
            unit__valid_to__isnull=True,
        )
        .select_related("user", "unit")
        .order_by("unit__code", "pk")
    )
    for role in roles:
        if role.user.has_usable_password():
            return role.unit
    return None


def _ensure(chosen_commune: Unit | None = None) -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    _user("admin", full_name="Quản trị hệ thống", superuser=True)
    logins.append(DemoLogin("admin", DEMO_PASSWORD, _("Administrator (superuser)"), _("all")))
    root = (
        Unit.objects.filter(parent__isnull=True, level=UnitLevel.PROVINCE, valid_to__isnull=True)
        .order_by("id")
        .first()
    )
    if root is None:
        return logins

    user = _user("vanphong", full_name="Nguyễn Thị Phương")
    _role(
        user,
        root,
        "Chuyên viên Ban Thi đua - Khen thưởng, Sở Nội vụ",
        is_emulation_office=True,
        is_council_member=True,
    )
    logins.append(
        DemoLogin(
            "vanphong",
            DEMO_PASSWORD,
            _("Emulation office, council member (with sub-units)"),
            root.name,
        )
    )

    user = _user("lanhdao", full_name="Trần Văn Bình")
    _role(
        user,
        root,
        "Chủ tịch UBND tỉnh",
        is_decider=True,
        is_head=True,
        decider_role="chu_tich_ubnd_tinh",
    )
    logins.append(
        DemoLogin(
            "lanhdao",
            DEMO_PASSWORD,
            _("Decider: chair of the provincial People's Committee"),
            root.name,
        )
    )

    user = _user("hoidong", full_name="Lê Quang Huy")
    _role(user, root, "Ủy viên Hội đồng Thi đua - Khen thưởng tỉnh", is_council_member=True)
    logins.append(DemoLogin("hoidong", DEMO_PASSWORD, _("Council member"), root.name))

    department = Unit.objects.filter(code=f"{root.code}.STP").first() or (
        Unit.objects.filter(
            path__startswith=root.path, level=UnitLevel.DEPARTMENT, valid_to__isnull=True
        )
        .order_by("code")
        .first()
    )
    if department is not None:
        user = _user("vanthu.sotuphap", full_name="Phạm Thị Lan")
        _role(user, department, "Cán bộ thi đua - khen thưởng", is_clerk=True)
        logins.append(
            DemoLogin(
                "vanthu.sotuphap",
                DEMO_PASSWORD,
                _("Emulation clerk (with sub-units)"),
                department.name,
            )
        )

    commune = (
        chosen_commune
        or demo_commune_of_clerk()
        or Unit.objects.filter(
            path__startswith=root.path, level=UnitLevel.COMMUNE, valid_to__isnull=True
        )
        .filter(Exists(Person.objects.filter(current_unit=OuterRef("pk"))))
        .order_by("code")
        .first()
    )
    if commune is not None:
        username = f"vanthu.{_slug(commune)}"
        user = _user(username, full_name="Hoàng Văn Nam")
        _role(user, commune, "Công chức Văn phòng - Thống kê", is_clerk=True)
        logins.append(
            DemoLogin(username, DEMO_PASSWORD, _("Emulation clerk of a commune"), commune.name)
        )

    user_model = get_user_model()
    canbo = user_model.objects.filter(username="canbo").first()
    person = Person.objects.filter(user=canbo).first() if canbo is not None else None
    if person is None:
        person = _showcase_person()
    if person is not None:
        user = _user("canbo", full_name=person.full_name)
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        logins.append(
            DemoLogin(
                "canbo",
                DEMO_PASSWORD,
                _("Staff member: %(name)s (own history)") % {"name": person.full_name},
                person.current_unit.name if person.current_unit else "",
            )
        )
    return logins


def format_table(logins: list[DemoLogin]) -> str:
    header = (_("User"), _("Password"), _("Role"), _("Unit"))
    rows = [header, *[(x.username, x.password, x.role, x.unit) for x in logins]]
    widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --- what each demo user can try -----------------------------------------------------------


def things_to_try(username: str) -> list[str]:
    """What this demo user finds waiting, from the data as it is now (the inbox, the council's
    open sessions, the public notices), then what their role can always do."""
    from vinhdanh.councils.domain.queries.councils import member_for
    from vinhdanh.councils.enums import SessionStatus
    from vinhdanh.councils.models import BallotCast, CouncilSession
    from vinhdanh.nominations.domain.queries.inbox import SECTIONS, section_queryset
    from vinhdanh.nominations.models import PublicNotice, Round

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return []
    if user.is_superuser:
        return [_("look up people, read the audit log and edit the rule parameters")]
    waiting = {s.key: section_queryset(s, user).count() for s in SECTIONS}
    if RoleAssignment.objects.filter(user=user, is_decider=True).exists():
        # The decider is also head of the province: what awaits them as decider comes first.
        waiting = {key: (n if key == "to_decide" else 0) for key, n in waiting.items()}
    tries: list[str] = []
    if waiting["to_submit"]:
        tries.append(
            _("complete and submit %(n)s draft nomination(s)") % {"n": waiting["to_submit"]}
        )
    if waiting["returned"]:
        tries.append(
            _("correct and resubmit %(n)s returned nomination(s)") % {"n": waiting["returned"]}
        )
    clerk_units = [r.unit for r in RoleAssignment.objects.filter(user=user, is_clerk=True)]
    own_round = (
        Round.objects.filter(owning_unit__in=clerk_units, created_by=user).order_by("pk").first()
        if clerk_units
        else None
    )
    if own_round is not None:
        tries.append(
            _("nominate a person of your unit in the round “%(round)s”, with a file attached")
            % {"round": own_round.name}
        )
    elif clerk_units:
        tries.append(_("open a round and nominate a person of your unit, with a file attached"))
    if waiting["to_appraise"]:
        tries.append(
            _("appraise %(n)s submitted nomination(s), or return one with a reason")
            % {"n": waiting["to_appraise"]}
        )
    open_sessions = CouncilSession.objects.filter(status=SessionStatus.OPEN).order_by("date", "pk")
    for session in open_sessions:
        member = member_for(session, user)
        if (
            member is not None
            and not BallotCast.objects.filter(session=session, member=member).exists()
        ):
            tries.append(
                _("vote in the open council session “%(session)s”") % {"session": session.title}
            )
    is_office = RoleAssignment.objects.filter(user=user, is_emulation_office=True).exists()
    if is_office and open_sessions.exists():
        tries.append(_("close the open session once the members have voted"))
    if waiting["to_propose"]:
        today = timezone.localdate()
        notice = (
            PublicNotice.objects.filter(ends_on__gte=today, starts_on__lte=today)
            .order_by("ends_on")
            .first()
        )
        if notice is not None:
            tries.append(
                _(
                    "follow the public notice open until %(date)s, then propose %(n)s "
                    "nomination(s) that passed the council"
                )
                % {"date": notice.ends_on.strftime("%d/%m/%Y"), "n": waiting["to_propose"]}
            )
        else:
            tries.append(
                _("propose %(n)s nomination(s) that passed the council to the decider")
                % {"n": waiting["to_propose"]}
            )
    if waiting["to_decide"]:
        tries.append(
            _("issue the decision for %(n)s proposed nomination(s)") % {"n": waiting["to_decide"]}
        )
    if RoleAssignment.objects.filter(user=user, is_decider=True).exists():
        tries.append(_("read the decisions already issued and the awards they gave"))
    tries.extend(_new_features(user, is_office=is_office, is_clerk=bool(clerk_units)))
    if Person.objects.filter(user=user).exists() and not tries:
        tries.append(
            _(
                "see your own record: posts, ratings, awards and the titles you may be "
                "considered for"
            )
        )
    return tries


def _new_features(user: Any, *, is_office: bool, is_clerk: bool) -> list[str]:
    """The newer pages each role should not miss, named as the menu and the pages name them."""
    from vinhdanh.programmes.models import Programme

    tries: list[str] = []
    if is_clerk:
        tries.append(
            _(
                "open your unit's candidate lists (“Candidate lists”), tick the eligible "
                "people and nominate them all at once"
            )
        )
    is_decider = RoleAssignment.objects.filter(user=user, is_decider=True).exists()
    if is_decider:
        tries.append(
            _("issue a decision with the number the văn thư gives it (or the next of the series)")
        )
    if is_office:
        tries.append(
            _(
                "find the issued decisions in the register of outgoing documents (Decisions › "
                "Register of outgoing documents), download it as .xlsx and record a signed scan"
            )
        )
        if Programme.objects.exists():
            tries.append(
                _(
                    "open a programme's review (sơ kết, tổng kết) with its .docx and charts, "
                    "and its dashboard"
                )
            )
        tries.append(_("read the statistics of your units and download them as .xlsx"))
        tries.append(
            _(
                "set where each field falls on the pre-printed blanks (Pre-printed blanks on "
                "the unit's page) and print certificates on them"
            )
        )
    return tries


def format_tries(logins: list[DemoLogin]) -> str:
    """One line per user: “<user> — Things to try: …”."""
    lines = []
    for login in logins:
        tries = things_to_try(login.username)
        if tries:
            lines.append(
                f"  {login.username} — "
                + _("Things to try: %(things)s") % {"things": "; ".join(tries)}
            )
    return "\n".join(lines)
