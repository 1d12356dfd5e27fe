from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.eligibility.core.parameters import OVERLAY_KEYS, ParameterError, national_defaults
from vinhdanh.orgs.models import Unit


@audited
class ParameterValue(models.Model):
    """A parameter the law leaves to ministries and provinces, in force from a date.

    `unit` is the jurisdiction (the province, a ministry, a sector body); no unit means the
    whole installation. The most specific unit wins; among rows of one unit, the latest
    `valid_from` on or before the decision date wins.
    """

    key = models.CharField(_("parameter"), max_length=60, choices=[(k, k) for k in OVERLAY_KEYS])
    value = models.JSONField(_("value"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parameters",
    )
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rule parameter")
        verbose_name_plural = _("rule parameters")
        ordering = ["key", "-valid_from"]
        indexes = [models.Index(fields=["key", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r} ({self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})
        try:
            national_defaults().with_overlay({self.key: self.value})
        except ParameterError as exc:
            raise ValidationError({"value": str(exc)}) from exc

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_clean()
        super().save(*args, **kwargs)
