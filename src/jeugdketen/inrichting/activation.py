"""One-time activation links: a new user chooses her own password; nobody else ever knows it.

The link carries Django's password-reset token, which is bound to the user's password hash and
last login: it stops working once the password is set (or the account is used), and after
``PASSWORD_RESET_TIMEOUT`` (settings, default three days). A deactivated user cannot activate.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jeugdketen.accounts.access import public
from jeugdketen.audit import log


def path_for(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("inrichting:activate", args=[uid, default_token_generator.make_token(user)])


def link_for(request, user) -> str:
    return request.build_absolute_uri(path_for(user))


def send(link: str, user) -> bool:
    """E-mails the link when an e-mail backend is configured; returns whether it was sent."""
    if not user.email or not getattr(settings, "JEUGDKETEN_SEND_MAIL", False):
        return False
    send_mail(
        "Uw account voor jeugdketen",
        f"Beste {user.get_full_name() or user.username},\n\n"
        f"Activeer uw account en kies een wachtwoord:\n{link}\n\n"
        "De link werkt één keer en verloopt na enkele dagen.",
        None,
        [user.email],
    )
    return True


def _user(uidb64: str):
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


class ActivationForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Nieuw wachtwoord"
        self.fields["new_password2"].label = "Herhaal het wachtwoord"


@public
@never_cache
@require_http_methods(["GET", "POST"])
def activate(request, uidb64: str, token: str):
    user = _user(uidb64)
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "inrichting/activate.html", {"invalid": True}, status=404)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        log.record(
            user=user, action=log.Action.UPDATE, obj=user, route=log.route_of(request), detail="geactiveerd"
        )
        messages.success(
            request, "Uw account is geactiveerd. Log in met uw gebruikersnaam en nieuwe wachtwoord."
        )
        return redirect("web:login")
    return render(request, "inrichting/activate.html", {"form": form, "account": user})
