"""JW306: Bericht voor het melden van de start van levering van Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw306`. Its classes are
those of :mod:`.jw305`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw306 as s
from . import blocks, jw305
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "439"


@dataclass(kw_only=True)
class StartProduct(jw305.StartProduct):
    """Gegevens over het product waarvan de levering gestart is."""

    _schema: ClassVar = s.StartProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw305.Client):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW306(Root):
    """Bericht voor het melden van de start van levering van Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
