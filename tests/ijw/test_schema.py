"""The Python declarations say exactly what the official XSDs say.

The project never reads the XSDs at run time, so this test is what keeps the
transcription honest: every complex type's element order, names, cardinality and types,
and every simple type's base and facets, compared with the files in ../shared/ijw/xsd.
"""

from __future__ import annotations

import pytest
from lxml import etree

from jeugdketen.ijw import codes
from jeugdketen.ijw.schema import MESSAGES, basis
from jeugdketen.ijw.schema.types import ComplexType, SimpleType

XS = "{http://www.w3.org/2001/XMLSchema}"


def simple_facets(restriction) -> dict:
    facets: dict = {"base": restriction.get("base").split(":")[1]}
    for facet in restriction:
        if not isinstance(facet.tag, str):
            continue
        name, value = facet.tag[len(XS) :], facet.get("value")
        if name == "enumeration":
            facets.setdefault("enumeration", []).append(value)
        elif name == "pattern":
            facets.setdefault("patterns", []).append(value)
        else:
            facets[name] = value
    return facets


def declared_facets(simple: SimpleType) -> dict:
    facets: dict = {"base": simple.base}
    if simple.enumeration is not None:
        facets["enumeration"] = list(simple.enumeration)
    if simple.patterns:
        facets["patterns"] = list(simple.patterns)
    for name, value in (
        ("minLength", simple.min_length),
        ("maxLength", simple.max_length),
        ("minInclusive", simple.min_value),
        ("maxInclusive", simple.max_value),
    ):
        if value is not None:
            facets[name] = str(value)
    return facets


def test_every_simple_type_matches_the_basisschema(xsd_dir):
    tree = etree.parse(str(xsd_dir / "basisschema.xsd")).getroot()
    names = []
    for simple in tree.findall(f"{XS}simpleType"):
        name = simple.get("name")
        names.append(name)
        assert declared_facets(getattr(basis, name)) == simple_facets(simple.find(f"{XS}restriction")), name
    declared = [name for name, value in vars(basis).items() if isinstance(value, SimpleType)]
    assert declared == names


def compare_complex(xsd_type, declared: ComplexType, xsd_types: dict, namespace: str, seen: set) -> None:
    assert declared.namespace == namespace, declared.name
    elements = xsd_type.find(f"{XS}sequence").findall(f"{XS}element")
    assert [e.get("name") for e in elements] == [e.name for e in declared.elements], declared.name
    for xsd_element, element in zip(elements, declared.elements, strict=True):
        where = f"{declared.name}/{element.name}"
        assert element.optional == (xsd_element.get("minOccurs") == "0"), where
        assert element.repeats == (xsd_element.get("maxOccurs") == "unbounded"), where
        type_name = xsd_element.get("type")
        if type_name is None:
            restriction = xsd_element.find(f"{XS}simpleType/{XS}restriction")
            base = getattr(basis, restriction.get("base").split(":")[1])
            local = simple_facets(restriction)["patterns"]
            assert isinstance(element.type, SimpleType), where
            assert list(element.type.patterns) == list(base.patterns) + local, where
            continue
        prefix, local_name = type_name.split(":")
        if isinstance(element.type, SimpleType) or prefix == "ijw":
            assert element.type is getattr(basis, local_name), where
        else:
            assert element.type.name == local_name, where
            if id(element.type) not in seen:
                seen.add(id(element.type))
                compare_complex(xsd_types[local_name], element.type, xsd_types, namespace, seen)


def test_every_composite_type_matches_the_basisschema(xsd_dir):
    tree = etree.parse(str(xsd_dir / "basisschema.xsd")).getroot()
    types = {t.get("name"): t for t in tree.findall(f"{XS}complexType")}
    for name, xsd_type in types.items():
        compare_complex(xsd_type, getattr(basis, name), types, basis.NS, set())


@pytest.mark.parametrize("code", list(MESSAGES))
def test_every_message_matches_its_xsd(code, xsd_dir):
    tree = etree.parse(str(xsd_dir / f"{code}.xsd")).getroot()
    message = MESSAGES[code]
    assert message.namespace == tree.get("targetNamespace")
    [root] = tree.findall(f"{XS}element")
    assert root.get("name") == message.root_name
    types = {t.get("name"): t for t in tree.findall(f"{XS}complexType")}
    seen: set = set()
    compare_complex(types["Root"], message.root, types, message.namespace, seen)
    assert len(seen) + 1 == len(types), "every complex type of the XSD is reachable and declared"


@pytest.mark.parametrize("code", list(MESSAGES))
def test_header_carries_the_berichtcode_of_cod002(code):
    header = MESSAGES[code].root.child("Header").type
    assert header.child("BerichtCode").type.patterns[-1] == codes.BERICHTCODE[code]


def test_code_lists_hold_exactly_the_xsd_enumerations():
    for code_list in codes.CODE_LISTS.values():
        simple = getattr(basis, code_list.element)
        assert list(simple.enumeration) == list(code_list), code_list.ident
        assert all(code_list[code] for code in code_list), f"{code_list.ident} has a code without meaning"


def test_code_meanings_are_dutch():
    assert codes.WJ756["14"] == "Etmaal"
    assert codes.WJ001["0001"] == "Bericht is afgekeurd om technische redenen."
    assert codes.JZ020.meaning("45") == "Jeugdhulp ambulant"
    assert "onbekende code" in codes.WJ756.meaning("99")
