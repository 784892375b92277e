"""JW302: Bericht voor de toewijzing van Jeugdhulp aan een aanbieder.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw302`. Its classes are
those of :mod:`.jw301`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw302 as s
from . import blocks, jw301
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "437"


@dataclass(kw_only=True)
class Contact(jw301.Contact):
    """Gegevens voor de aanduiding van het adres van de client of relatie."""

    _schema: ClassVar = s.Contact

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Relatie(jw301.Relatie):
    """Persoonsgegevens van de relatie van de client."""

    _schema: ClassVar = s.Relatie

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class ToegewezenProduct(jw301.ToegewezenProduct):
    """Gegevens over een product dat de gemeente toewijst aan een aanbieder."""

    _schema: ClassVar = s.ToegewezenProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw301.Client):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW302(Root):
    """Bericht voor de toewijzing van Jeugdhulp aan een aanbieder."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
