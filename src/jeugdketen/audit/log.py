"""Writing to the audit log. One call per event; callers never build AuditEntry by hand."""

from __future__ import annotations

from .models import AuditEntry


def record(
    *,
    user=None,
    actor: str = "",
    action: str,
    obj=None,
    object_type: str = "",
    object_id="",
    client=None,
    route: str = "",
    detail: str = "",
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    if user is not None and getattr(user, "is_authenticated", False):
        actor = actor or user.get_username()
    else:
        user = None
    return AuditEntry.objects.create(
        user=user,
        actor=actor or "system",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client=client,
        route=route[:255],
        detail=detail[:255],
    )
