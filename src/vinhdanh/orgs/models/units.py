from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.common.text import normalize, search_key
from vinhdanh.orgs.enums import UnitEventKind, UnitLevel


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )

    def descendants_of(self, unit: Unit, *, include_self: bool = True) -> UnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


@audited
class Unit(models.Model):
    """A node of the organisation tree, valid for a period; also a collective that receives titles.

    `path` is the materialised chain of ids ("/1/7/42/") so "this unit and its sub-units" is one
    indexed prefix query at any scale.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("valid from"), default=dt.date(2000, 1, 1))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    is_collective = models.BooleanField(_("receives collective titles"), default=True)
    priority_area = models.BooleanField(
        _("border, sea, island or disadvantaged area"), default=False
    )
    search_key = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = normalize(self.name)
        self.search_key = search_key(f"{self.name} {self.short_name} {self.code}")
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            old_path = self.path
            self.path, self.depth = path, path.count("/") - 2
            type(self).objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
            if old_path:
                self._reroot_descendants(old_path)

    def _reroot_descendants(self, old_path: str) -> None:
        """A unit moved: its whole subtree follows, in one UPDATE."""
        shift = self.path.count("/") - old_path.count("/")
        type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
            path=Concat(Value(self.path), Substr("path", len(old_path) + 1)),
            depth=models.F("depth") + shift,
        )

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def name_on(self, day: dt.date) -> str:
        """The name in force on a day: renames are events, the row holds today's name."""
        renames = self.events_as_successor.filter(kind=UnitEventKind.RENAME).order_by(
            "-effective_date"
        )
        name = self.name
        for event in renames:
            if event.effective_date > day:
                name = event.old_name or name
        return name

    def ancestors(self) -> list[Unit]:
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]


@audited
class UnitEvent(models.Model):
    """A merger, split, renaming, dissolution or establishment, by a decision with a date.

    Predecessors stop the day before `effective_date`; successors start on it. History (people,
    awards) follows the successor.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=UnitEventKind.choices)
    effective_date = models.DateField(_("effective date"))
    decision_number = models.CharField(_("decision number"), max_length=80, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_body = models.CharField(_("issued by"), max_length=255, blank=True)
    predecessors = models.ManyToManyField(
        Unit, related_name="events_as_predecessor", blank=True, verbose_name=_("predecessors")
    )
    successors = models.ManyToManyField(
        Unit, related_name="events_as_successor", blank=True, verbose_name=_("successors")
    )
    old_name = models.CharField(_("former name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("unit event")
        verbose_name_plural = _("unit events")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_date:%d/%m/%Y}"


@audited
class CollectiveRating(models.Model):
    """A collective's task rating for a year (the collective titles rest on it)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=8)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("collective rating")
        verbose_name_plural = _("collective ratings")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_collective_rating_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.rating}"
