"""The Scope screening sheet: a partnership's Yes or No to each of the register's screening questions."""

from register.models import ScopeAnswer, ScopeQuestion

from .answers import AnswerSheet
from .base import given

FIELDS = ("answer",)


class ScopeScreeningSheet(AnswerSheet):
    key = "scope_screening"
    key_fields = ("reference", "question")
    model = ScopeAnswer
    topic = "question"
    noun = "scope screening questions"
    fields = FIELDS

    def topics(self):
        return ScopeQuestion.objects.all()

    def plan_values(self, cells):
        return given({"answer": cells.yes_no("answer", required=True)})

    def new_answer(self, row):
        answer = super().new_answer(row)
        answer.answered_by = self.context.user
        return answer
