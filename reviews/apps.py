from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Objectives, reviews and lessons"

    def ready(self):
        from register.api.sections import register_section
        from register.panels import Panel, register_panel

        from . import gates  # noqa: F401 (registers this app's lifecycle gates)
        from .api.serializers import partnership_sections
        from .assurance.panels import assurance_panel_context
        from .views import panel_context

        for section in partnership_sections():
            register_section(section)

        register_panel(
            Panel(
                key="reviews",
                title="Objectives, reviews and lessons",
                template="reviews/panel.html",
                order=60,
                get_context=panel_context,
            )
        )
        register_panel(
            Panel(
                key="assurance",
                title="Annual assurance",
                template="reviews/assurance/panel.html",
                order=70,
                get_context=assurance_panel_context,
            )
        )
