"""Councils (Hội đồng TĐKT), their members, quorum and vote thresholds (rules.md §5.4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.councils.enums import CouncilRole, DenominatorType, VotingMethod
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

WILDCARD = "*"


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
        # Vietnamese order: family name (last_name) first; get_full_name() puts it last.
        full = f"{self.user.last_name} {self.user.first_name}".strip()
        return full or self.user.get_username()

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


@audited
class VoteThreshold(models.Model):
    """How many votes a nomination needs, by award kind and regime or date range (data).

    The emulation office edits these rows. The most specific row wins: a council's own row over
    a general one (council empty), an award code over '*', a regime over none, then the latest
    `valid_from`. The comparison is `for_votes / denominator ≥ numerator / denominator_of_the
    fraction` ("từ … trở lên", inclusive), or strictly greater when `inclusive` is off (">50%").
    """

    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thresholds",
        help_text=_("Empty: applies to every council without its own row."),
    )
    award_code = models.CharField(
        _("award code"), max_length=40, default=WILDCARD, help_text=_("'*' for any award kind.")
    )
    regime = models.CharField(
        _("regime"),
        max_length=40,
        blank=True,
        help_text=_("A regime of the rules engine (e.g. regime_2022b); empty for any."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    numerator = models.PositiveSmallIntegerField(_("threshold numerator"))
    denominator = models.PositiveSmallIntegerField(_("threshold denominator"))
    inclusive = models.BooleanField(
        _("inclusive (at least)"),
        default=True,
        help_text=_("Off: the ratio must be strictly greater (e.g. more than half)."),
    )
    denominator_type = models.CharField(
        _("counted over"), max_length=16, choices=DenominatorType.choices
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum numerator"), null=True, blank=True
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum denominator"), null=True, blank=True
    )
    method = models.CharField(
        _("voting method"),
        max_length=16,
        choices=VotingMethod.choices,
        blank=True,
        help_text=_("Empty: the session's method."),
    )
    rule_id = models.CharField(_("rule"), max_length=40, blank=True)
    citation = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("vote threshold")
        verbose_name_plural = _("vote thresholds")
        ordering = ["council", "award_code", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(denominator__gt=0) & Q(numerator__lte=models.F("denominator")),
                name="threshold_is_a_fraction",
            ),
            models.CheckConstraint(
                condition=(Q(quorum_numerator__isnull=True) & Q(quorum_denominator__isnull=True))
                | (
                    Q(quorum_denominator__gt=0)
                    & Q(quorum_numerator__lte=models.F("quorum_denominator"))
                ),
                name="threshold_quorum_is_a_fraction",
            ),
        ]

    def __str__(self) -> str:
        sign = "≥" if self.inclusive else ">"
        return (
            f"{self.award_code}: {sign} {self.numerator}/{self.denominator} {self.denominator_type}"
        )

    def clean(self) -> None:
        if self.denominator == 0:
            raise ValidationError({"denominator": _("The denominator must be positive.")})
        if self.numerator > self.denominator:
            raise ValidationError({"numerator": _("A threshold cannot exceed 100%.")})
        if (self.quorum_numerator is None) != (self.quorum_denominator is None):
            raise ValidationError(
                {"quorum_denominator": _("Give both parts of the quorum, or neither.")}
            )
        if self.quorum_denominator == 0 or (
            self.quorum_numerator is not None
            and self.quorum_denominator is not None
            and self.quorum_numerator > self.quorum_denominator
        ):
            raise ValidationError({"quorum_numerator": _("A quorum cannot exceed 100%.")})
        if self.regime:
            from vinhdanh.eligibility.core.regimes import load_all
            from vinhdanh.eligibility.core.regimes.registry import registered

            load_all()
            if self.regime not in registered():
                raise ValidationError({"regime": _("Unknown regime.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The period ends before it starts.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.award_code = (self.award_code or WILDCARD).strip().upper() or WILDCARD
        super().save(*args, **kwargs)
