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
    Func,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round
from django.db.models.lookups import Exact, IsNull, LessThanOrEqual

from jeugdketen.catalogus.models import Tariff
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.contracten.tariffs import applicable
from jeugdketen.levering.models import Stop
from jeugdketen.toegang.models import Toewijzing

from .calendar import day_number, ensure_calendar

MONEY = DecimalField(max_digits=20, decimal_places=6)


def tariff_expression(year: int, provider=None, product=None):
    """The tariff of the year, else of the latest earlier year: contract first, then catalogue.

    `provider` and `product` are the expressions to look up (default: the outer row's fields).
    """
    provider = OuterRef("provider") if provider is None else provider
    product = OuterRef("product") if product is None else product
    contracted = (
        ContractProduct.objects.filter(
            applicable(), contract__provider=provider, product=product, year__lte=year
        )
        .order_by("-year", "variant")
        .values("tariff")[:1]
    )
    catalogue = (
        Tariff.objects.filter(product=product, year__lte=year, variant="regular")
        .order_by("-year")
        .values("amount")[:1]
    )
    return Coalesce(Subquery(contracted, output_field=MONEY), Subquery(catalogue, output_field=MONEY))


def open_toewijzingen(queryset: QuerySet | None = None) -> QuerySet:
    queryset = Toewijzing.objects.all() if queryset is None else queryset
    return queryset.exclude(status=Toewijzing.Status.INGETROKKEN)


def with_allocated_parts(queryset: QuerySet, first: dt.date, last: dt.date) -> QuerySet:
    """Annotate `_days` (days of each toewijzing in [first, last]), `_length` (its days from
    begin to end or first stop) and `_tariff`: the inputs of :func:`cents_expression`."""
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
    return queryset.annotate(
        _days=day_number(F("_end")) - day_number(F("_begin")) + 1,
        _length=day_number(F("_full_end")) - day_number(F("begin")) + 1,
        _tariff=tariff_expression(first.year),
    )


class _Real(Func):
    """A number as itself; on SQLite times 1.0, so that a whole-euro tariff (stored as an
    INTEGER there) does not turn ``volume x days x tariff / 7`` into an integer division."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s * 1.0)", **extra_context)


def cents_expression(column):
    """The allocated cents of one toewijzing, from the columns `column(name)` gives for
    ``_days``, ``_length``, ``_tariff``, ``volume``, ``budget_cents`` and ``frequency``.

    Written once for both uses: over the annotated queryset (``column=F``) and over a
    subquery of it whose columns are already computed (one evaluation per row).
    """
    volume_days = ExpressionWrapper(
        column("volume") * column("_days") * _Real(column("_tariff"), output_field=MONEY) * 100,
        output_field=MONEY,
    )
    cents = Case(
        When(LessThanOrEqual(column("_days"), 0), then=Value(0, output_field=MONEY)),
        When(
            Q(IsNull(column("volume"), True), IsNull(column("budget_cents"), False)),
            then=ExpressionWrapper(
                column("budget_cents")
                * column("_days")
                * Value(Decimal(1), output_field=MONEY)
                / column("_length"),
                output_field=MONEY,
            ),
        ),
        When(IsNull(column("_tariff"), True), then=Value(0, output_field=MONEY)),
        When(Exact(column("frequency"), "1"), then=volume_days),
        When(Exact(column("frequency"), "2"), then=ExpressionWrapper(volume_days / 7, output_field=MONEY)),
        When(
            Exact(column("frequency"), "4"),
            then=ExpressionWrapper(volume_days * 12 / 365, output_field=MONEY),
        ),
        When(
            Exact(column("frequency"), "6"),
            then=ExpressionWrapper(volume_days / column("_length"), output_field=MONEY),
        ),
        default=Value(0, output_field=MONEY),
        output_field=MONEY,
    )
    return Cast(Round(cents), BigIntegerField())


def with_allocated_cents(queryset: QuerySet, first: dt.date, last: dt.date) -> QuerySet:
    """Annotate `allocated_cents`: what each toewijzing costs for its days in [first, last]."""
    return with_allocated_parts(queryset, first, last).annotate(allocated_cents=cents_expression(F))
