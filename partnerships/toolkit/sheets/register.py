"""The Register sheet: one row per partnership, keyed on its reference (Ref)."""

import functools

from django.db.models import Max
from django.utils import timezone

from register import opendata
from register.choices import (
    RAG,
    AssuranceRating,
    CouncilRole,
    LegalForm,
    PartnershipType,
    ReviewFrequency,
    Significance,
    Status,
)
from register.models import Directorate, Organisation, Partnership, PartnershipMember
from register.models.partnership import shown_as

from .. import history, parsers
from ..bulk import Inserter
from ..plan import Change
from .base import LOOKUP_BATCH, MISSING, SheetImporter, given

TEXT_FIELDS = (
    "name",
    "purpose",
    "out_of_scope_reason",
    "statutory_basis",
    "lead_member",
    "in_kind_description",
    "exit_strategy",
    "notes",
    "significance_override_reason",
)
CHOICE_FIELDS = {
    "partnership_type": (PartnershipType, "partnership type"),
    "legal_form": (LegalForm, "legal form"),
    "council_role": (CouncilRole, "council role"),
    "significance": (Significance, "significance"),
    "rag": (RAG, "RAG rating"),
    "assurance": (AssuranceRating, "assurance rating"),
}
# Blank means "leave as it is" (or the usual default for a new partnership), not "clear".
DEFAULTED_CHOICES = {
    "status": (Status, "status"),
    "review_frequency": (ReviewFrequency, "review frequency"),
}
MONEY_FIELDS = ("annual_contribution", "in_kind_value", "external_funding", "income_to_council")
DATE_FIELDS = ("start_date", "end_date", "last_review", "next_review_due")
YES_NO_FIELDS = ("assessment_completed", "agreement_in_place", "on_risk_register", "serious_if_failed")
MODEL_FIELDS = (
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    *DEFAULTED_CHOICES,
    *MONEY_FIELDS,
    *DATE_FIELDS,
    *YES_NO_FIELDS,
    "lead_officer_name",
    "lead_officer_email",
)


