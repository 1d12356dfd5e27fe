from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.common.files import private_upload_to
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import Gender
from vinhdanh.people.models import Person
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


@audited
class ActivityAttendee(models.Model):
    """One person on an activity's attendance list (imported from .xlsx, all or nothing)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendees")
    row = models.PositiveIntegerField(_("row"))
    full_name = models.CharField(_("full name"), max_length=255)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post_title = models.CharField(_("post"), max_length=255, blank=True)
    organisation = models.CharField(_("agency or unit"), max_length=255, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["activity", "row", "id"]

    def __str__(self) -> str:
        return self.full_name


def _attachment_path(instance: ActivityAttachment, filename: str) -> str:
    return private_upload_to("activities")


@audited
class ActivityAttachment(models.Model):
    """A file kept with an activity: minutes, photos, the signed attendance sheet."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity attachment")
        verbose_name_plural = _("activity attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
