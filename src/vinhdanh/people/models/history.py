from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import (
    DisciplineForm,
    InitiativeKind,
    InitiativeLevel,
    LeaveKind,
    Rating,
    ReviewKind,
    TrainingCompliance,
    TrainingResult,
)
from vinhdanh.people.models.persons import Person


@audited
class TaskRating(models.Model):
    """Xếp loại mức độ hoàn thành nhiệm vụ for one evaluation year."""

    # uniq_rating_person_year leads with the person
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="ratings", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    months_worked = models.DecimalField(
        _("months worked"), max_digits=4, decimal_places=1, default=12
    )
    movement_participation = models.BooleanField(_("took part in movements"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        ordering = ["person", "-year"]
        constraints = [
            # a plain one: SQLite would not create a unique constraint with INCLUDE at all
            models.UniqueConstraint(fields=["person", "year"], name="uniq_rating_person_year")
        ]
        indexes = [
            # the years' facts of a unit's people from the index alone on PostgreSQL (see
            # Award's award_person_facts)
            models.Index(
                fields=["person"],
                include=["year", "rating", "months_worked", "movement_participation"],
                name="rating_person_facts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.rating}"


@audited
class Initiative(models.Model):
    """Sáng kiến, đề tài khoa học or combat ingenuity, with its recognised scope."""

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=12, choices=InitiativeKind.choices)
    level = models.CharField(_("scope"), max_length=12, choices=InitiativeLevel.choices)
    recognised_on = models.DateField(_("recognised on"))
    recognised_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    decision_number = models.CharField(_("recognition decision"), max_length=80, blank=True)
    applied_effectively = models.BooleanField(_("applied effectively"), default=True)
    replicable = models.BooleanField(_("replicable"), default=True)
    authors = models.ManyToManyField(Person, related_name="initiatives", verbose_name=_("authors"))

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-recognised_on"]

    def __str__(self) -> str:
        return self.title


@audited
class Discipline(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField(_("form"), max_length=20, choices=DisciplineForm.choices)
    decision_number = models.CharField(_("decision number"), max_length=80, blank=True)
    decision_date = models.DateField(_("decision date"))
    period_end = models.DateField(_("disciplinary period ends"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["person", "-decision_date"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_form_display()} {self.decision_date:%d/%m/%Y}"


@audited
class Leave(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(_("kind"), max_length=16, choices=LeaveKind.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    # Training courses only (R-LDTT-5(b)): compliance and study result, when known.
    training_compliance = models.CharField(
        _("compliance with the training rules"),
        max_length=8,
        choices=TrainingCompliance.choices,
        blank=True,
    )
    training_result = models.CharField(
        _("study result"), max_length=12, choices=TrainingResult.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("leave or training")
        verbose_name_plural = _("leave and training")
        ordering = ["person", "-start_date"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


@audited
class PendingReview(models.Model):
    """An open disciplinary consideration, investigation or complaint: rewards wait (R-DISC-1)."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="pending_reviews"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="pending_reviews"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReviewKind.choices)
    opened = models.DateField(_("opened"))
    closed = models.DateField(_("closed"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pending review")
        verbose_name_plural = _("pending reviews")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="pending_review_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.get_kind_display()}"
