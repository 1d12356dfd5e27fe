from vinhdanh.api.serializers.awards import (
    AwardKindSerializer,
    AwardSerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
)
from vinhdanh.api.serializers.orgs import UnitRefSerializer, UnitSerializer
from vinhdanh.api.serializers.people import PersonRefSerializer, PersonSerializer

__all__ = [
    "AwardKindSerializer",
    "AwardSerializer",
    "DecisionDetailSerializer",
    "DecisionSerializer",
    "PersonRefSerializer",
    "PersonSerializer",
    "UnitRefSerializer",
    "UnitSerializer",
]
