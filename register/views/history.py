"""The change history: one timeline per partnership, and the register-wide audit log."""

from dataclasses import dataclass

from django.views.generic import TemplateView

from ..changes import KINDS, changes_page
from ..models import Partnership
from .mixins import PartnershipMixin, RoleRequiredMixin

PAGE_SIZE = 50
LAST_PAGE = 1_000_000  # a number in the address beyond this is not a page (and would overflow the database's LIMIT)


def kind_filter(request):
    kind = request.GET.get("kind", "")
    return kind if kind in KINDS else ""


@dataclass
class ChangesPage:
    """One page of changes, newest first, with links to newer and older ones only: counting every
    change to number the pages would mean reading them all."""

    number: int
    object_list: list
    has_next: bool

    @classmethod
    def read(cls, request, partnership_ids, kind):
        try:
            number = min(max(int(request.GET.get("page", 1)), 1), LAST_PAGE)
        except ValueError:
            number = 1
        kinds = [kind] if kind else None
        changes, more = changes_page(partnership_ids, kinds, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        return cls(number, changes, more)

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


class PartnershipHistoryView(PartnershipMixin, TemplateView):
    """Every change to the partnership and its records, old → new, filterable by kind."""

    template_name = "register/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kind_filter(self.request)
        page = ChangesPage.read(self.request, [self.partnership.pk], kind)
        context.update(kinds=KINDS, kind=kind, page_obj=page, changes=page.object_list)
        return context


class AuditLogView(RoleRequiredMixin, TemplateView):
    """Register administrators: every change across the register, newest first."""

    permission = "register.view_audit_log"
    template_name = "register/audit_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = kind_filter(self.request)
        page = ChangesPage.read(self.request, None, kind)
        shown = {change.partnership_id for change in page.object_list}
        labels = {p.pk: str(p) for p in Partnership.objects.filter(pk__in=shown)}
        for change in page.object_list:
            change.partnership_label = labels.get(change.partnership_id, "A deleted partnership")
        context.update(kinds=KINDS, kind=kind, page_obj=page, changes=page.object_list)
        return context
