"""The structure of the 14 iJw 3.2 messages, declared in Python instead of read from XSD files.

The project does not ship the official XSDs, and a user who has not downloaded them must
still get a correct verdict. So the schemas live here as declarations (one module per
message plus :mod:`.basis`), written once from the XSDs of release 3.2 and checked against
them in the tests. What the XSDs repeat (the header, the wrappers, the retour messages that
mirror their heen message) is written once, in :mod:`.blocks`. :mod:`jeugdketen.ijw.structure`
walks a document along these declarations.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import (
    basis,
    jw301,
    jw302,
    jw305,
    jw306,
    jw307,
    jw308,
    jw315,
    jw316,
    jw317,
    jw318,
    jw319,
    jw320,
    jw323,
    jw325,
)
from .types import ComplexType, Element, Message, SimpleType

BASIS_NS = basis.NS

#: Every message by its code, in the order of the standard.
MESSAGES: Mapping[str, Message] = {
    module.MESSAGE.code: module.MESSAGE
    for module in (
        jw301, jw302, jw305, jw306, jw307, jw308, jw315, jw316, jw317, jw318, jw319, jw320, jw323, jw325
    )
}  # fmt: skip

#: The same messages by the namespace of their root element.
BY_NAMESPACE: Mapping[str, Message] = {message.namespace: message for message in MESSAGES.values()}

__all__ = ["BASIS_NS", "BY_NAMESPACE", "MESSAGES", "ComplexType", "Element", "Message", "SimpleType"]
