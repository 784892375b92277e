"""Personal data helpers (AVG): BSN validation and masking.

A BSN is valid when it has nine digits and passes the elfproef: the weighted sum with
weights 9..2 for the first eight digits and -1 for the last is divisible by 11 (and not 0).
"""

from __future__ import annotations

import re

_BSN_LIKE = re.compile(r"(?<!\d)\d{9}(?!\d)")


def is_valid_bsn(value: str) -> bool:
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(digit) * weight for digit, weight in zip(value, weights, strict=True))
    return total != 0 and total % 11 == 0


def mask_bsn(value: str) -> str:
    """Shows only the last three digits, as lists and logs may."""
    if not value:
        return ""
    return "*" * max(len(value) - 3, 0) + value[-3:]


def mask_bsns(text: str) -> str:
    """Masks every nine-digit run that is a valid BSN."""
    return _BSN_LIKE.sub(lambda m: mask_bsn(m.group()) if is_valid_bsn(m.group()) else m.group(), text)


def mask_name(value: str) -> str:
    return value[:1] + "." if value else ""
