"""JW308: Bericht voor het melden van de stop van levering van Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw308`. Its classes are
those of :mod:`.jw307`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw308 as s
from . import blocks, jw307
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "441"


@dataclass(kw_only=True)
class StopProduct(jw307.StopProduct):
    """Gegevens over het beeindigen van de levering van ondersteuning."""

    _schema: ClassVar = s.StopProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw307.Client):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW308(Root):
    """Bericht voor het melden van de stop van levering van Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
