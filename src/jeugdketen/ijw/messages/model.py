"""The machinery behind the typed message dataclasses: read from and write to lxml elements.

Each dataclass names the :class:`~jeugdketen.ijw.schema.types.ComplexType` it models in
``_schema``. Its fields are the snake_case names of the type's elements, in order, so the
mapping needs no per-field code: ``ToewijzingNummer`` is ``toewijzing_nummer``. A
"wrapper" element whose type holds just one repeating element (``Clienten`` around
``Client``, ``RetourCodes`` around ``RetourCode``) becomes a plain list, which is what an
application wants to hold; an empty list means the optional wrapper is absent.

Values are typed by their base type: ``str`` for strings and codes, ``int`` for numbers
and amounts in eurocents, :class:`datetime.date` and :class:`datetime.time`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar, Self

from lxml import etree

from ..schema import BASIS_NS, Message
from ..schema.types import ComplexType, Element, SimpleType

_MODELS: dict[int, type[Model]] = {}
_SNAKE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake(name: str) -> str:
    """``ToewijzingNummer`` -> ``toewijzing_nummer``; ``DebetCredit`` -> ``debet_credit``."""
    return _SNAKE.sub("_", name).lower()


def wrapped(ctype: SimpleType | ComplexType) -> Element | None:
    """The single repeating element of a wrapper type, or None if it is not a wrapper."""
    if isinstance(ctype, ComplexType) and len(ctype.elements) == 1:
        inner = ctype.elements[0]
        if inner.repeats and not inner.optional:
            return inner
    return None


def to_python(simple: SimpleType, text: str) -> Any:
    if simple.base == "string":
        return text
    text = text.strip(" \t\r\n")
    if simple.base == "integer":
        return int(text)
    if simple.base == "date":
        return dt.date.fromisoformat(text)
    if text.startswith("24:"):
        # XSD's end-of-day 24:00:00 has no datetime.time; it is midnight of the next day.
        return dt.time(0, 0)
    return dt.time.fromisoformat(text)


def to_text(simple: SimpleType, value: Any) -> str:
    if simple.base == "string":
        return value
    if simple.base == "integer":
        return str(int(value))
    if simple.base == "date":
        return value.isoformat()
    return value.isoformat(timespec="seconds" if not value.microsecond else "auto")


class Model:
    """Base of every message dataclass. Subclasses set ``_schema`` to their complex type."""

    _schema: ClassVar[ComplexType]
    _plan: ClassVar[tuple[tuple[str, Element, Element | None], ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        schema = cls.__dict__.get("_schema")
        if schema is not None:
            _MODELS[id(schema)] = cls
            cls._plan = tuple((snake(e.name), e, wrapped(e.type)) for e in schema.elements)

    @classmethod
    def from_element(cls, element: etree._Element) -> Self:
        """Build the model from a structurally valid element (see :func:`validate`)."""
        namespace = cls._schema.namespace
        values: dict[str, Any] = {}
        children: dict[str, list[etree._Element]] = {}
        for child in element:
            if isinstance(child.tag, str):
                children.setdefault(child.tag, []).append(child)
        for field_name, decl, inner in cls._plan:
            found = children.get(f"{{{namespace}}}{decl.name}", [])
            if inner is not None:
                inner_tag = f"{{{decl.type.namespace}}}{inner.name}"
                items = [item for wrapper in found for item in wrapper if item.tag == inner_tag]
                values[field_name] = [_read(inner.type, item) for item in items]
            elif decl.repeats:
                values[field_name] = [_read(decl.type, item) for item in found]
            elif found:
                values[field_name] = _read(decl.type, found[0])
            else:
                values[field_name] = None
        return cls(**values)

    def to_element(self, parent: etree._Element | None = None, tag: str | None = None) -> etree._Element:
        """Write the model as an element (appended to ``parent`` when given)."""
        if parent is None:
            element = etree.Element(tag or "Bericht")
        else:
            element = etree.SubElement(parent, tag or "Bericht")
        self._fill(element)
        return element

    def _fill(self, element: etree._Element) -> None:
        namespace = self._schema.namespace
        for field_name, decl, inner in self._plan:
            value = getattr(self, field_name)
            name = f"{{{namespace}}}{decl.name}"
            if inner is not None:
                if value:
                    wrapper = etree.SubElement(element, name)
                    inner_name = f"{{{decl.type.namespace}}}{inner.name}"
                    for item in value:
                        _write(wrapper, inner_name, inner.type, item)
            elif decl.repeats:
                for item in value:
                    _write(element, name, decl.type, item)
            elif value is not None:
                _write(element, name, decl.type, value)


def _read(ctype: SimpleType | ComplexType, element: etree._Element) -> Any:
    if isinstance(ctype, SimpleType):
        return to_python(ctype, "".join(element.itertext()))
    return _MODELS[id(ctype)].from_element(element)


def _write(parent: etree._Element, name: str, ctype: SimpleType | ComplexType, value: Any) -> None:
    if isinstance(ctype, SimpleType):
        etree.SubElement(parent, name).text = to_text(ctype, value)
    else:
        value.to_element(parent, name)


class Root(Model):
    """A whole message. Subclasses also set ``_message``."""

    _message: ClassVar[Message]

    @property
    def code(self) -> str:
        return self._message.code

    def to_xml(self) -> bytes:
        """The message as canonical bytes: tab-indented like the published examples."""
        from ..xml import serialise

        return serialise(self.to_tree())

    def to_tree(self) -> etree._Element:
        message = self._message
        root = etree.Element(
            f"{{{message.namespace}}}{message.root_name}",
            nsmap={message.prefix: message.namespace, "ijw": BASIS_NS},
        )
        self._fill(root)
        etree.indent(root, space="\t")
        return root

    @classmethod
    def from_xml(cls, data: bytes) -> Self:
        """Parse and structurally validate bytes; raise :class:`InvalidMessageError` if invalid."""
        from ..xml import parse

        document = parse(data)
        if document.message is not cls._message:
            raise InvalidMessageError(f"verwacht {cls._message.code}, gevonden {document.code}", [])
        return cls.from_document(document)

    @classmethod
    def from_document(cls, document: Any) -> Self:
        from ..structure import check_structure

        issues = check_structure(document.root, document.message)
        if issues:
            raise InvalidMessageError(f"{document.code} voldoet niet aan de structuur", issues)
        return cls.from_element(document.root)


class InvalidMessageError(ValueError):
    """The message cannot become a model because it is not structurally valid."""

    def __init__(self, text: str, issues: list) -> None:
        super().__init__(text)
        self.issues = issues
