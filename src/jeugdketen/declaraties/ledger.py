"""The ledger: double-entry bookings per municipality, provider, product and month.

Every booking is a transaction of entries that sum to zero, so the ledger of any
municipality, provider, product and month balances by construction; :func:`unbalanced`
proves it from the stored rows. The ``crediteuren`` account of a group equals minus what is
still open on its payment obligations; :func:`open_mismatches` proves that too.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.db.models import F, Sum

from .models import Betaalverplichting, Betaling, Boeking

A = Boeking.Account


def book(
    kind: str,
    entries: list[tuple[str, int]],
    *,
    municipality_id: int,
    provider_id: int,
    product_code: str,
    month: dt.date,
    booked_on: dt.date,
    description: str = "",
    declaratie=None,
    obligation=None,
    payment=None,
) -> list[Boeking]:
    """Prepare (not save) one transaction; refuses entries that do not sum to zero."""
    if sum(amount for _account, amount in entries) != 0:
        raise ValueError("a booking must balance: its entries sum to zero")
    transaction_id = uuid.uuid4().hex
    return [
        Boeking(
            transaction=transaction_id,
            kind=kind,
            account=account,
            amount_cents=amount,
            municipality_id=municipality_id,
            provider_id=provider_id,
            product_code=product_code,
            month=month,
            declaratie=declaratie,
            obligation=obligation,
            payment=payment,
            description=description[:255],
            booked_on=booked_on,
        )  # fmt: skip
        for account, amount in entries
    ]


def cost_entries(amount_cents: int) -> list[tuple[str, int]]:
    """Care costs (positive) or a credit (negative): cost against what is owed to the provider."""
    return [(A.LASTEN, amount_cents), (A.CREDITEUREN, -amount_cents)]


@transaction.atomic
def pay(obligations, *, on: dt.date, reference: str = "") -> list[Betaling]:
    """Pay what is open on these obligations: one payment per municipality and provider.

    Set-based, as a payment run covers thousands of obligations: the open ones are read and
    locked in one query, the payments and their bookings inserted in one statement each, and
    the obligations marked paid in one UPDATE.
    """
    groups: dict[tuple[int, int], list[Betaalverplichting]] = {}
    for obligation in (
        Betaalverplichting.objects.select_for_update()
        .filter(pk__in=[o.pk for o in obligations])
        .exclude(amount_cents=F("paid_cents"))
        .order_by("pk")
    ):
        groups.setdefault((obligation.municipality_id, obligation.provider_id), []).append(obligation)
    if not groups:
        return []
    payments = Betaling.objects.bulk_create(
        [
            Betaling(
                municipality_id=municipality_id,
                provider_id=provider_id,
                date=on,
                amount_cents=sum(o.open_cents for o in items),
                reference=reference,
            )  # fmt: skip
            for (municipality_id, provider_id), items in groups.items()
        ]
    )
    rows = []
    for payment, items in zip(payments, groups.values(), strict=True):
        for obligation in items:
            entries = [(A.CREDITEUREN, obligation.open_cents), (A.BANK, -obligation.open_cents)]
            rows += book(
                Boeking.Kind.BETALING, entries,
                municipality_id=payment.municipality_id, provider_id=payment.provider_id,
                product_code=obligation.product_code, month=obligation.month, booked_on=on,
                description=f"Betaling {reference}".strip(), obligation=obligation, payment=payment,
            )  # fmt: skip
    Boeking.objects.bulk_create(rows, batch_size=2000)
    paid = [o.pk for items in groups.values() for o in items]
    for index in range(0, len(paid), 5000):
        Betaalverplichting.objects.filter(pk__in=paid[index : index + 5000]).update(
            paid_cents=F("amount_cents"), paid_on=on
        )
    return payments


@transaction.atomic
def correct(obligation: Betaalverplichting, amount_cents: int, *, reason: str, on: dt.date) -> list[Boeking]:
    """A controller's correction of what is owed (signed), booked and added to the obligation."""
    obligation = Betaalverplichting.objects.select_for_update().get(pk=obligation.pk)
    rows = book(
        Boeking.Kind.CORRECTIE, cost_entries(amount_cents), municipality_id=obligation.municipality_id,
        provider_id=obligation.provider_id, product_code=obligation.product_code, month=obligation.month,
        booked_on=on, description=reason, obligation=obligation, declaratie=obligation.declaratie,
    )  # fmt: skip
    Boeking.objects.bulk_create(rows)
    obligation.amount_cents += amount_cents
    obligation.save(update_fields=["amount_cents"])
    return rows


GROUP = ("municipality_id", "provider_id", "product_code", "month")


def unbalanced(queryset=None) -> list[dict]:
    """Groups (municipality, provider, product, month) whose entries do not sum to zero: always none."""
    queryset = Boeking.objects.all() if queryset is None else queryset
    return list(queryset.values(*GROUP).annotate(total=Sum("amount_cents")).exclude(total=0).order_by())


def balances(queryset=None) -> list[dict]:
    """Per group: costs, still owed and paid, in cents."""
    queryset = Boeking.objects.all() if queryset is None else queryset
    table: dict[tuple, dict] = {}
    for row in queryset.values(*GROUP, "account").annotate(total=Sum("amount_cents")).order_by(*GROUP):
        key = tuple(row[name] for name in GROUP)
        entry = table.setdefault(
            key, {**dict(zip(GROUP, key, strict=True)), "lasten": 0, "crediteuren": 0, "bank": 0}
        )
        entry[row["account"]] = row["total"]
    return list(table.values())


def open_mismatches() -> list[tuple]:
    """Groups where the ledger's amount owed differs from the open obligations: always none."""
    owed = {
        tuple(row[name] for name in GROUP): -row["total"]
        for row in Boeking.objects.filter(account=A.CREDITEUREN)
        .values(*GROUP)
        .annotate(total=Sum("amount_cents"))
        .order_by()
    }
    open_ = {
        tuple(row[name] for name in GROUP): row["total"]
        for row in Betaalverplichting.objects.values(*GROUP)
        .annotate(total=Sum(F("amount_cents") - F("paid_cents")))
        .order_by()
    }
    return [
        (key, owed.get(key, 0), open_.get(key, 0))
        for key in set(owed) | set(open_)
        if owed.get(key, 0) != open_.get(key, 0)
    ]
