"""User-interface strings of the reporters, in Chinese (default) and English.

Rule messages live in the rule TOML files; this table holds everything else a
reporter prints: headings, column names, severity and grade names, the
consequence each review grade carries, labels of the declaration's fields.
Code never hard-codes a user-visible sentence: it asks :func:`t`.
"""

from __future__ import annotations

import string
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, dict[str, str]] = {
    # -- severities, grades, aspects ------------------------------------------
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "grade.优": {"zh": "优", "en": "excellent"},
    "grade.良": {"zh": "良", "en": "good"},
    "grade.中": {"zh": "中", "en": "fair"},
    "grade.差": {"zh": "差", "en": "poor"},
    "grade.none": {"zh": "未评级", "en": "not graded"},
    "consequence.优": {
        "zh": "直接进入下一步预算安排流程",
        "en": "proceeds directly to the next budget step",
    },
    "consequence.良": {
        "zh": "与单位沟通完善后进入下一步预算安排流程",
        "en": "proceeds to the next budget step after finance and the unit refine the targets together",
    },
    "consequence.中": {
        "zh": "退回单位修改后重新报送审核",
        "en": "is returned to the unit to revise and resubmit for review",
    },
    "consequence.差": {
        "zh": "不得进入下一步预算安排流程",
        "en": "may not enter the next budget step",
    },
    "aspect.completeness": {"zh": "完整性", "en": "completeness"},
    "aspect.relevance": {"zh": "相关性", "en": "relevance"},
    "aspect.appropriateness": {"zh": "适当性", "en": "appropriateness"},
    "aspect.feasibility": {"zh": "可行性", "en": "feasibility"},
    "form.项目支出": {"zh": "项目支出", "en": "project expenditure"},
    "form.专项资金": {"zh": "专项资金", "en": "special fund"},
    "form.部门整体支出": {"zh": "部门整体支出", "en": "department-wide expenditure"},
    "form.unknown": {"zh": "未识别表式", "en": "unrecognised form"},
    # -- common words ------------------------------------------------------------
    "word.declarations": {"zh": "申报表", "en": "declarations"},
    "word.findings": {"zh": "问题", "en": "findings"},
    "word.total": {"zh": "合计", "en": "total"},
    "word.year": {"zh": "{year}年度", "en": "{year}"},
    "word.suggestion": {"zh": "建议", "en": "suggestion"},
    "word.grade": {"zh": "等级", "en": "grade"},
    "word.score": {"zh": "得分", "en": "score"},
    "word.unknown": {"zh": "未填写", "en": "not given"},
    "word.sep": {"zh": "，", "en": ", "},
    "word.colon": {"zh": "：", "en": ": "},
    # -- column names --------------------------------------------------------------
    "col.path": {"zh": "文件", "en": "path"},
    "col.line": {"zh": "行", "en": "line"},
    "col.column": {"zh": "列", "en": "column"},
    "col.end_line": {"zh": "结束行", "en": "end line"},
    "col.end_column": {"zh": "结束列", "en": "end column"},
    "col.declaration": {"zh": "申报表序号", "en": "declaration"},
    "col.declaration_name": {"zh": "申报表名称", "en": "declaration name"},
    "col.grade": {"zh": "等级", "en": "grade"},
    "col.code": {"zh": "规则代码", "en": "code"},
    "col.name": {"zh": "规则名称", "en": "rule"},
    "col.severity": {"zh": "级别", "en": "severity"},
    "col.aspect": {"zh": "审核方面", "en": "aspect"},
    "col.pointer": {"zh": "字段指针", "en": "pointer"},
    "col.field": {"zh": "字段", "en": "field"},
    "col.message": {"zh": "问题说明", "en": "message"},
    "col.suggestion": {"zh": "修改建议", "en": "suggestion"},
    "col.quote": {"zh": "原文", "en": "quoted text"},
    "col.fingerprint": {"zh": "指纹", "en": "fingerprint"},
    "col.note": {"zh": "读取说明", "en": "reading note"},
    "col.count": {"zh": "数量", "en": "count"},
    "col.summary": {"zh": "说明", "en": "summary"},
    "col.why": {"zh": "依据", "en": "why"},
    "col.unit": {"zh": "单位", "en": "unit"},
    "col.form_type": {"zh": "表式", "en": "form"},
    "col.total": {"zh": "资金总额", "en": "total funds"},
    # -- terminal ----------------------------------------------------------------
    "term.summary": {"zh": "汇总", "en": "Summary"},
    "term.by_severity": {"zh": "按级别", "en": "By severity"},
    "term.by_rule": {"zh": "按规则", "en": "By rule"},
    "term.files": {"zh": "文件 {n} 个", "en": "{n} file(s)"},
    "term.declarations": {"zh": "申报表 {n} 份", "en": "{n} declaration(s)"},
    "term.unreadable": {"zh": "无法读取 {n} 个", "en": "{n} unreadable"},
    "term.suppressed": {"zh": "已忽略 {n} 条", "en": "{n} suppressed"},
    "term.location": {"zh": "位置：", "en": "where: "},
    "term.skipped_json": {
        "zh": "跳过 {n} 个非申报表 JSON 文件",
        "en": "{n} JSON file(s) that are not declarations skipped",
    },
    "term.baseline": {
        "zh": "基线中已有 {n} 条未报告，基线中 {fixed} 条已修复",
        "en": "{n} in the baseline not reported, {fixed} baseline finding(s) fixed",
    },
    "term.found": {
        "zh": "共 {n} 条问题（错误 {error}，警告 {warning}，提示 {info}）",
        "en": "{n} finding(s) ({error} error(s), {warning} warning(s), {info} info)",
    },
    "term.clean": {"zh": "未发现问题", "en": "No findings"},
    "term.grade_line": {
        "zh": "等级：{grade}（{score} 分）— {consequence}",
        "en": "Grade: {grade} (score {score}) — {consequence}",
    },
    "term.grade_line_bare": {"zh": "等级：{grade}（{score} 分）", "en": "Grade: {grade} (score {score})"},
    "term.ungraded_line": {"zh": "等级：未评级 — {reason}", "en": "Grade: not graded — {reason}"},
    "term.notes": {"zh": "读取说明（不计入等级）：", "en": "Reading notes (not counted in the grade):"},
    "ungraded.indicators-partial": {
        "zh": "绩效指标表未能完整读取（文本在表中截断或版式未能识别），无法公平评级",
        "en": "the indicator table was not read in full (the text stops inside it, or its layout was not understood), so no fair grade can be given",
    },
    "ungraded.indicators-unreliable": {
        "zh": "绩效指标表的多数行未能可靠读取，perflint 没有对这些行下结论，无法公平评级",
        "en": "most rows of the indicator table could not be read reliably and perflint judged none of them, so no fair grade can be given",
    },
    "ungraded.indicators-unread": {
        "zh": "没有读到绩效指标表，无法评级",
        "en": "the indicator table could not be read, so no grade can be given",
    },
    "ungraded.notice": {
        "zh": "通知或公示中的目标表，只检查指标，不评级",
        "en": "a target table in a notice: its indicators are checked, it is not graded",
    },
    "ungraded.self-evaluation": {"zh": "自评表，不是申报表", "en": "a self-evaluation, not a declaration"},
    "ungraded.template": {"zh": "空白或示例模板，不是申报表", "en": "a blank or sample template, not a declaration"},
    "ungraded.other": {"zh": "不是绩效目标申报表", "en": "not a performance-target declaration"},
    "kind.declaration": {"zh": "申报表", "en": "declaration"},
    "col.document_kind": {"zh": "文件类别", "en": "document kind"},
    "html.notes": {"zh": "读取说明（不计入等级）", "en": "Reading notes (not counted in the grade)"},
    "kind.approval": {"zh": "批复（下达）的目标表", "en": "approved target table"},
    "kind.self-evaluation": {"zh": "自评表", "en": "self-evaluation"},
    "kind.notice": {"zh": "通知或公示", "en": "notice"},
    "kind.template": {"zh": "模板", "en": "template"},
    "kind.other": {"zh": "其他文件", "en": "other document"},
    "term.continues": {"zh": " 续至第 {line} 行", "en": " continues to line {line}"},
    "term.plugin_failed": {
        "zh": "插件加载失败：{name}（{group}）：{error}",
        "en": "plugin failed to load: {name} ({group}): {error}",
    },
    "term.progress": {"zh": "检查中", "en": "Checking"},
    "term.unreadable_file": {"zh": "文件无法读取", "en": "file could not be read"},
    # -- HTML report ---------------------------------------------------------------
    "html.title": {"zh": "绩效目标审核报告", "en": "Performance-target review report"},
    "html.generated_by": {"zh": "由 perflint {version} 生成", "en": "Generated by perflint {version}"},
    "html.profile": {"zh": "审核规则集：{profile}", "en": "Profile: {profile}"},
    "html.overview": {"zh": "总览", "en": "Overview"},
    "html.contents": {"zh": "目录", "en": "Contents"},
    "html.grade_distribution": {"zh": "等级分布", "en": "Grade distribution"},
    "html.ungraded_count": {
        "zh": "另有 {n} 份未评级（绩效指标表未能可靠读取，或不是申报表），原因见各份的等级说明。",
        "en": "{n} more not graded (the indicator table could not be read reliably, or not a declaration): see each one's grade line for why.",
    },
    "html.findings_by_severity": {"zh": "问题级别分布", "en": "Findings by severity"},
    "html.findings_by_rule": {"zh": "按规则统计", "en": "Findings by rule"},
    "html.aspects": {"zh": "审核方面", "en": "Review aspects"},
    "html.findings": {"zh": "问题清单", "en": "Findings"},
    "html.no_findings": {"zh": "未发现问题。", "en": "No findings."},
    "html.opinion": {"zh": "审核意见（草稿）", "en": "Review opinion (draft)"},
    "html.glossary": {"zh": "规则说明", "en": "Rules used"},
    "html.file_findings": {"zh": "文件级问题", "en": "File-level findings"},
    "html.card.files": {"zh": "文件", "en": "files"},
    "html.card.unreadable": {"zh": "无法读取", "en": "unreadable"},
    "html.card.suppressed": {"zh": "已忽略", "en": "suppressed"},
    "html.plugin_errors": {
        "zh": "加载失败的插件（其规则未运行）",
        "en": "Plugins that failed to load (their rules did not run)",
    },
    "html.quote_cut": {"zh": "…（共 {n} 字）", "en": "… ({n} characters in all)"},
    "html.rule": {"zh": "级别与规则", "en": "severity and rule"},
    "html.field_quote": {"zh": "字段与原文", "en": "field and quoted text"},
    "html.message_suggestion": {"zh": "问题说明与修改建议", "en": "message and suggestion"},
    "html.suggestion": {"zh": "建议：", "en": "Suggestion: "},
    "html.same_suggestion": {"zh": "同第 {n} 条。", "en": "as for #{n}."},
    "html.source_line": {"zh": "原文第 {n} 行", "en": "line {n}"},
    "html.fonts": {
        "zh": "本报告用系统中的中文字体显示和打印（苹方、微软雅黑、思源黑体 / Noto Sans CJK、文泉驿）。",
        "en": "This report uses the system's Chinese fonts (PingFang SC, Microsoft YaHei, Source Han Sans / Noto Sans CJK, WenQuanYi).",
    },
    "html.encoding": {"zh": "编码", "en": "encoding"},
    "html.chart_label": {"zh": "各等级申报表数量", "en": "Declarations per grade"},
    "html.disclaimer": {
        "zh": "本报告由程序自动生成，审核意见为草稿，须经审核人员核对后使用。",
        "en": "This report is generated automatically; the review opinions are drafts for a reviewer to check.",
    },
    # -- review opinion -------------------------------------------------------------
    "opinion.heading": {"zh": "【{name}】", "en": "[{name}]"},
    "opinion.identity": {"zh": "（{parts}）", "en": " ({parts})"},
    "opinion.graded": {
        "zh": "经审核，该绩效目标申报表评定为“{grade}”。",
        "en": "On review, this performance-target declaration is graded “{grade}”.",
    },
    "opinion.problems": {"zh": "需修改的问题如下：", "en": "The following must be fixed:"},
    "opinion.item": {"zh": "{n}. {text}", "en": "{n}. {text}"},
    "opinion.no_problems": {
        "zh": "未发现需修改的问题。",
        "en": "No problems requiring changes were found.",
    },
    "opinion.infos": {
        "zh": "另有 {n} 条提示性意见，供单位完善时参考。",
        "en": "There are also {n} advisory note(s) for the unit to consider.",
    },
    "opinion.consequence": {
        "zh": "根据《中央部门预算绩效目标管理办法》（财预〔2015〕88号），审核结果为“{grade}”的，{consequence}。",
        "en": "Under the central-department performance-target measures (Cai Yu [2015] No. 88), "
        "a declaration graded “{grade}” {consequence}.",
    },
    "opinion.file_problem": {
        "zh": "【{path}】文件未能审核：{text}",
        "en": "[{path}] could not be reviewed: {text}",
    },
    "opinion.file_notes": {
        "zh": "【{path}】文件存在以下问题：",
        "en": "[{path}] has the following file-level problems:",
    },
    "opinion.empty": {"zh": "没有可审核的申报表。", "en": "No declarations to review."},
    "opinion.ungraded": {
        "zh": "未评级：{reason}。",
        "en": "Not graded: {reason}.",
    },
    # -- JUnit -------------------------------------------------------------------
    "junit.file_case": {"zh": "（文件）", "en": "(file)"},
    "junit.failures": {"zh": "{n} 条问题，第一条：{first}", "en": "{n} findings; the first: {first}"},
    # -- field labels, by JSON-pointer segment ---------------------------------------
    "section.header": {"zh": "表头（表名、年度）", "en": "header (title, year)"},
    "section.identity": {"zh": "基本信息", "en": "basic information"},
    "section.money": {"zh": "资金", "en": "funds"},
    "section.schedule": {"zh": "实施进度", "en": "schedule"},
    "section.goals": {"zh": "绩效目标", "en": "goals"},
    "section.indicators": {"zh": "绩效指标", "en": "indicators"},
    "section.safeguards": {"zh": "保障措施", "en": "safeguards"},
    "section.review": {"zh": "审核意见", "en": "review"},
    "section.footer": {"zh": "表尾（填报人、日期）", "en": "footer (preparer, date)"},
    "field.form_type": {"zh": "表式", "en": "form type"},
    "field.title": {"zh": "表名", "en": "title"},
    "field.year": {"zh": "年度", "en": "year"},
    "field.year_text": {"zh": "年度", "en": "year"},
    "field.filing_unit": {"zh": "填报单位", "en": "filing unit"},
    "field.name": {"zh": "项目（专项）名称", "en": "name"},
    "field.attribute": {"zh": "项目（专项）属性", "en": "attribute"},
    "field.attribute_text": {"zh": "项目（专项）属性", "en": "attribute"},
    "field.department": {"zh": "部门名称", "en": "department"},
    "field.implementing_unit": {"zh": "实施单位", "en": "implementing unit"},
    "field.money": {"zh": "资金", "en": "funds"},
    "field.money.total": {"zh": "资金总额", "en": "total funds"},
    "field.money.lines": {"zh": "资金明细", "en": "funding line"},
    "field.functions": {"zh": "职能职责概述", "en": "functions"},
    "field.basis": {"zh": "立项依据", "en": "basis"},
    "field.schedule": {"zh": "实施进度计划", "en": "schedule"},
    "field.goals": {"zh": "绩效目标", "en": "goals"},
    "field.goals.long_term": {"zh": "长期绩效目标", "en": "long-term goal"},
    "field.goals.annual": {"zh": "年度绩效目标", "en": "annual goal"},
    "field.goals.overall": {"zh": "整体绩效目标", "en": "overall goal"},
    "field.indicators": {"zh": "绩效指标", "en": "indicators"},
    "field.safeguards": {"zh": "保障措施", "en": "safeguards"},
    "field.reviews": {"zh": "审核意见", "en": "review"},
    "field.preparer": {"zh": "填报人", "en": "preparer"},
    "field.phone": {"zh": "联系电话", "en": "phone"},
    "field.filing_date": {"zh": "填报日期", "en": "filing date"},
    "field.fields": {"zh": "其他字段", "en": "other field"},
    "field.unrecognized": {"zh": "未识别内容", "en": "unrecognised text"},
    # sub-fields of list items
    "sub.level1": {"zh": "一级指标", "en": "level 1"},
    "sub.level2": {"zh": "二级指标", "en": "level 2"},
    "sub.level3": {"zh": "三级指标", "en": "level 3"},
    "sub.content": {"zh": "内容", "en": "content"},
    "sub.value": {"zh": "指标值", "en": "value"},
    "sub.note": {"zh": "备注", "en": "note"},
    "sub.start": {"zh": "开始时间", "en": "start"},
    "sub.end": {"zh": "完成时间", "en": "end"},
    "sub.opinion": {"zh": "意见", "en": "opinion"},
    "sub.date": {"zh": "日期", "en": "date"},
    "sub.amount": {"zh": "金额", "en": "amount"},
    "sub.text": {"zh": "文字", "en": "text"},
    "sub.label": {"zh": "标签", "en": "label"},
    "sub.section": {"zh": "科室", "en": "section"},
    "sub.key": {"zh": "类别", "en": "key"},
    "sub.unit": {"zh": "单位", "en": "unit"},
    "item": {"zh": "第 {n} 行", "en": "row {n}"},
}


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def norm_lang(lang: str | None) -> str:
    """``zh`` unless ``en`` (or a variant such as ``en-US``) is asked for."""
    if lang and lang.lower().split("-")[0].split("_")[0] == "en":
        return "en"
    return DEFAULT_LANG


