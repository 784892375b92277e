"""Respite (logeren) counted the way each book counts it, on both sides of each edge: per day in
Noordoost-Brabant (never the day of departure), by the hours of a stay in Midden-Limburg Oost,
at most two etmalen in a row in Alkmaar and three in Groningen."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from jeugdketen.declaraties.context import Context
from jeugdketen.declaraties.engine import judge
from jeugdketen.declaraties.jw323 import Line
from jeugdketen.declaraties.models import Verblijfsdag
from jeugdketen.declaraties.respijt import BY_STAY, hours_to_units
from jeugdketen.declaraties.verblijf import Day

from .test_register_edges import PRODUCT
from .test_verblijf import residential

D = dt.date
T = dt.time
A, V = Verblijfsdag.Kind.AANWEZIG, Verblijfsdag.Kind.VERTREK


def logeren(region: str, code: str, stay: list[Day]) -> Context:
    ctx = residential(code, region)
    if (region, code) in BY_STAY:
        ctx.respite_by_stay[PRODUCT] = BY_STAY[(region, code)]
    ctx.stay_days[1] = stay
    if code == "Logeren":  # Alkmaar's product has no code: the toewijzing holds the category only
        ctx.toewijzingen["100001"].code, ctx.toewijzingen["100001"].category = "", "44"
    return ctx


def visit(arrive: dt.datetime, leave: dt.datetime) -> list[Day]:
    days = [Day(arrive.date(), A, arrived_at=arrive.time())]
    day = arrive.date() + dt.timedelta(days=1)
    while day < leave.date():
        days.append(Day(day, A))
        day += dt.timedelta(days=1)
    days.append(Day(leave.date(), V, left_at=leave.time()))
    return days


def line(volume: int, code: str) -> Line:
    return Line(
        position=1, bsn="999990019", reference="L1", previous_reference="", toewijzing_number="100001",
        product_category=code[:2], product_code=code, begin=D(2023, 3, 1), end=D(2023, 3, 31), volume=volume,
        unit="14", tariff_cents=13163, amount_cents=volume * 13163, debit_credit="D",
    )  # fmt: skip


def rules(ctx: Context, volume: int, code: str) -> list[str]:
    (verdict,) = judge(copy.deepcopy(ctx), [line(volume, code)], received_on=D(2023, 4, 10))
    return [finding.rule for finding in verdict.findings]


SATURDAY = dt.datetime(2023, 3, 11, 10, 0)


# --- Noordoost-Brabant: per day, the departure day never an etmaal


def test_a_weekend_of_logeren_is_one_etmaal():
    ctx = logeren("noordoost-brabant-2021", "43A11", visit(SATURDAY, dt.datetime(2023, 3, 12, 17, 0)))
    assert rules(ctx, 1, "43A11") == []


def test_the_departure_day_of_logeren_is_not_an_etmaal():
    ctx = logeren("noordoost-brabant-2021", "43A11", visit(SATURDAY, dt.datetime(2023, 3, 12, 17, 0)))
    assert rules(ctx, 2, "43A11") == ["RESPIJT-VERTREK"]


def test_a_residential_departure_day_does_count():
    ctx = logeren("noordoost-brabant-2021", "44A28", visit(SATURDAY, dt.datetime(2023, 3, 12, 17, 0)))
    assert rules(ctx, 2, "44A28") == []


# --- Midden-Limburg Oost: by the hours of the stay


@pytest.mark.parametrize(
    ("hours", "units"),
    [(20, (1, 0)), (24, (1, 0)), (26, (1, 0)), (27, (1, 1)), (30, (1, 1)), (31, (1, 2)), (34, (1, 2)),
     (38, (1, 3)), (39, (2, 0)), (50, (2, 0)), (51, (2, 1))],
)  # fmt: skip
def test_hours_of_a_stay_become_etmalen_and_dagdelen_as_the_table_says(hours, units):
    assert hours_to_units(hours) == units


def _mlo(hours: int) -> Context:
    return logeren("midden-limburg-oost-2020", "43A41", visit(SATURDAY, SATURDAY + dt.timedelta(hours=hours)))


def test_a_stay_of_26_hours_is_one_etmaal():
    assert rules(_mlo(26), 1, "43A41") == []
    assert rules(_mlo(26), 2, "43A41") == ["RESPIJT-UREN"]


def test_a_stay_of_27_hours_is_still_one_etmaal_plus_a_dagdeel():
    assert rules(_mlo(27), 2, "43A41") == ["RESPIJT-UREN"]
    assert rules(_mlo(50), 2, "43A41") == []


# --- Alkmaar: at most two etmalen in a row; Groningen: a stay of at most three


def test_two_etmalen_in_a_row_of_logeren_in_alkmaar_are_paid():
    ctx = logeren(
        "alkmaar-2023", "Logeren", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 12, 18))
    )
    assert rules(ctx, 2, "44") == []


def test_a_third_etmaal_in_a_row_in_alkmaar_is_not_paid():
    ctx = logeren(
        "alkmaar-2023", "Logeren", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 13, 18))
    )
    assert rules(ctx, 3, "44") == ["RESPIJT-AANEEN"]
    assert rules(ctx, 2, "44") == []


def test_alkmaar_24_hours_of_logeren_are_one_etmaal():
    # Alkmaar (r. 4091-4093): an etmaal is 24 hours from any moment; the 25th hour starts the second.
    ctx = logeren(
        "alkmaar-2023", "Logeren", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 11, 18))
    )
    assert rules(ctx, 1, "44") == []
    assert rules(ctx, 2, "44") == ["RESPIJT-AANEEN"]


def test_alkmaar_a_minute_into_the_25th_hour_is_a_second_etmaal():
    ctx = logeren(
        "alkmaar-2023", "Logeren", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 11, 18, 1))
    )
    assert rules(ctx, 2, "44") == []  # one night, but two etmalen as Alkmaar counts them


def test_groningen_counts_nights_not_alkmaars_hours():
    ctx = logeren(
        "groningen-2016", "44A09", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 11, 19))
    )
    assert rules(ctx, 2, "44A09") == ["RESPIJT-AANEEN"]


def test_groningen_allows_three_etmalen_per_stay_not_four():
    ctx = logeren(
        "groningen-2016", "44A09", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 13, 18))
    )
    assert rules(ctx, 3, "44A09") == []
    ctx = logeren(
        "groningen-2016", "44A09", visit(dt.datetime(2023, 3, 10, 18), dt.datetime(2023, 3, 14, 18))
    )
    assert rules(ctx, 4, "44A09") == ["RESPIJT-AANEEN"]


def test_a_stay_counts_in_the_month_it_ends():
    ctx = logeren("groningen-2016", "44A09", visit(dt.datetime(2023, 3, 30, 18), dt.datetime(2023, 4, 1, 18)))
    assert rules(ctx, 1, "44A09") == ["RESPIJT-AANEEN"]
