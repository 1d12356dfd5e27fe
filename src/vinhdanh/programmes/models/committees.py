from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole
from vinhdanh.programmes.models.programmes import Programme


@audited
class Committee(models.Model):
    """Ban Chỉ đạo (or any committee) of a programme, set up and re-formed by decisions."""

    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="committees"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="committees"
    )
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


@audited
class CommitteeDecision(models.Model):
    """The decision that set the committee up (thành lập) or re-formed it (kiện toàn)."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=10, choices=CommitteeDecisionKind.choices)
    number = models.CharField(_("decision number"), max_length=80)
    date = models.DateField(_("decision date"))
    effective_on = models.DateField(_("effective date"))
    text = models.TextField(_("summary"), blank=True)
    # Hook for the documents machinery: the generated or uploaded decision, when there is one.
    document_ref = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.number} ({self.date:%d/%m/%Y})"


@audited
class CommitteeMembership(models.Model):
    """One person in one role for a stretch of time; replaced members keep their rows."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    post_title = models.CharField(_("post"), max_length=255, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=CommitteeRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    appointed_by = models.ForeignKey(
        CommitteeDecision, on_delete=models.PROTECT, related_name="appointments"
    )
    ended_by = models.ForeignKey(
        CommitteeDecision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dismissals",
    )

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["valid_from", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.get_role_display()}"
