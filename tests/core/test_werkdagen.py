"""Working days: weekends and Dutch public holidays do not count."""

import datetime as dt

from jeugdketen.core.werkdagen import (
    add_working_days,
    is_overdue,
    is_working_day,
    next_working_day,
    working_days_between,
)

D = dt.date


def test_weekend_is_no_working_day():
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert not is_working_day(D(2026, 11, 22))  # Sunday
    assert is_working_day(D(2026, 11, 23))


def test_koningsdag_is_no_working_day():
    assert not is_working_day(D(2026, 4, 27))
    # Koningsdag on a Sunday moves to Saturday 26 April 2025.
    assert not is_working_day(D(2025, 4, 26))


def test_easter_monday_and_good_friday():
    assert not is_working_day(D(2026, 4, 6))  # Tweede Paasdag
    # The holidays package counts Goede Vrijdag as a Dutch holiday; so do we.
    assert not is_working_day(D(2026, 4, 3))


def test_christmas_skipped():
    # Thu 24 Dec 2026 + 1 working day: 25, 26, 27 are holiday/weekend -> Mon 28 Dec.
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 28)


def test_add_over_easter_and_koningsdag():
    # Thu 2 Apr 2026 + 3: Goede Vrijdag, the weekend and Paasmaandag skipped -> Thu 9.
    assert add_working_days(D(2026, 4, 2), 3) == D(2026, 4, 9)
    # Fri 24 Apr 2026 + 2: Mon 27 (Koningsdag) skipped -> Tue 28, Wed 29.
    assert add_working_days(D(2026, 4, 24), 2) == D(2026, 4, 29)


def test_bevrijdingsdag_only_in_lustrum_years():
    assert not is_working_day(D(2025, 5, 5))
    assert is_working_day(D(2026, 5, 5))


def test_between_is_inverse_of_add():
    start = D(2026, 12, 18)
    for days in range(0, 30):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(D(2026, 12, 28), D(2026, 12, 24)) == -1


def test_next_working_day_and_overdue():
    assert next_working_day(D(2026, 12, 25)) == D(2026, 12, 28)
    assert next_working_day(D(2026, 12, 23)) == D(2026, 12, 23)
    assert is_overdue(D(2026, 1, 5), today=D(2026, 1, 6))
    assert not is_overdue(D(2026, 1, 5), today=D(2026, 1, 5))
