"""The rows the allocation checks read, read once per batch (:mod:`jeugdketen.core.batch`).

Outside :func:`remembered` every check asks the database, as the screens, the API and the
message handlers need. Inside it, for a batch during which no contract, client stop or
exemption changes (the demo's bulk writing of thousands of allocations), each provider's
rows are read once and the checks apply the same conditions to them in memory, with the
edges below.
"""

from __future__ import annotations

from jeugdketen.core.batch import remembered, rows

__all__ = ["for_product", "on", "remembered", "rows"]


def on(row, day) -> bool:
    """Whether a row with a start and an open or later end holds on `day` (the checks' SQL)."""
    return row.start <= day and (row.end is None or row.end >= day)


def for_product(row, product) -> bool:
    """A row for every product (none named) or for this one."""
    return product is None or row.product_id is None or row.product_id == product.pk
