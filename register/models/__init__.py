from .organisation import Directorate, Organisation, StaffProfile
from .partnership import Partnership, PartnershipMember, PartnershipTransition
from .risk import RiskEntry
from .saved_view import SavedView

__all__ = [
    "Directorate",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "PartnershipTransition",
    "RiskEntry",
    "SavedView",
    "StaffProfile",
]
