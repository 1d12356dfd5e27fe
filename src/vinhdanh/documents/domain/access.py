"""Who may have a decision's papers: its .docx, the copy kept when it was issued, its signed
scan, and its certificates printed on the office's pre-printed blanks.

The decision paper lists every recipient with their post and amount, so it goes only to those
who see every award of the decision on its page, or who work for the issuing unit (its
emulation office, deciders and clerks). To anyone else the paper does not exist.
"""

from __future__ import annotations

from typing import Any

from vinhdanh.awards.domain.queries.decisions import DecisionDetail, decision_detail
from vinhdanh.awards.models import Decision
from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability

_ISSUERS = (Capability.OFFICE, Capability.DECIDER, Capability.CLERK)
_PRINTERS = (Capability.OFFICE, Capability.CLERK)


def _works_for(user: Any, decision: Decision, capabilities: tuple[Capability, ...]) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    unit = decision.issuing_unit
    return unit is not None and any(has_capability(user, c, unit) for c in capabilities)


def may_read_decision_paper(
    user: Any, decision: Decision, detail: DecisionDetail | None = None
) -> bool:
    """The whole decision with every recipient: for the issuing unit's office, deciders and
    clerks, and for whoever sees every award (and every revoked award) on the decision's page.
    `detail` is the page's, when the caller has it already."""
    if _works_for(user, decision, _ISSUERS):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    detail = detail or decision_detail(decision, user=user)
    return detail.hidden_awards == 0 and detail.hidden_revoked_awards == 0


def may_print_on_blanks(user: Any, decision: Decision) -> bool:
    """Printing on the pre-printed blanks is the job of the issuing unit's emulation office
    and clerks, who hold the blanks."""
    return _works_for(user, decision, _PRINTERS)
