from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and health checks"

    def ready(self):
        from register.panels import Panel, register_panel

        from . import gates  # noqa: F401 (registers this app's lifecycle gates)
        from .views import panel_context

        register_panel(
            Panel(
                key="assessment",
                title="Assessment and health check",
                template="assessments/panel.html",
                order=20,
                get_context=panel_context,
                select_related=("assessment",),
            )
        )
