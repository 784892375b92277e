"""The Python declarations compiled into an XML Schema for libxml2, so it can check them in C.

Why: a Python walk over the lxml tree costs about half a microsecond per element just to
obtain each element's tag and text; a JW323 with 100,000 prestaties has two million
elements, so the walk alone takes several times as long as libxml2's whole XSD
validation. The declarations in this package say exactly what the official XSDs say
(``tests/ijw/test_schema.py`` proves it), so they can be written back out as an XML
Schema and handed to libxml2. That schema is generated here, from the declarations, at
first use (into a private temporary directory, see :func:`_schema_directory`); no XSD file
is shipped, and the official ones are never read.

:mod:`jeugdketen.ijw.structure` uses it as a fast first verdict: a message libxml2
accepts is structurally valid; for one it rejects, the Python walk produces the exact
Dutch issues with their locations.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from lxml import etree

from . import BASIS_NS, MESSAGES, Message
from . import basis as basis_module
from .types import ComplexType, SimpleType

XS = "http://www.w3.org/2001/XMLSchema"
_BASIS_LOCATION = "jeugdketen-basisschema.xsd"


def _xs(parent: etree._Element | None, construct: str, **attributes: str) -> etree._Element:
    tag = f"{{{XS}}}{construct}"
    if parent is None:
        return etree.Element(tag, nsmap={"xs": XS, "ijw": BASIS_NS}, **attributes)
    return etree.SubElement(parent, tag, **attributes)


def _restriction(parent: etree._Element, simple: SimpleType, base: str) -> None:
    restriction = _xs(parent, "restriction", base=base)
    for code in simple.enumeration or ():
        _xs(restriction, "enumeration", value=code)
    for facet, value in (
        ("minLength", simple.min_length),
        ("maxLength", simple.max_length),
        ("minInclusive", simple.min_value),
        ("maxInclusive", simple.max_value),
    ):
        if value is not None:
            _xs(restriction, facet, value=str(value))
    for pattern in simple.patterns[:1]:
        _xs(restriction, "pattern", value=pattern)


def basis_schema() -> etree._Element:
    schema = _xs(None, "schema", targetNamespace=BASIS_NS, elementFormDefault="qualified")
    for name, value in vars(basis_module).items():
        if isinstance(value, SimpleType):
            _restriction(_xs(schema, "simpleType", name=name), value, f"xs:{value.base}")
    for name, value in vars(basis_module).items():
        if isinstance(value, ComplexType):
            _complex(schema, value, name, {})
    return schema


def _type_ref(kind: SimpleType | ComplexType, names: dict[int, str]) -> str:
    if isinstance(kind, ComplexType):
        if kind.namespace == BASIS_NS:
            return f"ijw:{kind.name}"
        return f"m:{names[id(kind)]}"
    return f"ijw:{kind.name}"


def _complex(schema: etree._Element, ctype: ComplexType, name: str, names: dict[int, str]) -> None:
    sequence = _xs(_xs(schema, "complexType", name=name), "sequence")
    for element in ctype.elements:
        attributes = {"name": element.name}
        if element.optional:
            attributes["minOccurs"] = "0"
        if element.repeats:
            attributes["maxOccurs"] = "unbounded"
        kind = element.type
        local = isinstance(kind, SimpleType) and getattr(basis_module, kind.name, None) is not kind
        if not local:
            attributes["type"] = _type_ref(kind, names)
        declared = _xs(sequence, "element", **attributes)
        if local:
            # A message-level restriction such as BerichtCode's pattern "490".
            restriction = _xs(_xs(declared, "simpleType"), "restriction", base=f"ijw:{kind.name}")
            _xs(restriction, "pattern", value=kind.patterns[-1])


def message_schema(message: Message) -> etree._Element:
    schema = etree.Element(
        f"{{{XS}}}schema",
        nsmap={"xs": XS, "ijw": BASIS_NS, "m": message.namespace},
        targetNamespace=message.namespace,
        elementFormDefault="qualified",
    )
    _xs(schema, "import", namespace=BASIS_NS, schemaLocation=_BASIS_LOCATION)
    names: dict[int, str] = {}
    pending = [message.root]
    ordered: list[ComplexType] = []
    while pending:
        ctype = pending.pop()
        if id(ctype) in names:
            continue
        names[id(ctype)] = ctype.name
        ordered.append(ctype)
        pending.extend(
            e.type for e in ctype.elements if isinstance(e.type, ComplexType) and e.type.namespace != BASIS_NS
        )
    _xs(schema, "element", name=message.root_name, type=f"m:{message.root.name}")
    for ctype in ordered:
        _complex(schema, ctype, ctype.name, names)
    return schema


@cache
def _schema_document(code: str) -> bytes:
    """The generated schema of one message, as bytes; built once per process."""
    return etree.tostring(message_schema(MESSAGES[code]))


@cache
def _basis_document() -> bytes:
    return etree.tostring(basis_schema())


@cache
def _schema_directory() -> Path:
    """A private directory with the generated schemas, written once per process.

    libxml2 reads the basisschema import from beside the message schema with its own file
    loader. An lxml resolver would also work, but lxml swaps its resolver hook in and out of
    libxml2's process-wide loader for every parse, so a message parsed in another thread can
    unhook it in the middle of a compilation (seen in CI as "type does not resolve"). Files
    need no hook. They are generated from the declarations, not the official XSDs.
    """
    directory = Path(tempfile.mkdtemp(prefix="jeugdketen-ijw-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    (directory / _BASIS_LOCATION).write_bytes(_basis_document())
    for code in MESSAGES:
        (directory / f"{code}.xsd").write_bytes(_schema_document(code))
    return directory


class SchemaUnavailable(RuntimeError):
    """A generated schema could not be compiled: the process must not serve messages."""


#: libxml2's schema compiler keeps process-wide state: the table of built-in XSD types is
#: created by the first compilation, without a lock. Two first compilations at once build
#: two tables and keep pointers into both ("the given type is not a built-in type", or a
#: double free), and the half-built table stays for the life of the process, so every later
#: compilation fails too. One lock around every compilation, and :func:`warm_up` before any
#: request or task is served, keeps compilations strictly one at a time.
_compile_lock = threading.Lock()
_pool_lock = threading.Lock()
_pools: dict[str, list[etree.XMLSchema]] = {}


def _compile(code: str) -> etree.XMLSchema:
    with _compile_lock:
        directory = _schema_directory()
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        try:
            return etree.XMLSchema(etree.parse(str(directory / f"{code}.xsd"), parser))
        except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as error:
            raise SchemaUnavailable(f"the generated schema of {code} does not compile: {error}") from error


def warm_up() -> None:
    """Compile one schema of every message, one at a time, before any work is served.

    Called by the Django app registry (``core``) at start-up of every process: web
    workers, task workers and commands. A schema that does not compile raises
    :class:`SchemaUnavailable` there, so the process stops at once instead of answering
    500 to every message later.
    """
    for code in MESSAGES:
        with _pool_lock:
            if _pools.get(code):
                continue
        schema = _compile(code)
        with _pool_lock:
            _pools.setdefault(code, []).append(schema)


@contextmanager
def compiled(code: str) -> Iterator[etree.XMLSchema]:
    """Lends the libxml2 schema of one message to one validation at a time.

    An lxml validator keeps its error log on itself, so two threads must never validate
    with the same one at once. Schemas are pooled: a thread borrows one, and when every
    compiled copy is lent out, one more is compiled (under the same lock as every other
    compilation) and joins the pool afterwards.
    """
    with _pool_lock:
        pool = _pools.setdefault(code, [])
        schema = pool.pop() if pool else None
    if schema is None:
        schema = _compile(code)
    try:
        yield schema
    finally:
        with _pool_lock:
            _pools[code].append(schema)
