"""Choice lists in the council's words. Labels match the Excel toolkit's Lookups sheet."""

from django.db import models


class PartnershipType(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    STRATEGIC_ALLIANCE = "strategic_alliance", "Strategic alliance"
    COMMUNITY_VCSE = "community_vcse", "Community / VCSE"
    SHARED_SERVICE = "shared_service", "Shared service"
    CONTRACTUAL = "contractual", "Contractual (out of scope)"


class LegalForm(models.TextChoices):
    COMPANY_BY_GUARANTEE = "company_guarantee", "Company limited by guarantee"
    COMPANY_BY_SHARES = "company_shares", "Company limited by shares"
    LLP = "llp", "Limited liability partnership"
    CIC = "cic", "Community interest company"
    CHARITABLE_TRUST = "charitable_trust", "Charitable trust"
    S75_AGREEMENT = "s75_agreement", "Unincorporated - s75 agreement"
    COLLABORATION_AGREEMENT = "collaboration_agreement", "Unincorporated - collaboration agreement"
    MOU = "mou", "Unincorporated - memorandum of understanding"
    JOINT_COMMITTEE = "joint_committee", "Joint committee"
    FORUM = "forum", "Unincorporated - forum"

    @classmethod
    def incorporated(cls):
        return {cls.COMPANY_BY_GUARANTEE, cls.COMPANY_BY_SHARES, cls.LLP, cls.CIC, cls.CHARITABLE_TRUST}


class CouncilRole(models.TextChoices):
    ACCOUNTABLE_BODY = "accountable_body", "Accountable body"
    LEAD_PARTNER = "lead_partner", "Lead partner"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ASSESSED = "assessed", "Assessed"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    EXITING = "exiting", "Exiting"
    CLOSED = "closed", "Closed"
    REJECTED = "rejected", "Rejected"


class Significance(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ReviewFrequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    SIX_MONTHLY = "six_monthly", "Six-monthly"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Biennial"

    @property
    def months(self):
        return {"quarterly": 3, "six_monthly": 6, "annual": 12, "biennial": 24}[self.value]

    @property
    def phrase(self):
        """How often, in a sentence: "is reviewed every six months"."""
        return {
            "quarterly": "every quarter",
            "six_monthly": "every six months",
            "annual": "once a year",
            "biennial": "every two years",
        }[self.value]


class RAG(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class AssuranceRating(models.TextChoices):
    SUBSTANTIAL = "substantial", "Substantial"
    REASONABLE = "reasonable", "Reasonable"
    LIMITED = "limited", "Limited"
    NO_ASSURANCE = "none", "No assurance"


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS = "nhs", "NHS"
    POLICE_FIRE = "police_fire", "Police or fire"
    VCSE = "vcse", "Voluntary, community or charity (VCSE)"
    PRIVATE = "private", "Private sector"
    ACADEMIC = "academic", "University or college"
    OTHER_PUBLIC = "other_public", "Other public body"


class PartnerRole(models.TextChoices):
    LEAD = "lead", "Lead partner"
    ACCOUNTABLE_BODY = "accountable_body", "Accountable body"
    FUNDER = "funder", "Funder"
    DELIVERY = "delivery", "Delivery partner"
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"


class RiskCategory(models.TextChoices):
    SKILLS = "skills", "Skills and resourcing"
    GOVERNANCE = "governance", "Governance and finance"
    CULTURE = "culture", "Cultural differences"
    TRUST = "trust", "Trust and reputation"
    LEGAL = "legal", "Legal"
    PROCUREMENT = "procurement", "Procurement"
    FINANCIAL = "financial", "Financial"
    PERSONNEL = "personnel", "Personnel"
    SERVICE_DELIVERY = "service_delivery", "Service delivery"
    DATA_PROTECTION = "data_protection", "Data protection"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    TRANSFERRED = "transferred", "Transferred to another owner"


class RiskBand(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ObjectivesAchieved(models.TextChoices):
    FULLY = "fully", "Fully achieved"
    PARTLY = "partly", "Partly achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"


class ClosureValue(models.TextChoices):
    GOOD = "good", "Good value for money"
    ADEQUATE = "adequate", "Adequate value for money"
    POOR = "poor", "Poor value for money"
