"""Builders for the iJw 3.2 messages this app sends, on top of lxml.

The ``jeugdketen.ijw`` package judges messages but does not build them (yet); these
builders write exactly the elements, in the order, the official XSDs demand (the tests
validate every built message against them). Retour messages are built generically from
the inbound message and the retour's schema declaration in :mod:`jeugdketen.ijw.schema`:
a retour mirrors its message and adds RetourCodes to every class the schema gives them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from jeugdketen.ijw.report import Issue, local_name, location
from jeugdketen.ijw.retour import RETOUR_OF
from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.schema.types import ComplexType

BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
XSD_VERSION = "1.0.0"
BERICHTCODE = {
    code: message.root.elements[0].type.elements[0].type.patterns[0] for code, message in MESSAGES.items()
}
RETOURS = frozenset(RETOUR_OF.values())
OK = "0200"  # WJ001: geen opmerking over deze berichtklasse


def namespace(code: str) -> str:
    return MESSAGES[code].namespace


class Builder:
    """One message under construction: `el` adds an element in the message namespace."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.ns = namespace(code)
        self.root = etree.Element(f"{{{self.ns}}}Bericht", nsmap={code.lower(): self.ns, "ijw": BASIS})

    def el(self, parent, name: str, text=None, *, basis: bool = False):
        node = etree.SubElement(parent, f"{{{BASIS if basis else self.ns}}}{name}")
        if text is not None:
            node.text = text.isoformat() if isinstance(text, dt.date) else str(text)
        return node

    def opt(self, parent, name: str, text, *, basis: bool = False):
        if text not in (None, ""):
            self.el(parent, name, text, basis=basis)

    def header(self, sender: str, receiver: str, identification: str, dagtekening: dt.date):
        header = self.el(self.root, "Header")
        self.el(header, "BerichtCode", BERICHTCODE[self.code])
        self.el(header, "BerichtVersie", "3")
        self.el(header, "BerichtSubversie", "2")
        self.el(header, "Afzender", sender)
        self.el(header, "Ontvanger", receiver)
        ident = self.el(header, "BerichtIdentificatie")
        self.el(ident, "Identificatie", identification, basis=True)
        self.el(ident, "Dagtekening", dagtekening, basis=True)
        self.xsd_version(header, "XsdVersie")
        return header

    def xsd_version(self, parent, name: str) -> None:
        node = self.el(parent, name)
        self.el(node, "BasisschemaXsdVersie", XSD_VERSION, basis=True)
        self.el(node, "BerichtXsdVersie", XSD_VERSION, basis=True)

    def client_head(self, parent, client, *, full: bool = False) -> None:
        """Bsn, Geboortedatum, Geslacht, Naam (CDT_VolledigeNaam when `full`, else verkort)."""
        self.el(parent, "Bsn", client.bsn)
        born = self.el(parent, "Geboortedatum")
        self.el(born, "Datum", client.birth_date, basis=True)
        self.el(parent, "Geslacht", client.gender if client.gender in ("0", "1", "2") else "0")
        name = self.el(parent, "Naam")
        family = self.el(name, "Geslachtsnaam", basis=True)
        self.el(family, "Achternaam", client.last_name, basis=True)
        self.opt(family, "Voorvoegsel", client.prefix, basis=True)
        self.opt(name, "Voornamen", client.given_name, basis=True)
        initials = "".join(ch for ch in (client.initials or "") if ch.isalpha())[:6]
        self.opt(name, "Voorletters", initials, basis=True)
        if full:
            self.el(name, "NaamGebruik", "1", basis=True)

    def product(self, parent, category: str, code: str | None, name: str = "Product") -> None:
        if not category:
            return
        node = self.el(parent, name)
        self.el(node, "Categorie", category, basis=True)
        self.opt(node, "Code", code, basis=True)

    def omvang(self, parent, volume, unit, frequency) -> None:
        if volume is None or not unit or not frequency:
            return
        node = self.el(parent, "Omvang")
        self.el(node, "Volume", volume, basis=True)
        self.el(node, "Eenheid", unit, basis=True)
        self.el(node, "Frequentie", frequency, basis=True)