class RegisterSheet(SheetImporter):
    key = "register"

    def plan_row(self, cells, row):
        reference = cells.text("reference", required=True, max_length=20)
        row.key = reference if reference is not MISSING else f"Row {row.row}"
        instance = self.context.partnerships.get(reference.lower()) if reference is not MISSING else None
        row.instance = instance

        values = {field: cells.text(field, Partnership) for field in TEXT_FIELDS}
        values["name"] = cells.text("name", Partnership, required=True)
        row.title = values["name"] if values["name"] is not MISSING else ""
        for field, (choices, noun) in CHOICE_FIELDS.items():
            values[field] = cells.choice(field, choices, noun, required=field == "partnership_type")
        for field, (choices, noun) in DEFAULTED_CHOICES.items():
            value = cells.choice(field, choices, noun)
            values[field] = MISSING if value == "" else value
        values.update({field: cells.money(field) for field in MONEY_FIELDS})
        values.update({field: cells.date(field) for field in DATE_FIELDS})
        values.update({field: cells.yes_no(field) for field in YES_NO_FIELDS})
        directorate = cells.text("directorate", max_length=Directorate._meta.get_field("name").max_length)
        partners = cells.read("partners", parsers.split_names)
        priorities = self.plan_priorities(cells)

        self.check_dates(cells, values, instance)
        self.plan_lead_officer(cells, values, instance)
        row.values = given(values)
        row.extra["directorate"] = directorate
        row.extra["partners"] = partners
        row.extra["priorities"] = priorities

        if reference is not MISSING:
            self.context.register_rows.setdefault(reference.lower(), row)
        if instance is not None:
            self.compare(instance, row.values, MODEL_FIELDS, row)
            self.compare_lead_officer(instance, row)
            self.compare_directorate(instance, directorate, row)
            self.compare_partners(cells, instance, partners, row)
            self.compare_priorities(instance, priorities, row)
        return reference.lower() if reference is not MISSING else None

    @staticmethod
    def check_dates(cells, values, instance):
        start = values["start_date"] if values["start_date"] is not MISSING else getattr(instance, "start_date", None)
        end = values["end_date"] if values["end_date"] is not MISSING else getattr(instance, "end_date", None)
        if start and end and end < start:
            cells.error("end_date", f"The end date ({end:%d/%m/%Y}) is before the start date ({start:%d/%m/%Y}).")
            values["end_date"] = MISSING

    def plan_priorities(self, cells):
        """The corporate priorities named (the register's own, any case); MISSING without the column."""
        names = cells.read("priorities", parsers.split_names)
        if names in (MISSING, None):
            return names
        found, unknown = [], []
        for name in names:
            priority = self.context.priority_named(name)
            (unknown if priority is None else found).append(priority or name)
        if unknown:
            known = "; ".join(self.context.priority_names)
            cells.error(
                "priorities",
                f"Not a corporate priority in the register: {'; '.join(unknown)}. Use the names the register has: "
                f"{known}.",
            )
            return MISSING
        return found

    @staticmethod
    def compare_priorities(instance, priorities, row):
        if priorities is MISSING:
            return
        old = sorted(priority.name for priority in instance.priorities.all())
        new = sorted(priority.name for priority in priorities or ())
        if [name.lower() for name in old] != [name.lower() for name in new]:
            row.changes.append(Change("priorities", "Corporate priorities", old, new))

    def plan_lead_officer(self, cells, values, instance):
        """Match the lead officer to a user by email; otherwise keep their name and email as a contact."""
        name = cells.text("lead_officer_name", Partnership)
        email = cells.email("lead_officer_email")
        if name is MISSING and email is MISSING:
            values["lead_officer_name"] = values["lead_officer_email"] = MISSING
            return
        name = "" if name is MISSING else name
        email = "" if email is MISSING else email
        user = self.context.user_by_email(email)
        current = getattr(instance, "lead_officer", None)
        if user is None and current is not None and not email and name.lower() == current_name(current).lower():
            user = current  # the same person, written without an email: keep the link
        values["lead_officer"] = user
        values["lead_officer_name"] = "" if user else name
        values["lead_officer_email"] = "" if user else email

    def compare_lead_officer(self, instance, row):
        if "lead_officer" in row.values and row.values["lead_officer"] != instance.lead_officer:
            row.changes.append(
                Change("lead_officer", "Lead officer (user)", instance.lead_officer, row.values["lead_officer"])
            )

    @staticmethod
    def compare_directorate(instance, directorate, row):
        if directorate is MISSING:
            return
        old = instance.directorate.name if instance.directorate else ""
        if old.lower() != directorate.lower():
            row.changes.append(Change("directorate", "Lead directorate", old, directorate))

    @staticmethod
    def compare_partners(cells, instance, partners, row):
        if partners is MISSING or partners is None:
            return
        existing = [member.organisation.name for member in instance.memberships.all()]
        known = {name.lower() for name in existing}
        added = [name for name in partners if name.lower() not in known]
        if added:
            row.changes.append(Change("partners", "Partner organisations", existing, [*existing, *added]))
        listed = {name.lower() for name in partners}
        kept = [name for name in existing if name.lower() not in listed]
        if kept:
            cells.warn(
                "partners",
                "Already recorded but not listed here, so kept (an import never removes a partner): " + "; ".join(kept),
            )

    def apply_row(self, row):
        instance = row.instance or Partnership(reference=row.key, created_by=self.context.user)
        self.set_values(instance, row, (*MODEL_FIELDS, "lead_officer"))
        changed = {change.field for change in row.changes}
        directorate = row.extra["directorate"]
        if directorate is not MISSING and (row.instance is None or "directorate" in changed):
            instance.directorate = directorate_named(directorate)
        if row.instance is not None:
            instance.lock_version += 1  # forms opened before the import will see it changed
        self.context.stamp(instance)
        instance.save()
        partners = row.extra["partners"]
        if partners not in (MISSING, None) and (row.instance is None or "partners" in changed):
            for name in partners:
                organisation, _ = Organisation.objects.get_or_create_by_name(name)
                PartnershipMember.objects.get_or_create(partnership=instance, organisation=organisation)
        priorities = row.extra["priorities"]
        if priorities is not MISSING and (row.instance is None or "priorities" in changed):
            instance.priorities.set(priorities or ())
        self.context.applied[instance.reference.lower()] = instance
        if row.instance is not None:
            self.context.rescore.add(instance.pk)

    def apply_rows(self, rows):
        """Apply many rows in a fixed number of statements per batch, not a dozen per row: the same
        records as `apply_row` for each. Directorates and partner organisations are looked up once;
        new partnerships are inserted with one prepared statement per table (see bulk.py), changed
        ones updated in bulk; the history is copied from the rows written by the database itself."""
        directorates = self.directorates
        changed_rows = [row for row in rows if row.instance is not None]
        if changed_rows:
            self.update_rows(changed_rows, directorates, self.organisations)
        new_rows = [row for row in rows if row.instance is None]
        if not new_rows:
            return
        user, reason = self.context.user, self.context.change_reason
        Inserter(Partnership).insert(self.new_values(row, directorates) for row in new_rows)
        pks = created_pks([row.key for row in new_rows])
        self.context.created.update(pks)
        history.record_created_where(Partnership, Partnership._meta.pk.column, pks.values(), user=user, reason=reason)

        organisations = self.organisations
        members, links = [], []
        for row in new_rows:
            pk = pks[row.key.lower()]
            partners = row.extra["partners"]
            seen = set()
            for name in partners if partners not in (MISSING, None) else ():
                organisation = organisations.named(name)
                if organisation.pk not in seen:
                    seen.add(organisation.pk)
                    members.append({"partnership_id": pk, "organisation_id": organisation.pk})
            priorities = row.extra["priorities"]
            for priority in priorities if priorities not in (MISSING, None) else ():
                links.append({"partnership_id": pk, "corporatepriority_id": priority.pk})
        Inserter(PartnershipMember).insert(members)
        history.record_created_where(PartnershipMember, "partnership_id", pks.values(), user=user, reason=reason)
        Inserter(Partnership.priorities.through).insert(links)
        opendata.forget()  # as saving a partnership one by one would

    def update_rows(self, rows, directorates, organisations):
        """The changed partnerships of `rows`, written as `apply_row` would, a few statements in all."""
        user, reason, now = self.context.user, self.context.change_reason, timezone.now()
        fields, instances, members, links = {"lock_version", "updated_at"}, [], [], []
        relisted, relinked = [], []  # partnerships given new partners, and new corporate priorities
        for row in rows:
            instance = row.instance
            changed = {change.field for change in row.changes}
            self.set_values(instance, row, (*MODEL_FIELDS, "lead_officer"))
            fields.update(field for field in changed if field in NEW_FIELDS or field == "lead_officer")
            if instance.lead_officer_shown_as != (shown := instance.lead_officer_display):
                instance.lead_officer_shown_as = shown  # as save() would
                fields.add("lead_officer_shown_as")
            directorate = row.extra["directorate"]
            if directorate is not MISSING and "directorate" in changed:
                instance.directorate = directorates.named(directorate)
                fields.add("directorate")
            instance.lock_version += 1  # forms opened before the import will see it changed
            instance.updated_at = now
            instances.append(instance)
            partners = row.extra["partners"]
            if partners not in (MISSING, None) and "partners" in changed:
                have = {member.organisation_id for member in instance.memberships.all()}
                for name in partners:
                    organisation = organisations.named(name)
                    if organisation.pk not in have:
                        have.add(organisation.pk)
                        members.append({"partnership_id": instance.pk, "organisation_id": organisation.pk})
                relisted.append(instance.pk)
            priorities = row.extra["priorities"]
            if priorities is not MISSING and "priorities" in changed:
                relinked.append(instance.pk)
                links.extend({"partnership_id": instance.pk, "corporatepriority_id": p.pk} for p in priorities or ())
            self.context.applied[instance.reference.lower()] = instance
            self.context.rescore.add(instance.pk)
        Partnership.objects.bulk_update(instances, sorted(fields))
        history.record_changed(Partnership, instances, user=user, reason=reason)
        if members:
            last = PartnershipMember.objects.aggregate(last=Max("pk"))["last"] or 0
            Inserter(PartnershipMember).insert(members)
            history.record_created_where(
                PartnershipMember, "partnership_id", relisted, user=user, reason=reason, newer_than=last
            )
        through = Partnership.priorities.through
        for start in range(0, len(relinked), LOOKUP_BATCH):
            through.objects.filter(partnership_id__in=relinked[start : start + LOOKUP_BATCH]).delete()
        Inserter(through).insert(links)
        opendata.forget()

    @functools.cached_property
    def directorates(self):
        """Read once per import, not per batch of rows (the ones an import creates are added)."""
        return Directorates()

    @functools.cached_property
    def organisations(self):
        return Organisations()

    def new_values(self, row, directorates):
        """The columns of a new partnership, as `apply_row` would save them."""
        values = {field: value for field, value in row.values.items() if field in NEW_FIELDS}
        values["reference"] = row.key
        values["created_by_id"] = self.context.user.pk if self.context.user is not None else None
        if "lead_officer" in row.values:
            values["lead_officer_id"] = row.values["lead_officer"].pk if row.values["lead_officer"] else None
        values["lead_officer_shown_as"] = shown_as(
            row.values.get("lead_officer"), row.values.get("lead_officer_name", "")
        )
        directorate = row.extra["directorate"]
        if directorate is not MISSING:
            found = directorates.named(directorate)
            values["directorate_id"] = found.pk if found else None
        return values


