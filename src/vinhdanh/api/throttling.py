"""DRF's anonymous and per-user rate limits, reading the rates when a request comes.

DRF's classes copy the rates once, at import; these read REST_FRAMEWORK's current ones, so a
deployment (and a test) can change them through settings.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None


class UserRateThrottle(throttling.UserRateThrottle):
    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None
