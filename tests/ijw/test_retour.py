"""Retour messages as invulinstructie IV028 prescribes, each valid against the official XSD.

IV028 (``regels/invulinstructies/invulinstructie_IV028.md``): a retour always has a Header;
no errors -> only the Header without retourcodes; XSD errors (controleniveau 1) -> no retour;
in-message rule errors (controleniveau 2, XSLT) -> only the Header with 0001; berichtoverstijgend
or external-source errors (controleniveau 3/4) -> an error in the Header gives only the Header
with the rule's retourcode, errors in a Client give that client whole with a code in every class
and 0200 in the Header; clients without errors are left out.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree
from tests.ijw.differential.oracle import judges

from jeugdketen.ijw.report import Issue, Report
from jeugdketen.ijw.retour import RETOUR_OF, NoRetourError, build_retour
from jeugdketen.ijw.rules import BERICHT, RULES, XSLT_VERSIE
from jeugdketen.ijw.structure import check_structure
from jeugdketen.ijw.validate import validate
from jeugdketen.ijw.xml import parse, serialise

DAY = dt.date(2026, 5, 7)


def codes_at(document, path: str) -> list[str]:
    """RetourCode values directly under the RetourCodes of the element at ``path`` (local names)."""
    namespaces = {"r": document.message.namespace}
    xpath = "/" + "/".join(f"r:{step}" for step in path.strip("/").split("/")) + "/r:RetourCodes/r:RetourCode"
    return [element.text for element in document.root.xpath(xpath, namespaces=namespaces)]


def top_level(document) -> list[str]:
    return [etree.QName(child).localname for child in document.root if isinstance(child.tag, str)]


def assert_valid(official, retour) -> None:
    assert official(retour.code, retour.root), f"{retour.code} not valid against the official XSD"
    assert check_structure(retour.root, retour.message) == []
    assert serialise(parse(serialise(retour.root)).root) == serialise(retour.root)


def two_clients(example, code: str):
    """The published example with its Client repeated, so a client without errors exists."""
    document = parse(example(code))
    client = document.root.find("{*}Client")
    client.addnext(etree.fromstring(etree.tostring(client)))
    return document


@pytest.mark.parametrize("heen", list(RETOUR_OF))
def test_accepted_message_gets_only_the_header_without_retourcodes(heen, example, official):
    """IV028, no errors: "het retourbericht bevat in dat geval alleen een Header, zonder retourcodes"."""
    document = parse(example(heen))
    retour = build_retour(document, Report(heen), identificatie="R1", dagtekening=DAY, xslt_versie="1.0.0")
    assert retour.code == RETOUR_OF[heen]
    assert top_level(retour) == ["Header"]
    assert list(retour.root.iter("{*}RetourCodes")) == []
    assert retour.root.findtext("{*}Header/{*}XsltVersie") == "1.0.0"
    assert_valid(official, retour)


@pytest.mark.parametrize("heen", list(RETOUR_OF))
def test_structurally_invalid_message_gets_no_retour(heen, example):
    """IV028, controleniveau 1: "Er wordt geen retourbericht verzonden"; the sender gets an error."""
    document = parse(example(heen))
    with pytest.raises(NoRetourError, match="no retour message"):
        build_retour(document, Report(heen, schema_valid=False), identificatie="R1", dagtekening=DAY)
    issue = Issue("XSD", "0001", ("/Bericht/Client",), "x")
    with pytest.raises(NoRetourError):
        build_retour(document, Report(heen, issues=[issue]), identificatie="R1", dagtekening=DAY)


def test_schema_invalid_example_is_refused_after_validation(example):
    """IV028, controleniveau 1: a message validate() finds XSD-invalid gets no retour."""
    document = parse(example("JW315"))
    report = validate(document)
    assert not report.schema_valid  # the published JW315 example breaks the XSD
    with pytest.raises(NoRetourError):
        build_retour(document, report, identificatie="R1", dagtekening=DAY)


@pytest.mark.parametrize("heen", list(RETOUR_OF))
def test_in_message_rule_error_gets_only_the_header_with_0001(heen, example, official):
    """IV028, controleniveau 2: "alleen de Header retour ... met de algemene retourcode 0001",
    with the XSLT version when given; also when the issue is located in a client."""
    rule = next(info for info in RULES.values() if info.level == BERICHT)
    document = parse(example(heen))
    body = top_level(document)[1]
    report = Report(heen, issues=[Issue(rule.code, rule.return_code, (f"/Bericht/{body}",), "x")])
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY, xslt_versie="1.1.1")
    assert top_level(retour) == ["Header"]
    assert codes_at(retour, "Bericht/Header") == ["0001"]
    assert retour.root.findtext("{*}Header/{*}XsltVersie") == "1.1.1"
    assert_valid(official, retour)


def test_in_message_rule_error_outweighs_berichtoverstijgend_ones(example, official):
    """IV028: a message rejected at controleniveau 2 is answered with the Header and 0001 only."""
    document = parse(example("JW305"))
    report = Report(
        "JW305",
        issues=[
            Issue("TR063", "9063", ("/Bericht/Client/StartProducten/StartProduct",), "x"),
            Issue("CS003", "0001", ("/Bericht/Header",), "x"),
        ],
    )
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert top_level(retour) == ["Header"]
    assert codes_at(retour, "Bericht/Header") == ["0001"]
    assert_valid(official, retour)


def test_header_error_gives_the_published_jw302_shape(example, examples_dir, official):
    """IV028, controleniveau 3/4, error in the Header: only the Header with the rule's retourcode,
    exactly the shape of the published JW302 example (TR135, retourcode 8848)."""
    document = parse(example("JW301"))
    report = Report("JW301", issues=[Issue("TR135", "8848", ("/Bericht/Header/Ontvanger",), "x")])
    retour = build_retour(document, report, identificatie="9452b7eb-c87", dagtekening=DAY)
    published = parse((examples_dir / "JW302.xml").read_bytes())
    assert top_level(retour) == top_level(published) == ["Header"]
    assert codes_at(retour, "Bericht/Header") == codes_at(published, "Bericht/Header") == ["8848"]
    names = [etree.QName(child).localname for child in retour.root.find("{*}Header")]
    published_names = [etree.QName(child).localname for child in published.root.find("{*}Header")]
    assert names == published_names
    assert_valid(official, retour)


def test_header_error_outweighs_client_errors_and_issue_without_location(example, official):
    """IV028: "Indien er een fout geconstateerd is in de Header, bevat het retourbericht alleen de Header"."""
    document = parse(example("JW307"))
    report = Report(
        "JW307",
        issues=[
            Issue("TR063", "9063", ("/Bericht/Client/StopProducten/StopProduct",), "x"),
            Issue("TR056", "9056", (), "x"),
        ],
    )
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert top_level(retour) == ["Header"]
    assert codes_at(retour, "Bericht/Header") == ["9056"]
    assert_valid(official, retour)


def test_client_error_follows_the_iv028_tr063_example(example, official):
    """IV028's TR063 example: Header 0200, Cliënt 0200, StartProduct 9063; the client copied unchanged."""
    document = parse(example("JW305"))
    report = Report(
        "JW305", issues=[Issue("TR063", "9063", ("/Bericht/Client/StartProducten/StartProduct",), "x")]
    )
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert top_level(retour) == ["Header", "Client"]
    assert codes_at(retour, "Bericht/Header") == ["0200"]
    assert codes_at(retour, "Bericht/Client") == ["0200"]
    # the example has two StartProducten: the first has the error, the other none
    assert codes_at(retour, "Bericht/Client/StartProducten/StartProduct") == ["9063", "0200"]
    heen_client = document.root.find("{*}Client")
    retour_client = retour.root.find("{*}Client")
    assert [
        etree.QName(e).localname for e in heen_client.iter() if etree.QName(e).localname != "RetourCodes"
    ] == [
        etree.QName(e).localname
        for e in retour_client.iter()
        if etree.QName(e).localname not in ("RetourCodes", "RetourCode")
    ]
    assert_valid(official, retour)


