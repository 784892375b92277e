"""What a support plan (ondersteuningsplan) must carry before it may travel: signatures and consent.

Midden-Limburg Oost asks for the youth's signature on plan deel 1 before the CJG sends it
(Bijlage 1 art. 1.5), for the provider's and the youth's signatures on the plan before it goes
to the GI (art. 3.7), and for explicit consent before a plan goes to the CJG with the youth's
name (art. 2.11; without consent it goes anonymised). Each is a ``registreert`` rule of the
register: the record must exist, or the plan is not recorded as sent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .models import Route


class PlanRefused(ValueError):
    """A plan that lacks a record its region's contract asks for; `rule` names the register entry."""

    def __init__(self, rule: str, text: str) -> None:
        super().__init__(f"{rule}: {text}")
        self.rule = rule
        self.text = text


@dataclass(frozen=True)
class PlanRecord:
    part: int
    route: str
    region: str | None
    sent_on: dt.date | None = None
    signed_by_client_on: dt.date | None = None
    signed_by_provider_on: dt.date | None = None
    personalised: bool | None = None
    consent_on: dt.date | None = None


def region_of(referral) -> str | None:
    """The region whose contract governs this referral: the referred product's, else the
    municipality's first region (a municipality buys from one region at a time)."""
    if referral.product_id:
        return referral.product.region.slug
    region = referral.municipality.regions.order_by("-year").first()
    return region.slug if region else None


@regel("PLAN1-HANDTEKENING")
def check_plan1_signed(plan: PlanRecord) -> None:
    """Plan deel 1 goes to the provider only signed by the youth or the legal representative."""
    if plan.part != 1 or plan.route != Route.TOEGANG or plan.sent_on is None:
        return
    if applies("PLAN1-HANDTEKENING", plan.region) and plan.signed_by_client_on is None:
        raise PlanRefused(
            "PLAN1-HANDTEKENING",
            "Ondersteuningsplan deel 1 gaat pas naar de aanbieder als de jeugdige of diens wettelijk "
            "vertegenwoordiger het heeft ondertekend.",
        )


@regel("PLAN-GI-HANDTEKENING")
def check_gi_plan_signed(plan: PlanRecord) -> None:
    """Via the GI: plan deel 1 and 2 are signed by the provider and the youth before they go to the GI."""
    if plan.part != 2 or plan.route != Route.GI or not applies("PLAN-GI-HANDTEKENING", plan.region):
        return
    if plan.signed_by_client_on is None or plan.signed_by_provider_on is None:
        raise PlanRefused(
            "PLAN-GI-HANDTEKENING",
            "Het ondersteuningsplan gaat pas naar de gecertificeerde instelling als de aanbieder en de "
            "jeugdige (of wettelijk vertegenwoordiger) het voor akkoord hebben ondertekend.",
        )


@regel("PLAN-TOESTEMMING")
def check_plan_consent(plan: PlanRecord) -> None:
    """A plan goes to the CJG with the youth's name only with explicit consent, else anonymised."""
    referred = plan.route in (Route.HUISARTS, Route.JEUGDARTS, Route.SPECIALIST)
    if plan.part != 2 or not referred or not applies("PLAN-TOESTEMMING", plan.region):
        return
    if plan.personalised and plan.consent_on is None:
        raise PlanRefused(
            "PLAN-TOESTEMMING",
            "Een ondersteuningsplan met naam gaat alleen naar het CJG met uitdrukkelijke toestemming van "
            "de jeugdige (toestemmingsformulier); zonder toestemming gaat het geanonimiseerd.",
        )


PLAN_CHECKS = [check_plan1_signed, check_gi_plan_signed, check_plan_consent]


def check_plan(plan: PlanRecord) -> None:
    """Raises :class:`PlanRefused` for the first record the plan lacks."""
    for check in PLAN_CHECKS:
        check(plan)
