"""Council sessions: agenda, attendance, recusals, ballots and the tally kept at closing.

Secret ballot (docs/architecture.md §4, §7): a `Ballot` holds the choice only — no voter, no time, a
random UUID key, and it is not written to the audit log. Who voted is a separate
`BallotCast` row with a unique constraint, so nobody votes twice. Closing a session reseals
the ballots (rewritten in random order in one transaction) so that neither insertion order
nor PostgreSQL's per-transaction system columns can link a ballot to its cast record, and
then everything about the session is locked.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.councils.enums import (
    Choice,
    DenominatorType,
    SessionStatus,
    TallyOutcome,
    VotingMethod,
)
from vinhdanh.councils.models.councils import Council, CouncilMember, VoteThreshold


class SessionLockedError(Exception):
    """A closed session, and every ballot, cannot be changed or deleted."""


def _session_status(session_id: int | None) -> str | None:
    if session_id is None:
        return None
    return CouncilSession.objects.filter(pk=session_id).values_list("status", flat=True).first()


def _refuse_if_closed(session_id: int | None) -> None:
    if _session_status(session_id) == SessionStatus.CLOSED:
        raise SessionLockedError(_("The session is closed: its records cannot be changed."))


@audited
class CouncilSession(models.Model):
    """Phiên họp Hội đồng: agenda, attendance, votes, tally and minutes."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    method = models.CharField(
        _("voting method"),
        max_length=16,
        choices=VotingMethod.choices,
        default=VotingMethod.SECRET_BALLOT,
        help_text=_("Used where the vote threshold does not prescribe one."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    rounds = models.ManyToManyField(
        "nominations.Round", verbose_name=_("rounds"), blank=True, related_name="sessions"
    )
    opened_at = models.DateTimeField(_("voting opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes = models.JSONField(_("minutes"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED

    def save(self, *args: Any, **kwargs: Any) -> None:
        _refuse_if_closed(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if _session_status(self.pk) != SessionStatus.PLANNED:
            raise SessionLockedError(_("Only a session that has not opened can be deleted."))
        return super().delete(*args, **kwargs)


class _SessionPart(models.Model):
    """A record of a session: frozen with the session once it is closed."""

    class Meta:
        abstract = True

    session_id: int

    def save(self, *args: Any, **kwargs: Any) -> None:
        _refuse_if_closed(self.session_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse_if_closed(self.session_id)
        return super().delete(*args, **kwargs)


@audited
class AgendaItem(_SessionPart):
    """One nomination on a session's agenda, and its tally once the session is closed."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(
        "nominations.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    method = models.CharField(
        _("voting method"), max_length=16, choices=VotingMethod.choices, blank=True
    )
    # --- the tally, written once when the session closes --------------------------------
    threshold = models.ForeignKey(
        VoteThreshold,
        verbose_name=_("vote threshold"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    threshold_numerator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_denominator = models.PositiveSmallIntegerField(null=True, blank=True)
    threshold_inclusive = models.BooleanField(default=True)
    denominator_type = models.CharField(max_length=16, choices=DenominatorType.choices, blank=True)
    total_members = models.PositiveIntegerField(null=True, blank=True)
    present_members = models.PositiveIntegerField(null=True, blank=True)
    recused_members = models.PositiveIntegerField(null=True, blank=True)
    eligible_voters = models.PositiveIntegerField(null=True, blank=True)
    for_votes = models.PositiveIntegerField(null=True, blank=True)
    against_votes = models.PositiveIntegerField(null=True, blank=True)
    abstain_votes = models.PositiveIntegerField(null=True, blank=True)
    written_votes = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    quorum_met = models.BooleanField(null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=TallyOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="uniq_agenda_nomination")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.position}: {self.nomination_id}"


@audited
class Attendance(_SessionPart):
    """A member present at the session (absent members have no row)."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="uniq_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.member_id}"


@audited
class Recusal(_SessionPart):
    """A member who does not vote on a nomination: automatic (self or own unit) or manual."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="+"
    )
    automatic = models.BooleanField(_("automatic"), default=False)
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["session", "member", "nomination"], name="uniq_recusal")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.member_id} / {self.nomination_id}"


class BallotQuerySet(models.QuerySet["Ballot"]):
    def update(self, **kwargs: Any) -> int:
        raise SessionLockedError(_("A cast ballot cannot be changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SessionLockedError(_("A cast ballot cannot be deleted."))


class Ballot(models.Model):
    """One secret ballot on one nomination: the choice, nothing about the voter.

    Deliberately not audited, no timestamps, random primary key: the table cannot be
    joined to `BallotCast` by any column.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="ballots")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["id"]  # random: the order says nothing about who voted when
        indexes = [models.Index(fields=["session", "nomination"])]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.nomination_id}: {self.choice}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SessionLockedError(_("A cast ballot cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SessionLockedError(_("A cast ballot cannot be deleted."))


class BallotCastQuerySet(models.QuerySet["BallotCast"]):
    def update(self, **kwargs: Any) -> int:
        raise SessionLockedError(_("The list of who voted cannot be changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise SessionLockedError(_("The list of who voted cannot be changed."))


@audited
class BallotCast(models.Model):
    """Who voted on which nomination in which session — never how."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="casts")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written = models.BooleanField(
        _("written vote"), default=False, help_text=_("Sent in writing by an absent member.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = BallotCastQuerySet.as_manager()

    class Meta:
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "user"], name="uniq_one_vote_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.nomination_id}: {self.user_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SessionLockedError(_("The list of who voted cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SessionLockedError(_("The list of who voted cannot be changed."))


@audited
class HandCount(_SessionPart):
    """A show-of-hands vote on one nomination, counted by the secretary."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.CASCADE, related_name="hand_counts"
    )
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="+"
    )
    for_votes = models.PositiveIntegerField(_("for"))
    against_votes = models.PositiveIntegerField(_("against"))
    abstain_votes = models.PositiveIntegerField(_("abstain"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("show-of-hands count")
        verbose_name_plural = _("show-of-hands counts")
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="uniq_hand_count")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.nomination_id}"
