"""The synthetic declarations of the benchmarks and load tests are real work: every line is judged
and accepted, on toewijzingen and clients that pass every check."""

from __future__ import annotations

import datetime as dt

from jeugdketen.declaraties import jw323, synthetic
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.ijw.rules.common import elfproef
from jeugdketen.toegang.models import Client

from .conftest import YEAR


def test_valid_bsns_pass_the_elfproef_and_skip_those_taken():
    first = synthetic.valid_bsns(5)
    assert len(set(first)) == 5 and all(len(b) == 9 and elfproef(b) for b in first)
    assert synthetic.valid_bsns(3, taken=first[:2]) == first[2:5]


def test_a_synthetic_declaration_is_judged_and_accepted_line_by_line(world):
    from jeugdketen.catalogus.models import Product
    from jeugdketen.contracten.models import ContractProduct

    product = Product.objects.create(
        region=world.contract.region, position=9999, code=synthetic.CODE, category=synthetic.CATEGORY,
        name="Synthetisch", unit_code=synthetic.UNIT,
    )  # fmt: skip
    ContractProduct.objects.create(contract=world.contract, product=product, year=YEAR, tariff="80.00")
    bsns = synthetic.valid_bsns(6, start=20_000_000)
    Client.objects.bulk_create(
        Client(bsn=b, birth_date=dt.date(2012, 1, 1), last_name="S", municipality=world.municipality)
        for b in bsns
    )
    clients = list(Client.objects.filter(bsn__in=bsns).order_by("pk").values_list("pk", "bsn"))
    synthetic.toewijzingen(
        municipality=world.municipality, provider=world.provider, product=product,
        client_ids=[c[0] for c in clients], first_number=70000, begin=dt.date(YEAR, 1, 1),
        end=dt.date(YEAR, 12, 31), start=dt.date(YEAR, 1, 6), volume=20,
    )  # fmt: skip
    lines = synthetic.lines(
        18, bsns=[c[1] for c in clients], first_number=70000,
        month=lambda n: synthetic.calendar_month(YEAR, 1 + n // 6), volume=lambda n: 10 + n % 5,
        reference=lambda n: f"S{n:05d}",
    )  # fmt: skip
    assert [line.bsn for line in lines] == sorted(line.bsn for line in lines)
    data = jw323.build(
        sender=world.provider.agb_code, receiver=world.municipality.cbs_code, identification="SYN1",
        dagtekening=dt.date(YEAR, 4, 5), number="SYN1", period_begin=dt.date(YEAR, 3, 1),
        period_end=dt.date(YEAR, 3, 31), lines=lines,
    )  # fmt: skip
    result = process_jw323(data, received_on=dt.date(YEAR, 4, 6))
    assert result.accepted and result.declaratie.lines_total == 18
    assert result.declaratie.lines_rejected == 0, result.declaratie.prestaties.exclude(retourcodes="")[:3]
