"""How long a toewijzing may run: the contract's maximum, the product's, and crisis care.

Split from :mod:`.checks` because the three differ per region in kind: Midden-Limburg Oost
refuses a toewijzing past two years; product books give durations as a guideline (a signal);
crisis care is refused past the last day the book allows and signalled where the book
allows more only "met redenen omkleed" or calls its limit an "uitgangspunt". An open end
counts as longer than any limit.
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .periods import last_day_of
from .proposal import Finding, Proposal

MAX_MONTHS = 24  # Midden-Limburg Oost: a Zorgtoewijzingsbericht runs at most two years
DYSLEXIA_MONTHS = 18  # Midden-Limburg Oost Bijlage 1, 4.8: dyslexia treatment at most 1.5 years
DYSLEXIA_TREATMENT = {"54005"}  # Behandeling individueel Dyslexie behandeling


def _finding(rule: str, text: str) -> Finding:
    return Finding(rule, text, "4")


def _beyond(p: Proposal, last_day) -> bool:
    return p.end is None or p.end > last_day


@regel("DUUR")
def check_duration(p: Proposal) -> list[Finding]:
    """At most two years, except pleegzorg under a guardianship measure (voogdij)."""
    if p.product is None or not applies("DUUR", p.region):
        return []
    foster = "pleegzorg" in p.product.name.lower()
    if foster and p.guardianship:
        return []
    last = last_day_of(p.begin, months=MAX_MONTHS)
    if _beyond(p, last):
        return [
            _finding(
                "DUUR",
                f"Een toewijzing duurt ten hoogste 2 jaar (tot en met {last:%d-%m-%Y}); alleen pleegzorg "
                "bij voogdij mag langer.",
            )
        ]
    return []


@regel("PRODUCTDUUR")
def check_product_duration(p: Proposal) -> list[Finding]:
    """The product book's duration per beschikking, a guideline: longer needs a recorded reason."""
    if p.product is None or not p.product.max_duration_months or not applies("PRODUCTDUUR", p.region):
        return []
    if p.product.code in DYSLEXIA_TREATMENT and applies("DYSLEXIE-DUUR", p.region):
        return []  # a firm limit there: check_dyslexia_duration refuses
    months = p.product.max_duration_months
    last = last_day_of(p.begin, months=months)
    if _beyond(p, last):
        end = "zonder einddatum" if p.end is None else f"tot {p.end:%d-%m-%Y}"
        return [
            _finding(
                "PRODUCTDUUR",
                f"Het productenboek gaat uit van ten hoogste {months} maanden (tot en met {last:%d-%m-%Y}); "
                f"deze toewijzing loopt {end}.",
            )
        ]
    return []


@regel("DYSLEXIE-DUUR")
def check_dyslexia_duration(p: Proposal) -> list[Finding]:
    """Dyslexia treatment at most 1.5 years, an open end included."""
    if (
        p.product is None
        or p.product.code not in DYSLEXIA_TREATMENT
        or not applies("DYSLEXIE-DUUR", p.region)
    ):
        return []
    last = last_day_of(p.begin, months=DYSLEXIA_MONTHS)
    if _beyond(p, last):
        end = "zonder einddatum" if p.end is None else f"tot {p.end:%d-%m-%Y}"
        return [
            _finding(
                "DYSLEXIE-DUUR",
                f"De behandeling van dyslexie duurt ten hoogste 1,5 jaar (tot en met {last:%d-%m-%Y}); "
                f"deze toewijzing loopt {end}.",
            )
        ]
    return []


@regel("CRISIS-DUUR", "CRISIS-DUUR-ADVIES")
def check_crisis_duration(p: Proposal) -> list[Finding]:
    """Crisis care: refused past ``refuse_after_days``, signalled past ``signal_after_days``."""
    limits = (p.product.limits or {}).get("crisis_duration") if p.product is not None else None
    if not limits:
        return []
    refuse_after = limits.get("refuse_after_days")
    if refuse_after and applies("CRISIS-DUUR", p.region):
        last = last_day_of(p.begin, days=refuse_after)
        if _beyond(p, last):
            return [
                _finding(
                    "CRISIS-DUUR",
                    f"Crisiszorg duurt ten hoogste {refuse_after} dagen (tot en met {last:%d-%m-%Y}).",
                )
            ]
    signal_after = limits.get("signal_after_days")
    if signal_after and applies("CRISIS-DUUR-ADVIES", p.region):
        last = last_day_of(p.begin, days=signal_after)
        if _beyond(p, last):
            return [
                _finding(
                    "CRISIS-DUUR-ADVIES",
                    f"Crisiszorg is bedoeld voor {signal_after} dagen (tot en met {last:%d-%m-%Y}); langer "
                    "alleen met redenen omkleed.",
                )
            ]
    return []
