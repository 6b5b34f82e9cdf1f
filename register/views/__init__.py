from .detail import PartnershipDetailView
from .edit import PartnershipCreateView, PartnershipUpdateView, RiskFormView
from .listing import PartnershipListView
from .records import AgreementWaiverView, ClosureEvaluationView, RecordView
from .transition import TransitionView

__all__ = [
    "AgreementWaiverView",
    "ClosureEvaluationView",
    "PartnershipCreateView",
    "PartnershipDetailView",
    "PartnershipListView",
    "PartnershipUpdateView",
    "RecordView",
    "RiskFormView",
    "TransitionView",
]
