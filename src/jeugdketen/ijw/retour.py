"""Retour messages (JW302/306/308/316/318/320), built as invulinstructie IV028 prescribes.

iJw answers JW301, JW305, JW307, JW315, JW317 and JW319 with exactly one retour message.
The retour schemas are the heen schemas plus ``RetourCodes`` in some classes and a few
header fields, so one mirror driven by the declarations in :mod:`jeugdketen.ijw.schema`
builds all six; no message needs its own code.

The retour always has a Header: BerichtCode of the retour, every other element of the heen
header unchanged, IdentificatieRetour and DagtekeningRetour, XsdVersieRetour, and
XsltVersie (IV033) when the XSLT rules found errors: the version of the official rule
stylesheet whose verdicts :mod:`jeugdketen.ijw.rules` gives
(:data:`~jeugdketen.ijw.rules.XSLT_VERSIE`), or the version the caller names. What follows
depends on the controleniveau at which errors were found (IV028):

* no errors: only the Header, **without** RetourCodes;
* controleniveau 1, the message is not XSD-valid (``report.schema_valid`` is false or an
  ``XSD`` issue): no retour message is sent at all; :func:`build_retour` raises
  :class:`NoRetourError` and the caller reports the error to the sender otherwise;
* controleniveau 2, an in-message rule (a code registered with level ``"bericht"`` in
  :data:`jeugdketen.ijw.rules.RULES`: the TR/CD/CS rules the XSLTs check): only the
  Header, with the general retourcode ``0001``;
* controleniveau 3/4, berichtoverstijgend or external-source rules (registered with
  another level, or codes the caller adds that the registry does not know):

  - an error in the Header (located there, outside any client, or without location):
    only the Header, with the retourcodes of those rules;
  - errors in classes of a Client (located at or under it; for JW320 the Antwoord):
    the Header gets ``0200`` and every such client is copied unchanged with RetourCodes
    in each of its classes: the rule's retourcode where an error was found (at the
    nearest class that carries RetourCodes), ``0200`` (geen opmerking) elsewhere. A
    caller that did not check a class says so with an issue with retourcode ``0233``
    located there. Clients without errors are left out.

The JW325 answer to a JW323 is an adjudication, not a mirror; the declarations app builds
it with the :class:`~jeugdketen.ijw.messages.JW325` model (IV087).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import etree

from .report import Issue, Report, local_name
from .rules import XSLT_VERSIE
from .rules.registry import BERICHT, RULES
from .schema import BASIS_NS, MESSAGES, ComplexType, Message
from .structure import CODE as XSD_CODE
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
NIET_GECONTROLEERD = "0233"
TECHNISCH_AFGEKEURD = "0001"
_STEP = re.compile(r"([^/\[]+)(?:\[(\d+)\])?")


class NoRetourError(ValueError):
    """Controleniveau 1 (IV028): a message that is not XSD-valid gets no retour message."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(
            f"{report.message or 'the message'} is not valid against its XSD (controleniveau 1): "
            "IV028 sends no retour message; report the error to the sender instead"
        )


def is_in_message(issue: Issue) -> bool:
    """True for an issue on an in-message rule (controleniveau 2, the XSLT checks)."""
    info = RULES.get(issue.code)
    return info is not None and info.level == BERICHT


def build_retour(
    document: Document,
    report: Report,
    *,
    identificatie: str,
    dagtekening: dt.date,
    xslt_versie: str | None = None,
    xsd_versie_retour: tuple[str, str] | None = None,
) -> Document:
    """The IV028 retour message for a judged heen message (see the module docstring).

    ``identificatie`` and ``dagtekening`` identify the retour itself (IdentificatieRetour,
    DagtekeningRetour). ``xslt_versie`` fills XsltVersie (IV033: required when the
    official XSLTs rejected the message); when not given and an in-message rule (the XSLT
    checks) found an error, it is the version of the official rule stylesheet our rules give
    the verdicts of. ``xsd_versie_retour`` is
    (basisschema, bericht) XSD version used to judge; by default the versions the heen message
    declared.

    Raises :class:`NoRetourError` for a message that is not XSD-valid (no retour is sent)
    and :class:`ValueError` for a message that has no retour message (JW323, JW325).
    """
    code = RETOUR_OF.get(document.code)
    if code is None:
        raise ValueError(f"{document.code} has no retour message; see RETOUR_OF")
    if not report.schema_valid or any(issue.code == XSD_CODE for issue in report.issues):
        raise NoRetourError(report)
    retour = MESSAGES[code]
    heen = document.root
    root = etree.Element(
        _tag(retour, retour.root_name), nsmap={retour.prefix: retour.namespace, "ijw": BASIS_NS}
    )
    header_type = retour.root.child("Header").type
    heen_header = _children(heen, "Header")[0]
    if xslt_versie is None and any(is_in_message(issue) for issue in report.issues):
        xslt_versie = XSLT_VERSIE  # IV033: the version of the XSLT rules that found the errors
    about = _About(identificatie, dagtekening, xslt_versie, xsd_versie_retour)

    if any(is_in_message(issue) for issue in report.issues):
        # Controleniveau 2: only the Header, with the general retourcode 0001.
        _header(root, retour, header_type, heen_header, [TECHNISCH_AFGEKEURD], about)
    elif not report.issues:
        # No errors: only the Header, without retourcodes.
        _header(root, retour, header_type, heen_header, [], about)
    else:
        header_codes, clients = _placement(heen, retour, report.issues)
        if header_codes:
            # An error in the Header: only the Header, with the rules' retourcodes.
            _header(root, retour, header_type, heen_header, header_codes, about)
        else:
            # Errors in classes of clients: those clients whole, the Header 0200.
            _header(root, retour, header_type, heen_header, [GEEN_OPMERKING], about)
            for decl in retour.root.elements[1:]:
                for child in _children(heen, decl.name):
                    if child in clients:
                        _mirror(child, decl.type, root, _tag(retour, decl.name), clients[child])
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
            if codes:  # IV028: an accepted message's Header has no retourcodes
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


def _placement(
    heen: etree._Element, retour: Message, issues: list[Issue]
) -> tuple[list[str], dict[etree._Element, dict[etree._Element, list[str]]]]:
    """Controleniveau 3/4: the Header's retourcodes, and per client with errors the codes per class.

    An issue located at or under a client (a top-level class after the Header) belongs to
    that client and goes to the nearest class carrying RetourCodes; any other issue (in the
    Header, on the message as a whole, without or with an unknown location) is a Header error.
    """
    carriers = _carrier_paths(retour)
    header_codes: list[str] = []
    clients: dict[etree._Element, dict[etree._Element, list[str]]] = {}
    for issue in issues:
        for location in issue.locations or ("/Bericht",):
            element = _carrier(heen, location, carriers)
            client = None
            if element is not None:
                client = element
                while client.getparent() is not heen:
                    client = client.getparent()
            if client is None or local_name(client.tag) == "Header":
                header_codes.append(issue.return_code)
            else:
                clients.setdefault(client, {}).setdefault(element, []).append(issue.return_code)
    return list(dict.fromkeys(header_codes)), clients


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
