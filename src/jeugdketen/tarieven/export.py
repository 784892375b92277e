"""The what-if as a Report (monitoring's table format): one source for the screen's export,
the XLSX and ``jeugdketen tariffs whatif --json``."""

from __future__ import annotations

from decimal import Decimal

from jeugdketen.kostprijs.calibrate import VARIANT_LABELS
from jeugdketen.kostprijs.whatif import Scenario, TariffChange
from jeugdketen.monitoring.exports import to_xlsx
from jeugdketen.monitoring.report import Column, Report, Table


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


def whatif_report(region: str, scenario: Scenario, changes: list[TariffChange], effect=None) -> Report:
    tariffs = Table(
        "tariffs",
        "Tarieven",
        [
            Column("code", "Productcode"),
            Column("name", "Product"),
            Column("variant", "Variant"),
            Column("current", "Huidig tarief", "money"),
            Column("new", "Nieuw tarief", "money"),
            Column("difference", "Verschil", "money"),
            Column("percent", "Verschil %", "percent"),
            Column("method", "Berekening"),
        ],
        [
            {
                "code": change.code,
                "name": change.name,
                "variant": VARIANT_LABELS[change.variant],
                "current": _cents(change.current),
                "new": _cents(change.new),
                "difference": _cents(change.difference),
                "percent": change.percent,
                "method": change.method,
            }
            for change in changes
        ],
    )
    tables = [tariffs]
    summary, kinds, method = {"changed": sum(1 for c in changes if c.difference)}, {"changed": "int"}, ""
    if effect is not None:
        tables.append(
            Table(
                "budget",
                "Effect op het budget",
                [
                    Column("municipality", "Gemeente"),
                    Column("lot", "Perceel"),
                    Column("budget", "Budget", "money"),
                    Column("realised", "Gerealiseerd", "money"),
                    Column("committed", "Verplicht nu", "money"),
                    Column("committed_new", "Verplicht wat-als", "money"),
                    Column("committed_difference", "Verschil", "money"),
                    Column("forecast", "Prognose jaareinde nu", "money"),
                    Column("forecast_new", "Prognose jaareinde wat-als", "money"),
                    Column("remaining_new", "Over (+) / tekort (−) wat-als", "money"),
                ],
                effect.rows,
            )
        )
        summary.update(effect.summary)
        kinds.update({key: "money" for key in effect.summary})
        method = (
            "Alleen het verplichte deel verandert: de lopende toewijzingen vanaf de eerste van deze maand "
            "tot jaareinde, tegen de nieuwe tarieven, op dezelfde manier berekend als het budgetcijfer. "
            + effect.method
        )
    labels = {
        "changed": "Tarieven gewijzigd",
        "realised": "Gerealiseerd",
        "committed": "Verplicht nu",
        "committed_new": "Verplicht wat-als",
        "committed_difference": "Verschil verplichtingen",
        "forecast": "Prognose jaareinde nu",
        "forecast_new": "Prognose jaareinde wat-als",
    }
    return Report(
        "tariffs-whatif",
        f"Wat als – {region}",
        {"region": region, "scenario": scenario.as_dict(), "_labels": labels},
        tables,
        summary,
        kinds,
        method,
    )


def whatif_workbook(region: str, scenario: Scenario, changes: list[TariffChange], effect=None) -> bytes:
    return to_xlsx(whatif_report(region, scenario, changes, effect))
