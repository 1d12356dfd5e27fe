from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.models.programmes import Programme


@audited
class ActivityKind(models.Model):
    """A kind of activity the programme counts (dissemination session, training, inspection)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="activity_kinds"
    )
    name = models.CharField(_("name"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="uniq_activity_kind_name")
        ]

    def __str__(self) -> str:
        return self.name


@audited
class Activity(models.Model):
    """Something a unit did under the programme, on a day, with how many people took part."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="activities")
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["programme", "unit", "date"])]

    def __str__(self) -> str:
        return self.title
