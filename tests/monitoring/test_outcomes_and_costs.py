"""Dropout, goals and satisfaction; top 75; residential cost per youth; accountability and SROI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jeugdketen.monitoring import figures
from jeugdketen.monitoring.models import AccountabilityDocument, SroiContribution
from jeugdketen.toegang.models import Goal, SupportPlan

D = dt.date


def test_dropout_by_reason_goals_and_satisfaction(region):
    x, y = region.provider_x, region.provider_y
    for reason in ("31", "31", "32", "33", "20", "37"):
        region.stop(region.toewijzing(provider=x, begin=D(2024, 1, 1)), D(2024, 6, 30), reason)
    region.stop(region.toewijzing(provider=x, begin=D(2024, 1, 1)), D(2025, 1, 1), "32")  # next year
    region.stop(region.toewijzing(provider=y, begin=D(2024, 1, 1)), D(2024, 12, 31), "35")
    client = region.client()
    plan = SupportPlan.objects.create(
        client=client, provider=x, part=SupportPlan.Part.EIND, received_on=D(2024, 7, 1), satisfaction=8
    )
    for realisation in ("volledig", "volledig", "deels", "niet", "open"):
        Goal.objects.create(plan=plan, description="doel", realisation=realisation)
    SupportPlan.objects.create(
        client=client, provider=x, part=SupportPlan.Part.EIND, sent_on=D(2024, 2, 1), satisfaction=5
    )
    SupportPlan.objects.create(
        client=client, provider=x, part=SupportPlan.Part.DEEL2, sent_on=D(2024, 2, 1), satisfaction=1
    )  # not an end evaluation
    report = figures.dropout(year=2024, today=D(2024, 12, 31))
    rows = {r["provider"]: r for r in report.tables[0].rows}
    rx = rows["Xenia Zorg"]
    assert rx["stops"] == 6 and rx["ended"] == 4 and rx["dropout"] == 2
    assert rx["dropout_share"] == Decimal("50.0")
    assert rx["reason_31"] == 2 and rx["reason_20"] == 1 and rx["reason_37"] == 1 and rx["reason_32"] == 1
    assert (rx["goals_evaluated"], rx["goals_full"], rx["goals_partial"], rx["goals_none"]) == (4, 2, 1, 1)
    assert rx["goals_full_share"] == Decimal("50.0")
    assert rx["satisfaction"] == Decimal("6.5") and rx["satisfaction_n"] == 2
    assert rows["Yde Jeugdhulp"]["dropout_share"] == Decimal("100.0")
    assert report.summary["dropout_share"] == Decimal("60.0")  # 3 of 5


def test_top75_orders_by_cost_and_hides_names(region):
    # today 15 March 2025: the last twelve whole months are March 2024 up to February 2025.
    expensive = region.client(last_name="Duur")
    region.toewijzing(client=expensive, product=region.wonen, begin=D(2024, 3, 1), end=D(2024, 3, 31))
    region.toewijzing(client=expensive, provider=region.provider_y, begin=D(2025, 2, 1), volume=7)
    cheap = region.client(last_name="Zuinig")
    region.toewijzing(client=cheap, begin=D(2024, 2, 1), end=D(2024, 3, 7), volume=7)  # 7 days in the window
    region.toewijzing(client=region.client(), begin=D(2025, 3, 1), volume=7)  # after the window: no cost
    report = figures.top75(today=D(2025, 3, 15))
    rows = report.tables[0].rows
    assert report.parameters["first"] == D(2024, 3, 1) and report.parameters["last"] == D(2025, 2, 28)
    assert [r["client"] for r in rows] == [f"Cliënt {expensive.pk}", f"Cliënt {cheap.pk}"]
    # 31 days × € 200 + 28 days × 7 h/week × € 70 / 7 = € 6.200 + € 1.960.
    assert rows[0]["cost"] == 816_000 and rows[0]["providers"] == 2 and rows[0]["products"] == 2
    assert rows[1]["cost"] == 7 * 70_00
    assert all(r["name"] == "afgeschermd" for r in rows)
    assert "name" not in [c.key for c in report.tables[0].columns]
    named = figures.top75(today=D(2025, 3, 15), show_names=True)
    assert named.tables[0].rows[0]["name"] == "Sam Duur"
    assert report.summary["top_share"] == Decimal("100.0")


def test_top75_limits_to_75(region):
    for n in range(80):
        region.toewijzing(begin=D(2024, 1, 1), volume=n + 1)
    report = figures.top75(today=D(2024, 6, 1))
    assert len(report.tables[0].rows) == 75
    assert report.tables[0].rows[0]["rank"] == 1 and report.summary["youths"] == 80


def test_residential_cost_per_youth_per_quarter_and_target(region):
    # 2023: two youths the whole of Q1 (90 days each at € 200).
    for _ in range(2):
        region.toewijzing(product=region.wonen, begin=D(2023, 1, 1), end=D(2023, 3, 31))
    # 2024: one youth in Q1 for 60 days (leap year: 1 January - 29 February).
    region.toewijzing(product=region.wonen, begin=D(2024, 1, 1), end=D(2024, 2, 29))
    region.toewijzing(begin=D(2024, 1, 1))  # ambulant: not residential
    report = figures.residential(year=2024, today=D(2024, 7, 1))
    rows = {r["quarter"]: r for r in report.tables[0].rows}
    assert rows["2023 K1"]["cost"] == 3_600_000 and rows["2023 K1"]["youths"] == 2
    assert rows["2023 K1"]["per_youth"] == 1_800_000
    assert rows["2024 K1"]["per_youth"] == 1_200_000
    assert rows["2024 K2"]["per_youth"] is None
    assert rows["2024 K2"]["complete"] == "ja" and rows["2024 K3"]["complete"] == "nee (lopend)"
    assert report.summary["base_per_youth"] == 1_800_000
    assert report.summary["target_per_youth"] == 1_350_000
    assert report.summary["reduction"] == Decimal("33.3")
    assert report.summary["progress"] == Decimal("133.2")


def test_statement_threshold_exactly_50000_is_bestuursverklaring():
    assert figures.statement_kind(50_000_00) == "bestuursverklaring"
    assert figures.statement_kind(50_000_01) == "controleverklaring"
    assert figures.statement_kind(49_999_99) == "bestuursverklaring"


def test_document_status_due_dates():
    due = D(2025, 4, 1)  # "vóór 1 april"
    assert figures.document_status(D(2025, 3, 31), due, D(2025, 5, 1)) == "ontvangen"
    assert figures.document_status(D(2025, 4, 1), due, D(2025, 5, 1)) == "te laat ontvangen"
    assert figures.document_status(None, due, D(2025, 3, 31)) == "verwacht"
    assert figures.document_status(None, due, D(2025, 4, 1)) == "ontbreekt"


def test_accountability_and_sroi(region):
    x, y = region.provider_x, region.provider_y
    # Xenia: exactly € 50.000 in Aadorp in 2024 (250 days × € 200), € 50.000,01 is not reachable by days,
    # so Beekdal gets 251 days: € 50.200.
    region.toewijzing(provider=x, product=region.wonen, begin=D(2024, 1, 1), end=D(2024, 9, 6))
    region.toewijzing(
        provider=x,
        product=region.wonen,
        begin=D(2024, 1, 1),
        end=D(2024, 9, 7),
        municipality=region.gemeente_b,
    )
    # Yde: € 300.000 in 2023 (1.500 days), so SROI 5 % = € 15.000 in 2024.
    for _ in range(5):
        region.toewijzing(provider=y, product=region.wonen, begin=D(2023, 1, 1), end=D(2023, 10, 27))
    SroiContribution.objects.create(provider=y, year=2024, category="B", amount=Decimal("6000"))
    SroiContribution.objects.create(
        provider=y, year=2023, category="A", amount=Decimal("1500")
    )  # no duty: surplus
    AccountabilityDocument.objects.create(
        provider=x,
        municipality=region.gemeente_a,
        year=2024,
        kind="productverantwoording",
        received_on=D(2025, 2, 20),
    )
    AccountabilityDocument.objects.create(
        provider=x,
        municipality=region.gemeente_b,
        year=2024,
        kind="controleverklaring",
        received_on=D(2025, 4, 2),
    )
    report = figures.accountability(year=2024, today=D(2025, 4, 15))
    rows = {(r["provider"], r["municipality"]): r for r in report.tables[0].rows}
    a = rows[("Xenia Zorg", "Aadorp")]
    assert a["turnover"] == 50_000_00 and a["statement"] == "Bestuursverklaring"
    assert a["product_status"] == "ontvangen" and a["statement_status"] == "ontbreekt"
    b = rows[("Xenia Zorg", "Beekdal")]
    assert b["turnover"] == 50_200_00 and b["statement"] == "Verantwoording met controleverklaring"
    assert b["product_status"] == "ontbreekt" and b["statement_status"] == "te laat ontvangen"
    assert b["product_due"] == D(2025, 3, 1) and b["statement_due"] == D(2025, 4, 1)
    sroi = {r["provider"]: r for r in report.tables[1].rows}
    assert sroi["Yde Jeugdhulp"]["turnover_previous"] == 300_000_00
    assert sroi["Yde Jeugdhulp"]["obligation"] == 15_000_00
    assert sroi["Yde Jeugdhulp"]["carried"] == 1_500_00
    assert sroi["Yde Jeugdhulp"]["realised"] == 6_000_00
    assert sroi["Yde Jeugdhulp"]["progress"] == Decimal("50.0")
    assert sroi["Xenia Zorg"]["obligation"] == 0 and sroi["Xenia Zorg"]["progress"] is None
    assert report.summary["missing"] == 2
