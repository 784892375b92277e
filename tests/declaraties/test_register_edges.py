"""Bill-line rules of the register on both sides of their edge, judged in memory (no database):
the vervaltermijn of Midden-Limburg Oost, and that it holds in no other region."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from jeugdketen.declaraties.context import Context, Tw
from jeugdketen.declaraties.engine import judge
from jeugdketen.declaraties.jw323 import Line

PRODUCT = 7


def context(region: str) -> Context:
    tw = Tw(
        id=1, number="100001", client_id=1, bsn="999990019", birth_date=dt.date(2014, 3, 1), provider_id=1,
        product_id=PRODUCT, category="45", code="45A04", begin=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31),
        volume=None, unit="04", frequency="", budget_cents=None, withdrawn=False,
    )  # fmt: skip
    return Context(
        provider_id=1,
        toewijzingen={tw.number: tw},
        first_start={tw.id: dt.date(2023, 1, 2)},
        tariffs={(PRODUCT, 2023): (Decimal("70.00"), False)},
        products={PRODUCT: ("45A04", {}, None)},
        caps={},
        known_references=set(),
        debits_by_reference={},
        open_debit_keys=Counter(),
        used_volume=defaultdict(int),
        used_amount=defaultdict(int),
        cap_used=defaultdict(Decimal),
        indirect={},
        contract_regions=frozenset({region}),
    )


def line() -> Line:
    return Line(
        position=1, bsn="999990019", reference="R1", previous_reference="", toewijzing_number="100001",
        product_category="45", product_code="45A04", begin=dt.date(2023, 12, 1), end=dt.date(2023, 12, 31),
        volume=10, unit="04", tariff_cents=7000, amount_cents=70000, debit_credit="D",
    )  # fmt: skip


def rules(region: str, received_on: dt.date) -> list[str]:
    (verdict,) = judge(context(region), [line()], received_on=received_on)
    return [finding.rule for finding in verdict.findings]


def test_care_of_2023_billed_on_1_april_2024_is_paid():
    assert rules("midden-limburg-oost-2020", dt.date(2024, 4, 1)) == []


def test_care_of_2023_billed_on_2_april_2024_is_refused():
    assert rules("midden-limburg-oost-2020", dt.date(2024, 4, 2)) == ["VERVAL"]


def test_the_vervaltermijn_does_not_leak_into_other_regions():
    for region in ("noordoost-brabant-2021", "alkmaar-2023", "groningen-2016"):
        assert rules(region, dt.date(2025, 6, 1)) == [], region


def judged(ctx: Context, *lines: Line) -> list[list[str]]:
    return [[f.rule for f in v.findings] for v in judge(ctx, list(lines), received_on=dt.date(2024, 1, 15))]


def test_dyslexia_started_at_twelve_is_paid():
    ctx = context("noordoost-brabant-2021")
    ctx.products[PRODUCT] = ("54B98", {}, 13)
    ctx.toewijzingen["100001"].birth_date = dt.date(2010, 1, 3)  # 12 on the start, 2 January 2023
    assert judged(ctx, line()) == [[]]


def test_dyslexia_started_at_thirteen_is_refused():
    ctx = context("noordoost-brabant-2021")
    ctx.products[PRODUCT] = ("54B98", {}, 13)
    ctx.toewijzingen["100001"].birth_date = dt.date(2010, 1, 2)  # 13 on the start, 2 January 2023
    assert judged(ctx, line()) == [["PB-LEEFTIJD"]]


def _capped(per: str, amount: int) -> Context:
    ctx = context("alkmaar-2023")
    ctx.caps[PRODUCT] = [(Decimal(amount), "04", per, "maximum")]
    return ctx


def test_cap_reached_exactly_is_paid():
    ctx = _capped("calendar_year", 10)
    ctx.cap_used[("year", 1, PRODUCT, 2023)] = Decimal(0)
    assert judged(ctx, line()) == [[]]


def test_cap_exceeded_by_one_is_refused():
    ctx = _capped("calendar_year", 10)
    ctx.cap_used[("year", 1, PRODUCT, 2023)] = Decimal(1)
    assert judged(ctx, line()) == [["PB-PLAFOND"]]


def _weekly(volume: int) -> Line:
    # One week, 4 to 10 December: a weekly cap of 3 allows 3 in it.
    return Line(
        position=1, bsn="999990019", reference="W1", previous_reference="", toewijzing_number="100001",
        product_category="45", product_code="45A04", begin=dt.date(2023, 12, 4), end=dt.date(2023, 12, 10),
        volume=volume, unit="04", tariff_cents=7000, amount_cents=volume * 7000, debit_credit="D",
    )  # fmt: skip


def test_three_etmalen_a_week_are_paid():
    ctx = _capped("week", 3)
    ctx.toewijzingen["100001"].begin = dt.date(2023, 12, 4)
    ctx.toewijzingen["100001"].end = dt.date(2023, 12, 10)
    assert judged(ctx, _weekly(3)) == [[]]


def test_more_than_three_etmalen_a_week_are_refused():
    ctx = _capped("week", 3)
    ctx.toewijzingen["100001"].begin = dt.date(2023, 12, 4)
    ctx.toewijzingen["100001"].end = dt.date(2023, 12, 10)
    assert judged(ctx, _weekly(4)) == [["PB-PLAFOND-PERIODE"]]


def _indirect(region: str, limits: dict, contract_allows: bool = False) -> list[list[str]]:
    ctx = context(region)
    ctx.products[PRODUCT] = ("45A04", limits, None)
    ctx.product_regions[PRODUCT] = region
    ctx.tariffs[(PRODUCT, 2023)] = (Decimal("70.00"), contract_allows)
    ctx.indirect["R1"] = 30
    return judged(ctx, line())


def test_indirect_time_where_the_contract_allows_it_is_paid():
    # Midden-Limburg Oost art. 19.3: the individual Jeugd GGZ treatments, marked in the catalogue.
    assert _indirect("midden-limburg-oost-2020", {"indirect_time_allowed": True}) == [[]]


def test_indirect_time_where_the_contract_does_not_is_refused():
    # Any other product, even under a contract that allows indirect time in general.
    assert _indirect("midden-limburg-oost-2020", {"indirect_time_allowed": None}, True) == [["CT-INDIRECT"]]


def test_indirect_time_is_billable_where_the_book_says_so():
    for region in ("alkmaar-2023", "noordoost-brabant-2021"):
        assert _indirect(region, {}) == [[]], region


def test_indirect_time_is_refused_for_a_product_the_book_excludes():
    for region in ("alkmaar-2023", "noordoost-brabant-2021"):
        assert _indirect(region, {"indirect_time_allowed": False}, True) == [["CT-INDIRECT"]], region


def test_where_no_document_speaks_the_contract_decides_indirect_time():
    assert _indirect("groningen-2016", {}, True) == [[]]
    assert _indirect("groningen-2016", {}, False) == [["CT-INDIRECT"]]


def _open_ended(region: str, month: int) -> list[list[str]]:
    # Toewijzing from 4 March 2021 without an end: two years run to 3 March 2023.
    ctx = context(region)
    tw = ctx.toewijzingen["100001"]
    tw.begin, tw.end = dt.date(2021, 3, 4), None
    ctx.first_start[tw.id] = tw.begin
    ctx.tariffs[(PRODUCT, 2023)] = (Decimal("70.00"), False)
    first = dt.date(2023, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    one = Line(
        position=1, bsn="999990019", reference="O1", previous_reference="", toewijzing_number="100001",
        product_category="45", product_code="45A04", begin=first, end=last, volume=1, unit="04",
        tariff_cents=7000, amount_cents=7000, debit_credit="D",
    )  # fmt: skip
    return judged(ctx, one)


def test_an_open_toewijzing_is_billed_for_the_last_whole_month_within_two_years():
    assert _open_ended("midden-limburg-oost-2020", 2) == [[]]


def test_an_open_toewijzing_is_not_billed_for_care_past_two_years():
    assert _open_ended("midden-limburg-oost-2020", 3) == [["DUUR-OPEN"]]


def test_the_two_years_of_an_open_toewijzing_do_not_leak_into_other_regions():
    assert _open_ended("noordoost-brabant-2021", 3) == [[]]
