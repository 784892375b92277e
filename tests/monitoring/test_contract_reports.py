"""Accountability, SROI, waiting times and dropout follow Midden-Limburg Oost's contract only.

Art. 32 (statements by 1 March and 1 April, the € 50.000 threshold), art. 17 (SROI above
€ 250.000), the definition of Wachtlijst with art. 17.4 and the KPIs of art. 35.1 are articles of
that contract; Alkmaar, Noordoost-Brabant and Groningen have none of them. The conftest's two
municipalities buy under it; Cadzand here buys under Alkmaar's book and must not count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from jeugdketen.catalogus.models import Municipality, Region
from jeugdketen.monitoring import figures
from jeugdketen.monitoring.models import AccountabilityDocument
from jeugdketen.toegang.models import Goal, SupportPlan

D = dt.date


@pytest.fixture
def elsewhere(region) -> Municipality:
    """A municipality that buys under Alkmaar's product book, which has no such articles."""
    alkmaar = Region.objects.create(slug="alkmaar-2023", name="Alkmaar", year=2023, document="a.pdf")
    municipality = Municipality.objects.create(cbs_code="0003", name="Cadzand")
    municipality.regions.add(alkmaar)
    return municipality


def days_of_wonen(region, provider, municipality, year: int, days: int):
    """Residential care at € 200 a day for `days` days from 1 January."""
    begin = D(year, 1, 1)
    return region.toewijzing(
        provider=provider,
        product=region.wonen,
        begin=begin,
        end=begin + dt.timedelta(days=days - 1),
        municipality=municipality,
    )


def test_a_municipality_of_another_region_is_not_counted(region, elsewhere):
    x = region.provider_x
    days_of_wonen(region, x, region.gemeente_a, 2024, 10)  # € 2.000 under the contract
    days_of_wonen(region, x, elsewhere, 2024, 300)  # € 60.000 in Alkmaar: no art. 32 there
    AccountabilityDocument.objects.create(
        provider=x, municipality=elsewhere, year=2024, kind="controleverklaring", received_on=D(2025, 3, 3)
    )
    report = figures.accountability(year=2024, today=D(2025, 4, 15))
    assert [(r["provider"], r["municipality"], r["turnover"]) for r in report.tables[0].rows] == [
        ("Xenia Zorg", "Aadorp", 2_000_00)
    ]
    assert report.summary["turnover"] == 2_000_00
    assert report.summary["controleverklaringen"] == 0 and report.summary["missing"] == 2
    sroi = {row["provider"]: row for row in report.tables[1].rows}
    assert sroi["Xenia Zorg"]["turnover"] == 2_000_00
    assert "Cadzand" in report.notice and "niet van toepassing" in report.notice
    assert "Aadorp" not in report.notice


def test_a_provider_only_in_another_region_owes_no_sroi(region, elsewhere):
    y = region.provider_y
    days_of_wonen(region, y, elsewhere, 2023, 365)  # € 73.000 ...
    for _ in range(3):
        days_of_wonen(region, y, elsewhere, 2023, 365)  # ... four times: € 292.000, all in Alkmaar
    days_of_wonen(region, region.provider_x, region.gemeente_a, 2023, 10)
    report = figures.accountability(year=2024, today=D(2024, 6, 1))
    providers = [row["provider"] for row in report.tables[1].rows]
    assert providers == ["Xenia Zorg"]
    assert report.summary["sroi_obliged"] == 0


