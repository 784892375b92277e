"""Realised spending from actual Prestatie rows: accepted debits minus credits, month of begin date.

The lines are stored as the declaraties app stores them (signed amounts, credit negative); the
figures must count exactly the accepted ones, by the month their care began, and nothing of a
rejected line. The ledger, where present, must give the same turnover.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from jeugdketen.declaraties.models import Boeking, Declaratie, Prestatie
from jeugdketen.monitoring import declared_source, figures, spending

_reference = itertools.count(1)


def declaratie(region, provider=None, municipality=None) -> Declaratie:
    number = f"{next(_reference):012d}"
    return Declaratie.objects.create(
        provider=provider or region.provider_x,
        municipality=municipality or region.gemeente_a,
        number=number,
        period_begin=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        dagtekening=dt.date(2024, 12, 31),
        received_on=dt.date(2024, 12, 31),
        status=Declaratie.Status.BEOORDEELD,
    )


def line(decl, toewijzing, begin, end, cents, *, credit=False, accepted=True) -> Prestatie:
    return Prestatie.objects.create(
        declaratie=decl,
        municipality=decl.municipality,
        provider=decl.provider,
        position=next(_reference),
        bsn=toewijzing.client.bsn,
        client=toewijzing.client,
        toewijzing=toewijzing,
        product=toewijzing.product,
        reference=f"R{next(_reference)}",
        toewijzing_number=toewijzing.number,
        product_category=toewijzing.product_category,
        product_code=toewijzing.product_code,
        begin=begin,
        end=end,
        volume=1,
        unit=toewijzing.unit,
        tariff_cents=abs(cents),
        amount_cents=-cents if credit else cents,
        debit_credit="C" if credit else "D",
        accepted=accepted,
        retourcodes="" if accepted else "8001",
    )


@pytest.fixture
def billed(region):
    """One youth's ambulant care and another's residential care, billed with every kind of line."""
    ambulant = region.toewijzing(begin=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), volume=2)
    wonen = region.toewijzing(
        begin=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), product=region.wonen, volume=1
    )
    d = declaratie(region)
    # March: two accepted debits, one accepted credit of the second: € 700 + € 140 − € 140.
    line(d, ambulant, dt.date(2024, 3, 1), dt.date(2024, 3, 15), 70_000)
    line(d, ambulant, dt.date(2024, 3, 16), dt.date(2024, 3, 31), 14_000)
    line(d, ambulant, dt.date(2024, 3, 16), dt.date(2024, 3, 31), 14_000, credit=True)
    # A rejected debit and a rejected credit in March count nothing.
    line(d, ambulant, dt.date(2024, 3, 1), dt.date(2024, 3, 31), 99_900, accepted=False)
    line(d, ambulant, dt.date(2024, 3, 1), dt.date(2024, 3, 31), 70_000, credit=True, accepted=False)
    # A line running from 28 February into March belongs to February, the month of its begin.
    line(d, ambulant, dt.date(2024, 2, 28), dt.date(2024, 3, 5), 5_000)
    # Residential care in the second quarter: € 6.000 in April, € 200 credited.
    line(d, wonen, dt.date(2024, 4, 1), dt.date(2024, 4, 30), 600_000)
    line(d, wonen, dt.date(2024, 4, 1), dt.date(2024, 4, 30), 20_000, credit=True)
    return {"ambulant": ambulant, "wonen": wonen}


def test_realised_spending_is_accepted_debit_minus_credit_by_month_of_begin(billed):
    assert spending.source() == spending.DECLARED
    march, src = spending.spending(None, dt.date(2024, 3, 1), dt.date(2024, 3, 31), [])
    assert src == spending.DECLARED
    assert march[0]["cents"] == 70_000
    february, _src = spending.spending(None, dt.date(2024, 2, 1), dt.date(2024, 2, 29), [])
    assert february[0]["cents"] == 5_000
    april, _src = spending.spending(None, dt.date(2024, 4, 1), dt.date(2024, 4, 30), ["client"])
    assert april == [{"client": billed["wonen"].client_id, "cents": 580_000, "youths": 1}]


def test_budget_realised_counts_whole_past_months_of_accepted_lines(region, billed):
    report = figures.budget(year=2024, today=dt.date(2024, 5, 10))
    rows = {row["lot"]: row for row in report.tables[0].rows}
    assert report.parameters["source"] == "declaraties"
    assert rows["Ambulant"]["realised"] == 75_000  # February € 50 + March € 700
    assert rows["Wonen"]["realised"] == 580_000
    assert report.summary["realised"] == 655_000
    # Up to the end of March only: April's residential care is not yet realised.
    early = figures.budget(year=2024, today=dt.date(2024, 4, 20))
    assert early.summary["realised"] == 75_000


def test_top75_and_residential_from_prestaties(region, billed):
    top = figures.top75(today=dt.date(2025, 1, 15))
    assert [(row["client"], row["cost"]) for row in top.tables[0].rows] == [
        (f"Cliënt {billed['wonen'].client_id}", 580_000),
        (f"Cliënt {billed['ambulant'].client_id}", 75_000),
    ]
    assert top.summary["youths"] == 2
    assert top.summary["total"] == 655_000
    report = figures.residential(year=2024, today=dt.date(2024, 12, 1))
    quarters = {row["quarter"]: row for row in report.tables[0].rows}
    assert quarters["2024 K2"]["cost"] == 580_000
    assert quarters["2024 K2"]["youths"] == 1
    assert quarters["2024 K1"]["cost"] == 0
    assert report.summary["per_youth"] == 580_000


def test_accountability_turnover_from_prestaties_and_from_the_ledger_agree(region, billed):
    report = figures.accountability(year=2024, today=dt.date(2025, 2, 1))
    assert [(row["provider"], row["municipality"], row["turnover"]) for row in report.tables[0].rows] == [
        ("Xenia Zorg", "Aadorp", 655_000)
    ]
    # The ledger the intake books: lasten per municipality, provider, product and month.
    for product_code, month, cents in [
        ("45A01", dt.date(2024, 2, 1), 5_000),
        ("45A01", dt.date(2024, 3, 1), 70_000),
        ("43A01", dt.date(2024, 4, 1), 580_000),
    ]:
        for account, sign in (("lasten", 1), ("crediteuren", -1)):
            Boeking.objects.create(
                transaction=f"t-{product_code}-{month}",
                kind="declaratie",
                account=account,
                amount_cents=sign * cents,
                municipality=region.gemeente_a,
                provider=region.provider_x,
                product_code=product_code,
                month=month,
                booked_on=dt.date(2024, 12, 31),
            )
    # A controller's correction is the ledger's own business; turnover counts the prestaties' money.
    Boeking.objects.create(
        transaction="c",
        kind="correctie",
        account="lasten",
        amount_cents=1_00,
        municipality=region.gemeente_a,
        provider=region.provider_x,
        product_code="45A01",
        month=dt.date(2024, 3, 1),
        booked_on=dt.date(2024, 12, 31),
    )
    again = figures.accountability(year=2024, today=dt.date(2025, 2, 1))
    assert again.tables[0].rows[0]["turnover"] == 655_000
    assert again.summary["bestuursverklaringen"] == 1  # € 6.550 is not more than € 50.000
    ledger = declared_source.turnover_by_year(Prestatie, lambda qs: qs, range(2022, 2025))
    assert ledger == {(region.provider_x.pk, region.gemeente_a.pk, 2024): 655_000}
