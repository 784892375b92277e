"""Placeholder for the message-content rules (TR/CD/CS); the rules engineer replaces this file."""

from __future__ import annotations

from collections.abc import Iterable

from ..report import Issue


def check_rules(message_code: str, root) -> Iterable[Issue]:
    """No rules yet: every message passes."""
    return []
