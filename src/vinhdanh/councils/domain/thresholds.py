"""Vote thresholds are data the emulation office edits (rules.md §5.4, R-VOTE-2).

They live in one place, the eligibility engine's `vote_rules` parameter (national defaults
in the engine, the office's rows versioned by date per jurisdiction): the council tally and
the engine's council check read the same rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from vinhdanh.common.context import acting_as
from vinhdanh.councils.domain.common import require
from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.domain.parameters import set_vote_rule
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.orgs.models import Unit


def save_vote_rule(
    *,
    rule: VoteRule,
    unit: Unit | None,
    valid_from: dt.date,
    actor: Any,
    legal_basis: str = "",
) -> ParameterValue:
    """A vote rule for one award code (or '*') in force from `valid_from` for a jurisdiction
    (no unit: every jurisdiction). Earlier versions stay in the history (audited)."""
    require(actor, "councils.change_threshold", unit, _("You may not change this threshold."))
    with acting_as(actor):
        return set_vote_rule(rule=rule, unit=unit, valid_from=valid_from, legal_basis=legal_basis)