def jw301(client, toewijzingen: Iterable, *, sender, receiver, identification, dagtekening, time="12:00:00"):
    """Toewijzing: every given toewijzing of this client at this provider (OP033x1 asks all current)."""
    b = Builder("JW301")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Client")
    b.client_head(node, client, full=True)
    contacts = b.el(node, "Contactgegevens")
    contact = b.el(contacts, "Contact")
    b.el(contact, "Soort", "01")
    if client.house_number and client.house_number[:1].isdigit():
        address = b.el(contact, "Adres")
        house = b.el(address, "Huis", basis=True)
        b.el(house, "Huisnummer", "".join(ch for ch in client.house_number if ch.isdigit())[:5], basis=True)
        b.opt(address, "Postcode", client.postcode, basis=True)
        b.opt(address, "Straatnaam", client.street, basis=True)
        b.opt(address, "Plaatsnaam", client.city, basis=True)
        b.el(address, "LandCode", "NL", basis=True)
    products = b.el(node, "ToegewezenProducten")
    for t in toewijzingen:
        item = b.el(products, "ToegewezenProduct")
        b.el(item, "ToewijzingNummer", t.number)
        b.opt(item, "ReferentieAanbieder", t.request_reference)
        b.product(item, t.product_category, t.product_code)
        b.el(item, "Toewijzingsdatum", t.toewijzing_date)
        b.el(item, "Toewijzingstijd", time)
        b.el(item, "Ingangsdatum", t.begin)
        b.opt(item, "Einddatum", t.end)
        b.opt(item, "RedenWijziging", t.reden_wijziging)
        b.omvang(item, t.volume, t.unit, t.frequency)
        b.opt(item, "Budget", t.budget_cents)
        b.opt(item, "Commentaar", t.comment)
    return b.root


def jw305(client, starts: Iterable[tuple], *, sender, receiver, identification, dagtekening):
    """Start zorg; `starts` holds (toewijzing, begindatum, StatusAanlevering)."""
    b = Builder("JW305")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Client")
    b.client_head(node, client)
    items = b.el(node, "StartProducten")
    for t, begin, status in starts:
        item = b.el(items, "StartProduct")
        b.el(item, "ToewijzingNummer", t.number)
        b.product(item, t.product_category, t.product_code)
        b.el(item, "ToewijzingIngangsdatum", t.begin)
        b.el(item, "Begindatum", begin)
        b.el(item, "StatusAanlevering", status)
    return b.root


def jw307(client, stops: Iterable[tuple], *, sender, receiver, identification, dagtekening):
    """Stop zorg; `stops` holds (toewijzing, begindatum, reden beëindiging, einddatum, status)."""
    b = Builder("JW307")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Client")
    b.client_head(node, client)
    items = b.el(node, "StopProducten")
    for t, begin, reason, end, status in stops:
        item = b.el(items, "StopProduct")
        b.el(item, "ToewijzingNummer", t.number)
        b.product(item, t.product_category, t.product_code)
        b.el(item, "ToewijzingIngangsdatum", t.begin)
        b.el(item, "Begindatum", begin)
        b.el(item, "RedenBeeindiging", reason)
        b.el(item, "Einddatum", end)
        b.el(item, "StatusAanlevering", status)
    return b.root


@dataclass
class Requested:
    """One AangevraagdProduct / NieuwProduct of a JW315 or JW317."""

    reference: str
    category: str
    code: str | None
    begin: dt.date
    end: dt.date | None = None
    volume: int | None = None
    unit: str = ""
    frequency: str = ""
    budget_cents: int | None = None
    referrer_code: str = "01"
    referrer_agb: str = ""
    referrer_name: str = ""


