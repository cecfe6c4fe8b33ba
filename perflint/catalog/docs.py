"""The rule reference: one Markdown page per rule, generated from its rule file.

``docs/rules/<CODE>.md`` (written by ``scripts/make_rule_docs.py``, kept up to
date by a test) is what SARIF's ``helpUri`` and the HTML report link to: the
summary, what fires, why, the message, the parameters and the examples, in
Chinese and in English.
"""

from __future__ import annotations

import json
from typing import Any

from perflint.catalog.loader import Catalog
from perflint.catalog.rules import Rule
from perflint.i18n import t

_HEAD = {
    "zh": (
        "级别",
        "审核方面",
        "检查类型",
        "配置方案",
        "何时报告",
        "为什么",
        "提示信息",
        "参数",
        "反例",
        "正例",
        "全部",
    ),
    "en": (
        "Severity",
        "Aspect",
        "Kind",
        "Profiles",
        "What fires",
        "Why",
        "Message",
        "Parameters",
        "Bad",
        "Good",
        "all",
    ),
}


def _example_text(data: dict[str, Any]) -> str:
    body = {k: v for k, v in data.items() if k not in ("case", "title", "count")}
    if "text" in body:
        return str(body["text"]).rstrip("\n")
    return json.dumps(body, ensure_ascii=False, indent=2)


def rule_page(catalog: Catalog, rule: Rule) -> str:
    """The Markdown page of ``rule``, both languages."""
    profiles = catalog.rule_profiles(rule)
    out = [f"# {rule.code} {rule.name}", ""]
    for lang in ("zh", "en"):
        (sev, aspect, kind, prof, what, why, message, params, bad, good, every) = _HEAD[lang]
        out += [
            f"## {'中文' if lang == 'zh' else 'English'}",
            "",
            rule.doc_text("summary", lang),
            "",
            f"- {sev}: {t(f'severity.{rule.severity.value}', lang)} · {aspect}: {t(f'aspect.{rule.aspect}', lang)}"
            f" · {kind}: `{rule.kind}` · {prof}: {', '.join(profiles) or every}",
            "",
            f"### {what}",
            "",
            rule.doc_text("what", lang),
            "",
            f"### {why}",
            "",
            rule.doc_text("why", lang),
            "",
            f"### {message}",
            "",
            f"> {rule.message.get(lang) or rule.message.get('zh', '')}",
            "",
        ]
        if rule.params:
            out += [f"### {params}", "", "```toml"]
            out += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(rule.params.items())]
            out += ["```", ""]
        for case, head in (("bad", bad), ("good", good)):
            for example in (e for e in rule.examples if e.case == case):
                out += [f"### {head}", "", "```", _example_text(example.data), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def rule_pages(catalog: Catalog) -> dict[str, str]:
    """File name → page, for every rule of the catalog."""
    return {f"{code}.md": rule_page(catalog, rule) for code, rule in sorted(catalog.rules.items())}
