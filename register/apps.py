from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "Partnership register"

    def ready(self):
        from .permissions import grant_admin_model_permissions

        post_migrate.connect(grant_admin_model_permissions, dispatch_uid="register.grant_admin_model_permissions")

        from .text_search import drop_triggers, restore_triggers

        pre_migrate.connect(drop_triggers, sender=self, dispatch_uid="register.text_search.drop_triggers")
        post_migrate.connect(restore_triggers, sender=self, dispatch_uid="register.text_search.restore_triggers")

        from . import opendata

        opendata.connect_signals()

        from . import officers

        officers.connect_signals()
