from vinhdanh.eligibility.models.parameters import ParameterValue

__all__ = ["ParameterValue"]
