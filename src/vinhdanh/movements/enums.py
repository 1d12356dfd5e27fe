from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    """Law 06/2022 Art. 16: regular (thường xuyên) or thematic (theo chuyên đề)."""

    REGULAR = "regular", _("Regular")
    THEMATIC = "thematic", _("Thematic")
