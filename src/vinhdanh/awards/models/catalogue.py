from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import AwardCategory, AwardLevel
from vinhdanh.common.audit import audited


@audited
class AwardKind(models.Model):
    """A title or form of commendation in the catalogue (rules.md §2–3), codes as there."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255)
    short_vi = models.CharField(_("abbreviation"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=AwardCategory.choices)
    level = models.CharField(_("level"), max_length=20, choices=AwardLevel.choices)
    subject_types = models.JSONField(_("subjects"), default=list)
    award_types = models.JSONField(_("award types allowed"), default=list)
    is_annual = models.BooleanField(_("annual"), default=False)
    class_rank = models.PositiveSmallIntegerField(_("class"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(default=1000)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("award kind")
        verbose_name_plural = _("award catalogue")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi
