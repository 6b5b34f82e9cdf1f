"""Generated partnerships for load testing: `seed_demo --scale N` tops the register up to N.

Each generated partnership comes with the same mix of related rows as the curated ones: about two
partners, three risks and three objectives; two or three completed reviews (the latest with progress
against each objective) once it has been active; an assessment when it is past "proposed"; an
agreement when approved or later; its lifecycle transitions; and now and then a lesson learnt.

Fast by design: rows are built in memory and written with `bulk_create` in batches, inside one
transaction. Generated rows get no simple-history records (bulk_create skips the history signals);
the curated partnerships keep a full history. Everything is deterministic: partnership number n is
always generated from `random.Random(n)`, so `--scale 2000` gives the same rows whether it runs once
or after `--scale 1000`.
"""

import datetime
import random
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from agreements.models import AgreementStatus, PartnershipAgreement, Signatory
from assessments.models import Decision, PartnershipAssessment
from register import roles
from register.choices import (
    RAG,
    AssuranceRating,
    CouncilRole,
    LegalForm,
    PartnerRole,
    PartnershipType,
    ReviewFrequency,
    RiskStatus,
    Significance,
    Status,
)
from register.dates import add_months
from register.models import Directorate, Organisation, Partnership, PartnershipMember, PartnershipTransition, RiskEntry
from register.models.partnership import shown_as
from reviews.models import (
    LessonLearned,
    Objective,
    ObjectiveProgress,
    ObjectivesMet,
    ObjectiveStatus,
    PerformanceReview,
    ValueForMoney,
)

from . import documents, texts
from .catalogue import ASC, CCS, CEO, ECS, FIRST_NAMES, GET, LAST_NAMES, PLACES, RES
from .lessons import LESSONS, rng_for, write
from .rows import new
from .spec import Spec

BATCH = 1000  # partnerships per round of inserts; each model is inserted with bulk_create(batch_size=BATCH)

STATUTORY_BASES = (
    "Crime and Disorder Act 1998, ss5-6",
    "Health and Social Care Act 2012, s194",
    "Children Act 2004, s16E",
    "Care Act 2014, s43",
    "Flood and Water Management Act 2010, s9",
)

# Status mix of the generated register, close to the curated one: (status, weight).
STATUS_WEIGHTS = (
    (Status.PROPOSED, 10),
    (Status.ASSESSED, 7),
    (Status.APPROVED, 8),
    (Status.ACTIVE, 45),
    (Status.UNDER_REVIEW, 10),
    (Status.EXITING, 7),
    (Status.CLOSED, 8),
    (Status.REJECTED, 5),
)
TYPE_WEIGHTS = (
    (PartnershipType.STATUTORY, 25),
    (PartnershipType.STRATEGIC_ALLIANCE, 28),
    (PartnershipType.COMMUNITY_VCSE, 22),
    (PartnershipType.SHARED_SERVICE, 20),
    (PartnershipType.CONTRACTUAL, 5),
)
THEMES = {
    ASC: ("health",),
    ECS: ("children",),
    GET: ("environment", "transport", "economy"),
    RES: ("corporate",),
    CCS: ("community", "safety"),
    CEO: ("economy", "community"),
}
SUBJECTS = {
    "health": ("Healthy Ageing", "Mental Health", "Falls Prevention", "Hospital Discharge", "Healthy Weight"),
    "children": ("Early Years", "Special Educational Needs", "Family Support", "School Attendance", "Care Leavers"),
    "environment": ("Flood Resilience", "Climate Action", "Nature Recovery", "Waste Reduction", "Clean Air"),
    "transport": ("Rural Transport", "Active Travel", "Community Bus", "Road Safety", "School Transport"),
    "economy": ("Skills", "Town Centre", "Business Growth", "Visitor Economy", "Digital Inclusion"),
    "corporate": ("Shared Finance", "Payroll", "Customer Contact", "Estates", "Fraud Investigation"),
    "community": ("Volunteering", "Cost of Living", "Libraries", "Heritage", "Community Hubs"),
    "safety": ("Community Safety", "Serious Violence", "Hate Crime", "Modern Slavery", "Night-Time Economy"),
}
KINDS = {
    PartnershipType.STATUTORY: ("Board", "Partnership"),
    PartnershipType.STRATEGIC_ALLIANCE: ("Alliance", "Partnership", "Network"),
    PartnershipType.COMMUNITY_VCSE: ("Community Partnership", "Forum", "Compact"),
    PartnershipType.SHARED_SERVICE: ("Shared Service",),
    PartnershipType.CONTRACTUAL: ("Contract",),
}
LEGAL_FORMS = {
    PartnershipType.STATUTORY: (LegalForm.FORUM, LegalForm.JOINT_COMMITTEE, LegalForm.S75_AGREEMENT),
    PartnershipType.STRATEGIC_ALLIANCE: (
        LegalForm.MOU,
        LegalForm.COMPANY_BY_GUARANTEE,
        LegalForm.COLLABORATION_AGREEMENT,
    ),
    PartnershipType.COMMUNITY_VCSE: (LegalForm.MOU, LegalForm.CIC, LegalForm.CHARITABLE_TRUST),
    PartnershipType.SHARED_SERVICE: (LegalForm.COLLABORATION_AGREEMENT, LegalForm.JOINT_COMMITTEE),
    PartnershipType.CONTRACTUAL: ("",),
}
OUT_OF_SCOPE = "A contract for services let by competitive tender: managed under the contract, not the framework."
PARTNER_ROLES = (PartnerRole.MEMBER, PartnerRole.DELIVERY, PartnerRole.FUNDER, PartnerRole.MEMBER, PartnerRole.LEAD)
VFM = {RAG.GREEN: ValueForMoney.GOOD, RAG.AMBER: ValueForMoney.ADEQUATE, RAG.RED: ValueForMoney.POOR}
MET = {RAG.GREEN: ObjectivesMet.FULLY, RAG.AMBER: ObjectivesMet.PARTLY, RAG.RED: ObjectivesMet.NOT_MET}


def money(rng, low, high, step=500):
    return Decimal(rng.randrange(low, high, step)).quantize(Decimal("0.01"))


def next_number():
    prefix = f"{settings.COUNCIL_SHORT_CODE}-"
    numbers = [
        int(match.group(1))
        for ref in Partnership.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
        if (match := re.fullmatch(re.escape(prefix) + r"(\d+)", ref))
    ]
    return max(numbers, default=0) + 1


def generate_up_to(total, today=None):
    """Add generated partnerships until the register holds `total`. Returns how many were added."""
    missing = total - Partnership.objects.count()
    if missing <= 0:
        return 0
    generator = Generator(today or timezone.localdate())
    first = next_number()
    with transaction.atomic():
        for offset in range(0, missing, BATCH):
            generator.write_batch(range(first + offset, first + min(offset + BATCH, missing)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load (SQLite never gathers its own)
    return missing


class Generator:
    def __init__(self, today):
        self.today = today
        self.directorates = {d.name: d for d in Directorate.objects.all()}
        officers = get_user_model().objects.filter(groups__name=roles.OFFICER).select_related("staff_profile")
        self.officers = {}
        for user in officers.order_by("pk"):
            directorate = getattr(getattr(user, "staff_profile", None), "directorate", None)
            if directorate:
                self.officers.setdefault(directorate.name, []).append(user)
        self.admin = get_user_model().objects.filter(username="admin").first()
        self.legal = get_user_model().objects.filter(username="legal").first()
        self.organisations = list(Organisation.objects.order_by("pk"))
        self.directorate_names = sorted(name for name in self.directorates if name in THEMES) or sorted(
            self.directorates
        )
        self.status_choices, self.status_weights = zip(*STATUS_WEIGHTS, strict=True)
        self.type_choices, self.type_weights = zip(*TYPE_WEIGHTS, strict=True)

    # -- one batch -------------------------------------------------------------------------------
    def write_batch(self, numbers):
        plans = [self.plan(number) for number in numbers]
        Partnership.objects.bulk_create([plan.partnership for plan in plans], batch_size=BATCH)
        for plan in plans:
            plan.add_children(self)
        rows = {}
        for plan in plans:
            for model, objects in plan.children.items():
                rows.setdefault(model, []).extend(objects)
        for model in (PartnershipMember, RiskEntry, Objective, PartnershipAssessment, PartnershipTransition):
            model.objects.bulk_create(rows.get(model, []), batch_size=BATCH)
        PartnershipAgreement.objects.bulk_create(rows.get(PartnershipAgreement, []), batch_size=BATCH)
        PerformanceReview.objects.bulk_create(rows.get(PerformanceReview, []), batch_size=BATCH)
        # Rows that point at agreements, reviews or objectives, now that those have primary keys.
        Signatory.objects.bulk_create([row for plan in plans for row in plan.signatories()], batch_size=BATCH)
        ObjectiveProgress.objects.bulk_create([row for plan in plans for row in plan.progress()], batch_size=BATCH)
        LessonLearned.objects.bulk_create([row for plan in plans for row in plan.lessons()], batch_size=BATCH)

    def plan(self, number):
        rng = random.Random(number)
        directorate = rng.choice(self.directorate_names)
        theme = rng.choice(THEMES.get(directorate, ("community",)))
        kind = rng.choices(self.type_choices, self.type_weights)[0]
        status = rng.choices(self.status_choices, self.status_weights)[0]
        name = f"{rng.choice(PLACES)} {rng.choice(SUBJECTS[theme])} {rng.choice(KINDS[kind])}"
        return Plan(self, number, rng, directorate, theme, kind, status, name)


class Plan:
    """One generated partnership and its related rows, before they are saved."""

    def __init__(self, gen, number, rng, directorate, theme, kind, status, name):
        self.rng, self.theme, self.today = rng, theme, gen.today
        self.spec = Spec(number, name, "", kind, directorate, status)  # for its lifecycle path
        officers = gen.officers.get(directorate) or []
        lead = rng.choice(officers) if officers and rng.random() < 0.8 else None
        lead_name = "" if lead else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        significance = rng.choice((Significance.HIGH, Significance.MEDIUM, Significance.MEDIUM, Significance.LOW))
        frequency = (
            ReviewFrequency.QUARTERLY
            if significance == Significance.HIGH
            else rng.choice((ReviewFrequency.SIX_MONTHLY, ReviewFrequency.ANNUAL, ReviewFrequency.ANNUAL))
        )
        self.activated = Status.ACTIVE in self.spec.steps()
        start = end = None
        if self.activated:
            start = add_months(self.today, -rng.randint(14, 120)).replace(day=1)
            if status == Status.CLOSED:
                end = add_months(self.today, -rng.randint(1, 12)).replace(day=1) - datetime.timedelta(days=1)
            elif rng.random() < 0.4:
                end = add_months(self.today, rng.randint(2, 48)).replace(day=1) - datetime.timedelta(days=1)
        elif status != Status.REJECTED and rng.random() < 0.6:
            start = add_months(self.today, rng.randint(1, 9)).replace(day=1)
        rag = rng.choice((RAG.GREEN, RAG.GREEN, RAG.GREEN, RAG.AMBER, RAG.AMBER, RAG.RED)) if self.activated else ""
        self.partnership = new(
            Partnership,
            reference=f"{settings.COUNCIL_SHORT_CODE}-{number:04d}",
            name=name,
            purpose=f"Partners in {name.split(' ')[0]} working together on {theme_phrase(name, theme)} for residents.",
            partnership_type=kind,
            out_of_scope_reason=OUT_OF_SCOPE if kind == PartnershipType.CONTRACTUAL else "",
            # The edit form requires one for a statutory partnership (not drawn from rng: the rest stays as it was).
            statutory_basis=STATUTORY_BASES[number % len(STATUTORY_BASES)] if kind == PartnershipType.STATUTORY else "",
            legal_form=rng.choice(LEGAL_FORMS[kind]),
            council_role=rng.choice(CouncilRole.values),
            directorate_id=gen.directorates[directorate].pk,
            lead_officer_id=lead.pk if lead else None,
            lead_officer_name=lead_name,
            lead_officer_shown_as=shown_as(lead, lead_name),
            lead_member=f"Cllr {rng.choice(FIRST_NAMES)[0]} {rng.choice(LAST_NAMES)}" if rng.random() < 0.5 else "",
            annual_contribution=money(rng, 0, 2_000_000),
            external_funding=money(rng, 0, 5_000_000) if rng.random() < 0.6 else None,
            income_to_council=money(rng, 10_000, 900_000) if kind == PartnershipType.SHARED_SERVICE else None,
            start_date=start,
            end_date=end,
            status=status,
            significance=significance,
            review_frequency=frequency,
            rag=rag,
            assurance=rng.choice(AssuranceRating.values[:3]) if self.activated else "",
            created_by_id=(lead or gen.admin).pk if (lead or gen.admin) else None,
        )
        if lead:
            self.partnership.lead_officer = lead  # cached, so lead_officer_display needs no query
        self.lead_display = f"{lead.first_name} {lead.last_name}" if lead else lead_name
        self.organisations = rng.sample(gen.organisations, min(2, len(gen.organisations)))
        self.review_days = []
        if status in (Status.ACTIVE, Status.UNDER_REVIEW, Status.EXITING, Status.CLOSED):
            months = ReviewFrequency(frequency).months
            if status == Status.CLOSED:
                last = end - datetime.timedelta(days=45)
            else:
                last = add_months(self.today + datetime.timedelta(days=rng.randint(-150, 360)), -months)
            self.review_days = [
                day for day in (add_months(last, -2 * months), add_months(last, -months), last) if day > start
            ]
            self.partnership.last_review = self.review_days[-1] if self.review_days else None
            self.partnership.next_review_due = add_months(self.review_days[-1] if self.review_days else start, months)

    # -- related rows (the partnership has its primary key by now) ---------------------------------------
    def add_children(self, gen):
        p, rng, status = self.partnership, self.rng, self.partnership.status
        self.children = children = {}
        children[PartnershipMember] = [
            new(
                PartnershipMember,
                partnership_id=p.pk,
                organisation_id=org.pk,
                role=PARTNER_ROLES[(self.spec.number + index) % len(PARTNER_ROLES)],
                contact_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            )
            for index, org in enumerate(self.organisations)
        ]
        risk_keys = rng.sample(texts.THEME_RISKS[self.theme], 3)
        children[RiskEntry] = [
            new(
                RiskEntry,
                partnership_id=p.pk,
                risk_id=f"R{index}",
                description=texts.RISKS[key].description,
                category=texts.RISKS[key].category,
                owner=self.lead_display,
                likelihood=texts.RISKS[key].likelihood,
                impact=texts.RISKS[key].impact,
                controls=texts.RISKS[key].controls,
                residual_likelihood=texts.RISKS[key].residual_likelihood,
                residual_impact=texts.RISKS[key].residual_impact,
                review_date=self.today + datetime.timedelta(days=rng.randint(-90, 270)),
                status=RiskStatus.CLOSED if status == Status.CLOSED else RiskStatus.OPEN,
            )
            for index, key in enumerate(risk_keys, start=1)
        ]
        closed = status == Status.CLOSED
        self.objectives = [
            new(
                Objective,
                partnership_id=p.pk,
                title=text.title,
                measure=text.measure,
                target=text.target,
                deadline=p.end_date if closed else self.today + datetime.timedelta(days=rng.randint(60, 900)),
                owner=self.lead_display,
                status=ObjectiveStatus.ACHIEVED if closed else ObjectiveStatus.OPEN,
            )
            for text in texts.OBJECTIVES[self.theme][:3]
        ]
        children[Objective] = self.objectives
        timeline = self.timeline()
        children[PartnershipTransition] = [
            new(
                PartnershipTransition,
                partnership_id=p.pk,
                from_status=before,
                to_status=after,
                by_id=p.lead_officer_id,
                at=at,
                note="",
            )
            for before, after, at in timeline
        ]
        steps = {after: at for _, after, at in timeline}
        names = [org.name for org in self.organisations]
        risk_text = [texts.RISKS[key].description for key in risk_keys]
        if Status.ASSESSED in steps:
            rejected = status == Status.REJECTED
            children[PartnershipAssessment] = [
                new(
                    PartnershipAssessment,
                    partnership_id=p.pk,
                    decision=Decision.DO_NOT_PROCEED if rejected else Decision.PROCEED,
                    decision_maker=documents.DECISION_MAKERS[Significance(p.significance)],
                    decision_date=steps[Status.ASSESSED].date(),
                    completed_by_id=p.lead_officer_id,
                    **documents.assessment_text(p, names, risk_text),
                )
            ]
        self.agreements = []
        agreement_status = self.agreement_status(status)
        if agreement_status:
            frozen = agreement_status in (AgreementStatus.APPROVED, AgreementStatus.SIGNED)
            approved_at = steps.get(Status.APPROVED)
            self.agreements.append(
                new(
                    PartnershipAgreement,
                    partnership_id=p.pk,
                    version_number=1,
                    status=agreement_status,
                    effective_from=p.start_date if frozen else None,
                    expires_on=p.end_date if frozen else None,
                    created_by_id=p.lead_officer_id,
                    approved_at=approved_at if frozen else None,
                    approved_by_id=gen.legal.pk if frozen and gen.legal else None,
                    signed_on=p.start_date if agreement_status == AgreementStatus.SIGNED else None,
                    **documents.agreement_sections(p, names, [o.title for o in self.objectives], risk_text),
                )
            )
        children[PartnershipAgreement] = self.agreements
        self.reviews = [
            self.review(day, index == len(self.review_days) - 1) for index, day in enumerate(self.review_days)
        ]
        children[PerformanceReview] = self.reviews

    def agreement_status(self, status):
        if status in (Status.ACTIVE, Status.UNDER_REVIEW, Status.EXITING, Status.CLOSED):
            return AgreementStatus.SIGNED if self.rng.random() < 0.85 else None
        if status == Status.APPROVED:
            return self.rng.choice((AgreementStatus.DRAFT, AgreementStatus.SUBMITTED, AgreementStatus.APPROVED))
        return None

    def timeline(self):
        """[(from, to, when)] along the usual lifecycle path to the partnership's status."""
        p, steps = self.partnership, self.spec.steps()
        start = p.start_date or self.today - datetime.timedelta(days=30)
        anchor = start if self.activated else self.today - datetime.timedelta(days=20 + 45 * len(steps))
        result, before = [], Status.PROPOSED
        for index, step in enumerate(steps):
            if step == Status.ACTIVE:
                day = start
            elif step == Status.UNDER_REVIEW:
                day = self.today - datetime.timedelta(days=self.rng.randint(5, 60))
            elif step == Status.EXITING:
                day = (
                    (p.end_date - datetime.timedelta(days=90))
                    if p.end_date and p.end_date < self.today
                    else self.today - datetime.timedelta(days=40)
                )
            elif step == Status.CLOSED:
                day = p.end_date
            elif self.activated:
                day = anchor - datetime.timedelta(days=35 * (2 - index))
            else:
                day = anchor + datetime.timedelta(days=45 * index)
            result.append((before, step, timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))))
            before = step
        return result

    def review(self, day, latest):
        p = self.partnership
        rag = p.rag if latest else RAG.GREEN
        return new(
            PerformanceReview,
            partnership_id=p.pk,
            review_date=day,
            reviewer_id=p.lead_officer_id,
            reviewer_name="" if p.lead_officer else self.lead_display,
            period_end=day,
            objectives_met=MET[rag],
            rag=rag,
            value_for_money=VFM[rag],
            summary=texts.REVIEW_SUMMARIES[rag][self.spec.number % 2],
            actions=texts.varied(texts.REVIEW_ACTIONS[rag], p.reference, day),
            completed_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(16))),
        )

    def signatories(self):
        rows = []
        for agreement in self.agreements:
            if agreement.status in (AgreementStatus.APPROVED, AgreementStatus.SIGNED):
                rows.append(
                    new(
                        Signatory,
                        agreement_id=agreement.pk,
                        name=self.lead_display,
                        job_title="Director",
                        signed_on=agreement.signed_on,
                    )
                )
                rows += [
                    new(
                        Signatory,
                        agreement_id=agreement.pk,
                        organisation_id=m.organisation_id,
                        name=m.contact_name,
                        job_title="Chief Executive",
                        signed_on=agreement.signed_on,
                    )
                    for m in self.children[PartnershipMember]
                ]
        return rows

    def progress(self):
        return [
            new(
                ObjectiveProgress,
                review_id=review.pk,
                objective_id=objective.pk,
                rating=(rating := texts.progress_rating(review.rag, position)),
                comment=texts.varied(texts.PROGRESS_COMMENTS[rating], self.partnership.reference, position),
            )
            for review in self.reviews[-1:]  # progress against each objective at the latest review
            for position, objective in enumerate(self.objectives)
        ]

    def lessons(self):
        p = self.partnership
        if p.status not in (Status.CLOSED, Status.EXITING, Status.ACTIVE) or self.rng.random() > 0.25:
            return []
        key = self.rng.choice(list(LESSONS))
        lesson = LESSONS[key]
        recorded_on = self.reviews[-1].review_date if self.reviews else self.today
        names = [org.name for org in self.organisations]
        title, detail = write(
            key,
            rng_for(p.reference, key),
            partner=names[0] if names else "one partner",
            other=names[1] if len(names) > 1 else "the other partners",
            year=recorded_on.year,
        )
        return [
            new(
                LessonLearned,
                partnership_id=p.pk,
                review_id=self.reviews[-1].pk if self.reviews else None,
                title=title,
                detail=detail,
                area=lesson.area,
                shareable=lesson.shareable,
                recorded_by_id=p.lead_officer_id,
                recorded_on=recorded_on,
            )
        ]


def theme_phrase(name, theme):
    subject = next((s for s in SUBJECTS[theme] if s in name), theme)
    return subject.lower()
