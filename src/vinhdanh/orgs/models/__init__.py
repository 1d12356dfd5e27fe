from vinhdanh.orgs.models.roles import RoleAssignment
from vinhdanh.orgs.models.units import CollectiveRating, Unit, UnitEvent

__all__ = ["CollectiveRating", "RoleAssignment", "Unit", "UnitEvent"]