def jw315(client, items: Iterable[Requested], *, sender, receiver, identification, dagtekening):
    b = Builder("JW315")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Client")
    b.client_head(node, client)
    products = b.el(node, "AangevraagdeProducten")
    for r in items:
        item = b.el(products, "AangevraagdProduct")
        b.el(item, "ReferentieAanbieder", r.reference)
        b.product(item, r.category, r.code)
        b.el(item, "ToewijzingIngangsdatum", r.begin)
        b.opt(item, "ToewijzingEinddatum", r.end)
        b.omvang(item, r.volume, r.unit, r.frequency)
        b.opt(item, "Budget", r.budget_cents)
        referrer = b.el(item, "Verwijzer")
        b.el(referrer, "Type", r.referrer_code, basis=True)
        if r.referrer_code != "06":
            if r.referrer_agb and r.referrer_code in ("02", "03", "04", "05"):
                b.el(referrer, "ZorgverlenerCode", r.referrer_agb, basis=True)
            else:
                b.el(referrer, "Naam", r.referrer_name or "onbekend", basis=True)
    return b.root


def jw317(
    client,
    *,
    reference: str,
    reason: str,
    unchanged: Iterable = (),
    changed: Iterable[tuple] = (),
    new: Iterable[Requested] = (),
    sender,
    receiver,
    identification,
    dagtekening,
):
    """Verzoek om wijziging; `changed` holds (toewijzing, gewenste ingangsdatum, einddatum, volume)."""
    b = Builder("JW317")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Client")
    b.el(node, "Bsn", client.bsn)
    request = b.el(node, "Verzoek")
    b.el(request, "ReferentieAanbieder", reference)
    b.el(request, "RedenVerzoek", reason)
    unchanged, changed, new = list(unchanged), list(changed), list(new)
    if unchanged:
        group = b.el(request, "OngewijzigdeProducten")
        for t in unchanged:
            b.el(b.el(group, "OngewijzigdProduct"), "ToewijzingNummer", t.number)
    if changed:
        group = b.el(request, "TeWijzigenProducten")
        for t, begin, end, volume in changed:
            item = b.el(group, "TeWijzigenProduct")
            b.el(item, "ToewijzingNummer", t.number)
            b.el(item, "GewensteIngangsdatum", begin)
            b.opt(item, "Einddatum", end)
            b.omvang(item, volume, t.unit, t.frequency)
    if new:
        group = b.el(request, "NieuweProducten")
        for r in new:
            item = b.el(group, "NieuwProduct")
            b.product(item, r.category, r.code)
            b.el(item, "GewensteIngangsdatum", r.begin)
            b.opt(item, "Einddatum", r.end)
            b.omvang(item, r.volume, r.unit, r.frequency)
            b.opt(item, "Budget", r.budget_cents)
    return b.root


def jw319(
    *, reference, answer, reason="", right_municipality="", sender, receiver, identification, dagtekening
):
    """Antwoord: VerzoekAntwoord 1 (afgewezen, with WJ759 reason) or 2 (in onderzoek)."""
    b = Builder("JW319")
    b.header(sender, receiver, identification, dagtekening)
    node = b.el(b.root, "Antwoord")
    b.el(node, "ReferentieAanbieder", reference)
    b.el(node, "VerzoekAntwoord", answer)
    b.opt(node, "RedenAfwijzingVerzoek", reason)
    if right_municipality:
        b.el(b.el(node, "Woonplaatsbeginsel"), "Gemeente", right_municipality)
    return b.root


# --- retour messages -------------------------------------------------------------------------


