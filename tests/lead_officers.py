"""`names_out_of_step()`: partnerships whose stored lead officer name is not the one shown."""

from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim


def shown_in_sql():
    """`Partnership.lead_officer_display` as a database expression (as migration register 0026 fills it in)."""
    full_name = NullIf(Trim(Concat("lead_officer__first_name", Value(" "), "lead_officer__last_name")), Value(""))
    return Case(
        When(lead_officer__isnull=False, then=Coalesce(full_name, "lead_officer__username")),
        default=F("lead_officer_name"),
        output_field=CharField(),
    )


def names_out_of_step():
    """[(reference, stored, shown)] of partnerships whose stored name differs from the one shown."""
    from register.models import Partnership

    stale = Partnership.objects.annotate(shown=shown_in_sql()).exclude(lead_officer_shown_as=F("shown"))
    return list(stale.values_list("reference", "lead_officer_shown_as", "shown"))
