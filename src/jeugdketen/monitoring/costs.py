"""Where monitoring's euros come from: allocated (committed) care and, later, accepted prestaties.

*Verplicht* (committed) is what open toewijzingen will cost: volume × contracted tariff, for the
days of the toewijzing that fall inside a period. The frequency (WMO757) decides how volume
turns into units for those days:

- ``1`` per dag: volume × days;
- ``2`` per week: volume × days / 7;
- ``4`` per maand: volume × days × 12 / 365;
- ``6`` totaal binnen geldigheidsduur: volume × days / length of the toewijzing in days;
- a toewijzing with a budget (``budget_cents``) instead of a volume: budget × days / length.

The tariff is the contract's tariff (ContractProduct) for the provider, product and year of
the period, else the catalogue's regular tariff; a year without a tariff yet uses the latest
earlier year's. Each toewijzing is rounded to whole cents in
the database and the cents are summed there, so no row reaches Python. A toewijzing ends at
its first stop (JW307) when that comes before its end date; withdrawn ones cost nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round

from jeugdketen.catalogus.models import Tariff
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.levering.models import Stop
from jeugdketen.toegang.models import Toewijzing

from .calendar import day_number, ensure_calendar

MONEY = DecimalField(max_digits=20, decimal_places=6)


def tariff_expression(year: int):
    """The tariff of the year, else of the latest earlier year: contract first, then catalogue."""
    contracted = (
        ContractProduct.objects.filter(
            contract__provider=OuterRef("provider"), product=OuterRef("product"), year__lte=year
        )
        .order_by("-year")
        .values("tariff")[:1]
    )
    catalogue = (
        Tariff.objects.filter(product=OuterRef("product"), year__lte=year, variant="regular")
        .order_by("-year")
        .values("amount")[:1]
    )
    return Coalesce(Subquery(contracted, output_field=MONEY), Subquery(catalogue, output_field=MONEY))


def open_toewijzingen(queryset: QuerySet | None = None) -> QuerySet:
    queryset = Toewijzing.objects.all() if queryset is None else queryset
    return queryset.exclude(status=Toewijzing.Status.INGETROKKEN)


def with_allocated_cents(queryset: QuerySet, first: dt.date, last: dt.date) -> QuerySet:
    """Annotate `allocated_cents`: what each toewijzing costs for its days in [first, last]."""
    ensure_calendar(last)
    first_stop = Stop.objects.filter(toewijzing=OuterRef("pk")).values("toewijzing").annotate(d=Min("date"))
    queryset = queryset.filter(begin__lte=last).filter(Q(end__isnull=True) | Q(end__gte=first))
    queryset = queryset.annotate(
        _stop=Subquery(first_stop.values("d")[:1]),
    ).annotate(
        _end=Least(Coalesce("end", Value(last)), Coalesce("_stop", Value(last)), Value(last)),
        _full_end=Least(Coalesce("end", Value(last)), Coalesce("_stop", Value(last))),
        _begin=Greatest("begin", Value(first)),
    )
    queryset = queryset.annotate(
        _days=day_number(OuterRef("_end")) - day_number(OuterRef("_begin")) + 1,
        _length=day_number(OuterRef("_full_end")) - day_number(OuterRef("begin")) + 1,
        _tariff=tariff_expression(first.year),
    )
    volume_days = ExpressionWrapper(F("volume") * F("_days") * F("_tariff") * 100, output_field=MONEY)
    cents = Case(
        When(_days__lte=0, then=Value(0, output_field=MONEY)),
        When(
            volume__isnull=True,
            budget_cents__isnull=False,
            then=ExpressionWrapper(
                F("budget_cents") * F("_days") * Value(Decimal(1), output_field=MONEY) / F("_length"),
                output_field=MONEY,
            ),
        ),
        When(_tariff__isnull=True, then=Value(0, output_field=MONEY)),
        When(frequency="1", then=volume_days),
        When(frequency="2", then=ExpressionWrapper(volume_days / 7, output_field=MONEY)),
        When(frequency="4", then=ExpressionWrapper(volume_days * 12 / 365, output_field=MONEY)),
        When(frequency="6", then=ExpressionWrapper(volume_days / F("_length"), output_field=MONEY)),
        default=Value(0, output_field=MONEY),
        output_field=MONEY,
    )
    return queryset.annotate(allocated_cents=Cast(Round(cents), BigIntegerField()))
