"""What one curated demo partnership looks like, before it is turned into rows (see scenario.py)."""

from dataclasses import dataclass, field
from decimal import Decimal

from register.choices import RAG, AssuranceRating, CouncilRole, ReviewFrequency, Significance, Status


@dataclass(frozen=True)
class Partner:
    org: str  # key in catalogue.ORGANISATIONS
    role: str  # register.choices.PartnerRole
    contact: str = ""


@dataclass(frozen=True)
class Spec:
    """One register entry of the demo story.

    Dates are in months relative to today (negative = in the past) so that the story keeps working
    whenever the demo is loaded. `review_in` is the number of days until the next review is due.
    """

    number: int
    name: str
    purpose: str
    partnership_type: str
    directorate: str
    status: str
    partners: tuple = ()
    lead: str = ""  # username of a demo officer
    lead_name: str = ""  # or the name of an officer without a login
    lead_member: str = ""
    legal_form: str = ""
    council_role: str = CouncilRole.MEMBER
    significance: str = Significance.MEDIUM
    frequency: str = ReviewFrequency.ANNUAL
    rag: str = RAG.GREEN
    assurance: str = AssuranceRating.REASONABLE
    statutory_basis: str = ""
    out_of_scope_reason: str = ""
    contribution: Decimal | None = None
    in_kind: tuple = ()  # (description, Decimal value)
    external: Decimal | None = None
    income: Decimal | None = None
    start: int | None = None  # months from today
    end: int | None = None  # months from today
    review_in: int | None = None  # days from today, for live partnerships
    risks: tuple = ()  # keys in texts.RISKS
    stale_risks: bool = False  # risk review dates have passed
    theme: str = ""  # key in texts.OBJECTIVES; empty = no objectives recorded
    assessment: bool | None = None  # None = assessed if the status is past "proposed"
    agreements: tuple = ()  # AgreementStatus values, oldest version first
    respondents: int = 0  # health check respondents
    lessons: tuple = ()  # keys in lessons.LESSONS
    exit_strategy: str = ""
    notes: str = ""
    path: tuple = field(default=())  # lifecycle steps after "proposed"; empty = the usual path to `status`

    @property
    def reference(self):
        return f"NCC-{self.number:04d}"

    def steps(self):
        """The statuses this partnership moved through after being proposed, in order."""
        if self.path:
            return self.path
        usual = {
            Status.PROPOSED: (),
            Status.ASSESSED: (Status.ASSESSED,),
            Status.APPROVED: (Status.ASSESSED, Status.APPROVED),
            Status.ACTIVE: (Status.ASSESSED, Status.APPROVED, Status.ACTIVE),
            Status.UNDER_REVIEW: (Status.ASSESSED, Status.APPROVED, Status.ACTIVE, Status.UNDER_REVIEW),
            Status.EXITING: (Status.ASSESSED, Status.APPROVED, Status.ACTIVE, Status.EXITING),
            Status.CLOSED: (Status.ASSESSED, Status.APPROVED, Status.ACTIVE, Status.EXITING, Status.CLOSED),
            Status.REJECTED: (Status.ASSESSED, Status.REJECTED),
        }
        return usual[Status(self.status)]

    @property
    def has_assessment(self):
        if self.assessment is not None:
            return self.assessment
        return Status.ASSESSED in self.steps()
