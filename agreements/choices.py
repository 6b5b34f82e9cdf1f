"""The agreement app's choices: what models, the PDF and forms all need, depending on nothing else here."""

from django.db import models


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to legal"
    APPROVED = "approved", "Approved"
    SIGNED = "signed", "Signed"
    SUPERSEDED = "superseded", "Superseded"
    ENDED = "ended", "Ended (terminated or expired)"


class Section(models.TextChoices):
    """The sections of a partnership agreement, in the order they appear in it."""

    PARTIES = "parties", "Who the partners are"
    AIMS = "aims_and_outcomes", "Aims, objectives and expected outcomes"
    MILESTONES = "milestones_and_exit", "Key milestones, timelines and exit strategy"
    LEGAL_STATUS = "legal_status", "Legal status"
    RISK = "risk_management", "Risk management"
    GOVERNANCE = "governance", "Governance and decision making"
    ROLES = "roles_and_duties", "Roles and duties"
    DUE_DILIGENCE = "due_diligence", "Due diligence: procurement, health and safety, GDPR, insurance and regulation"
    FINANCE = "financial_accountability", "Financial accountability and reporting"
    MONITORING = "monitoring_and_reporting", "Monitoring and reporting of progress"
    COMMUNITY = "community_engagement", "Community engagement and communications"
    OTHER = "other_terms", "Other terms"
