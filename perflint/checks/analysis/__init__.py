"""What the check kinds share, so that no kind imports another.

:mod:`.values` (what a value says: quantities, comparators, percentages,
categories of indicator rows), :mod:`.money` (the amounts and their
equations), :mod:`.dates` (dates and periods), :mod:`.words` and
:mod:`.segment` (word segmentation) and :mod:`.rows` (the per-declaration
analysis computed once and read by every rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from perflint.domain.model import Declaration


class CheckContext(Protocol):
    """What an analysis may read of :class:`perflint.checks.base.Context`."""

    settings: Mapping[str, Any]
    bundle: list[Declaration]
    index: int
    profile: str
    today: str

    def setting(self, params: dict[str, Any], name: str, default: Any = None) -> Any: ...
