from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory

from .. import roles
from ..choices import PartnershipType
from ..models import Organisation, Partnership, PartnershipMember
from .base import GovDateField, MoneyField, OnceOnlyMixin, PlainEnglishMixin, VersionedForm, gds_helper
from .layout import Fieldset, RevealRadios


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def officers(*also):
    """Active officers, and any of the users `also` (the current lead, say) whatever their role."""
    wanted = Q(groups__name=roles.OFFICER, is_active=True) | Q(pk__in=[pk for pk in also if pk])
    return get_user_model().objects.filter(wanted).distinct().order_by("first_name", "last_name", "username")


class LeadOfficerKind(models.TextChoices):
    """Who leads a partnership: a user of this service, or a person named without an account."""

    ACCOUNT = "account", "Someone with an account on this service"
    NO_ACCOUNT = "no_account", "Someone without an account"


LEAD_OFFICER_QUESTIONS = {
    LeadOfficerKind.ACCOUNT: ["lead_officer"],
    LeadOfficerKind.NO_ACCOUNT: ["lead_officer_name", "lead_officer_email"],
}
LEAD_OFFICER_HINTS = {
    LeadOfficerKind.ACCOUNT: "They see the partnership on their home page and get its reminders.",
    LeadOfficerKind.NO_ACCOUNT: "For example, an officer who has not signed in here yet. We record their name.",
}


DETAILS_FIELDS = [
    "reference",
    "name",
    "purpose",
    "partnership_type",
    "out_of_scope_reason",
    "statutory_basis",
    "legal_form",
    "council_role",
]
LEADS_FIELDS = ["directorate", "lead_officer", "lead_officer_name", "lead_officer_email", "lead_member"]
MONEY_FIELDS = ["annual_contribution", "in_kind_description", "in_kind_value", "external_funding", "income_to_council"]
DATES_FIELDS = [
    "start_date",
    "end_date",
    "significance",
    "review_frequency",
    "next_review_due",
    "rag",
    "assurance",
    "exit_strategy",
    "notes",
]
HALF_WIDTH = {"lead_officer_name", "lead_officer_email", "lead_member"}


def layout_field(name, field):
    """The GOV.UK layout object for one partnership field, chosen by its widget."""
    widget = field.widget
    if name == "lead_officer_kind":
        return RevealRadios(name, LEAD_OFFICER_QUESTIONS, hints=LEAD_OFFICER_HINTS)
    if isinstance(widget, forms.RadioSelect):
        return Field.radios(name, legend_size=Size.SMALL)
    if isinstance(widget, forms.Select):
        return Field.select(name)
    if isinstance(widget, forms.Textarea):
        return Field.textarea(name, rows=widget.attrs.get("rows", 3))
    if isinstance(widget, forms.TextInput) and not isinstance(field, forms.DecimalField):
        if name == "reference":
            return Field.text(name, field_width=10)
        return Field.text(name, **({"field_width": "one-half"} if name in HALF_WIDTH else {}))
    return name


def section_fieldsets(fields, sections, **legend):
    """A fieldset per section, holding those of its fields the form has. The lead officer's
    questions sit under the radios that ask which kind of lead officer it is."""
    revealed = {name for names in LEAD_OFFICER_QUESTIONS.values() for name in names}

    def asked(names):
        for name in names:
            if name == "lead_officer" and "lead_officer_kind" in fields:
                yield layout_field("lead_officer_kind", fields["lead_officer_kind"])
            elif name in fields and name not in revealed:
                yield layout_field(name, fields[name])

    return [
        Fieldset(*asked(names), legend=legend_text, **legend)
        for legend_text, names in sections
        if any(name in fields for name in names)
    ]


