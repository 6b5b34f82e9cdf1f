"""A small rate limit kept in Django's cache (shared between servers when REDIS_URL is set), and the
one answer to "which address is this visitor at?" that every limit uses (sign-in throttling too:
settings.AXES_CLIENT_IP_CALLABLE points here).

Used where people without an account, or without a session yet, ask for something: a password-reset
email, a partner's health-check link.
"""

import ipaddress

from django.conf import settings
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
    """The visitor's address, counting settings.TRUSTED_PROXY_COUNT proxies in front of the app.

    With no trusted proxies the connection's own address (REMOTE_ADDR) is the visitor's, and
    X-Forwarded-For is ignored: anyone can send it. Each trusted proxy appends the address it was
    reached from to X-Forwarded-For, so with N of them the visitor is the N-th entry from the right;
    whatever a visitor wrote further left is not believed.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if proxies else ""
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if entries:  # fewer entries than proxies: the left-most was still written by a trusted proxy
        return without_port(entries[max(0, len(entries) - proxies)])
    return request.META.get("REMOTE_ADDR") or "unknown"


def axes_client_address(request):
    """client_address for django-axes, which keeps it in an IP address column: None unless it is one
    (a request made in code has no REMOTE_ADDR; some proxies forward "unknown")."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def without_port(address):
    """'192.0.2.7:5120' -> '192.0.2.7' and '[2001:db8::1]:443' -> '2001:db8::1' (some proxies add ports)."""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        pass
    host = address[1:].partition("]")[0] if address.startswith("[") else address.rpartition(":")[0]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return address
