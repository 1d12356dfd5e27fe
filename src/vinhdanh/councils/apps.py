from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "vinhdanh.councils"
    label = "councils"
    verbose_name = _("Councils")

    def ready(self) -> None:
        from vinhdanh.councils.domain import vote_gate
        from vinhdanh.councils.interfaces import minutes

        vote_gate.connect()
        minutes.connect()
