"""A tiny, self-contained rule pack and kinds for the engine/config/CLI tests.

The tests must not depend on the built-in kinds and rules, which change as the
catalog grows; these kinds are registered through the same API a plugin uses.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from perflint.catalog import Catalog
from perflint.checks.base import Hit, Kind
from perflint.domain.findings import Severity


class FieldEmpty(Kind):
    name = "tiny-field-empty"
    params_schema = {
        "type": "object",
        "properties": {"field": {"type": "string"}},
        "required": ["field"],
        "additionalProperties": False,
    }

    def check(self, decl, params, ctx):
        value = getattr(decl, params["field"])
        if value is None or value == "":
            yield Hit(f"/{params['field']}", {"field": params["field"]}, suggest=True)


class ValueMissing(Kind):
    name = "tiny-value-missing"
    params_schema = {
        "type": "object",
        "properties": {"soft_prefix": {"type": "string"}},
        "additionalProperties": False,
    }

    def check(self, decl, params, ctx):
        soft = ctx.setting(params, "soft_prefix", "~")
        for i, row in enumerate(decl.indicators):
            if row.content and not row.value:
                sev = Severity.INFO if row.content.startswith(soft) else None
                yield Hit(
                    f"/indicators/{i}/value", {"content": row.content, "levels": [row.level1, row.level2]}, severity=sev
                )


class Crash(Kind):
    name = "tiny-crash"

    def check(self, decl, params, ctx):
        if decl.name and "boom" in decl.name:
            raise RuntimeError("kaboom")
        return []


class DuplicateNames(Kind):
    name = "tiny-duplicate-names"
    scope = "bundle"

    def check_bundle(self, decls, params, ctx):
        seen: dict[str, int] = {}
        for i, d in enumerate(decls):
            if d.name in seen:
                yield Hit("/name", {"name": d.name, "first": seen[d.name] + 1}, declaration=i)
            elif d.name:
                seen[d.name] = i


class Today(Kind):
    name = "tiny-today"

    def check(self, decl, params, ctx):
        if decl.name == "today?":
            yield Hit(
                "/name",
                {"today": ctx.today, "profile": ctx.profile, "min": ctx.settings.get("satisfaction_min_percent")},
            )


KINDS = [FieldEmpty, ValueMissing, Crash, DuplicateNames, Today]


def _doc(summary: str) -> str:
    return textwrap.dedent(f'''
        [doc.zh]
        summary = "{summary}（中文）"
        what = "测试规则。"
        why = "测试。"

        [doc.en]
        summary = "{summary}"
        what = "A test rule."
        why = "Testing."
    ''')


RULES = {
    "core/name-empty.toml": """
        code = "TST001"
        name = "name-empty"
        kind = "tiny-field-empty"
        severity = "error"
        aspect = "completeness"
        aliases = ["TST-001"]

        [params]
        field = "name"

        [message]
        zh = "字段「{field}」为空。"
        en = "field “{field}” is empty."

        [suggestion]
        zh = "填写「{field}」。"
        en = "Fill in “{field}”."
    """
    + _doc("Name is empty")
    + """
        [[examples]]
        case = "bad"
        declaration = { form_type = "专项资金", name = "" }

        [[examples]]
        case = "good"
        declaration = { form_type = "专项资金", name = "示例" }
    """,
    "core/value-missing.toml": """
        code = "TST002"
        name = "value-missing"
        kind = "tiny-value-missing"
        severity = "warning"
        aspect = "relevance"
        aliases = ["old-value-missing", "TST-002"]

        [message]
        zh = "指标「{content}」没有指标值（{levels}）。"
        en = "indicator “{content}” has no value ({levels})."
    """
    + _doc("Value missing")
    + """
        [[examples]]
        case = "bad"
        count = 2
        declaration = { name = "x", indicators = [ { content = "a", value = "" }, { content = "b", value = "" } ] }

        [[examples]]
        case = "good"
        declaration = { name = "x", indicators = [ { content = "a", value = "1次" } ] }
    """,
    "core/crash.toml": """
        code = "TST003"
        name = "crash"
        kind = "tiny-crash"
        severity = "info"
        aspect = "feasibility"

        [message]
        zh = "不会出现。"
        en = "never shown."
    """
    + _doc("Crashes")
    + """
        [[examples]]
        case = "good"
        declaration = { name = "x" }
    """,
    "cross/duplicate-names.toml": """
        code = "XT001"
        name = "duplicate-names"
        kind = "tiny-duplicate-names"
        severity = "error"
        aspect = "appropriateness"

        [message]
        zh = "名称「{name}」与第 {first} 份重复。"
        en = "name “{name}” repeats declaration {first}."
    """
    + _doc("Duplicate names")
    + """
        [[examples]]
        case = "bad"
        bundle = [ { name = "甲" }, { name = "甲" } ]

        [[examples]]
        case = "good"
        bundle = [ { name = "甲" }, { name = "乙" } ]
    """,
    "core/today-echo.toml": """
        code = "TST010"
        name = "today-echo"
        kind = "tiny-today"
        severity = "info"
        aspect = "feasibility"
        profiles = ["cn-2021"]

        [message]
        zh = "今天 {today}，方案 {profile}，满意度下限 {min}。"
        en = "today {today}, profile {profile}, satisfaction minimum {min}."
    """
    + _doc("Echo")
    + """
        [[examples]]
        case = "bad"
        profile = "cn-2021"
        declaration = { name = "today?" }

        [[examples]]
        case = "good"
        profile = "cn-2021"
        declaration = { name = "x" }
    """,
    "internal/internal-error.toml": """
        code = "PL001"
        name = "internal-error"
        kind = "internal"
        severity = "error"
        aspect = "completeness"

        [message]
        zh = "规则 {rule} 出错：{error}"
        en = "rule {rule} crashed: {error}"
    """
    + _doc("Internal error")
    + """
        [[examples]]
        case = "good"
        declaration = { name = "x" }
    """,
    "input/unreadable-file.toml": """
        code = "INP001"
        name = "unreadable-file"
        kind = "input"
        severity = "error"
        aspect = "completeness"

        [message]
        zh = "无法读取：{reason}"
        en = "cannot read: {reason}"
    """
    + _doc("Unreadable")
    + """
        [[examples]]
        case = "bad"
        path = "does/not/exist.txt"

        [[examples]]
        case = "good"
        text = "专项资金绩效目标申报表\\n（2019年度）\\n\\t专项名称\\n\\t示例专项\\n"
    """,
    "profiles/hunan-2019.toml": """
        name = "hunan-2019"
        title = { zh = "测试默认", en = "test default" }
        description = { zh = "测试。", en = "Test." }
    """,
    "profiles/cn-2021.toml": """
        name = "cn-2021"
        title = { zh = "测试 2021", en = "test 2021" }
        description = { zh = "测试。", en = "Test." }
        ignore = ["crash"]

        [severity]
        TST002 = "error"

        [settings]
        satisfaction_min_percent = 90
    """,
    "settings.toml": """
        [settings]
        satisfaction_min_percent = 85
        placeholders = ["/", "无"]
        soft_prefix = "~"
    """,
}


def write_pack(root: Path, files: dict[str, str] | None = None) -> Path:
    pack = root / "pack"
    for rel, body in (files if files is not None else RULES).items():
        path = pack / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip(), "utf-8")
    return pack


def load(root: Path, files: dict[str, str] | None = None, kinds=None) -> Catalog:
    return Catalog.load(packs=[write_pack(root, files)], kind_classes=list(kinds or KINDS))


FORM = """专项资金绩效目标申报表
（2019年度）
\t专项名称
\t{name}
\t部门名称
\t示例中心
\t填报人
\t张三
"""
