"""Every page of the project, found from the URLconf, with URL arguments that name seeded objects.

A page added later is benched without editing this file: its URL is walked from the resolver, its
arguments are filled from ARGUMENTS (by name) or, for `pk`, from the view's model (an object of the
busy partnership where the model points at a partnership). What cannot be requested with a plain
GET as the register administrator is listed in SKIP with the reason, and shows in the results.

Imported by bench/run.py after Django is set up.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# URL names not timed here, and why. Downloads are recognised by their content type instead.
SKIP = {
    "logout": "signs the benchmark's client out",
    "sso:authenticate": "redirects to the identity provider",
    "sso:callback": "needs the identity provider's one-time code",
    "password_reset_confirm": "needs an emailed one-time token",
    "reviews:partner_health_check": "needs a partner's emailed token (no account)",
    "reviews:invitation_revoke": "POST only (revokes a partner's link)",
    "jobs:detail": "needs a background job's id",
    "jobs:download": "needs a finished background job's file",
    "toolkit:preview": "needs an uploaded workbook (the import is timed on its own row)",
    "toolkit:confirm": "needs an uploaded workbook (the import is timed on its own row)",
    "toolkit:rejects": "needs an uploaded workbook (the import is timed on its own row)",
    "register:saved_view_delete": "POST only, and a person's own saved view",
    "toolkit:export": "a download of the whole register, timed on its own row against its floor",
    "toolkit:export_csv": "a download of the whole register (streamed)",
    "api:schema": "the OpenAPI document, generated once per deployment (not a page)",
}
# `pk` of views that name no model of their own: (URL name: the model whose object the pk names).
MODEL_FOR = {
    "register:risk_update": "register.RiskEntry",
    "register:partner_contribution": "register.PartnershipMember",
    "register:due_diligence_check": "register.DueDiligenceItem",
    "register:due_diligence_evidence": "register.DueDiligenceCheck",
    "reviews:objective_update": "reviews.Objective",
    "reviews:review_detail": "reviews.PerformanceReview",
}
SKIP_PREFIXES = ("admin:",)  # Django's admin site: staff tooling, not the register's pages
HTML_OR_API = ("text/html", "application/json")


def walk(patterns, namespace=""):
    """(namespaced name, pattern) for every URL pattern, depth first."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


class Objects:
    """The seeded objects that URL arguments name: the busy partnership and its records."""

    def __init__(self, reference):
        from agreements.models import PartnershipAgreement, StandardClause
        from register import lifecycle
        from register.models import Partnership
        from reviews.models import AssuranceReturn

        self.partnership = Partnership.objects.get(reference=reference)
        latest = PartnershipAgreement.objects.filter(partnership=self.partnership).order_by("-version_number").first()
        busiest_return = AssuranceReturn.objects.order_by("-round_id", "pk").first()
        self.arguments = {
            "reference": reference,
            "version_number": latest.version_number if latest else None,
            "section": StandardClause.objects.values_list("section", flat=True).first(),
            "to_status": next(iter(lifecycle.allowed_next(self.partnership.status)), None),
        }
        # `pk` where the view's model is not the object the URL names.
        self.pk_for = {
            "reviews:round_progress": busiest_return and busiest_return.round_id,
            "reviews:round_chase": busiest_return and busiest_return.round_id,
            "reviews:round_close": busiest_return and busiest_return.round_id,
            "reviews:annual_report": busiest_return and busiest_return.round_id,
            "reviews:annual_report_download": busiest_return and busiest_return.round_id,
            "reviews:return": busiest_return and busiest_return.pk,
            "reviews:return_send_back": busiest_return and busiest_return.pk,
            "reviews:return_rating": busiest_return and busiest_return.pk,
            "reviews:invitation_create": busiest_return and busiest_return.pk,
            "reviews:action_create": busiest_return and busiest_return.pk,
        }

    def pk(self, name, pattern):
        from django.apps import apps

        if name in self.pk_for:
            return self.pk_for[name]
        view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
        model = getattr(view, "model", None) or getattr(getattr(view, "queryset", None), "model", None)
        if name in MODEL_FOR:
            model = apps.get_model(MODEL_FOR[name])
        if model is None:
            return None
        objects = model._default_manager.order_by("pk")
        if any(field.name == "partnership" for field in model._meta.get_fields()):
            objects = objects.filter(partnership=self.partnership)
        return objects.values_list("pk", flat=True).first()

    def url(self, name, pattern):
        """(URL, None) or (None, why it cannot be requested)."""
        kwargs = {}
        for key in pattern.pattern.regex.groupindex:
            value = self.pk(name, pattern) if key == "pk" else self.arguments.get(key)
            if value is None:
                return None, f"no seeded object for <{key}>"
            kwargs[key] = value
        return reverse(name, kwargs=kwargs), None


def pages(reference):
    """[(name, URL or None, reason skipped or None)] for every named URL of the project."""
    objects = Objects(reference)
    found = []
    for name, pattern in walk(get_resolver().url_patterns):
        if name.startswith(SKIP_PREFIXES):
            continue
        if name in SKIP:
            found.append((name, None, SKIP[name]))
            continue
        url, reason = objects.url(name, pattern)
        found.append((name, url, reason))
    return found


def is_page(response):
    """An HTML page or an API answer (JSON), rather than a download."""
    return response.get("Content-Type", "").split(";")[0] in HTML_OR_API
