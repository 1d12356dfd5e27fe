from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.common.text import normalize, person_sort_key, search_key
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import Gender


@audited
class Person(models.Model):
    """Cá nhân. `current_unit` is derived from posts and drives visibility by unit."""

    code = models.CharField(_("staff code"), max_length=40, unique=True)
    family_name = models.CharField(_("family name"), max_length=60)
    middle_name = models.CharField(_("middle name"), max_length=80, blank=True)
    given_name = models.CharField(_("given name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    recruitment_date = models.DateField(_("recruitment date"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    priority_group = models.BooleanField(
        _("priority group (direct labour, border or island area)"), default=False
    )
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("current unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_people",
    )
    current_title = models.CharField(_("current post"), max_length=120, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    search_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    sort_key = models.CharField(max_length=600, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.family_name = normalize(self.family_name)
        self.middle_name = normalize(self.middle_name)
        self.given_name = normalize(self.given_name)
        self.search_key = search_key(f"{self.full_name} {self.code}")
        self.sort_key = person_sort_key(self.given_name, self.middle_name, self.family_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key", "sort_key"}
        super().save(*args, **kwargs)


@audited
class Post(models.Model):
    """Chức vụ / quá trình công tác: a person's post in a unit over a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="posts")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(_("post"), max_length=120)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    is_concurrent = models.BooleanField(
        _("concurrent post (kiêm nhiệm)"),
        default=False,
        help_text=_("A concurrent post may overlap the main post."),
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["person", "-start_date"]
        indexes = [models.Index(fields=["unit", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="post_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}, {self.unit}"

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
