"""Residential billing of Noordoost-Brabant (Bijlage 1, 3.2 and 3.3) on both sides of each edge:
the 20:00 rule, absence days and their limits, part-time stay, clinical stays, respite, and a
lighter clinical stay billed within the toewijzing of a heavier one. Judged in memory, and once
through the database to show the register is read set-based."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from jeugdketen.declaraties import verblijf
from jeugdketen.declaraties.context import Context, load_context
from jeugdketen.declaraties.engine import judge
from jeugdketen.declaraties.jw323 import Line
from jeugdketen.declaraties.models import Verblijfsdag
from jeugdketen.declaraties.verblijf import Day

from .test_register_edges import PRODUCT, context

NOB = "noordoost-brabant-2021"
D = dt.date
A, V, W = Verblijfsdag.Kind.AANWEZIG, Verblijfsdag.Kind.VERTREK, Verblijfsdag.Kind.AFWEZIG
R = Verblijfsdag.Reason


JANUARY = D(2023, 1, 1)
MARCH = D(2023, 3, 1)
MARCH_END = D(2023, 3, 31)


def residential(code: str = "44A28", region: str = NOB, begin: dt.date = JANUARY) -> Context:
    ctx = context(region)
    tw = ctx.toewijzingen["100001"]
    tw.code, tw.category, tw.unit, tw.begin = code, code[:2], "14", begin
    ctx.first_start[tw.id] = begin
    ctx.tariffs[(PRODUCT, 2023)] = (Decimal("131.63"), False)
    ctx.products[PRODUCT] = (code, {}, None)
    ctx.product_regions[PRODUCT] = region
    return ctx


def march(volume: int, code: str = "44A28", begin: dt.date = MARCH, end: dt.date = MARCH_END) -> Line:
    return Line(
        position=1, bsn="999990019", reference="V1", previous_reference="", toewijzing_number="100001",
        product_category=code[:2], product_code=code, begin=begin, end=end, volume=volume,
        unit="14", tariff_cents=13163, amount_cents=volume * 13163, debit_credit="D",
    )  # fmt: skip


def register(ctx: Context, special: dict[dt.date, Day], begin: dt.date = MARCH) -> None:
    """Every day of March from `begin` present, except the days in `special`."""
    days = []
    day = begin
    while day <= D(2023, 3, 31):
        days.append(special.get(day, Day(day, A)))
        day += dt.timedelta(days=1)
    ctx.stay_days[1] = days


def absent(first: dt.date, count: int, reason: str = R.VAKANTIE, agreed: bool = False) -> dict:
    return {
        first + dt.timedelta(days=n): Day(first + dt.timedelta(days=n), W, reason=reason, agreed=agreed)
        for n in range(count)
    }


def rules(ctx: Context, line: Line) -> list[str]:
    """The rules that refuse `line`, judged on a copy so one context serves several lines."""
    (verdict,) = judge(copy.deepcopy(ctx), [line], received_on=D(2023, 4, 10))
    return [finding.rule for finding in verdict.findings]


# --- which day counts: the 20:00 rule


def _arrival(at: dt.time) -> Context:
    ctx = residential(begin=D(2023, 3, 10))
    register(ctx, {D(2023, 3, 10): Day(D(2023, 3, 10), A, arrived_at=at)}, begin=D(2023, 3, 10))
    return ctx


def test_arrival_at_19_59_makes_the_first_day_billable():
    assert rules(_arrival(dt.time(19, 59)), march(22, begin=D(2023, 3, 10))) == []


def test_arrival_at_20_00_leaves_the_first_day_unbilled():
    ctx = _arrival(dt.time(20, 0))
    assert rules(ctx, march(22, begin=D(2023, 3, 10))) == ["VERBLIJF-DAG"]
    assert rules(ctx, march(21, begin=D(2023, 3, 10))) == []


def test_days_missing_from_the_register_are_not_billable_and_the_departure_day_is():
    ctx = residential()
    special = {D(2023, 3, 31): Day(D(2023, 3, 31), V)}
    register(ctx, special)
    del ctx.stay_days[1][0]  # 1 March not registered
    assert rules(ctx, march(31)) == ["VERBLIJF-DAG"]
    assert rules(ctx, march(30)) == []  # the day of departure at the end of care counts


def test_without_a_register_the_days_themselves_are_not_judged():
    assert rules(residential(), march(31)) == []


# --- without a register: no more etmalen than days of care (VERBLIJF-ETMALEN, every region)

REGIONS = ["noordoost-brabant-2021", "alkmaar-2023", "midden-limburg-oost-2020", "groningen-2016"]


@pytest.mark.parametrize("region", REGIONS)
def test_without_a_register_as_many_etmalen_as_days_of_the_period_are_paid(region):
    # The toewijzing sets no volume per week here, so TR321 bounds nothing: only the days do.
    assert rules(residential(region=region), march(31)) == []


@pytest.mark.parametrize("region", REGIONS)
def test_without_a_register_one_etmaal_more_than_the_days_of_the_period_is_refused(region):
    assert rules(residential(region=region), march(32)) == ["VERBLIJF-ETMALEN"]


def test_without_a_register_the_days_before_the_start_of_care_are_not_etmalen():
    ctx = residential()
    ctx.first_start[1] = D(2023, 3, 10)  # care (JW305) began on 10 March: 22 days up to the 31st
    assert rules(ctx, march(22)) == []
    assert rules(ctx, march(23)) == ["VERBLIJF-ETMALEN"]


def test_the_days_bound_a_line_with_a_register_too_and_the_register_decides_the_rest():
    ctx = residential()
    register(ctx, {})
    assert rules(ctx, march(31)) == []
    assert rules(ctx, march(32)) == ["VERBLIJF-ETMALEN"]  # once, not also as days missing
    del ctx.stay_days[1][0]  # 1 March not registered: within the days, the register decides
    assert rules(ctx, march(31)) == ["VERBLIJF-DAG"]
    # A register that holds no day of the line's period does not judge it: the days bound it.
    ctx.stay_days[1] = [Day(D(2023, 2, 1), A)]
    assert rules(ctx, march(31)) == []
    assert rules(ctx, march(32)) == ["VERBLIJF-ETMALEN"]


def test_a_line_of_other_units_is_not_counted_in_days():
    ctx = residential()
    ctx.toewijzingen["100001"].unit = "04"
    line = march(40)
    line.unit = "04"
    assert "VERBLIJF-ETMALEN" not in rules(ctx, line)


# --- absence days: holiday or detention


def test_a_holiday_of_fourteen_days_is_paid():
    ctx = residential()
    register(ctx, absent(D(2023, 3, 6), 14))
    assert rules(ctx, march(31)) == []


def test_the_fifteenth_day_of_a_holiday_is_not_paid():
    ctx = residential()
    register(ctx, absent(D(2023, 3, 6), 15))
    assert rules(ctx, march(31)) == ["VERBLIJF-AFWEZIG"]
    assert rules(ctx, march(30)) == []


def _holiday(stayed: int, used: int = 0) -> str | None:
    spell = D(2023, 3, 20)
    days = [Day(spell, W, reason=R.VAKANTIE)]
    result = verblijf.verdicts(
        "44A28", days, stay_start=spell - dt.timedelta(days=stayed), holiday_used=Counter({2023: used})
    )
    return result[spell]


def test_holiday_pay_needs_fourteen_days_of_stay_before():
    assert _holiday(stayed=14) is None
    assert _holiday(stayed=13) == "VERBLIJF-AFWEZIG"


def test_at_most_42_holiday_days_a_year():
    assert _holiday(stayed=60, used=41) is None
    assert _holiday(stayed=60, used=42) == "VERBLIJF-AFWEZIG"


def test_the_yearly_holiday_count_goes_on_over_the_year():
    used = Counter()
    first = D(2023, 2, 1)
    days = [Day(first + dt.timedelta(days=n), W, reason=R.VAKANTIE) for n in range(3)]
    verblijf.verdicts("44A28", days, stay_start=D(2023, 1, 1), holiday_used=used)
    assert used[2023] == 3


def test_admission_elsewhere_is_paid_91_days_and_then_needs_consent():
    first = D(2023, 1, 1)
    days = [Day(first + dt.timedelta(days=n), W, reason=R.OPNAME) for n in range(92)]
    result = verblijf.verdicts("44A28", days, stay_start=D(2022, 6, 1), holiday_used=Counter())
    assert result[first + dt.timedelta(days=90)] is None
    assert result[first + dt.timedelta(days=91)] == "VERBLIJF-AFWEZIG"
    days[-1] = Day(days[-1].date, W, reason=R.OPNAME, agreed=True)
    result = verblijf.verdicts("44A28", days, stay_start=D(2022, 6, 1), holiday_used=Counter())
    assert result[days[-1].date] is None


def test_two_days_of_weekend_leave_a_week_are_paid_a_third_is_not():
    ctx = residential()
    register(ctx, absent(D(2023, 3, 11), 2, R.WEEKENDVERLOF))  # Saturday and Sunday
    assert rules(ctx, march(31)) == []
    ctx = residential()
    register(ctx, absent(D(2023, 3, 10), 3, R.WEEKENDVERLOF))  # Friday to Sunday
    assert rules(ctx, march(31)) == ["VERBLIJF-AFWEZIG"]


def test_two_days_of_weekend_leave_across_sunday_are_paid():
    ctx = residential()
    register(ctx, absent(D(2023, 3, 12), 2, R.WEEKENDVERLOF))  # Sunday and Monday: two weeks, two in a row
    assert rules(ctx, march(31)) == []


def test_a_third_day_of_weekend_leave_in_a_row_is_not_paid_across_sunday():
    # Sunday to Tuesday: no week (Monday to Sunday) has more than two, but three days in a row do.
    ctx = residential()
    register(ctx, absent(D(2023, 3, 12), 3, R.WEEKENDVERLOF))
    assert rules(ctx, march(31)) == ["VERBLIJF-AFWEZIG"]
    assert rules(ctx, march(30)) == []


def test_other_absence_only_when_the_municipality_agreed():
    ctx = residential()
    register(ctx, absent(D(2023, 3, 6), 1, R.OVERIG))
    assert rules(ctx, march(31)) == ["VERBLIJF-AFWEZIG"]
    ctx = residential()
    register(ctx, absent(D(2023, 3, 6), 1, R.OVERIG, agreed=True))
    assert rules(ctx, march(31)) == []


# --- part-time stay, clinical stays, respite: no absence pay


NO_ABSENCE_PAY = [
    ("54Z04", "VERBLIJF-KLINISCH"),
    ("43A11", "VERBLIJF-RESPIJT"),
]


@pytest.mark.parametrize(("code", "rule"), NO_ABSENCE_PAY)
def test_every_day_present_is_paid(code, rule):
    ctx = residential(code)
    register(ctx, {})
    assert rules(ctx, march(31, code)) == []


@pytest.mark.parametrize(("code", "rule"), NO_ABSENCE_PAY)
def test_one_day_absent_is_not_paid_even_when_agreed(code, rule):
    ctx = residential(code)
    register(ctx, absent(D(2023, 3, 6), 1, R.VAKANTIE, agreed=True))
    assert rules(ctx, march(31, code)) == [rule]
    assert rules(ctx, march(30, code)) == []


def _weekend_foster(special: dict[dt.date, Day]) -> Context:
    """Weekend foster care (43A62, part-time by its name) from 1 to 9 March (so a line of those days
    is a whole period, TR388): 9 etmalen registered, within the pattern's first period of 14,
    except the days in `special`."""
    ctx = residential("43A62", begin=MARCH)
    ctx.toewijzingen["100001"].end = D(2023, 3, 9)
    ctx.stay_days[1] = [special.get(day, Day(day, A)) for day in (D(2023, 3, n) for n in range(1, 10))]
    return ctx


def _first_nine(volume: int) -> Line:
    return march(volume, "43A62", end=D(2023, 3, 9))


def test_part_time_stay_with_every_day_present_is_paid():
    assert rules(_weekend_foster({}), _first_nine(9)) == []


def test_part_time_stay_with_one_day_absent_is_not_paid_for_it_even_when_agreed():
    ctx = _weekend_foster(absent(D(2023, 3, 6), 1, R.VAKANTIE, agreed=True))
    assert rules(ctx, _first_nine(9)) == ["VERBLIJF-DEELTIJD"]
    assert rules(ctx, _first_nine(8)) == []


# --- part-time by the toewijzing: at most 4 etmalen a week is not full stay (above 4½ it is)


def _weekly(volume: int) -> str | None:
    """The verdict on one day of holiday in a stay of 43A36 allocated `volume` etmalen a week."""
    tw = residential("43A36").toewijzingen["100001"]
    tw.volume, tw.frequency = volume, "2"
    spell = D(2023, 3, 20)
    result = verblijf.verdicts(
        "43A36",
        [Day(spell, W, reason=R.VAKANTIE)],
        stay_start=D(2023, 1, 1),
        holiday_used=Counter(),
        part_time=verblijf.is_part_time(tw),
    )
    return result[spell]


def test_a_stay_of_five_etmalen_a_week_is_full_stay_and_its_holiday_is_paid():
    assert _weekly(5) is None


def test_a_stay_of_four_etmalen_a_week_is_part_time_and_its_absence_is_not_paid():
    assert _weekly(4) == "VERBLIJF-DEELTIJD"


def test_a_fasehuis_as_full_stay_is_paid_its_holiday_like_any_verblijf_basis():
    """44A30 "Fasehuis / deeltijdverblijf" is verblijf basis (Tabel 10) with 24-hour supervision:
    3.2 pays its absence within the limits, unless its toewijzing makes it part-time."""
    ctx = residential("44A30")
    register(ctx, absent(D(2023, 3, 6), 1, R.VAKANTIE))
    assert rules(ctx, march(31, "44A30")) == []
    register(ctx, absent(D(2023, 3, 6), 1, R.OVERIG))  # not a kind of absence 3.2 pays
    assert rules(ctx, march(31, "44A30")) == ["VERBLIJF-AFWEZIG"]


# Verblijf specialistisch "ook in deeltijd", and the Fasehuis / deeltijdverblijf allocated part-time.
@pytest.mark.parametrize("code", ["43A36", "44A30"])
def test_a_part_time_toewijzing_refuses_the_absence_on_the_bill_line(code):
    ctx = residential(code)
    tw = ctx.toewijzingen["100001"]
    tw.volume, tw.frequency = 4, "2"
    register(ctx, absent(D(2023, 3, 6), 1, R.VAKANTIE, agreed=True))
    assert "VERBLIJF-DEELTIJD" in rules(ctx, march(31, code))
    tw.volume = 5
    assert "VERBLIJF-DEELTIJD" not in rules(ctx, march(31, code))


def test_the_residential_rules_do_not_leak_into_other_regions():
    ctx = residential(region="alkmaar-2023")
    register(ctx, {**absent(D(2023, 3, 6), 20), D(2023, 3, 1): Day(D(2023, 3, 1), A, dt.time(21, 0))})
    assert rules(ctx, march(31)) == []


# --- a lighter clinical stay within the toewijzing of a heavier one (3.3)

LIGHTER = 8


def _clinical(region: str = NOB) -> Context:
    ctx = residential("54Z07", region)
    ctx.lower_products[(NOB, "54Z04")] = LIGHTER
    ctx.tariffs[(LIGHTER, 2023)] = (Decimal("200.00"), False)
    return ctx


def _line(code: str, tariff: int) -> Line:
    return Line(
        position=1, bsn="999990019", reference="C1", previous_reference="", toewijzing_number="100001",
        product_category="54", product_code=code, begin=D(2023, 3, 1), end=D(2023, 3, 31), volume=10,
        unit="14", tariff_cents=tariff, amount_cents=10 * tariff, debit_credit="D",
    )  # fmt: skip


def test_a_lighter_clinical_stay_is_billed_within_the_heavier_toewijzing_at_its_own_tariff():
    (verdict,) = judge(_clinical(), [_line("54Z04", 20000)], received_on=D(2023, 4, 10))
    assert verdict.findings == [] and verdict.product_id == LIGHTER
    assert rules(_clinical(), _line("54Z04", 13163)) == ["TR418"]  # the heavier product's tariff


def test_a_heavier_clinical_stay_is_not_billed_within_a_lighter_toewijzing():
    ctx = residential("54Z04")
    ctx.lower_products[(NOB, "54Z07")] = LIGHTER
    assert "TR340" in rules(ctx, _line("54Z07", 13163))


def test_billing_a_lighter_stay_does_not_leak_into_other_regions():
    assert "TR340" in rules(_clinical("alkmaar-2023"), _line("54Z04", 20000))


# --- through the database: the register is read for the whole declaration in one go


def test_the_register_is_read_from_the_database_and_refuses_a_late_arrival(world):
    from jeugdketen.catalogus.models import Product
    from jeugdketen.contracten.models import ContractProduct

    product = Product.objects.get(region__slug=NOB, code="44A28")
    ContractProduct.objects.create(
        contract=world.contract, product=product, year=2025, tariff=Decimal("131.63")
    )
    world.products["44A28"] = product
    tw = world.toewijzing("44A28", volume=None, frequency="", start=D(2025, 3, 1))
    for n in range(31):
        day = D(2025, 3, 1) + dt.timedelta(days=n)
        Verblijfsdag.objects.create(
            provider=world.provider, toewijzing=tw, date=day, kind=A,
            arrived_at=dt.time(21, 0) if n == 0 else None,
        )  # fmt: skip
    for volume, expected in ((31, ["VERBLIJF-DAG"]), (30, [])):
        lines = [world.line(tw, volume=volume)]
        ctx = load_context(world.provider, world.municipality, lines)
        assert ctx.product_regions[product.pk] == NOB and len(ctx.stay_days[tw.pk]) == 31
        (verdict,) = judge(ctx, lines, received_on=D(2025, 4, 10))
        assert [f.rule for f in verdict.findings] == expected
