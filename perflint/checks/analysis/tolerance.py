"""The tolerance within which two amounts in 万元 agree: one reading of the
``amount_tolerance_wan`` setting for every family that compares amounts (ARI,
CON, COST)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

#: the default when the setting is absent or unreadable
DEFAULT_TOLERANCE_WAN = Decimal("0.01")


def amount_tolerance(setting: object) -> Decimal:
    """``setting`` (the rule's ``amount_tolerance_wan``, else the shared one) as a
    non-negative :class:`~decimal.Decimal`: absent or unreadable gives 0.01, a
    negative one counts by its size."""
    if setting is None or isinstance(setting, bool):
        return DEFAULT_TOLERANCE_WAN
    try:
        value = abs(Decimal(str(setting)))
    except InvalidOperation:
        return DEFAULT_TOLERANCE_WAN
    return value if value.is_finite() else DEFAULT_TOLERANCE_WAN
