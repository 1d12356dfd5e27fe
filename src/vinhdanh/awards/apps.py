from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "vinhdanh.awards"
    label = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        from vinhdanh.awards.data.catalogue import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="awards.catalogue")
