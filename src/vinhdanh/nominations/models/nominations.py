from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import AwardType
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.common.audit import audited
from vinhdanh.common.files import private_upload_to
from vinhdanh.common.versioning import Versioned
from vinhdanh.nominations.enums import (
    EDITABLE_STATES,
    AttachmentKind,
    NominationState,
    Outcome,
)
from vinhdanh.nominations.models.rounds import Round
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

_ACTIVE = ~models.Q(state__in=[NominationState.WITHDRAWN, NominationState.REJECTED])


@audited
class Nomination(Versioned):
    """Hồ sơ đề nghị: one subject (a person or a collective) for one award kind in a round.

    `state` changes only through `nominations.domain.workflow.transition`.
    """

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    kind = models.ForeignKey(
        AwardKind, verbose_name=_("award kind"), on_delete=models.PROTECT, related_name="+"
    )
    award_type = models.CharField(
        _("award type"), max_length=12, choices=AwardType.choices, default=AwardType.CONG_TRANG
    )
    period = models.PositiveSmallIntegerField(_("achievement year"))
    period_label = models.CharField(_("achievement period"), max_length=60, blank=True)
    achievement_summary = models.TextField(_("summary of achievements"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=NominationState.choices,
        default=NominationState.DRAFT,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("state since"), null=True, blank=True)
    eligibility_outcome = models.CharField(
        _("eligibility"), max_length=20, choices=Outcome.choices, blank=True
    )
    eligibility_checks = models.JSONField(_("eligibility checks"), default=list, blank=True)
    eligibility_evaluated_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("reason for going forward"), blank=True)
    override_outcome = models.CharField(
        _("outcome overridden"), max_length=20, choices=Outcome.choices, blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_at = models.DateTimeField(_("overridden on"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    award = models.OneToOneField(
        Award,
        verbose_name=_("award"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination",
    )
    needs_review = models.BooleanField(
        _("flagged for review"),
        default=False,
        help_text=_("Set when an award this nomination rests on was revoked."),
    )
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["round", "kind__sort_order", "id"]
        indexes = [
            models.Index(fields=["round", "state"]),
            models.Index(fields=["person", "period"]),
            models.Index(fields=["unit", "period"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="nomination_one_subject",
            ),
            models.UniqueConstraint(
                fields=["round", "person", "kind"],
                condition=models.Q(person__isnull=False) & _ACTIVE,
                name="uniq_active_nomination_person",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "kind"],
                condition=models.Q(unit__isnull=False) & _ACTIVE,
                name="uniq_active_nomination_unit",
            ),
        ]

    def __str__(self) -> str:
        # Read in pickers and lists: the subject first, the title by its name.
        return f"{self.subject} — {self.kind.name} {self.period_label or self.period}"

    @property
    def subject(self) -> Person | Unit | None:
        return self.person or self.unit

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""

    @property
    def subject_unit(self) -> Unit | None:
        """The unit a subject belongs to: a person's current unit, or the collective itself."""
        if self.person is not None:
            return self.person.current_unit
        return self.unit

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_eligible(self) -> bool:
        return bool(self.eligibility_outcome == Outcome.ELIGIBLE)

    @property
    def has_override(self) -> bool:
        return bool(self.override_reason)

    @property
    def may_go_forward(self) -> bool:
        """The engine said ELIGIBLE, or someone allowed to has recorded why it goes on anyway."""
        return self.is_eligible or self.has_override


class EventQuerySet(models.QuerySet["NominationEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The history of a nomination is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The history of a nomination is append-only.")


class NominationEvent(models.Model):
    """One line of a nomination's history: who moved it from which state to which, and why."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="events")
    from_state = models.CharField(
        _("from"), max_length=12, choices=NominationState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=12, choices=NominationState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination event")
        verbose_name_plural = _("nomination history")
        ordering = ["time", "id"]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.from_state or '∅'} → {self.to_state}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The history of a nomination is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The history of a nomination is append-only.")


def _attachment_path(instance: Attachment, filename: str) -> str:
    return private_upload_to("nominations")


@audited
class Attachment(models.Model):
    """A document of the dossier: achievement report, evidence, minutes …"""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("document"),
        max_length=20,
        choices=AttachmentKind.choices,
        default=AttachmentKind.EVIDENCE,
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
