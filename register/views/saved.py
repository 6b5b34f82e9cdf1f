"""Saved views of the register list: a filtered, sorted list kept under a name, and shared if wanted."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View

from ..filtersets import PartnershipFilterSet
from ..models import SavedView
from .mixins import RoleRequiredMixin


def clean_query(query):
    """Only the list's own filters and sort survive, without the page number."""
    params = QueryDict(query or "", mutable=True)
    known = set(PartnershipFilterSet.base_filters) | {"sort"}
    for key in list(params):
        if key not in known or not any(params.getlist(key)):
            del params[key]
    return params.urlencode()


class SavedViewForm(forms.ModelForm):
    class Meta:
        model = SavedView
        fields = ["name", "query", "shared"]
        labels = {"name": "Name this view", "shared": "Share it with colleagues"}
        error_messages = {"name": {"required": "Enter a name for this view"}}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner

    def clean_query(self):
        return clean_query(self.cleaned_data.get("query"))

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if SavedView.objects.filter(owner=self.instance.owner, name__iexact=name).exists():
            raise forms.ValidationError("You already have a view with that name")
        return name


def saved_views_for(user):
    """The user's own saved views and colleagues' shared ones: one query."""
    from django.db.models import Q

    return SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")


class SavedViewCreateView(RoleRequiredMixin, View):
    permission = "register.add_savedview"
    http_method_names = ["post"]

    def post(self, request):
        form = SavedViewForm(request.POST, owner=request.user)
        back = reverse("register:partnership_list") + "?" + clean_query(request.POST.get("query"))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        view = form.save()
        messages.success(request, f"Saved the view ‘{view.name}’")
        return redirect(view.get_absolute_url())


class SavedViewDeleteView(RoleRequiredMixin, View):
    permission = "register.add_savedview"
    http_method_names = ["post"]

    def post(self, request, pk):
        view = get_object_or_404(SavedView, pk=pk)
        if not request.user.has_perm("register.delete_savedview", view):
            raise PermissionDenied("Only the person who saved a view can delete it.")
        view.delete()
        messages.success(request, f"Deleted the view ‘{view.name}’")
        return redirect("register:partnership_list")
