"""The entry point for judging one iJw message: structure first, then the content rules.

Structure is checked against the declarations in :mod:`jeugdketen.ijw.schema`, so no XSD
file is needed. Given ``xsd_dir``, lxml also validates against the official XSDs as a
second opinion; a message is ``schema_valid`` only when both agree it is. The content
rules (TR, CD, CS) run only on a structurally valid message, because they rely on element
order, cardinality and datatypes, exactly as the official rule stylesheet does.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from lxml import etree

from .report import Issue, Report
from .structure import CODE, RETOURCODE, check_structure, plain_path
from .xml import DEFAULT_MAX_BYTES, Document, parse, parse_file


def validate(
    source: bytes | Document,
    *,
    xsd_dir: str | os.PathLike[str] | None = None,
    rules: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Judge one message given as bytes or as an already parsed :class:`Document`.

    Raises :class:`~jeugdketen.ijw.xml.IjwXmlError` when the input cannot be read as iJw
    at all; every other finding is an issue in the returned report.
    """
    document = source if isinstance(source, Document) else parse(source, max_bytes=max_bytes)
    return validate_document(document, xsd_dir=xsd_dir, rules=rules)


def validate_file(
    path: str | os.PathLike[str],
    *,
    xsd_dir: str | os.PathLike[str] | None = None,
    rules: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    return validate_document(parse_file(path, max_bytes=max_bytes), xsd_dir=xsd_dir, rules=rules)


def validate_document(
    document: Document, *, xsd_dir: str | os.PathLike[str] | None = None, rules: bool = True
) -> Report:
    report = Report(message=document.code)
    structural = check_structure(document.root, document.message)
    if xsd_dir is not None:
        structural = _merge(structural, official_xsd_issues(document, xsd_dir))
    if structural:
        report.schema_valid = False
        report.issues.extend(structural)
        return report
    if rules:
        from .rules import check_rules

        report.issues.extend(check_rules(document.code, document.root))
    return report


def official_xsd_issues(document: Document, xsd_dir: str | os.PathLike[str]) -> list[Issue]:
    """What lxml says when validating against the official XSD of this message."""
    schema = _official_schema(str(Path(xsd_dir).resolve()), document.code)
    if schema.validate(document.root.getroottree()):
        return []
    return [
        Issue(CODE, RETOURCODE, (plain_path(entry.path),), f"Officiële XSD: {entry.message}")
        for entry in schema.error_log
    ]


_local = threading.local()


def _official_schema(xsd_dir: str, code: str) -> etree.XMLSchema:
    """The official XSD of one message, loaded once per thread (validators keep an error log)."""
    schemas = getattr(_local, "schemas", None)
    if schemas is None:
        schemas = _local.schemas = {}
    key = (xsd_dir, code)
    if key not in schemas:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        schemas[key] = etree.XMLSchema(etree.parse(os.path.join(xsd_dir, f"{code}.xsd"), parser))
    return schemas[key]


def _merge(ours: list[Issue], official: list[Issue]) -> list[Issue]:
    """Our issues, plus any location the official XSD flags that we did not."""
    seen = {location for issue in ours for location in issue.locations}
    return ours + [issue for issue in official if not set(issue.locations) & seen]
