"""Gates on the partnership agreement (see register/gates.py)."""

from register.choices import Status
from register.gates import gate
from register.models import AgreementWaiver

from .models import PartnershipAgreement


@gate(Status.ACTIVE, from_status=Status.APPROVED, in_scope_only=True)
def agreement_in_force(partnership, by):
    if PartnershipAgreement.objects.filter(partnership=partnership).in_force().exists():
        return []
    if AgreementWaiver.objects.filter(partnership=partnership).exists():
        return []
    return ["Have legal approve the agreement (or record its signing), or ask an approver to waive it with a reason."]


@gate(Status.CLOSED)
def agreement_ended(partnership, by):
    if PartnershipAgreement.objects.filter(partnership=partnership).in_force().exists():
        return ["Mark the agreement in force as ended (terminated or expired)."]
    return []
