"""Rows that do not change during a batch, read once per batch.

Outside :func:`remembered` every caller reads the database, as the screens, the API and the
message handlers need. Inside it, for a batch during which no contract, client stop,
exemption, product or tariff changes (the demo writing thousands of allocations, or billing a
year of care), each set of rows is read once under its key and the callers apply their
conditions to it in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("jeugdketen_batch_rows", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def rows(key: tuple, read: Callable[[], object]):
    """The remembered value under `key` (read once); None outside :func:`remembered`."""
    memo = _memo.get()
    if memo is None:
        return None
    if key not in memo:
        memo[key] = read()
    return memo[key]