class PartnershipForm(OnceOnlyMixin, VersionedForm):
    """Create or edit a partnership's details. Status moves through the lifecycle, not this form."""

    lead_officer_kind = forms.ChoiceField(
        label="Who is the lead officer?",
        help_text="The council officer responsible for this partnership.",
        choices=LeadOfficerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the lead officer has an account on this service"},
    )
    lead_officer = OfficerChoiceField(queryset=None, required=False, label="Lead officer")
    annual_contribution = MoneyField(label="Annual council contribution (£)")
    in_kind_value = MoneyField(label="In-kind contribution value (£)")
    confirm_duplicate = forms.BooleanField(
        label="Yes, add it: this is a different partnership", required=False, widget=forms.CheckboxInput
    )
    external_funding = MoneyField(
        label="External funding levered (£)", help_text="Money partners or funders bring in because of it."
    )
    income_to_council = MoneyField(label="Income to council (£)")
    start_date = GovDateField(label="Start date")
    end_date = GovDateField(label="End date", help_text="Leave blank if it has no fixed end. For example, 31 3 2028")
    next_review_due = GovDateField(
        label="Next review due", help_text="Set automatically when a review is completed. For example, 31 3 2027"
    )

    class Meta:
        model = Partnership
        fields = DETAILS_FIELDS + LEADS_FIELDS + MONEY_FIELDS + DATES_FIELDS
        widgets = {
            "partnership_type": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "out_of_scope_reason": forms.Textarea(attrs={"rows": 2}),
            "exit_strategy": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "lead_officer_email": forms.EmailInput(attrs={"spellcheck": "false"}),
        }
        labels = {"lead_officer_name": "Full name", "lead_officer_email": "Email address"}
        help_texts = {"lead_officer_name": ""}
        error_messages = {
            "lead_officer_email": {
                "invalid": "Enter the lead officer's email address in the right format, like name@example.gov.uk"
            },
            "name": {"required": "Enter the partnership name"},
            "partnership_type": {"required": "Select the type of partnership"},
        }

    # The page's sections, in order: (legend, fields). Each is also a task-list page of its own.
    SECTIONS = [
        ("About the partnership", DETAILS_FIELDS),
        ("Who leads it", LEADS_FIELDS),
        ("Money", MONEY_FIELDS),
        ("Dates, significance and review", DATES_FIELDS),
    ]
    LEGEND = {"legend_size": Size.MEDIUM}
    ALWAYS = {"lock_version", "submission_token", "confirm_duplicate"}  # kept whichever fields a page asks for

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        asked = {*self._meta.fields, *self.ALWAYS}
        if "lead_officer" in asked:
            asked.add("lead_officer_kind")
        for name in set(self.fields) - asked:
            del self.fields[name]  # a declared field another page (Meta.fields) asks for
        if "lead_officer" in self.fields:
            self.ask_for_the_lead_officer()
        if "partnership_type" in self.fields:
            self.fields["partnership_type"].choices = PartnershipType.choices
        if "reference" in self.fields:
            self.fields["reference"].required = False
        if self.instance.pk and "reference" in self.fields:
            self.fields["reference"].disabled = True
            self.fields["reference"].help_text = "The register reference cannot be changed."
        fieldsets = section_fieldsets(self.fields, self.SECTIONS, **self.LEGEND)
        extra = ["submission_token"] if "submission_token" in self.fields else []
        self.helper = gds_helper(Layout(*fieldsets, "lock_version", *extra))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        contractual = cleaned.get("partnership_type") == PartnershipType.CONTRACTUAL
        if contractual and "out_of_scope_reason" in self.fields and not cleaned.get("out_of_scope_reason"):
            self.add_error("out_of_scope_reason", "Enter why this contractual arrangement is out of scope")
        statutory = cleaned.get("partnership_type") == PartnershipType.STATUTORY
        if statutory and "statutory_basis" in self.fields and not cleaned.get("statutory_basis"):
            self.add_error("statutory_basis", "Enter the statutory basis of this statutory partnership")
        if "lead_officer_kind" in self.fields:
            self.clean_lead_officer_choice(cleaned)
        self.check_for_a_likely_duplicate(cleaned)
        return cleaned

    def ask_for_the_lead_officer(self):
        """The lead officer is a user (picked from the officers) or a person named without an account."""
        chosen = self.initial.get("lead_officer")
        chosen = getattr(chosen, "pk", chosen)
        self.fields["lead_officer"].queryset = officers(self.instance.lead_officer_id, chosen)
        if chosen:
            self.initial.setdefault("lead_officer_kind", LeadOfficerKind.ACCOUNT)
        elif self.initial.get("lead_officer_name"):
            self.initial.setdefault("lead_officer_kind", LeadOfficerKind.NO_ACCOUNT)
        # Required once their kind of lead officer is chosen (see clean_lead_officer_choice): no "(optional)".
        for name in ("lead_officer", "lead_officer_name"):
            self.fields[name].conditionally_required = True

    def clean_lead_officer_choice(self, cleaned):
        """Keep only the answers for the kind of lead officer chosen: choosing the other kind clears them."""
        kind = cleaned.get("lead_officer_kind")
        if not kind:
            return
        keep = LEAD_OFFICER_QUESTIONS[kind]
        for name in {name for names in LEAD_OFFICER_QUESTIONS.values() for name in names} - set(keep):
            self.errors.pop(name, None)  # what was typed for the other kind is not kept, so not checked
            cleaned[name] = None if name == "lead_officer" else ""
        if kind == LeadOfficerKind.ACCOUNT and not cleaned.get("lead_officer") and "lead_officer" not in self.errors:
            self.add_error("lead_officer", "Select the lead officer")
        if kind == LeadOfficerKind.NO_ACCOUNT and not cleaned.get("lead_officer_name"):
            self.add_error("lead_officer_name", "Enter the lead officer's full name")

    def likely_duplicate(self, name, directorate):
        """An existing partnership of the same name (ignoring case and spaces) in the same directorate."""
        if self.instance.pk or not name:
            return None
        same_name = Partnership.objects.filter(name__iexact=" ".join(name.split()), directorate=directorate)
        return same_name.only("reference", "name").first()

    def check_for_a_likely_duplicate(self, cleaned):
        existing = self.likely_duplicate(cleaned.get("name"), cleaned.get("directorate"))
        if existing is None or cleaned.get("confirm_duplicate"):
            return
        where = f" in {cleaned['directorate']}" if cleaned.get("directorate") else ""
        self.add_error(
            "name",
            f"{existing.reference} {existing.name} is already on the register{where}. "
            "Open it instead, or confirm below that this is a different partnership",
        )
        self.offer_to_confirm()

    def offer_to_confirm(self):
        """Show the "this is a different partnership" checkbox, just below the name."""
        about = self.helper.layout[0].fields
        at = next(index for index, field in enumerate(about) if "name" in getattr(field, "fields", [field]))
        about.insert(at + 1, Field.checkbox("confirm_duplicate", small=True))

    def save(self, commit=True):
        if "rag" in self.changed_data:
            self.instance.rag_overridden = bool(self.cleaned_data.get("rag"))  # cleared: follow reviews again
        return super().save(commit)

    def clean_reference(self):
        reference = (self.cleaned_data.get("reference") or "").strip().upper()
        if reference and "/" in reference:
            raise forms.ValidationError("The reference can only contain letters, numbers and hyphens")
        return reference


