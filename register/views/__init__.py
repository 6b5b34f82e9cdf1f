from .detail import PartnershipDetailView
from .edit import PartnershipCreateView, PartnershipUpdateView, RiskFormView
from .listing import PartnershipListView
from .transition import TransitionView

__all__ = [
    "PartnershipCreateView",
    "PartnershipDetailView",
    "PartnershipListView",
    "PartnershipUpdateView",
    "RiskFormView",
    "TransitionView",
]
