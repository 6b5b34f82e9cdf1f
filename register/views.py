from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.views.generic import DetailView, ListView

from .models import Partnership


class PartnershipListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "register.view_partnership"
    queryset = Partnership.objects.select_related("directorate", "lead_officer")
    paginate_by = 25


class PartnershipDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    permission_required = "register.view_partnership"
    model = Partnership
    slug_field = slug_url_kwarg = "reference"
