"""Each JW323/JW325 rule on a passing and a failing message, built from the published examples."""

from __future__ import annotations

import pytest
from lxml import etree
from tests.ijw.differential.oracle import assert_official

from jeugdketen.ijw.rules import check_rules

BASE = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
P1 = "Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]"
P2 = "Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]"


def at(root, path: str):
    """The element at a path of local names below the root, with optional 1-based [n]."""
    node = root
    for step in path.split("/"):
        name, _, index = step.partition("[")
        matches = [c for c in node.iterchildren(etree.Element) if etree.QName(c).localname == name]
        node = matches[int(index[:-1]) - 1 if index else 0]
    return node


def put(root, path: str, value: str) -> None:
    at(root, path).text = value


def add(
    root, parent: str, name: str, value: str | None = None, *, base: bool = False, after: str | None = None
):
    parent_element = at(root, parent)
    namespace = BASE if base else etree.QName(root).namespace
    element = etree.Element(f"{{{namespace}}}{name}")
    element.text = value
    if after is None:
        parent_element.append(element)
    else:
        at(parent_element, after).addnext(element)
    return element


def remove(root, path: str) -> None:
    element = at(root, path)
    element.getparent().remove(element)


def issues_of(code: str, root, rule: str) -> list:
    """Every ``rule`` issue, after checking that the official stylesheet agrees on the whole message."""
    assert_official(code, root)
    return [issue for issue in check_rules(code, root) if issue.code == rule]


@pytest.fixture
def jw323(example):
    """The published JW323 without its duplicate: a clean declaration."""
    root = etree.fromstring(example("JW323"))
    put(
        root,
        "Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]/ProductReferentie/ReferentieNummer",
        "RN005",
    )
    assert check_rules("JW323", root) == []
    return root


@pytest.fixture
def jw325(example):
    root = etree.fromstring(example("JW325"))
    assert check_rules("JW325", root) == []
    return root


def set_total(root, cents: int, dc: str = "D") -> None:
    put(root, "Declaratie/TotaalIngediendBedrag/TotaalBedrag", str(cents))
    put(root, "Declaratie/TotaalIngediendBedrag/DebetCredit", dc)


def make_credit(root, prestatie: str, previous: str) -> None:
    """Turn a prestatie into a credit of ``previous`` and keep the total right."""
    put(root, f"{prestatie}/IngediendBedrag/DebetCredit", "C")
    add(root, f"{prestatie}/ProductReferentie", "VorigReferentieNummer", previous, base=True)


# -- TR101 ---------------------------------------------------------------------------


def test_tr101_duplicate_client(jw323):
    put(jw323, "Declaratie/Clienten/Client[2]/Bsn", "999900006")
    issues = issues_of("JW323", jw323, "TR101")
    assert [i.locations for i in issues] == [
        ("/Bericht/Declaratie/Clienten/Client[1]", "/Bericht/Declaratie/Clienten/Client[2]")
    ]


def test_tr101_same_reference_under_other_client_is_no_tr101(jw323):
    # The official stylesheet compares a Prestatie with its siblings only; a ReferentieNummer
    # used before under another client is TR314, which the declaraties app checks with its state.
    put(
        jw323,
        "Declaratie/Clienten/Client[2]/Prestaties/Prestatie[1]/ProductReferentie/ReferentieNummer",
        "RN001",
    )
    assert issues_of("JW323", jw323, "TR101") == []
    assert issues_of("JW323", jw323, "TR314") == []


def test_tr101_duplicated_client_is_tr101_and_tr358_not_tr416(jw323):
    clienten = at(jw323, "Declaratie/Clienten")
    clienten.append(etree.fromstring(etree.tostring(at(jw323, "Declaratie/Clienten/Client[2]"))))
    codes = sorted({issue.code for issue in check_rules("JW323", jw323)})
    assert codes == ["TR101", "TR358"]
    (issue,) = issues_of("JW323", jw323, "TR101")
    assert issue.locations == (
        "/Bericht/Declaratie/Clienten/Client[2]",
        "/Bericht/Declaratie/Clienten/Client[3]",
    )


def test_tr101_three_duplicates_are_one_issue(jw323):
    for n in (2, 3):
        put(
            jw323,
            f"Declaratie/Clienten/Client[2]/Prestaties/Prestatie[{n}]/ProductReferentie/ReferentieNummer",
            "RN003",
        )
    (issue,) = issues_of("JW323", jw323, "TR101")
    assert len(issue.locations) == 3


