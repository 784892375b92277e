"""The synthetic region: youths, referrals over all routes, toewijzingen, starts, stops, messages.

Deterministic: the same seed, size and `today` give the same data. Fast: rows are built in
memory and written with bulk_create, a few statements per table, so 10,000 youths take
seconds on PostgreSQL (see benchmarks/bench_demo.py). Later stages (declarations, ...)
append a function to :data:`STAGES`; each receives the :class:`DemoContext`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from jeugdketen.contracten.models import ClientStop, ContractProduct
from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.levering.deadlines import open_task
from jeugdketen.levering.models import Start, Task
from jeugdketen.toegang.models import Client, Referral, Toewijzing

from . import chain, plain
from .people import FIRST, LAST, STREETS, bsn
from .region import REGIONS, ensure_region, region_of

DEMO_PASSWORD = "jeugdketen-demo"  # noqa: S105 - documented demo password, only with JEUGDKETEN_DEMO=1
ROUTES = [
    ("toegang", 40),
    ("huisarts", 25),
    ("jeugdarts", 5),
    ("specialist", 5),
    ("gi", 10),
    ("dyslexie", 15),
]
#: Routes where care starts with the provider's JW315 (see docs/demo.md).
REQUEST_ROUTES = ("huisarts", "jeugdarts", "specialist", "gi")
#: At most this many stories (of any route) go through the real message chain (:mod:`.chain`), one by
#: one; beyond it the region is written in bulk (see docs/demo.md for why and what differs).
REAL_STORIES = 600


@dataclass
class DemoContext:
    seed: int
    today: dt.date
    months: int
    municipalities: list
    providers: list
    clients: list = field(default_factory=list)
    toewijzingen: list = field(default_factory=list)
    starts: list = field(default_factory=list)
    rng: random.Random | None = None
    bulk: bool = True  # later stages store in bulk, or play every step (tests prove them equal)


#: Later stages append here, e.g. monthly JW323 billing: ``STAGES.append(bill)``.
STAGES: list[Callable[[DemoContext], None]] = []


#: Apps that add to the demo after the allocation chain, in order, as "module:function".
LATER_STAGES = ["jeugdketen.declaraties.demo:bill", "jeugdketen.monitoring.demo:budgets"]


def _stages() -> list[Callable[[DemoContext], None]]:
    stages = list(STAGES)
    for entry in LATER_STAGES:
        module_name, _, name = entry.partition(":")
        stage = getattr(importlib.import_module(module_name), name)
        if stage not in stages:
            stages.append(stage)
    return stages


class Ids:
    """BerichtIdentificatie values from the seed: deterministic and 12 characters."""

    def __init__(self, seed: int) -> None:
        self.seed, self.n = seed, 0

    def __call__(self) -> str:
        self.n += 1
        return f"D{self.seed % 1000:03d}{self.n:08d}"


@transaction.atomic
def build(
    *,
    youths: int,
    months: int,
    seed: int,
    today: dt.date | None = None,
    real_stories: int = REAL_STORIES,
    bulk: bool = True,
) -> DemoContext:
    today = today or dt.date.today()
    rng = random.Random(seed)
    municipalities, providers = ensure_region()
    ctx = DemoContext(seed, today, months, municipalities, providers, rng=rng, bulk=bulk)
    # The contracted products per (provider, region); ordered by keys, never by names: the
    # database's collation must not change the demo.
    lines: dict[tuple[int, int], list] = {}
    for line in (
        ContractProduct.objects.filter(contract__provider__in=providers, year=today.year)
        .select_related("product__region", "product__lot", "contract")
        .order_by("contract__provider_id", "product_id")
    ):
        lines.setdefault((line.contract.provider_id, line.contract.region_id), []).append(line.product)
    regions = {m.pk: m.regions.get(slug=region_of(m).slug).pk for m in municipalities}
    contracted = {
        region: [p for p in providers if lines.get((p.pk, region))]
        for region in sorted(set(regions.values()))
    }
    dyslexia = {
        region: [p for p in candidates if any(is_dyslexia(x) for x in lines[p.pk, region])]
        for region, candidates in contracted.items()
    }
    stopped = contracted[regions[municipalities[0].pk]][-1]
    if not ClientStop.objects.filter(provider=stopped, reason="Wachtlijst vol (demo)").exists():
        _set_up(
            {
                "clientenstops": [
                    ["aanbieder_agb", "ingangsdatum", "reden"],
                    [stopped.agb_code, (today - dt.timedelta(days=60)).isoformat(), "Wachtlijst vol (demo)"],
                ]
            }
        )
    ids = Ids(seed)
    first_day = today - dt.timedelta(days=30 * months)
    span = (today - first_day).days
    existing = Client.objects.count()

    clients, referrals = [], []
    for i in range(youths):
        last = LAST[rng.randrange(len(LAST))]
        age = rng.choice([5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19])
        clients.append(
            Client(
                bsn=bsn(seed * 1_000_003 + existing + i),
                birth_date=today - dt.timedelta(days=365 * age + rng.randrange(365)),
                given_name=FIRST[rng.randrange(len(FIRST))],
                prefix=last[0],
                last_name=last[1],
                gender=rng.choice("12"),
                street=rng.choice(STREETS),
                house_number=str(rng.randrange(1, 200)),
                postcode=f"52{rng.randrange(10, 99)}AB",
                municipality=_municipality(municipalities, rng),
            )
        )
    Client.objects.bulk_create(clients, batch_size=2000)
    if len(clients) and clients[0].pk is None:  # backends without RETURNING
        clients = list(Client.objects.order_by("-pk")[: len(clients)])[::-1]
    ctx.clients = clients

    routes, weights = zip(*ROUTES, strict=True)
    plan = []
    for client in clients:
        route = rng.choices(routes, weights)[0]
        region = regions[client.municipality_id]
        provider = rng.choice(
            dyslexia[region] if route == "dyslexie" and dyslexia[region] else contracted[region]
        )
        products = lines[provider.pk, region]
        product = _dyslexia_treatment(products) if route == "dyslexie" else None
        product = product or rng.choice([x for x in products if not is_dyslexia(x)] or products)
        day = first_day + dt.timedelta(days=rng.randrange(span))
        real_route = "toegang" if route == "dyslexie" else route
        referral = Referral(
            client=client,
            municipality=client.municipality,
            route=real_route,
            referrer_code={
                "toegang": "01",
                "huisarts": "02",
                "jeugdarts": "03",
                "gi": "04",
                "specialist": "05",
            }[real_route],
            referrer_agb=f"01{rng.randrange(10**6):06d}"
            if real_route in ("huisarts", "jeugdarts", "specialist")
            else "",
            date=day,
            product=product,
            provider=provider,
        )
        referrals.append(referral)
        plan.append((client, referral, provider, product, route))
    Referral.objects.bulk_create(referrals, batch_size=2000)

    tasks, plains = [], []
    stories: list[chain.Story] = []
    waiting: list[chain.Story] = []
    references = Ids(seed)
    for client, referral, provider, product, route in plan:
        lead = {"toegang": rng.randrange(15, 35), "dyslexie": rng.randrange(3, 8)}.get(
            route, rng.randrange(5, 18)
        )
        decided = add_working_days(referral.date, lead)
        if len(stories) + len(waiting) < real_stories:
            story = chain.Story(
                client,
                referral,
                provider,
                product,
                decided,
                lines[provider.pk, regions[client.municipality_id]],
                route,
            )
            if decided <= today:
                stories.append(story)
                continue
            if route in REQUEST_ROUTES and referral.date + dt.timedelta(days=2) <= today:
                waiting.append(story)
        if decided > today:
            kind = {"toegang": "plan1", "dyslexie": "jw301-dyslexie", "gi": "jw315-gi"}.get(
                route, "jw315-huisarts"
            )
            links = {"client": client, "municipality": client.municipality, "provider": provider}
            task = open_task(kind, referral.date, save=False, referral=referral, **links)
            if task is not None:  # only where the municipality's contract sets this deadline
                tasks.append(task)
            continue
        plains.append(_plain(client, referral, provider, product, route, decided, rng, today, references))
    Task.objects.bulk_create(tasks, batch_size=2000)
    if bulk:
        plain.write(plains, ids)
    else:  # the same stories played one by one: what the bulk writing must equal (tests/demo)
        for story in plain.order(plains):
            plain.play(story)
    chain.play(ctx, stories, waiting)
    if clients:  # the bulk rows and those the real chain wrote
        ours = {"client__pk__gte": clients[0].pk}
        toewijzingen = list(Toewijzing.objects.filter(**ours).order_by("pk"))
        starts = list(Start.objects.filter(**{f"toewijzing__{k}": v for k, v in ours.items()}).order_by("pk"))
    ctx.toewijzingen, ctx.starts = toewijzingen, starts
    for stage in _stages():
        stage(ctx)
    return ctx


def _plain(client, referral, provider, product, route, decided, rng, today, references) -> plain.Plain:
    """A plain story's turns, drawn from the seed: what is asked, when care starts and stops."""
    item = chain.asked(product, referral, decided, f"B{references()}", rng)
    story = plain.Plain(client, referral, provider, product, route, item)
    roll = rng.random()
    if roll < 0.80:
        begin = add_working_days(decided, rng.randrange(1, 9))
    elif roll < 0.90:
        begin = add_working_days(decided, rng.randrange(12, 25))  # late start
    else:
        begin = None  # waiting list once the deadline passes
    if begin is None or begin > today:
        return story
    story.begin = begin
    if item.end < today:
        story.stop = (item.end, rng.choice(["31", "31", "31", "32", "33", "34"]))
    elif rng.random() < 0.05 and begin + dt.timedelta(days=30) < today:
        story.stop = (begin + dt.timedelta(days=30), "32")
    return story


