"""Lead times in working days over Easter, Koningsdag, Ascension and Christmas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jeugdketen.core import werkdagen
from jeugdketen.monitoring import figures
from jeugdketen.monitoring.calendar import ensure_calendar
from jeugdketen.monitoring.models import CalendarDay

D = dt.date


def test_calendar_agrees_with_werkdagen(db):
    ensure_calendar(D(2025, 12, 31))
    numbers = dict(
        CalendarDay.objects.filter(date__year__in=(2023, 2024, 2025)).values_list(
            "date", "working_day_number"
        )
    )
    pairs = [
        (D(2024, 3, 28), D(2024, 4, 2)),
        (D(2023, 4, 24), D(2023, 5, 2)),
        (D(2024, 12, 20), D(2025, 1, 6)),
        (D(2024, 1, 1), D(2024, 12, 31)),
        (D(2025, 4, 25), D(2025, 4, 28)),
    ]
    for start, end in pairs:
        assert numbers[end] - numbers[start] == werkdagen.working_days_between(start, end)


def test_lead_times_per_provider_and_product(region):
    x = region.provider_x
    # Good Friday 29 March, Easter Monday 1 April 2024: one working day.
    t1 = region.toewijzing(
        provider=x, begin=D(2024, 4, 2), toewijzing_date=D(2024, 4, 2), referral_date=D(2024, 3, 28)
    )
    region.start(t1, D(2024, 4, 16))  # 10 working days: within the norm
    # Christmas 25 and 26 December and New Year's Day: 8 working days.
    t2 = region.toewijzing(
        provider=x, begin=D(2024, 12, 20), toewijzing_date=D(2024, 12, 20), referral_date=D(2024, 12, 13)
    )
    region.start(t2, D(2025, 1, 6))
    # Ascension Day 9 May 2024: 13 working days, outside the norm.
    t3 = region.toewijzing(provider=x, begin=D(2024, 4, 22), toewijzing_date=D(2024, 4, 22))
    region.start(t3, D(2024, 5, 10))
    region.start(t3, D(2024, 6, 1))  # a later restart does not count: the first start does
    # Waiting: no start, 40 working days after the toewijzing on 31 December.
    region.toewijzing(
        provider=region.provider_y, product=region.wonen, begin=D(2024, 11, 1), toewijzing_date=D(2024, 11, 1)
    )
    # Another year: not counted in the 2024 lead times.
    region.toewijzing(provider=x, begin=D(2023, 6, 1), toewijzing_date=D(2023, 6, 1))

    report = figures.waiting_times(year=2024, today=D(2024, 12, 31))
    rows = {(r["provider"], r["product_code"]): r for r in report.tables[0].rows}
    amb = rows[("Xenia Zorg", "45A01")]
    assert amb["toewijzingen"] == 3
    assert amb["referral_to_toewijzing"] == Decimal("3.0")  # (1 + 5) / 2
    assert amb["started"] == 3
    assert amb["toewijzing_to_start"] == Decimal("10.3")  # (10 + 8 + 13) / 3
    assert amb["within_norm"] == 2
    assert amb["within_norm_share"] == Decimal("66.7")
    # The 2023 toewijzing is on the waiting list today (never started) but not in the 2024 counts.
    assert amb["waiting_list"] == 1
    wonen = rows[("Yde Jeugdhulp", "43A01")]
    assert wonen["toewijzingen"] == 1 and wonen["started"] == 0 and wonen["waiting_list"] == 1
    assert wonen["within_norm_share"] is None
    assert report.summary["waiting_list"] == 2
    assert report.summary["toewijzing_to_start"] == Decimal("10.3")


def test_koningsdag_is_not_a_working_day(region):
    t = region.toewijzing(begin=D(2023, 4, 24), toewijzing_date=D(2023, 4, 24), referral_date=D(2023, 4, 21))
    region.start(t, D(2023, 5, 2))
    row = figures.waiting_times(year=2023, today=D(2023, 12, 31)).tables[0].rows[0]
    assert row["toewijzing_to_start"] == Decimal("5.0")  # 25, 26, 28 April, 1, 2 May
    assert row["referral_to_toewijzing"] == Decimal("1.0")


def test_waiting_list_threshold_is_ten_working_days(region):
    # 2 December 2024 + 10 working days = 16 December: still within the norm; the 17th is late.
    region.toewijzing(begin=D(2024, 12, 2), toewijzing_date=D(2024, 12, 2))
    assert figures.waiting_times(year=2024, today=D(2024, 12, 16)).summary["waiting_list"] == 0
    assert figures.waiting_times(year=2024, today=D(2024, 12, 17)).summary["waiting_list"] == 1
