"""Councils (Hội đồng TĐKT), their members, quorum and vote thresholds (rules.md §5.4)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.councils.enums import CouncilRole
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.people.names import user_display_name


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to] period covers `day` (open ends allowed)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


@audited
class Council(models.Model):
    """Hội đồng Thi đua – Khen thưởng of a unit."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("name"), max_length=255)
    established_by = models.CharField(_("established by decision"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["unit__path", "name"]

    def __str__(self) -> str:
        return self.name


@audited
class CouncilMember(models.Model):
    """A member of a council for a period, with a role in the council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_memberships",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit represented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member's own unit, if not given by their person record."),
    )
    role = models.CharField(
        _("role in the council"),
        max_length=12,
        choices=CouncilRole.choices,
        default=CouncilRole.MEMBER,
    )
    title = models.CharField(_("title"), max_length=160, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user", "valid_from"], name="uniq_council_member_period"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="council_member_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return user_display_name(self.user)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


@audited
class CouncilQuorum(models.Model):
    """The quorum of a council from an effective date (default 2/3 of members)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="quorums")
    valid_from = models.DateField(_("effective from"))
    numerator = models.PositiveSmallIntegerField(_("numerator"), default=2)
    denominator = models.PositiveSmallIntegerField(_("denominator"), default=3)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("council quorum")
        verbose_name_plural = _("council quorums")
        ordering = ["council", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["council", "valid_from"], name="uniq_quorum_from"),
            models.CheckConstraint(
                condition=Q(denominator__gt=0) & Q(numerator__lte=models.F("denominator")),
                name="quorum_is_a_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.numerator}/{self.denominator} ({self.valid_from:%d/%m/%Y})"
