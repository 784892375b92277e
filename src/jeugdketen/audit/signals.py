"""Logins and logouts go to the audit log too: who was in the system when is part of the trail."""

from __future__ import annotations

from .log import record


def _route(request) -> str:
    if request is None or not getattr(request, "method", None):
        return ""
    return f"{request.method} {request.path}"


def on_login(sender, request, user, **kwargs):
    record(user=user, action="login", obj=user, route=_route(request), detail="ingelogd")


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user=user, action="login", obj=user, route=_route(request), detail="uitgelogd")
