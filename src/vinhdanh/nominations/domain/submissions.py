"""Who sends a round's proposals up to the decider: the submission (tờ trình) numbered when
nominations go from "voted" to "proposed" (`workflow.bulk_transition`).

The proposal is made at the decider's level, by the emulation office that appraised the
dossiers and the council that voted on them (rules.md §6.4, steps 5–6), not by the unit that
nominated: for a provincial decider, the Sở Nội vụ (its director signs, "Kính gửi: Chủ tịch
Ủy ban nhân dân tỉnh"); for a district, its Phòng Nội vụ. Where the tree has no such office
under the decider (a department, a commune, or a province whose tree lacks it), the decider's
own Hội đồng Thi đua - Khen thưởng proposes, in the decider unit's register. Either way the
paper is never signed by the head it is addressed to.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from vinhdanh.nominations.models import Round
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit

# The emulation office at a People's Committee's level, by the name its unit bears.
_OFFICE_NAMES: dict[str, tuple[str, ...]] = {
    UnitLevel.PROVINCE: ("sở nội vụ",),
    UnitLevel.DISTRICT: ("phòng nội vụ",),
}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip().casefold()


def emulation_office_of(decider: Unit, on: dt.date | None = None) -> Unit | None:
    """The unit under `decider` that is its emulation office (Sở Nội vụ …), if the tree has it."""
    names = _OFFICE_NAMES.get(decider.level)
    if not names:
        return None
    children = decider.children.all().order_by("valid_from", "id")
    for unit in children:
        if on is not None and not (
            unit.valid_from <= on and (unit.valid_to is None or unit.valid_to >= on)
        ):
            continue
        if on is None and unit.valid_to is not None:
            continue
        if any(_folded(unit.name).startswith(name) for name in names):
            return unit
    return None


def submission_issuer(round_: Round, on: dt.date | None = None) -> Unit:
    """The unit whose register numbers the round's submission and whose letterhead it bears."""
    return emulation_office_of(round_.decider_unit, on) or round_.decider_unit


def council_proposes(round_: Round, issuer: Unit) -> bool:
    """No office under the decider: its council proposes ("TTr-HĐTĐKT", "TM. Hội đồng")."""
    return issuer.pk == round_.decider_unit_id