# Set-up pages on the task list: slug -> (page title, fields). Titles and legends are our own text.
SECTION_PAGES = {
    "details": ("Partnership details", DETAILS_FIELDS),
    "leads": ("Who leads it", LEADS_FIELDS),
    "money": ("Money", MONEY_FIELDS),
    "dates": ("Dates, significance and review", DATES_FIELDS),
}


PAGE_HEADING = {"legend_size": Size.LARGE, "legend_tag": "h1"}


def section_form(slug):
    """A PartnershipForm holding one set-up page's fields."""
    title, names = SECTION_PAGES[slug]
    meta = type("Meta", (PartnershipForm.Meta,), {"fields": names})
    return type(
        f"{slug.title()}SectionForm",
        (PartnershipForm,),
        {"Meta": meta, "SECTIONS": [(title, names)], "LEGEND": PAGE_HEADING},
    )


class PartnershipStartForm(PartnershipForm):
    """The first page of "Add a partnership": enough to put it on the register and its task list."""

    class Meta(PartnershipForm.Meta):
        fields = [
            "name",
            "partnership_type",
            "out_of_scope_reason",
            "directorate",
            "lead_officer",
            "lead_officer_name",
            "lead_officer_email",
        ]

    SECTIONS = [
        ("About the partnership", ["name", "partnership_type", "out_of_scope_reason"]),
        ("Who leads it", LEADS_FIELDS),
    ]


class PartnerForm(PlainEnglishMixin, forms.ModelForm):
    """One partner: an existing organisation picked by name, or a new one typed in."""

    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Start typing to pick an organisation already on the register, or enter a new one.",
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
    )

    class Meta:
        model = PartnershipMember
        fields = ["organisation_name", "role", "contact_name", "contact_email", "contact_phone"]
        labels = {"contact_name": "Contact name", "contact_email": "Contact email", "contact_phone": "Contact phone"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        self.fields["organisation_name"].required = False
        self.helper = gds_helper(
            Layout(
                Field.text("organisation_name"),
                Field.select("role"),
                Field.text("contact_name", field_width="one-half"),
                Field.text("contact_email", field_width="one-half"),
                Field.text("contact_phone", field_width=20),
            )
        )
        self.helper.disable_csrf = True

    def has_changed(self):
        """A blank new row (perhaps with a role picked) is ignored rather than refused."""
        if self.instance.pk:
            return super().has_changed()
        typed = ("organisation_name", "contact_name", "contact_email", "contact_phone")
        return any(self.data.get(self.add_prefix(name), "").strip() for name in typed)

    def clean_organisation_name(self):
        return " ".join((self.cleaned_data.get("organisation_name") or "").split())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation_name") and not cleaned.get("DELETE"):
            self.add_error("organisation_name", "Enter the partner organisation's name")
        return cleaned

    def save(self, commit=True):
        organisation, _ = Organisation.objects.get_or_create_by_name(self.cleaned_data["organisation_name"])
        self.instance.organisation = organisation
        return super().save(commit)


class BasePartnerFormSet(BaseInlineFormSet):
    def __init__(self, *args, queryset=None, **kwargs):
        if queryset is None:  # each partner's form shows its organisation's name: read them together
            queryset = PartnershipMember.objects.select_related("organisation")
        super().__init__(*args, queryset=queryset, **kwargs)

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("organisation_name") or "").lower()
            if name and name in seen:
                form.add_error("organisation_name", f"{form.cleaned_data['organisation_name']} is listed twice")
            seen.add(name)


def partner_formset(extra):
    return inlineformset_factory(
        Partnership,
        PartnershipMember,
        form=PartnerForm,
        formset=BasePartnerFormSet,
        extra=extra,
        can_delete=True,
    )
