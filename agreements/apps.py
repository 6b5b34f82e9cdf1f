from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Partnership agreements"

    def ready(self):
        from register.api.sections import register_section
        from register.panels import Panel, register_panel

        from . import (
            gates,  # noqa: F401 (registers this app's lifecycle gates)
            tasks,  # noqa: F401 (queues each approved or signed version's PDF)
        )
        from .api.serializers import partnership_section
        from .panels import agreement_panel_context

        register_section(partnership_section())

        register_panel(
            Panel(
                key="agreement",
                title="Agreement",
                template="agreements/panel.html",
                order=50,
                get_context=agreement_panel_context,
            )
        )
