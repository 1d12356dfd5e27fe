from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "vinhdanh.eligibility"
    label = "eligibility"
    verbose_name = _("Eligibility")

    def ready(self) -> None:
        from vinhdanh.awards.models import Award, AwardKind, Decision
        from vinhdanh.common import freshness
        from vinhdanh.eligibility.domain.queries import fact_units
        from vinhdanh.eligibility.models import ParameterValue
        from vinhdanh.orgs.models import CollectiveRating, Unit
        from vinhdanh.people.models import (
            Discipline,
            Initiative,
            Leave,
            PendingReview,
            Person,
            Post,
            TaskRating,
        )

        # Everything the engine reads (domain/queries/facts.py) or a list sorts by: a change of
        # any of these renews the cached candidate lists and the decisions' award counts; a
        # row that says where it lives (domain/queries/fact_units.py) renews only the lists
        # of its units and of the units above them.
        freshness.watch(Person, where=fact_units.of_person, moves=True)
        freshness.watch(Post, where=fact_units.of_post, moves=True)
        freshness.watch(TaskRating, Discipline, Leave, where=fact_units.of_persons_row)
        freshness.watch(Award, PendingReview, where=fact_units.of_subject)
        freshness.watch(CollectiveRating, where=fact_units.of_units_row)
        freshness.watch(Initiative, where=fact_units.of_initiative)
        freshness.watch(Initiative.authors.through, Decision, AwardKind, Unit, ParameterValue)
