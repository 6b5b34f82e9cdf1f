import uuid

from django.conf import settings
from django.db import IntegrityError, models, transaction


class SubmittedForm(models.Model):
    """A form that added a record, by the one-time token the form was rendered with.

    Submitting the same form again (a double click, a browser resending after a slow answer) finds
    this row and goes to what the first submission added, instead of adding a second record.
    """

    token = models.UUIDField(primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    result_url = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "submitted form"

    def __str__(self):
        return f"{self.token} ({self.result_url or 'nothing added'})"

    @classmethod
    def result_of(cls, token):
        """The URL of what an earlier submission of this form added (token as posted), or None."""
        try:
            token = uuid.UUID(str(token))
        except ValueError:
            return None
        return cls.objects.filter(token=token).values_list("result_url", flat=True).first()

    @classmethod
    def once(cls, token, user, add):
        """Call `add()` (which saves a record and returns the URL to go to next) once per token, in one
        transaction.

        Returns (that URL, True) the first time; (the URL the first submission went to, False) for
        every later submission of the same form. A concurrent second submission waits on
        the token's key until the first has committed, then finds it. Without a token (a client that
        did not render the form), `add()` simply runs.
        """
        with transaction.atomic():
            if token is not None:
                try:
                    with transaction.atomic():
                        cls.objects.create(token=token, user=user)
                except IntegrityError:
                    return cls.objects.get(token=token).result_url, False
            url = add()
            if token is not None:
                cls.objects.filter(token=token).update(result_url=url)
        return url, True
