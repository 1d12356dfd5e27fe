"""Who may issue and revoke decisions (awards/rules.py covers viewing).

Imported by `councils/rules.py`, which django-rules autodiscovers, so these permissions are
registered wherever `user.has_perm` is asked.
"""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.rules import add_perm


def can_issue_decision(user: Any, unit: Unit | None) -> bool:
    """A decider over the issuing unit (without a unit: a decider somewhere)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return has_capability(user, Capability.DECIDER, unit)


add_perm("awards.issue_decision", can_issue_decision)
add_perm("awards.revoke_award", can_issue_decision)
