"""Budget depletion and the year-end forecast, with month and year boundaries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jeugdketen.monitoring import figures
from jeugdketen.monitoring.models import Budget
from jeugdketen.toegang.models import Toewijzing


def row_for(report, municipality, lot):
    return next(r for r in report.tables[0].rows if r["municipality"] == municipality and r["lot"] == lot)


def test_forecast_is_realised_months_plus_committed_rest_of_year(region):
    Budget.objects.create(
        municipality=region.gemeente_a, year=2024, lot=region.lot_ambulant, amount=Decimal("10000")
    )
    # 2 hours a week at € 70: € 20 a day. 2024 is a leap year: Jan+Feb = 60 days, Mar-Dec = 306 days.
    region.toewijzing(begin=dt.date(2024, 1, 1), volume=2)
    report = figures.budget(year=2024, today=dt.date(2024, 3, 15))
    row = row_for(report, "Aadorp", "Ambulant")
    assert row["budget"] == 1_000_000
    assert row["realised"] == 120_000
    assert row["committed"] == 612_000
    assert row["forecast"] == 732_000
    assert row["depletion"] == Decimal("12.0")
    assert row["forecast_share"] == Decimal("73.2")
    assert row["remaining"] == 268_000


def test_year_boundary_counts_only_days_inside_the_year(region):
    # 1 etmaal a day at € 200 from 20 December 2024 to 10 January 2025: 12 days in 2024.
    region.toewijzing(product=region.wonen, begin=dt.date(2024, 12, 20), end=dt.date(2025, 1, 10))
    report = figures.budget(year=2024, today=dt.date(2024, 12, 1))
    row = row_for(report, "Aadorp", "Wonen")
    assert row["budget"] is None
    assert row["realised"] == 0
    assert row["committed"] == 240_000
    report = figures.budget(year=2025, today=dt.date(2025, 2, 1))
    assert row_for(report, "Aadorp", "Wonen")["realised"] == 200_000  # 10 days in January


def test_stop_ends_costs_and_withdrawn_toewijzing_costs_nothing(region):
    t = region.toewijzing(product=region.wonen, begin=dt.date(2024, 3, 1), end=dt.date(2024, 12, 31))
    region.stop(t, dt.date(2024, 3, 10), "31")
    region.toewijzing(product=region.wonen, begin=dt.date(2024, 3, 1), status=Toewijzing.Status.INGETROKKEN)
    report = figures.budget(year=2024, today=dt.date(2024, 3, 1))
    assert row_for(report, "Aadorp", "Wonen")["committed"] == 10 * 200_00


def test_month_frequency_and_total_frequency(region):
    # 4 hours per month: 12/365 months a day; over 365 days of 2025 exactly 48 hours = € 3.360.
    region.toewijzing(begin=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), volume=4, frequency="4")
    # 30 hours in total over 30 days, of which 10 fall in 2025 (22-31 December 2024 is outside).
    region.toewijzing(
        begin=dt.date(2024, 12, 22),
        end=dt.date(2025, 1, 20),
        volume=30,
        frequency="6",
        municipality=region.gemeente_b,
    )
    report = figures.budget(year=2025, today=dt.date(2025, 1, 1))
    assert row_for(report, "Aadorp", "Ambulant")["committed"] == 336_000
    assert row_for(report, "Beekdal", "Ambulant")["committed"] == 20 * 70_00


def test_contract_manager_sees_only_her_municipalities(region, contract_manager):
    from jeugdketen.accounts.access import scope

    region.toewijzing(begin=dt.date(2024, 1, 1))
    region.toewijzing(begin=dt.date(2024, 1, 1), municipality=region.gemeente_b)
    Budget.objects.create(
        municipality=region.gemeente_b, year=2024, lot=region.lot_ambulant, amount=Decimal("5")
    )
    report = figures.budget(lambda qs: scope(contract_manager, qs), year=2024, today=dt.date(2024, 6, 1))
    assert {r["municipality"] for r in report.tables[0].rows} == {"Aadorp"}
