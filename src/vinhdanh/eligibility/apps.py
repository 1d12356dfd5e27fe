from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "vinhdanh.eligibility"
    label = "eligibility"
    verbose_name = _("Eligibility")

    def ready(self) -> None:
        from vinhdanh.awards.models import Award, AwardKind, Decision
        from vinhdanh.common import freshness
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
        # any of these renews the cached candidate lists and the decisions' award counts.
        freshness.watch(
            Person,
            Post,
            TaskRating,
            Initiative,
            Initiative.authors.through,
            Discipline,
            Leave,
            PendingReview,
            Award,
            Decision,
            AwardKind,
            Unit,
            CollectiveRating,
            ParameterValue,
        )
