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

from importlib import import_module

#: Where each public name lives. They are imported on first use, so ``python -m
#: jeugdketen.ijw validate`` pays only for what judging a file needs (not for the typed
#: message models or the retour builder), which is a measurable part of a short run.
_PUBLIC = {
    "MODELS": "messages",
    "InvalidMessageError": "messages",
    "load": "messages",
    "Issue": "report",
    "Report": "report",
    "build_retour": "retour",
    "validate": "validate",
    "validate_document": "validate",
    "validate_file": "validate",
    **dict.fromkeys(
        (
            "DEFAULT_MAX_BYTES",
            "Document",
            "IjwXmlError",
            "MalformedXmlError",
            "NotIjwError",
            "TooLargeError",
            "UnsafeXmlError",
            "WrongNamespaceError",
            "parse",
            "parse_file",
            "serialise",
        ),
        "xml",
    ),
}


# ``validate`` is both a function and the module that holds it. Once the module was imported
# (``import jeugdketen.ijw.validate``), Python binds the package's attribute ``validate`` to the
# module and the lazy lookup below is never asked again; importing the three functions here
# binds the name to the function for good. Judging a file needs this module anyway.
from .validate import validate, validate_document, validate_file  # noqa: E402


def __getattr__(name: str):
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


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
