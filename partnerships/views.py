from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def home(request):
    """Everyone lands on the register (officers get "My partnerships" once the staff app lands)."""
    return redirect("register:partnership_list")
