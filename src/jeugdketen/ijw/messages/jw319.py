"""JW319: Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp.

Typed model of the message; written from :mod:`jeugdketen.ijw.schema.jw319`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..schema import jw319 as s
from . import blocks
from .model import Model, Root


@dataclass(kw_only=True)
class Header(blocks.Header):
    """``Header``."""

    _schema: ClassVar = s.Header

    bericht_code: str = "488"


@dataclass(kw_only=True)
class Woonplaatsbeginsel(Model):
    """``Woonplaatsbeginsel``."""

    _schema: ClassVar = s.Woonplaatsbeginsel

    gemeente: str


@dataclass(kw_only=True)
class Antwoord(Model):
    """Gegevens over het antwoord dat de gemeente geeft op een verzoek van de aanbieder."""

    _schema: ClassVar = s.Antwoord

    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing_verzoek: str | None = None
    woonplaatsbeginsel: Woonplaatsbeginsel | None = None


@dataclass(kw_only=True)
class JW319(Root):
    """Bericht voor antwoordinformatie over het Verzoek om toewijzing of Verzoek om wijziging Jeugdhulp."""

    _schema: ClassVar = s.Root
    _message: ClassVar = s.MESSAGE

    header: Header
    antwoord: Antwoord
