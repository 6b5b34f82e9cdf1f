"""Gates on objectives and lessons learnt (see register/gates.py)."""

from register.choices import Status
from register.gates import gate

from .models import LessonLearned, Objective, ObjectiveStatus


@gate(Status.ACTIVE, from_status=Status.APPROVED)
def smart_objectives(partnership, by):
    if Objective.objects.filter(partnership=partnership).exclude(status=ObjectiveStatus.WITHDRAWN).exists():
        return []
    return ["Set at least one SMART objective."]


@gate(Status.CLOSED)
def lesson_learnt(partnership, by):
    if LessonLearned.objects.filter(partnership=partnership).exists():
        return []
    return ["Record at least one lesson learnt."]
