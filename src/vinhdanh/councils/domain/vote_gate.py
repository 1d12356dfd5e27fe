"""A nomination is "voted" only when the council's vote passed it (rules.md §4, council vote).

The nominations workflow ranks below councils and cannot read the tally: it sends
`nominations.signals.marking_voted` and this receiver refuses the transition.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vinhdanh.councils.domain.queries import vote_result
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.signals import marking_voted


def require_passed_vote(sender: Any, *, nomination: Any, **kwargs: Any) -> None:
    result = vote_result(nomination)
    if result is None:
        raise WorkflowError(_("The council has not voted on this nomination yet."))
    if not result.passed:
        raise WorkflowError(
            _("The council vote did not pass this nomination: it cannot be marked as voted.")
        )


def connect() -> None:
    marking_voted.connect(require_passed_vote, dispatch_uid="councils-vote-gate")