def _municipality(municipalities: list, rng: random.Random):
    """A youth's municipality: a demo region by its share of the youths, then one of its municipalities."""
    demo = rng.choices(REGIONS, [r.share for r in REGIONS])[0]
    own = [m for m in municipalities if m.cbs_code in dict(demo.municipalities)]
    return own[rng.randrange(len(own))]


def is_dyslexia(product) -> bool:
    return "dyslexie" in (product.name or "").lower()


def _dyslexia_treatment(products: list):
    """The dyslexia product a school's referral asks for: the one that includes treatment."""
    found = [p for p in products if is_dyslexia(p)]
    return next((p for p in found if p.name.lower().endswith("behandeling")), found[0] if found else None)


def _set_up(sheets: dict) -> list:
    """Stores demo set-up through the set-up workbook's validation (the one way to set up a region)."""
    from jeugdketen.inrichting.workbook import run_rows

    plan = run_rows(sheets, apply=True, source="jeugdketen demo")
    if plan.problems:  # the demo's own data: a problem here is a bug
        raise ValueError("; ".join(plan.problems[:5]))
    return plan.links


def create_users(municipalities, providers) -> list[str]:
    """One demo account per role, bound to the demo organisations (password: DEMO_PASSWORD),
    created through the set-up like any user; the beheerder manages the demo's regions."""
    from jeugdketen.accounts.models import User

    regions = sorted({region.slug for m in municipalities for region in m.regions.all()})
    rows = [
        ["toegang", "Demo Toegang", "toegangsmedewerker", municipalities[0].cbs_code],
        ["contract", "Demo Contractmanager", "contractmanager", ";".join(m.cbs_code for m in municipalities)],
        ["aanbieder", "Demo Aanbieder", "aanbieder", providers[0].agb_code],
        ["beheer", "Demo Beheerder", "beheerder", ";".join(regions)],
        ["auditor", "Demo Auditor", "auditor", ""],
    ]
    new = [r for r in rows if not User.objects.filter(username=r[0]).exists()]
    if not new:
        return []
    _set_up({"gebruikers": [["gebruikersnaam", "naam", "rol", "organisatie"], *new]})
    made = []
    for user in User.objects.filter(username__in=[r[0] for r in new]).order_by("pk"):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        made.append(user.username)
    return made


def users_enabled(flag: bool) -> bool:
    return flag or os.environ.get("JEUGDKETEN_DEMO") == "1"