def test_tr101_jw325_duplicate_prestatie(jw325):
    put(
        jw325,
        "DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductReferentie/ReferentieNummer",
        "RN001",
    )
    # ReferentieNummer and VorigReferentieNummer together are the key: the VorigReferentieNummer
    # still differs, so this is no duplicate yet.
    assert issues_of("JW325", jw325, "TR101") == []
    put(
        jw325,
        "DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]/ProductReferentie/VorigReferentieNummer",
        "RT001",
    )
    (issue,) = issues_of("JW325", jw325, "TR101")
    assert issue.locations == (
        "/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]",
        "/Bericht/DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[2]",
    )


# -- references, debit and credit ----------------------------------------------------


def test_tr315_and_cd060_credit_lines(jw323):
    make_credit(jw323, P1, "OLD1")
    make_credit(jw323, P2, "OLD1")
    set_total(jw323, -5000 - 24000 + 5000 + 24000 + 21000, "D")
    assert issues_of("JW323", jw323, "CD060") == []
    assert issues_of("JW323", jw323, "TR358") == []
    (issue,) = issues_of("JW323", jw323, "TR315")
    assert issue.locations == (
        f"/Bericht/{P1}/ProductReferentie/VorigReferentieNummer",
        f"/Bericht/{P2}/ProductReferentie/VorigReferentieNummer",
    )
    put(jw323, f"{P2}/ProductReferentie/VorigReferentieNummer", "OLD2")
    assert issues_of("JW323", jw323, "TR315") == []


def test_tr316_credit_of_a_debit_in_the_same_message(jw323):
    make_credit(jw323, P2, "OLD2")
    set_total(jw323, 5000 - 24000 + 5000 + 24000 + 21000)
    assert check_rules("JW323", jw323) == []
    put(jw323, f"{P2}/ProductReferentie/VorigReferentieNummer", "RN001")
    (issue,) = issues_of("JW323", jw323, "TR316")
    assert issue.locations == (
        f"/Bericht/{P1}/ProductReferentie/ReferentieNummer",
        f"/Bericht/{P2}/ProductReferentie/VorigReferentieNummer",
    )


def test_cd060_previous_reference_only_with_credit(jw323):
    add(jw323, f"{P1}/ProductReferentie", "VorigReferentieNummer", "OLD", base=True)
    (issue,) = issues_of("JW323", jw323, "CD060")
    assert issue.locations == (
        f"/Bericht/{P1}/IngediendBedrag/DebetCredit",
        f"/Bericht/{P1}/ProductReferentie/VorigReferentieNummer",
    )
    remove(jw323, f"{P1}/ProductReferentie/VorigReferentieNummer")
    put(jw323, f"{P1}/IngediendBedrag/DebetCredit", "C")
    assert len(issues_of("JW323", jw323, "CD060")) == 1


def test_tr416_two_debits_for_the_same_period_and_product(jw323):
    client2 = "Declaratie/Clienten/Client[2]/Prestaties"
    put(jw323, f"{client2}/Prestatie[3]/ProductPeriode/Begindatum", "2026-04-01")
    put(jw323, f"{client2}/Prestatie[3]/ProductPeriode/Einddatum", "2026-04-30")
    (issue,) = issues_of("JW323", jw323, "TR416")
    assert issue.locations == (
        "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[2]",
        "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]",
    )
    # A credit for the same period and product is no second debit.
    make_credit(jw323, f"{client2}/Prestatie[3]", "OLD")
    assert issues_of("JW323", jw323, "TR416") == []


def test_tr416_other_client_same_toewijzing_is_not_a_duplicate_debit(jw323):
    # The example bills toewijzing 10073 for April under two clients; that is for the apps (TR304/TR338).
    assert issues_of("JW323", jw323, "TR416") == []


# -- amounts -------------------------------------------------------------------------


def test_tr358_total_must_equal_signed_sum(jw323):
    set_total(jw323, 79001)
    (issue,) = issues_of("JW323", jw323, "TR358")
    # The total and, as in the official report, every IngediendBedrag it sums.
    assert issue.locations[:2] == (
        "/Bericht/Declaratie/TotaalIngediendBedrag/DebetCredit",
        "/Bericht/Declaratie/TotaalIngediendBedrag/TotaalBedrag",
    )
    assert len(issue.locations) == 2 + 5
    assert "790,01" in issue.text and "790,00" in issue.text


def test_tr358_credit_total(jw323):
    for prestatie in (P1, P2):
        make_credit(jw323, prestatie, "OLD" + prestatie[-2])
    for n in (1, 2, 3):
        p = f"Declaratie/Clienten/Client[2]/Prestaties/Prestatie[{n}]"
        make_credit(jw323, p, f"OLDX{n}")
    set_total(jw323, 79000, "C")
    assert issues_of("JW323", jw323, "TR358") == []
    set_total(jw323, 79000, "D")
    assert len(issues_of("JW323", jw323, "TR358")) == 1


