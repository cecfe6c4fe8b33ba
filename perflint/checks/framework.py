"""Where the indicator framework the profile names puts 成本指标.

* ``cost-placement`` (IND013) — under 财预〔2021〕101号 (profile setting
  ``cost_is_level1``) 成本指标 is a first-level category of its own, with
  经济成本、社会成本、生态环境成本指标 under it; a form that files cost rows as
  a 二级 category under 产出指标 follows the older framework.  Under
  财预〔2015〕88号 (``cost_is_level1`` false) the first level is 产出、效益、
  满意度 only and cost is a 二级 category of 产出; a form with 成本指标 as a
  first-level category follows 101号 (variant ``level1``).

One finding per declaration, at the first such row, with the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from perflint.checks.analysis.values import category
from perflint.checks.base import Context, Hit, Kind, kind, schema
from perflint.domain.model import Declaration

COST = "成本指标"
OUTPUT = "产出指标"


@kind
class CostPlacement(Kind):
    name = "cost-placement"
    description = {
        "zh": "成本指标的位置须符合档案的指标框架：101号单列为一级指标，88号在产出指标之下。",
        "en": "Cost indicators sit where the profile's framework puts them: a first-level category (101号) or under output (88号).",
    }
    params_schema = schema(cost_is_level1={"type": "boolean"})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        level1_framework = bool(ctx.setting(params, "cost_is_level1", False))
        rows: list[int] = []
        for i, ind in enumerate(decl.indicators):
            cat = category(ind)
            # 101号: cost filed under output; 88号: cost as a first-level category
            misplaced = cat.level1 == OUTPUT and cat.level2 == COST if level1_framework else cat.level1 == COST
            if misplaced:
                rows.append(i)
        if not rows:
            return
        first = rows[0]
        column = "level2" if level1_framework else "level1"
        written = getattr(decl.indicators[first], column) or COST
        yield Hit(
            f"/indicators/{first}/{column}",
            {"count": len(rows), "row": first + 1, "label": written.strip()},
            variant=None if level1_framework else "level1",
            suggest=True,
        )
