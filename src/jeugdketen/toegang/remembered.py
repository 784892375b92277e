"""The rows the allocation checks read, read once per batch.

Outside :func:`remembered` every check asks the database, as the screens, the API and the
message handlers need. Inside it, for a batch during which no contract, client stop or
exemption changes (the demo's bulk writing of thousands of allocations), each provider's
rows are read once and the checks apply the same conditions to them in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("jeugdketen_allocation_rows", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def rows(key: tuple, read: Callable[[], list]) -> list | None:
    """The remembered rows under `key` (read once); None outside :func:`remembered`."""
    memo = _memo.get()
    if memo is None:
        return None
    if key not in memo:
        memo[key] = read()
    return memo[key]


def on(row, day) -> bool:
    """Whether a row with a start and an open or later end holds on `day` (the checks' SQL)."""
    return row.start <= day and (row.end is None or row.end >= day)


def for_product(row, product) -> bool:
    """A row for every product (none named) or for this one."""
    return product is None or row.product_id is None or row.product_id == product.pk
