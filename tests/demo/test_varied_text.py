"""The demo reads like many officers writing: lessons, review actions and progress comments are not
copied word for word from one partnership to the next, and the same seed gives the same words."""

import pytest

from register.models import Partnership
from reviews.models import LessonLearned, ObjectiveProgress, PerformanceReview

from .conftest import seed

pytestmark = pytest.mark.django_db


def lesson_texts():
    return dict(LessonLearned.objects.values_list("partnership__reference", "detail").order_by("pk"))


def test_no_two_partnerships_share_a_lesson_word_for_word():
    seed()
    details = list(LessonLearned.objects.values_list("partnership_id", "detail"))
    assert len(details) >= 10
    assert len({detail for _, detail in details}) == len(details)
    titles = list(LessonLearned.objects.values_list("title", flat=True))
    assert len(set(titles)) >= 0.8 * len(titles)


def test_lessons_name_the_partnerships_own_partners():
    seed()
    for lesson in LessonLearned.objects.select_related("partnership"):
        partners = set(lesson.partnership.memberships.values_list("organisation__name", flat=True))
        others = {name for name in partners_of_other_partnerships(lesson.partnership) if name not in partners}
        assert not any(name in lesson.detail for name in others), lesson.detail


def partners_of_other_partnerships(partnership):
    return (
        Partnership.objects.exclude(pk=partnership.pk)
        .values_list("memberships__organisation__name", flat=True)
        .exclude(memberships__organisation__name=None)
    )


def test_generated_partnerships_vary_their_lessons_reviews_and_progress_comments():
    seed("--scale", "160")
    generated = LessonLearned.objects.filter(partnership__reference__gt="NCC-0040")
    details = list(generated.values_list("detail", flat=True))
    assert len(details) >= 15
    assert len(set(details)) >= 0.8 * len(details)  # twelve kinds of lesson, but rarely the same words
    actions = PerformanceReview.objects.values_list("actions", flat=True)
    assert len(set(actions)) >= 8
    comments = ObjectiveProgress.objects.values_list("comment", flat=True)
    assert len(set(comments)) >= 10


def test_the_same_demo_gets_the_same_words():
    seed("--scale", "80")
    first = lesson_texts()
    LessonLearned.objects.all().delete()
    Partnership.objects.filter(reference__gt="NCC-0040").delete()
    seed("--scale", "80")
    generated = {ref: text for ref, text in lesson_texts().items() if ref > "NCC-0040"}
    assert generated == {ref: text for ref, text in first.items() if ref > "NCC-0040"}
