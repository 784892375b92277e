"""JW320: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw320`. Its classes are
those of :mod:`.jw319`, each subclassed to add its ``retour_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..schema import jw320 as s
from . import blocks, jw319
from .model import Root


@dataclass(kw_only=True)
class Header(blocks.RetourHeader):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "489"


@dataclass(kw_only=True)
class Woonplaatsbeginsel(jw319.Woonplaatsbeginsel):
    """``Woonplaatsbeginsel``."""

    _schema: ClassVar = s.Woonplaatsbeginsel

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Antwoord(jw319.Antwoord):
    """Gegevens over het antwoord dat de gemeente geeft op een verzoek van de aanbieder."""

    _schema: ClassVar = s.Antwoord

    retour_codes: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class JW320(Root):
    """Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    antwoord: Antwoord | None = None
