"""Structural validation gives the official XSD's verdict on every mutation of every example.

Each mutation (delete, duplicate, swap, foreign namespace, stray text, attribute,
comment) is applied to every element of the published examples in turn, and our verdict
is compared with lxml's validation against the official XSD. Then a few tests pin the
Dutch texts and locations a person will read.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator

import pytest
from lxml import etree

from jeugdketen.ijw.schema import BASIS_NS, MESSAGES
from jeugdketen.ijw.structure import check_structure, walk_structure
from jeugdketen.ijw.xml import detect, parse

CLEAN = [code for code in MESSAGES if code not in {"JW315", "JW318"}]


def delete(element):
    element.getparent().remove(element)


def duplicate(element):
    element.addnext(copy.deepcopy(element))


def swap_with_next(element):
    following = element.getnext()
    if following is not None:
        following.addnext(element)


def foreign_namespace(element):
    namespace = etree.QName(element).namespace
    other = BASIS_NS if namespace != BASIS_NS else "http://www.istandaarden.nl/ijw/3_2/jw301/schema"
    element.tag = f"{{{other}}}{etree.QName(element).localname}"


def stray_text(element):
    element.tail = (element.tail or "") + "x"


def attribute(element):
    element.set("id", "1")


def comment_inside(element):
    element.insert(0, etree.Comment("opmerking"))


def empty(element):
    for child in list(element):
        element.remove(child)
    element.text = ""


MUTATIONS: dict[str, Callable] = {
    "delete": delete,
    "duplicate": duplicate,
    "swap": swap_with_next,
    "namespace": foreign_namespace,
    "text": stray_text,
    "attribute": attribute,
    "comment": comment_inside,
    "empty": empty,
}


def mutants(data: bytes, mutate: Callable) -> Iterator[tuple[str, etree._Element]]:
    original = etree.fromstring(data)
    count = sum(1 for _ in original.iter(etree.Element))
    for index in range(1, count):  # never the root itself
        root = etree.fromstring(data)
        element = list(root.iter(etree.Element))[index]
        where = root.getroottree().getpath(element)
        mutate(element)
        yield where, root


ENGINES = {"python-walk": walk_structure, "compiled-then-walk": check_structure}


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("mutation", list(MUTATIONS))
@pytest.mark.parametrize("code", CLEAN)
def test_same_verdict_as_the_official_xsd(code, mutation, engine, example, official):
    disagreements = []
    for where, root in mutants(example(code), MUTATIONS[mutation]):
        ours = not ENGINES[engine](root, detect(root))
        theirs = official(code, root)
        if ours != theirs:
            disagreements.append((where, ours, theirs))
    assert disagreements == []


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("code", list(MESSAGES))
def test_examples_as_published(code, engine, example, official):
    document = parse(example(code))
    assert (not ENGINES[engine](document.root, document.message)) == official(code, document.root)


def test_fast_and_walk_report_the_same_issues(example):
    for code in ("JW315", "JW318"):
        document = parse(example(code))
        assert check_structure(document.root, document.message) == walk_structure(
            document.root, document.message
        )


def issues_for(data: bytes):
    document = parse(data)
    return check_structure(document.root, document.message)


def test_missing_element_is_named_at_its_parent(example):
    data = example("JW323").replace(b"<jw323:DeclaratieNummer>DN001</jw323:DeclaratieNummer>", b"")
    [issue] = issues_for(data)
    assert issue.code == "XSD" and issue.return_code == "0001"
    assert issue.locations == ("/Bericht/Declaratie/DeclaratiePeriode",)
    assert "Verplicht element DeclaratieNummer ontbreekt" in issue.text


def test_bad_value_location_has_indexes_only_where_names_repeat(example):
    data = example("JW323").replace(b"<jw323:GeleverdVolume>4<", b"<jw323:GeleverdVolume>vier<", 1)
    [issue] = issues_for(data)
    assert issue.locations == (
        "/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[1]/GeleverdVolume",
    )
    assert "'vier' is geen geheel getal" in issue.text


def test_unknown_code_is_reported_with_its_list(example):
    data = example("JW323").replace(b"<jw323:Eenheid>04<", b"<jw323:Eenheid>05<", 1)
    [issue] = issues_for(data)
    assert "codelijst" in issue.text and "LDT_Eenheid" in issue.text


def test_every_error_is_found_not_just_the_first(example):
    data = example("JW323").replace(b"<ijw:DebetCredit>D<", b"<ijw:DebetCredit>X<")
    issues = issues_for(data)
    assert len(issues) == example("JW323").count(b"<ijw:DebetCredit>D<")
    assert len({issue.locations for issue in issues}) == len(issues)


def test_impossible_date(example):
    data = example("JW323").replace(b"2026-04-30", b"2026-04-31", 1)
    [issue] = issues_for(data)
    assert issue.locations == ("/Bericht/Declaratie/DeclaratiePeriode/Einddatum",)
    assert "geen geldige datum" in issue.text


def test_attribute_is_refused(example):
    data = example("JW301").replace(b"<jw301:Client>", b'<jw301:Client id="1">', 1)
    [issue] = issues_for(data)
    assert issue.locations == ("/Bericht/Client",)
    assert "Attribuut id" in issue.text


def test_xsi_schema_location_is_tolerated(example):
    data = example("JW301").replace(
        b"<jw301:Bericht ",
        b'<jw301:Bericht xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b" ',
        1,
    )
    assert issues_for(data) == []


def test_many_prestaties_have_correct_indexes(example):
    document = parse(example("JW323"))
    prestaties = document.root.find(".//{*}Prestaties")
    template = prestaties[0]
    for _ in range(200):
        prestaties.append(copy.deepcopy(template))
    prestaties[150].find("{*}Eenheid").text = "99"
    issues = check_structure(document.root, document.message)
    assert [issue.locations for issue in issues] == [
        ("/Bericht/Declaratie/Clienten/Client[1]/Prestaties/Prestatie[151]/Eenheid",)
    ]
