from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.nominations.models.nominations import Nomination
from vinhdanh.nominations.models.rounds import Round


@audited
class PublicNotice(models.Model):
    """Công khai, lấy ý kiến: the nominees of a round posted for N working days.

    The window runs from `starts_on` to the end of `ends_on` (the N-th working day, weekends
    and Vietnamese public holidays excluded); a nominee whose kind requires a notice cannot be
    proposed before the window has closed.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="notices")
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("posted from"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    ends_on = models.DateField(_("open until"))
    nominations = models.ManyToManyField(
        Nomination, verbose_name=_("nominees"), related_name="notices"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def is_closed_on(self, day: dt.date) -> bool:
        return day > self.ends_on


class PublicComment(models.Model):
    """An opinion sent from the public page. Nothing about the sender but an optional name."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="comments")
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_comments",
    )
    name = models.CharField(_("name (optional)"), max_length=120, blank=True)
    content = models.TextField(_("opinion"), max_length=2000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name or '—'}: {self.content[:60]}"