def test_turnover_of_exactly_50000_asks_a_bestuursverklaring_and_a_cent_more_a_controleverklaring(region):
    x = region.provider_x
    days_of_wonen(region, x, region.gemeente_a, 2024, 250)  # € 50.000,00 exactly
    days_of_wonen(region, x, region.gemeente_b, 2024, 250)
    # A cent more in Beekdal: a toewijzing with a budget of one cent for one day.
    cent = region.toewijzing(
        provider=x, begin=D(2024, 6, 3), end=D(2024, 6, 3), volume=None, municipality=region.gemeente_b
    )
    cent.budget_cents = 1
    cent.save()
    rows = {
        r["municipality"]: r for r in figures.accountability(year=2024, today=D(2025, 1, 5)).tables[0].rows
    }
    assert rows["Aadorp"]["turnover"] == 50_000_00
    assert rows["Aadorp"]["statement"] == "Bestuursverklaring"
    assert rows["Beekdal"]["turnover"] == 50_000_01
    assert rows["Beekdal"]["statement"] == "Verantwoording met controleverklaring"


def _turnover(entries: dict[int, list[tuple[int, int, int]]]) -> dict:
    by_year: dict[int, dict[tuple[int, int], int]] = {y: defaultdict(int) for y in range(2022, 2025)}
    for year, rows in entries.items():
        for provider, municipality, cents in rows:
            by_year[year][(provider, municipality)] += cents
    return by_year


def test_sroi_at_exactly_250000_is_no_obligation_and_a_cent_more_is(region):
    x, y, a, b = region.provider_x, region.provider_y, region.gemeente_a, region.gemeente_b
    by_year = _turnover(
        {
            2023: [
                (x.pk, a.pk, 150_000_00),
                (x.pk, b.pk, 100_000_00),  # Xenia: exactly € 250.000 over both municipalities
                (y.pk, a.pk, 250_000_01),  # Yde: a cent more
            ],
            2024: [(x.pk, a.pk, 1_00), (y.pk, a.pk, 1_00)],
        }
    )
    rows = {row["provider"]: row for row in figures.sroi(by_year, 2024)}
    assert rows["Xenia Zorg"]["turnover_previous"] == 250_000_00
    assert rows["Xenia Zorg"]["obligation"] == 0 and rows["Xenia Zorg"]["progress"] is None
    assert rows["Yde Jeugdhulp"]["obligation"] == 12_500_00  # 5 % of € 250.000,01, to the cent


def test_product_accountability_is_due_before_1_march_also_when_that_is_a_sunday(region):
    # 1 March 2026 is a Sunday; the contract's date is a calendar date and does not move.
    x = region.provider_x
    days_of_wonen(region, x, region.gemeente_a, 2025, 10)
    days_of_wonen(region, x, region.gemeente_b, 2025, 10)
    for municipality, received in ((region.gemeente_a, D(2026, 2, 28)), (region.gemeente_b, D(2026, 3, 2))):
        AccountabilityDocument.objects.create(
            provider=x,
            municipality=municipality,
            year=2025,
            kind="productverantwoording",
            received_on=received,
        )
    rows = {
        r["municipality"]: r for r in figures.accountability(year=2025, today=D(2026, 3, 2)).tables[0].rows
    }
    assert rows["Aadorp"]["product_due"] == D(2026, 3, 1)
    assert rows["Aadorp"]["product_status"] == "ontvangen"  # Saturday 28 February: in time
    assert rows["Beekdal"]["product_status"] == "te laat ontvangen"  # Monday 2 March: late
    # Nothing received yet: expected up to Saturday 28 February, missing from Sunday 1 March on.
    AccountabilityDocument.objects.filter(municipality=region.gemeente_a).delete()
    before = figures.accountability(year=2025, today=D(2026, 2, 28)).tables[0].rows
    on = figures.accountability(year=2025, today=D(2026, 3, 1)).tables[0].rows
    assert next(r for r in before if r["municipality"] == "Aadorp")["product_status"] == "verwacht"
    assert next(r for r in on if r["municipality"] == "Aadorp")["product_status"] == "ontbreekt"


