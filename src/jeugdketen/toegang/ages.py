"""Who a product is for, by age: the product's own range, verlengde jeugdhulp (18 up to 23) and
the conditions each region's book attaches to going past a limit.

``age.max`` in the catalogue is exclusive, the first age no longer served: "0 tot 18" is 18,
"7 tot en met 12" is 13. A range that itself runs past 18 (FACT Jeugd 0-23, Gezinshuizen
tot 21) is the product's own, not verlengde jeugdhulp, so it is not refused at 18.
"""

from __future__ import annotations

from django.db.models import Q

from jeugdketen.catalogus.models import Product
from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .periods import add_months, birthday
from .proposal import Finding, Proposal, age_on

ADULT = 18
REENTRY_MONTHS = 6  # verlengde jeugdhulp: back in care within half a year after 18


def own_upper_age(product: Product) -> int:
    """The first age the product itself no longer serves ("0 tot 18": 18; "7 t/m 12": 13)."""
    return product.age_max if product.age_max is not None else ADULT


@regel("LEEFTIJD")
def check_age(p: Proposal) -> list[Finding]:
    """Age at the begin of the toewijzing within the product's own range or its verlengde jeugdhulp.

    ``age.max`` is exclusive: the first age no longer served. A range that itself runs past
    18 (FACT Jeugd 0-23, Gezinshuizen tot 21) is the product's own, not verlengde jeugdhulp.
    """
    if p.product is None:
        return []
    product = p.product
    age = age_on(p.client.birth_date, p.begin)
    low = product.age_min or 0
    if age < low:
        return [Finding("LEEFTIJD", f"Cliënt is {age}; dit product is er vanaf {low} jaar.", "9")]
    if product.start_before_age is not None and age >= product.start_before_age:
        return [
            Finding(
                "LEEFTIJD",
                f"Cliënt is {age}; dit product wordt alleen vergoed als de hulp begint vóór "
                f"{product.start_before_age} jaar.",
                "9",
            )
        ]
    upper = own_upper_age(product)
    if age < upper:
        return []
    if age >= ADULT and product.extended_until and age < product.extended_until and upper <= ADULT:
        return []  # verlengde jeugdhulp: its conditions are the rules below
    if applies("LEEFTIJD-EED", p.region) and product.limits.get("beyond_age_on_conditions"):
        return []  # the book allows it on conditions: LEEFTIJD-EED signals instead
    return [Finding("LEEFTIJD", f"Cliënt is {age}; dit product is er tot {upper} jaar.", "9")]


def _is_extended_care(p: Proposal) -> bool:
    """Whether this allocation is verlengde jeugdhulp: 18 or older, past the product's own range."""
    if p.product is None or not p.product.extended_until:
        return False
    age = age_on(p.client.birth_date, p.begin)
    return ADULT <= age < p.product.extended_until and age >= own_upper_age(p.product)


CRIMINAL_COURT = "08"  # COD327: rechter, officier van justitie of medewerker JJI


@regel("LEEFTIJD-18")
def check_extended_care(p: Proposal) -> list[Finding]:
    """Verlengde jeugdhulp (18 up to 23) only for youths who had help before 18: help that started
    before 18 and still ran at 18, or help again within half a year after the 18th birthday."""
    if not _is_extended_care(p) or not applies("LEEFTIJD-18", p.region):
        return []
    if p.referrer_code == CRIMINAL_COURT:
        # The third ground of both books: a measure of criminal law (Sr art. 77c) between 18 and 23.
        # Past 18 only a criminal court, the public prosecutor or a JJI refers with code 08.
        return []
    eighteen = birthday(p.client.birth_date, ADULT)
    earlier = p.client.toewijzingen.filter(begin__lt=eighteen).exclude(status="ingetrokken")
    if p.replaces is not None:
        earlier = earlier.exclude(pk=p.replaces.pk)
    if not earlier.exists():
        return [
            Finding(
                "LEEFTIJD-18",
                "Verlengde jeugdhulp vraagt jeugdhulp die vóór het 18e jaar is ingezet; "
                "deze cliënt had die niet.",
                "9",
            )
        ]
    still_running = earlier.filter(Q(end__isnull=True) | Q(end__gte=eighteen)).exists()
    if still_running or p.begin <= add_months(eighteen, REENTRY_MONTHS):
        return []
    return [
        Finding(
            "LEEFTIJD-18",
            f"De jeugdhulp stopte vóór het 18e jaar en de nieuwe hulp begint later dan een half jaar "
            f"na de 18e verjaardag ({add_months(eighteen, REENTRY_MONTHS):%d-%m-%Y}).",
            "9",
        )
    ]


@regel("VERLENGD-VOORLIGGEND")
def check_extended_care_other_law(p: Proposal) -> list[Finding]:
    """Alkmaar: verlengde jeugdzorg only where no other statutory provision comes first."""
    if not _is_extended_care(p) or not applies("VERLENGD-VOORLIGGEND", p.region):
        return []
    condition = (p.product.limits or {}).get("extended_care_condition")
    if condition:  # a product page with its own condition (HAJ Forensische Psychiatrie)
        text = f"Verlengde jeugdzorg voor {p.product.name} {condition}: leg vast waarom dat zo is."
    else:
        text = (
            "Verlengde jeugdzorg alleen als er geen andere wettelijke (voorliggende) voorziening is "
            "(Wlz, Wmo, Zvw): leg vast waarom die er niet is."
        )
    return [Finding("VERLENGD-VOORLIGGEND", text, "9")]


@regel("LEEFTIJD-EED")
def check_dyslexia_beyond_age(p: Proposal) -> list[Finding]:
    """Groningen: EED past 12 only on the book's conditions, judged by the worker."""
    if p.product is None or not p.product.limits.get("beyond_age_on_conditions"):
        return []
    if not applies("LEEFTIJD-EED", p.region):
        return []
    age = age_on(p.client.birth_date, p.begin)
    if age < own_upper_age(p.product):
        return []
    return [
        Finding(
            "LEEFTIJD-EED",
            f"Cliënt is {age}: EED na 12 jaar alleen als de toewijzing op de basisschool plaatsvond, "
            "alle betrokkenen het nut onderkennen en een andere oorzaak is uitgesloten.",
            "9",
        )
    ]


@regel("VERLENGING-VERZOEK")
def check_stay_past_18_on_request(p: Proposal) -> list[Finding]:
    """Alkmaar Gezinshuizen: past 18 (up to 21) only at the youth's own request."""
    if p.product is None or not (p.product.limits or {}).get("from_18_on_request"):
        return []
    if not applies("VERLENGING-VERZOEK", p.region) or age_on(p.client.birth_date, p.begin) < ADULT:
        return []
    return [
        Finding(
            "VERLENGING-VERZOEK",
            f"{p.product.name} na het 18e jaar alleen op verzoek van de jeugdige: leg het verzoek vast.",
            "9",
        )
    ]
