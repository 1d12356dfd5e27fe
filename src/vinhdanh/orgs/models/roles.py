from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.audit import audited
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models.units import Unit


@audited
class RoleAssignment(models.Model):
    """A role held *in a unit*, optionally including its sub-units, with capability flags."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments")
    include_subunits = models.BooleanField(_("including sub-units"), default=True)
    is_clerk = models.BooleanField(_("emulation clerk"), default=False)
    is_head = models.BooleanField(_("head of unit"), default=False)
    is_council_member = models.BooleanField(_("council member"), default=False)
    is_emulation_office = models.BooleanField(_("emulation office"), default=False)
    is_decider = models.BooleanField(_("decider"), default=False)
    is_admin = models.BooleanField(_("administrator"), default=False)
    title = models.CharField(_("title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="uniq_role_user_unit")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit}"

    def has(self, capability: Capability | str) -> bool:
        return bool(
            {
                Capability.CLERK: self.is_clerk,
                Capability.HEAD: self.is_head,
                Capability.COUNCIL: self.is_council_member,
                Capability.OFFICE: self.is_emulation_office,
                Capability.DECIDER: self.is_decider,
                Capability.ADMIN: self.is_admin,
            }[Capability(capability)]
        )
