"""Scope screening: the questions that decide whether an arrangement is a partnership at all."""

from django.db import models

from partnerships.history import HistoricalRecords

from .base import user_fk


class ScopeQuestion(models.Model):
    """A screening question, kept by administrators. `partnership_answer` is the answer a partnership gives."""

    text = models.CharField(max_length=250)
    guidance = models.TextField(blank=True)
    partnership_answer = models.BooleanField(
        help_text="Ticked: a partnership answers yes. Unticked: a partnership answers no."
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class ScopeAnswer(models.Model):
    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="scope_answers")
    question = models.ForeignKey(ScopeQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.BooleanField()
    answered_by = user_fk("+")
    answered_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.partnership_id}: {self.question} {'Yes' if self.answer else 'No'}"


def screening(partnership):
    """(complete, in_scope, [questions answered the way an arrangement that is not a partnership would]).

    One query: the active questions, each with this partnership's answer (None if not answered)."""
    given = ScopeAnswer.objects.filter(partnership=partnership, question=models.OuterRef("pk")).values("answer")
    questions = list(ScopeQuestion.objects.filter(active=True).annotate(given=models.Subquery(given[:1])))
    complete = all(question.given is not None for question in questions)
    against = [q for q in questions if q.given is not None and q.given != q.partnership_answer]
    return complete, complete and not against, against
