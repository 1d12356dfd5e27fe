from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "vinhdanh.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from vinhdanh.common import audit

        audit.connect_signals()
