"""Client stories told through the real message chain, the way production runs them.

Every story here is played by both parties through the same services and message
handling a municipality and a provider use on the screens and the API: the provider's
JW315 is processed by the municipality (JW316 back), which decides it with the allocation
checks and answers with a JW301 (JW302 back) or a JW319 (JW320 back); starts and stops go
as JW305/JW307 and are answered with JW306/JW308; change requests as JW317 (JW318 back)
followed by the municipality's JW301 or JW319; the municipality's own changes (oprekken,
intrekken) as a new JW301. Nothing is written to the database except by that processing.

The mix (each a share of the stories; see docs/demo.md):

- refused: the provider has a client stop (CLIENTENSTOP) or the JW315 went to the wrong
  municipality (woonplaatsbeginsel, reden 8 with the responsible municipality);
- in onderzoek: the municipality does not have the client's address yet (JW319 answer 2);
  the access team completes the client a few working days later and allocates;
- late start (12-25 working days) or no start at all (waiting list), and some toewijzingen
  that never started are withdrawn (intrekken);
- a start sent with the wrong date and corrected (JW305 StatusAanlevering 3, then 1);
- JW317 asking for a later end date (JW318, then the JW301 with RedenWijziging 12), or the
  municipality stretching the end date itself (oprekken, RedenWijziging 04);
- a temporary stop (RedenBeeindiging 20), care resumed with a new start or ended for good;
- a stop sent in error and corrected (JW307 StatusAanlevering 3, then 1);
- stops by reason: as planned (31), early by the client (32), by the provider (33), agreed (34).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from jeugdketen.berichten.ijwxml import Requested
from jeugdketen.berichten.services import exchange, process
from jeugdketen.core.batch import remembered
from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.levering import services as levering
from jeugdketen.toegang import services as toegang
from jeugdketen.toegang.checks import age_on
from jeugdketen.toegang.models import AllocationRequest

from . import plain

#: The demo's stories through the real chain, per share of the stories (documented in docs/demo.md).
MIX = {
    "unfit_product": 0.04,
    "wrong_municipality": 0.04,
    "in_onderzoek": 0.06,
    "late_start": 0.10,
    "no_start": 0.08,
    "withdraw_unstarted": 0.5,  # of the toewijzingen without a start
    "start_corrected": 0.05,
    "jw317_extend": 0.10,
    "oprekken": 0.06,
    "temporary_stop": 0.08,
    "stop_corrected": 0.05,
    "early_stop": 0.08,
}
STOP_REASONS = ["31", "31", "31", "31", "32", "33", "34"]


def asked(product, referral, day: dt.date, reference: str, rng) -> Requested:
    """What is allocated or asked for from `day`: a volume that fits the unit, 12 to 52 weeks."""
    volume, unit, frequency = _volume(product, rng)
    weeks = rng.choice([12, 26, 39, 52])
    return Requested(
        reference=reference,
        category=product.category,
        code=product.code,
        begin=day,
        end=day + dt.timedelta(weeks=weeks),
        volume=volume,
        unit=unit,
        frequency=frequency,
        referrer_code=referral.referrer_code,
        referrer_agb=referral.referrer_agb,
    )


@dataclass
class Story:
    client: object
    referral: object
    provider: object
    product: object
    decided: dt.date
    products: list = None  # the provider's contracted products
    route: str = "huisarts"


def fitting(story: Story, referrer_code: str) -> list:
    """The products a provider would ask for: this referrer may refer to it and the age fits."""
    age = age_on(story.client.birth_date, story.decided)
    return [
        p
        for p in story.products or []
        if (p.referrers is None or referrer_code in p.referrers) and age < 18 and p.accepts_age(age)
    ]


def _volume(product, rng) -> tuple[int | None, str, str]:
    unit = product.unit_code or ""
    if not unit:
        return None, "", ""
    if unit == "14":
        return 7, unit, "2"
    if unit == "16":
        return rng.choice([2, 4, 6]), unit, "2"
    if unit in ("01", "04"):
        return rng.choice([2, 3, 4, 6]), unit, "2"
    return 1, unit, "6"


class Chain:
    def __init__(self, ctx, seed: int) -> None:
        self.ctx, self.today = ctx, ctx.today
        self.rng = random.Random(f"{seed}-chain")
        self.n = 0
        self.others = {m.pk: [x for x in ctx.municipalities if x.pk != m.pk] for m in ctx.municipalities}

    def reference(self) -> str:
        self.n += 1
        return f"DEMO{self.ctx.seed % 1000:03d}{self.n:06d}"

    def play(self, story: Story) -> None:
        rng, today = self.rng, self.today
        client, provider, product = story.client, story.provider, story.product
        municipality = client.municipality
        day = story.decided
        roll = rng.random()
        choice = fitting(story, story.referral.referrer_code)
        if story.route == "dyslexie":
            choice = []  # the dyslexia product itself
        if choice and (roll >= MIX["unfit_product"] or story.route == "toegang"):
            # The provider asks for what the referrer may refer to; a few ask for the wrong product.
            product = choice[int(roll * 1000) % len(choice)]
        item = asked(product, story.referral, day, self.reference(), rng)
        if story.route in ("toegang", "dyslexie"):
            self.allocate(story, product, item, day)
            return
        roll = rng.random()
        if roll < MIX["wrong_municipality"] and self.others[municipality.pk]:
            # The provider asks the wrong municipality: refused on the woonplaatsbeginsel (reden 8).
            levering.request_allocation(
                provider=provider,
                municipality=rng.choice(self.others[municipality.pk]),
                client=client,
                items=[item],
                today=day,
            )
            return
        if roll < MIX["wrong_municipality"] + MIX["in_onderzoek"]:
            address = {
                "street": client.street,
                "house_number": client.house_number,
                "postcode": client.postcode,
            }
            type(client).objects.filter(pk=client.pk).update(street="", house_number="", postcode="")
            client.street = client.house_number = client.postcode = ""
            levering.request_allocation(
                provider=provider, municipality=municipality, client=client, items=[item], today=day
            )
            day = add_working_days(day, rng.randrange(2, 6))
            if day > today:
                return
            for message in toegang.complete_client(client, today=day, **address):
                exchange(message, today=day)
        else:
            levering.request_allocation(
                provider=provider, municipality=municipality, client=client, items=[item], today=day
            )
        request = AllocationRequest.objects.filter(provider=provider, reference=item.reference).first()
        if request is None or request.toewijzing is None:
            return  # refused (JW319): the story ends with the provider's JW320
        self.deliver(request.toewijzing, day)

    def allocate(self, story: Story, product, item: Requested, day: dt.date) -> None:
        """The access team allocates from its own referral: the checks, the JW301 (JW302 back)."""
        told = plain.Plain(story.client, story.referral, story.provider, product, story.route, item)
        t = plain.allocate(told)
        if t is not None:
            self.deliver(t, day)

    def deliver(self, t, allocated: dt.date) -> None:
        rng, today = self.rng, self.today
        roll = rng.random()
        if roll < MIX["no_start"]:
            # On the waiting list; half of these the municipality withdraws once the start deadline passed.
            day = add_working_days(allocated, 15)
            if day <= today and rng.random() < MIX["withdraw_unstarted"]:
                exchange(toegang.withdraw(t, end=max(t.begin, day), reden="05", today=day), today=day)
            return
        late = roll < MIX["no_start"] + MIX["late_start"]
        begin = add_working_days(allocated, rng.randrange(12, 25) if late else rng.randrange(1, 9))
        if begin > today:
            return
        if rng.random() < MIX["start_corrected"]:
            wrong = begin + dt.timedelta(days=1)
            levering.report_start(t, wrong, today=wrong)
            fixed = min(today, add_working_days(wrong, 2))
            levering.correct_start(t, wrong, today=fixed)
            levering.report_start(t, begin, today=fixed)
        else:
            levering.report_start(t, begin, today=begin)
        t.refresh_from_db()
        roll = rng.random()
        ask = t.end - dt.timedelta(days=14) if t.end else None
        if roll < MIX["jw317_extend"] and ask and begin < ask <= today:
            levering.request_change(
                t,
                reference=self.reference(),
                reason="1",
                end=t.end + dt.timedelta(weeks=12),
                begin=t.begin,
                today=ask,
            )
            t.refresh_from_db()
        elif roll < MIX["jw317_extend"] + MIX["oprekken"] and ask and begin < ask <= today:
            exchange(toegang.extend(t, end=t.end + dt.timedelta(weeks=8), today=ask), today=ask)
            t.refresh_from_db()
        self.stop(t, begin)

    def stop(self, t, begin: dt.date) -> None:
        rng, today = self.rng, self.today
        end = t.end
        roll = rng.random()
        if roll < MIX["temporary_stop"]:
            pause = begin + dt.timedelta(days=rng.randrange(20, 60))
            if pause >= min(today, end or today):
                return
            levering.report_stop(t, pause, "20", begin=begin, today=pause)
            resume = pause + dt.timedelta(days=rng.randrange(14, 40))
            if rng.random() < 0.5 and resume < min(today, end or today):
                levering.report_start(t, resume, today=resume)
                begin = pause = resume
            else:
                # The pause becomes the end: a definitive stop on the same start, a later end date.
                final = min(today, pause + dt.timedelta(days=rng.randrange(7, 30)))
                levering.report_stop(t, final, rng.choice(["32", "34"]), begin=begin, today=final)
                return
        elif roll < MIX["temporary_stop"] + MIX["early_stop"]:
            early = begin + dt.timedelta(days=rng.randrange(30, 90))
            if early < min(today, end or today):
                levering.report_stop(t, early, rng.choice(["32", "33", "34"]), begin=begin, today=early)
            return
        if end is None or end >= today:
            return
        reason = rng.choice(STOP_REASONS)
        if rng.random() < MIX["stop_corrected"]:
            wrong = end - dt.timedelta(days=7)
            levering.report_stop(t, wrong, reason, begin=begin, today=wrong)
            levering.correct_stop(t, wrong, reason, begin=begin, today=end)
        levering.report_stop(t, end, reason, begin=begin, today=end)


def pending(ctx, story: Story) -> None:
    """A JW315 received in the last days and not decided yet: it waits in 'Verzoeken in behandeling'."""
    chain = Chain(ctx, ctx.seed + story.client.pk)
    volume, unit, frequency = _volume(story.product, chain.rng)
    day = min(ctx.today, story.referral.date + dt.timedelta(days=2))
    item = Requested(
        reference=f"OPEN{ctx.seed % 1000:03d}{story.client.pk:08d}"[:20],
        category=story.product.category,
        code=story.product.code,
        begin=story.decided,
        end=story.decided + dt.timedelta(weeks=26),
        volume=volume,
        unit=unit,
        frequency=frequency,
        referrer_code=story.referral.referrer_code,
        referrer_agb=story.referral.referrer_agb,
    )
    sent = levering.request_allocation(
        provider=story.provider,
        municipality=story.client.municipality,
        client=story.client,
        items=[item],
        today=day,
        deliver=False,
    )
    outcome = process(sent.message.xml.encode(), today=day, auto_decide=False)
    for message in outcome.produced:
        exchange(message, today=day)


def play(ctx, stories: list[Story], waiting: list[Story]) -> None:
    """Plays the stories in order of their decision date, then the requests still open."""
    chain = Chain(ctx, ctx.seed)
    with remembered():  # the stories change no contract, client stop, exemption or party
        for story in sorted(stories, key=lambda s: (s.decided, s.client.pk)):
            chain.play(story)
        for story in waiting:
            pending(ctx, story)
