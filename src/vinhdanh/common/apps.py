from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "vinhdanh.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from vinhdanh.common import audit

        # Accounts too: making someone a superuser in the admin is a change like any other.
        audit.audited(get_user_model())
        audit.connect_signals()