def test_cd087_tariff_unless_euros(jw323):
    remove(jw323, f"{P1}/ProductTarief")
    (issue,) = issues_of("JW323", jw323, "CD087")
    assert issue.locations == (f"/Bericht/{P1}/Eenheid",)
    put(jw323, f"{P1}/Eenheid", "83")
    put(jw323, f"{P1}/GeleverdVolume", "5000")
    assert issues_of("JW323", jw323, "CD087") == []
    add(jw323, P1, "ProductTarief", "1", after="Eenheid")
    (issue,) = issues_of("JW323", jw323, "CD087")
    assert issue.locations == (f"/Bericht/{P1}/Eenheid", f"/Bericht/{P1}/ProductTarief")


def test_cs339_euro_amount_equals_volume(jw323):
    remove(jw323, f"{P1}/ProductTarief")
    put(jw323, f"{P1}/Eenheid", "83")
    put(jw323, f"{P1}/GeleverdVolume", "5000")
    assert issues_of("JW323", jw323, "CS339") == []
    put(jw323, f"{P1}/GeleverdVolume", "4999")
    (issue,) = issues_of("JW323", jw323, "CS339")
    assert issue.locations == (f"/Bericht/{P1}/GeleverdVolume", f"/Bericht/{P1}/IngediendBedrag/Bedrag")


def test_cs325_zero_is_debit(jw323, jw325):
    put(jw323, f"{P1}/IngediendBedrag/Bedrag", "0")
    set_total(jw323, 74000)
    assert issues_of("JW323", jw323, "CS325") == []
    put(jw323, f"{P1}/IngediendBedrag/DebetCredit", "C")
    make_credit(jw323, P1, "OLD")  # keeps CD060 quiet; the VorigReferentieNummer is added again
    (issue,) = issues_of("JW323", jw323, "CS325")
    assert issue.locations == (
        f"/Bericht/{P1}/IngediendBedrag/Bedrag",
        f"/Bericht/{P1}/IngediendBedrag/DebetCredit",
    )
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag", "0")
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit", "D")
    assert issues_of("JW325", jw325, "CS325") == []  # 0 debit: fine
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit", "C")
    totals = [i.locations for i in issues_of("JW325", jw325, "CS325")]
    assert totals == [
        (
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag",
            "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit",
        )
    ]


# -- dates ---------------------------------------------------------------------------


def test_tr134_product_period_start_after_dagtekening(jw323):
    put(jw323, f"{P1}/ProductPeriode/Begindatum", "2026-05-07")
    issues = check_rules("JW323", jw323)
    where = (f"/Bericht/{P1}/ProductPeriode/Begindatum", "/Bericht/Header/BerichtIdentificatie/Dagtekening")
    assert ("TR134", where) in [(i.code, i.locations) for i in issues]


def test_tr137_end_before_start_or_after_dagtekening(jw323):
    put(jw323, f"{P1}/ProductPeriode/Einddatum", "2026-03-31")
    put(jw323, f"{P1}/ProductPeriode/Begindatum", "2026-04-01")
    assert [i.locations for i in issues_of("JW323", jw323, "TR137")] == [
        (f"/Bericht/{P1}/ProductPeriode/Begindatum", f"/Bericht/{P1}/ProductPeriode/Einddatum")
    ]
    put(jw323, f"{P1}/ProductPeriode/Einddatum", "2026-04-30")
    assert issues_of("JW323", jw323, "TR137") == []
    put(jw323, "Header/BerichtIdentificatie/Dagtekening", "2026-04-29")
    # The DeclaratiePeriode and every April prestatie end after the dagtekening.
    assert len(issues_of("JW323", jw323, "TR137")) == 1 + 4


def test_tr137_jw325(jw325):
    put(jw325, "Header/BerichtIdentificatie/Dagtekening", "2023-04-29")
    assert len(issues_of("JW325", jw325, "TR137")) == 3


def test_tr335_not_older_than_five_years(jw323):
    p = "Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]/ProductPeriode"
    put(jw323, f"{p}/Begindatum", "2021-05-01")
    put(jw323, f"{p}/Einddatum", "2021-05-31")
    assert issues_of("JW323", jw323, "TR335") == []  # 2021-05-31 is within 5 years of 2026-05-06
    put(jw323, "Declaratie/DeclaratieDagtekening", "2026-06-01")
    put(jw323, "Header/BerichtIdentificatie/Dagtekening", "2026-06-01")
    (issue,) = issues_of("JW323", jw323, "TR335")
    assert issue.locations == (f"/Bericht/{p}/Einddatum", "/Bericht/Declaratie/DeclaratieDagtekening")


