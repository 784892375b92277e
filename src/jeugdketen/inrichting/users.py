"""Users and API tokens of the user's regions: invite, change role, deactivate; issue and revoke.

An invited user gets no password from anyone: the screen shows a one-time activation link
(and e-mails it when mail is configured) with which she chooses her own. A token is shown
once, when it is issued; only its hash is kept. Every action is written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render

from jeugdketen.accounts import tokens
from jeugdketen.accounts.access import requires
from jeugdketen.accounts.models import OrganisationToken, User
from jeugdketen.audit import log

from . import activation, forms, scoping


def _organisation(user: User) -> str:
    if user.provider_id:
        return user.provider.name
    names = [m.name for m in user.municipalities.all()] or [r.name for r in user.regions.all()]
    return ", ".join(names)


@requires("user.manage")
def user_list(request):
    query = request.GET.get("q", "").strip()[:100]
    users = (
        scoping.rows(request.user, User)
        .select_related("provider")
        .prefetch_related("municipalities", "regions")
    )
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    page = Paginator(users.order_by("username"), 50).get_page(request.GET.get("pagina"))
    rows = [
        {
            "user": u,
            "organisation": _organisation(u),
            "activated": u.has_usable_password(),
            "own": scoping.user_is_own(request.user, u),
        }
        for u in page
    ]
    return render(request, "inrichting/users.html", {"rows": rows, "page": page, "query": query})


def _show_link(request, user, *, new: bool):
    link = activation.link_for(request, user)
    sent = activation.send(link, user)
    response = render(
        request, "inrichting/user_invited.html", {"account": user, "link": link, "sent": sent, "new": new}
    )
    response["Cache-Control"] = "no-store"
    return response


@requires("user.manage", methods=("GET", "POST"))
def user_invite(request):
    form = forms.UserForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            log.changed(request, user, action=log.Action.CREATE, detail=f"uitgenodigd als {user.role}")
        return _show_link(request, user, new=True)
    return render(request, "inrichting/user_form.html", {"form": form, "new": True})


def _own_or_404(request, pk):
    user = scoping.get_or_404(request.user, User.objects.select_related("provider"), pk=pk)
    return user, scoping.user_is_own(request.user, user)


@requires("user.manage", model="accounts.User", methods=("GET", "POST"))
def user_change(request, pk):
    account, own = _own_or_404(request, pk)
    if not own:
        messages.error(
            request,
            "Dit account hoort (ook) bij een andere regio of is uw eigen account; u kunt het niet wijzigen.",
        )
        return redirect("inrichting:user-list")
    form = forms.UserForm(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            log.changed(
                request,
                account,
                action=log.Action.UPDATE,
                detail="gewijzigd: " + ", ".join(form.changed_data),
            )
        messages.success(request, f"Account {account.username} gewijzigd.")
        return redirect("inrichting:user-list")
    return render(request, "inrichting/user_form.html", {"form": form, "new": False, "account": account})


@requires("user.manage", model="accounts.User", methods=("GET", "POST"))
def user_status(request, pk):
    """Deactivate (or reactivate) an account, or give a not yet activated user a new link."""
    account, own = _own_or_404(request, pk)
    if request.method == "POST" and own:
        what = request.POST.get("actie")
        if what in ("deactiveren", "activeren"):
            with transaction.atomic():
                account.is_active = what == "activeren"
                account.save(update_fields=["is_active"])
                log.changed(
                    request,
                    account,
                    action=log.Action.UPDATE,
                    detail="gedeactiveerd" if not account.is_active else "weer actief",
                )
            messages.success(
                request,
                f"Account {account.username} {'gedeactiveerd' if not account.is_active else 'weer actief'}.",
            )
            return redirect("inrichting:user-list")
        if what == "link" and account.is_active and not account.has_usable_password():
            log.changed(request, account, action=log.Action.UPDATE, detail="nieuwe activeringslink")
            return _show_link(request, account, new=False)
    return render(request, "inrichting/user_status.html", {"account": account, "own": own})


@requires("user.manage", methods=("GET", "POST"))
def token_list(request):
    form = forms.TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            token, key = tokens.issue(
                label=data["label"], municipality=data["municipality"], provider=data["provider"]
            )
            log.changed(request, token, action=log.Action.CREATE, detail=f"token uitgegeven: {token.label}")
        response = render(request, "inrichting/token_issued.html", {"token": token, "key": key})
        response["Cache-Control"] = "no-store"
        return response
    rows = (
        scoping.rows(request.user, OrganisationToken)
        .select_related("municipality", "provider")
        .order_by("-created")
    )
    return render(request, "inrichting/tokens.html", {"form": form, "tokens": rows})


@requires("user.manage", model="accounts.OrganisationToken", methods=("GET", "POST"))
def token_revoke(request, pk):
    token = scoping.get_or_404(
        request.user, OrganisationToken.objects.select_related("municipality", "provider"), pk=pk
    )
    if request.method == "POST" and token.revoked is None:
        with transaction.atomic():
            tokens.revoke(token)
            log.changed(request, token, action=log.Action.UPDATE, detail=f"token ingetrokken: {token.label}")
        messages.success(request, f"Token {token.label} ingetrokken.")
        return redirect("inrichting:token-list")
    return render(request, "inrichting/token_revoke.html", {"token": token})
