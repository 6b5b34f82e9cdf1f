from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from register import roles
from register.models import StaffProfile

from ..models import ClaimKind, SignOnMapping

REFUSAL = "sso_refusal"


def as_list(value):
    if value in (None, ""):
        return []
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)]


class SignOnBackend(OIDCAuthenticationBackend):
    """Users are found (or made) by their username claim; roles and directorate follow the mappings
    on every sign-in, so a change in the council's directory reaches the register at the next one."""

    def get_userinfo(self, access_token, id_token, payload):
        """Entra ID puts groups, department and preferred_username in the (verified) ID token, not in
        its userinfo answer: use both, userinfo winning where they overlap."""
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def get_username(self, claims):
        return claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("email") or claims["sub"]

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username__iexact=self.get_username(claims))

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def mapped(self, claims):
        groups = as_list(claims.get(settings.OIDC_GROUPS_CLAIM))
        departments = as_list(claims.get(settings.OIDC_DEPARTMENT_CLAIM))
        found = list(
            SignOnMapping.objects.select_related("role", "directorate").filter(
                Q(kind=ClaimKind.GROUP, value__in=groups) | Q(kind=ClaimKind.DEPARTMENT, value__in=departments)
            )
        )
        role_ids = {m.role_id for m in found if m.role_id and m.role.name in roles.ALL}  # roles only
        directorates = [m.directorate for m in found if m.directorate_id]
        return role_ids, (directorates[0] if directorates else None)

    def get_or_create_user(self, access_token, id_token, payload):
        self.request.session.pop(REFUSAL, None)
        return super().get_or_create_user(access_token, id_token, payload)

    def create_user(self, claims):
        role_ids, directorate = self.refuse_without_role(claims)
        user = self.UserModel.objects.create_user(self.get_username(claims), email=claims.get("email", ""))
        user.set_unusable_password()
        return self.apply(user, claims, role_ids, directorate)

    def update_user(self, user, claims):
        role_ids, directorate = self.refuse_without_role(claims)
        return self.apply(user, claims, role_ids, directorate)

    def refuse_without_role(self, claims):
        role_ids, directorate = self.mapped(claims)
        if not role_ids:
            self.request.session[REFUSAL] = "no_role"
            raise SuspiciousOperation("No sign-on mapping gives this person a role")
        return role_ids, directorate

    def apply(self, user, claims, role_ids, directorate):
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.email = claims.get("email", user.email)
        user.save()
        # Role groups follow the provider; any other groups an administrator gave stay.
        keep = user.groups.exclude(name__in=roles.ALL)
        user.groups.set([*keep, *Group.objects.filter(pk__in=role_ids)])
        if directorate is not None:
            StaffProfile.objects.update_or_create(user=user, defaults={"directorate": directorate})
        return user
