"""The what-if on a small region, to the cent: new tariffs, committed spending and forecast."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.core.management import call_command

from jeugdketen.accounts import access
from jeugdketen.kostprijs.whatif import Scenario
from jeugdketen.monitoring import figures
from jeugdketen.tarieven import services

NOB = "noordoost-brabant-2021"
TODAY = dt.date(2024, 7, 15)  # committed: 1 July - 31 December 2024 (184 days)
RAISE = Scenario(cao_raise=Decimal("3"))


def _changes():
    return {(c.code, c.variant): c for c in services.what_if(NOB, RAISE)}


def test_a_three_percent_cao_raise_gives_these_tariffs():
    changes = _changes()
    # hourly 71 x 1,03 = 73,13: 73,13 x 0,8 + 6 = 64,504 -> 64,50
    assert changes[("41A23", "regular")].new == Decimal("64.50")
    # micro 73,13 x 1,115/1,35 = 60,4001: x 0,8 + 6 = 54,3201 -> 54,32
    assert changes[("41A23", "micro")].new == Decimal("54.32")
    # minutes rounded up: 73,13/60 = 1,2188 -> 1,22; 60,4001/60 = 1,0067 -> 1,01
    assert changes[("45B51", "regular")].new == Decimal("1.22")
    assert changes[("45B51", "micro")].new == Decimal("1.01")
    assert changes[("41A23", "regular")].difference == Decimal("1.70")


def test_contract_tariffs_move_with_the_model(nob):
    tariffs = services.override(NOB, 2024, services.what_if(NOB, RAISE))
    assert tariffs == {
        (nob.x.pk, nob.daghulp.pk): Decimal("64.50"),
        (nob.y.pk, nob.begeleiding.pk): Decimal("1.01"),  # Y is on the micro tariff
        (nob.z.pk, nob.daghulp.pk): Decimal("61.62"),  # 60,00 x 64,50 / 62,80 = 61,624
    }


def _rows(effect):
    return {(row["municipality"], row["lot"]): row for row in effect.rows}


def test_committed_and_forecast_per_municipality_and_lot(nob):
    effect = services.budget_effect(None, NOB, services.what_if(NOB, RAISE), year=2024, today=TODAY)
    rows = _rows(effect)
    a_daghulp = rows[("'s-Hertogenbosch", "Daghulp")]
    # 2 dagdelen/week x 184/7 weeks: x 62,80 = 3.301,49 now, x 64,50 = 3.390,86
    assert (a_daghulp["committed"], a_daghulp["committed_new"]) == (330149, 339086)
    # realised Jan-Jun estimated from the toewijzing: 2 x 182/7 x 62,80 = 3.265,60, unchanged
    assert a_daghulp["realised"] == 326560
    assert a_daghulp["forecast_new"] == 326560 + 339086
    a_begeleiding = rows[("'s-Hertogenbosch", "Begeleiding")]
    # 600 min/month, July-September (92 days): 600 x 92 x 12/365 x 0,98 = 1.778,50; x 1,01 = 1.832,94
    assert (a_begeleiding["committed"], a_begeleiding["committed_new"]) == (177850, 183294)
    b_daghulp = rows[("Oss", "Daghulp")]
    # 3 dagdelen/week x 184/7: x 60,00 = 4.731,43; x 61,62 = 4.859,18
    assert (b_daghulp["committed"], b_daghulp["committed_new"]) == (473143, 485918)
    assert effect.summary["committed_difference"] == (339086 - 330149) + (183294 - 177850) + (485918 - 473143)


def test_the_current_side_is_the_budget_figure_itself(nob):
    effect = services.budget_effect(None, NOB, services.what_if(NOB, RAISE), year=2024, today=TODAY)
    figure = figures.budget(None, year=2024, today=TODAY)
    assert [(r["municipality"], r["lot"], r["committed"], r["forecast"]) for r in figure.tables[0].rows] == [
        (r["municipality"], r["lot"], r["committed"], r["forecast"]) for r in effect.rows
    ]


def test_a_contract_manager_sees_her_own_municipalities_only(nob, contract_manager):
    effect = services.budget_effect(
        lambda qs: access.scope(contract_manager, qs),
        NOB,
        services.what_if(NOB, RAISE),
        year=2024,
        today=TODAY,
    )
    assert {row["municipality"] for row in effect.rows} == {"'s-Hertogenbosch"}


def test_cli_whatif_json(nob, capsys):
    call_command("tariffs", "whatif", "--cao-raise", "3", "--year", "2024", "--today", "2024-07-15", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["parameters"]["scenario"]["cao_raise"] == "3"
    tariffs = {(row["code"], row["variant"]): row for row in data["tables"]["tariffs"]}
    assert tariffs[("41A23", "regulier")]["new"] == "64.50"
    budget = {(row["municipality"], row["lot"]): row for row in data["tables"]["budget"]}
    assert budget[("Oss", "Daghulp")]["committed_new"] == "4859.18"
    assert data["summary"]["committed_difference"] == "271.56"
