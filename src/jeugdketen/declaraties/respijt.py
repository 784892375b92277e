"""Respite (logeren) counted per stay, the way each book counts it.

Noordoost-Brabant counts logeren per day (the first day before 20:00, never the day of
departure): that is :mod:`.verblijf`. The other books count a stay (logeerperiode) as a whole:

- Midden-Limburg Oost (product book 7.1) by its hours: up to and including 26 hours is one
  etmaal (the +2 hours once per stay), each further 4 hours a dagdeel, up to 50 hours two
  etmalen; a dagdeel is its own product, so a line of etmalen counts the etmalen only.
- Alkmaar allows at most two etmalen in a row, and an etmaal is 24 hours from any moment of
  the day: from the 25th hour of the stay the second etmaal starts (``RESPIJT-ETMAAL``).
- Groningen allows a stay of at most three etmalen and does not say how an etmaal is
  counted: there it is a night spent (docs/rules.md).

A stay in the register of stay days runs from a day present to the day of departure. A line of
etmalen may count the etmalen of the stays that end in its period.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from .models import Verblijfsdag

# Products counted per stay: (region, product code, or the name where the book has no code).
BY_STAY: dict[tuple[str, str], tuple[str, int | None]] = {
    ("midden-limburg-oost-2020", "43A41"): ("RESPIJT-UREN", None),
    ("midden-limburg-oost-2020", "43A42"): ("RESPIJT-UREN", None),
    ("alkmaar-2023", "Logeren"): ("RESPIJT-AANEEN", 2),
    ("groningen-2016", "44A09"): ("RESPIJT-AANEEN", 3),
    ("groningen-2016", "43A11"): ("RESPIJT-AANEEN", 3),
}
GRACE_HOURS = 2  # an etmaal holds 26 hours, once per stay
DAGDEEL_HOURS = 4
MAX_DAGDELEN = 3  # a fourth dagdeel makes an etmaal (t/m 38 hours 1 + 3, t/m 50 hours 2)


@dataclass(frozen=True, slots=True)
class Stay:
    arrival: dt.datetime
    departure: dt.datetime

    @property
    def hours(self) -> float:
        return (self.departure - self.arrival).total_seconds() / 3600

    @property
    def nights(self) -> int:
        return (self.departure.date() - self.arrival.date()).days


def hours_to_units(hours: float) -> tuple[int, int]:
    """Etmalen and dagdelen of one stay of `hours`, as Midden-Limburg Oost counts them."""
    counted = max(hours - GRACE_HOURS, 0)
    etmalen = max(int(counted // 24), 1)
    rest = counted - 24 * etmalen
    dagdelen = math.ceil(rest / DAGDEEL_HOURS) if rest > 0 else 0
    if dagdelen > MAX_DAGDELEN:
        etmalen, dagdelen = etmalen + 1, 0
    return etmalen, dagdelen


def stays(days) -> list[Stay]:
    """The complete stays (arrival to departure) in a toewijzing's register of stay days."""
    result, arrival = [], None
    for day in days:
        if day.kind == Verblijfsdag.Kind.AANWEZIG and arrival is None:
            arrival = dt.datetime.combine(day.date, day.arrived_at or dt.time(0, 0))
        elif day.kind == Verblijfsdag.Kind.VERTREK and arrival is not None:
            result.append(Stay(arrival, dt.datetime.combine(day.date, day.left_at or dt.time(23, 59))))
            arrival = None
        elif day.kind == Verblijfsdag.Kind.AFWEZIG:
            arrival = None
    return result


def etmalen(rule: str, stay: Stay, most: int | None, region: str = "") -> int:
    if rule == "RESPIJT-UREN":
        return hours_to_units(stay.hours)[0]
    by_hours = applies("RESPIJT-ETMAAL", region)  # Alkmaar: the 25th hour starts the second etmaal
    counted = max(math.ceil(stay.hours / 24) if by_hours else stay.nights, 1)
    return min(counted, most or counted)


@regel("RESPIJT-UREN", "RESPIJT-AANEEN", "RESPIJT-ETMAAL")
def judge_by_stay(context, verdict, tw, rule: str, most: int | None) -> None:
    """Refuse a line of etmalen that counts more than the stays ending in its period hold."""
    line = verdict.line
    region = context.product_regions.get(tw.product_id, "")
    if not applies(rule, region):
        return
    ending = [
        stay for stay in stays(context.stay_days[tw.id]) if line.begin <= stay.departure.date() <= line.end
    ]
    allowed = sum(etmalen(rule, stay, most, region) for stay in ending)
    if line.volume <= allowed:
        return
    if rule == "RESPIJT-UREN":
        how = "t/m 26 uur is één etmaal, elke 4 uur daarna een dagdeel"
    elif applies("RESPIJT-ETMAAL", region):
        how = f"ten hoogste {most} etmalen per logeerperiode, vanaf het 25e uur start het tweede etmaal"
    else:
        how = f"ten hoogste {most} etmalen per logeerperiode, een etmaal is een overnachting"
    verdict.reject(
        rule,
        f"{line.volume} etmalen logeren gedeclareerd, {allowed} volgens de {len(ending)} logeerperiode(s) "
        f"in het verblijfsregister die in deze periode eindigen ({how}).",
    )
