"""GOV.UK tags for agreement statuses."""

from django import template
from django.utils.html import format_html

from ..models import AgreementStatus

register = template.Library()

COLOURS = {
    AgreementStatus.DRAFT: "grey",
    AgreementStatus.SUBMITTED: "yellow",
    AgreementStatus.APPROVED: "blue",
    AgreementStatus.SIGNED: "green",
    AgreementStatus.SUPERSEDED: "grey",
    AgreementStatus.ENDED: "grey",
}


@register.simple_tag
def agreement_status_tag(status):
    status = AgreementStatus(status)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', COLOURS[status], status.label)
