"""Who may do what, and see which rows: the one place where access is decided.

Web views, the API and the exports all ask this module. Two questions:

- :func:`has_perm` — may this principal do this kind of thing at all (by role)?
- :func:`scope` — which rows of a queryset belong to this principal's organisation?

A principal is a :class:`~jeugdketen.accounts.models.User` (web, session API) or an
:class:`OrganisationPrincipal` standing in for an organisation's API token. Both answer the
same questions, so a view, a serializer or an export never asks which kind it has.

Rows are scoped through a model's ``tenancy`` attribute, a dict with the lookup paths from
the model to its municipality and to its provider, e.g.
``tenancy = {"municipality": "municipality", "provider": "provider"}``. A model without a
``tenancy`` attribute holds no client data and is not scoped; a model whose rows carry
client data must declare it.

Views declare what they need with :func:`requires` (function views) or
:class:`PermissionRequiredMixin` (class-based views). The declaration is kept on the view
(:data:`ACCESS_ATTRIBUTE`), so the authorisation matrix test can read, for every URL of the
project, what it ought to answer to every role.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q, QuerySet

from .models import Role

# Roles of organisation tokens (system-to-system). They are not user roles: no person has them.
SYSTEEM_GEMEENTE = "systeem-gemeente"
SYSTEEM_AANBIEDER = "systeem-aanbieder"

# Permissions are plain strings "<thing>.<verb>", kept small and readable.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.TOEGANG: frozenset(
        {
            "catalogue.view",
            "client.view",
            "client.change",
            "referral.change",
            "toewijzing.view",
            "toewijzing.change",
            "message.view",
            "message.send",
            "worklist.view",
            "declaratie.view",
        }
    ),
    Role.CONTRACT: frozenset(
        {
            "catalogue.view",
            "contract.view",
            "toewijzing.view",
            "message.view",
            "declaratie.view",
            "declaratie.judge",
            "payment.view",
            "monitoring.view",
            "monitoring.names",
            "export.run",
            "client.view",
            "tariffmodel.view",
            "melding.view",
        }
    ),
    Role.AANBIEDER: frozenset(
        {
            "catalogue.view",
            "client.view",
            "toewijzing.view",
            "message.view",
            "message.send",
            "worklist.view",
            "declaratie.view",
            "declaratie.submit",
            "delivery.change",
            "melding.view",
            "melding.report",
        }
    ),
    Role.BEHEER: frozenset(
        {
            "catalogue.view",
            "catalogue.change",
            "contract.view",
            "contract.change",
            "tariffmodel.view",
            "tariffmodel.change",
            "setup.view",
            "setup.change",
            "user.manage",
        }
    ),
    Role.AUDITOR: frozenset({"audit.view", "audit.export"}),
    SYSTEEM_GEMEENTE: frozenset(
        {
            "catalogue.view",
            "toewijzing.view",
            "message.view",
            "message.send",
            "declaratie.view",
        }
    ),
    SYSTEEM_AANBIEDER: frozenset(
        {
            "catalogue.view",
            "toewijzing.view",
            "message.view",
            "message.send",
            "declaratie.view",
            "declaratie.submit",
            "delivery.change",
        }
    ),
}

#: Roles whose rows are found through the municipality path, and through the provider path.
MUNICIPALITY_ROLES = frozenset({Role.TOEGANG, Role.CONTRACT, SYSTEEM_GEMEENTE})
PROVIDER_ROLES = frozenset({Role.AANBIEDER, SYSTEEM_AANBIEDER})


class OrganisationPrincipal:
    """The stand-in principal for an :class:`~jeugdketen.accounts.models.OrganisationToken`.

    It quacks like an authenticated user as far as this module, DRF and the audit log
    care: ``is_authenticated``, ``is_active``, ``role``, ``provider_id`` and a username (the
    token's label). It is never a row in the user table.
    """

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, token) -> None:
        self.token = token
        self.municipality_id = token.municipality_id
        self.provider_id = token.provider_id
        self.role = SYSTEEM_GEMEENTE if token.municipality_id else SYSTEEM_AANBIEDER
        self.username = f"token:{token.label}"

    def get_username(self) -> str:
        return self.username

    def get_role_display(self) -> str:
        return "Systeemkoppeling gemeente" if self.role == SYSTEEM_GEMEENTE else "Systeemkoppeling aanbieder"

    def __str__(self) -> str:
        return self.username


def permissions(user) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return ROLE_PERMISSIONS.get(getattr(user, "role", ""), frozenset())


def has_perm(user, perm: str) -> bool:
    return perm in permissions(user)


def require(user, perm: str) -> None:
    """Raises PermissionDenied (403 in web and API) when the user lacks `perm`."""
    if not has_perm(user, perm):
        raise PermissionDenied(f"ontbrekende bevoegdheid: {perm}")


def municipality_ids(user) -> list[int]:
    if isinstance(user, OrganisationPrincipal):
        return [user.municipality_id] if user.municipality_id else []
    if not getattr(user, "pk", None):
        return []
    cached = getattr(user, "_jeugdketen_municipality_ids", None)
    if cached is None:
        cached = list(user.municipalities.values_list("pk", flat=True))
        user._jeugdketen_municipality_ids = cached
    return cached


def provider_id(user) -> int | None:
    return getattr(user, "provider_id", None)


def scope(user, queryset: QuerySet) -> QuerySet:
    """The rows of `queryset` this user may see; nothing for a user without an organisation."""
    tenancy = getattr(queryset.model, "tenancy", None)
    if tenancy is None:
        return queryset
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role in MUNICIPALITY_ROLES:
        path = tenancy.get("municipality")
        if not path:
            return queryset.none()
        return queryset.filter(**{f"{path}__in": municipality_ids(user)}).distinct()
    if role in PROVIDER_ROLES and provider_id(user):
        paths = tenancy.get("provider")
        if not paths:
            return queryset.none()
        paths = [paths] if isinstance(paths, str) else paths
        condition = Q()
        for path in paths:
            condition |= Q(**{path: provider_id(user)})
        return queryset.filter(condition).distinct()
    return queryset.none()


def region_ids(user) -> list[int]:
    """The regions whose set-up this principal manages: a beheerder's own, nobody else's.

    The set-up (organisations, contracts, tariffs, client stops, budgets, users) is not client
    data and has no ``tenancy``; it is scoped by region instead, through :func:`scope_regions`.
    """
    if getattr(user, "role", None) != Role.BEHEER or not getattr(user, "pk", None):
        return []
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return []
    cached = getattr(user, "_jeugdketen_region_ids", None)
    if cached is None:
        cached = list(user.regions.values_list("pk", flat=True))
        user._jeugdketen_region_ids = cached
    return cached


def scope_regions(user, queryset: QuerySet, condition) -> QuerySet:
    """The rows of `queryset` within the principal's regions; `condition(ids)` builds the Q."""
    ids = region_ids(user)
    if not ids:
        return queryset.none()
    return queryset.filter(condition(ids)).distinct()


def can_see(user, obj) -> bool:
    """Whether one object is within the user's organisation."""
    return scope(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def get_scoped_or_404(user, queryset: QuerySet, **lookup):
    """Like get_object_or_404, but a row of another organisation is 'not found' too."""
    from django.http import Http404

    try:
        return scope(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


# --- Declarations on views -------------------------------------------------------------

ACCESS_ATTRIBUTE = "jeugdketen_access"


@dataclass(frozen=True)
class ViewAccess:
    """What a view needs. ``perm`` None means public (anyone, also without logging in).

    ``model`` and ``url_kwarg`` say that the URL names one row of a tenancy model: a row of
    another organisation must answer 404. ``personal_data`` marks the client file, the only
    kind of page allowed to show a BSN, full name, birth date or address.
    """

    perm: str | None
    model: str | None = None
    url_kwarg: str = "pk"
    personal_data: bool = False
    methods: tuple[str, ...] = ("GET",)


def _declare(view, access: ViewAccess):
    setattr(view, ACCESS_ATTRIBUTE, access)
    return view


def requires(
    perm: str,
    *,
    model: str | None = None,
    url_kwarg: str = "pk",
    personal_data: bool = False,
    methods: tuple[str, ...] = ("GET",),
):
    """Decorator for function views: login first, then the permission, else 403.

    ``@requires("client.view", model="toegang.Client", personal_data=True)`` declares a view
    of one client file; fetch the row with :func:`get_scoped_or_404` inside the view.
    ``methods`` lists the HTTP methods the matrix test should try (GET by default).
    """

    access = ViewAccess(perm, model, url_kwarg, personal_data, tuple(methods))

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require(request.user, perm)
            return view(request, *args, **kwargs)

        return _declare(wrapper, access)

    return decorator


def public(view):
    """Marks a view as deliberately open to everyone (the catalogue, the login page)."""
    return _declare(view, ViewAccess(None))


def login_only(view):
    """A view for any logged-in user, whatever the role (the start page). Declared as ``perm=""``."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, ViewAccess(""))


class PermissionRequiredMixin:
    """For class-based views: ``required_permission = "client.view"`` (and optionally
    ``scoped_model``/``personal_data``). ``get_queryset`` is scoped to the organisation."""

    required_permission: str | None = None
    scoped_model: str | None = None
    personal_data = False

    def dispatch(self, request, *args, **kwargs):
        if self.required_permission is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no required_permission")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(request.user, self.required_permission)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return scope(self.request.user, super().get_queryset())

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        perm = initkwargs.get("required_permission", cls.required_permission)
        return _declare(
            view,
            ViewAccess(
                perm,
                initkwargs.get("scoped_model", cls.scoped_model),
                getattr(cls, "pk_url_kwarg", "pk"),
                initkwargs.get("personal_data", cls.personal_data),
            ),
        )


def view_access(callback) -> ViewAccess | None:
    """The access declaration of a resolved view callback (function, CBV or DRF view)."""
    return getattr(callback, ACCESS_ATTRIBUTE, None)
