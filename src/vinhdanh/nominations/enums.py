"""States of a nomination and the one table of the moves between them (docs/architecture.md §4).

`TRANSITIONS` is the whole workflow: every change of state goes through
`nominations.domain.workflow.transition`, which refuses any move that is not a row here and any
actor the row's permission predicate (nominations/rules.py) does not accept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from vinhdanh.eligibility.core.vocab import OUTCOME_LABELS


class NominationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPRAISED = "appraised", _("Appraised")
    RETURNED = "returned", _("Returned for correction")
    VOTED = "voted", _("Passed the council vote")
    PROPOSED = "proposed", _("Proposed to the decider")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


S = NominationState


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    predicate: str  # a name in nominations.rules.PREDICATES
    reason_required: bool
    label: str  # the button a user presses (English msgid, translated on display)


# The predicate names, with who they stand for (nominations/rules.py implements them):
#   is_nominating_clerk    clerk or head of the nominating unit (the round's owner)
#   is_appraising_office   emulation office over the deciding unit (the level above)
#   is_council_secretariat council member or emulation office over the deciding unit
#   is_proposer            emulation office over the deciding unit (never the decider)
#   is_decider             decider over the deciding unit
TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.DRAFT, S.SUBMITTED, "is_nominating_clerk", False, gettext_noop("Submit")),
    Transition(S.RETURNED, S.SUBMITTED, "is_nominating_clerk", False, gettext_noop("Resubmit")),
    Transition(S.DRAFT, S.WITHDRAWN, "is_nominating_clerk", False, gettext_noop("Withdraw")),
    Transition(S.SUBMITTED, S.WITHDRAWN, "is_nominating_clerk", False, gettext_noop("Withdraw")),
    Transition(S.RETURNED, S.WITHDRAWN, "is_nominating_clerk", False, gettext_noop("Withdraw")),
    Transition(S.APPRAISED, S.WITHDRAWN, "is_nominating_clerk", True, gettext_noop("Withdraw")),
    Transition(S.SUBMITTED, S.APPRAISED, "is_appraising_office", False, gettext_noop("Appraise")),
    Transition(S.SUBMITTED, S.RETURNED, "is_appraising_office", True, gettext_noop("Return")),
    Transition(S.APPRAISED, S.RETURNED, "is_appraising_office", True, gettext_noop("Return")),
    Transition(S.SUBMITTED, S.REJECTED, "is_appraising_office", True, gettext_noop("Reject")),
    Transition(S.APPRAISED, S.REJECTED, "is_appraising_office", True, gettext_noop("Reject")),
    Transition(
        S.APPRAISED,
        S.VOTED,
        "is_council_secretariat",
        False,
        gettext_noop("Record the passing vote"),
    ),
    Transition(S.VOTED, S.PROPOSED, "is_proposer", False, gettext_noop("Propose to the decider")),
    Transition(S.PROPOSED, S.REJECTED, "is_decider", True, gettext_noop("Reject")),
    Transition(S.PROPOSED, S.DECIDED, "is_decider", False, gettext_noop("Decide")),
    Transition(S.DECIDED, S.REVOKED, "is_decider", True, gettext_noop("Revoke")),
)

TRANSITION_INDEX: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in TRANSITIONS}

# Moves that only another part of the system makes: a decision issued by the decider
# (awards.domain.decisions.issue_decision) and its revocation. No button offers them.
SYSTEM_TARGETS: frozenset[str] = frozenset({S.DECIDED, S.REVOKED})

# Nominations that are still alive (they count towards quotas and block a duplicate).
ACTIVE_STATES: frozenset[str] = frozenset(
    {S.DRAFT, S.SUBMITTED, S.APPRAISED, S.RETURNED, S.VOTED, S.PROPOSED, S.DECIDED}
)
# Ends a dossier for good: the page asks to confirm that it cannot be undone.
FINAL_TARGETS: frozenset[str] = frozenset({S.WITHDRAWN, S.REJECTED})
# The clerk may still change the dossier.
EDITABLE_STATES: frozenset[str] = frozenset({S.DRAFT, S.RETURNED})
# Past the nominating unit: in the hands of the level above.
SENT_STATES: frozenset[str] = frozenset({S.SUBMITTED, S.APPRAISED, S.VOTED, S.PROPOSED, S.DECIDED})
# Moves after which the engine is run again and its outcome must be ELIGIBLE or overridden.
GATED_TARGETS: frozenset[str] = frozenset({S.SUBMITTED, S.APPRAISED})


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


# The eligibility engine's outcomes as stored, in the engine's one wording
# (eligibility.core.vocab.OUTCOME_LABELS), translated here. Built with the functional API so
# that the engine's list stays the only one (django-stubs types only the class form).
Outcome = models.TextChoices(  # type: ignore[call-overload]
    "Outcome", [(o.name, (o.value, _(label))) for o, label in OUTCOME_LABELS.items()]
)


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
    EVIDENCE = "evidence", _("Evidence")
    MINUTES = "minutes", _("Minutes of the evaluation meeting")
    CONFIRMATION = "confirmation", _("Confirmation of an initiative")
    OTHER = "other", _("Other document")
