from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "vinhdanh.orgs"
    label = "orgs"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from vinhdanh.common import freshness
        from vinhdanh.orgs.domain.queries.units import units_and_above
        from vinhdanh.orgs.models import Unit

        # the unit pickers' options are kept until a unit changes (domain/queries/pickers.py)
        freshness.watch(Unit)
        freshness.chain_units_with(units_and_above)
