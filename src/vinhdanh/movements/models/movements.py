from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.audit import audited
from vinhdanh.common.files import private_upload_to
from vinhdanh.movements.enums import MovementKind
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


@audited
class Movement(models.Model):
    """Phong trào thi đua: launched by a unit for its own staff and the units under it."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MovementKind.choices, default=MovementKind.REGULAR
    )
    launched_by = models.ForeignKey(
        Unit, verbose_name=_("launched by"), on_delete=models.PROTECT, related_name="movements"
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("For a regular movement: the emulation year it covers."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    launched_on = models.DateField(_("launched on"), default=timezone.localdate)
    criteria = models.TextField(_("criteria and targets"), blank=True)
    description = models.TextField(_("content"), blank=True)
    target_kinds = models.ManyToManyField(
        AwardKind, verbose_name=_("titles and forms in view"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="movement_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


def _document_path(instance: MovementDocument, filename: str) -> str:
    return private_upload_to("movements")


@audited
class MovementDocument(models.Model):
    """A plan, launch document or guidance attached to a movement."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("movement document")
        verbose_name_plural = _("movement documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


@audited
class Registration(models.Model):
    """Đăng ký thi đua: a person or a collective pledges to reach some titles in a movement."""

    movement = models.ForeignKey(
        Movement, verbose_name=_("movement"), on_delete=models.PROTECT, related_name="registrations"
    )
    registering_unit = models.ForeignKey(
        Unit,
        verbose_name=_("registering unit"),
        on_delete=models.PROTECT,
        related_name="movement_registrations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target_kinds = models.ManyToManyField(
        AwardKind, verbose_name=_("titles aimed for"), related_name="+"
    )
    pledge = models.TextField(_("commitments"), blank=True)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["movement", "registering_unit", "id"]
        indexes = [
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="registration_one_subject",
            ),
            models.UniqueConstraint(
                fields=["movement", "person"],
                condition=models.Q(person__isnull=False, withdrawn_on__isnull=True),
                name="uniq_registration_movement_person",
            ),
            models.UniqueConstraint(
                fields=["movement", "unit"],
                condition=models.Q(unit__isnull=False, withdrawn_on__isnull=True),
                name="uniq_registration_movement_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} — {self.movement}"

    @property
    def subject(self) -> Person | Unit | None:
        return self.person or self.unit

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