def test_the_statement_is_due_before_1_april_also_when_that_is_a_saturday(region):
    # 1 April 2028 is a Saturday: Friday 31 March is the last day, Monday 3 April is late.
    x = region.provider_x
    days_of_wonen(region, x, region.gemeente_a, 2027, 10)
    days_of_wonen(region, x, region.gemeente_b, 2027, 10)
    for municipality, received in ((region.gemeente_a, D(2028, 3, 31)), (region.gemeente_b, D(2028, 4, 3))):
        AccountabilityDocument.objects.create(
            provider=x, municipality=municipality, year=2027, kind="bestuursverklaring", received_on=received
        )
    rows = {
        r["municipality"]: r for r in figures.accountability(year=2027, today=D(2028, 4, 3)).tables[0].rows
    }
    assert rows["Aadorp"]["statement_due"] == D(2028, 4, 1)
    assert rows["Aadorp"]["statement_status"] == "ontvangen"
    assert rows["Beekdal"]["statement_status"] == "te laat ontvangen"


def test_waiting_times_count_only_municipalities_under_the_contract(region, elsewhere):
    x = region.provider_x
    inside = region.toewijzing(provider=x, begin=D(2024, 3, 4), municipality=region.gemeente_a)
    region.start(inside, D(2024, 3, 11))
    outside = region.toewijzing(provider=x, begin=D(2024, 3, 4), municipality=elsewhere)
    region.start(outside, D(2024, 6, 3))
    region.toewijzing(provider=x, begin=D(2024, 10, 1), municipality=elsewhere)  # waits, elsewhere
    report = figures.waiting_times(year=2024, today=D(2024, 12, 31))
    assert report.summary["toewijzingen"] == 1
    assert report.summary["toewijzing_to_start"] == 5
    assert report.summary["within_norm_share"] == 100
    assert report.summary["waiting_list"] == 0
    assert "niet van toepassing" in report.notice and "Midden-Limburg Oost" in report.notice


def test_dropout_counts_only_municipalities_under_the_contract(region, elsewhere):
    x = region.provider_x
    region.stop(
        region.toewijzing(provider=x, begin=D(2024, 1, 1), municipality=region.gemeente_a),
        D(2024, 5, 1),
        "01",
    )
    for _ in range(3):
        region.stop(
            region.toewijzing(provider=x, begin=D(2024, 1, 1), municipality=elsewhere), D(2024, 5, 1), "32"
        )
    far = region.client(elsewhere)
    plan = SupportPlan.objects.create(
        client=far, provider=x, part=SupportPlan.Part.EIND, received_on=D(2024, 6, 1), satisfaction=2
    )
    Goal.objects.create(plan=plan, description="Naar school", realisation=Goal.Realisation.NONE)
    report = figures.dropout(year=2024, today=D(2024, 12, 31))
    (row,) = report.tables[0].rows
    assert (row["stops"], row["ended"], row["dropout"]) == (1, 1, 0)
    assert row["goals_evaluated"] == 0 and row["satisfaction_n"] == 0
    assert report.summary["satisfaction"] is None
    assert "art. 35.1" in report.notice


def test_the_page_says_where_the_report_does_not_apply(client, region, elsewhere):
    from jeugdketen.accounts.models import Role, User

    days_of_wonen(region, region.provider_x, elsewhere, dt.date.today().year, 10)
    user = User.objects.create_user("cm-alkmaar", password="een-lang-wachtwoord-1", role=Role.CONTRACT)
    user.municipalities.add(elsewhere)
    client.force_login(user)
    for name in ("accountability", "waiting-times", "dropout"):
        html = client.get(f"/monitoring/{name}/").content.decode()
        assert 'id="geldt-voor"' in html
        assert "daar is dit rapport niet van toepassing" in html
    page = client.get("/monitoring/accountability/").content.decode()
    assert "Niet van toepassing, en dus niet meegeteld: Cadzand." in page
    assert "Xenia Zorg" not in page  # its turnover is Cadzand's only
    assert "Niet van toepassing" in client.get("/monitoring/").content.decode()  # on the dashboard too
