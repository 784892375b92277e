"""Reading a JW323 into plain lines, and writing one from lines.

The declaration engine needs a flat list of prestaties, not a tree: one pass over the
parsed document with Clark names keeps 100,000 lines within a second or two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

NS323 = "http://www.istandaarden.nl/ijw/3_2/jw323/schema"
NSB = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
XSD_VERSION = ("1.0.0", "1.0.0")


def _q(name: str) -> str:
    return f"{{{NS323}}}{name}"


def _b(name: str) -> str:
    return f"{{{NSB}}}{name}"


@dataclass(slots=True)
class Line:
    """One Prestatie as sent. Amounts in cents, signed: credit negative."""

    position: int
    bsn: str
    reference: str
    previous_reference: str
    toewijzing_number: str
    product_category: str
    product_code: str
    begin: dt.date
    end: dt.date
    volume: int
    unit: str
    tariff_cents: int | None
    amount_cents: int
    debit_credit: str
    location: str = ""


@dataclass(slots=True)
class Header:
    sender: str  # AGB code of the provider
    receiver: str  # CBS code of the municipality
    identification: str
    dagtekening: dt.date
    xsd_version: tuple[str, str]
    number: str
    period_begin: dt.date
    period_end: dt.date
    declaratie_dagtekening: dt.date
    total_cents: int  # signed


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read(root: etree._Element) -> tuple[Header, list[Line]]:
    """Header and lines of a structurally valid JW323."""
    header = root.find(_q("Header"))
    ident = header.find(_q("BerichtIdentificatie"))
    xsd = header.find(_q("XsdVersie"))
    decl = root.find(_q("Declaratie"))
    period = decl.find(_q("DeclaratiePeriode"))
    total = decl.find(_q("TotaalIngediendBedrag"))
    total_cents = int(total.findtext(_b("TotaalBedrag")))
    if total.findtext(_b("DebetCredit")) == "C":
        total_cents = -total_cents
    head = Header(
        sender=header.findtext(_q("Afzender")),
        receiver=header.findtext(_q("Ontvanger")),
        identification=ident.findtext(_b("Identificatie")),
        dagtekening=_date(ident.findtext(_b("Dagtekening"))),
        xsd_version=(xsd.findtext(_b("BasisschemaXsdVersie")), xsd.findtext(_b("BerichtXsdVersie"))),
        number=decl.findtext(_q("DeclaratieNummer")),
        period_begin=_date(period.findtext(_b("Begindatum"))),
        period_end=_date(period.findtext(_b("Einddatum"))),
        declaratie_dagtekening=_date(decl.findtext(_q("DeclaratieDagtekening"))),
        total_cents=total_cents,
    )
    lines: list[Line] = []
    position = 0
    t_bsn, t_prestaties, t_prestatie = _q("Bsn"), _q("Prestaties"), _q("Prestatie")
    t_ref, t_nr, t_vnr = _q("ProductReferentie"), _b("ReferentieNummer"), _b("VorigReferentieNummer")
    t_tw, t_cat, t_code = _q("ToewijzingNummer"), _q("ProductCategorie"), _q("ProductCode")
    t_period, t_begin, t_end = _q("ProductPeriode"), _b("Begindatum"), _b("Einddatum")
    t_vol, t_unit, t_tariff, t_amount = (
        _q("GeleverdVolume"),
        _q("Eenheid"),
        _q("ProductTarief"),
        _q("IngediendBedrag"),
    )
    t_bedrag, t_dc = _b("Bedrag"), _b("DebetCredit")
    for client_index, client in enumerate(decl.find(_q("Clienten")), start=1):
        if not isinstance(client.tag, str):
            continue
        bsn = client.findtext(t_bsn)
        for prestatie_index, prestatie in enumerate(client.find(t_prestaties).iter(t_prestatie), start=1):
            position += 1
            # Children by tag in one pass: lxml's find() costs several microseconds a call.
            fields = {child.tag: child for child in prestatie}
            ref = {child.tag: child.text for child in fields[t_ref]}
            per = {child.tag: child.text for child in fields[t_period]}
            amount = {child.tag: child.text for child in fields[t_amount]}
            dc = amount[t_dc]
            cents = int(amount[t_bedrag])
            tariff = fields.get(t_tariff)
            lines.append(
                Line(
                    position=position,
                    bsn=bsn,
                    reference=ref[t_nr],
                    previous_reference=ref.get(t_vnr) or "",
                    toewijzing_number=str(int(fields[t_tw].text)),
                    product_category=fields[t_cat].text,
                    product_code=fields[t_code].text,
                    begin=_date(per[t_begin]),
                    end=_date(per[t_end]),
                    volume=int(fields[t_vol].text),
                    unit=fields[t_unit].text,
                    tariff_cents=int(tariff.text) if tariff is not None else None,
                    amount_cents=-cents if dc == "C" else cents,
                    debit_credit=dc,
                    location=f"Client[{client_index}]/Prestaties/Prestatie[{prestatie_index}]",
                )
            )
    return head, lines


def _sub(parent, tag: str, text: str | None = None):
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _period(parent, tag: str, begin: dt.date, end: dt.date) -> None:
    period = _sub(parent, tag)
    _sub(period, _b("Begindatum"), begin.isoformat())
    _sub(period, _b("Einddatum"), end.isoformat())


def build(
    *,
    sender: str,
    receiver: str,
    identification: str,
    dagtekening: dt.date,
    number: str,
    period_begin: dt.date,
    period_end: dt.date,
    lines: list[Line],
) -> bytes:
    """A JW323 with the lines grouped per client in the order given."""
    root = etree.Element(_q("Bericht"), nsmap={"jw323": NS323, "ijw": NSB})
    header = _sub(root, _q("Header"))
    _sub(header, _q("BerichtCode"), "490")
    _sub(header, _q("BerichtVersie"), "3")
    _sub(header, _q("BerichtSubversie"), "2")
    _sub(header, _q("Afzender"), sender)
    _sub(header, _q("Ontvanger"), receiver)
    ident = _sub(header, _q("BerichtIdentificatie"))
    _sub(ident, _b("Identificatie"), identification)
    _sub(ident, _b("Dagtekening"), dagtekening.isoformat())
    xsd = _sub(header, _q("XsdVersie"))
    _sub(xsd, _b("BasisschemaXsdVersie"), XSD_VERSION[0])
    _sub(xsd, _b("BerichtXsdVersie"), XSD_VERSION[1])
    decl = _sub(root, _q("Declaratie"))
    _sub(decl, _q("DeclaratieNummer"), number)
    _period(decl, _q("DeclaratiePeriode"), period_begin, period_end)
    _sub(decl, _q("DeclaratieDagtekening"), dagtekening.isoformat())
    total = sum(line.amount_cents for line in lines)
    tot = _sub(decl, _q("TotaalIngediendBedrag"))
    _sub(tot, _b("TotaalBedrag"), str(abs(total)))
    _sub(tot, _b("DebetCredit"), "C" if total < 0 else "D")
    clients = _sub(decl, _q("Clienten"))
    by_bsn: dict[str, etree._Element] = {}
    for line in lines:
        prestaties = by_bsn.get(line.bsn)
        if prestaties is None:
            client = _sub(clients, _q("Client"))
            _sub(client, _q("Bsn"), line.bsn)
            prestaties = by_bsn[line.bsn] = _sub(client, _q("Prestaties"))
        write_prestatie(prestaties, line, _q)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write_prestatie(parent, line: Line, q) -> etree._Element:
    """A Prestatie element in the namespace that ``q`` qualifies (JW323 and JW325 share the shape)."""
    prestatie = _sub(parent, q("Prestatie"))
    ref = _sub(prestatie, q("ProductReferentie"))
    _sub(ref, _b("ReferentieNummer"), line.reference)
    if line.previous_reference:
        _sub(ref, _b("VorigReferentieNummer"), line.previous_reference)
    _sub(prestatie, q("ToewijzingNummer"), line.toewijzing_number)
    _sub(prestatie, q("ProductCategorie"), line.product_category)
    _sub(prestatie, q("ProductCode"), line.product_code)
    _period(prestatie, q("ProductPeriode"), line.begin, line.end)
    _sub(prestatie, q("GeleverdVolume"), str(line.volume))
    _sub(prestatie, q("Eenheid"), line.unit)
    if line.tariff_cents is not None:
        _sub(prestatie, q("ProductTarief"), str(line.tariff_cents))
    amount = _sub(prestatie, q("IngediendBedrag"))
    _sub(amount, _b("Bedrag"), str(abs(line.amount_cents)))
    _sub(amount, _b("DebetCredit"), "C" if line.debit_credit == "C" else "D")
    return prestatie