def test_only_clients_with_errors_are_returned(example, official):
    """IV028: all classes of a client with errors are returned; clients without errors are not."""
    document = two_clients(example, "JW317")
    verzoek = "/Bericht/Client[2]/Verzoek"
    report = Report(
        "JW317",
        issues=[
            Issue("TR350", "9350", (f"{verzoek}/OngewijzigdeProducten/OngewijzigdProduct",), "x"),
            Issue("TR304", "8187", ("/Bericht/Client[2]/Bsn",), "x"),
            Issue("TR999", "0233", (f"{verzoek}/NieuweProducten/NieuwProduct",), "niet gecontroleerd"),
        ],
    )
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert top_level(retour) == ["Header", "Client"]
    assert codes_at(retour, "Bericht/Header") == ["0200"]
    assert codes_at(retour, "Bericht/Client") == ["8187"]
    assert codes_at(retour, "Bericht/Client/Verzoek") == ["0200"]
    assert codes_at(retour, "Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct") == ["9350"]
    assert codes_at(retour, "Bericht/Client/Verzoek/NieuweProducten/NieuwProduct") == ["0233"]
    assert_valid(official, retour)


def test_jw320_answers_per_antwoord_like_the_published_example(example, examples_dir, official):
    """IV028 for JW319/JW320: the Antwoord with an error is returned with its code, the Header 0200."""
    document = parse(example("JW319"))
    report = Report("JW319", issues=[Issue("TR360", "9360", ("/Bericht/Antwoord",), "x")])
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    published = parse((examples_dir / "JW320.xml").read_bytes())
    assert top_level(retour) == top_level(published) == ["Header", "Antwoord"]
    assert codes_at(retour, "Bericht/Header") == codes_at(published, "Bericht/Header") == ["0200"]
    assert codes_at(retour, "Bericht/Antwoord") == codes_at(published, "Bericht/Antwoord") == ["9360"]
    assert_valid(official, retour)


