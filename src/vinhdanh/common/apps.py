from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "vinhdanh.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from vinhdanh.common import audit, freshness

        # Accounts too: making someone a superuser in the admin is a change like any other.
        audit.audited(get_user_model())
        audit.connect_signals()
        freshness.connect_signals()
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """`migrate` also creates the shared cache's table (settings.CACHES), so `make demo`, CI,
    the benchmarks and a deployment need no separate `createcachetable` step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
