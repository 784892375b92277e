"""The message-content rules of iJw 3.2 that one message can decide: TR, CD and CS.

``check_rules("JW323", root)`` judges a message that already passed structural
validation and returns the :class:`~jeugdketen.ijw.report.Issue` list, empty when the
message is clean. :data:`RULES` names every rule code the standard has, including the
"berichtoverstijgend" ones the apps check with their own state, so any report can show
the Dutch text and retourcode of a code.

Each rule is a small function registered with :func:`~.engine.rule` for the messages it
applies to; ``README.md`` beside this module records the interpretations made where the standard
leaves room.
"""

from __future__ import annotations

from jeugdketen.ijw.report import Issue

from . import common, declaratie, levering, toewijzing  # noqa: F401  (registers the rules)
from .engine import REGISTRY, run
from .registry import BERICHT, BERICHTOVERSTIJGEND, EXTERNE_BRON, RULES, RuleInfo

#: The version of the official iJw 3.2 rule stylesheet (``alle-regels-jw-3.2.xsl``) whose
#: verdicts these rules give, rule for rule and location for location; the differential tests
#: (``tests/ijw/test_differential.py``) hold them to it and read this version from the
#: stylesheet itself. Retour messages carry it as XsltVersie.
XSLT_VERSIE = "2.10.5"

#: (rule, message) pairs the registry lists but that are decided by a more specific rule here.
COVERED_ELSEWHERE: dict[tuple[str, str], str] = {}

#: Rules the official rule stylesheet applies to every element of a name, in whichever message it
#: occurs (retour messages too), beyond the messages the standard lists for them. jeugdketen.ijw
#: does the same, so that its verdicts are the official ones.
CHECKED_BY_ELEMENT_NAME = frozenset({"CD005", "CD007", "CD025", "CS002", "CS050", "CS089", "CS139", "TR002"})

#: (rule, message) pairs the official stylesheet checks beyond the standard's list otherwise:
#: TR101 on repeated Antwoord and Woonplaatsbeginsel in JW319.
ALSO_CHECKED: frozenset[tuple[str, str]] = frozenset({("TR101", "JW319")})


def check_rules(message_code: str, root) -> list[Issue]:
    """All content-rule issues of one structurally valid message, in rule registration order."""
    return run(message_code, root)


def implemented() -> dict[str, tuple[str, ...]]:
    """Rule code -> the messages for which it is checked here."""
    result: dict[str, list[str]] = {}
    for message, functions in REGISTRY.items():
        for function in functions:
            messages = result.setdefault(function.rule_code, [])
            if message not in messages:
                messages.append(message)
    return {code: tuple(sorted(messages)) for code, messages in sorted(result.items())}


__all__ = [
    "ALSO_CHECKED",
    "BERICHT",
    "CHECKED_BY_ELEMENT_NAME",
    "BERICHTOVERSTIJGEND",
    "COVERED_ELSEWHERE",
    "EXTERNE_BRON",
    "RULES",
    "Issue",
    "XSLT_VERSIE",
    "RuleInfo",
    "check_rules",
    "implemented",
]
