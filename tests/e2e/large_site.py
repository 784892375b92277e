"""Sets up a site for the worker tests and writes a large JW323 for it (run as a script).

``python large_site.py PRESTATIES OUT.xml``: one municipality, provider, contract and product,
a toewijzing (started) per client, and a JW323 of PRESTATIES lines on them (and ``small.xml``
beside it, of 20 lines), so that judging does the whole of its work. Identification and
DeclaratieNummer are both ``WERKER1``, for the tests to replace. Prints the provider's new API
token. Uses the database of ``DATABASE_URL`` after ``jeugdketen init``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from decimal import Decimal
from pathlib import Path

YEAR = 2025
CLIENTS = 2000


def main(prestaties: int, out: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")
    import django

    django.setup()
    from jeugdketen.accounts.tokens import issue
    from jeugdketen.catalogus.models import Municipality, Product, Provider, Region
    from jeugdketen.contracten.models import Contract, ContractProduct
    from jeugdketen.declaraties import jw323, synthetic
    from jeugdketen.toegang.models import Client

    region = Region.objects.create(slug="worker-test", name="Werkertest", year=YEAR, document="-")
    product = Product.objects.create(
        region=region, position=1, code="45A03", category="45", name="Begeleiding", unit_code="04"
    )
    municipality = Municipality.objects.create(cbs_code="0998", name="Werkertestgemeente")
    provider = Provider.objects.create(name="Werkertest BV", agb_code="99999998")
    contract = Contract.objects.create(provider=provider, region=region, start=dt.date(YEAR, 1, 1))
    ContractProduct.objects.create(contract=contract, product=product, year=YEAR, tariff=Decimal("80.00"))
    Client.objects.bulk_create(
        Client(bsn=bsn, birth_date=dt.date(2012, 1, 1), last_name="W", municipality=municipality)
        for bsn in synthetic.valid_bsns(CLIENTS)
    )
    clients = list(Client.objects.values_list("id", "bsn").order_by("id"))
    synthetic.toewijzingen(
        municipality=municipality, provider=provider, product=product, client_ids=[c[0] for c in clients],
        first_number=10000, begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31), start=dt.date(YEAR, 1, 6),
        volume=40,
    )  # fmt: skip
    lines = synthetic.lines(
        prestaties, bsns=[c[1] for c in clients], first_number=10000,
        month=lambda n: synthetic.calendar_month(YEAR, 1 + (n // CLIENTS) % 11),
        volume=lambda n: 1 + n % 3, reference=lambda n: f"W{n:09d}",
    )  # fmt: skip
    for name, chosen in ((out, lines), (out.with_name("small.xml"), lines[:20])):
        name.write_bytes(
            jw323.build(
                sender=provider.agb_code,
                receiver=municipality.cbs_code,
                identification="WERKER1",
                dagtekening=dt.date(YEAR, 12, 5),
                number="WERKER1",
                period_begin=dt.date(YEAR, 11, 1),
                period_end=dt.date(YEAR, 11, 30),
                lines=chosen,
            )  # fmt: skip
        )
    print(issue(label="werkertest", provider=provider)[1])


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
