"""Which set-up rows a functional administrator may see and change: those of her regions.

The set-up holds no client data, so it has no ``tenancy``; it belongs to a region instead.
Every screen and API endpoint of this app takes its rows through :func:`rows`, which asks
:func:`jeugdketen.accounts.access.scope_regions` with the path from the model to its region.

A provider is national (one AGB code, contracts in several regions): a beheerder sees the
providers with a contract in her regions and those without any contract yet (just created),
and may change only a provider none of whose contracts lies in another region.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from jeugdketen.accounts.access import region_ids, scope_regions
from jeugdketen.accounts.models import OrganisationToken, Role, User
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract, ContractProduct
from jeugdketen.monitoring.models import Budget


def _provider_in(prefix: str):
    def condition(ids):
        return Q(**{f"{prefix}contracts__region__in": ids}) | Q(**{f"{prefix}contracts__isnull": True})

    return condition


def _stop_condition(ids):
    return Q(product__region__in=ids) | Q(product__isnull=True, provider__contracts__region__in=ids)


def _user_condition(ids):
    return (
        Q(role=Role.BEHEER, regions__in=ids)
        | Q(role__in=[Role.TOEGANG, Role.CONTRACT], municipalities__regions__in=ids)
        | Q(role=Role.AANBIEDER, provider__contracts__region__in=ids)
    )


def _token_condition(ids):
    return Q(municipality__regions__in=ids) | Q(provider__contracts__region__in=ids)


#: model -> how its rows reach their region
CONDITIONS = {
    Region: lambda ids: Q(pk__in=ids),
    Lot: lambda ids: Q(region__in=ids),
    Product: lambda ids: Q(region__in=ids),
    Municipality: lambda ids: Q(regions__in=ids),
    Provider: _provider_in(""),
    Contract: lambda ids: Q(region__in=ids),
    ContractProduct: lambda ids: Q(contract__region__in=ids),
    ClientStop: _stop_condition,
    AcceptanceExemption: _stop_condition,
    Budget: lambda ids: Q(lot__region__in=ids),
    User: _user_condition,
    OrganisationToken: _token_condition,
}


def rows(user, queryset_or_model) -> QuerySet:
    """The rows of a set-up model (or queryset) within the user's regions."""
    queryset = (
        queryset_or_model._default_manager.all() if isinstance(queryset_or_model, type) else queryset_or_model
    )
    return scope_regions(user, queryset, CONDITIONS[queryset.model])


def get_or_404(user, queryset_or_model, **lookup):
    """One row within the user's regions; a row of another region is 'not found'."""
    queryset = rows(user, queryset_or_model)
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def regions(user) -> QuerySet:
    return Region.objects.filter(pk__in=region_ids(user))


def provider_is_own(user, provider: Provider) -> bool:
    """A provider the user may change: none of its contracts lies outside her regions."""
    ids = region_ids(user)
    if not ids:
        return False
    return not provider.contracts.exclude(region__in=ids).exists()


def municipality_is_own(user, municipality: Municipality) -> bool:
    """A municipality the user may change: every region it belongs to is hers."""
    ids = region_ids(user)
    return bool(ids) and not municipality.regions.exclude(pk__in=ids).exists()


def user_is_own(user, other: User) -> bool:
    """A user account this administrator may change: wholly within her regions, not herself."""
    ids = region_ids(user)
    if not ids or other.pk == user.pk or other.is_superuser or other.role == Role.AUDITOR:
        return False
    if other.municipalities.exclude(regions__in=ids).exists():
        return False
    if other.regions.exclude(pk__in=ids).exists():
        return False
    return other.provider is None or provider_is_own(user, other.provider)
