from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.eligibility.core.vocab import ROLE_LABELS


class SubjectType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")
    VILLAGE = "village", _("Village / residential group")
    COMMUNE = "commune", _("Commune / ward")


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Emulation title")
    ORDER = "order", _("Order (huân chương)")
    MEDAL = "medal", _("Medal (huy chương)")
    HONORARY = "honorary", _("State honorary title")
    PRIZE = "prize", _("Prize")
    COMMEMORATIVE = "commemorative", _("Commemorative medal")
    CERTIFICATE = "certificate", _("Certificate of merit / commendation")


class AwardLevel(models.TextChoices):
    STATE = "state", _("State level")
    MINISTRY_PROVINCE = "ministry_province", _("Ministry / province level")
    BASE = "base", _("Base level")


class AwardType(models.TextChoices):
    """Loại hình khen thưởng (Law 06/2022 Art. 8)."""

    CONG_TRANG = "CONG_TRANG", _("Merit-based (regular)")
    DOT_XUAT = "DOT_XUAT", _("Ad-hoc")
    PHONG_TRAO = "PHONG_TRAO", _("Movement / thematic")
    CONG_HIEN = "CONG_HIEN", _("Long contribution")
    NIEN_HAN = "NIEN_HAN", _("Length of service")
    DOI_NGOAI = "DOI_NGOAI", _("Foreign relations")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Award decision")
    REVOCATION = "revocation", _("Revocation decision")


class RevocationGround(models.TextChoices):
    """Law 06/2022 Art. 93(2) (R-REV-1)."""

    FRAUD = "a", _("(a) Achievements declared fraudulently")
    FALSE_DOCUMENTS = "b", _("(b) False information or forged documents")
    UNLAWFUL_PROCEDURE = "c", _("(c) Appraisal, approval or proposal broke the law")
    CRITERIA_NOT_MET = "d", _("(d) Violations found: criteria not met in the period")


# The authority roles of the engine (eligibility.core.vocab.ROLE_LABELS), translated here;
# the functional API keeps the engine's list the only one (django-stubs types only classes).
DeciderRole = models.TextChoices(  # type: ignore[call-overload]
    "DeciderRole", [(role.upper(), (role, _(label))) for role, label in ROLE_LABELS.items()]
)


class OutgoingKind(models.TextChoices):
    """Documents other than decisions that take a number from the register of outgoing
    documents (sổ văn bản đi), with the kind that names their series (Decree 30/2020, App. III)."""

    SUBMISSION = "submission", _("Submission (Tờ trình)")
    MINUTES = "minutes", _("Council minutes (Biên bản)")
    NOTICE = "notice", _("Public notice (Thông báo)")


# The kind of document in the symbol ("TTr" in "TTr-UBND").
OUTGOING_SERIES: dict[str, str] = {
    OutgoingKind.SUBMISSION: "TTr",
    OutgoingKind.MINUTES: "BB",
    OutgoingKind.NOTICE: "TB",
}
