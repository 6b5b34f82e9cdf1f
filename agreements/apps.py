from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Partnership agreements"

    def ready(self):
        from register.panels import Panel, register_panel

        from . import (
            gates,  # noqa: F401 (registers this app's lifecycle gates)
            tasks,  # noqa: F401 (queues each approved or signed version's PDF)
        )
        from .panels import agreement_panel_context

        register_panel(
            Panel(
                key="agreement",
                title="Agreement",
                template="agreements/panel.html",
                order=50,
                get_context=agreement_panel_context,
            )
        )
