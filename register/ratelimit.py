"""A small rate limit kept in Django's cache (shared between servers when REDIS_URL is set).

Used where people without an account, or without a session yet, ask for something: a password-reset
email, a partner's health-check link.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def over_limit(kind, value, limit, seconds):
    """Count one more request for (kind, value) in the current window; True once past `limit`."""
    key = f"ratelimit:{kind}:{value}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=seconds)
        return False


def client_address(request):
    """The visitor's address, behind the proxies the settings declare (as sign-in throttling sees it)."""
    return get_client_ip_address(request) or "unknown"
