"""The audit log as a person reads it: field names by their labels, stored codes by their
names, yes/no for booleans, and the domain actions' messages in the active language.

The log itself stays as written (English keys and messages are data, never rewritten); only
the display is translated here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vinhdanh.councils.enums import DenominatorType
from vinhdanh.nominations.enums import NominationState
from vinhdanh.orgs.domain.queries.units import unit_name

# The messages of `record_action` calls, as written in the code (msgid = the stored text).
ACTION_MESSAGES: dict[str, Any] = {
    "viewed": _("viewed"),
    "document downloaded": _("document downloaded"),
    "attachment downloaded": _("attachment downloaded"),
    "movement launched": _("movement launched"),
    "agenda changed": _("agenda changed"),
    "attendance recorded": _("attendance recorded"),
    "voting opened": _("voting opened"),
    "written vote recorded": _("written vote recorded"),
    "session closed": _("session closed"),
    "council membership ended": _("council membership ended"),
    "public notice posted": _("public notice posted"),
    "eligibility override recorded": _("eligibility override recorded"),
    "quota override recorded": _("quota override recorded"),
    "demo data generated": _("demo data generated"),
    "entered in the register of outgoing documents": _(
        "entered in the register of outgoing documents"
    ),
    "decision issued": _("decision issued"),
    "decision issued before the public notice closed": _(
        "decision issued before the public notice closed"
    ),
    "awards revoked": _("awards revoked"),
    "signed scan attached": _("signed scan attached"),
    "signed scan replaced": _("signed scan replaced"),
    "nominations created together": _("nominations created together"),
    "round open": _("round reopened"),
    "round closed": _("round closed"),
    "round withdrawn": _("round withdrawn"),
    "programme created": _("programme created"),
    "committee set up": _("committee set up"),
    "committee re-formed": _("committee re-formed"),
    "attachment added": _("attachment added"),
    "attendance list imported": _("attendance list imported"),
    "report submitted": _("report submitted"),
    "report approved": _("report approved"),
    "report returned": _("report returned"),
    "period locked": _("period locked"),
    "period unlocked": _("period unlocked"),
    "second factor set up": _("second factor set up"),
    "second factor removed": _("second factor removed"),
    "second factor reset": _("second factor reset"),
    "sign-in lock-out lifted": _("sign-in lock-out lifted"),
}


def count_text(count: int) -> str:
    """3000 → "3.000" in Vietnamese: grouped as the active language writes numbers."""
    return formats.number_format(count, use_l10n=True, force_grouping=True)


# What a list read of personal data was (`people.domain.reads.record_people_read`).
READ_WHATS: dict[str, Any] = {
    "people list export": _("export of the people list"),
    "people list": _("people list"),
}
_READ_WHAT_PATTERNS: Patterns = (
    (
        re.compile(r"^people of unit (\d+) export$"),
        lambda m: gettext("export of the people of %(unit)s") % {"unit": _unit_named(m[1])},
    ),
)


def _unit_named(pk: str) -> str:
    """A unit by its name as it is now, with its id (the log keeps the id: a unit renamed
    since is still found); a unit deleted since by its id alone."""
    name = unit_name(int(pk))
    return f"{name} (#{pk})" if name else gettext("unit #%(unit)s") % {"unit": pk}


# How personal data left the system (`channel` of a read).
CHANNELS: dict[str, Any] = {
    "web": _("web page"),
    "api": _("programming interface (API)"),
    "xlsx": _("Excel file (.xlsx)"),
}
# An object id that names no row (`record_system_action`): shown by what it stands for.
OBJECT_IDS: dict[str, Any] = {"list": _("a list of people")}
# Lists of ids longer than this show their first ids and a count (an export lists thousands).
SHORT_LIST = 10


Patterns = tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]


def _shown(text: str, known: dict[str, Any], patterns: Patterns) -> str:
    """A stored English text in the active language: a known text, or one a pattern reads;
    otherwise as stored."""
    found = known.get(text)
    if found is not None:
        return str(found)
    for pattern, render in patterns:
        match = pattern.match(text)
        if match:
            return render(match)
    return text


def read_what(what: str) -> str:
    return _shown(what, READ_WHATS, _READ_WHAT_PATTERNS)


def _state(code: str) -> str:
    return str(NominationState(code).label) if code in NominationState.values else code


_PATTERNS: Patterns = (
    (
        re.compile(r"^transition (\w+) → (\w+)$"),
        lambda m: (
            gettext("moved from “%(source)s” to “%(target)s”")
            % {"source": _state(m.group(1)), "target": _state(m.group(2))}
        ),
    ),
    (
        re.compile(r"^merge of (.*)$"),
        lambda m: gettext("merger of %(units)s") % {"units": m.group(1)},
    ),
    (
        re.compile(r"^split into (.*)$"),
        lambda m: gettext("split into %(units)s") % {"units": m.group(1)},
    ),
    (
        re.compile(r"^listed (\d+) people \((.*)\)$"),
        lambda m: (
            gettext("read a list of %(count)s people (%(what)s)")
            % {"count": count_text(int(m.group(1))), "what": read_what(m.group(2))}
        ),
    ),
    (
        re.compile(r"^restore (.*)$"),
        lambda m: gettext("restored from the backup %(file)s") % {"file": m.group(1)},
    ),
    (
        re.compile(r"^import (\w+) ([^:]*):"),
        lambda m: (
            gettext("import of %(kind)s from %(file)s") % {"kind": m.group(1), "file": m.group(2)}
        ),
    ),
)

# Keys of `record_action` that are not fields of the model they describe.
KEY_LABELS: dict[str, Any] = {
    "people": _("people"),
    "seed": _("seed"),
    "start_year": _("first year"),
    "end_year": _("last year"),
    "rows": _("rows"),
    "round": _("round"),
    "starts_on": _("starts on"),
    "ends_on": _("ends on"),
    "working_days": _("working days"),
    "nominations": _("nominations"),
    "nomination": _("nomination"),
    "from_state": _("from state"),
    "to_state": _("to state"),
    "reason": _("reason"),
    "actor_id": _("user id"),
    "actor": _("performed by"),
    "event_id": _("event"),
    "event": _("event"),
    "outcome": _("eligibility outcome"),
    "eligibility": _("eligibility outcome"),
    "override": _("override reason"),
    "passed": _("passed"),
    "failed": _("failed"),
    "added": _("added"),
    "removed": _("removed"),
    "present": pgettext_lazy("attendance", "present"),
    "member": _("member"),
    "last_day": _("last day"),
    "unit": _("unit"),
    "kind": _("kind"),
    "file": _("file"),
    "counts": _("counts"),
    "number": _("number"),
    "number_entered": _("number entered by the clerk"),
    "ground": _("ground"),
    "scan": _("signed scan"),
    "notice": _("public notice"),
    "awards": _("awards"),
    "flagged_awards": _("awards flagged"),
    "count": _("count"),
    "decision": _("decision"),
    "members": _("members"),
    "period": _("period"),
    "replaced": _("replaced"),
    "replaces": _("replaces"),
    "replaced_devices": _("devices replaced"),
    "devices": _("devices"),
    "pages": _("pages"),
    "participants_before": _("participants before"),
    "activity": _("activity"),
    "channel": _("channel"),
    "previous": _("previous"),
    "what": _("what was read"),
    "person_ids": _("people read"),
    "created": _("created at"),
    "files": _("files"),
    # Fields without a label of their own.
    "path": _("position in the tree"),
    "depth": _("depth in the tree"),
    "search_key": _("search key"),
    "sort_key": _("sort key"),
    "sort_order": _("display order"),
    "body_key": _("issuing body key"),
    "sha256": _("file fingerprint"),
    "quota_override_at": _("quota override time"),
    "eligibility_evaluated_at": _("eligibility checked at"),
    "data": _("details"),
    "url": _("link"),
    "threshold_numerator": _("threshold numerator"),
    "threshold_denominator": _("threshold denominator"),
    "threshold_inclusive": _("inclusive (at least)"),
    "denominator_type": _("counted over"),
    "total_members": _("total members"),
    "present_members": _("members present"),
    "recused_members": _("members recused"),
    "eligible_voters": _("members who may vote"),
    "for_votes": _("votes for"),
    "against_votes": _("votes against"),
    "abstain_votes": _("abstentions"),
    "written_votes": _("written votes"),
    "denominator": _("denominator"),
    "quorum_met": _("quorum met"),
}
_STATE_KEYS = frozenset({"from_state", "to_state", "state"})
# Stored codes of fields declared without choices (the snapshot of a tally, for instance).
_CHOICES_BY_KEY: dict[str, type[models.Choices]] = {"denominator_type": DenominatorType}


def action_message(message: str) -> str:
    return _shown(message, ACTION_MESSAGES, _PATTERNS) if message else ""


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            return model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
    return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    field = _field(model, name)
    verbose = getattr(field, "verbose_name", None) if field is not None else None
    automatic = verbose is not None and str(verbose) == field.name.replace("_", " ")
    if verbose and not automatic:
        return str(verbose)
    if field is not None and field.is_relation and field.related_model is not None:
        return str(field.related_model._meta.verbose_name)  # a link named after its model
    if name in KEY_LABELS:
        return str(KEY_LABELS[name])
    return str(verbose) if verbose else name.replace("_", " ")


SOURCES: dict[str, Any] = {
    "web": _("web"),
    "api": _("API"),
    "domain": _("system"),
    "system": _("system"),
    "cli:demo_logins": _("command: demo logins"),
    "cli:generate_demo": _("command: demo data"),
    "cli:import": _("command: import"),
    "web:import": _("web: import"),
}


def source_label(source: str) -> str:
    known = SOURCES.get(source)
    return str(known) if known is not None else source


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _moment(value: str) -> str | None:
    """ISO dates and times as a Vietnamese reader writes them."""
    if _DATE.match(value):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if _DATETIME.match(value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return None


def value_text(model: type[models.Model] | None, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):  # a stored record (checks, tallies)
            return gettext("a record of %(n)s entries") % {"n": len(value)}
        if len(value) > SHORT_LIST:
            return short_list(model, name, value)
        return ", ".join(value_text(model, name, v) for v in value) or "—"
    if isinstance(value, dict):
        nested = any(isinstance(v, dict | list) for v in value.values())
        if nested or len(value) > 8:  # a stored document (the minutes): too big to read here
            return gettext("a record of %(n)s entries") % {"n": len(value)}
        return (
            ", ".join(f"{field_label(None, k)}: {value_text(None, k, v)}" for k, v in value.items())
            or "—"
        )
    if name == "what" and isinstance(value, str):
        return read_what(value)
    if name == "channel" and isinstance(value, str) and value in CHANNELS:
        return str(CHANNELS[value])
    if name in _STATE_KEYS and isinstance(value, str):
        return _state(value)
    if isinstance(value, str):
        moment = _moment(value)
        if moment is not None:
            return moment
    field = _field(model, name)
    choices = getattr(field, "choices", None) if field is not None else None
    if not choices and name in _CHOICES_BY_KEY:
        choices = _CHOICES_BY_KEY[name].choices
    if choices and not isinstance(value, list | dict):
        labels = {str(k): v for k, v in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    return str(value)


def short_list(model: type[models.Model] | None, name: str, value: list[Any]) -> str:
    """A long list by its count and first items: "3.000 người: 1, 2, 3 … (and 2.990 more)"."""
    first = ", ".join(value_text(model, name, v) for v in value[:SHORT_LIST])
    rest = len(value) - SHORT_LIST
    if name == "person_ids":
        count = ngettext("%(count)s person", "%(count)s people", len(value))
        more = ngettext("and %(rest)s other person", "and %(rest)s other people", rest)
    else:
        count = ngettext("%(count)s item", "%(count)s items", len(value))
        more = ngettext("and %(rest)s more", "and %(rest)s more", rest)
    return gettext("%(count)s: %(first)s … (%(more)s)") % {
        "count": count % {"count": count_text(len(value))},
        "first": first,
        "more": more % {"rest": count_text(rest)},
    }


def _full(model: type[models.Model] | None, name: str, value: Any) -> str:
    """The whole of a list the page shortens, for those who open it; "" when nothing is
    left out."""
    if not isinstance(value, list) or len(value) <= SHORT_LIST:
        return ""
    if any(isinstance(v, dict | list) for v in value):
        return ""
    return ", ".join(value_text(model, name, v) for v in value)


def changes(event: Any) -> list[tuple[str, str, str, str]]:
    """An audit event's changed fields as (label, old, new, all of a shortened list) text,
    leaving out those empty on both sides."""
    model = _model(event.object_type)
    rows = []
    for name, old, new in event.changes:
        if old in (None, "") and new in (None, ""):
            continue
        rows.append(
            (
                field_label(model, name),
                value_text(model, name, old),
                value_text(model, name, new),
                _full(model, name, new) or _full(model, name, old),
            )
        )
    return rows


def object_id_text(object_id: str) -> str:
    known = OBJECT_IDS.get(object_id)
    return str(known) if known is not None else object_id


def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name).capitalize() if model is not None else object_type
