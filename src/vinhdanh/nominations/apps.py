from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "vinhdanh.nominations"
    label = "nominations"
    verbose_name = _("Nominations")

    def ready(self) -> None:
        from vinhdanh.nominations.domain import revocation

        revocation.connect()
