"""States and choices of the council workflow (docs/architecture.md §4 "Council session")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class VotingMethod(models.TextChoices):
    SECRET_BALLOT = "secret_ballot", _("Secret ballot")
    SHOW_OF_HANDS = "show_of_hands", _("Show of hands")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Closed")


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class DenominatorType(models.TextChoices):
    """Over whom the approval ratio is computed (rules.md §5.4, R-VOTE-1/2)."""

    TOTAL_MEMBERS = "total_members", _("Total members of the council")
    PRESENT_MEMBERS = "present_members", _("Members taking part in the vote")


class TallyOutcome(models.TextChoices):
    """Why a nomination passed or failed the vote (the tally's reason, kept at closing)."""

    PASSED = "passed", _("Passed")
    BELOW_THRESHOLD = "below_threshold", _("Not enough votes for")
    QUORUM_NOT_MET = "quorum_not_met", _("Quorum not met")
    NO_ELIGIBLE_VOTERS = "no_eligible_voters", _("No member could vote")
