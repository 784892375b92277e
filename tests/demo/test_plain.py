"""The demo's bulk writing stores exactly what the real chain stores for the same stories.

`jeugdketen demo` writes its plain stories in bulk (:func:`jeugdketen.demo.plain.write`) to
stay fast at 10,000 youths. Here a small region is built twice from one seed: once written
in bulk, once with every plain story played through the services and message handling
production uses (:func:`jeugdketen.demo.plain.play`). Every field of every row of toegang,
levering and berichten must be equal, messages byte for byte but for their identifications.
"""

import datetime as dt
import random

import pytest
from django.db import transaction

from jeugdketen.catalogus.loader import load_all
from jeugdketen.demo.chain import _volume

from .snapshot import built_twice, differences, fields, snapshot


@pytest.mark.django_db
def test_bulk_writing_stores_what_the_real_chain_stores():
    written, played = built_twice([])  # the allocation chain only; billing has its own test

    assert differences(written, played) == []
    # The comparison proves something only where the stories reach every branch of the writer.
    codes = fields(played["Message"], "code")
    assert {"JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315", "JW316", "JW319", "JW320"} <= set(
        codes
    ), codes
    assert fields(played["AllocationRequest"], "status")["afgewezen"] > 0
    assert fields(played["AllocationRequest"], "status")["toegewezen"] > 0
    tasks = fields(played["Task"], "kind")
    assert tasks["start"] > 0 and tasks["jw301-verzoek"] > 0, tasks
    assert fields(played["Toewijzing"], "referral") and fields(played["Toewijzing"], "request_reference")

    assert written == played


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["toegang", "huisarts"])
def test_a_signal_is_recorded_alike_both_ways(route):
    """No plain story of the demo's draw meets a signal; this one does: it runs past the book's
    duration (PRODUCTDUUR, advice: the access worker records why, the municipality marks its own
    automatic allocation on a provider's request)."""
    from jeugdketen.berichten.ijwxml import Requested
    from jeugdketen.contracten.models import ContractProduct
    from jeugdketen.demo.people import bsn
    from jeugdketen.demo.plain import Plain, play, write
    from jeugdketen.demo.region import ensure_region
    from jeugdketen.toegang.models import Client, Referral

    load_all()
    municipalities, _ = ensure_region()
    code = {"toegang": "01", "huisarts": "02"}[route]
    line = next(
        line
        for line in ContractProduct.objects.filter(product__max_duration_months__lte=12)
        .select_related("product__region", "contract__provider", "contract__region")
        .order_by("pk")
        if (line.product.referrers is None or code in line.product.referrers) and line.product.accepts_age(10)
    )
    product = line.product
    municipality = next(m for m in municipalities if m.regions.filter(pk=line.contract.region_id).exists())
    day = dt.date(2026, 3, 2)
    client = Client.objects.create(
        bsn=bsn(424242),
        birth_date=dt.date(2015, 9, 1),  # 10 on the day
        given_name="Sem",
        last_name="Bos",
        gender="1",
        street="Dorpsweg",
        house_number="3",
        postcode="9711AB",
        municipality=municipality,
    )
    code = {"toegang": "01", "huisarts": "02"}[route]
    referral = Referral.objects.create(
        client=client,
        municipality=municipality,
        route=route,
        referrer_code=code,
        referrer_agb="01123456" if route == "huisarts" else "",
        date=day,
        product=product,
        provider=line.contract.provider,
    )
    volume, unit, frequency = _volume(product, random.Random(1))
    item = Requested(
        reference="SIGNAAL1",
        category=product.category,
        code=product.code,
        begin=day,
        end=day + dt.timedelta(days=31 * (product.max_duration_months + 2)),
        volume=volume,
        unit=unit,
        frequency=frequency,
        referrer_code=code,
        referrer_agb=referral.referrer_agb,
    )
    story = Plain(
        client, referral, line.contract.provider, product, route, item, begin=day + dt.timedelta(days=3)
    )

    class Ids:
        n = 0

        def __call__(self):
            self.n += 1
            return f"S{self.n:011d}"

    before = transaction.savepoint()
    write([story], Ids())
    written = snapshot()
    transaction.savepoint_rollback(before)
    play(story)
    played = snapshot()

    assert [dict(r)["rule"] for r in played["Signaal"].elements()] == ["PRODUCTDUUR"]
    assert differences(written, played) == []
