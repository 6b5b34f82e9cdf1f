from .detail import PartnershipDetailView
from .edit import PartnershipCreateView, PartnershipUpdateView, RiskFormView
from .listing import PartnershipListView
from .records import (
    AgreementWaiverView,
    ClosureEvaluationView,
    ContributionView,
    DueDiligenceCheckView,
    DueDiligenceEvidenceView,
    DueDiligenceView,
    RecordView,
    ScopeScreeningView,
    SignificanceView,
)
from .transition import TransitionView

__all__ = [
    "AgreementWaiverView",
    "ClosureEvaluationView",
    "ContributionView",
    "DueDiligenceCheckView",
    "DueDiligenceEvidenceView",
    "DueDiligenceView",
    "PartnershipCreateView",
    "PartnershipDetailView",
    "PartnershipListView",
    "PartnershipUpdateView",
    "RecordView",
    "RiskFormView",
    "ScopeScreeningView",
    "SignificanceView",
    "TransitionView",
]
