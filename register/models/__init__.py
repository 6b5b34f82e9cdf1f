from .due_diligence import CheckStatus, DueDiligenceCheck, DueDiligenceItem
from .governance import AgreementWaiver, ClosureEvaluation
from .organisation import Directorate, Organisation, StaffProfile
from .partnership import Partnership, PartnershipMember, PartnershipTransition
from .risk import RiskEntry
from .saved_view import SavedView
from .scope import ScopeAnswer, ScopeQuestion
from .significance import CorporatePriority, Measure, SignificanceCriterion, SignificanceLevel
from .submission import SubmittedForm

__all__ = [
    "AgreementWaiver",
    "CheckStatus",
    "ClosureEvaluation",
    "CorporatePriority",
    "Directorate",
    "DueDiligenceCheck",
    "DueDiligenceItem",
    "Measure",
    "Organisation",
    "Partnership",
    "PartnershipMember",
    "PartnershipTransition",
    "RiskEntry",
    "SavedView",
    "ScopeAnswer",
    "ScopeQuestion",
    "SignificanceCriterion",
    "SignificanceLevel",
    "StaffProfile",
    "SubmittedForm",
]