def retour(
    original_root, issues: Iterable[Issue], *, code: str, identification, dagtekening, header_only=False
):
    """The retour of `original_root` (a parsed JW301/305/307/315/317/319) with these issues.

    Without issues the retour is the header alone with RetourCode 0200. With issues, every
    class the retour schema gives RetourCodes carries the codes of the issues located in it
    (0200 where there are none); issues outside any class go to the header.
    """
    retour_code = RETOUR_OF[code]
    message = MESSAGES[retour_code]
    ns = message.namespace
    issues = list(issues)
    b = Builder(retour_code)
    root_type = message.root
    original_header = _child(original_root, "Header")

    class_locations: dict[str, object] = {}
    body_decl = [e for e in root_type.elements if e.name != "Header"]
    if not header_only:
        for element in body_decl:
            for node in _children(original_root, element.name):
                _collect_classes(node, element.type, ns, class_locations)

    per_class: dict[str, list[str]] = defaultdict(list)
    header_codes: list[str] = []
    for issue in issues:
        target = None
        for loc in issue.locations or ("/Bericht",):
            matches = [c for c in class_locations if loc == c or loc.startswith(c + "/")]
            if matches:
                target = max(matches, key=len)
                break
        if target is None:
            header_codes.append(issue.return_code)
        else:
            per_class[target].append(issue.return_code)

    header = b.el(b.root, "Header")
    for element in root_type.elements[0].type.elements:
        name = element.name
        if name == "BerichtCode":
            b.el(header, name, BERICHTCODE[retour_code])
        elif name == "IdentificatieRetour":
            b.el(header, name, identification)
        elif name == "DagtekeningRetour":
            b.el(header, name, dagtekening)
        elif name == "XsltVersie":
            continue
        elif name == "XsdVersieRetour":
            b.xsd_version(header, name)
        elif name == "RetourCodes":
            codes = header_codes or ([] if per_class else [OK])
            if codes:
                node = b.el(header, name)
                for value in dict.fromkeys(codes):
                    b.el(node, "RetourCode", value)
        else:
            source = _child(original_header, name)
            if source is not None:
                _copy(b, header, source, name)
    if per_class:
        for element in body_decl:
            for node in _children(original_root, element.name):
                _mirror(b, b.root, node, element, ns, per_class)
    return b.root


def _children(parent, name: str) -> list:
    return [child for child in parent.iterchildren(etree.Element) if local_name(child.tag) == name]


def _child(parent, name: str):
    found = _children(parent, name)
    return found[0] if found else None


def _is_class(type_, ns: str) -> bool:
    return isinstance(type_, ComplexType) and type_.namespace == ns


def _collect_classes(node, type_, ns: str, out: dict) -> None:
    if not _is_class(type_, ns):
        return
    if any(e.name == "RetourCodes" for e in type_.elements):
        out[location(node)] = node
    for element in type_.elements:
        for child in _children(node, element.name):
            _collect_classes(child, element.type, ns, out)


def _copy(b: Builder, parent, source, name: str) -> None:
    """A copy of `source` under `parent`, renamed into the retour namespace; basis children kept."""
    node = etree.SubElement(parent, f"{{{b.ns}}}{name}")
    node.text = source.text if len(source) == 0 else None
    for child in source.iterchildren(etree.Element):
        node.append(_deep(child))


def _deep(element):
    copy = etree.Element(element.tag)
    copy.text = element.text if len(element) == 0 else None
    for child in element.iterchildren(etree.Element):
        copy.append(_deep(child))
    return copy


def _mirror(b: Builder, parent, node, element, ns: str, per_class: dict) -> None:
    type_ = element.type
    if not _is_class(type_, ns):
        _copy(b, parent, node, element.name)
        return
    new = etree.SubElement(parent, f"{{{ns}}}{element.name}")
    here = location(node)
    for child in type_.elements:
        if child.name == "RetourCodes":
            codes = per_class.get(here) or [OK]
            group = b.el(new, "RetourCodes")
            for value in dict.fromkeys(codes):
                b.el(group, "RetourCode", value)
            continue
        for source in _children(node, child.name):
            _mirror(b, new, source, child, ns, per_class)
