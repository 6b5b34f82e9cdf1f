from oauth2_provider.oauth2_validators import OAuth2Validator

DEPARTMENT = "dept:"


class Validator(OAuth2Validator):
    """Sends the claims Entra ID sends: username, names, email, groups and department.

    A user's groups here whose names start with "dept:" are their department; the rest are groups.
    """

    oidc_claim_scope = None  # every claim, whatever the scopes (Entra ID sends groups that way)

    def get_additional_claims(self, request):
        user = request.user
        names = list(user.groups.values_list("name", flat=True))
        return {
            "preferred_username": user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "email": user.email,
            "groups": [name for name in names if not name.startswith(DEPARTMENT)],
            "department": next((name[len(DEPARTMENT) :] for name in names if name.startswith(DEPARTMENT)), ""),
        }
