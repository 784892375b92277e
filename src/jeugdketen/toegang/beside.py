"""What a Groningen product may run beside, where the book makes it depend on the other product.

Plain exclusions in both directions are ``COMBINATIE`` in :mod:`.checks`. The rules here look one
way, or depend on something the chain cannot see, so they are data on the product page in the
catalogue (``limits``) and a check each:

- ``separate_only_if`` (``DIAGNOSTIEK-APART``): SGGZ diagnostics (52G00) beside a running SGGZ
  treatment belongs to the treatment "in principe", apart only for a second opinion (003,
  2838-2842). The chain cannot see a second opinion, so it signals in both directions (52G00
  names the treatments, each treatment names 52G00) and the worker records the reason.
- ``samenloop`` (``SAMENLOOP``): jeugdreclassering beside a jeugdbeschermingsmaatregel is paid at
  the lower samenloop tariff, 47A06 (003, 4834-4838). Regular jeugdreclassering (47A01) beside an
  OTS or voogdij, and samenloop without one, are signalled: the toewijzingen may overlap only in
  part, and the worker decides which months carry which product.
- ``only_without`` (``GEEN-MAATREGEL``): preventive jeugdbescherming (49A01) is for when "nog geen
  maatregel is uitgesproken" (003, 4970-4971): refused beside a running OTS or voogdij. Only the
  new preventive toewijzing is refused; a measure the court imposes is never held up by it.
- ``VERWIJZER-GI``: a GI refers only within a court measure (003, 114-118 and 5025-5027). A
  referral with referrer 04 for a client without a running measure (a toewijzing of jeugdreclassering
  or jeugdbescherming, JZ020 47 or 48, on the day of the referral) is signalled: the measure may be
  known outside this chain (another municipality's), so the worker goes on with the reason.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .proposal import Finding, Proposal, current_beside, product_names


def _codes(values) -> set[str]:
    return {str(value).lower() for value in values or []}


def _limit(product, key: str) -> dict:
    return (product.limits or {}).get(key) or {}


@regel("DIAGNOSTIEK-APART")
def check_separate_diagnostics(p: Proposal) -> list[Finding]:
    """Groningen: SGGZ diagnostics (52G00) beside a running SGGZ treatment belongs to the
    treatment, except for a second opinion; the chain cannot see which, so it signals. Both
    sides carry the data (52G00 names the treatments, each treatment names 52G00), so a product
    without it costs no look-up."""
    if p.product is None or not applies("DIAGNOSTIEK-APART", p.region):
        return []
    condition = _limit(p.product, "separate_only_if")
    codes = _codes(condition.get("products"))
    if not codes:
        return []
    for other in current_beside(p):
        if codes & product_names(other.product):
            return [
                Finding(
                    "DIAGNOSTIEK-APART",
                    f"{p.product.name} naast {other.product.name} (toewijzing {other.number}): "
                    f"{condition.get('signal', '')}.",
                    "6",
                )
            ]
    return []


@regel("SAMENLOOP")
def check_samenloop(p: Proposal) -> list[Finding]:
    """Groningen: jeugdreclassering beside a child-protection measure is Samenloop (47A06)."""
    if p.product is None or not applies("SAMENLOOP", p.region):
        return []
    rule = _limit(p.product, "samenloop")
    if not rule:
        return []
    current = current_beside(p)
    beside = _codes(rule.get("beside"))
    for other in current:
        if beside & product_names(other.product):
            return [
                Finding(
                    "SAMENLOOP",
                    f"{p.product.name} naast {other.product.name} (toewijzing {other.number}): "
                    "jeugdreclassering naast een kinderbeschermingsmaatregel wordt bekostigd als "
                    f"{rule.get('use', 'samenloop')}.",
                    "6",
                )
            ]
    requires = _codes(rule.get("requires"))
    if requires and not any(requires & product_names(other.product) for other in current):
        return [
            Finding(
                "SAMENLOOP",
                f"{p.product.name} geldt alleen naast een kinderbeschermingsmaatregel (OTS of voogdij); "
                "de cliënt heeft in deze periode geen toewijzing daarvan.",
                "6",
            )
        ]
    return []


@regel("GEEN-MAATREGEL")
def check_without_measure(p: Proposal) -> list[Finding]:
    """Groningen: preventive jeugdbescherming only while no measure has been imposed."""
    if p.product is None or not applies("GEEN-MAATREGEL", p.region):
        return []
    measures = _codes((p.product.limits or {}).get("only_without"))
    if not measures:
        return []
    for other in current_beside(p):
        if measures & product_names(other.product):
            return [
                Finding(
                    "GEEN-MAATREGEL",
                    f"{p.product.name} is voor jeugdigen zonder uitgesproken maatregel; "
                    f"{other.product.name} loopt (toewijzing {other.number}).",
                    "6",
                )
            ]
    return []


GI = "04"  # COD327: gecertificeerde instelling
MEASURES = frozenset({"47", "48"})  # JZ020: jeugdreclassering, jeugdbescherming


def _measure_on(p: Proposal, day: dt.date) -> bool:
    """Whether a toewijzing of a measure (of any book) runs for the client on `day`."""
    if p.known is not None:
        rows = [t for t in p.known if (t.product_category or "") in MEASURES]
        return any(
            t.status != "ingetrokken" and t.begin <= day and (t.end is None or t.end >= day) for t in rows
        )
    if p.client is None or p.client.pk is None:
        return False
    return (
        p.client.toewijzingen.filter(product_category__in=MEASURES, begin__lte=day)
        .exclude(status="ingetrokken")
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exists()
    )


@regel("VERWIJZER-GI")
def check_gi_within_measure(p: Proposal) -> list[Finding]:
    """Groningen: a GI refers only within a court measure; without one running, a signal."""
    if p.product is None or p.referrer_code != GI or not applies("VERWIJZER-GI", p.region):
        return []
    if (p.product.category or "") in MEASURES:
        return []  # the toewijzing of the measure itself is within it
    day = p.referral_date or p.begin
    if _measure_on(p, day):
        return []
    return [
        Finding(
            "VERWIJZER-GI",
            f"Een gecertificeerde instelling verwijst alleen in het kader van een rechterlijke maatregel; "
            f"de cliënt heeft op {day:%d-%m-%Y} geen lopende toewijzing van jeugdbescherming of "
            "jeugdreclassering. Leg vast welke maatregel loopt (bijvoorbeeld van een andere gemeente).",
            "6",
        )
    ]
