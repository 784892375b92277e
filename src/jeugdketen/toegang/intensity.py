"""The intensity of a product (hours, dagdelen or etmalen per day, week or beschikking).

Alkmaar prints it as "Intensiteit (richtlijn)", Noordoost-Brabant calls every maximum in its
book "een dringend advies", Groningen gives a band of hours per beschikking for each level of
a product (25-50 hours is "middel"). None of them says that more is not paid, so an allocation
outside the range is signalled (``INTENSITEIT``): the access worker goes on with a recorded
reason. A cap that the book does enforce on bill lines is ``PB-PLAFOND`` or
``PB-PLAFOND-PERIODE`` in :mod:`jeugdketen.declaraties`.

The range is compared with the allocation only where both speak the same unit and period:
a volume per week against an intensity per week, a total within the validity (WMO757 "6")
against one per beschikking. Anything else (an intensity per year, a toewijzing in another
unit) is not converted, because the books do not say how.
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .proposal import Finding, Proposal

#: catalogue ``per`` -> WMO757 frequentie of the toewijzing
FREQUENCY = {"day": "1", "week": "2", "month": "4", "beschikking": "6"}
PERIOD = {"day": "per dag", "week": "per week", "month": "per maand", "beschikking": "per beschikking"}


@regel("INTENSITEIT")
def check_intensity(p: Proposal) -> list[Finding]:
    """A volume above the book's intensity, or below its minimum, asks for a recorded reason."""
    if p.product is None or p.volume is None or not applies("INTENSITEIT", p.region):
        return []
    intensity = (p.product.limits or {}).get("intensity") or {}
    per = intensity.get("per")
    if FREQUENCY.get(per) != p.frequency:
        return []
    unit = p.unit or p.product.unit_code
    if not unit or intensity.get("unit") != unit:
        return []
    low, high = intensity.get("min"), intensity.get("max")
    label = p.product.unit_label or unit
    if high is not None and p.volume > high:
        return [
            Finding(
                "INTENSITEIT",
                f"{p.volume} {label} {PERIOD[per]} is meer dan de intensiteit die het productenboek voor "
                f"{p.product.name} noemt (ten hoogste {high}).",
                "4",
            )
        ]
    if low is not None and p.volume < low:
        return [
            Finding(
                "INTENSITEIT",
                f"{p.volume} {label} {PERIOD[per]} is minder dan de intensiteit die het productenboek voor "
                f"{p.product.name} noemt (ten minste {low}).",
                "4",
            )
        ]
    return []
