"""The change history: one timeline per partnership, and the register-wide audit log."""

import datetime
import functools
from dataclasses import dataclass

from django.views.generic import TemplateView

from ..changes import KINDS, changes_page
from ..models import Partnership
from .listing import query_with
from .mixins import PartnershipMixin, RoleRequiredMixin

PAGE_SIZE = 50
LAST_PAGE = 1_000_000  # a number in the address beyond this is not a page (and would overflow the database's LIMIT)


def kind_filter(request):
    kind = request.GET.get("kind", "")
    return kind if kind in KINDS else ""


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


def to_cursor(position):
    """A change's position as it goes in the address: microseconds since 1970, source, history id."""
    when, index, history_id = position
    return f"{(when - EPOCH) // MICROSECOND}.{index}.{history_id}"


def from_cursor(text):
    """The position in an address, or None if it is not one."""
    try:
        microseconds, index, history_id = (int(part) for part in text.split("."))
        return EPOCH + datetime.timedelta(microseconds=microseconds), index, history_id
    except (ValueError, OverflowError):
        return None


@dataclass
class ChangesPage:
    """One page of changes, newest first, with links to the newer and older ones next to it.

    The links name the change the next page starts beyond (`?older=` / `?newer=`), so any page reads
    about PAGE_SIZE rows per source, however deep it is; numbering the pages would mean reading
    every change. A numbered address from before (`?page=3`) is still served, by offset.
    """

    object_list: list
    has_newer: bool
    has_older: bool
    request: object

    @classmethod
    def read(cls, request, partnership_ids, kind):
        kinds = [kind] if kind else None
        read = functools.partial(changes_page, partnership_ids, kinds, limit=PAGE_SIZE)
        if older_than := from_cursor(request.GET.get("older", "")):
            changes, more = read(older_than=older_than)
            return cls(changes, True, more, request)
        if newer_than := from_cursor(request.GET.get("newer", "")):
            changes, more = read(newer_than=newer_than)
            if more or len(changes) == PAGE_SIZE:
                return cls(changes, more, True, request)
            # fewer than a page is newer: show the newest page, as the first page would
        try:
            number = min(max(int(request.GET.get("page", 1)), 1), LAST_PAGE)
        except ValueError:
            number = 1
        changes, more = read(offset=(number - 1) * PAGE_SIZE)
        return cls(changes, number > 1, more, request)

    def url(self, **cursor):
        return query_with(self.request, **{"page": None, "older": None, "newer": None, **cursor})

    def newer_url(self):
        if self.has_newer and self.object_list:
            return self.url(newer=to_cursor(self.object_list[0].position))
        return None

    def older_url(self):
        if self.has_older and self.object_list:
            return self.url(older=to_cursor(self.object_list[-1].position))
        return None


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
