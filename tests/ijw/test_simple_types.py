"""Every LDT_* type gives the official XSD's verdict on generated values (differential tests).

The oracle is lxml validating a one-element schema that imports the official
basisschema. Hypothesis aims at the edges: impossible dates (2027-06-31, 29 February),
time zones, signs and whitespace around numbers, XML whitespace versus other Unicode
whitespace in the ``.*[^\\s].*`` patterns, lengths around the limits.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from jeugdketen.ijw.schema import basis
from jeugdketen.ijw.schema.types import SimpleType, xsd_regex

SIMPLE_TYPES = {name: value for name, value in vars(basis).items() if isinstance(value, SimpleType)}
TEST_NS = "urn:jeugdketen:test"


@pytest.fixture(scope="module")
def oracle(xsd_dir: Path):
    @cache
    def schema(type_name: str) -> etree.XMLSchema:
        text = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ijw="{basis.NS}"
            targetNamespace="{TEST_NS}" elementFormDefault="qualified">
          <xs:import namespace="{basis.NS}" schemaLocation="{(xsd_dir / "basisschema.xsd").as_uri()}"/>
          <xs:element name="v" type="ijw:{type_name}"/>
        </xs:schema>"""
        return etree.XMLSchema(etree.fromstring(text.encode()))

    def official(type_name: str, value: str) -> bool:
        element = etree.Element(f"{{{TEST_NS}}}v")
        element.text = value
        return schema(type_name).validate(element)

    return official


SPACES = st.sampled_from(["", " ", "\t", "\n", "  \r\n", "\xa0", "\u2003"])
XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from(list(" \t\n\r.0123456789-:Z+")),
    max_size=30,
)


def xml_safe(value: str) -> bool:
    try:
        etree.Element("x").text = value
    except ValueError:
        return False
    return True


def agree(oracle, type_name: str, value: str) -> None:
    if not xml_safe(value):
        return
    ours = SIMPLE_TYPES[type_name].check(value) is None
    assert ours == oracle(type_name, value), (type_name, value, SIMPLE_TYPES[type_name].check(value))


DATES = st.from_regex(r"-?[0-9]{4,5}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=SPACES, value=DATES | st.dates().map(str) | XML_TEXT, after=SPACES)
@example(before="", value="2027-06-31", after="")
@example(before="", value="2024-02-29", after="")
@example(before="", value="2023-02-29", after="")
@example(before="", value="1900-02-29", after="")
@example(before="", value="2000-02-29", after="")
@example(before="", value="0000-01-01", after="")
@example(before=" ", value="2026-01-01", after="\n")
@example(before="", value="2026-01-01Z", after="")
@example(before="", value="2026-01-01+01:00", after="")
def test_dates(oracle, before, value, after):
    agree(oracle, "LDT_Datum", before + value + after)


TIMES = st.from_regex(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,4})?(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=SPACES, value=TIMES | st.times().map(str) | XML_TEXT, after=SPACES)
@example(before="", value="24:00:00", after="")
@example(before="", value="23:59:60", after="")
@example(before="", value="10:00:00Z", after="")
@example(before="", value="00:00:00-00:00", after="")
@example(before="", value="00:00:00+00:00", after="")
def test_times(oracle, before, value, after):
    agree(oracle, "LDT_Tijd", before + value + after)


INTEGER_TYPES = sorted(name for name, simple in SIMPLE_TYPES.items() if simple.base == "integer")
INTEGERS = st.from_regex(r"[+-]?[0-9]{1,14}", fullmatch=True) | st.integers(-10, 10**13).map(str)


@pytest.mark.parametrize("type_name", INTEGER_TYPES)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=SPACES, value=INTEGERS | XML_TEXT, after=SPACES)
@example(before="", value="+0", after="")
@example(before="", value="-0", after="")
@example(before="", value="0099", after="")
def test_integers(oracle, type_name, before, value, after):
    agree(oracle, type_name, before + value + after)


STRING_TYPES = sorted(name for name, simple in SIMPLE_TYPES.items() if simple.base == "string")


@pytest.mark.parametrize("type_name", STRING_TYPES)
@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=XML_TEXT
    | st.builds(lambda a, b, c: a + b + c, SPACES, XML_TEXT, SPACES)
    | st.sampled_from(
        ["", " ", "\n", "\xa0", "a\nb", "01", "1", "0384", "12345678", "999900006", "Àỳ", "1.0.0"]
    )
)
def test_strings(oracle, type_name, value):
    agree(oracle, type_name, value)


@pytest.mark.parametrize("type_name", STRING_TYPES)
def test_every_code_and_limit(oracle, type_name):
    simple = SIMPLE_TYPES[type_name]
    samples = list(simple.enumeration or [])
    for length in {0, 1, simple.min_length or 0, simple.max_length or 0, (simple.max_length or 0) + 1}:
        samples += ["9" * length, "a" * length, "a " * (length // 2)]
    for value in samples:
        agree(oracle, type_name, value)


def test_xsd_regex_spells_out_xsd_meanings():
    assert xsd_regex(r".*[^\s].*").fullmatch("a\xa0") is not None
    assert xsd_regex(r".*[^\s].*").fullmatch("\xa0") is not None  # NBSP is not XSD whitespace
    assert xsd_regex(r".*[^\s].*").fullmatch("a\nb") is None  # XSD's dot excludes newlines
    assert xsd_regex("$1^").fullmatch("$1^") is not None  # no anchors in XSD
    with pytest.raises(ValueError):
        xsd_regex(r"\p{L}")
