"""A large JW323 gets exactly the issues planted in it; duplicate checks must not be quadratic.

Timing is the benchmark's business; this test fixes the counts, and with a quadratic
duplicate check the 20,000-prestatie message would take minutes instead of a fraction of
a second.

The prestaties are read once into columns, by position when the shape allows:
``read_by_position`` never asks an element its tag, ``read_by_tag`` does, for any shape.
They must give the same columns whenever the first accepts a message, and the rules the
same verdicts whichever reads it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from lxml import etree

from jeugdketen.ijw.rules import check_rules
from jeugdketen.ijw.rules import declaratie as d
from jeugdketen.ijw.rules.engine import Message

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


# -- reading the prestaties ------------------------------------------------------------

M = "{http://www.istandaarden.nl/ijw/3_2/jw323/schema}"
M325 = "{http://www.istandaarden.nl/ijw/3_2/jw325/schema}"
B = "{http://www.istandaarden.nl/ijw/3_2/basisschema/schema}"


def credits_and_euros(i: int) -> dict:
    if i % 7 == 3:  # a credit line: VorigReferentieNummer in some rows only
        return {"vorig": f"OLD{i}"}
    if i % 11 == 4:
        return {"ref": f"R{i - 1}"}
    return {}


def mixed_jw323() -> etree._Element:
    root = etree.fromstring(large_jw323(300, 7, credits_and_euros)[0])
    for n, prestatie in enumerate(root.iter(M + "Prestatie")):
        if n % 5 == 2:  # euros: no ProductTarief in some rows only
            prestatie.find(M + "Eenheid").text = "83"
            prestatie.remove(prestatie.find(M + "ProductTarief"))
    return root


def both_ways(code: str, root) -> tuple:
    return d.read_by_position(Message(code, root)), d.read_by_tag(Message(code, root))


def test_by_position_equals_by_tag_on_the_examples(example):
    for code in ("JW323", "JW325"):
        by_position, by_tag = both_ways(code, etree.fromstring(example(code)))
        assert by_position is not None
        assert by_position == by_tag


def test_by_position_equals_by_tag_with_optional_leaves_in_some_rows():
    root = mixed_jw323()
    by_position, by_tag = both_ways("JW323", root)
    assert by_position is not None
    assert by_position == by_tag
    columns = by_position[0]
    assert 0 < columns["vorig"].count(None) < len(columns["vorig"])
    assert 0 < columns["tarief"].count(None) < len(columns["tarief"])


def test_jw325_without_some_tariffs_and_credits(example):
    root = etree.fromstring(example("JW325"))
    prestaties = list(root.iter(M325 + "Prestatie"))
    prestaties[0].remove(prestaties[0].find(M325 + "ProductTarief"))
    referentie = prestaties[1].find(M325 + "ProductReferentie")
    referentie.remove(referentie[1])
    by_position, by_tag = both_ways("JW325", root)
    assert by_position is not None
    assert by_position == by_tag


def test_comments_send_the_message_to_read_by_tag_with_the_same_verdict():
    root = mixed_jw323()
    expected = check_rules("JW323", root)
    assert Counter(issue.code for issue in expected)["TR101"] > 0
    for n, prestatie in enumerate(root.iter(M + "Prestatie")):
        if n % 9 == 0:
            prestatie.insert(2, etree.Comment("toelichting"))
        if n % 13 == 0:
            prestatie.find(M + "ProductReferentie").insert(0, etree.Comment("x"))
    assert d.read_by_position(Message("JW323", root)) is None
    assert check_rules("JW323", root) == expected


def test_a_comment_under_prestaties_is_caught_by_the_row_count():
    root = mixed_jw323()
    next(root.iter(M + "Prestaties")).append(etree.Comment("einde"))
    assert d.read_by_position(Message("JW323", root)) is None


def test_row_keys_are_strings_when_they_can_be_and_tuples_otherwise():
    assert d.row_keys(["a", "a"], ["b", "c"]) == ["a\x1fb", "a\x1fc"]
    day = dt.date(2026, 4, 1)
    assert d.row_keys(["a", None], [day, day]) == [("a", day), (None, day)]


@pytest.mark.parametrize(
    ("texts", "iso"),
    [(["2026-04-01", "2026-04-30"], True), (["2026-04-01", None], False), (["2026-4-01"], False)],
)
def test_iso_only(texts, iso):
    assert d.iso_only(texts) is iso


def test_duplicate_groups_fast_path_ignores_none():
    assert d.duplicate_groups([None, "a", None, "b"]) == []
    assert d.duplicate_groups([None, "a", None, "a"]) == [[1, 3]]
