"""The 14-etmalen pattern of part-time stay (Noordoost-Brabant, Bijlage 1, 3.2): at most 9 etmalen
at the provider in each period of 14 from the toewijzing's begin; the etmalen beyond are full stay,
which a part-time toewijzing does not cover (VERBLIJF-DEELTIJD-PATROON). Judged in memory on both
sides of the edge, on the stay-register screen, through a real JW323 intake, and set-based."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Product
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.declaraties import verblijf
from jeugdketen.declaraties.context import load_context
from jeugdketen.declaraties.engine import judge
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.jw323 import Line
from jeugdketen.declaraties.models import Prestatie, Verblijfsdag
from jeugdketen.declaraties.verblijf import Day

from .conftest import YEAR
from .test_verblijf import MARCH, rules
from .test_verblijf import residential as _residential

D = dt.date
A = Verblijfsdag.Kind.AANWEZIG
RULE = "VERBLIJF-DEELTIJD-PATROON"
WEEKEND_FOSTER = "43A62"  # part-time by its name


def present(first: dt.date, last: dt.date) -> list[Day]:
    return [Day(first + dt.timedelta(days=n), A) for n in range((last - first).days + 1)]


def residential(code: str = WEEKEND_FOSTER, region: str = "noordoost-brabant-2021"):
    """A stay whose toewijzing begins on 1 March 2023: the periods of 14 are 1-14 March,
    15-28 March, 29 March-11 April."""
    return _residential(code, region, begin=MARCH)


def line(volume: int, code: str = WEEKEND_FOSTER, month: int = 3) -> Line:
    begin = D(2023, month, 1)
    end = D(2023, month, 31 if month == 3 else 30)
    return Line(
        position=1, bsn="999990019", reference="P1", previous_reference="", toewijzing_number="100001",
        product_category=code[:2], product_code=code, begin=begin, end=end, volume=volume,
        unit="14", tariff_cents=13163, amount_cents=volume * 13163, debit_credit="D",
    )  # fmt: skip


def judged(days: list[Day], code: str = WEEKEND_FOSTER) -> dict:
    return verblijf.verdicts(code, days, stay_start=MARCH, holiday_used=Counter(), pattern_from=MARCH)


# --- the edge: 9 of 14 and 10 of 14


def test_nine_etmalen_of_fourteen_are_part_time_stay_and_paid():
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 9))
    assert rules(ctx, line(9)) == []


def test_the_tenth_etmaal_of_fourteen_is_full_stay_and_refused():
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 10))
    assert rules(ctx, line(10)) == [RULE]
    assert rules(ctx, line(9)) == []  # the provider bills the pattern: paid


def test_the_etmalen_beyond_the_ninth_are_the_refused_ones_in_date_order():
    result = judged(present(D(2023, 3, 1), D(2023, 3, 14)))
    assert [result[D(2023, 3, day)] for day in (1, 9)] == [None, None]
    assert {result[D(2023, 3, day)] for day in range(10, 15)} == {RULE}


def test_a_refusal_names_the_pattern_and_the_count():
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 12))
    (verdict,) = judge(ctx, [line(12)], received_on=D(2023, 4, 10))
    (finding,) = verdict.findings
    assert finding.rule == RULE and finding.retourcode == "9321"
    assert "12 etmalen gedeclareerd, 9 declarabel" in finding.text and "3 etmalen boven 9" in finding.text


# --- the window edge: fixed periods of 14 from the toewijzing's begin


def test_the_fourteenth_day_belongs_to_the_first_period_and_the_fifteenth_to_the_second():
    # 6 to 15 March: ten days in a row, but nine in the first period (6-14) and one in the second.
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 6), D(2023, 3, 15))
    assert rules(ctx, line(10)) == []
    # 5 to 14 March: ten days in the first period.
    ctx.stay_days[1] = present(D(2023, 3, 5), D(2023, 3, 14))
    assert rules(ctx, line(10)) == [RULE]


def test_the_periods_are_fixed_not_sliding():
    # 10-14 and 15-19 March: 10 days in a row, 5 in each period; a sliding window would see 10.
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 10), D(2023, 3, 19))
    assert rules(ctx, line(10)) == []


def test_the_periods_count_from_the_toewijzings_begin():
    ctx = residential()
    ctx.toewijzingen["100001"].begin = D(2023, 2, 27)  # periods 27 Feb-12 Mar, 13-26 Mar
    ctx.stay_days[1] = present(D(2023, 3, 3), D(2023, 3, 12))  # ten in the first period
    assert rules(ctx, line(10)) == [RULE]
    ctx.stay_days[1] = present(D(2023, 3, 4), D(2023, 3, 13))  # nine and one
    assert rules(ctx, line(10)) == []


def test_a_period_across_the_month_refuses_the_same_days_whichever_month_is_billed():
    # 29 March-11 April: 3 days in March, 7 in April (up to the 7th) -> the 10th, 7 April, is refused.
    days = present(D(2023, 3, 29), D(2023, 4, 7))
    result = judged(days)
    assert [d for d, rule in result.items() if rule] == [D(2023, 4, 7)]
    ctx = residential()
    ctx.stay_days[1] = days
    assert rules(ctx, line(3)) == []  # March alone: its days come first in the period
    assert rules(ctx, line(7, month=4)) == [RULE]
    assert rules(ctx, line(6, month=4)) == []


def test_an_incomplete_last_period_is_not_prorated():
    # A toewijzing ending on 4 April: 29 March-4 April is a period of 7 days, all at the provider.
    ctx = residential()
    ctx.toewijzingen["100001"].end = D(2023, 4, 4)
    ctx.stay_days[1] = present(D(2023, 3, 29), D(2023, 4, 4))
    last = line(4, month=4)
    last.end = D(2023, 4, 4)
    assert rules(ctx, last) == []  # 7 of at most 9, not 9 x 7 / 14: nothing beyond the pattern
    assert all(rule is None for rule in judged(ctx.stay_days[1]).values())


def test_fewer_than_seven_etmalen_in_fourteen_are_paid_as_delivered():
    ctx = residential()
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 3))  # 3 of 14: the start or the end of a stay
    assert rules(ctx, line(3)) == []
    assert rules(ctx, line(4)) == ["VERBLIJF-DAG"]  # a day not delivered is not paid either way


def test_absent_days_and_late_arrivals_do_not_count_towards_the_pattern():
    days = present(D(2023, 3, 1), D(2023, 3, 9))
    days[0] = Day(D(2023, 3, 1), A, arrived_at=dt.time(20, 30))  # not an etmaal (20:00 rule)
    days.append(Day(D(2023, 3, 10), A))
    result = judged(days)
    assert result[D(2023, 3, 1)] == "VERBLIJF-DAG" and result[D(2023, 3, 10)] is None


# --- which stays are part-time


def test_a_toewijzing_of_four_etmalen_a_week_is_held_to_the_pattern():
    ctx = residential("43A36")
    tw = ctx.toewijzingen["100001"]
    tw.volume, tw.frequency = 4, "2"  # 4 x 31 / 7 = 17.7 etmalen in March: TR321 allows 10
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 10))
    assert rules(ctx, line(10, "43A36")) == [RULE]
    assert rules(ctx, line(9, "43A36")) == []


def test_a_full_stay_is_not_held_to_the_pattern():
    ctx = residential("43A36")
    tw = ctx.toewijzingen["100001"]
    tw.volume, tw.frequency = 5, "2"  # above 4 a week: full stay
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 10))
    assert rules(ctx, line(10, "43A36")) == []


def test_fasehuis_deeltijdverblijf_without_a_weekly_toewijzing_is_not_held_to_the_pattern():
    # 44A30 is also a phase house with 24-hour supervision: only a weekly toewijzing says part-time.
    ctx = residential("44A30")
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 14))
    assert rules(ctx, line(14, "44A30")) == []
    tw = ctx.toewijzingen["100001"]
    tw.volume, tw.frequency = 4, "2"
    assert rules(ctx, line(14, "44A30")) == [RULE]


@pytest.mark.parametrize("region", ["alkmaar-2023", "midden-limburg-oost-2020", "groningen-2016"])
def test_the_pattern_does_not_leak_into_other_regions(region):
    ctx = residential(region=region)
    ctx.stay_days[1] = present(D(2023, 3, 1), D(2023, 3, 14))
    assert rules(ctx, line(14)) == []


# --- through the database: the screen, a JW323 intake, and the number of queries


def _weekend_foster(world) -> Product:
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code=WEEKEND_FOSTER)
    for year in (YEAR - 1, YEAR):
        ContractProduct.objects.create(
            contract=world.contract, product=product, year=year, tariff=Decimal("43.33")
        )
    world.products[WEEKEND_FOSTER] = product
    return product


def _stay(world, first: dt.date, last: dt.date, end: dt.date = dt.date(YEAR, 12, 31)):
    tw = world.toewijzing(
        WEEKEND_FOSTER, volume=None, frequency="", begin=D(YEAR, 3, 1), end=end, start=D(YEAR, 3, 1)
    )
    Verblijfsdag.objects.bulk_create(
        Verblijfsdag(provider=world.provider, toewijzing=tw, date=day.date, kind=A)
        for day in present(first, last)
    )
    return tw


def test_the_screen_shows_the_etmalen_beyond_the_pattern_as_not_billable(world, client):
    _weekend_foster(world)
    tw = _stay(world, D(YEAR, 3, 1), D(YEAR, 3, 10))
    client.force_login(User.objects.create(username="zorg", role=Role.AANBIEDER, provider=world.provider))
    page = client.get(f"/declaraties/verblijf/{tw.pk}/?maand={YEAR}-03").content.decode()
    assert page.count(f"({RULE})") == 1 and "9 declarabele dagen" in page
    assert "01-03-2025 t/m 14-03-2025" in page and "10 van 14 (boven het patroon)" in page
    assert "15-03-2025 t/m 28-03-2025" in page and "29-03-2025 t/m 11-04-2025" in page
    Verblijfsdag.objects.filter(toewijzing=tw, date=D(YEAR, 3, 1)).delete()
    page = client.get(f"/declaraties/verblijf/{tw.pk}/?maand={YEAR}-03").content.decode()
    assert f"({RULE})" not in page and "9 declarabele dagen" in page and "9 van 14<" in page


def test_the_screen_shows_a_last_period_cut_short_by_the_toewijzings_end(world, client):
    _weekend_foster(world)
    tw = _stay(world, D(YEAR, 3, 29), D(YEAR, 4, 4), end=D(YEAR, 4, 4))
    client.force_login(User.objects.create(username="zorg", role=Role.AANBIEDER, provider=world.provider))
    page = client.get(f"/declaraties/verblijf/{tw.pk}/?maand={YEAR}-04").content.decode()
    assert "29-03-2025 t/m 04-04-2025" in page and "7 van 7<" in page and "4 declarabele dagen" in page
    assert f"({RULE})" not in page and "12-04-2025" not in page


def test_a_jw323_of_ten_etmalen_in_fourteen_is_refused_and_of_nine_accepted(world):
    _weekend_foster(world)
    over = _stay(world, D(YEAR, 3, 1), D(YEAR, 3, 10))
    within = _stay(world, D(YEAR, 3, 6), D(YEAR, 3, 15))  # nine in 1-14 March, one in 15-28
    lines = [world.line(over, volume=10), world.line(within, volume=10)]
    result = process_jw323(world.jw323(lines), received_on=D(YEAR, 12, 6))
    by_toewijzing = {p.toewijzing_id: p for p in Prestatie.objects.filter(declaratie=result.declaratie)}
    refused, accepted = by_toewijzing[over.pk], by_toewijzing[within.pk]
    assert not refused.accepted and refused.retourcodes == "9321"
    assert [f["rule"] for f in refused.findings] == [RULE]
    assert accepted.accepted and not accepted.findings


def test_the_pattern_adds_no_query_per_line(world):
    _weekend_foster(world)

    def queries(n: int) -> tuple[int, list]:
        lines = []
        for _ in range(n):
            lines.append(world.line(_stay(world, D(YEAR, 3, 1), D(YEAR, 3, 10)), volume=10))
        with CaptureQueriesContext(connection) as captured:
            verdicts = judge(
                load_context(world.provider, world.municipality, lines), lines, received_on=D(YEAR, 4, 10)
            )
        return len(captured.captured_queries), verdicts

    small, small_verdicts = queries(3)
    large, large_verdicts = queries(6)
    assert small == large, (small, large)
    for verdicts in (small_verdicts, large_verdicts):
        assert all([f.rule for f in verdict.findings] == [RULE] for verdict in verdicts)
