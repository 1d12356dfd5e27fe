from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import AwardType, DeciderRole
from vinhdanh.common.audit import audited
from vinhdanh.common.versioning import Versioned
from vinhdanh.movements.models import Movement
from vinhdanh.nominations.enums import RoundStatus
from vinhdanh.orgs.models import Unit


@audited
class Round(Versioned):
    """Đợt xét khen thưởng: the nominations a unit sends together to the body that decides.

    `owning_unit` nominates (its clerk prepares the dossiers); `decider_unit` is the unit whose
    emulation office appraises, whose council votes and whose head decides — the unit itself
    for the titles within its own power, or the level above.
    """

    name = models.CharField(_("name"), max_length=255)
    owning_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nominating unit"),
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
    )
    decider_unit = models.ForeignKey(
        Unit,
        verbose_name=_("deciding unit"),
        on_delete=models.PROTECT,
        related_name="rounds_to_decide",
    )
    decider_role = models.CharField(
        _("authority that decides"), max_length=40, choices=DeciderRole.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("achievement year"))
    period_label = models.CharField(
        _("achievement period"),
        max_length=60,
        blank=True,
        help_text=_("For multi-year or thematic rounds, e.g. 2021–2025."),
    )
    award_type = models.CharField(
        _("award type"), max_length=12, choices=AwardType.choices, default=AwardType.CONG_TRANG
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text=_("For a thematic round: the movement whose results are commended."),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text=_("For a round opened from a programme's review: the programme commended."),
    )
    submission_deadline = models.DateField(_("submission deadline"), null=True, blank=True)
    appraisal_deadline = models.DateField(_("appraisal deadline"), null=True, blank=True)
    planned_decision_date = models.DateField(
        _("planned decision date"),
        null=True,
        blank=True,
        help_text=_("The engine applies the rules in force on this date (today when empty)."),
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    status_reason = models.TextField(_("reason for closing or withdrawing"), blank=True)
    quota_override_reason = models.TextField(_("reason for exceeding the quota"), blank=True)
    quota_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quota_override_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["owning_unit", "year"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def has_quota_override(self) -> bool:
        return bool(self.quota_override_reason)
