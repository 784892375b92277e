"""Typed dataclasses for all 14 iJw 3.2 messages, parsed from and serialised to XML.

Validation never builds these objects: it walks the lxml tree. A caller that wants to work
with a message (an app storing a declaration, a builder writing a toewijzing) asks for the
model explicitly::

    message = load(parse(data))          # any message, after structural validation
    declaratie = JW323.from_xml(data)    # one expected message type
    data = declaratie.to_xml()           # canonical bytes, valid against the official XSD
"""

from __future__ import annotations

from collections.abc import Mapping

from ..xml import Document
from .jw301 import JW301
from .jw302 import JW302
from .jw305 import JW305
from .jw306 import JW306
from .jw307 import JW307
from .jw308 import JW308
from .jw315 import JW315
from .jw316 import JW316
from .jw317 import JW317
from .jw318 import JW318
from .jw319 import JW319
from .jw320 import JW320
from .jw323 import JW323
from .jw325 import JW325
from .model import InvalidMessageError, Model, Root

#: The model class of every message by its code.
MODELS: Mapping[str, type[Root]] = {
    model._message.code: model
    for model in (
        JW301,
        JW302,
        JW305,
        JW306,
        JW307,
        JW308,
        JW315,
        JW316,
        JW317,
        JW318,
        JW319,
        JW320,
        JW323,
        JW325,
    )
}


def load(document: Document) -> Root:
    """The typed model of a parsed message; raises :class:`InvalidMessageError` if not valid."""
    return MODELS[document.code].from_document(document)


__all__ = [
    "JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315", "JW316", "JW317", "JW318",
    "JW319", "JW320", "JW323", "JW325", "MODELS", "InvalidMessageError", "Model", "Root", "load",
]  # fmt: skip
