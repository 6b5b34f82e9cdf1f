"""The partner directory: every partner organisation, its page, and merging duplicates (administrators)."""

from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, F, Func, IntegerField, OuterRef, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from .. import merging
from ..changes import organisation_history
from ..filtersets import ORGANISATION_SORTABLE, OrganisationFilterSet
from ..forms.filters import search_helper
from ..models import Organisation, PartnershipMember
from .listing import pagination_items, sort_headers
from .mixins import RoleRequiredMixin

VIEW = "register.view_organisation"
MERGE = "register.merge_organisation"
PAGE_SIZE = 50  # partnerships, and contacts, on a partner's page


def with_totals(queryset):
    """Each organisation's number of partnerships and its annual contributions added up.

    Each is a subquery over the organisation's own memberships (no GROUP BY: the subquery's rows are
    one organisation's), answered by the (organisation, annual contribution) index without reading
    the table; unlike a join grouped by organisation, counting the organisations (the paginator)
    leaves the memberships alone.
    """
    memberships = PartnershipMember.objects.filter(organisation=OuterRef("pk")).order_by()
    count = Func(F("organisation"), function="COUNT", output_field=IntegerField())
    total = Func(F("annual_contribution"), function="SUM", output_field=DecimalField())
    return queryset.annotate(
        partnership_count=Subquery(memberships.annotate(count=count).values("count")),
        annual_total=Subquery(memberships.annotate(total=total).values("total")),
    )


class OrganisationListView(RoleRequiredMixin, ListView):
    """Every partner organisation in the directory (duplicates merged away are left out)."""

    permission = VIEW
    template_name = "register/organisation_list.html"
    paginate_by = 50
    context_object_name = "organisations"

    def get_queryset(self):
        base = with_totals(Organisation.objects.current()).order_by("name", "pk")
        self.filterset = OrganisationFilterSet(self.request.GET or None, queryset=base, request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs if self.filterset.is_bound else base

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.filterset.form,
            search_helper=search_helper(),
            result_count=context["paginator"].count,
            headers=sort_headers(self.request, ORGANISATION_SORTABLE, default="name"),
            pagination=pagination_items(self.request, context["page_obj"]),
            is_filtered=self.filterset.is_bound and self.filterset.is_filtered,
            filters_open=bool(self.request.GET.getlist("sector")),
        )
        return context


def totals(memberships):
    """How many partnerships the organisation is in and what it brings across all of them, added up
    in the database (one query): {partnerships, annual, one_off, in_kind}."""
    sums = memberships.aggregate(
        partnerships=Count("pk"),
        annual=Sum("annual_contribution"),
        one_off=Sum("one_off_contribution"),
        in_kind=Sum("in_kind_value"),
    )
    return {key: value if value is not None else Decimal(0) for key, value in sums.items()}


def with_contact(memberships):
    return memberships.exclude(contact_name="", contact_email="", contact_phone="")


class OrganisationDetailView(RoleRequiredMixin, DetailView):
    """One partner: the partnerships it is in, what it brings, its contacts and its history.

    A council or a health trust is a partner in thousands of partnerships, so its partnerships and
    its contacts are each paged on their own (`page`, `contacts_page`) and the totals are added up
    in the database: the page reads the same number of rows whatever the organisation's size.
    """

    permission = VIEW
    template_name = "register/organisation_detail.html"
    context_object_name = "organisation"
    queryset = Organisation.objects.select_related("merged_into")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        memberships = organisation.memberships.select_related("partnership").order_by("partnership__reference", "pk")
        pages = {}
        for name, rows, param, fragment in (
            ("memberships", memberships, "page", "partnerships-heading"),
            ("contacts", with_contact(memberships), "contacts_page", "contacts-heading"),
        ):
            page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get(param))
            pages[name] = page
            pages[f"{name}_pagination"] = pagination_items(self.request, page, param, fragment)
        context.update(
            **pages,
            totals=totals(organisation.memberships.all()),
            changes=organisation_history(organisation),
            merged_away=list(organisation.merged_away.order_by("name")),
            can_merge=organisation.merged_into_id is None and self.request.user.has_perm(MERGE),
        )
        return context


