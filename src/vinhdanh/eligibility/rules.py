"""Who may read the engine's answers for a unit and who may change its parameters.

The web pages, the API and the background jobs ask these predicates, so a list hidden from a
role on one path is hidden on every path.
"""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability

# Who may read a unit's candidate lists.
CANDIDATE_LIST_CAPABILITIES: tuple[Capability, ...] = (
    Capability.CLERK,
    Capability.OFFICE,
    Capability.HEAD,
    Capability.COUNCIL,
    Capability.DECIDER,
    Capability.ADMIN,
)


def may_list_candidates(user: Any, unit: Any) -> bool:
    return any(has_capability(user, cap, unit) for cap in CANDIDATE_LIST_CAPABILITIES)


def is_office(user: Any) -> bool:
    """The emulation office or an administrator somewhere: may open the parameters page."""
    return (
        bool(getattr(user, "is_superuser", False))
        or has_capability(user, Capability.OFFICE)
        or has_capability(user, Capability.ADMIN)
    )
