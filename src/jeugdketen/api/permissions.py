"""DRF glue to :mod:`jeugdketen.accounts.access`: one permission class, one scoping mixin.

A view says what it needs, per action if it must::

    class ToewijzingViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
        permission_classes = [HasPermission]
        required_permission = "toewijzing.view"
        # or: required_permissions = {"list": "toewijzing.view", "create": "toewijzing.change"}
        queryset = Toewijzing.objects.all()

Rows of another organisation are simply not in the queryset, so they answer 404.
"""

from __future__ import annotations

from rest_framework import permissions

from jeugdketen.accounts.access import has_perm, scope


def required_permission_of(view) -> str | None:
    per_action = getattr(view, "required_permissions", None)
    if per_action:
        action = getattr(view, "action", None) or view.request.method.lower()
        if action in per_action:
            return per_action[action]
        if "*" in per_action:
            return per_action["*"]
        return None
    return getattr(view, "required_permission", None)


class HasPermission(permissions.BasePermission):
    """Authenticated, and holding the view's ``required_permission`` (403 otherwise)."""

    message = "U heeft geen bevoegdheid voor deze handeling."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method.upper() not in view.allowed_methods:
            # Let DRF answer 405 Method Not Allowed rather than a misleading 403.
            return True
        perm = required_permission_of(view)
        if perm is None:
            # A view that forgot to declare is closed, not open.
            return False
        return perm == "" or has_perm(user, perm)


class ScopedQuerysetMixin:
    """``get_queryset`` limited to the rows of the principal's organisation."""

    def get_queryset(self):
        return scope(self.request.user, super().get_queryset())