def test_retour_header_names_itself_and_keeps_the_heen_identity(example):
    """IV028: BerichtCode of the retour; the other header elements unchanged; IdentificatieRetour and
    DagtekeningRetour added; XsltVersie only when given or when the XSLT rules found errors."""
    document = parse(example("JW301"))
    retour = build_retour(document, Report("JW301"), identificatie="RT-1", dagtekening=DAY)
    header = retour.root.find("{*}Header")
    assert header.findtext("{*}BerichtCode") == "437"
    assert header.findtext("{*}IdentificatieRetour") == "RT-1"
    assert header.findtext("{*}DagtekeningRetour") == "2026-05-07"
    heen_header = document.root.find("{*}Header")
    for name in ("Afzender", "Ontvanger", "BerichtVersie", "BerichtSubversie"):
        assert header.findtext(f"{{*}}{name}") == heen_header.findtext(f"{{*}}{name}")
    assert header.find("{*}XsltVersie") is None


def test_errors_of_the_xslt_rules_name_the_official_stylesheet_version(example, official):
    """IV033: when the XSLT rules found errors, XsltVersie says which version judged the message;
    ours gives the verdicts of the official stylesheet, so it is that version."""
    document = parse(example("JW317"))  # the published JW317 breaks CS003
    retour = build_retour(document, validate(example("JW317")), identificatie="R1", dagtekening=DAY)
    assert codes_at(retour, "Bericht/Header") == ["0001"]
    assert retour.root.findtext("{*}Header/{*}XsltVersie") == XSLT_VERSIE
    assert_valid(official, retour)
    given = build_retour(
        document, validate(example("JW317")), identificatie="R1", dagtekening=DAY, xslt_versie="1.2.3"
    )
    assert given.root.findtext("{*}Header/{*}XsltVersie") == "1.2.3"


def test_xslt_versie_is_the_official_stylesheets_own():
    """The version claimed in retour messages is the one the official stylesheet reports."""
    assert judges().xslt_version == XSLT_VERSIE


def test_messages_without_a_mirror_retour_are_refused(example):
    document = parse(example("JW323"))
    with pytest.raises(ValueError, match="no retour"):
        build_retour(document, Report("JW323"), identificatie="R1", dagtekening=DAY)
