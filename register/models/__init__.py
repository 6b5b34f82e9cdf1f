from .governance import AgreementWaiver, ClosureEvaluation
from .organisation import Directorate, Organisation, StaffProfile
from .partnership import Partnership, PartnershipMember, PartnershipTransition
from .risk import RiskEntry
from .significance import CorporatePriority, Measure, SignificanceCriterion, SignificanceLevel

__all__ = [
    "AgreementWaiver",
    "ClosureEvaluation",
    "CorporatePriority",
    "Directorate",
    "Measure",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "PartnershipTransition",
    "RiskEntry",
    "SignificanceCriterion",
    "SignificanceLevel",
    "StaffProfile",
]
