"""Whose units an import may touch: the units where the user is clerk, office or admin."""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.enums import Capability

IMPORT_CAPABILITIES = (Capability.CLERK, Capability.OFFICE, Capability.ADMIN)


def import_scope(user: Any) -> UnitScope:
    """The union of the user's clerk, emulation-office and admin scopes (empty: may not import)."""
    scopes = [unit_scope(user, capability) for capability in IMPORT_CAPABILITIES]
    if any(s.everything for s in scopes):
        return UnitScope(True, (), ())
    paths = tuple(dict.fromkeys(p for s in scopes for p in s.subtree_paths))
    exact = tuple(dict.fromkeys(i for s in scopes for i in s.exact_ids))
    return UnitScope(False, paths, exact)
