from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Rating(models.TextChoices):
    """Xếp loại mức độ hoàn thành nhiệm vụ, best first."""

    HTXSNV = "HTXSNV", _("Completed tasks excellently (HTXSNV)")
    HTTNV = "HTTNV", _("Completed tasks well (HTTNV)")
    HTNV = "HTNV", _("Completed tasks (HTNV)")
    KHTNV = "KHTNV", _("Did not complete tasks (KHTNV)")


RATING_RANK = {Rating.HTXSNV: 4, Rating.HTTNV: 3, Rating.HTNV: 2, Rating.KHTNV: 1}


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    RESEARCH = "research", _("Accepted research")
    COMBAT = "combat", _("Combat ingenuity")


class InitiativeLevel(models.TextChoices):
    CO_SO = "co_so", _("Base level")
    BO_TINH = "bo_tinh", _("Ministry / province level")
    TOAN_QUOC = "toan_quoc", _("National level")


class DisciplineForm(models.TextChoices):
    KHIEN_TRACH = "khien_trach", _("Reprimand (khiển trách)")
    CANH_CAO = "canh_cao", _("Warning (cảnh cáo)")
    HA_BAC_LUONG = "ha_bac_luong", _("Salary downgrade (hạ bậc lương)")
    GIANG_CHUC = "giang_chuc", _("Demotion (giáng chức)")
    CACH_CHUC = "cach_chuc", _("Dismissal from post (cách chức)")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Forced resignation (buộc thôi việc)")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Maternity leave")
    INJURY_RESCUE = "injury_rescue", _("Injury in combat or rescue")
    SICK = "sick", _("Sick leave")
    TRAINING = "training", _("Training course")
    OTHER = "other", _("Other leave")


class TrainingCompliance(models.TextChoices):
    """How a person on a training course kept the rules of the training institution."""

    GOOD = "good", _("Good compliance")
    POOR = "poor", _("Poor compliance")


class TrainingResult(models.TextChoices):
    """The study result of a training course (khá or better counts where a sector says so)."""

    XUAT_SAC = "xuat_sac", _("Excellent (xuất sắc)")
    GIOI = "gioi", _("Very good (giỏi)")
    KHA = "kha", _("Good (khá)")
    TRUNG_BINH = "trung_binh", _("Average (trung bình)")
    YEU = "yeu", _("Weak (yếu)")
    DAT = "dat", _("Passed (đạt)")
    KHONG_DAT = "khong_dat", _("Not passed (không đạt)")


class ReviewKind(models.TextChoices):
    DISCIPLINE = "discipline_consideration", _("Discipline under consideration")
    INVESTIGATION = "investigation", _("Investigation, inspection or audit")
    COMPLAINT = "complaint", _("Complaint or denunciation being verified")
