from .organisation import Directorate, Organisation, StaffProfile
from .partnership import Partnership, PartnershipMember, PartnershipTransition
from .risk import RiskEntry

__all__ = [
    "Directorate",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "PartnershipTransition",
    "RiskEntry",
    "StaffProfile",
]