def has(key: str) -> bool:
    return key in STRINGS


def t(key: str, lang: str = DEFAULT_LANG, **args: Any) -> str:
    """The string ``key`` in ``lang``, with ``{name}`` fields filled.

    An unknown key returns itself, so a missing translation shows up in
    output instead of crashing a report.
    """
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(norm_lang(lang)) or entry[DEFAULT_LANG]
    if not args:
        return text
    try:
        return string.Formatter().vformat(text, (), _Keep(args))
    except (ValueError, IndexError):
        return text


def pointer_label(pointer: str, lang: str) -> str:
    """A reader's name for a JSON pointer: ``/indicators/3/value`` → 绩效指标 第 4 行 · 指标值."""
    if not pointer or pointer == "/":
        return ""
    tokens = [tok.replace("~1", "/").replace("~0", "~") for tok in pointer.lstrip("/").split("/")]
    parts: list[str] = []
    prefix = "field"
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isdigit():
            parts.append(t("item", lang, n=int(tok) + 1))
            prefix = "sub"
        else:
            dotted = f"{prefix}.{tok}"
            if prefix == "field" and parts == [] and i + 1 < len(tokens) and has(f"field.{tok}.{tokens[i + 1]}"):
                parts.append(t(f"field.{tok}.{tokens[i + 1]}", lang))
                i += 2
                prefix = "sub"
                continue
            if has(dotted):
                parts.append(t(dotted, lang))
            elif has(f"sub.{tok}"):
                parts.append(t(f"sub.{tok}", lang))
            else:
                parts.append(tok)
            prefix = "sub"
        i += 1
    return " · ".join(parts)
