"""Retour messages: valid against the official XSD, with retourcodes in the right classes."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdketen.ijw.report import Issue, Report
from jeugdketen.ijw.retour import RETOUR_OF, build_retour
from jeugdketen.ijw.structure import check_structure
from jeugdketen.ijw.validate import validate
from jeugdketen.ijw.xml import parse, serialise

DAY = dt.date(2026, 5, 7)


def codes_at(document, path: str) -> list[str]:
    """RetourCode values directly under the RetourCodes of the element at ``path`` (local names)."""
    namespaces = {"r": document.message.namespace}
    xpath = "/" + "/".join(f"r:{step}" for step in path.strip("/").split("/")) + "/r:RetourCodes/r:RetourCode"
    return [element.text for element in document.root.xpath(xpath, namespaces=namespaces)]


@pytest.mark.parametrize("heen", list(RETOUR_OF))
def test_retour_of_every_example_is_valid(heen, example, official):
    document = parse(example(heen))
    report = validate(document)
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY, xslt_versie="1.0.0")
    assert retour.code == RETOUR_OF[heen]
    assert official(retour.code, retour.root)
    assert check_structure(retour.root, retour.message) == []
    assert serialise(parse(serialise(retour.root)).root) == serialise(retour.root)


def test_clean_message_gets_0200_everywhere(example):
    document = parse(example("JW305"))
    retour = build_retour(document, Report("JW305"), identificatie="R1", dagtekening=DAY)
    assert {element.text for element in retour.root.iter("{*}RetourCode")} == {"0200"}
    assert codes_at(retour, "Bericht/Header") == ["0200"]
    assert codes_at(retour, "Bericht/Client") == ["0200"]


def test_structurally_invalid_message_is_rejected_in_the_header(example, official):
    document = parse(example("JW315"))
    report = validate(document)
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert codes_at(retour, "Bericht/Header") == ["0001"]
    assert retour.root.find("{*}Client") is None
    assert official("JW316", retour.root)


def test_issue_code_goes_to_the_nearest_class(example, official):
    document = parse(example("JW317"))
    report = Report(
        "JW317",
        issues=[
            Issue("CS003", "0001", ("/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",), "x"),
            Issue(
                "TR350", "9350", ("/Bericht/Client/Verzoek/OngewijzigdeProducten/OngewijzigdProduct",), "x"
            ),
            Issue("TR999", "9374", ("/Bericht/Client/Bsn",), "x"),
            Issue("TR135", "8848", ("/Bericht/Header/BerichtIdentificatie/Dagtekening",), "x"),
        ],
    )
    retour = build_retour(document, report, identificatie="R1", dagtekening=DAY)
    assert official("JW318", retour.root)
    verzoek = "Bericht/Client/Verzoek"
    assert codes_at(retour, f"{verzoek}/NieuweProducten/NieuwProduct") == ["0001"]
    assert codes_at(retour, f"{verzoek}/OngewijzigdeProducten/OngewijzigdProduct") == ["9350"]
    assert codes_at(retour, verzoek) == ["0200"]
    assert codes_at(retour, "Bericht/Client") == ["9374"]
    assert codes_at(retour, "Bericht/Header") == ["8848"]


def test_retour_header_names_itself_and_keeps_the_heen_identity(example):
    document = parse(example("JW301"))
    retour = build_retour(document, Report("JW301"), identificatie="RT-1", dagtekening=DAY)
    header = retour.root.find("{*}Header")
    assert header.findtext("{*}BerichtCode") == "437"
    assert header.findtext("{*}IdentificatieRetour") == "RT-1"
    assert header.findtext("{*}DagtekeningRetour") == "2026-05-07"
    heen_header = document.root.find("{*}Header")
    assert header.findtext("{*}Afzender") == heen_header.findtext("{*}Afzender")
    assert header.find("{*}XsltVersie") is None


def test_messages_without_a_mirror_retour_are_refused(example):
    document = parse(example("JW323"))
    with pytest.raises(ValueError, match="no retour"):
        build_retour(document, Report("JW323"), identificatie="R1", dagtekening=DAY)
