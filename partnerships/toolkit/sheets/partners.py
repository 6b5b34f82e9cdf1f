"""The Partners sheet: one row per partner of a partnership, keyed on Ref + partner organisation.

What each partner brings (annual and one-off money, in kind), its role, what it is responsible for
and who signs for it. A partner not yet in the partnership is added; a partner is never removed.
"""

from register.choices import PartnerRole
from register.models import Organisation, PartnershipMember

from .base import MISSING, SheetImporter, given

MONEY_FIELDS = ("annual_contribution", "one_off_contribution", "in_kind_value")
TEXT_FIELDS = ("in_kind_description", "responsibilities", "signatory_name", "signatory_title")
FIELDS = ("role", *MONEY_FIELDS, *TEXT_FIELDS)


class PartnersSheet(SheetImporter):
    key = "partners"
    key_fields = ("reference", "organisation")

    def plan_row(self, cells, row):
        reference = self.partnership_reference(cells, row)
        organisation = cells.text("organisation", max_length=Organisation._meta.get_field("name").max_length)
        if organisation == "":
            cells.error("organisation", "This is empty, and it is needed.")
            organisation = MISSING
        role = cells.choice("role", PartnerRole, "partner role")
        values = {
            "role": role or MISSING,  # blank: as it is, or "Member" for a new partner
            **{field: cells.money(field) for field in MONEY_FIELDS},
            **{field: cells.text(field, PartnershipMember) for field in TEXT_FIELDS},
        }
        row.values = given(values)
        shown = [value if value is not MISSING else "?" for value in (reference, organisation)]
        row.key = " ".join(shown)
        if MISSING in (reference, organisation):
            return None
        name = " ".join(organisation.split())
        row.extra.update(reference=reference, organisation=name)
        row.instance = self.membership(reference, name)
        if row.instance is not None:
            self.compare(row.instance, row.values, FIELDS, row)
        return (reference.lower(), name.lower())

    def membership(self, reference, name):
        """The partner's place in a partnership already in the register, or None."""
        partnership = self.context.partnerships.get(reference.lower())
        if partnership is None:
            return None
        return next(
            (member for member in partnership.memberships.all() if member.organisation.name.lower() == name.lower()),
            None,
        )

    def apply_row(self, row):
        instance = row.instance
        if instance is None:
            partnership = self.context.partnership_for(row.extra["reference"])
            organisation, _ = Organisation.objects.get_or_create_by_name(row.extra["organisation"])
            # The Register sheet's "Partner organisations" may have just added this partner.
            instance = PartnershipMember.objects.filter(partnership=partnership, organisation=organisation).first()
            instance = instance or PartnershipMember(partnership=partnership, organisation=organisation)
        self.set_values(instance, row, FIELDS)
        self.context.stamp(instance)
        instance.save()
        self.context.rescore.add(instance.partnership_id)
