from crispy_forms_gds.layout import Field, Layout
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from register.forms import error_summary_items, gds_helper
from register.views.listing import pagination_items
from register.views.mixins import ConflictMixin, EditPartnershipMixin, PartnershipMixin, RoleRequiredMixin

from .filtersets import LessonFilterSet
from .forms import LessonForm, ObjectiveForm, ReviewForm
from .models import LessonLearned, Objective, ObjectiveProgress, PerformanceReview


class FormPageMixin:
    """GET shows the form; POST validates and calls `form_valid`, or shows the errors."""

    def get_form(self, data=None):
        raise NotImplementedError

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form, error_summary=error_summary_items(form)))

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        return self.form_valid(form)


class ObjectiveFormView(EditPartnershipMixin, ConflictMixin, FormPageMixin, TemplateView):
    template_name = "reviews/objective_form.html"

    def get_form(self, data=None):
        if "pk" in self.kwargs:
            objective = get_object_or_404(Objective, partnership=self.partnership, pk=self.kwargs["pk"])
        else:
            objective = Objective(partnership=self.partnership)
        return ObjectiveForm(data, instance=objective)

    def form_valid(self, form):
        if not form.save_checked():
            return self.conflict("objective", self.request.path, form)
        messages.success(self.request, f"Objective “{form.instance.title}” saved")
        return redirect(self.partnership.get_absolute_url() + "#reviews")


class ReviewCreateView(EditPartnershipMixin, FormPageMixin, TemplateView):
    template_name = "reviews/review_form.html"

    def get_form(self, data=None):
        return ReviewForm(data, initial={"review_date": timezone.localdate()}, partnership=self.partnership)

    def form_valid(self, form):
        review = form.save_and_complete(self.request.user)
        self.partnership.refresh_from_db()
        messages.success(
            self.request,
            f"Review completed. The next review of {self.partnership.reference} is due "
            f"{self.partnership.next_review_due:%-d %B %Y}"
            if self.partnership.next_review_due
            else "Review completed",
        )
        return redirect(review)


class ReviewDetailView(PartnershipMixin, TemplateView):
    template_name = "reviews/review_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        review = get_object_or_404(
            PerformanceReview.objects.select_related("reviewer"), partnership=self.partnership, pk=self.kwargs["pk"]
        )
        context.update(
            review=review,
            progress=review.progress.select_related("objective"),
            lessons=review.lessons.all(),
        )
        return context


class LessonCreateView(EditPartnershipMixin, FormPageMixin, TemplateView):
    template_name = "reviews/lesson_form.html"

    def get_form(self, data=None):
        initial = {}
        if review_pk := self.request.GET.get("review"):
            initial["review"] = self.partnership.reviews.filter(pk=review_pk).first()
        return LessonForm(data, initial=initial, partnership=self.partnership)

    def form_valid(self, form):
        lesson = form.save(commit=False)
        lesson.partnership = self.partnership
        lesson.recorded_by = self.request.user
        lesson.save()
        messages.success(self.request, "Lesson recorded")
        return redirect(self.partnership.get_absolute_url() + "#reviews")


class LessonLibraryView(RoleRequiredMixin, ListView):
    """Shareable lessons from every partnership, searchable and filtered by area."""

    template_name = "reviews/lessons.html"
    paginate_by = 20
    context_object_name = "lessons"

    def get_queryset(self):
        base = LessonLearned.objects.filter(shareable=True).select_related("partnership")
        self.filterset = LessonFilterSet(self.request.GET or None, queryset=base)
        return self.filterset.qs if self.filterset.is_bound else base

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        form.helper = gds_helper(Layout(Field.text("q"), Field.checkboxes("area", small=True)))
        context.update(
            filter_form=form,
            result_count=context["paginator"].count,
            pagination=pagination_items(self.request, context["page_obj"]),
            is_filtered=any(self.request.GET.get(name) for name in ("q", "area")),
        )
        return context


def panel_context(partnership, user):
    """Objectives, reviews and lessons for the partnership page: a fixed number of queries."""
    objectives = list(partnership.objectives.all())
    latest = {}
    for entry in (
        ObjectiveProgress.objects.filter(objective__partnership=partnership)
        .select_related("review")
        .order_by("review__review_date", "review_id")
    ):
        latest[entry.objective_id] = entry
    return {
        "objectives": [(objective, latest.get(objective.pk)) for objective in objectives],
        "reviews": list(partnership.reviews.select_related("reviewer")),
        "lessons": list(partnership.lessons.all()),
        "can_edit": user.has_perm("register.change_partnership", partnership),
    }
