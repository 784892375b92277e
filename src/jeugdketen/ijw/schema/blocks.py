"""The pieces the message schemas share: the header, wrappers, the client's identity, and retours.

The official XSDs of release 3.2 write these out again in every message. Here each is
written once, and the six retour messages (JW302, JW306, JW308, JW316, JW318, JW320) are
derived from their heen message, because their XSDs are exactly that heen message with:

* a retour ``Header``: its own BerichtCode, then IdentificatieRetour, DagtekeningRetour,
  an optional XsltVersie, XsdVersieRetour and optional RetourCodes after the heen header;
* a required ``RetourCodes`` at the end of every other class of the message's own
  namespace, except the wrappers that only hold one repeating element (``Relaties``);
* the content under the root made optional (a rejected message is answered with the
  header alone).

``tests/ijw/test_schema.py`` holds every derived declaration to its official XSD.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import basis as b
from .types import ComplexType, Element, Message, SimpleType


def header(
    namespace: str,
    bericht_code: str,
    *,
    afzender: SimpleType,
    ontvanger: SimpleType,
    extra: Iterable[Element] = (),
) -> ComplexType:
    """The ``Header`` of a message of release 3.2, followed by ``extra`` elements."""
    return ComplexType(
        "Header",
        namespace,
        [
            Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern=bericht_code)),
            Element("BerichtVersie", b.LDT_BerichtVersie.restrict(pattern="3")),
            Element("BerichtSubversie", b.LDT_BerichtSubversie.restrict(pattern="2")),
            Element("Afzender", afzender),
            Element("Ontvanger", ontvanger),
            Element("BerichtIdentificatie", b.CDT_BerichtIdentificatie),
            Element("XsdVersie", b.CDT_XsdVersie),
            *extra,
        ],
    )


def wrapper(name: str, item: ComplexType) -> ComplexType:
    """A class that holds one or more ``item`` elements and nothing else (``Relaties``)."""
    return ComplexType(name, item.namespace, [Element(item.name, item, repeats=True)])


def client_identity(naam: ComplexType) -> list[Element]:
    """Bsn, Geboortedatum, Geslacht and Naam: how a toewijzing or levering names the client."""
    return [
        Element("Bsn", b.LDT_BurgerServicenummer),
        Element("Geboortedatum", b.CDT_Geboortedatum),
        Element("Geslacht", b.LDT_Geslacht),
        Element("Naam", naam),
    ]


def retour_codes(namespace: str) -> ComplexType:
    return ComplexType("RetourCodes", namespace, [Element("RetourCode", b.LDT_RetourCode, repeats=True)])


def is_wrapper(ctype: ComplexType) -> bool:
    return len(ctype.elements) == 1 and ctype.elements[0].repeats


class RetourMirror:
    """The classes of a heen message again in a retour namespace, each with its ``RetourCodes``.

    Calling the mirror with a class of the heen message gives its retour class; a class
    used in two places (JW301's ``Contact``) is mirrored once. ``types`` holds every class
    made so far by name, ``RetourCodes`` included.
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.retour_codes = retour_codes(namespace)
        self.types: dict[str, ComplexType] = {"RetourCodes": self.retour_codes}
        self._mirrored: dict[int, ComplexType] = {}

    def __call__(self, ctype: ComplexType) -> ComplexType:
        done = self._mirrored.get(id(ctype))
        if done is None:
            elements = [Element(e.name, self._type(e.type), e.optional, e.repeats) for e in ctype.elements]
            if not is_wrapper(ctype):
                elements.append(Element("RetourCodes", self.retour_codes))
            done = self._mirrored[id(ctype)] = self.add(ComplexType(ctype.name, self.namespace, elements))
        return done

    def _type(self, kind: SimpleType | ComplexType) -> SimpleType | ComplexType:
        if isinstance(kind, ComplexType) and kind.namespace != b.NS:
            return self(kind)
        return kind

    def add(self, ctype: ComplexType) -> ComplexType:
        if ctype.name in self.types:
            raise ValueError(f"two classes named {ctype.name} in {self.namespace}")
        self.types[ctype.name] = ctype
        return ctype


def retour_message(
    heen: Message, code: str, namespace: str, bericht_code: str
) -> tuple[Message, dict[str, ComplexType]]:
    """The retour message of ``heen`` and its classes by name (see the module docstring)."""
    mirror = RetourMirror(namespace)
    heen_header, *content = heen.root.elements
    header_elements = [
        Element("BerichtCode", b.LDT_BerichtCode.restrict(pattern=bericht_code))
        if e.name == "BerichtCode"
        else e
        for e in heen_header.type.elements
    ]
    retour_header = mirror.add(
        ComplexType(
            "Header",
            namespace,
            [
                *header_elements,
                Element("IdentificatieRetour", b.LDT_IdentificatieBericht),
                Element("DagtekeningRetour", b.LDT_Datum),
                Element("XsltVersie", b.LDT_Versie, optional=True),
                Element("XsdVersieRetour", b.CDT_XsdVersie),
                Element("RetourCodes", mirror.retour_codes, optional=True),
            ],
        )
    )
    root = mirror.add(
        ComplexType(
            "Root",
            namespace,
            [
                Element("Header", retour_header),
                *(Element(e.name, mirror(e.type), optional=True) for e in content),
            ],
        )
    )
    return Message(code, namespace, root, heen.root_name), mirror.types
