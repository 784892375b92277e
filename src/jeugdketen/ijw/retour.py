"""Retour messages: the judged heen message mirrored back with retourcodes per berichtklasse.

iJw answers JW301, JW305, JW307, JW315, JW317 and JW319 with a retour message (JW302 ...
JW320) that repeats the received content and adds ``RetourCodes`` to every class the
retour schema gives them: the header, the client, and each product or contact inside.
Because the retour schemas are the heen schemas plus those ``RetourCodes`` elements and a
few header fields, one mirror driven by the declarations in :mod:`jeugdketen.ijw.schema`
builds all six; no message needs its own code.

Where a code goes:

* a structurally invalid message is rejected as a whole: the retour holds only the
  header, with ``0001`` (bericht afgekeurd om technische redenen);
* otherwise each issue's retourcode goes to the nearest class (the element itself or an
  ancestor) that carries ``RetourCodes`` in the retour; an issue that names no such class
  goes to the header;
* a class without issues gets ``0200`` (geen opmerking).

The JW325 answer to a JW323 is an adjudication, not a mirror; the declarations app builds
it with the :class:`~jeugdketen.ijw.messages.JW325` model.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from .report import Report, local_name
from .schema import BASIS_NS, MESSAGES, ComplexType, Message
from .xml import Document

#: The retour message of every heen message that has one.
RETOUR_OF = {
    "JW301": "JW302",
    "JW305": "JW306",
    "JW307": "JW308",
    "JW315": "JW316",
    "JW317": "JW318",
    "JW319": "JW320",
}
GEEN_OPMERKING = "0200"
TECHNISCH_AFGEKEURD = "0001"
_STEP = re.compile(r"([^/\[]+)(?:\[(\d+)\])?")


def build_retour(
    document: Document,
    report: Report,
    *,
    identificatie: str,
    dagtekening: dt.date,
    xslt_versie: str | None = None,
    xsd_versie_retour: tuple[str, str] | None = None,
) -> Document:
    """The retour message for a judged heen message.

    ``identificatie`` and ``dagtekening`` identify the retour itself (IdentificatieRetour,
    DagtekeningRetour). ``xsd_versie_retour`` is (basisschema, bericht) XSD version used
    to judge; by default the versions the heen message declared.
    """
    code = RETOUR_OF.get(document.code)
    if code is None:
        raise ValueError(f"{document.code} has no retour message; see RETOUR_OF")
    retour = MESSAGES[code]
    heen = document.root
    root = etree.Element(
        _tag(retour, retour.root_name), nsmap={retour.prefix: retour.namespace, "ijw": BASIS_NS}
    )
    header_type = retour.root.child("Header").type
    heen_header = _children(heen, "Header")[0]

    about = _About(identificatie, dagtekening, xslt_versie, xsd_versie_retour)
    if report.schema_valid:
        codes = _codes_by_element(heen, retour, report)
        _header(root, retour, header_type, heen_header, codes.get(heen_header, []), about)
        for decl in retour.root.elements[1:]:
            for child in _children(heen, decl.name):
                _mirror(child, decl.type, root, _tag(retour, decl.name), codes)
    else:
        _header(root, retour, header_type, heen_header, [TECHNISCH_AFGEKEURD], about)
    etree.indent(root, space="\t")
    return Document(retour, root)


@dataclass(frozen=True)
class _About:
    """What the retour says about itself in its header."""

    identificatie: str
    dagtekening: dt.date
    xslt_versie: str | None
    xsd_versie_retour: tuple[str, str] | None


def _tag(message: Message, name: str) -> str:
    return f"{{{message.namespace}}}{name}"


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str) and local_name(child.tag) == name]


def _header(
    root: etree._Element,
    retour: Message,
    header_type: ComplexType,
    heen_header: etree._Element,
    codes: list[str],
    about: _About,
) -> None:
    header = etree.SubElement(root, _tag(retour, "Header"))
    for decl in header_type.elements:
        name = decl.name
        if name == "BerichtCode":
            etree.SubElement(header, _tag(retour, name)).text = decl.type.patterns[-1]
        elif name == "IdentificatieRetour":
            etree.SubElement(header, _tag(retour, name)).text = about.identificatie
        elif name == "DagtekeningRetour":
            etree.SubElement(header, _tag(retour, name)).text = about.dagtekening.isoformat()
        elif name == "XsltVersie":
            if about.xslt_versie:
                etree.SubElement(header, _tag(retour, name)).text = about.xslt_versie
        elif name == "XsdVersieRetour":
            versions = about.xsd_versie_retour or _declared_xsd_versions(heen_header)
            element = etree.SubElement(header, _tag(retour, name))
            etree.SubElement(element, f"{{{BASIS_NS}}}BasisschemaXsdVersie").text = versions[0]
            etree.SubElement(element, f"{{{BASIS_NS}}}BerichtXsdVersie").text = versions[1]
        elif name == "RetourCodes":
            _retourcodes(header, decl.type, codes)
        else:
            for child in _children(heen_header, name):
                _mirror(child, decl.type, header, _tag(retour, name), {})


def _declared_xsd_versions(heen_header: etree._Element) -> tuple[str, str]:
    versie = _children(heen_header, "XsdVersie")[0]
    return (
        _children(versie, "BasisschemaXsdVersie")[0].text or "",
        _children(versie, "BerichtXsdVersie")[0].text or "",
    )


def _mirror(
    heen: etree._Element,
    rtype,
    parent: etree._Element,
    tag: str,
    codes: dict[etree._Element, list[str]],
) -> None:
    """Copy ``heen`` under ``parent`` as ``tag`` of retour type ``rtype``, adding RetourCodes."""
    out = etree.SubElement(parent, tag)
    if not isinstance(rtype, ComplexType):
        out.text = "".join(heen.itertext())
        return
    for decl in rtype.elements:
        if decl.name == "RetourCodes" and not _children(heen, "RetourCodes"):
            _retourcodes(out, decl.type, codes.get(heen, []))
            continue
        for child in _children(heen, decl.name):
            _mirror(child, decl.type, out, f"{{{rtype.namespace}}}{decl.name}", codes)


def _retourcodes(parent: etree._Element, wrapper: ComplexType, codes: list[str]) -> None:
    element = etree.SubElement(parent, f"{{{wrapper.namespace}}}RetourCodes")
    inner = wrapper.elements[0].name
    for code in dict.fromkeys(codes or [GEEN_OPMERKING]):
        etree.SubElement(element, f"{{{wrapper.namespace}}}{inner}").text = code


def _codes_by_element(
    heen: etree._Element, retour: Message, report: Report
) -> dict[etree._Element, list[str]]:
    """Each issue's retourcode, at the nearest class that answers with RetourCodes."""
    carriers = _carrier_paths(retour)
    header = _children(heen, "Header")[0]
    codes: dict[etree._Element, list[str]] = {}
    for issue in report.issues:
        for location in issue.locations or ("/Bericht",):
            element = _carrier(heen, location, carriers)
            if element is None:
                element = header
            codes.setdefault(element, []).append(issue.return_code)
    return codes


def _carrier_paths(retour: Message) -> set[tuple[str, ...]]:
    """The name paths (without indexes) of every class that carries RetourCodes."""
    found: set[tuple[str, ...]] = set()

    def visit(ctype: ComplexType, path: tuple[str, ...]) -> None:
        for decl in ctype.elements:
            if decl.name == "RetourCodes":
                found.add(path)
            elif isinstance(decl.type, ComplexType):
                visit(decl.type, (*path, decl.name))

    visit(retour.root, ())
    return found


def _carrier(root: etree._Element, location: str, carriers: set[tuple[str, ...]]) -> etree._Element | None:
    """The deepest element on ``location`` whose class carries RetourCodes in the retour."""
    steps = [_STEP.fullmatch(step) for step in location.strip("/").split("/")[1:]]
    element, names, best = root, (), None
    for match in steps:
        if match is None:
            break
        name, number = match.group(1), int(match.group(2) or 1)
        candidates = _children(element, name)
        if len(candidates) < number:
            break
        element, names = candidates[number - 1], (*names, name)
        if names in carriers:
            best = element
    return best
