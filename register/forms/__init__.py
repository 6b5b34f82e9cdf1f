from .base import (
    GovDateField,
    MoneyField,
    OnceOnlyMixin,
    PlainEnglishMixin,
    VersionedForm,
    error_summary_items,
    gds_helper,
)
from .governance import (
    AgreementWaiverForm,
    ClosureEvaluationForm,
    ContributionForm,
    DueDiligenceCheckForm,
    ScopeScreeningForm,
    SignificanceForm,
)
from .layout import Fieldset, Fragment
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
    "AgreementWaiverForm",
    "ClosureEvaluationForm",
    "ContributionForm",
    "DueDiligenceCheckForm",
    "Fieldset",
    "Fragment",
    "GovDateField",
    "MoneyField",
    "OnceOnlyMixin",
    "PartnerForm",
    "PartnershipForm",
    "PartnershipStartForm",
    "PlainEnglishMixin",
    "RiskForm",
    "ScopeScreeningForm",
    "SignificanceForm",
    "TransitionForm",
    "VersionedForm",
    "error_summary_items",
    "gds_helper",
    "partner_formset",
    "section_form",
]
