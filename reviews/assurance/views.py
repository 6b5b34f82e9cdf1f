"""Views of the annual assurance round. Permissions come from reviews/rules.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from register.forms import error_summary_items
from register.models import SubmittedForm
from register.views.mixins import SAFE_METHODS, ConflictMixin, RoleRequiredMixin

from . import rating, rounds
from .forms import ActionForm, ActionUpdateForm, InvitationForm, RatingForm, ReturnForm, RoundForm, SendBackForm
from .models import (
    AssuranceReturn,
    AssuranceRound,
    ObjectiveAchievement,
    PartnerInvitation,
    RemedialAction,
    ReturnAnswer,
    ReturnQuestion,
    ReturnStateError,
    ReturnStatus,
)
from .notify import invitation_days, send_invitation


class ManageRoundMixin(RoleRequiredMixin):
    permission = "reviews.manage_round"


class FormPage(TemplateView):
    def render_form(self, form, **extra):
        return self.render_to_response(
            self.get_context_data(form=form, error_summary=error_summary_items(form), **extra)
        )


class RoundListView(ManageRoundMixin, TemplateView):
    template_name = "reviews/assurance/round_list.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=AssuranceRound.objects.all(), **kwargs)


class RoundCreateView(ManageRoundMixin, FormPage):
    template_name = "reviews/assurance/round_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_form(RoundForm())

    def post(self, request, *args, **kwargs):
        if earlier := SubmittedForm.result_of(request.POST.get("submission_token")):
            return redirect(earlier)  # a double click: the first submission opened the round
        form = RoundForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data

        def open_it():
            opened = rounds.open_round(
                data["name"],
                data["deadline"],
                data["partnerships"],
                by=request.user,
                reminder_days=data["reminder_days"],
            )
            return opened.get_absolute_url()

        url, first_time = SubmittedForm.once(form.submission_token, request.user, open_it)
        if first_time:
            messages.success(request, f"Round {data['name']} opened: lead officers are being emailed")
        return redirect(url)


class RoundMixin(ManageRoundMixin):
    def dispatch(self, request, *args, **kwargs):
        self.round = get_object_or_404(AssuranceRound, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.round, **kwargs)


class RoundProgressView(RoundMixin, TemplateView):
    template_name = "reviews/assurance/round_progress.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(progress=rounds.progress(self.round), statuses=ReturnStatus, **kwargs)


class ChaseView(RoundMixin, TemplateView):
    """Email every lead officer with returns outstanding (or just one, given `officer`)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        officer = int(request.POST["officer"]) if request.POST.get("officer", "").isdigit() else None
        chased = rounds.chase(self.round, officer=officer)
        plural = "s" if chased != 1 else ""
        messages.success(request, f"Chasing {chased} lead officer{plural}: the emails are on their way")
        return redirect(self.round)


class CloseRoundView(RoundMixin, TemplateView):
    """Close the round: returns can no longer change, and reminders stop."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.round.is_open:
            self.round.close(by=request.user)
            messages.success(request, f"Round {self.round.name} closed")
        return redirect(self.round)


class ReturnMixin(RoleRequiredMixin):
    """Loads the return; reading needs a role, changing needs `reviews.fill_return` on its partnership."""

    permission = "reviews.view_return"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            AssuranceReturn.objects.select_related("round", "partnership__lead_officer", "partnership__directorate"),
            pk=kwargs["pk"],
        )
        self.can_fill = request.user.has_perm("reviews.fill_return", self.object.partnership)
        self.can_manage = request.user.has_perm("reviews.manage_round")
        if request.method not in SAFE_METHODS and not self.allowed_to_change():
            raise PermissionDenied("You cannot change this return.")
        return super().dispatch(request, *args, **kwargs)

    def allowed_to_change(self):
        return self.can_fill

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            partnership=self.object.partnership,
            can_fill=self.can_fill,
            can_manage=self.can_manage,
            heading=getattr(self, "heading", ""),
            button=getattr(self, "button", ""),
            **kwargs,
        )


class AdministerReturnMixin(ReturnMixin):
    """Pages of a return that only register administrators use (send back, rating)."""

    permission = "reviews.manage_round"

    def allowed_to_change(self):
        return self.can_manage


class ReturnView(ReturnMixin, ConflictMixin, FormPage):
    template_name = "reviews/assurance/return.html"
    permission = "reviews.view_return"

    def form(self, data=None):
        questions = list(ReturnQuestion.objects.active())
        objectives = list(self.object.partnership.objectives.exclude(status="withdrawn"))
        answers = dict(self.object.answers.values_list("question_id", "answer"))
        achievements = dict(self.object.achievements.values_list("objective_id", "achievement"))
        return ReturnForm(
            data,
            instance=self.object,
            questions=questions,
            objectives=objectives,
            answers=answers,
            achievements=achievements,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            editable=self.can_fill and self.object.is_editable,
            answers=self.object.answers.select_related("question").order_by("question__order"),
            achievements=self.object.achievements.select_related("objective"),
            invitations=self.object.invitations.select_related("organisation"),
            actions=self.actions(),
            decisions=self.object.rating_decisions.select_related("by"),
            **kwargs,
        )

    def actions(self):
        """The partnership's remedial actions from every round, and whether this user may change each."""
        partnership = self.object.partnership
        actions = list(RemedialAction.objects.filter(partnership=partnership).select_related("raised_in"))
        for action in actions:
            action.partnership = partnership
        return [(action, self.request.user.has_perm("reviews.change_action", action)) for action in actions]

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        if not self.object.is_editable:
            messages.error(request, "This return has been sent and can no longer be changed")
            return redirect(self.object)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        with transaction.atomic():
            if not form.save_checked():
                return self.conflict("return", request.path, form)
            for question, answer in form.answer_values().items():
                ReturnAnswer.objects.update_or_create(
                    assurance_return=self.object, question=question, defaults={"answer": answer}
                )
            for objective, text in form.achievement_values().items():
                ObjectiveAchievement.objects.update_or_create(
                    assurance_return=self.object, objective=objective, defaults={"achievement": text}
                )
            self.object.mark_in_progress()
        if "submit" not in request.POST:
            messages.success(request, "Return saved. You can come back to it before the deadline")
            return redirect(self.object)
        try:
            self.object.submit(by=request.user)
        except ReturnStateError as error:
            data = request.POST.copy()
            data["lock_version"] = self.object.lock_version  # the answers were saved: show them at the new version
            form = self.form(data)
            form.is_valid()
            form.add_error(None, f"Before you send the return: {error}")
            return self.render_form(form)
        rating.refresh_proposal(self.object)
        messages.success(request, f"Return for {self.object.partnership.reference} sent")
        return redirect(self.object)


