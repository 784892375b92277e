"""Writing the JW325 declaratie-antwoord (IV087, OP303, TR342).

Only rejected prestaties go back, each with its retourcodes, under a Client with 0200.
TotaalToegekendBedrag is the sum of the accepted lines, so that the sum of the returned
lines equals TotaalIngediendBedrag minus TotaalToegekendBedrag (TR342). A declaration that
was refused as a whole carries its codes on the Header (technical) or on DeclaratieAntwoord
(e.g. 9333), and TotaalToegekendBedrag 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from .jw323 import NSB, XSD_VERSION, Line, write_prestatie

NS325 = "http://www.istandaarden.nl/ijw/3_2/jw325/schema"


def _q(name: str) -> str:
    return f"{{{NS325}}}{name}"


def _b(name: str) -> str:
    return f"{{{NSB}}}{name}"


@dataclass(slots=True)
class AnswerHeader:
    sender: str  # CBS code
    receiver: str  # AGB code
    identification: str
    dagtekening: dt.date
    declaratie_identification: str
    declaratie_dagtekening: dt.date
    declaratie_xsd_version: tuple[str, str] = XSD_VERSION


def _sub(parent, tag: str, text: str | None = None):
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _codes(parent, codes: list[str]) -> None:
    holder = _sub(parent, _q("RetourCodes"))
    for code in codes:
        _sub(holder, _q("RetourCode"), code)


def _total(parent, tag: str, cents: int) -> None:
    total = _sub(parent, _q(tag))
    _sub(total, _b("TotaalBedrag"), str(abs(cents)))
    _sub(total, _b("DebetCredit"), "C" if cents < 0 else "D")


def _header(root, head: AnswerHeader, codes: list[str]) -> None:
    header = _sub(root, _q("Header"))
    _sub(header, _q("BerichtCode"), "491")
    _sub(header, _q("BerichtVersie"), "3")
    _sub(header, _q("BerichtSubversie"), "2")
    _sub(header, _q("Afzender"), head.sender)
    _sub(header, _q("Ontvanger"), head.receiver)
    ident = _sub(header, _q("BerichtIdentificatie"))
    _sub(ident, _b("Identificatie"), head.identification)
    _sub(ident, _b("Dagtekening"), head.dagtekening.isoformat())
    xsd = _sub(header, _q("XsdVersie"))
    _sub(xsd, _b("BasisschemaXsdVersie"), XSD_VERSION[0])
    _sub(xsd, _b("BerichtXsdVersie"), XSD_VERSION[1])
    decl = _sub(header, _q("DeclaratieIdentificatie"))
    _sub(decl, _b("Identificatie"), head.declaratie_identification)
    _sub(decl, _b("Dagtekening"), head.declaratie_dagtekening.isoformat())
    xsd = _sub(header, _q("XsdVersieDeclaratie"))
    _sub(xsd, _b("BasisschemaXsdVersie"), head.declaratie_xsd_version[0])
    _sub(xsd, _b("BerichtXsdVersie"), head.declaratie_xsd_version[1])
    _codes(header, codes)


def _new_root():
    return etree.Element(_q("Bericht"), nsmap={"jw325": NS325, "ijw": NSB})


def technical_rejection(head: AnswerHeader, codes: list[str]) -> bytes:
    """Header only, with 0001 and the codes of the rules that failed (IV087, controleniveau 2)."""
    root = _new_root()
    _header(root, head, list(dict.fromkeys(["0001", *codes])))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def declaration_rejection(head: AnswerHeader, number: str, submitted_cents: int, codes: list[str]) -> bytes:
    """The declaration as a whole refused (e.g. 9333): nothing granted, no prestaties."""
    root = _new_root()
    _header(root, head, ["0200"])
    answer = _sub(root, _q("DeclaratieAntwoord"))
    _sub(answer, _q("DeclaratieNummer"), number)
    _total(answer, "TotaalIngediendBedrag", submitted_cents)
    _total(answer, "TotaalToegekendBedrag", 0)
    _codes(answer, codes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def answer(
    head: AnswerHeader,
    number: str,
    submitted_cents: int,
    accepted_cents: int,
    rejected: list[tuple[Line, list[str]]],
) -> bytes:
    """The answer to a judged declaration: the rejected lines, per client, with their codes."""
    root = _new_root()
    _header(root, head, ["0200"])
    body = _sub(root, _q("DeclaratieAntwoord"))
    _sub(body, _q("DeclaratieNummer"), number)
    _total(body, "TotaalIngediendBedrag", submitted_cents)
    _total(body, "TotaalToegekendBedrag", accepted_cents)
    if rejected:
        clients = _sub(body, _q("Clienten"))
        by_bsn: dict[str, etree._Element] = {}
        for line, codes in rejected:
            prestaties = by_bsn.get(line.bsn)
            if prestaties is None:
                client = _sub(clients, _q("Client"))
                _sub(client, _q("Bsn"), line.bsn)
                prestaties = by_bsn[line.bsn] = _sub(client, _q("Prestaties"))
            prestatie = write_prestatie(prestaties, line, _q)
            _codes(prestatie, codes)
        for prestaties in by_bsn.values():
            _codes(prestaties.getparent(), ["0200"])
        _codes(body, ["0200"])
    else:
        _codes(body, ["8001"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
