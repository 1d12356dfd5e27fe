from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionCounter(models.Model):
    """The last number issued per issuing unit, kind of document and year (the register's
    series, awards.domain.numbering).

    Locked with SELECT … FOR UPDATE in the transaction that issues the decision, so numbers
    have no gaps and no duplicates under concurrency.
    """

    issuing_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("issuing unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    series = models.CharField(_("kind of document"), max_length=12)
    last_number = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "series"], name="uniq_decision_counter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuing_unit_id} {self.year} {self.series}: {self.last_number}"
