"""Layout objects for forms that show data between their fields, safely.

crispy-forms compiles the string given to `HTML()` as a Django template, and crispy-forms-gds
prints a `Fieldset` legend with `|safe`. Text that came from a person or the database (an
objective's target, a partner's name, a principle's description) must therefore never be passed
to either: in `HTML()` it would run as template code (`{{ request.user.password }}`), in a legend
as markup. Forms use these two instead; ruff's banned-api list (pyproject.toml) refuses the others.
"""

from crispy_forms.layout import LayoutObject
from crispy_forms_gds.layout import Fieldset as GdsFieldset  # noqa: TID251 - wrapped here, safely
from django.template.loader import render_to_string
from django.utils.html import conditional_escape


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
