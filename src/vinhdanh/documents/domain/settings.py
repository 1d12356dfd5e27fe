"""What a unit prints on its documents: its settings, or safe defaults derived from the tree.

`office_for(unit, on)` never fails: every field has a default (the unit's People's Committee
for a province or commune, the unit's own name otherwise; the place is the province's short
name; the head's title follows the kind of unit). Only the signer's name may be unknown,
and the documents that need a signature refuse to be made without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from vinhdanh.awards.signals import letterhead_symbol
from vinhdanh.common.context import acting_as
from vinhdanh.documents.builder import Signature
from vinhdanh.documents.domain.legal import regime_bases
from vinhdanh.documents.formats import nfc
from vinhdanh.documents.models import OfficeSettings
from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.models import RoleAssignment, Unit
from vinhdanh.people.models import Post

PEOPLES_COMMITTEE = "Ủy ban nhân dân"
_HEAD_TITLE = {
    UnitLevel.PROVINCE: "Chủ tịch",
    UnitLevel.DISTRICT: "Chủ tịch",
    UnitLevel.COMMUNE: "Chủ tịch",
    UnitLevel.DEPARTMENT: "Giám đốc",
    UnitLevel.HOSPITAL: "Giám đốc",
    UnitLevel.ENTERPRISE: "Giám đốc",
    UnitLevel.SCHOOL: "Hiệu trưởng",
    UnitLevel.DIVISION: "Trưởng phòng",
    UnitLevel.VILLAGE: "Trưởng thôn",
}
_COMMITTEE_LEVELS = {UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE}


@dataclass(frozen=True)
class Office:
    unit: Unit | None
    issuing_body: str
    parent_body: str
    place: str
    symbol: str
    head_title: str
    authority_line: str
    own_bases: tuple[str, ...]
    proposer: str
    signature: Signature
    base_salary: int

    def bases(self, on: dt.date, *, committee: bool | None = None) -> list[str]:
        """The laws of the regime in force on `on`, then the office's own bases."""
        is_committee = self.issuing_body.lower().startswith(PEOPLES_COMMITTEE.lower())
        return [
            *regime_bases(on, local_government=is_committee if committee is None else committee),
            *self.own_bases,
        ]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _province(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None:
        if node.level == UnitLevel.PROVINCE:
            return node
        node = node.parent
    return None


def place_of(unit: Unit) -> str:
    """Địa danh: a commune's own name (without "xã", "phường"), else the province's."""
    if unit.level == UnitLevel.COMMUNE:
        name = nfc(unit.short_name or unit.name)
        for prefix in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
            if name.startswith(prefix):
                return name[len(prefix) :]
        return name
    province = _province(unit)
    name = nfc(province.short_name or province.name) if province else nfc(unit.name)
    for prefix in ("Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def default_body(unit: Unit) -> str:
    name = nfc(unit.name)
    if unit.level in _COMMITTEE_LEVELS and not name.lower().startswith(PEOPLES_COMMITTEE.lower()):
        return f"{PEOPLES_COMMITTEE} {_lower_first(name)}"
    return name


COUNCIL = "Hội đồng Thi đua - Khen thưởng"


def council_of_body(body: str) -> str:
    """ "Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh", "… Sở Tư pháp": a People's Committee's
    council is named after its place ("tỉnh", "xã": common nouns, lower case), any other body's
    after the body itself, whose proper name keeps its capitals (never "sở Nội vụ")."""
    body = nfc(body)
    if body.lower().startswith(PEOPLES_COMMITTEE.lower() + " "):
        return f"{COUNCIL} {body[len(PEOPLES_COMMITTEE) + 1 :]}"
    return f"{COUNCIL} {body}" if body else COUNCIL


def _initials(name: str) -> str:
    return "".join(word[0] for word in nfc(name).split() if word[:1].isalpha()).upper()


def default_symbol(unit: Unit) -> str:
    if unit.level in _COMMITTEE_LEVELS:
        return "UBND"
    return (
        nfc(unit.short_name)
        if unit.short_name and " " not in unit.short_name
        else _initials(unit.name)
    )


def _decider_name(unit: Unit) -> tuple[str, str]:
    """The name and title of a user holding the decider (or head) role in the unit itself."""
    role = (
        RoleAssignment.objects.filter(unit=unit)
        .filter(is_decider=True)
        .select_related("user")
        .order_by("id")
        .first()
    ) or (
        RoleAssignment.objects.filter(unit=unit, is_head=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if role is None:
        return _head_by_post(unit)
    user = role.user
    person = getattr(user, "person", None)
    # Vietnamese order: family name first (Django's get_full_name() puts it last).
    name = person.full_name if person is not None else f"{user.last_name} {user.first_name}"
    if not nfc(name):
        return _head_by_post(unit)
    head = _HEAD_TITLE.get(UnitLevel(unit.level), "Thủ trưởng")
    deputy = nfc(role.title).lower().startswith("phó")
    return nfc(name), f"Phó {head[:1].lower()}{head[1:]}" if deputy else head


def _head_by_post(unit: Unit) -> tuple[str, str]:
    """The person whose current post in the unit is the head's (not a deputy's)."""
    head = _HEAD_TITLE.get(UnitLevel(unit.level), "Thủ trưởng")
    post = (
        Post.objects.filter(unit=unit, end_date__isnull=True, title__istartswith=head)
        .select_related("person")
        .order_by("-start_date", "id")
        .first()
    )
    if post is None:
        return "", ""
    return nfc(post.person.full_name), head


def office_for(unit: Unit | None, on: dt.date | None = None) -> Office:
    settings = OfficeSettings.objects.filter(unit=unit).first() if unit is not None else None
    if unit is None:
        body, parent, place, symbol, head = "", "", "", "", "Thủ trưởng đơn vị"
    else:
        body = default_body(unit)
        parent = ""
        if unit.level not in _COMMITTEE_LEVELS and unit.parent is not None:
            parent = default_body(unit.parent)
        place = place_of(unit)
        symbol = default_symbol(unit)
        head = _HEAD_TITLE.get(UnitLevel(unit.level), "Thủ trưởng đơn vị")
    if settings is not None:
        body = nfc(settings.issuing_body) or body
        parent = nfc(settings.parent_body) or parent
        place = nfc(settings.place) or place
        symbol = nfc(settings.symbol) or symbol
    authority = nfc(settings.authority_line) if settings else ""
    if not authority:
        authority = f"{head} {body}" if body else head
    own = (
        tuple(nfc(line) for line in settings.legal_bases.splitlines() if nfc(line))
        if settings
        else ()
    )
    proposer = nfc(settings.proposer) if settings else ""
    if not proposer:
        if unit is not None and unit.level == UnitLevel.PROVINCE:
            proposer = "Theo đề nghị của Giám đốc Sở Nội vụ"
        else:
            proposer = f"Theo đề nghị của {council_of_body(body)}"
    signer_name, signer_title = ("", "")
    if settings is not None:
        signer_name, signer_title = nfc(settings.signer_name), nfc(settings.signer_title)
    if unit is not None and not signer_name:
        found_name, found_title = _decider_name(unit)
        signer_name = found_name
        signer_title = signer_title or found_title
    signature = Signature(
        title=signer_title or head,
        name=signer_name,
        authority=settings.signer_authority if settings else "",
        on_behalf_of=nfc(settings.signer_on_behalf_of) if settings else "",
    )
    if signature.authority == "TM." and not signature.on_behalf_of:
        signature = Signature(
            title=signature.title,
            name=signature.name,
            authority="TM.",
            on_behalf_of=body.split(" tỉnh ")[0].split(" xã ")[0],
        )
    return Office(
        unit=unit,
        issuing_body=body,
        parent_body=parent,
        place=place,
        symbol=symbol,
        head_title=head,
        authority_line=authority,
        own_bases=own,
        proposer=proposer,
        signature=signature,
        base_salary=settings.base_salary if settings else 2_340_000,
    )


def may_edit_settings(user: Any, unit: Unit) -> bool:
    """The emulation office over the unit and administrators adjust its templates."""
    if getattr(user, "is_superuser", False):
        return True
    return has_capability(user, Capability.OFFICE, unit) or has_capability(
        user, Capability.ADMIN, unit
    )


def settings_to_edit(unit: Unit) -> OfficeSettings:
    """The unit's own document settings, or new unsaved ones (the defaults show through)."""
    return OfficeSettings.objects.filter(unit=unit).first() or OfficeSettings(unit=unit)


@transaction.atomic
def save_settings(settings: OfficeSettings, *, actor: Any) -> OfficeSettings:
    """Store a unit's document settings (audited); only for those who may edit them."""
    if not may_edit_settings(actor, settings.unit):
        raise PermissionError("not allowed to edit the document settings of this unit")
    settings.full_clean()
    with acting_as(actor):
        settings.save()
    return settings


def _letterhead_symbol(sender: Any, unit: Unit, on: dt.date | None = None, **kwargs: Any) -> str:
    """The unit's abbreviation for the register's symbols ("TTr-STP"), as its papers print it."""
    return office_for(unit, on).symbol


def connect() -> None:
    letterhead_symbol.connect(_letterhead_symbol, dispatch_uid="documents-letterhead-symbol")
