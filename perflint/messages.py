"""Rendering message templates (named fields, per language)."""

from __future__ import annotations

import string
from typing import Any


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, args: dict[str, Any]) -> str:
    """Fill ``{name}`` fields; unknown fields stay visible instead of failing."""
    formatter = string.Formatter()
    try:
        return formatter.vformat(template, (), _Safe(args))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


# ---------------------------------------------------------------------------
# Messages of the tool itself (configuration, rule packs, CLI), per language.
# Check messages live in the rule TOML files, not here.
# ---------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "pack-missing": {"zh": "规则包目录不存在：{path}", "en": "rule-pack folder not found: {path}"},
    "unknown-key": {"zh": "未知的键「{key}」。", "en": "unknown key “{key}”."},
    "missing-key": {"zh": "缺少必需的键「{key}」。", "en": "required key “{key}” is missing."},
    "bad-value": {
        "zh": "值「{value}」无效，可选：{allowed}。",
        "en": "invalid value “{value}”; expected one of: {allowed}.",
    },
    "schema-error": {"zh": "格式不符：{reason}", "en": "invalid: {reason}"},
    "config-too-deep": {
        "zh": "数组或表嵌套超过 {depth} 层，不是有效的配置。",
        "en": "arrays or tables nested more than {depth} deep: not a valid configuration.",
    },
    "not-finite": {"zh": "数值必须是有限数，不能是 {value}。", "en": "must be a finite number, not {value}."},
    "not-text-encoding": {
        "zh": "「{encoding}」不是文本编码（可用 utf-8、gb18030、gbk、big5 等）。",
        "en": "“{encoding}” is not a text encoding (use utf-8, gb18030, gbk, big5 …).",
    },
    "unreadable": {"zh": "无法读取文件：{reason}", "en": "cannot read the file: {reason}"},
    "toml-syntax": {"zh": "TOML 语法错误：{reason}", "en": "TOML syntax error: {reason}"},
    "duplicate-code": {
        "zh": "规则代码 {code} 重复，已在 {other} 中使用。",
        "en": "rule code {code} is already used by {other}.",
    },
    "duplicate-name": {
        "zh": "名称「{name}」重复，已在 {other} 中使用。",
        "en": "name “{name}” is already used by {other}.",
    },
    "name-not-stem": {
        "zh": "name「{name}」必须与文件名「{stem}」一致。",
        "en": "name “{name}” must equal the file name “{stem}”.",
    },
    "unknown-kind": {"zh": "未知的检查类型（kind）「{kind}」。", "en": "unknown check kind “{kind}”."},
    "kind-from-failed-plugin": {
        "zh": "检查类型「{kind}」不存在（可能来自加载失败的插件）。",
        "en": "check kind “{kind}” does not exist (perhaps from a plugin that failed to load).",
    },
    "example-input": {
        "zh": "示例必须且只能给出 declaration、bundle、text、bytes_hex 之一（现有：{found}）。",
        "en": "an example needs exactly one of declaration, bundle, text, bytes_hex (found: {found}).",
    },
    "example-declaration": {
        "zh": "示例申报表不符合 schemas/declaration.schema.json：{reason}",
        "en": "the example declaration does not follow schemas/declaration.schema.json: {reason}",
    },
    "rule-no-params": {"zh": "规则 {code} 没有可设置的参数。", "en": "rule {code} has no parameters to set."},
    "unknown-profile": {"zh": "未知的配置方案（profile）「{profile}」。", "en": "unknown profile “{profile}”."},
    "unknown-rule": {
        "zh": "「{ref}」不是已知的规则代码、名称、前缀或别名。",
        "en": "“{ref}” is not a known rule code, name, prefix or alias.",
    },
    "unknown-setting": {"zh": "未知的设置项「{key}」。", "en": "unknown setting “{key}”."},
    "setting-type": {"zh": "设置项「{key}」的类型应为 {expected}。", "en": "setting “{key}” must be a {expected}."},
    "bad-settings-arg": {
        "zh": "--settings 需要 KEY=VALUE 形式，得到「{value}」。",
        "en": "--settings takes KEY=VALUE, got “{value}”.",
    },
    "bad-today": {"zh": "日期「{value}」不是 YYYY-MM-DD 格式。", "en": "date “{value}” is not in YYYY-MM-DD form."},
    "no-config-table": {"zh": "文件中没有 [tool.perflint] 表。", "en": "the file has no [tool.perflint] table."},
    "bad-glob": {
        "zh": "per-file-ignores 的键必须是非空的 glob 模式。",
        "en": "per-file-ignores keys must be non-empty glob patterns.",
    },
    "deprecated-rule": {"zh": "规则 {code}（{name}）已弃用。", "en": "rule {code} ({name}) is deprecated."},
    "alias-used": {
        "zh": "「{ref}」是旧名称，请改用 {code}（{name}）。",
        "en": "“{ref}” is an old name; use {code} ({name}).",
    },
    "unknown-format": {"zh": "未知的输出格式「{fmt}」。", "en": "unknown output format “{fmt}”."},
    "bad-report": {
        "zh": "--report 的写法应为 格式:路径（如 sarif:perflint.sarif），收到「{spec}」；可用格式：{formats}。",
        "en": "--report takes FORMAT:PATH (e.g. sarif:perflint.sarif), got “{spec}”; formats: {formats}.",
    },
    "format-unavailable": {
        "zh": "输出格式「{fmt}」暂不可用：{reason}",
        "en": "output format “{fmt}” is not available: {reason}",
    },
    "plugin-failed": {
        "zh": "插件 {group}:{name} 加载失败：{error}",
        "en": "plugin {group}:{name} failed to load: {error}",
    },
    "no-paths": {"zh": "没有给出要检查的文件。", "en": "no files to check."},
    "skipped-json": {
        "zh": "跳过 {n} 个非申报表 JSON 文件（目录中不具申报表结构的 JSON；直接在命令行给出的文件总会检查）。",
        "en": "{n} JSON file(s) in the folders that are not declarations skipped (a file named on the command line is always checked).",
    },
    "baseline-applied": {
        "zh": "基线 {path}：{n} 条已记录的问题未报告，{fixed} 条已修复。",
        "en": "baseline {path}: {n} recorded finding(s) not reported, {fixed} fixed.",
    },
    "baseline-written": {
        "zh": "已将 {n} 条问题写入基线 {path}。",
        "en": "{n} finding(s) written to the baseline {path}.",
    },
    "no-such-path": {"zh": "路径不存在：{path}", "en": "no such file or directory: {path}"},
    "output-is-input": {
        "zh": "输出文件 {path} 是要检查的文件之一，不能覆盖它。",
        "en": "the output file {path} is one of the files to check; it will not be overwritten.",
    },
    "output-twice": {
        "zh": "两个输出写到同一个文件 {path}，后一个会覆盖前一个。",
        "en": "two outputs are written to the same file {path}; the second would overwrite the first.",
    },
    "terminated": {
        "zh": "已中止：收到终止信号（{signal}），未写出报告，临时文件已删除。",
        "en": "stopped: terminated by {signal}; no report was written and temporary files were removed.",
    },
    "no-files": {
        "zh": "没有找到要检查的文件（.txt、.text、.json、.jsonl、.ndjson）。",
        "en": "no files to check were found (.txt, .text, .json, .jsonl, .ndjson).",
    },
    "path-missing": {"zh": "路径不存在：{path}", "en": "no such file or directory: {path}"},
    "unknown-rule-explain": {"zh": "没有规则「{ref}」。", "en": "no rule “{ref}”."},
    "internal": {"zh": "内部错误：{error}", "en": "internal error: {error}"},
    "output-failed": {"zh": "无法写入输出文件：{reason}", "en": "cannot write the output file: {reason}"},
    "cache-unwritable": {
        "zh": "结果缓存无法写入，本次未缓存：{reason}",
        "en": "the result cache cannot be written, nothing was cached: {reason}",
    },
    "cache-cleaned": {
        "zh": "已删除缓存 {path}（{files} 个文件，{size}）",
        "en": "removed the cache {path} ({files} files, {size})",
    },
    "cache-absent": {"zh": "没有缓存：{path}", "en": "no cache at {path}"},
    "cache-not-ours": {
        "zh": "{path} 不是 perflint 的缓存目录（其中没有 perflint 写入的文件），未删除",
        "en": "{path} is not a perflint cache (it holds nothing perflint wrote); nothing was removed",
    },
    "problems-more": {
        "zh": "……另有 {more} 条同类问题未列出（共 {total} 条）",
        "en": "… and {more} more of the same not listed ({total} in all)",
    },
    "config-error": {"zh": "配置错误", "en": "configuration error"},
    "catalog-error": {"zh": "规则包错误", "en": "rule pack error"},
    "hint": {"zh": "是否想写「{hint}」？", "en": "did you mean “{hint}”?"},
    # `perflint rules` / `explain` headings
    "h-code": {"zh": "代码", "en": "Code"},
    "h-name": {"zh": "名称", "en": "Name"},
    "h-severity": {"zh": "级别", "en": "Severity"},
    "h-aspect": {"zh": "审核方面", "en": "Aspect"},
    "h-profiles": {"zh": "配置方案", "en": "Profiles"},
    "h-summary": {"zh": "概述", "en": "Summary"},
    "h-what": {"zh": "检查内容", "en": "What it checks"},
    "h-why": {"zh": "为什么", "en": "Why"},
    "h-params": {"zh": "参数", "en": "Parameters"},
    "h-bad": {"zh": "反例", "en": "Bad example"},
    "h-good": {"zh": "正例", "en": "Good example"},
    "h-kind": {"zh": "检查类型", "en": "Kind"},
    "h-status": {"zh": "状态", "en": "Status"},
    "h-aliases": {"zh": "别名", "en": "Aliases"},
    "h-message": {"zh": "提示信息", "en": "Message"},
    "h-none": {"zh": "（无）", "en": "(none)"},
    "rules-title": {"zh": "规则目录", "en": "Rule catalog"},
}


def t(msg_id: str, /, hint: str | None = None, **args: Any) -> dict[str, str]:
    """A tool message in every language; ``hint`` appends a did-you-mean."""
    entry = MESSAGES[msg_id]
    out = {}
    for lang, template in entry.items():
        text = render(template, args)
        if hint:
            sep = "" if lang == "zh" else " "
            text = f"{text}{sep}{render(MESSAGES['hint'][lang], {'hint': hint})}"
        out[lang] = text
    return out


def tr(msg_id: str, /, lang: str = "zh", **args: Any) -> str:
    """One tool message in ``lang`` (Chinese when the language is unknown)."""
    msgs = t(msg_id, **args)
    return msgs.get(lang) or msgs["zh"]
