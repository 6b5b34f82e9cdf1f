"""Turns the curated specs (stories*.py) into register rows, through the models' own methods.

Idempotent: a partnership whose reference already exists is left alone, with everything that
belongs to it; organisations, directorates and users are only created when missing. History rows
are dated when each thing happened (simple-history's `_history_date`), so the audit trail reads
like the partnership's real past.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from assessments.models import Decision, HealthStatement, PartnershipAssessment
from register.choices import RAG, RiskStatus, Significance, Status
from register.dates import add_months
from register.models import (
    CheckStatus,
    ClosureEvaluation,
    CorporatePriority,
    DueDiligenceCheck,
    DueDiligenceItem,
    Organisation,
    Partnership,
    PartnershipMember,
    RiskEntry,
    ScopeAnswer,
    ScopeQuestion,
)
from reviews.models import (
    Objective,
    ObjectiveStatus,
)

from . import documents, texts
from .catalogue import COUNCIL_DOMAIN, DIRECTORATES, ORGANISATIONS, email_for, phone_for
from .records import RecordsMixin, at_five
from .stories import SPECS
from .users import ensure_directorates, ensure_users

TRANSITION_NOTES = {
    Status.PROPOSED: "Reopened as a proposal with a revised business case.",
    Status.ASSESSED: "Assessment and fact-finding checklist completed.",
    Status.APPROVED: "Approved; agreement to be drafted and signed before launch.",
    Status.ACTIVE: "Agreement in place; partnership launched.",
    Status.UNDER_REVIEW: "Review started: performance and value for money to be looked at in depth.",
    Status.EXITING: "Exit agreed by the partners; exit plan under way.",
    Status.CLOSED: "Exit complete; final report noted by the board.",
    Status.REJECTED: "Not taken forward after assessment.",
}


def first_of_month(today, months):
    return add_months(today, months).replace(day=1) if months is not None else None


def end_of_month_before(today, months):
    return first_of_month(today, months) - datetime.timedelta(days=1) if months is not None else None


def ensure_organisations():
    """{catalogue key: Organisation}; existing ones (matched by name, any case) are not touched."""
    found = {org.name.lower(): org for org in Organisation.objects.all()}
    result = {}
    for key, org in ORGANISATIONS.items():
        existing = found.get(org.name.lower())
        result[key] = existing or Organisation.objects.create(
            name=org.name, sector=org.sector, registration_number=org.registration_number
        )
    return result


PRIORITIES = (
    "Healthy and independent lives",
    "A thriving local economy",
    "Safe and strong communities",
    "Net zero by 2040",
    "Best start for children",
)


def ensure_priorities():
    """The council plan's corporate priorities, in order; existing ones are kept."""
    return [CorporatePriority.objects.get_or_create(name=name)[0] for name in PRIORITIES]


