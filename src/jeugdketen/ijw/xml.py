"""Hardened parsing and stable serialising of iJw messages.

iJw messages arrive from outside (VECOZO, GGK, providers' systems), so the parser trusts
nothing: no DTDs and therefore no entities (XXE and billion-laughs inputs are refused
with a clear error instead of being expanded), no network access, libxml2's limits on
huge text nodes and deep trees kept on, and a size limit checked before parsing.

After parsing, the root element's namespace names the message. Input that is XML but not
iJw, or iJw of another release or standard, is refused with its own exception, so a user
learns *why* a file was not judged rather than receiving a list of structural errors.

Every exception text is Dutch for people, followed by the English for log readers.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from .schema import BY_NAMESPACE, MESSAGES, Message

#: Default size limit. A month of declarations of a large provider (100,000 prestaties)
#: is about 100 MB pretty-printed; the limit leaves room for that and little more.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_ISTANDAARDEN = re.compile(
    r"http://www\.istandaarden\.nl/(?P<standard>\w+)/(?P<release>[\w.]+)/(?P<name>\w+)/schema"
)


class IjwXmlError(ValueError):
    """Input that cannot be read as an iJw 3.2 message. Its text is Dutch, then English."""

    def __init__(self, dutch: str, english: str) -> None:
        super().__init__(f"{dutch} ({english})")
        self.dutch = dutch
        self.english = english


class TooLargeError(IjwXmlError):
    """The input exceeds the configured size limit."""


class MalformedXmlError(IjwXmlError):
    """The input is not well-formed XML."""


class UnsafeXmlError(IjwXmlError):
    """The input carries a DTD or entity declarations, which iJw never needs."""


class NotIjwError(IjwXmlError):
    """Well-formed XML, but no iJw message at all."""


class WrongNamespaceError(IjwXmlError):
    """An iStandaarden namespace, but not one of the 14 iJw 3.2 messages."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed message: the declared structure it claims to be, and its root element."""

    message: Message
    root: etree._Element

    @property
    def code(self) -> str:
        return self.message.code


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=True,
    )


def read_file(path: str | os.PathLike[str] | BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read at most ``max_bytes`` from a path or binary file; more is a :class:`TooLargeError`."""
    if hasattr(path, "read"):
        data = path.read(max_bytes + 1)
    else:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLargeError(
            f"Het bestand is groter dan de limiet van {max_bytes} bytes",
            f"input exceeds the size limit of {max_bytes} bytes",
        )
    return data


def parse(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse the bytes of one iJw 3.2 message, refusing anything unsafe or not iJw."""
    if isinstance(data, str):
        raise TypeError("parse() takes bytes: the XML declaration names the encoding")
    if len(data) > max_bytes:
        raise TooLargeError(
            f"Het bericht is groter dan de limiet van {max_bytes} bytes",
            f"input exceeds the size limit of {max_bytes} bytes",
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise MalformedXmlError(
            f"Geen geldige XML: {error.msg}", f"not well-formed XML: {error.msg}"
        ) from error
    refuse_dtd(root)
    return Document(detect(root), root)


def parse_file(path: str | os.PathLike[str] | BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    return parse(read_file(path, max_bytes=max_bytes), max_bytes=max_bytes)


def refuse_dtd(root: etree._Element) -> None:
    """Refuse a document with a DOCTYPE. The parser did not expand it; we do not keep it either."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXmlError(
            "Het bericht bevat een DTD (DOCTYPE); iJw-berichten mogen geen DTD of entiteiten bevatten",
            "DTDs and entity declarations are not allowed (XXE / entity expansion protection)",
        )


def detect(root: etree._Element) -> Message:
    """Name the message from the namespace of the root element, or say why that is impossible."""
    tag = root.tag
    if not isinstance(tag, str):
        raise NotIjwError("Het document heeft geen rootelement", "document has no root element")
    qname = etree.QName(tag)
    namespace, name = qname.namespace, qname.localname
    message = BY_NAMESPACE.get(namespace or "")
    if message is not None:
        if name != message.root_name:
            raise NotIjwError(
                f"Het rootelement van een {message.code}-bericht heet Bericht, niet {name}",
                f"the root element of a {message.code} message must be Bericht, not {name}",
            )
        return message
    match = _ISTANDAARDEN.fullmatch(namespace or "")
    if match is None:
        found = f"namespace {namespace}" if namespace else "geen namespace"
        raise NotIjwError(
            f"Dit is geen iJw-bericht: rootelement {name} met {found}",
            f"not an iJw message: root element {name} in {namespace or 'no namespace'}",
        )
    expected = MESSAGES.get(match["name"].upper())
    hint = f"; verwacht {expected.namespace}" if expected else ""
    raise WrongNamespaceError(
        f"Onbekende of verkeerde namespace {namespace}: dit is geen iJw 3.2-bericht{hint}",
        f"wrong namespace {namespace}: not one of the 14 iJw 3.2 messages",
    )


def serialise(root: etree._Element) -> bytes:
    """The canonical bytes of a message: UTF-8 with declaration, exactly as the tree holds it.

    Parsing these bytes and serialising again gives the same bytes, because the parser
    keeps every whitespace node and lxml writes namespace declarations where they are.
    """
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
