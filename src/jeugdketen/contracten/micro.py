"""Who is a micro-onderneming: Noordoost-Brabant's criteria (Bijlage 1, overhead).

An organisation is a micro-onderneming when it meets at least two of three criteria: a balance
total of at most EUR 350,000, a net revenue of at most EUR 700,000, at most 10 fte. The region
tests them on the provider's latest filed annual accounts. ``Provider.micro_enterprise``, which
decides whether a contract's micro tariffs may be billed (:func:`.tariffs.applicable`), follows
from the accounts as soon as they are registered (:func:`register_accounts`).

The book also says the region has no micro tariffs for ambulant GGZ; its tariff table says
"nvt" there, so the catalogue has no micro tariff for those products and none can be billed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from jeugdketen.regels import regel

from .models import Jaarrekening

MAX_BALANCE = Decimal("350000")
MAX_REVENUE = Decimal("700000")
MAX_FTE = Decimal("10")


@regel("MICRO-CRITERIA")
def qualifies(balance_total: Decimal, net_revenue: Decimal, fte: Decimal) -> bool:
    """At least two of: balance total <= 350,000, net revenue <= 700,000, fte <= 10."""
    met = (balance_total <= MAX_BALANCE) + (net_revenue <= MAX_REVENUE) + (fte <= MAX_FTE)
    return met >= 2


def latest(provider, on: dt.date | None = None) -> Jaarrekening | None:
    """The accounts filed last (on or before `on`)."""
    accounts = Jaarrekening.objects.filter(provider=provider)
    if on is not None:
        accounts = accounts.filter(filed_on__lte=on)
    return accounts.order_by("-filed_on", "-year").first()


def assess(provider, on: dt.date | None = None) -> bool | None:
    """Micro status by the latest filed accounts; None when the provider filed none."""
    accounts = latest(provider, on)
    if accounts is None:
        return None
    return qualifies(accounts.balance_total, accounts.net_revenue, accounts.fte)


@transaction.atomic
def register_accounts(provider, *, year: int, filed_on: dt.date, balance_total, net_revenue, fte) -> bool:
    """Stores filed accounts and sets the provider's micro status from the latest ones; returns it."""
    Jaarrekening.objects.update_or_create(
        provider=provider,
        year=year,
        defaults={
            "filed_on": filed_on,
            "balance_total": Decimal(balance_total),
            "net_revenue": Decimal(net_revenue),
            "fte": Decimal(fte),
        },
    )
    status = bool(assess(provider))
    if provider.micro_enterprise != status:
        provider.micro_enterprise = status
        provider.save(update_fields=["micro_enterprise"])
    return status
