"""The intensity of a product and the other volume limits its book gives as advice.

Alkmaar prints the intensity as "Intensiteit (richtlijn)" and most volumes per beschikking
under "Duur per beschikking (richtlijn)"; Noordoost-Brabant calls every maximum in its book
"een dringend advies"; Groningen gives a band of hours per beschikking for each level of a
product (25-50 hours is "middel"). None of them says that more is not paid, so an allocation
outside the range is signalled (``INTENSITEIT``): the access worker goes on with a recorded
reason. The catalogue keeps such advice apart from the hard caps: ``limits.intensity`` and
``limits.guidelines`` here, ``limits.caps`` for the limits a bill line is refused by
(``PB-PLAFOND``, ``PB-PLAFOND-PERIODE`` in :mod:`jeugdketen.declaraties`).

One volume rule here is no advice: Groningen defines the unit of its jeugdbescherming and
jeugdreclassering products as one month of the measure ("Eén stuk = één maand"), so more than one
stuk a month, or more stuks in total than the months the toewijzing lasts, is refused
(``STUK-MAAND``).

A limit is compared with the allocation only where both speak the same unit and period: a
volume per week against a limit per week, a total within the validity (WMO757 "6") against one
per beschikking or traject, or per calendar year when the toewijzing lies within one year.
Anything else (a toewijzing per week against a yearly limit, another unit) is not converted,
because the books do not say how.
"""

from __future__ import annotations

from decimal import Decimal

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .periods import last_day_of
from .proposal import Finding, Proposal

#: catalogue ``per`` -> WMO757 frequentie of the toewijzing
FREQUENCY = {"day": "1", "week": "2", "month": "4", "beschikking": "6", "traject": "6", "calendar_year": "6"}
PERIOD = {
    "day": "per dag",
    "week": "per week",
    "month": "per maand",
    "beschikking": "per beschikking",
    "traject": "per traject",
    "calendar_year": "per kalenderjaar",
}


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _limits(product) -> list[dict]:
    limits = product.limits or {}
    found = [limits["intensity"]] if limits.get("intensity") else []
    for guideline in limits.get("guidelines") or []:
        found.append({**guideline, "min": None, "max": guideline.get("amount")})
    return [{**limit, "min": _number(limit.get("min")), "max": _number(limit.get("max"))} for limit in found]


def _comparable(limit: dict, p: Proposal, unit: str) -> bool:
    per = limit.get("per")
    if FREQUENCY.get(per) != p.frequency or not unit or str(limit.get("unit") or "") != unit:
        return False
    if per == "calendar_year":
        return p.end is not None and p.end.year == p.begin.year
    return True


@regel("INTENSITEIT")
def check_intensity(p: Proposal) -> list[Finding]:
    """A volume above the book's advised maximum, or below its minimum, asks for a recorded reason."""
    if p.product is None or p.volume is None or not applies("INTENSITEIT", p.region):
        return []
    unit = p.unit or p.product.unit_code
    label = p.product.unit_label or unit
    for limit in _limits(p.product):
        if not _comparable(limit, p, unit):
            continue
        low, high, period = limit.get("min"), limit.get("max"), PERIOD[limit["per"]]
        if high is not None and p.volume > high:
            return [
                Finding(
                    "INTENSITEIT",
                    f"{p.volume} {label} {period} is meer dan het productenboek voor {p.product.name} "
                    f"adviseert (ten hoogste {high:g}).",
                    "4",
                )
            ]
        if low is not None and p.volume < low:
            return [
                Finding(
                    "INTENSITEIT",
                    f"{p.volume} {label} {period} is minder dan het productenboek voor {p.product.name} "
                    f"adviseert (ten minste {low:g}).",
                    "4",
                )
            ]
    return []


def months_begun(begin, end) -> int:
    """How many months a period from `begin` to `end` (both included) lasts, a begun month counted:
    a year from 4 March to 3 March is 12, one day more is 13."""
    months = 1
    while last_day_of(begin, months=months) < end:
        months += 1
    return months


@regel("STUK-MAAND")
def check_monthly_unit(p: Proposal) -> list[Finding]:
    """Groningen's jeugdbescherming and jeugdreclassering: one stuk is one month of the measure, so
    at most 1 per month, and in total no more stuks than the months the toewijzing lasts."""
    if p.product is None or p.volume is None or not applies("STUK-MAAND", p.region):
        return []
    if not (p.product.limits or {}).get("stuk_is_month"):
        return []
    if p.frequency == FREQUENCY["month"] and p.volume > 1:
        return [
            Finding(
                "STUK-MAAND",
                f"Bij {p.product.name} is één stuk één maand: {p.volume} stuks per maand kan niet.",
                "4",
            )
        ]
    if p.frequency == FREQUENCY["beschikking"] and p.end is not None:
        months = months_begun(p.begin, p.end)
        if p.volume > months:
            return [
                Finding(
                    "STUK-MAAND",
                    f"Bij {p.product.name} is één stuk één maand: {p.volume} stuks is meer dan de {months} "
                    f"maanden van {p.begin:%d-%m-%Y} tot en met {p.end:%d-%m-%Y}.",
                    "4",
                )
            ]
    return []
