from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "vinhdanh.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from vinhdanh.web.signin import note_sign_in

        user_logged_in.connect(note_sign_in, dispatch_uid="vinhdanh_note_sign_in")
