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
from .partnership import PartnerForm, PartnershipForm, partner_formset
from .risk import RiskForm
from .transition import TransitionForm

__all__ = [
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
    "PlainEnglishMixin",
    "RiskForm",
    "ScopeScreeningForm",
    "SignificanceForm",
    "TransitionForm",
    "VersionedForm",
    "error_summary_items",
    "gds_helper",
    "partner_formset",
]