class Scenario(RecordsMixin):
    """Builds the curated partnerships that are missing. `run()` returns how many it created."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()

    @transaction.atomic
    def run(self):
        self.directorates = ensure_directorates(DIRECTORATES)
        self.users = ensure_users(self.directorates)
        self.admin = self.users["admin"]
        self.legal = self.users["legal"]
        self.organisations = ensure_organisations()
        self.priorities = ensure_priorities()
        existing = set(
            Partnership.objects.filter(reference__in=[spec.reference for spec in SPECS]).values_list(
                "reference", flat=True
            )
        )
        missing = [spec for spec in SPECS if spec.reference not in existing]
        if missing:
            self.statements = list(HealthStatement.objects.select_related("principle"))
        for spec in missing:
            self.build(spec)
        return len(missing)

    # -- one partnership -----------------------------------------------------------------------
    def build(self, spec):
        self.spec, self.rng = spec, random.Random(spec.number)
        self.lead = self.users.get(spec.lead)
        self.lead_display = self.lead.get_full_name() if self.lead else spec.lead_name.split(" (")[0]
        self.timeline = self.plan_timeline(spec)
        p = self.create_partnership(spec)
        self.members = self.add_partners(p, spec)
        p.priorities.add(self.priorities[spec.number % len(self.priorities)])
        self.objectives = self.add_objectives(p, spec)
        self.risks = self.add_risks(p, spec)
        if spec.has_assessment:
            self.add_assessment(p, spec)
        self.walk_lifecycle(p, spec)
        self.reviews = self.add_reviews(p, spec)
        self.add_agreements(p, spec)
        self.add_health_checks(p, spec)
        self.add_lessons(p, spec)
        if spec.status == Status.CLOSED:
            self.add_closure_evaluation(p)
        self.add_governance_checks(p, spec)

    def add_governance_checks(self, p, spec):
        """Scope screening past the proposal stage; due diligence settled for live high-significance ones."""
        if spec.status == Status.PROPOSED:
            return
        ScopeAnswer.objects.bulk_create(
            ScopeAnswer(partnership=p, question=question, answer=question.partnership_answer, answered_by=self.lead)
            for question in ScopeQuestion.objects.filter(active=True)
        )
        if spec.significance == Significance.HIGH and spec.status in (Status.ACTIVE, Status.UNDER_REVIEW):
            DueDiligenceCheck.objects.bulk_create(
                DueDiligenceCheck(
                    partnership=p,
                    item=item,
                    status=CheckStatus.DONE,
                    checked_on=self.start_date or self.today,
                    checked_by=self.lead,
                )
                for item in DueDiligenceItem.objects.filter(active=True)
            )

    def add_closure_evaluation(self, p):
        evaluation = ClosureEvaluation(
            partnership=p,
            completed_by=self.lead or self.admin,
            completed_on=self.end_date or self.today,
            **documents.closure_evaluation(p, [o.title for o in self.objectives]),
        )
        self.stamp(evaluation, self.end_date or self.today)
        evaluation.save()

    def plan_timeline(self, spec):
        """[(status, date)] for each lifecycle step, and the date the partnership was proposed."""
        today, steps = self.today, spec.steps()
        start, end = first_of_month(today, spec.start), end_of_month_before(today, spec.end)
        dates = {}
        if Status.ACTIVE in steps:
            dates[Status.ACTIVE] = start
            dates[Status.APPROVED] = start - datetime.timedelta(days=35)
            dates[Status.ASSESSED] = start - datetime.timedelta(days=70)
            dates[Status.UNDER_REVIEW] = today - datetime.timedelta(days=21)
            if Status.CLOSED in steps:
                dates[Status.EXITING], dates[Status.CLOSED] = end - datetime.timedelta(days=120), end
            else:
                dates[Status.EXITING] = today - datetime.timedelta(days=75)
            timeline = [(status, dates[status]) for status in steps]
        else:
            last = today - datetime.timedelta(days=20)
            timeline = [
                (status, last - datetime.timedelta(days=45 * (len(steps) - 1 - i))) for i, status in enumerate(steps)
            ]
        first = timeline[0][1] if timeline else today - datetime.timedelta(days=30)
        self.proposed_on = first - datetime.timedelta(days=60)
        self.start_date, self.end_date = start, end
        return timeline

    def create_partnership(self, spec):
        in_kind_description, in_kind_value = spec.in_kind or ("", None)
        p = Partnership(
            reference=spec.reference,
            name=spec.name,
            purpose=spec.purpose,
            partnership_type=spec.partnership_type,
            out_of_scope_reason=spec.out_of_scope_reason,
            statutory_basis=spec.statutory_basis,
            legal_form=spec.legal_form,
            council_role=spec.council_role,
            directorate=self.directorates[spec.directorate],
            lead_officer=self.lead,
            lead_officer_name="" if self.lead else spec.lead_name,
            lead_officer_email="" if self.lead else email_for(self.lead_display, COUNCIL_DOMAIN),
            lead_member=spec.lead_member,
            annual_contribution=spec.contribution,
            in_kind_description=in_kind_description,
            in_kind_value=in_kind_value,
            external_funding=spec.external,
            income_to_council=spec.income,
            start_date=self.start_date,
            end_date=self.end_date,
            status=Status.PROPOSED,
            significance=spec.significance,
            review_frequency=spec.frequency,
            rag=spec.rag if Status.ACTIVE in spec.steps() else "",
            assurance=spec.assurance if Status.ACTIVE in spec.steps() else "",
            exit_strategy=spec.exit_strategy,
            notes=spec.notes,
            created_by=self.lead or self.admin,
        )
        if self.start_date:
            # Set now so that activating on the (past) start date does not schedule a review from today.
            p.next_review_due = p.next_review_after(self.start_date) if Status.ACTIVE in spec.steps() else None
        self.stamp(p, self.proposed_on)
        p.save()
        return p

    def stamp(self, obj, day):
        obj._history_date = at_five(day)
        obj._history_user = self.lead or self.admin

    def add_partners(self, p, spec):
        members = []
        for index, partner in enumerate(spec.partners):
            org = ORGANISATIONS[partner.org]
            member = PartnershipMember(
                partnership=p,
                organisation=self.organisations[partner.org],
                role=partner.role,
                contact_name=partner.contact,
                contact_email=email_for(partner.contact, org.domain) if partner.contact and org.domain else "",
                contact_phone=phone_for(spec.number * 37 + index * 11),
                **documents.partner_contribution(p, partner.role, partner.contact, index),
            )
            self.stamp(member, self.proposed_on)
            member.save()
            members.append(member)
        return members

    def add_objectives(self, p, spec):
        objectives = []
        closed = spec.status == Status.CLOSED
        for index, text in enumerate(texts.OBJECTIVES.get(spec.theme, ())[:3]):
            deadline = (
                self.end_date
                if closed
                else add_months(self.today, 6 + 6 * index).replace(day=1) - datetime.timedelta(days=1)
            )
            owner = (
                self.members[index % len(self.members)].contact_name if self.members and index else self.lead_display
            )
            objective = Objective(
                partnership=p,
                title=text.title,
                measure=text.measure,
                target=text.target,
                deadline=deadline,
                owner=owner or self.lead_display,
                status=(ObjectiveStatus.ACHIEVED if index else ObjectiveStatus.NOT_ACHIEVED)
                if closed
                else ObjectiveStatus.OPEN,
            )
            self.stamp(objective, self.start_date or self.proposed_on)
            objective.save()
            objectives.append(objective)
        return objectives

    def add_risks(self, p, spec):
        risks = []
        for index, key in enumerate(spec.risks, start=1):
            text = texts.RISKS[key]
            if spec.stale_risks:
                review_date = self.today - datetime.timedelta(days=20 + 35 * index)
            else:
                review_date = self.today + datetime.timedelta(days=25 + 40 * index)
            high = text.residual_likelihood * text.residual_impact >= 15
            risk = RiskEntry(
                partnership=p,
                risk_id=f"R{index}",
                description=text.description,
                category=text.category,
                owner=self.lead_display
                if index % 2
                else (self.members[0].contact_name if self.members else self.lead_display),
                likelihood=text.likelihood,
                impact=text.impact,
                controls=text.controls,
                residual_likelihood=text.residual_likelihood,
                residual_impact=text.residual_impact,
                review_date=review_date,
                status=RiskStatus.CLOSED if spec.status == Status.CLOSED else RiskStatus.OPEN,
                corporate_risk_ref=f"CRR-{spec.number:02d}{index}" if high else "",
            )
            self.stamp(risk, self.proposed_on + datetime.timedelta(days=14))
            risk.save()
            risks.append(risk)
        return risks

    def add_assessment(self, p, spec):
        steps = dict(self.timeline)
        fields = documents.assessment_text(
            p, [m.organisation.name for m in self.members], [r.description for r in self.risks]
        )
        if Status.ASSESSED not in steps:  # still being assessed: half the checklist done, no decision
            for name in ("swot_threats", "evidence_of_impact", "risk_sensitivity"):
                fields[name] = ""
            decision, decided_on, maker, body, reference = Decision.PENDING, None, "", "", ""
        else:
            rejected = Status.REJECTED in steps and Status.APPROVED not in steps
            decision = (
                Decision.DO_NOT_PROCEED
                if rejected
                else (Decision.PROCEED_WITH_CONDITIONS if spec.rag == RAG.AMBER else Decision.PROCEED)
            )
            decided_on = steps.get(Status.REJECTED) if rejected else steps.get(Status.APPROVED, steps[Status.ASSESSED])
            maker = documents.DECISION_MAKERS[Significance(spec.significance)]
            body = documents.DECISION_BODIES[Significance(spec.significance)]
            reference = documents.decision_reference(spec.significance, decided_on, spec.number)
        assessment = PartnershipAssessment(
            partnership=p,
            decision=decision,
            decision_body=body,
            decision_maker=maker,
            decision_date=decided_on,
            decision_reference=reference,
            completed_by=self.lead,
            **fields,
        )
        self.stamp(assessment, steps.get(Status.ASSESSED, self.today - datetime.timedelta(days=10)))
        assessment.save()

    def walk_lifecycle(self, p, spec):
        by = self.lead or self.admin
        approver = self.users.get("director", self.admin)  # approval is never the lead officer's own
        for status, day in self.timeline:
            self.stamp(p, day)
            note = spec.notes if status == Status.REJECTED and spec.notes else TRANSITION_NOTES[status]
            mover = approver if status in (Status.APPROVED, Status.REJECTED) else by
            entry = p.record_past_transition(status, by=mover, note=note)  # the story's history: not re-gated
            entry.at = at_five(day)
            entry.save(update_fields=["at"])
