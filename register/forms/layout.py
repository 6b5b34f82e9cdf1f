"""Layout objects for forms that show data between their fields, safely.

crispy-forms compiles the string given to `HTML()` as a Django template, and crispy-forms-gds
prints a `Fieldset` legend with `|safe`. Text that came from a person or the database (an
objective's target, a partner's name, a principle's description) must therefore never be passed
to either: in `HTML()` it would run as template code (`{{ request.user.password }}`), in a legend
as markup. Forms use these two instead; ruff's banned-api list (pyproject.toml) refuses the others.
"""

from crispy_forms.layout import LayoutObject
from crispy_forms.utils import TEMPLATE_PACK, render_field
from crispy_forms_gds.layout import Fieldset as GdsFieldset  # noqa: TID251 - wrapped here, safely
from crispy_forms_gds.layout import Size
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class Fieldset(GdsFieldset):
    """A GOV.UK fieldset whose legend is text: escaped here, never markup or a template."""

    def __init__(self, *fields, legend=None, **kwargs):
        super().__init__(*fields, legend=conditional_escape(legend) if legend else None, **kwargs)


class Fragment(LayoutObject):
    """A template file rendered with its own context, between a form's fields.

    The template is a file written by developers; the data only ever fills its variables, where
    Django escapes it. `Fragment("reviews/includes/objective_hint.html", objective=objective)`.
    """

    def __init__(self, template_name, **context):
        self.template_name = template_name
        self.context = context
        self.fields = []

    def render(self, form, context, template_pack=None, **kwargs):
        return render_to_string(self.template_name, self.context)


class RevealRadios(LayoutObject):
    """GOV.UK radios where choosing an option reveals the questions that go with it.

    `RevealRadios("kind", {"account": ["user"], "no_account": ["name", "email"]})`. GOV.UK Frontend
    hides the questions of the options not chosen once its JavaScript runs; without it every
    question shows, under its option. The form's `clean()` ignores the questions of the options
    not chosen. Labels and hints come from the form's fields; the template is a file.
    """

    template = "includes/reveal_radios.html"

    def __init__(self, field, reveals, legend_size=Size.SMALL, hints=None):
        self.field = field
        self.reveals = reveals
        self.legend_size = legend_size
        self.hints = hints or {}
        self.fields = [field, *(name for names in reveals.values() for name in names)]

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        bound = form[self.field]
        options = []
        for position, (value, label) in enumerate(bound.field.choices, start=1):
            questions = "".join(
                render_field(name, form, context, template_pack=template_pack, **kwargs)
                for name in self.reveals.get(value, ())
            )
            options.append(
                {
                    "value": value,
                    "label": label,
                    "hint": self.hints.get(value, ""),
                    "id": f"{bound.auto_id}_{position}",
                    "checked": str(bound.value()) == str(value),
                    "questions": mark_safe(questions),  # fields crispy has rendered: escaped HTML
                }
            )
        return render_to_string(
            self.template, {"field": bound, "options": options, "legend_size": Size.for_legend(self.legend_size)}
        )
