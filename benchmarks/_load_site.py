"""The data side of ``bench_load``: what the load test needs from the site's database.

Runs inside the benchmark's own process, with Django set up on the site's database
(``DATABASE_URL``); the web server and the worker are separate processes on the same database.

- :func:`demo_state` says whether the demo region is there (and how big), so a run reuses it;
- :func:`credentials` issues API tokens (labelled ``lasttest``, revoked by :func:`revoke_tokens`)
  and picks the clients the access-team user may open;
- :func:`jw305_messages` writes JW305s (start of care) for allocated care that has not started;
- :func:`large_jw323` adds, per upload, fresh toewijzingen for a separate load-test provider and
  municipality and writes one JW323 of N prestaties on them, ten months per toewijzing, so that
  every upload is judged in full (no line is a duplicate of an earlier run's).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

LABEL = "lasttest"
LOAD_CBS = "0997"  # the load-test municipality, outside the demo region
LOAD_AGB = "99999997"  # the load-test provider that sends the large JW323
LOAD_REGION = "lasttest"
MONTHS_PER_TOEWIJZING = 10
DEMO_USERS = ("toegang", "contract", "aanbieder")


@dataclass
class Credentials:
    gemeente_token: str
    load_provider_token: str
    client_ids: list[int]
    provider_tokens: dict[str, str] = field(default_factory=dict)


def demo_state() -> dict:
    """Youths of the demo (the load-test municipality's clients not counted) and its users."""
    from jeugdketen.accounts.models import User
    from jeugdketen.declaraties.models import Declaratie, Prestatie
    from jeugdketen.toegang.models import Client, Toewijzing

    demo = Client.objects.exclude(municipality__cbs_code=LOAD_CBS)
    return {
        "youths": demo.count(),
        "toewijzingen": Toewijzing.objects.exclude(municipality__cbs_code=LOAD_CBS).count(),
        "declarations": Declaratie.objects.count(),
        "prestaties": Prestatie.objects.count(),
        "users": User.objects.filter(username__in=DEMO_USERS, is_active=True).count() == len(DEMO_USERS),
    }


def revoke_tokens() -> int:
    from django.utils import timezone

    from jeugdketen.accounts.models import OrganisationToken

    return OrganisationToken.objects.filter(label=LABEL, revoked__isnull=True).update(revoked=timezone.now())


def credentials(client_sample: int = 500) -> Credentials:
    """Tokens for the access-team user's municipality (API reads) and the load-test provider
    (the upload), and a sample of the clients the access-team user may open."""
    from jeugdketen.accounts.access import scope
    from jeugdketen.accounts.models import User
    from jeugdketen.accounts.tokens import issue
    from jeugdketen.toegang.models import Client

    toegang = User.objects.get(username="toegang")
    municipality = toegang.municipalities.order_by("pk").first()
    ids = list(scope(toegang, Client.objects.all()).order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // client_sample)
    return Credentials(
        gemeente_token=issue(label=LABEL, municipality=municipality)[1],
        load_provider_token=issue(label=LABEL, provider=load_provider())[1],
        client_ids=ids[::step][:client_sample],
    )


def jw305_messages(creds: Credentials, limit: int, today: dt.date) -> list[tuple[str, bytes]]:
    """``(token, xml)``: a JW305 per toewijzing that is allocated and current but not started
    (then, when too few are left, per current toewijzing), from its own provider (a token per
    provider) to its municipality."""
    from django.db.models import Q

    from jeugdketen.accounts.tokens import issue
    from jeugdketen.berichten import ijwxml
    from jeugdketen.berichten.services import new_identification
    from jeugdketen.ijw.xml import serialise
    from jeugdketen.toegang.models import Toewijzing

    current = (
        Toewijzing.objects.filter(status=Toewijzing.Status.ACTIEF, begin__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .exclude(municipality__cbs_code=LOAD_CBS)
        .select_related("client", "provider", "municipality")
        .order_by("pk")
    )
    pool = list(current.filter(starts__isnull=True)[:limit])
    if len(pool) < limit:
        # Earlier runs started them all: report starts on care that has started (the municipality
        # judges them as any other JW305; its answer may be a refusal, which is not an error).
        pool += list(current.exclude(pk__in=[t.pk for t in pool]).distinct()[: limit - len(pool)])
    messages = []
    for toewijzing in pool:
        agb = toewijzing.provider.agb_code
        if agb not in creds.provider_tokens:
            creds.provider_tokens[agb] = issue(label=LABEL, provider=toewijzing.provider)[1]
        root = ijwxml.jw305(
            toewijzing.client,
            [(toewijzing, today, "1")],
            sender=agb,
            receiver=toewijzing.municipality.cbs_code,
            identification=new_identification(),
            dagtekening=today,
        )
        messages.append((creds.provider_tokens[agb], serialise(root)))
    return messages


def load_provider():
    from jeugdketen.catalogus.models import Provider

    provider, _ = Provider.objects.get_or_create(agb_code=LOAD_AGB, defaults={"name": "Lasttest BV"})
    return provider


def _months(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The ``count`` whole months before this one, oldest first, as (first day, last day)."""
    months, first = [], today.replace(day=1)
    for _ in range(count):
        last = first - dt.timedelta(days=1)
        first = last.replace(day=1)
        months.append((first, last))
    return months[::-1]


def large_jw323(prestaties: int, identification: str, today: dt.date) -> tuple[bytes, dict]:
    """A JW323 of ``prestaties`` lines from the load-test provider, on toewijzingen made for it."""
    from jeugdketen.catalogus.models import Municipality, Product, Region
    from jeugdketen.contracten.models import Contract, ContractProduct
    from jeugdketen.declaraties import jw323, synthetic
    from jeugdketen.toegang.models import Client, Toewijzing

    months = _months(today, MONTHS_PER_TOEWIJZING)
    needed = math.ceil(prestaties / MONTHS_PER_TOEWIJZING)
    region, _ = Region.objects.get_or_create(
        slug=LOAD_REGION, defaults={"name": "Lasttest", "year": today.year, "document": "-"}
    )
    product, _ = Product.objects.get_or_create(
        region=region,
        code="45A03",
        defaults={"position": 1, "category": "45", "name": "Begeleiding (lasttest)", "unit_code": "04"},
    )
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code=LOAD_CBS, defaults={"name": "Lasttestgemeente"}
    )
    provider = load_provider()
    contract, _ = Contract.objects.get_or_create(
        provider=provider, region=region, defaults={"start": months[0][0].replace(month=1, day=1)}
    )
    for year in {first.year for first, _ in months}:
        ContractProduct.objects.get_or_create(
            contract=contract, product=product, year=year, defaults={"tariff": Decimal("80.00")}
        )
    have = Client.objects.filter(municipality=municipality).count()
    if have < needed:
        taken = set(Client.objects.values_list("bsn", flat=True))
        Client.objects.bulk_create(
            (
                Client(
                    bsn=bsn, birth_date=dt.date(2012, 1, 1), last_name="Lasttest", municipality=municipality
                )
                for bsn in synthetic.valid_bsns(needed - have, start=90_000_000, taken=taken)
            ),
            batch_size=5000,
        )
    clients = list(
        Client.objects.filter(municipality=municipality).order_by("pk").values_list("pk", "bsn")[:needed]
    )
    numbers = [
        int(n) for n in Toewijzing.objects.filter(municipality=municipality).values_list("number", flat=True)
    ]
    first_number = max(numbers, default=100_000_000) + 1
    begin, end = months[0][0], months[-1][1]
    synthetic.toewijzingen(
        municipality=municipality, provider=provider, product=product, client_ids=[c[0] for c in clients],
        first_number=first_number, begin=begin, end=end, start=begin, volume=20,
    )  # fmt: skip
    lines = synthetic.lines(
        prestaties, bsns=[c[1] for c in clients], first_number=first_number,
        month=lambda n: months[n // needed], volume=lambda n: 10 + n % 5,
        reference=lambda n: f"{identification}{n:08d}",
    )  # fmt: skip
    data = jw323.build(
        sender=LOAD_AGB, receiver=LOAD_CBS, identification=identification, dagtekening=today,
        number=identification, period_begin=months[-1][0], period_end=months[-1][1], lines=lines,
    )  # fmt: skip
    return data, {"toewijzingen": needed, "megabytes": len(data) / 1e6}


def judged(identification: str) -> dict:
    """What the worker made of the upload: lines stored and rejected."""
    from jeugdketen.declaraties.models import Declaratie

    declaratie = Declaratie.objects.filter(provider__agb_code=LOAD_AGB, number=identification).first()
    if declaratie is None:
        return {"lines": 0, "rejected": 0}
    return {"lines": declaratie.lines_total, "rejected": declaratie.lines_rejected}
