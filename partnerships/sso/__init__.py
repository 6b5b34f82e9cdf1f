"""Single sign-on with the council's OpenID Connect provider (Microsoft Entra ID or another).

mozilla-django-oidc does the protocol (authorization code flow with PKCE, token and signature
checks); this package decides who the person is in the register: their role and directorate, from
the claims, through the mappings an administrator edits (partnerships.models.SignOnMapping).
Everything is configured by environment variables: see README "Single sign-on".
"""

from django.conf import settings


def enabled():
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def sso_only():
    return enabled() and getattr(settings, "SSO_ONLY", False)
