from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Objectives, reviews and lessons"

    def ready(self):
        from register.panels import Panel, register_panel

        from . import gates  # noqa: F401 (registers this app's lifecycle gates)
        from .views import panel_context

        register_panel(
            Panel(
                key="reviews",
                title="Objectives, reviews and lessons",
                template="reviews/panel.html",
                order=60,
                get_context=panel_context,
            )
        )