def test_tr319_product_period_after_declaratie_period(jw323):
    put(jw323, "Declaratie/DeclaratiePeriode/Begindatum", "2026-03-01")
    put(jw323, "Declaratie/DeclaratiePeriode/Einddatum", "2026-03-31")
    issues = issues_of("JW323", jw323, "TR319")
    assert len(issues) == 2 * 4  # both dates of the four April prestaties; the March one fits
    assert {i.return_code for i in issues} == {"9319"}


def test_cs100_periods_from_2021(jw323):
    put(jw323, f"{P1}/ProductPeriode/Begindatum", "2020-12-01")
    put(jw323, f"{P1}/ProductPeriode/Einddatum", "2020-12-31")
    (issue,) = issues_of("JW323", jw323, "CS100")
    assert issue.locations == (f"/Bericht/{P1}/ProductPeriode/Begindatum",)
    put(jw323, "Declaratie/DeclaratiePeriode/Begindatum", "2020-12-01")
    assert len(issues_of("JW323", jw323, "CS100")) == 2


def test_cs337_product_period_in_one_month(jw323):
    put(jw323, f"{P1}/ProductPeriode/Begindatum", "2026-03-31")
    (issue,) = issues_of("JW323", jw323, "CS337")
    assert issue.locations == (
        f"/Bericht/{P1}/ProductPeriode/Begindatum",
        f"/Bericht/{P1}/ProductPeriode/Einddatum",
    )


@pytest.mark.parametrize(
    ("begin", "end", "ok"),
    [
        ("2026-04-01", "2026-04-30", True),
        ("2026-12-01", "2026-12-31", True),
        ("2024-02-01", "2024-02-29", True),
        ("2024-02-01", "2024-02-28", False),
        ("2026-04-02", "2026-04-30", False),
        ("2026-04-01", "2026-05-31", False),
    ],
)
def test_cs340_declaratie_period_is_one_month(jw323, begin, end, ok):
    put(jw323, "Declaratie/DeclaratiePeriode/Begindatum", begin)
    put(jw323, "Declaratie/DeclaratiePeriode/Einddatum", end)
    assert (issues_of("JW323", jw323, "CS340") == []) is ok


def test_cs319_declaratienummer_alphanumeric(jw323):
    put(jw323, "Declaratie/DeclaratieNummer", "DN-001")
    (issue,) = issues_of("JW323", jw323, "CS319")
    assert issue.locations == ("/Bericht/Declaratie/DeclaratieNummer",)


# -- JW325 ---------------------------------------------------------------------------


def test_tr342_sum_of_rejected_explains_difference(jw325):
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag", "34001")
    (issue,) = issues_of("JW325", jw325, "TR342")
    assert issue.locations == (
        "/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag",
        "/Bericht/DeclaratieAntwoord/TotaalIngediendBedrag",
    )


def test_tr342_judges_the_totals_not_each_prestatie(jw325):
    # The official stylesheet checks only the totals against the sum of the prestaties sent back.
    p = "DeclaratieAntwoord/Clienten/Client[1]/Prestaties/Prestatie[1]"
    put(jw325, f"{p}/RetourCodes/RetourCode", "0200")
    assert issues_of("JW325", jw325, "TR342") == []


def test_tr342_rejected_declaration_grants_nothing(jw325):
    put(jw325, "DeclaratieAntwoord/RetourCodes/RetourCode", "9333")
    (issue,) = issues_of("JW325", jw325, "TR342")
    assert issue.locations == ("/Bericht/DeclaratieAntwoord/TotaalToegekendBedrag",)
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/TotaalBedrag", "0")
    put(jw325, "DeclaratieAntwoord/TotaalToegekendBedrag/DebetCredit", "D")
    assert issues_of("JW325", jw325, "TR342") == []


def test_cd060_jw325(jw325):
    remove(
        jw325,
        "DeclaratieAntwoord/Clienten/Client[2]/Prestaties/Prestatie/ProductReferentie/VorigReferentieNummer",
    )
    (issue,) = issues_of("JW325", jw325, "CD060")
    assert issue.locations == (
        "/Bericht/DeclaratieAntwoord/Clienten/Client[2]/Prestaties/Prestatie/IngediendBedrag/DebetCredit",
    )


def test_cs002_bsn_in_declaration(jw323):
    put(jw323, "Declaratie/Clienten/Client[2]/Bsn", "999900019")
    (issue,) = issues_of("JW323", jw323, "CS002")
    assert issue.locations == ("/Bericht/Declaratie/Clienten/Client[2]/Bsn",)
