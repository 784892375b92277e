"""The iJw 3.2 standard as a framework-free Python library (no Django import anywhere here).

Apps turn their models into these messages and back; this package knows nothing of the
database. The everyday entry points::

    from jeugdketen.ijw import parse, validate, serialise
    report = validate(data)                  # bytes -> Report (structure, then TR/CD/CS rules)
    document = parse(data)                   # hardened parse; names the message by namespace
    message = load(document)                 # the typed dataclass model (JW301 ... JW325)
    retour = build_retour(document, report)  # JW302/306/308/316/318/320 with retourcodes
"""

from __future__ import annotations

from .messages import MODELS, InvalidMessageError, load
from .report import Issue, Report
from .retour import build_retour
from .validate import validate, validate_document, validate_file
from .xml import (
    DEFAULT_MAX_BYTES,
    Document,
    IjwXmlError,
    MalformedXmlError,
    NotIjwError,
    TooLargeError,
    UnsafeXmlError,
    WrongNamespaceError,
    parse,
    parse_file,
    serialise,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MODELS",
    "Document",
    "IjwXmlError",
    "InvalidMessageError",
    "Issue",
    "MalformedXmlError",
    "NotIjwError",
    "Report",
    "TooLargeError",
    "UnsafeXmlError",
    "WrongNamespaceError",
    "build_retour",
    "load",
    "parse",
    "parse_file",
    "serialise",
    "validate",
    "validate_document",
    "validate_file",
]
