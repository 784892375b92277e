"""JW316: Bericht voor het aanvragen van een toewijzing voor Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw316`. Its classes are
those of :mod:`.jw315`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw316 as s
from . import blocks, jw315
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "447"


@dataclass(kw_only=True)
class AangevraagdProduct(jw315.AangevraagdProduct):
    """Gegevens over het product waarvoor een toewijzing wordt aangevraagd."""

    _schema: ClassVar = s.AangevraagdProduct

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Client(jw315.Client):
    """Persoonsgegevens van de client."""

    _schema: ClassVar = s.Client

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW316(Root):
    """Bericht voor het aanvragen van een toewijzing voor Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    client: Client | None = None
