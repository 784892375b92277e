"""The content rules give exactly the published verdicts, and the registry matches the rules."""

from __future__ import annotations

import pytest
from lxml import etree

from jeugdketen.ijw.report import location
from jeugdketen.ijw.rules import (
    ALSO_CHECKED,
    CHECKED_BY_ELEMENT_NAME,
    COVERED_ELSEWHERE,
    RULES,
    check_rules,
    implemented,
)
from jeugdketen.ijw.rules.engine import Locator
from jeugdketen.ijw.rules.registry import BERICHT, BERICHTOVERSTIJGEND, EXTERNE_BRON

CLEAN = ["JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW316", "JW319", "JW320", "JW325"]


@pytest.mark.parametrize("code", CLEAN)
def test_clean_examples_break_no_rule(code, example):
    assert check_rules(code, etree.fromstring(example(code))) == []


def test_jw317_example_fails_cs003_only(example):
    issues = check_rules("JW317", etree.fromstring(example("JW317")))
    assert [(i.code, i.return_code, i.locations) for i in issues] == [
        (
            "CS003",
            "0001",
            (
                "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum",
                "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum",
            ),
        )
    ]


def test_jw323_example_fails_tr101_naming_both_duplicates(example):
    issues = check_rules("JW323", etree.fromstring(example("JW323")))
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.code, issue.return_code) == ("TR101", "0001")
    assert issue.locations == (
        "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[2]",
        "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]",
    )
    assert "RN004" in issue.text


def test_message_code_is_case_insensitive(example):
    assert [i.code for i in check_rules("jw323", etree.fromstring(example("JW323")))] == ["TR101"]


def test_unknown_message_has_no_rules(example):
    assert check_rules("JW999", etree.fromstring(example("JW301"))) == []


def test_every_implemented_rule_is_registered_for_its_messages():
    for code, messages in implemented().items():
        info = RULES[code]
        beyond = set(messages) - set(info.messages)
        assert code in CHECKED_BY_ELEMENT_NAME or all((code, m) in ALSO_CHECKED for m in beyond), code
        if info.level == BERICHT:
            missing = set(info.messages) - set(messages)
            assert all((code, m) in COVERED_ELSEWHERE for m in missing), (code, missing)


def test_every_in_message_rule_is_implemented():
    in_message = {code for code, info in RULES.items() if info.level == BERICHT}
    assert in_message == {code for code in implemented() if RULES[code].level == BERICHT}


def test_cross_message_rules_with_an_in_message_part_are_implemented():
    partial = {code for code, info in RULES.items() if info.in_message_part}
    assert partial == {"TR319"}
    assert partial <= set(implemented())


def test_registry_names_every_cross_message_rule_with_its_retourcode():
    cross = {code: info for code, info in RULES.items() if info.level == BERICHTOVERSTIJGEND}
    assert len(cross) == 54
    assert cross["TR319"].return_code == "9319"
    assert cross["TR382"].return_code == "9069"
    assert cross["TR337"].return_code is None  # JW325 has no retour message
    assert all(info.berichtoverstijgend for info in cross.values())
    external = {code for code, info in RULES.items() if info.level == EXTERNE_BRON}
    assert external == {"TR135", "TR346", "TR378", "TR381"}
    assert RULES["TR101"].description == "Binnen een bericht zijn dubbele regels niet toegestaan."
    assert not RULES["TR101"].berichtoverstijgend


def test_registry_retourcodes_are_wj001_codes():
    for info in RULES.values():
        assert info.return_code is None or len(info.return_code) == 4, info.code
        assert all(m.startswith("JW") and len(m) == 5 for m in info.messages), info.code


def test_every_rule_function_documents_its_code():
    from jeugdketen.ijw.rules.engine import REGISTRY

    for functions in REGISTRY.values():
        for function in functions:
            assert function.__doc__.startswith(function.rule_code), function.__name__
            assert function.__name__.startswith(function.rule_code.lower()), function.__name__


def test_locator_agrees_with_report_location(example):
    root = etree.fromstring(example("JW301"))
    locate = Locator()
    for element in root.iter(etree.Element):
        assert locate(element) == location(element)