NEW_FIELDS = frozenset(MODEL_FIELDS)


def created_pks(references):
    """{reference (lower case): primary key} of partnerships just inserted, a few hundred per query."""
    found = {}
    for start in range(0, len(references), LOOKUP_BATCH):
        chunk = references[start : start + LOOKUP_BATCH]
        for reference, pk in Partnership.objects.filter(reference__in=chunk).values_list("reference", "pk"):
            found[reference.lower()] = pk
    return found


class Directorates:
    """`directorate_named` for many rows: every directorate read once, missing ones created once."""

    def __init__(self):
        self.by_name = {}
        for directorate in Directorate.objects.order_by("-pk"):  # the first match wins, as with .first()
            self.by_name[directorate.name.lower()] = directorate

    def named(self, name):
        if not name:
            return None
        if name.lower() not in self.by_name:
            self.by_name[name.lower()] = Directorate.objects.create(name=name)
        return self.by_name[name.lower()]


class Organisations:
    """`Organisation.objects.get_or_create_by_name` for many rows, reading the organisations once."""

    def __init__(self):
        self.exact = {}  # as `name__iexact`: the stored name, any case; the lowest primary key wins
        for organisation in Organisation.objects.select_related("merged_into").order_by("-pk"):
            # a duplicate merged into another finds the one kept
            self.exact[organisation.name.lower()] = organisation.merged_into or organisation

    def named(self, name):
        key = " ".join(name.split()).lower()
        found = self.exact.get(key)
        if found is None:
            found, _ = Organisation.objects.get_or_create_by_name(name)
            self.exact[key] = found
        return found


def directorate_named(name):
    if not name:
        return None
    found = Directorate.objects.filter(name__iexact=name).first()
    return found or Directorate.objects.create(name=name)


def current_name(user):
    return user.get_full_name() or user.get_username()
