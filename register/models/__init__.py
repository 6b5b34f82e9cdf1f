from .governance import AgreementWaiver, ClosureEvaluation
from .organisation import Directorate, Organisation, StaffProfile
from .partnership import Partnership, PartnershipMember, PartnershipTransition
from .risk import RiskEntry
from .submission import SubmittedForm

__all__ = [
    "AgreementWaiver",
    "ClosureEvaluation",
    "Directorate",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "PartnershipTransition",
    "RiskEntry",
    "StaffProfile",
    "SubmittedForm",
]
