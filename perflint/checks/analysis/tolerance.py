"""The tolerance within which two amounts in 万元 agree: one reading of the
``amount_tolerance_wan`` setting for every family that compares amounts (ARI,
CON, COST)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: the default when the setting is absent or unreadable
DEFAULT_TOLERANCE_WAN = Decimal("0.01")


def amount_tolerance(setting: object) -> Decimal:
    """``setting`` (the rule's ``amount_tolerance_wan``, else the shared one) as a
    non-negative :class:`~decimal.Decimal`: absent or unreadable gives 0.01, a
    negative one counts by its size."""
    if setting is None or isinstance(setting, bool):
        return DEFAULT_TOLERANCE_WAN
    if type(setting) in (str, int, float):
        # several rules ask for every declaration with the same setting: read each once
        # (typed, so 1 and 1.0 stay apart: they print differently)
        return _read(setting)
    return _read.__wrapped__(setting)


@lru_cache(maxsize=64, typed=True)
def _read(setting: object) -> Decimal:
    try:
        value = abs(Decimal(str(setting)))
    except InvalidOperation:
        return DEFAULT_TOLERANCE_WAN
    return value if value.is_finite() else DEFAULT_TOLERANCE_WAN
