"""Fixtures for the iJw tests: the official XSDs as an oracle, and the published examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree


@pytest.fixture(scope="session")
def official(xsd_dir: Path) -> Callable[[str, bytes | etree._Element], bool]:
    """``official(code, xml)`` is lxml's verdict against the official XSD of ``code``."""
    schemas: dict[str, etree.XMLSchema] = {}

    def verdict(code: str, xml: bytes | etree._Element) -> bool:
        if code not in schemas:
            schemas[code] = etree.XMLSchema(etree.parse(str(xsd_dir / f"{code}.xsd")))
        tree = etree.fromstring(xml) if isinstance(xml, bytes) else xml
        return schemas[code].validate(tree)

    return verdict


@pytest.fixture(scope="session")
def example(examples_dir: Path) -> Callable[[str], bytes]:
    return lambda code: (examples_dir / f"{code}.xml").read_bytes()
