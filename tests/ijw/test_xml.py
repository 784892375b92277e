"""Hardened parsing: unsafe, oversized, malformed and foreign input is refused by name."""

from __future__ import annotations

import pytest

from jeugdketen.ijw.xml import (
    MalformedXmlError,
    NotIjwError,
    TooLargeError,
    UnsafeXmlError,
    WrongNamespaceError,
    parse,
    parse_file,
    serialise,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<jw323:Bericht xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema">&lol4;</jw323:Bericht>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<jw301:Bericht xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema">&xxe;</jw301:Bericht>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Bericht SYSTEM "http://example.invalid/evil.dtd">
<jw301:Bericht xmlns:jw301="http://www.istandaarden.nl/ijw/3_2/jw301/schema"/>"""


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, XXE, EXTERNAL_DTD], ids=["billion-laughs", "xxe", "external-dtd"]
)
def test_dtds_and_entities_are_refused(data):
    with pytest.raises(UnsafeXmlError, match="DTD"):
        parse(data)


def test_size_limit_is_checked_before_parsing(example):
    data = example("JW301")
    assert parse(data, max_bytes=len(data)).code == "JW301"
    with pytest.raises(TooLargeError):
        parse(data, max_bytes=len(data) - 1)


def test_size_limit_applies_to_files(examples_dir):
    with pytest.raises(TooLargeError):
        parse_file(examples_dir / "JW301.xml", max_bytes=100)


def test_malformed_xml_is_named():
    with pytest.raises(MalformedXmlError, match="Geen geldige XML"):
        parse(b"<jw301:Bericht")


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body/></html>",
        b'<Bericht xmlns="urn:other"/>',
        b'<Bericht xmlns="http://www.example.org/ijw/3_2/jw301/schema"/>',
    ],
)
def test_xml_that_is_not_ijw_is_named(data):
    with pytest.raises(NotIjwError, match="geen iJw-bericht"):
        parse(data)


@pytest.mark.parametrize(
    "namespace",
    [
        "http://www.istandaarden.nl/ijw/3_1/jw301/schema",
        "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema",
        "http://www.istandaarden.nl/ijw/3_2/jw399/schema",
        "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
    ],
)
def test_wrong_istandaarden_namespace_is_named(namespace):
    with pytest.raises(WrongNamespaceError, match="namespace"):
        parse(f'<Bericht xmlns="{namespace}"/>'.encode())


def test_wrong_release_points_to_the_right_namespace():
    with pytest.raises(WrongNamespaceError, match="ijw/3_2/jw301/schema"):
        parse(b'<Bericht xmlns="http://www.istandaarden.nl/ijw/3_1/jw301/schema"/>')


def test_right_namespace_wrong_root_name():
    with pytest.raises(NotIjwError, match="Bericht"):
        parse(b'<Declaratie xmlns="http://www.istandaarden.nl/ijw/3_2/jw323/schema"/>')


def test_message_is_named_by_root_namespace(example):
    for code in ("JW301", "JW323", "JW325"):
        assert parse(example(code)).code == code


def test_errors_are_dutch_then_english():
    with pytest.raises(UnsafeXmlError) as caught:
        parse(XXE)
    assert "iJw-berichten mogen geen DTD" in str(caught.value)
    assert "not allowed" in str(caught.value)


def test_parse_serialise_parse_serialise_is_byte_stable(example):
    once = serialise(parse(example("JW323")).root)
    twice = serialise(parse(once).root)
    assert once == twice


def test_validation_is_safe_across_threads(example):
    from concurrent.futures import ThreadPoolExecutor

    from jeugdketen.ijw.validate import validate

    inputs = [example("JW315"), example("JW301"), example("JW318"), example("JW305")] * 10
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda data: validate(data, rules=False).schema_valid, inputs))
    assert verdicts == [False, True, False, True] * 10
