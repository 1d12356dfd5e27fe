from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.nominations.models.nominations import Nomination


class Notification(models.Model):
    """An in-app message to one user about a change that concerns them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    nomination = models.ForeignKey(
        Nomination, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    verb = models.CharField(_("what happened"), max_length=20, blank=True)
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
