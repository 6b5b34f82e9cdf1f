from .detail import PartnershipDetailView
from .edit import PartnershipUpdateView, RiskFormView
from .history import AuditLogView, PartnershipHistoryView
from .listing import PartnershipListView
from .saved import SavedViewCreateView, SavedViewDeleteView
from .setup import PartnershipSectionView, PartnershipStartView, PartnersView, TaskListView
from .transition import TransitionView

__all__ = [
    "AuditLogView",
    "PartnersView",
    "PartnershipDetailView",
    "PartnershipHistoryView",
    "PartnershipListView",
    "PartnershipSectionView",
    "PartnershipStartView",
    "PartnershipUpdateView",
    "RiskFormView",
    "SavedViewCreateView",
    "SavedViewDeleteView",
    "TaskListView",
    "TransitionView",
]
