from .base import GovDateField, MoneyField, PlainEnglishMixin, VersionedForm, error_summary_items, gds_helper
from .partnership import (
    SECTION_PAGES,
    PartnerForm,
    PartnershipForm,
    PartnershipStartForm,
    partner_formset,
    section_form,
)
from .risk import RiskForm
from .transition import TransitionForm

__all__ = [
    "SECTION_PAGES",
    "GovDateField",
    "MoneyField",
    "PartnerForm",
    "PartnershipForm",
    "PartnershipStartForm",
    "PlainEnglishMixin",
    "RiskForm",
    "TransitionForm",
    "VersionedForm",
    "error_summary_items",
    "gds_helper",
    "partner_formset",
    "section_form",
]
