"""The role-aware menu and start page: a small registry every app appends to.

In an app's ``AppConfig.ready()`` (or its ``urls.py``)::

    from jeugdketen.web.nav import NavItem, register

    register(NavItem("Werkvoorraad", "toegang:worklist", perm="worklist.view",
                     description="Aanvragen en toewijzingen die op u wachten", order=10))

An item shows in the header menu and as a card on the start page for every user holding
``perm`` (see :mod:`jeugdketen.accounts.access`); ``perm=None`` shows it to everyone.
Registering the same URL name twice replaces the earlier item.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from jeugdketen.accounts.access import has_perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    perm: str | None = None
    description: str = ""
    order: int = 50
    in_menu: bool = True


_REGISTRY: dict[str, NavItem] = {}


def register(item: NavItem) -> NavItem:
    _REGISTRY[item.url_name] = item
    return item


def items_for(user) -> list[dict]:
    """The items this user may open, in order, with their URLs resolved."""
    visible = []
    for item in sorted(_REGISTRY.values(), key=lambda i: (i.order, i.label)):
        if item.perm is not None and not has_perm(user, item.perm):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append({"label": item.label, "url": url, "description": item.description, "item": item})
    return visible


def navigation(request):
    """Context processor: ``nav_items`` for the header menu."""
    user = getattr(request, "user", None)
    return {"nav_items": [entry for entry in items_for(user) if entry["item"].in_menu]}


register(
    NavItem(
        "Productenboeken",
        "catalogus:index",
        description="Producten, tarieven en aanbieders per regio",
        order=90,
    )
)
register(
    NavItem(
        "Auditlog",
        "audit:index",
        perm="audit.view",
        description="Wie heeft wat gedaan en welk cliëntdossier bekeken, met export",
        order=10,
    )
)
register(
    NavItem(
        "API-documentatie",
        "api:docs",
        perm="catalogue.change",
        description="De REST API voor systeemkoppelingen (OpenAPI 3)",
        order=95,
        in_menu=False,
    )
)
