"""Writing to the audit log. One call per event; callers never build AuditEntry by hand.

Other apps use the helpers for the events the law asks about:

- :func:`client_viewed` — in every view that shows a client file (web, API, export);
- :func:`changed` — after every change to client data (create, update, delete);
- :func:`exported` — once per export that leaves the system.

``route`` records *how* the look happened: ``GET /clienten/12/`` for the web, the API path
for the API, the command for the CLI.
"""

from __future__ import annotations

from .models import AuditEntry

Action = AuditEntry.Action


def _is_user_row(user) -> bool:
    from jeugdketen.accounts.models import User

    return isinstance(user, User) and user.pk is not None


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
    if not _is_user_row(user):
        # Anonymous users and organisation tokens are recorded by name only.
        user = None
    return AuditEntry.objects.create(
        user=user,
        actor=(actor or "system")[:150],
        action=action,
        object_type=object_type[:64],
        object_id=str(object_id)[:64],
        client=client,
        route=route[:255],
        detail=detail[:255],
    )


def route_of(request) -> str:
    """``METHOD /path`` of a Django or DRF request (query strings may hold search terms: left out)."""
    return f"{request.method} {request.path}"


def client_viewed(request, client, *, detail: str = "") -> AuditEntry:
    """Call once in every view that shows one client's file."""
    return record(
        user=request.user,
        action=Action.VIEW,
        obj=client,
        client=client,
        route=route_of(request),
        detail=detail,
    )


def changed(request, obj, *, action: str = Action.UPDATE, client=None, detail: str = "") -> AuditEntry:
    """Call once after a change to `obj` (client data): create, update or delete."""
    if client is None and obj is not None and type(obj).__name__ == "Client":
        client = obj
    return record(
        user=request.user, action=action, obj=obj, client=client, route=route_of(request), detail=detail
    )


def exported(request, what: str, *, count: int | None = None, client=None, detail: str = "") -> AuditEntry:
    """Call once per export (CSV, XLSX, JSON download) with what was exported."""
    text = detail or (f"{count} rijen" if count is not None else "")
    return record(
        user=request.user,
        action=Action.EXPORT,
        object_type=what,
        client=client,
        route=route_of(request),
        detail=text,
    )
