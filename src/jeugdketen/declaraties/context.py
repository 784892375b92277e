"""Everything the bill-line rules need for one whole declaration, read set-based.

:func:`load_context` reads toewijzingen, starts, contract tariffs, products and caps, earlier
prestaties and the volumes already accepted in a handful of queries, with every list of values
passed as ONE parameter (:func:`among`). The rules (:mod:`.engine`) then decide each line in
memory, so the number of queries does not grow with the number of lines.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Min, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from jeugdketen.levering.models import Start
from jeugdketen.toegang.models import Toewijzing

from . import caps as cap_units
from . import facts, looptijd, verblijf
from .jw323 import Line
from .models import GeleverdeZorg, Prestatie

CHUNK = 5000
UNNEST = {"text": "SELECT unnest(%s::text[])", "bigint": "SELECT unnest(%s::bigint[])"}
WITHDRAWN = "13"  # JZ002 RedenWijziging "Verwijderd"


@dataclass(slots=True)
class Tw:
    id: int
    number: str
    client_id: int
    bsn: str
    birth_date: dt.date
    provider_id: int
    product_id: int | None
    category: str
    code: str
    begin: dt.date
    end: dt.date | None
    volume: int | None
    unit: str
    frequency: str
    budget_cents: int | None
    withdrawn: bool


@dataclass(slots=True)
class Context:
    provider_id: int
    toewijzingen: dict[str, Tw]
    first_start: dict[int, dt.date]
    tariffs: dict[tuple[int, int], tuple[Decimal, bool]]  # (product, year) -> (euros, indirect allowed)
    products: dict[int, tuple[str, dict, int | None]]  # id -> (code, limits, start_before_age)
    caps: dict[int, list[tuple[Decimal, str, str, str]]]  # product -> [(amount, unit, per, label)]
    known_references: set[str]
    debits_by_reference: dict[str, tuple]
    open_debit_keys: Counter
    used_volume: dict[int, int]
    used_amount: dict[int, int]
    cap_used: dict[tuple, Decimal]
    indirect: dict[str, int]
    # The regions whose contract binds this municipality: contract rules (the vervaltermijn) hold
    # only where one of them has them, so no region's contract leaks into another.
    contract_regions: frozenset[str] = frozenset()
    # Residential billing (:mod:`.verblijf`): the register of stay days per toewijzing, the
    # product book region of each product, the lighter clinical stays per (region, code).
    stay_days: dict[int, list] = field(default_factory=dict)
    product_regions: dict[int, str] = field(default_factory=dict)
    lower_products: dict[tuple[str, str], int] = field(default_factory=dict)
    stay_verdicts: dict[int, dict] = field(default_factory=dict)
    respite_by_stay: dict[int, tuple] = field(default_factory=dict)  # product -> (rule, most per stay)
    foster_products: frozenset[int] = frozenset()  # exempt from the two years of an open end


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for index in range(0, len(values), size):
        yield values[index : index + size]


def among(values: Iterable, kind: str = "text") -> RawSQL:
    """A subquery over ``values`` passed as ONE parameter, for ``field__in=among(...)``.

    A list of 100,000 values as ``IN (%s, %s, ...)`` costs more in Django (a lookup per
    value) and in psycopg (splitting the query at every placeholder) than the database
    needs to answer it. PostgreSQL takes the list as one array (``unnest``), SQLite as one
    JSON text (``json_each``). ``kind`` is the PostgreSQL element type: text or bigint.
    """
    values = list(values)
    # Constant SQL; the values travel as a bound parameter.
    if connection.vendor == "postgresql":
        return RawSQL(UNNEST[kind], [values])  # noqa: S611
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])  # noqa: S611


def _as_date(value) -> dt.date:
    """SQLite answers an aggregate over a date column as text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def load_context(provider, municipality, lines: list[Line]) -> Context:
    numbers = {line.toewijzing_number for line in lines}
    references = {line.reference for line in lines}
    toewijzingen: dict[str, Tw] = {}
    mine = Toewijzing.objects.filter(municipality=municipality, number__in=among(numbers)).order_by()
    rows = mine.values_list(
        "id", "number", "client_id", "client__bsn", "client__birth_date", "provider_id", "product_id",
        "product_category", "product_code", "begin", "end", "volume", "unit", "frequency",
        "budget_cents", "status", "reden_wijziging",
    )  # fmt: skip
    for row in rows:
        withdrawn = row[15] == Toewijzing.Status.INGETROKKEN or row[16] == WITHDRAWN
        toewijzingen[row[1]] = Tw(*row[:15], withdrawn=withdrawn)
    tw_ids = among((tw.id for tw in toewijzingen.values()), "bigint")
    first_start: dict[int, dt.date] = {
        tw_id: _as_date(first)
        for tw_id, first in Start.objects.filter(toewijzing_id__in=tw_ids)
        .values("toewijzing_id")
        .annotate(first=Min("date"))
        .values_list("toewijzing_id", "first")
    }
    product_ids = {tw.product_id for tw in toewijzingen.values() if tw.product_id}
    product_facts = facts.products(product_ids)
    stay_days, product_regions, lower_products, respite_by_stay = verblijf.load(
        toewijzingen, lines, product_facts
    )
    lower = set(lower_products.values()) - product_ids
    product_ids |= lower
    tariffs = facts.tariffs(provider, product_ids)
    products = {
        pk: (fact.code, fact.limits, fact.start_before_age)
        for pk, fact in (product_facts | (facts.products(lower) if lower else {})).items()
    }
    caps = facts.caps(product_ids)

    known_references = set(
        Prestatie.objects.filter(provider=provider, reference__in=among(references))
        .order_by()  # a set: no join to the declaration for its ordering
        .values_list("reference", flat=True)
    )
    debits_by_reference: dict[str, tuple] = {}
    previous = {
        line.previous_reference for line in lines if line.debit_credit == "C" and line.previous_reference
    }
    if previous:
        for row in Prestatie.objects.filter(
            provider=provider, reference__in=among(previous), debit_credit="D", counts_as_billed=True
        ).values_list(
            "reference", "id", "accepted", "credited", "toewijzing_number", "begin", "end", "amount_cents",
            "product_code", "toewijzing_id", "volume", "client_id", "product_id", "unit",
        ):  # fmt: skip
            debits_by_reference[row[0]] = row
    # Looked up by exact (toewijzing, product, begin, end) of this declaration's lines only:
    # earlier months cannot match, so they are not read.
    begins = [line.begin for line in lines]
    open_debit_keys: Counter = Counter(
        Prestatie.objects.filter(
            toewijzing_id__in=tw_ids,
            debit_credit="D",
            credited=False,
            counts_as_billed=True,
            begin__gte=min(begins, default=dt.date.min),
            begin__lte=max(begins, default=dt.date.max),
        )
        .order_by()
        .values_list("toewijzing_id", "product_code", "begin", "end")
    )
    used_volume: dict[int, int] = defaultdict(int)
    used_amount: dict[int, int] = defaultdict(int)
    for tw_id, dc, volume, amount in (
        Prestatie.objects.filter(toewijzing_id__in=tw_ids, accepted=True)
        .order_by()  # grouped: no join to the declaration for its ordering
        .values("toewijzing_id", "debit_credit")
        .annotate(volume=Sum("volume"), amount=Sum("amount_cents"))
        .values_list("toewijzing_id", "debit_credit", "volume", "amount")
    ):
        used_volume[tw_id] += volume if dc == "D" else -volume
        used_amount[tw_id] += amount
    cap_used: dict[tuple, Decimal] = defaultdict(Decimal)
    capped = [product_id for product_id in caps if product_id in product_ids]
    if capped:
        client_ids = {tw.client_id for tw in toewijzingen.values() if tw.product_id in caps}
        rows = (
            Prestatie.objects.filter(
                client_id__in=among(client_ids, "bigint"), product_id__in=capped, accepted=True
            )
            .order_by()
            .annotate(year=ExtractYear("begin"))
            .values("client_id", "product_id", "toewijzing_id", "year", "unit", "debit_credit")
            .annotate(volume=Sum("volume"))
            .values_list("client_id", "product_id", "toewijzing_id", "year", "unit", "debit_credit", "volume")
        )
        for client_id, product_id, tw_id, year, unit, dc, volume in rows:
            for _amount, cap_unit, per, _label in caps[product_id]:
                used = cap_units.in_unit(volume if dc == "D" else -volume, unit, cap_unit)
                if used is not None:
                    key = cap_units.key(per, client_id, product_id, tw_id, year)
                    if key is not None:
                        cap_used[key] += used
    indirect: dict[str, int] = dict(
        GeleverdeZorg.objects.filter(
            provider=provider, reference__in=among(references), indirect_volume__gt=0
        )
        .order_by()
        .values_list("reference", "indirect_volume")
    )
    contract_regions = facts.contract_regions(municipality)
    return Context(
        provider_id=provider.pk,
        toewijzingen=toewijzingen,
        first_start=first_start,
        tariffs=tariffs,
        products=products,
        caps=caps,
        known_references=known_references,
        debits_by_reference=debits_by_reference,
        open_debit_keys=open_debit_keys,
        used_volume=used_volume,
        used_amount=used_amount,
        cap_used=cap_used,
        indirect=indirect,
        contract_regions=contract_regions,
        foster_products=looptijd.foster_products(toewijzingen, contract_regions, product_facts),
        stay_days=stay_days,
        product_regions=product_regions,
        lower_products=lower_products,
        respite_by_stay=respite_by_stay,
    )
