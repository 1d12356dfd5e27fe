from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "vinhdanh.nominations"
    label = "nominations"
    verbose_name = _("Nominations")

    def ready(self) -> None:
        from vinhdanh.common import freshness
        from vinhdanh.eligibility.domain.queries import fact_units
        from vinhdanh.eligibility.domain.queries.quotas import count_nominations_with
        from vinhdanh.nominations.domain import revocation
        from vinhdanh.nominations.domain.quotas import LiveNominationCount
        from vinhdanh.nominations.models import Nomination

        revocation.connect()
        count_nominations_with(LiveNominationCount())
        # A candidate list's quota lines count the LĐTT and CSTĐCS already nominated: a dossier
        # that moves renews the cached lists (eligibility/domain/queries/candidates.py).
        freshness.watch(Nomination, where=fact_units.of_subject)