class SendBackView(AdministerReturnMixin, FormPage):
    heading = "Send the return back"
    button = "Send back"
    template_name = "reviews/assurance/simple_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_form(SendBackForm())

    def post(self, request, *args, **kwargs):
        form = SendBackForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            self.object.send_back(form.cleaned_data["reason"], by=request.user)
        except ReturnStateError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Return sent back to the lead officer")
        return redirect(self.object)


class RatingView(AdministerReturnMixin, FormPage):
    heading = "Confirm the assurance rating"
    button = "Confirm rating"
    template_name = "reviews/assurance/rating.html"

    def form(self, data=None):
        return RatingForm(data, proposed=self.proposal.rating)

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, **kwargs)

    def get(self, request, *args, **kwargs):
        self.proposal = rating.propose(self.object)
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        self.proposal = rating.refresh_proposal(self.object)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        self.object.confirm_rating(form.cleaned_data["rating"], form.cleaned_data["reason"], by=request.user)
        messages.success(request, f"Rating for {self.object.partnership.reference} confirmed")
        return redirect(self.object)


class InvitationCreateView(ReturnMixin, FormPage):
    heading = "Invite a partner to answer the health check"
    button = "Send invitation"
    template_name = "reviews/assurance/invite.html"
    permission = "reviews.view_return"

    def form(self, data=None):
        return InvitationForm(data, partnership=self.object.partnership)

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=invitation_days(), **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.can_fill:
            raise PermissionDenied("You cannot invite partners to this return.")
        return self.render_form(self.form())

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        member = form.cleaned_data["partner"]
        invitation, token = PartnerInvitation.issue(
            self.object,
            member.organisation,
            member.contact_name or str(member.organisation),
            member.contact_email,
            by=request.user,
        )
        send_invitation(invitation, token)
        messages.success(request, f"Invitation emailed to {invitation.contact_name}")
        return redirect(self.object)


class InvitationRevokeView(ReturnMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(self.object.invitations, pk=kwargs["invitation"])
        invitation.revoke()
        messages.success(request, f"Invitation to {invitation.contact_name} revoked: the link no longer works")
        return redirect(self.object)


class ActionCreateView(ReturnMixin, FormPage):
    heading = "Add a remedial action"
    button = "Save action"
    template_name = "reviews/assurance/simple_form.html"
    permission = "reviews.view_return"

    def get(self, request, *args, **kwargs):
        if not self.can_fill:
            raise PermissionDenied("You cannot add actions to this partnership.")
        return self.render_form(ActionForm(initial={"owner": self.object.partnership.lead_officer_display}))

    def post(self, request, *args, **kwargs):
        back = self.object.get_absolute_url() + "#actions"
        if SubmittedForm.result_of(request.POST.get("submission_token")):
            return redirect(back)  # a double click: the action was added by the first
        form = ActionForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        form.instance.partnership = self.object.partnership
        form.instance.raised_in = self.object.round

        def add():
            form.save()
            return back

        _, first_time = SubmittedForm.once(form.submission_token, request.user, add)
        if first_time:
            messages.success(request, "Remedial action added")
        return redirect(back)


class ActionUpdateView(RoleRequiredMixin, ConflictMixin, FormPage):
    """The lead officer or an administrator keeps an action up to date (owner, due date, status, progress)."""

    template_name = "reviews/assurance/action_form.html"
    permission = "reviews.view_return"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            RemedialAction.objects.select_related("partnership", "raised_in", "from_return"), pk=kwargs["pk"]
        )
        if not request.user.has_perm("reviews.change_action", self.object):
            raise PermissionDenied("Only the lead officer and the register administrators change this action.")
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        """Back where the user came from (the return, or the partnership page), never off the site."""
        wanted = self.request.POST.get("next") or self.request.GET.get("next", "")
        if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={self.request.get_host()}):
            return wanted
        return self.object.partnership.get_absolute_url() + "#assurance"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action=self.object, partnership=self.object.partnership, next_url=self.next_url(), **kwargs
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(ActionUpdateForm(instance=self.object))

    def post(self, request, *args, **kwargs):
        form = ActionUpdateForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self.render_form(form)
        if not form.save_checked():
            return self.conflict("remedial action", request.path, form)
        messages.success(request, f"Remedial action for {self.object.partnership.reference} updated")
        return redirect(self.next_url())
