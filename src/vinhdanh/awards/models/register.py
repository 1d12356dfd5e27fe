from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models.decisions import ImmutableError, document_kind_of
from vinhdanh.common.numbers import decision_number


class OutgoingDocument(models.Model):
    """A submission, council minutes or public notice entered in the register of outgoing
    documents (sổ văn bản đi) of its issuing unit: the same series as decisions (issuing
    unit, kind of document, year; awards.domain.numbering). Never changed once numbered, so
    a number is never reused.

    The document it numbers is one of `round` (a submission, with the nominations it sent
    up), `session` (the minutes of a closed council session) or `notice` (a public notice).
    """

    kind = models.CharField(_("kind"), max_length=12, choices=OutgoingKind.choices)
    issuing_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
    )
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    series = models.CharField(_("kind of document"), max_length=12, editable=False)
    number_entered = models.BooleanField(_("number entered by the clerk"), default=False)
    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("date"))
    subject = models.CharField(_("on the matter of"), max_length=500, blank=True)
    round = models.ForeignKey(
        "nominations.Round",
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    nominations = models.ManyToManyField(
        "nominations.Nomination",
        verbose_name=_("nominations"),
        blank=True,
        related_name="submissions",
    )
    session = models.OneToOneField(
        "councils.CouncilSession",
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_entry",
    )
    notice = models.OneToOneField(
        "nominations.PublicNotice",
        verbose_name=_("public notice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entry",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "series", "number"],
                name="uniq_outgoing_number_per_series",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number_label} ({self.signed_on:%d/%m/%Y})"

    @property
    def number_label(self) -> str:
        return decision_number(self.number, self.symbol)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError(_("A numbered document cannot be changed."))
        self.series = document_kind_of(self.symbol)
        if not self.year:
            self.year = self.signed_on.year
        super().save(*args, **kwargs)
