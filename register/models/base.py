from django.conf import settings
from django.db import models


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: every save through `save_checked` bumps `lock_version`.

    A form carries the version it was opened at; if someone else saved in between, the save is
    refused instead of silently overwriting their change.
    """

    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_checked(self, expected_version, **kwargs):
        """Save only if nobody has saved since `expected_version`. Returns True when saved."""
        from django.db import transaction

        model = type(self)
        with transaction.atomic():
            updated = model._base_manager.filter(pk=self.pk, lock_version=expected_version).update(
                lock_version=models.F("lock_version") + 1
            )
            if not updated:
                return False
            self.lock_version = expected_version + 1
            self.save(**kwargs)
        return True


def user_fk(related_name, **kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name, **kwargs
    )
