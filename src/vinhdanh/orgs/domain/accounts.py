"""Sign-in security of an account: who must use a second factor, lock-outs and their lifting.

The mechanics belong to well-kept packages (django-axes counts failures and locks,
django-otp checks TOTP codes); the decisions of this project are here: which accounts must
use a second factor, who may lift a lock-out or reset someone's second factor, and that each
such act is written to the audit log.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from vinhdanh.common.audit import record_action, record_system_action
from vinhdanh.common.context import acting_as
from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import RoleAssignment

REQUIRED = "required"
OPTIONAL = "optional"
OFF = "off"


def two_factor_mode() -> str:
    """The VINHDANH_TWO_FACTOR setting: 'required', 'optional' or 'off'."""
    mode = str(getattr(settings, "TWO_FACTOR", REQUIRED)).lower()
    return mode if mode in {REQUIRED, OPTIONAL, OFF} else REQUIRED


def is_privileged(user: Any) -> bool:
    """Deciders, administrators and superusers: the accounts a second factor protects first."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.is_superuser
        or has_capability(user, Capability.DECIDER)
        or has_capability(user, Capability.ADMIN)
    )


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def must_set_up_second_factor(user: Any) -> bool:
    """The account must have a second factor and has none yet."""
    return two_factor_mode() == REQUIRED and is_privileged(user) and confirmed_device(user) is None


def second_factor_needed(user: Any) -> bool:
    """Signing in takes a code (or setting one up first) for this account."""
    mode = two_factor_mode()
    if mode == OFF or not getattr(user, "is_authenticated", False):
        return False
    if confirmed_device(user) is not None:
        return True
    return mode == REQUIRED and is_privileged(user)


def second_factor_is_optional(user: Any) -> bool:
    """The account may remove its second factor (nothing requires it)."""
    return not (two_factor_mode() == REQUIRED and is_privileged(user))


def _unwrapped(user: Any) -> Any:
    """request.user is a lazy proxy; the audit log needs the model instance itself."""
    while isinstance(user, LazyObject):
        _ = user.pk  # evaluates it
        user = user._wrapped
    return user


# --- Setting up a TOTP device -----------------------------------------------------------


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being set up (one per account; a new key each time it starts)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it by hand: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify_code(user: Any, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts this code (django-otp throttles repeated failures)."""
    token = "".join(ch for ch in str(token) if ch.isdigit())
    if len(token) != 6:
        return None
    with transaction.atomic():
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(token):
                return device
    return None


def code_wait_seconds(user: Any, *, confirmed: bool = True) -> int:
    """Seconds before django-otp accepts another try after wrong codes (0: now)."""
    wait = 0
    for device in TOTPDevice.objects.filter(user=user, confirmed=confirmed):
        allowed, data = device.verify_is_allowed()
        locked_until = (data or {}).get("locked_until") if not allowed else None
        if locked_until is not None:
            wait = max(wait, math.ceil((locked_until - timezone.now()).total_seconds()))
    return wait


def confirm_device(user: Any, token: str) -> TOTPDevice | None:
    """Confirm the device being set up with a code from the app; it replaces any older one."""
    token = "".join(ch for ch in str(token) if ch.isdigit())
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        if device is None or len(token) != 6 or not device.verify_token(token):
            return None
        replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk)
        count = replaced.count()
        replaced.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        with acting_as(user):
            record_action(_unwrapped(user), "second factor set up", replaced_devices=count)
    return device


def remove_second_factor(actor: Any, user: Any) -> int:
    """Remove every TOTP device of `user` (the holder, or an administrator after a lost phone)."""
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        with acting_as(actor):
            message = "second factor removed" if actor == user else "second factor reset"
            record_action(_unwrapped(user), message, devices=count)
    return int(count)


# --- Lock-outs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str
    failures: int
    last_attempt: dt.datetime
    until: dt.datetime | None


def cool_off() -> dt.timedelta | None:
    value = getattr(settings, "AXES_COOLOFF_TIME", None)
    if isinstance(value, dt.timedelta):
        return value
    if isinstance(value, int | float):
        return dt.timedelta(hours=value)
    return None


def cool_off_minutes() -> int:
    delta = cool_off()
    return max(1, int(delta.total_seconds() // 60)) if delta else 0


def _locked_attempts() -> QuerySet[AccessAttempt]:
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    delta = cool_off()
    if delta is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - delta)
    ordered: QuerySet[AccessAttempt] = attempts.order_by("-attempt_time")
    return ordered


def manageable_users(actor: Any) -> QuerySet[Any]:
    """The accounts whose lock-out or second factor `actor` may reset.

    A superuser: every account. An administrator: the accounts holding a role in a unit under
    their administrator roles, never a superuser. Anyone else: none.
    """
    users = get_user_model().objects.all()
    if not getattr(actor, "is_authenticated", False):
        return users.none()
    if actor.is_superuser:
        return users
    scope = unit_scope(actor, Capability.ADMIN)
    if scope.is_empty:
        return users.none()
    in_scope = RoleAssignment.objects.filter(scope.q("unit")).values("user_id")
    return users.filter(pk__in=in_scope, is_superuser=False)


def may_manage_accounts(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and (
        actor.is_superuser or has_capability(actor, Capability.ADMIN)
    )


def lockouts_visible_to(actor: Any) -> list[Lockout]:
    """The current lock-outs of the accounts `actor` may unlock (names nobody holds: superusers)."""
    attempts = _locked_attempts()
    if not actor.is_superuser:
        names = manageable_users(actor).values_list("username", flat=True)
        attempts = attempts.filter(username__in=names)
    delta = cool_off()
    return [
        Lockout(
            username=a.username or "",
            ip_address=a.ip_address or "",
            failures=a.failures_since_start,
            last_attempt=a.attempt_time,
            until=a.attempt_time + delta if delta else None,
        )
        for a in attempts[:500]
    ]


def unlock(actor: Any, username: str, *, reason: str = "") -> int:
    """Lift the lock-out of `username` (every address), audited. Returns the attempts removed.

    `actor` None: the system (a command). Raises PermissionError when `actor` may not manage
    that account.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if actor is not None:
        allowed = manageable_users(actor)
        if user is None and not actor.is_superuser:
            raise PermissionError(username)
        if user is not None and not allowed.filter(pk=user.pk).exists() and actor != user:
            raise PermissionError(username)
    with transaction.atomic():
        removed = int(axes_reset(username=username) or 0)
        with acting_as(actor) if actor is not None else contextlib.nullcontext():
            details: dict[str, Any] = {"attempts_removed": removed}
            if reason:
                details["reason"] = reason
            if user is not None:
                record_action(_unwrapped(user), "sign-in lock-out lifted", **details)
            else:
                record_system_action(
                    "axes.accessattempt", username, "sign-in lock-out lifted", **details
                )
    return removed


def locked_out_message(minutes: int) -> str:
    return _(
        "Too many failed sign-ins: this account is locked for %(minutes)d minutes. Wait and "
        "try again, reset your password, or ask your administrator to unlock it."
    ) % {"minutes": minutes}
