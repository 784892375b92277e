"""Structural validation along the declared schemas: what the official XSD would say.

Two engines give the same verdict. libxml2 checks a schema compiled in memory from the
declarations (:mod:`jeugdketen.ijw.schema.compiled`), in C, which is what makes a month
of declarations fast; a message it accepts is done. A message it rejects is walked in
Python, which names every error in Dutch with an iJw location. Tests hold both engines,
separately, to the official XSD.

The walk visits the lxml tree once. Each complex type is compiled on first use into a
:class:`_Plan`: a dict from the qualified child name to its position in the sequence, and
per position whether it is optional or repeats. The sequence of child tags of an element
is matched against the plan in one pass, and for short sequences (a Header, a Prestatie)
the verdict is memoised by the tuple of tags, because a month of declarations repeats the
same few shapes a hundred thousand times. Simple values are checked by their
:class:`~jeugdketen.ijw.schema.types.SimpleType`, which memoises too. No Python object is
built per node beyond what lxml hands out, and a location is computed only for an error.

Every finding is an :class:`~jeugdketen.ijw.report.Issue` with code ``XSD`` and retourcode
``0001`` ("Bericht is afgekeurd om technische redenen"), because WJ001 has no finer
retourcode for a message that does not meet the schema.
"""

from __future__ import annotations

import re

from lxml import etree

from .report import Issue, local_name, location
from .schema import Message
from .schema.compiled import compiled
from .schema.types import XML_SPACE, ComplexType, SimpleType

CODE = "XSD"
RETOURCODE = "0001"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: xsi attributes a schema-aware reader tolerates on any element.
_ALLOWED_ATTRIBUTES = {f"{{{_XSI}}}schemaLocation", f"{{{_XSI}}}noNamespaceSchemaLocation"}
_SHAPE_CACHE_MAX_CHILDREN = 64
_SHAPE_CACHE_SIZE = 4096
_TEXT = "Tekst is niet toegestaan in {name}; alleen elementen."


class _Plan:
    """A complex type compiled for fast matching."""

    __slots__ = ("name", "index", "names", "optional", "repeats", "kinds", "shapes")

    def __init__(self, ctype: ComplexType) -> None:
        self.name = ctype.name
        self.index = {f"{{{ctype.namespace}}}{e.name}": i for i, e in enumerate(ctype.elements)}
        self.names = tuple(e.name for e in ctype.elements)
        self.optional = tuple(e.optional for e in ctype.elements)
        self.repeats = tuple(e.repeats for e in ctype.elements)
        self.kinds: tuple[_Plan | SimpleType, ...] = ()
        self.shapes: dict[tuple, tuple] = {}


_PLANS: dict[int, _Plan] = {}


def _plan(ctype: ComplexType) -> _Plan:
    plan = _PLANS.get(id(ctype))
    if plan is None:
        plan = _PLANS[id(ctype)] = _Plan(ctype)
        plan.kinds = tuple(
            _plan(e.type) if isinstance(e.type, ComplexType) else e.type for e in ctype.elements
        )
    return plan


def check_structure(root: etree._Element, message: Message, *, fast: bool = True) -> list[Issue]:
    """All structural errors of a message whose root namespace already named ``message``.

    With ``fast`` (the default) libxml2 first checks the schema compiled from the same
    declarations (:mod:`jeugdketen.ijw.schema.compiled`); only a message it rejects is
    walked in Python, to name every error in Dutch with its location.
    """
    if fast:
        with compiled(message.code) as schema:
            if schema.validate(root):
                return []
            libxml2_errors = [(plain_path(e.path), e.message) for e in schema.error_log]
        issues = walk_structure(root, message)
        if not issues:
            # Cannot happen while the walk and the compiled schema agree (the tests hold
            # both to the official XSD); if it does, libxml2's word still rejects.
            issues = [_issue((path,), f"Structuurfout: {text}") for path, text in libxml2_errors]
        return issues
    return walk_structure(root, message)


def walk_structure(root: etree._Element, message: Message) -> list[Issue]:
    """The structural errors found by walking the tree along the declarations, in Python."""
    issues: list[Issue] = []
    expected_root = f"{{{message.namespace}}}{message.root_name}"
    if root.tag != expected_root:
        issues.append(_issue((location(root),), f"Het rootelement moet {message.root_name} zijn."))
        return issues
    _check_attributes(root, issues)
    _check_text(root, issues)
    _walk(root, _plan(message.root), issues, (None, (root.tag,), 0))
    return issues


def plain_path(path: str | None) -> str:
    """libxml2 writes ``/jw323:Bericht/jw323:Header``; iJw locations use local names only."""
    return re.sub(r"(?<=/)[^/:\[]+:", "", path or "/")


def _issue(locations: tuple[str, ...], text: str) -> Issue:
    return Issue(CODE, RETOURCODE, locations, text)


def _check_attributes(root: etree._Element, issues: list[Issue]) -> None:
    # iJw declares no attributes. One XPath finds them all in C, which is far cheaper than
    # asking every element for its attributes from Python.
    for attribute in root.xpath("//@*"):
        if attribute.attrname in _ALLOWED_ATTRIBUTES:
            continue
        owner = attribute.getparent()
        issues.append(
            _issue(
                (location(owner),),
                f"Attribuut {local_name(attribute.attrname)} is niet toegestaan op {local_name(owner.tag)}.",
            )
        )


