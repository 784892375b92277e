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


# Columns of a Prestatie row while reading.
BSN, REF, VORIG, TOEWIJZING, CATEGORIE, CODE, BEGIN, END, VOLUME, UNIT, TARIFF, AMOUNT, DC = range(13)


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
    # One C-level iter over the leaves of interest, as the ijw rules do: find() and a dict
    # per Prestatie cost several microseconds each, which at 100,000 lines is seconds.
    # ReferentieNummer is the first leaf of every Prestatie, Bsn the first of every Client.
    columns = {
        _q("Bsn"): BSN, _b("ReferentieNummer"): REF, _b("VorigReferentieNummer"): VORIG,
        _q("ToewijzingNummer"): TOEWIJZING, _q("ProductCategorie"): CATEGORIE, _q("ProductCode"): CODE,
        _b("Begindatum"): BEGIN, _b("Einddatum"): END, _q("GeleverdVolume"): VOLUME, _q("Eenheid"): UNIT,
        _q("ProductTarief"): TARIFF, _b("Bedrag"): AMOUNT, _b("DebetCredit"): DC,
    }  # fmt: skip
    rows: list[list] = []
    row: list | None = None
    bsn = None
    for element in decl.find(_q("Clienten")).iter(*columns):
        index = columns[element.tag]
        if index == REF:
            row = [bsn, element.text, "", None, None, None, None, None, None, None, None, None, None]
            rows.append(row)
        elif index == BSN:
            bsn, row = element.text, None
        elif row is not None:
            row[index] = element.text
    dates: dict[str, dt.date] = {}
    for position, (bsn, ref, vorig, tw, cat, code, begin, end, volume, unit, tariff, cents, dc) in enumerate(
        rows, start=1
    ):
        begin_date = dates.get(begin) or dates.setdefault(begin, _date(begin))
        end_date = dates.get(end) or dates.setdefault(end, _date(end))
        amount = int(cents)
        lines.append(
            Line(
                position,
                bsn,
                ref,
                vorig or "",
                str(int(tw)),
                cat,
                code,
                begin_date,
                end_date,
                int(volume),
                unit,
                int(tariff) if tariff is not None else None,
                -amount if dc == "C" else amount,
                dc,
            )  # fmt: skip
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