class OrganisationMergeView(RoleRequiredMixin, DetailView):
    """Administrators: find the duplicate to merge into this organisation."""

    permission = MERGE
    template_name = "register/organisation_merge.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.current()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.error = ""
        chosen = request.GET.get("duplicate", "")
        if chosen or "choose" in request.GET:  # the list of organisations was sent, chosen or not
            duplicate = self.candidates().filter(pk=chosen).first() if chosen.isdigit() else None
            if duplicate is not None:
                return redirect("register:organisation_merge_confirm", pk=self.object.pk, duplicate=duplicate.pk)
            self.error = "Select the duplicate organisation to merge into this one"
        return self.render_to_response(self.get_context_data())

    def candidates(self):
        return Organisation.objects.current().exclude(pk=self.object.pk)

    def search_terms(self):
        """What was searched for; at first, the longest word of the organisation's own name."""
        if "q" in self.request.GET:
            return self.request.GET["q"].strip()
        return max(self.object.name.split(), key=len, default="")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.search_terms()
        found = self.candidates()
        for term in query.split():
            found = found.filter(name__icontains=term)
        found = list(with_totals(found).order_by("name")[:20]) if query else []
        context.update(
            query=query,
            found=found,
            error_summary=[("duplicate", self.error)] if self.error else [],
            error=self.error,
            back_url=self.object.get_absolute_url(),
        )
        return context


class OrganisationMergeConfirmView(RoleRequiredMixin, TemplateView):
    """Administrators: check what will move, then merge the duplicate into this organisation."""

    permission = MERGE
    template_name = "register/organisation_merge_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(MERGE):
            self.keep = get_object_or_404(Organisation, pk=kwargs["pk"])
            self.duplicate = get_object_or_404(Organisation, pk=kwargs["duplicate"])
        return super().dispatch(request, *args, **kwargs)

    def already_merged(self):
        messages.success(self.request, f"{self.duplicate.name} has been merged into {self.keep.name}.")
        return redirect(self.keep)

    def mergeable(self):
        keep, duplicate = self.keep, self.duplicate
        if keep.pk == duplicate.pk or keep.merged_into_id or duplicate.merged_into_id:
            raise Http404("Only two different organisations that are in the directory can be merged.")

    def get(self, request, *args, **kwargs):
        if self.duplicate.merged_into_id == self.keep.pk:
            return self.already_merged()
        self.mergeable()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        if self.duplicate.merged_into_id == self.keep.pk:
            return self.already_merged()
        self.mergeable()
        fingerprint = request.POST.get("fingerprint", "")
        if not fingerprint:
            error = [("merge", "This page was sent without what it showed: check what will move and merge again")]
            return self.render_to_response(self.get_context_data(error_summary=error))
        try:
            done = merging.merge(self.keep, self.duplicate, by=request.user, fingerprint=fingerprint)
        except merging.AlreadyMerged:
            return self.already_merged()
        except merging.Stale:
            return render(
                request,
                "includes/conflict.html",
                {"what": f"what merging {self.duplicate.name} would move", "back_url": request.path},
                status=409,
            )
        except ValueError as error:
            raise Http404(str(error)) from error
        messages.success(request, merged_message(done))
        return redirect(self.keep)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = merging.plan(self.keep, self.duplicate)
        context.update(
            keep=self.keep,
            duplicate=self.duplicate,
            plan=plan,
            combined_ids={pair.duplicate.pk for pair in plan.combined},
            back_url=reverse("register:organisation_merge", args=[self.keep.pk]),
        )
        return context


def merged_message(plan):
    moved = len(plan.memberships)
    text = (
        f"{plan.duplicate.name} has been merged into {plan.keep.name}: {moved} partnership{'s' if moved != 1 else ''}"
    )
    if plan.combined:
        names = ", ".join(pair.partnership.reference for pair in plan.combined)
        text += f" ({names}: both were partners, so their places were combined)"
    return text + "."
