"""Every URL pattern of the project, with what it declares about access.

Introspects the root URL resolver, so a view another app adds is in the matrix the moment
its ``urls.py`` is included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import AllowAny, IsAuthenticated

from jeugdketen.accounts.access import ViewAccess, view_access

SKIP_PREFIXES = ("static/", "media/")


@dataclass
class Route:
    route: str  # e.g. "audit/export.csv" or "api/v1/berichten/<pk>"
    name: str
    callback: object
    converters: dict[str, str]  # kwarg -> "int" | "slug" | "str" | "path" | "regex"
    examples: dict[str, str] = field(default_factory=dict)  # kwarg -> a converter's `example` value

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    def __str__(self) -> str:
        return self.name or self.route


def _walk(patterns, prefix: str, namespace: str, converters: dict, examples: dict):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(
                entry.url_patterns,
                prefix + _text(entry.pattern),
                ns,
                {**converters, **_converters(entry.pattern)},
                {**examples, **_examples(entry.pattern)},
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            yield Route(
                prefix + _text(entry.pattern),
                name,
                entry.callback,
                {**converters, **_converters(entry.pattern)},
                {**examples, **_examples(entry.pattern)},
            )


def _text(pattern) -> str:
    return str(pattern).lstrip("^").rstrip("$")


def _converters(pattern) -> dict[str, str]:
    found = {}
    for kwarg, converter in getattr(pattern, "converters", {}).items():
        found[kwarg] = type(converter).__name__.removesuffix("Converter").lower()
    for kwarg in re.findall(r"\(\?P<(\w+)>", str(pattern)):
        found.setdefault(kwarg, "regex")
    return found


def _examples(pattern) -> dict[str, str]:
    """A valid value for each converter that names one (its ``example`` attribute)."""
    return {
        kwarg: str(converter.example)
        for kwarg, converter in getattr(pattern, "converters", {}).items()
        if hasattr(converter, "example")
    }


def all_routes() -> list[Route]:
    routes = []
    for route in _walk(get_resolver().url_patterns, "", "", {}, {}):
        if route.route.startswith(SKIP_PREFIXES) or "format" in route.converters:
            continue
        routes.append(route)
    return routes


# --- what a route declares ------------------------------------------------------------


@dataclass
class Declared:
    access: ViewAccess | None  # None: the view declares nothing (a finding)
    api_model: object = None  # for API detail routes: the queryset's model
    api_actions: dict | None = None


def _scoped(model) -> bool:
    """Client data is scoped by organisation (``tenancy``), the set-up by region."""
    from jeugdketen.inrichting.scoping import CONDITIONS

    return bool(getattr(model, "tenancy", None)) or model in CONDITIONS


def declaration(route: Route) -> Declared:
    callback = route.callback
    cls = getattr(callback, "cls", None)
    if cls is None:
        return Declared(view_access(callback))
    # A DRF view: AllowAny is public; HasPermission says what it needs per action.
    from jeugdketen.api.permissions import HasPermission

    actions = getattr(callback, "actions", None) or {}
    permission_classes = getattr(cls, "permission_classes", [])
    if any(p is AllowAny for p in permission_classes):
        return Declared(ViewAccess(None), api_actions=actions)
    if not any(isinstance(p, type) and issubclass(p, HasPermission) for p in permission_classes):
        if any(p is IsAuthenticated for p in permission_classes):
            return Declared(ViewAccess(""), api_actions=actions)
        return Declared(None, api_actions=actions)
    per_action = getattr(cls, "required_permissions", None)
    single = getattr(cls, "required_permission", None)
    get_action = actions.get("get", "get")
    perm = (per_action or {}).get(get_action, (per_action or {}).get("*")) if per_action else single
    queryset = getattr(cls, "queryset", None)
    model = queryset.model if queryset is not None else None
    tenancy_model = model._meta.label if model is not None and _scoped(model) else None
    kwarg = getattr(cls, "lookup_url_kwarg", None) or getattr(cls, "lookup_field", "pk")
    has_get = "get" in actions or (not actions and hasattr(cls, "get"))
    access = ViewAccess(perm, tenancy_model if kwarg in route.converters else None, kwarg)
    return Declared(access if has_get else ViewAccess(perm, methods=()), api_model=model, api_actions=actions)
