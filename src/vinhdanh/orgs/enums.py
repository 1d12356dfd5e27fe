from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DEPARTMENT = "department", _("Department (Sở, ban, ngành)")
    DISTRICT = "district", _("District (until 30/06/2025)")
    COMMUNE = "commune", _("Commune / ward / special zone")
    DIVISION = "division", _("Division")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    ENTERPRISE = "enterprise", _("State enterprise")
    VILLAGE = "village", _("Village / residential group")
    OTHER = "other", _("Other")


class UnitEventKind(models.TextChoices):
    ESTABLISH = "establish", _("Establishment")
    MERGE = "merge", _("Merger")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Renaming")
    DISSOLVE = "dissolve", _("Dissolution")


class Capability(models.TextChoices):
    CLERK = "clerk", _("Emulation clerk")
    HEAD = "head", _("Head of unit")
    COUNCIL = "council", _("Council member")
    OFFICE = "office", _("Emulation office")
    DECIDER = "decider", _("Decider")
    ADMIN = "admin", _("Administrator")
