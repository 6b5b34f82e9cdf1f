from .detail import PartnershipDetailView
from .edit import PartnershipUpdateView, RiskFormView
from .history import AuditLogView, PartnershipHistoryView
from .listing import PartnershipListView
from .partners import (
    OrganisationDetailView,
    OrganisationListView,
    OrganisationMergeConfirmView,
    OrganisationMergeView,
)
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
from .saved import SavedViewCreateView, SavedViewDeleteView
from .setup import PartnershipSectionView, PartnershipStartView, PartnersView, TaskListView
from .transition import TransitionView

__all__ = [
    "AgreementWaiverView",
    "AuditLogView",
    "ClosureEvaluationView",
    "ContributionView",
    "DueDiligenceCheckView",
    "DueDiligenceEvidenceView",
    "DueDiligenceView",
    "OrganisationDetailView",
    "OrganisationListView",
    "OrganisationMergeConfirmView",
    "OrganisationMergeView",
    "PartnersView",
    "PartnershipDetailView",
    "PartnershipHistoryView",
    "PartnershipListView",
    "PartnershipSectionView",
    "PartnershipStartView",
    "PartnershipUpdateView",
    "RecordView",
    "RiskFormView",
    "SavedViewCreateView",
    "SavedViewDeleteView",
    "ScopeScreeningView",
    "SignificanceView",
    "TaskListView",
    "TransitionView",
]
