"""A large JW323 gets exactly the issues planted in it; duplicate checks must not be quadratic.

Timing is the benchmark's business; this test fixes the counts, and with a quadratic
duplicate check the 20,000-prestatie message would take minutes instead of a fraction of
a second.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from jeugdketen.ijw.rules import check_rules

NS = "http://www.istandaarden.nl/ijw/3_2/jw323/schema"
BASE = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
MONTHS = [("2026-01-01", "2026-01-31"), ("2026-02-01", "2026-02-28"), ("2026-03-01", "2026-03-31")]


def elfproef_bsn(n: int) -> str:
    """A valid test BSN (999 range) for client ``n``."""
    prefix = f"99{n:06d}"
    for last in range(10):
        digits = prefix + str(last)
        total = sum(w * int(d) for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - int(digits[8])
        if total % 11 == 0:
            return digits
    return elfproef_bsn(n + 500_000)


def prestatie_xml(ref: str, toewijzing: int, month: int, bedrag: int = 5000, vorig: str | None = None) -> str:
    begin, end = MONTHS[month]
    dc = "C" if vorig else "D"
    vorig_xml = f"<b:VorigReferentieNummer>{vorig}</b:VorigReferentieNummer>" if vorig else ""
    return (
        f"<m:Prestatie><m:ProductReferentie><b:ReferentieNummer>{ref}</b:ReferentieNummer>{vorig_xml}"
        f"</m:ProductReferentie><m:ToewijzingNummer>{toewijzing}</m:ToewijzingNummer>"
        "<m:ProductCategorie>45</m:ProductCategorie><m:ProductCode>45A03</m:ProductCode>"
        f"<m:ProductPeriode><b:Begindatum>{begin}</b:Begindatum><b:Einddatum>{end}</b:Einddatum></m:ProductPeriode>"
        "<m:GeleverdVolume>4</m:GeleverdVolume><m:Eenheid>04</m:Eenheid><m:ProductTarief>1250</m:ProductTarief>"
        f"<m:IngediendBedrag><b:Bedrag>{bedrag}</b:Bedrag><b:DebetCredit>{dc}</b:DebetCredit></m:IngediendBedrag>"
        "</m:Prestatie>"
    )


def large_jw323(prestaties: int, per_client: int, plant) -> tuple[bytes, int]:
    """A JW323 of ``prestaties`` lines; ``plant(i)`` may return overrides for line ``i``."""
    clients = []
    total = 0
    for c in range(0, prestaties, per_client):
        lines = []
        for i in range(c, min(c + per_client, prestaties)):
            fields = {"ref": f"R{i}", "toewijzing": 100_000 + i, "month": i % 3}
            fields.update(plant(i))
            lines.append(prestatie_xml(**fields))
            amount = fields.get("bedrag", 5000)
            total += -amount if fields.get("vorig") else amount
        bsn = elfproef_bsn(c // per_client)
        clients.append(
            f"<m:Client><m:Bsn>{bsn}</m:Bsn><m:Prestaties>{''.join(lines)}</m:Prestaties></m:Client>"
        )
    xml = (
        f'<m:Bericht xmlns:m="{NS}" xmlns:b="{BASE}"><m:Header><m:BerichtCode>490</m:BerichtCode>'
        "<m:BerichtVersie>3</m:BerichtVersie><m:BerichtSubversie>2</m:BerichtSubversie>"
        "<m:Afzender>65656055</m:Afzender><m:Ontvanger>0384</m:Ontvanger><m:BerichtIdentificatie>"
        "<b:Identificatie>1</b:Identificatie><b:Dagtekening>2026-04-06</b:Dagtekening></m:BerichtIdentificatie>"
        "<m:XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>"
        "<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></m:XsdVersie></m:Header>"
        "<m:Declaratie><m:DeclaratieNummer>DN1</m:DeclaratieNummer><m:DeclaratiePeriode>"
        "<b:Begindatum>2026-03-01</b:Begindatum><b:Einddatum>2026-03-31</b:Einddatum></m:DeclaratiePeriode>"
        "<m:DeclaratieDagtekening>2026-04-06</m:DeclaratieDagtekening><m:TotaalIngediendBedrag>"
        f"<b:TotaalBedrag>{abs(total)}</b:TotaalBedrag>"
        f"<b:DebetCredit>{'C' if total < 0 else 'D'}</b:DebetCredit>"
        f"</m:TotaalIngediendBedrag><m:Clienten>{''.join(clients)}</m:Clienten></m:Declaratie></m:Bericht>"
    )
    return xml.encode(), total


def test_clean_large_declaration_has_no_issues():
    xml, _ = large_jw323(20_000, 20, lambda i: {})
    assert check_rules("JW323", etree.fromstring(xml)) == []


def test_large_declaration_gets_exactly_the_planted_issues():
    def plant(i: int) -> dict:
        if i % 1000 == 1:  # same ReferentieNummer as the line before, same client: TR101
            return {"ref": f"R{i - 1}", "toewijzing": 900_000 + i}
        if i % 1000 == 5:  # same toewijzing, period and product as line 2 later: TR416
            return {"toewijzing": 100_000 + i + 3, "month": (i + 3) % 3}
        if i % 2000 == 10:  # a credit of an earlier declaration, twice the same: TR315
            return {"vorig": f"OLD{i // 4000}"}
        return {}

    xml, _ = large_jw323(20_000, 20, plant)
    issues = check_rules("JW323", etree.fromstring(xml))
    counts = Counter(issue.code for issue in issues)
    assert counts == {"TR101": 20, "TR416": 20, "TR315": 5}
    tr101 = next(issue for issue in issues if issue.code == "TR101")
    assert tr101.locations == (
        "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]",
        "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]",
    )
    assert all(len(issue.locations) == 2 for issue in issues)


def test_many_failures_under_one_client_are_located_exactly():
    # 5,000 lines under one client, every other one a duplicate: 2,500 issues, each with its own [n].
    xml, _ = large_jw323(5_000, 5_000, lambda i: {"ref": f"R{i - i % 2}"})
    issues = check_rules("JW323", etree.fromstring(xml))
    assert Counter(issue.code for issue in issues) == {"TR101": 2500}
    assert issues[-1].locations == (
        "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[4999]",
        "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie[5000]",
    )
