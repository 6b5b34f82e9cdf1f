"""GOV.UK form wording on every form of every app, generated from the forms modules so a new form
or field is covered without editing this test: optional fields say "(optional)", and no select
offers Django's "---------"."""

import inspect

import pytest
from django import forms

import agreements.forms
import assessments.forms
import register.forms
import register.forms.partnership
import register.forms.risk
import register.forms.transition
import reviews.forms
from register.forms import SECTION_PAGES, section_form
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MODULES = [
    register.forms.partnership,
    register.forms.risk,
    register.forms.transition,
    assessments.forms,
    agreements.forms,
    reviews.forms,
]


def form_classes():
    found = [
        cls
        for module in MODULES
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]
    return found + [section_form(slug) for slug in SECTION_PAGES]


def build(cls, partnership):
    """An unbound form, given whatever its constructor asks for."""
    wanted = inspect.signature(cls.__init__).parameters
    offered = {
        "partnership": partnership,
        "party": partnership.memberships.first().organisation if "party" in wanted else None,
        "party_name": "Northmoor Foodbank",
        "versions": [1, 2],
    }
    kwargs = {name: value for name, value in offered.items() if name in wanted}
    model = getattr(getattr(cls, "_meta", None), "model", None)
    if model is not None and any(f.name == "partnership" for f in model._meta.fields):
        kwargs["instance"] = model(partnership=partnership)
    return cls(**kwargs)


@pytest.mark.parametrize("cls", form_classes(), ids=lambda cls: cls.__name__)
def test_optional_fields_say_so_and_selects_have_no_dashes(cls, partnership):
    partnership.memberships.create(organisation=OrganisationFactory())
    form = build(cls, partnership)
    for bound in form.visible_fields():
        field = bound.field
        revealed = getattr(field, "conditionally_required", False)  # required once its radio is chosen
        if not field.required and not revealed and not isinstance(field, forms.BooleanField):
            assert str(bound.label).endswith("(optional)"), f"{cls.__name__}.{bound.name}: {bound.label}"
        if field.required or revealed:
            assert "(optional)" not in str(bound.label), f"{cls.__name__}.{bound.name}"
        assert "---------" not in str(bound), f"{cls.__name__}.{bound.name} offers ---------"
