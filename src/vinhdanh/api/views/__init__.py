from vinhdanh.api.views.awards import AwardKindViewSet, AwardViewSet, DecisionViewSet
from vinhdanh.api.views.orgs import UnitViewSet
from vinhdanh.api.views.people import PersonViewSet

__all__ = ["AwardKindViewSet", "AwardViewSet", "DecisionViewSet", "PersonViewSet", "UnitViewSet"]
