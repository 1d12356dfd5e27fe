from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import (
    AwardType,
    DeciderRole,
    DecisionKind,
    DecisionStatus,
    RevocationGround,
)
from vinhdanh.awards.models.catalogue import AwardKind
from vinhdanh.common.audit import audited
from vinhdanh.common.numbers import decision_number
from vinhdanh.common.text import normalize, search_key
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

# Kinds of outgoing documents (Decree 30/2020, Appendix III) in their usual spelling: the part
# of a symbol before its first hyphen names the kind ("QĐ" in "QĐ-UBND").
DOCUMENT_KINDS = ("QĐ", "TTr", "BB", "TB", "CV", "KH", "BC", "NQ", "CT", "HD", "GM")
_KIND_SPELLING = {search_key(k): k for k in DOCUMENT_KINDS}


def document_kind_of(symbol: str) -> str:
    """The kind of document a symbol names, spelt as the register writes it ("qđ-ct" → "QĐ")."""
    head = normalize(symbol).split("-", 1)[0].strip()
    return _KIND_SPELLING.get(search_key(head), head)[:12]


class ImmutableError(Exception):
    """An issued decision cannot be edited or deleted: amend or revoke by a new decision."""


class DecisionQuerySet(models.QuerySet["Decision"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Bulk deletes (the admin's "delete selected", a shell) spare issued decisions too."""
        if self.filter(status=DecisionStatus.ISSUED).exists():
            raise ImmutableError(_("An issued decision cannot be deleted."))
        return super().delete()


@audited
class Decision(models.Model):
    """Quyết định: numbered per issuing body and year; immutable once issued."""

    kind = models.CharField(
        _("kind"), max_length=12, choices=DecisionKind.choices, default=DecisionKind.AWARD
    )
    status = models.CharField(
        _("status"), max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    issuing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_decisions",
    )
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    body_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=40, default="QĐ-UBND")
    # The register's series: issuing unit, kind of document and year (awards.domain.numbering).
    series = models.CharField(
        _("kind of document"), max_length=12, editable=False, default="", db_default=""
    )
    # Taken from the văn thư's register at issue rather than from Vinh Danh's counter.
    number_entered = models.BooleanField(
        _("number entered by the clerk"), default=False, db_default=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("date signed"))
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    decider_role = models.CharField(
        _("authority"), max_length=40, choices=DeciderRole.choices, blank=True
    )
    subject = models.CharField(_("on the matter of"), max_length=500, blank=True)
    legal_bases = models.TextField(_("legal bases"), blank=True)
    revokes = models.ForeignKey(
        "self",
        verbose_name=_("revokes awards of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocations",
    )
    # History brought in by the awards import: never part of a number series Vinh Danh keeps,
    # never a decision the workflow can add awards to.
    imported = models.BooleanField(_("imported history"), default=False, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-signed_on", "-id"]
        constraints = [
            # The series belongs to the issuing unit, not to how its name was typed.
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "series", "number"],
                condition=models.Q(imported=False),
                name="uniq_decision_number_per_series",
            ),
            models.UniqueConstraint(
                fields=["body_key", "year", "number", "symbol"],
                condition=models.Q(imported=True),
                name="uniq_imported_decision_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_label} ({self.signed_on:%d/%m/%Y})"

    @property
    def number_label(self) -> str:
        return (
            decision_number(self.number, self.symbol)
            if self.number is not None
            else str(_("(no number)"))
        )

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not getattr(self, "_allow_issue", False):
            stored = Decision.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == DecisionStatus.ISSUED:
                raise ImmutableError(_("An issued decision cannot be changed."))
        self.issuing_body = normalize(self.issuing_body)
        self.body_key = search_key(self.issuing_body)
        self.series = document_kind_of(self.symbol)
        if not self.year and self.signed_on:
            self.year = self.signed_on.year
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_issued:
            raise ImmutableError(_("An issued decision cannot be deleted."))
        return super().delete(*args, **kwargs)


@audited
class Award(models.Model):
    """Khen thưởng đã nhận: one subject, one kind, one period, from one decision."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="awards")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        db_index=False,  # award_person_facts leads with the person
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("collective"),
    )
    period = models.PositiveSmallIntegerField(_("achievement year"), null=True, blank=True)
    period_label = models.CharField(_("achievement period"), max_length=60, blank=True)
    award_type = models.CharField(
        _("award type"), max_length=12, choices=AwardType.choices, default=AwardType.CONG_TRANG
    )
    achievement_id = models.CharField(_("achievement"), max_length=80, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_awards",
        verbose_name=_("revoked by"),
    )
    revocation_ground = models.CharField(
        _("legal ground"), max_length=2, choices=RevocationGround.choices, blank=True
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    needs_review = models.BooleanField(
        _("flagged for review"),
        default=False,
        help_text=_("Set when an award it rested on was revoked."),
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-period", "-id"]
        indexes = [
            models.Index(fields=["unit", "period"]),
            models.Index(fields=["kind", "period"]),
            # a person's awards by year, and their whole history read from the index alone on
            # PostgreSQL (the candidate lists' facts): a person's awards lie on as many heap
            # pages as they have awards, since awards are written decision by decision
            models.Index(
                fields=["person", "period"],
                include=[
                    "kind",
                    "decision",
                    "award_type",
                    "revoked_by",
                    "achievement_id",
                ],
                name="award_person_facts",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="award_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind.code} {self.period or self.period_label} — {self.subject}"

    @property
    def subject(self) -> Person | Unit | None:
        return self.person or self.unit

    @property
    def is_revoked(self) -> bool:
        return self.revoked_by_id is not None
