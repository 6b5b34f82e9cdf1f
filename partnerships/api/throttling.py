"""Request limits per token or signed-in user, and per address for anonymous callers.

The rates come from settings.API_THROTTLE_RATES (env API_THROTTLE_USER / API_THROTTLE_ANON), read
on each request so they can be changed in tests and by deployment settings alike.
"""

from django.conf import settings
from rest_framework import throttling


class RateFromSettings:
    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class UserThrottle(RateFromSettings, throttling.UserRateThrottle):
    scope = "user"


class AnonThrottle(RateFromSettings, throttling.AnonRateThrottle):
    scope = "anon"
