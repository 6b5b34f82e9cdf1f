from .detail import PartnershipDetailView
from .edit import PartnershipUpdateView, RiskFormView
from .listing import PartnershipListView
from .setup import PartnershipSectionView, PartnershipStartView, PartnersView, TaskListView
from .transition import TransitionView

__all__ = [
    "PartnersView",
    "PartnershipDetailView",
    "PartnershipListView",
    "PartnershipSectionView",
    "PartnershipStartView",
    "PartnershipUpdateView",
    "RiskFormView",
    "TaskListView",
    "TransitionView",
]
