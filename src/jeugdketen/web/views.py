"""The start page per role, login and the demo login."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jeugdketen.accounts.access import permissions, public
from jeugdketen.accounts.models import Role
from jeugdketen.catalogus.models import Region

from .nav import items_for

#: The demo accounts `jeugdketen demo` creates, one per role.
DEMO_ACCOUNTS = [
    (Role.TOEGANG, "toegang", "Wijst jeugdhulp toe, beheert cliëntdossiers van de gemeente"),
    (Role.CONTRACT, "contract", "Bewaakt contracten, declaraties en budgetten van de regio"),
    (Role.AANBIEDER, "aanbieder", "Start zorg, declareert en ziet alleen eigen cliënten"),
    (Role.BEHEER, "beheer", "Beheert productenboeken en contracten, zonder cliëntdossiers"),
    (Role.AUDITOR, "auditor", "Leest en exporteert het auditlog"),
]


@public
def home(request):
    if not request.user.is_authenticated:
        return render(request, "web/home.html", {"regions": Region.objects.all()})
    user = request.user
    context = {
        "cards": items_for(user),
        "municipalities": list(user.municipalities.all()) if user.pk else [],
        "provider": getattr(user, "provider", None),
        "has_client_access": "client.view" in permissions(user),
    }
    return render(request, "web/start.html", context)


login_view = public(
    auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True)
)
logout_view = public(auth_views.LogoutView.as_view())


@public
@require_http_methods(["GET", "POST"])
def demo_login(request):
    """One button per role (demo mode only): logs in that role's demo account."""
    if not settings.DEMO_MODE:
        raise Http404
    accounts = [
        {"role": role, "label": role.label, "username": username, "description": text}
        for role, username, text in DEMO_ACCOUNTS
    ]
    if request.method == "POST":
        username = {account["role"].value: account["username"] for account in accounts}.get(
            request.POST.get("role", "")
        )
        user = (
            get_user_model().objects.filter(username=username, is_active=True).first() if username else None
        )
        if user is None:
            messages.error(request, "Dit demo-account bestaat niet. Draai eerst 'jeugdketen demo'.")
            return redirect("web:demo_login")
        # The user_logged_in signal writes the audit entry, as for every login.
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("web:home")
    return render(request, "web/demo_login.html", {"accounts": accounts})
