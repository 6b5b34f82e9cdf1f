"""The change history: one timeline per partnership, and the register-wide audit log."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from ..changes import KINDS, changes_for
from ..models import Partnership
from .mixins import PartnershipMixin, RoleRequiredMixin


def kind_filter(request):
    kind = request.GET.get("kind", "")
    return kind if kind in KINDS else ""


class PartnershipHistoryView(PartnershipMixin, TemplateView):
    """Every change to the partnership and its records, old → new, filterable by kind."""

    template_name = "register/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kind_filter(self.request)
        changes = changes_for([self.partnership.pk], kinds=[kind] if kind else None)
        page = Paginator(changes, 50).get_page(self.request.GET.get("page"))
        context.update(kinds=KINDS, kind=kind, page_obj=page, changes=page.object_list)
        return context


class AuditLogView(RoleRequiredMixin, TemplateView):
    """Register administrators: every change across the register, newest first."""

    permission = "register.view_audit_log"
    template_name = "register/audit_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kind_filter(self.request)
        changes = changes_for(None, kinds=[kind] if kind else None)
        page = Paginator(changes, 50).get_page(self.request.GET.get("page"))
        shown = {change.partnership_id for change in page.object_list}
        labels = {p.pk: str(p) for p in Partnership.objects.filter(pk__in=shown)}
        for change in page.object_list:
            change.partnership_label = labels.get(change.partnership_id, "A deleted partnership")
        context.update(kinds=KINDS, kind=kind, page_obj=page, changes=page.object_list)
        return context
