"""The form renderer: Django's own widget templates, rendered by Jinja2 where Django ships them.

Django ships the templates of its widgets and form parts twice, for its template language and for
Jinja2, and tests that both give the same HTML. A GOV.UK form page renders some fifty widgets, and
each select option and each widget's attributes is a template include of its own: rendered by
Jinja2, which compiles templates to Python, the partnership edit page takes a third less CPU time
(bench/notes.md, register:partnership_update). A widget with only a Django template (the admin
site's, django-filter's) is rendered by Django's engine, as before; crispy-forms-gds's date input
has a Jinja2 copy in partnerships/jinja2/.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django_templates = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)
