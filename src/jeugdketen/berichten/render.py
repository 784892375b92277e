"""A readable Dutch rendering of an iJw message for people: the message log and the client file.

Every element keeps its literal iJw name (so a functional administrator can find it in the
standard); coded values get the meaning from their code list, dates are written the Dutch
way and amounts in eurocents as euros. The raw XML is shown beside it, escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from jeugdketen.ijw import codes
from jeugdketen.ijw import xml as ijw_xml
from jeugdketen.ijw.report import local_name

#: Which code list gives the meaning of an element's value, by element name.
CODE_LISTS = {
    "Categorie": codes.JZ020,
    "Eenheid": codes.WJ756,
    "Frequentie": codes.WMO757,
    "RedenWijziging": codes.JZ002,
    "RedenBeeindiging": codes.JZ588,
    "RetourCode": codes.WJ001,
    "Geslacht": codes.COD046,
    "StatusAanlevering": codes.COD467,
    "RedenVerzoek": codes.WJ758,
    "RedenAfwijzingVerzoek": codes.WJ759,
    "VerzoekAntwoord": codes.WJ760,
    "JuridischeStatus": codes.WJ232,
    "WettelijkeVertegenwoordiging": codes.WJ003,
    "Naamgebruik": codes.COD700,
    "Soort": codes.COD757,
    "Datumgebruik": codes.COD170,
}
#: Elements whose value is an amount in eurocents.
CENTS = {"Budget", "Bedrag", "ProductTarief", "TotaalBedrag", "DeclaratieFactuurBedrag"}

MESSAGE_NAMES = {
    "JW301": "Toewijzing jeugdhulp",
    "JW302": "Retour toewijzing",
    "JW305": "Start jeugdhulp",
    "JW306": "Retour start",
    "JW307": "Stop jeugdhulp",
    "JW308": "Retour stop",
    "JW315": "Verzoek om toewijzing",
    "JW316": "Retour verzoek om toewijzing",
    "JW317": "Verzoek om wijziging",
    "JW318": "Retour verzoek om wijziging",
    "JW319": "Antwoord op verzoek",
    "JW320": "Retour antwoord",
    "JW323": "Declaratie",
    "JW325": "Retour declaratie",
}


@dataclass
class Node:
    name: str
    label: str
    value: str = ""
    meaning: str = ""
    children: list[Node] = field(default_factory=list)


def words(name: str) -> str:
    """``ToewijzingNummer`` → ``Toewijzing nummer``: the literal name, readable."""
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name) or [name]
    return " ".join([parts[0], *(p.lower() if not p.isupper() else p for p in parts[1:])])


def _value(name: str, text: str, parent: str) -> tuple[str, str]:
    if name == "Type" and parent == "Verwijzer":
        return text, codes.COD327.meaning(text)
    if name == "Code" and parent == "Gemeente" or name in {"Afzender", "Ontvanger"}:
        return text, ""
    if name in CODE_LISTS:
        return text, CODE_LISTS[name].meaning(text)
    if name in CENTS and text.lstrip("-").isdigit():
        cents = int(text)
        return text, f"€ {cents / 100:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).strftime("%d-%m-%Y"), ""
        except ValueError:
            return text, ""
    return text, ""


def _walk(element, parent: str = "") -> Node:
    name = local_name(element.tag)
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        value, meaning = _value(name, (element.text or "").strip(), parent)
        return Node(name, words(name), value, meaning)
    return Node(name, words(name), children=[_walk(c, name) for c in children])


def render(xml: str) -> Node | None:
    """The message as a tree of labelled values; None when it is no readable iJw message."""
    try:
        document = ijw_xml.parse(xml.encode("utf-8"))
    except (ijw_xml.IjwXmlError, UnicodeError):
        return None
    return _walk(document.root)


def verdict_rows(verdict) -> list[dict]:
    """The verdict's issues with the meaning of each retourcode, for the message log."""
    rows = []
    for item in verdict or []:
        code = item.get("return_code", "")
        rows.append(
            {
                "rule": item.get("code", ""),
                "return_code": code,
                "meaning": codes.WJ001.meaning(code) if code else "",
                "locations": item.get("locations", []),
                "text": item.get("text", ""),
            }
        )
    return rows
