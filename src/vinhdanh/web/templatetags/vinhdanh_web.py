"""Small display helpers for the browsing pages (labels of stored codes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.domain.queries.catalogue import all_kinds
from vinhdanh.awards.enums import AwardCategory, AwardType, SubjectType
from vinhdanh.common.widgets import DateInput
from vinhdanh.documents.interfaces.recipients import form_of
from vinhdanh.eligibility import services
from vinhdanh.eligibility.core.messages import cite_text
from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability
from vinhdanh.people.enums import Rating
from vinhdanh.people.names import user_display_name
from vinhdanh.web import audit_display

register = template.Library()


def _label(choices: type[Rating] | type[SubjectType] | type[AwardType], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def rating_label(value: str) -> str:
    """'HTTNV' → 'Completed tasks well (HTTNV)' in the active language."""
    return _label(Rating, value)


@register.filter
def subject_labels(values: Iterable[str] | None) -> str:
    return ", ".join(_label(SubjectType, v) for v in values or [])


@register.filter
def award_type_labels(values: Iterable[str] | None) -> str:
    return ", ".join(_label(AwardType, v) for v in values or [])


def _kind_names() -> dict[str, str]:
    return {k.code: k.name for k in all_kinds()}


@register.simple_tag(takes_context=True)
def award_name(context: Any, code: str) -> str:
    """A title or form by its name ('CSTDCS' → 'Chiến sĩ thi đua cơ sở'); '*' as 'every award
    kind'. The catalogue is read once per page."""
    if code == "*":
        return str(_("every award kind"))
    names = context.render_context.get("_award_names")
    if names is None:
        names = context.render_context["_award_names"] = _kind_names()
    return str(names.get(code, code))


@register.filter
def citation(cite: str) -> str:
    """A legal basis in the reader's language ('Law 06/2022 Art. 74(1)(d)' → 'Luật TĐKT
    06/2022, Điều 74 khoản 1 điểm d')."""
    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    return cite_text(str(cite or ""), lang)


@register.filter
def regime_label(name: str) -> str:
    """'regime_2022b' → 'Luật TĐKT 06/2022, Nghị định 152/2025, Thông tư 15/2025'."""
    return services.regime_label(name)


@register.filter
def may_decide(user: Any) -> bool:
    """Whether the user may issue decisions somewhere (the issue page refuses everyone else)."""
    return bool(user.is_superuser or has_capability(user, Capability.DECIDER))


@register.filter
def user_name(user: Any) -> str:
    """A user as a person reads it: the linked person's full name, in Vietnamese order."""
    return user_display_name(user)


@register.filter
def display(value: object) -> str:
    """An audit value readable: None as a dash, everything else as text."""
    if value is None or value == "":
        return "—"
    return str(value)


@register.filter
def visible_changes(event: Any) -> list[tuple[str, str, str, str]]:
    """An audit event's changed fields by their labels, values as text (long lists shortened,
    the whole list beside), leaving out those empty on both sides."""
    return audit_display.changes(event)


@register.filter
def audit_message(message: str) -> str:
    return audit_display.action_message(message)


@register.filter
def audit_source(source: str) -> str:
    return audit_display.source_label(source)


@register.filter
def audit_object(event: Any) -> str:
    """ "Người #12" for a row; what a system action stands for otherwise ("a list of people")."""
    label = audit_display.object_type_label(event.object_type)
    if event.object_id in audit_display.OBJECT_IDS:
        return f"{label}: {audit_display.object_id_text(event.object_id)}"
    return f"{label} #{event.object_id}"


@register.filter
def audit_object_repr(event: Any) -> str:
    if event.object_repr == event.object_id and event.object_id in audit_display.OBJECT_IDS:
        return ""  # said already beside the type
    return str(event.object_repr)


@register.filter
def object_type_label(object_type: str) -> str:
    return audit_display.object_type_label(object_type)


@register.simple_tag
def date_input(name: str, value: Any, id: str) -> str:
    """The shared dd/mm/yyyy date field (common/widgets.py) for a hand-written GET filter."""
    return DateInput().render(name, value, attrs={"id": id})


@register.filter
def certificate_link(kind: Any) -> str:
    """The download link of an award's paper by what it is: "Bằng khen (PDF)", "Giấy khen
    (PDF)"; an emulation title's paper is a "Giấy chứng nhận (PDF)"."""
    if kind.category == AwardCategory.CERTIFICATE:
        return str(_("%(form)s (PDF)") % {"form": form_of(kind)})
    return str(_("Certificate (PDF)"))


@register.simple_tag
def term(start: Any, end: Any) -> str:
    """A period as a reader says it: "01/01/2025 – 31/12/2029", "từ 01/01/2025",
    "đến 31/12/2029", or that no dates were recorded (never "… – …")."""
    first = start.strftime("%d/%m/%Y") if start else ""
    last = end.strftime("%d/%m/%Y") if end else ""
    if first and last:
        return f"{first} – {last}"
    if first:
        return str(_("from %(start)s") % {"start": first})
    if last:
        return str(_("until %(end)s") % {"end": last})
    return str(_("term not recorded"))