def _shape(plan: _Plan, tags: tuple) -> tuple:
    """Match child tags against the sequence: ``(kinds, has_elements, error)``.

    ``kinds`` gives per child its plan or simple type (``None`` for comments), up to the
    first error; ``error`` is ``None`` or ``(child_index, text)``, where a child index of
    ``len(tags)`` means "something is missing at the end".
    """
    kinds: list = []
    current = -1
    has_elements = any(isinstance(tag, str) for tag in tags)
    index, names, optional, repeats = plan.index, plan.names, plan.optional, plan.repeats
    for i, tag in enumerate(tags):
        if not isinstance(tag, str):
            kinds.append(None)
            continue
        position = index.get(tag)
        if position is None or position < current:
            name = local_name(tag)
            where = "" if position is not None else f" in {plan.name}"
            return (
                tuple(kinds),
                has_elements,
                (
                    i,
                    f"Element {name} wordt hier niet verwacht{where}; {_expected(plan, current)}.",
                ),
            )
        if position == current and not repeats[position]:
            return tuple(kinds), has_elements, (i, f"Element {names[position]} mag maar één keer voorkomen.")
        for skipped in range(current + 1, position):
            if not optional[skipped]:
                return (
                    tuple(kinds),
                    has_elements,
                    (
                        i,
                        f"Verplicht element {names[skipped]} ontbreekt vóór {names[position]}.",
                    ),
                )
        current = position
        kinds.append(plan.kinds[position])
    for skipped in range(current + 1, len(names)):
        if not optional[skipped]:
            text = f"Verplicht element {names[skipped]} ontbreekt in {plan.name}."
            return tuple(kinds), has_elements, (len(tags), text)
    return tuple(kinds), has_elements, None


def _expected(plan: _Plan, current: int) -> str:
    candidates = []
    if current >= 0 and plan.repeats[current]:
        candidates.append(plan.names[current])
    for position in range(current + 1, len(plan.names)):
        candidates.append(plan.names[position])
        if not plan.optional[position]:
            break
    if not candidates:
        return "er wordt geen element meer verwacht"
    return "verwacht: " + ", ".join(candidates)


def _walk(element: etree._Element, plan: _Plan, issues: list[Issue], trail: tuple | None) -> None:
    """Check ``element`` against ``plan`` and recurse into its complex children.

    ``trail`` is ``(parent_trail, parent_tags, index)``, turned into an XPath only when an
    error needs one; building a path string per element would cost more than the checks.
    """
    children = list(element)
    tags = tuple([child.tag for child in children])
    if len(tags) <= _SHAPE_CACHE_MAX_CHILDREN:
        shape = plan.shapes.get(tags)
        if shape is None:
            shape = _shape(plan, tags)
            if len(plan.shapes) < _SHAPE_CACHE_SIZE:
                plan.shapes[tags] = shape
    else:
        shape = _shape(plan, tags)
    kinds, has_elements, error = shape
    if not has_elements:
        # No element children, so the text check in _check_text did not look here.
        texts = [element.text] + [child.tail for child in children]
        if any(text and text.strip(XML_SPACE) for text in texts):
            issues.append(_issue((_path(trail),), _TEXT.format(name=plan.name)))

    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        child = children[i]
        if kind.__class__ is _Plan:
            _walk(child, kind, issues, (trail, tags, i))
            continue
        if len(child):
            value = _simple_content(child)
            if value is None:
                issues.append(
                    _issue(
                        (_path((trail, tags, i)),),
                        f"Element {local_name(child.tag)} mag geen subelementen bevatten.",
                    )
                )
                continue
        else:
            value = child.text or ""
        verdict = kind._cache.get(value, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = kind.check(value)
        if verdict is not None:
            issues.append(
                _issue((_path((trail, tags, i)),), f"Ongeldige waarde in {local_name(child.tag)}: {verdict}.")
            )
    if error is not None:
        at, text = error
        if at < len(children):
            issues.append(_issue((_path((trail, tags, at)),), text))
        else:
            issues.append(_issue((_path(trail),), text))


_UNSEEN = object()


def _check_text(root: etree._Element, issues: list[Issue]) -> None:
    """Text directly inside an element that has element children: mixed content, not allowed.

    One XPath in C finds it all. ``normalize-space`` knows exactly XML's four whitespace
    characters, which is what the schema's element-only content allows.
    """
    for text in root.xpath("//text()[normalize-space()][../*]"):
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        issues.append(_issue((location(owner),), _TEXT.format(name=local_name(owner.tag))))


def _path(trail: tuple | None) -> str:
    """The XPath of a trail, with ``[n]`` only where a name repeats among siblings."""
    steps: list[str] = []
    while trail is not None:
        trail, tags, i = trail
        tag = tags[i]
        name = local_name(tag)
        if tags.count(tag) > 1:
            name = f"{name}[{tags[:i].count(tag) + 1}]"
        steps.append(name)
    return "/" + "/".join(reversed(steps))


def _simple_content(element: etree._Element) -> str | None:
    """Text of a simple element that holds comments or processing instructions, or None."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            return None
        parts.append(child.tail or "")
    return "".join(parts)
