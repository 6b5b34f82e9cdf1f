from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.views.generic import TemplateView

from .. import gates, lifecycle, panels
from ..changes import change_history
from ..models import Partnership, PartnershipMember, PartnershipTransition
from ..models.scope import screening
from .mixins import PartnershipMixin
from .summary import contribution_rows, money_rows, summary_rows
from .transition import may_move


def transition_actions(partnership, user):
    """[(status, button label, reasons still blocking it)] for the moves this user may make now."""
    return [
        (status, lifecycle.ACTIONS[status], reasons)
        for status, reasons in gates.pending(partnership, by=user).items()
        if may_move(user, partnership, status)
    ]


def governance_context(partnership, user):
    return {
        "waiver": panels.related_or_none(partnership, "agreement_waiver"),
        "evaluation": panels.related_or_none(partnership, "closure_evaluation"),
        "can_approve": user.has_perm("register.approve_partnership", partnership),
        "scope": screening(partnership),
        "outstanding_due_diligence": [item.name for item in partnership.outstanding_due_diligence()],
    }


# The register's own risk section sits between panels ordered below and above this.
RISKS_ORDER = 45


class PartnershipDetailView(PartnershipMixin, TemplateView):
    """The whole lifecycle of one partnership on one page."""

    template_name = "register/partnership_detail.html"

    @property
    def partnership_queryset(self):
        """The partnership with its one-to-one records (its own and the panels') in one query, then one
        query for each list the page shows."""
        one_to_one = ("agreement_waiver__granted_by", "closure_evaluation", *panels.select_related())
        return Partnership.objects.select_related("directorate", "lead_officer", *one_to_one).prefetch_related(
            Prefetch("memberships", queryset=PartnershipMember.objects.select_related("organisation")),
            "risks",
            Prefetch("transitions", queryset=PartnershipTransition.objects.select_related("by")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership, user = self.partnership, self.request.user
        base = {"partnership": partnership, "can_edit": self.can_edit, "request": self.request, "user": user}
        rendered = [
            (panel, render_to_string(panel.template, {**base, "panel": panel, **panel_context}, request=self.request))
            for panel, panel_context in panels.render_context(partnership, user)
        ]
        contributions, totals = contribution_rows(partnership, partnership.memberships.all(), settings.COUNCIL_NAME)
        context.update(
            risks=sorted(partnership.risks.all(), key=lambda risk: (risk.status != "open", -(risk.inherent or 0))),
            transitions=partnership.transitions.all(),
            actions=transition_actions(partnership, user),
            **governance_context(partnership, user),
            changes=change_history(partnership),
            summary_rows=summary_rows(partnership),
            money_rows=money_rows(partnership),
            contributions=contributions,
            contribution_totals=totals,
            panels_before_risks=[(panel, html) for panel, html in rendered if panel.order < RISKS_ORDER],
            panels_after_risks=[(panel, html) for panel, html in rendered if panel.order >= RISKS_ORDER],
            can_add=user.has_perm("register.add_partnership"),
        )
        return context
