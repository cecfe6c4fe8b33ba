"""A hand-built RunResult that exercises every reporter path.

Two readable files (three declarations) and one unreadable file; findings of
every severity; CJK text with double-width characters; a finding without a
span; an input error with no declaration; text carrying ``<script>``, quotes,
``::``, newlines, ``%`` and a leading ``=`` (CSV injection).  All text is
made up for the tests.
"""

from __future__ import annotations

from perflint.domain.findings import Aspect, Finding, Severity
from perflint.domain.model import Span
from perflint.domain.result import DeclarationReport, FileReport, RuleInfo, RunResult

ALPHA = "samples/alpha.txt"
BETA = "samples/beta.txt"
MISSING = "samples/missing.json"

ALPHA_LINES = [
    "专项资金绩效目标申报表",
    "（ 2019年度）",
    "\t专项名称",
    "\t社区图书室运行维护　",
    "\t资金总额（万元）",
    "\t120",
    "\t产出指标\t时效指标\t借阅服务更加及时\t提高服务效率",
    "\t满意度指标\t读者较满意\t90%以上",
    '\t社会效益指标\t<script>alert("x")</script> 让读者 "满意" :: 100% 达成',
    "部门整体支出绩效目标申报表",
    "\t部门名称",
    "\t示例县文化馆",
    "\t预预算科",
]

BETA_LINES = [
    "项目支出绩效目标申报表",
    "（2020年度）",
    '\t项目名称\t=HYPERLINK("x")乡村道路养护',
    "\t数量指标\t养护里程\t≥35公里",
]


def _at(lines: list[str], line: int, text: str, length: int | None = None) -> Span:
    """The span of ``text`` on ``line`` (1-based, end column exclusive, in characters)."""
    col = lines[line - 1].index(text) + 1
    return Span(line, col, line, col + (len(text) if length is None else length))


def _f(code: str, name: str, sev: Severity, path: str, zh: str, en: str, **kw) -> Finding:
    return Finding(code=code, name=name, severity=sev, path=path, message={"zh": zh, "en": en}, **kw)


RULES = {
    "IND002": RuleInfo(
        "IND002",
        "required-level2",
        Severity.ERROR,
        "completeness",
        {"zh": "产出指标缺少必备的二级指标。", "en": "An output block lacks a required level-2 category."},
        {
            "zh": "数量、质量、时效是产出的基本维度。",
            "en": "Quantity, quality and timeliness are the basic output dimensions.",
        },
        family="indicators",
    ),
    "VAL002": RuleInfo(
        "VAL002",
        "not-measurable",
        Severity.ERROR,
        "relevance",
        {"zh": "指标值不可衡量。", "en": "The target value is not measurable."},
        {"zh": "年终无法据此评价是否完成。", "en": "It cannot be scored at year end."},
        help_uri="https://example.org/rules/VAL002",
    ),
    "VAL003": RuleInfo(
        "VAL003",
        "vague-terms",
        Severity.WARNING,
        "relevance",
        {"zh": "指标值含模糊用语。", "en": "The value uses vague wording."},
        {"zh": "模糊词无法考核。", "en": "Vague words cannot be assessed."},
    ),
    "SAT004": RuleInfo(
        "SAT004",
        "satisfaction-subject",
        Severity.WARNING,
        "relevance",
        {"zh": "满意度指标未写明调查对象。", "en": "The satisfaction indicator names no surveyed group."},
        {"zh": "满意度须说明是谁的满意度。", "en": "Satisfaction must say whose."},
    ),
    "PH004": RuleInfo(
        "PH004",
        "na-without-justification",
        Severity.INFO,
        "completeness",
        {"zh": "可选指标标为“/”但未说明理由。", "en": "An optional category is marked “/” with no reason."},
        {"zh": "说明不适用的理由便于审核。", "en": "A reason helps the reviewer."},
    ),
    "TXT001": RuleInfo(
        "TXT001",
        "duplicated-char",
        Severity.WARNING,
        "completeness",
        {"zh": "相邻重复汉字。", "en": "A doubled CJK character."},
        {"zh": "多为录入错误。", "en": "Usually a typing slip."},
    ),
    "TXT003": RuleInfo(
        "TXT003",
        "punctuation-whitespace",
        Severity.INFO,
        "completeness",
        {"zh": "标点或空白不规范：`*` 与 [链接](x)。", "en": "Punctuation or whitespace slip: `*` and [link](x)."},
        {"zh": "影响阅读。", "en": "It hampers reading."},
    ),
    "BUD007": RuleInfo(
        "BUD007",
        "projects-vs-dept",
        Severity.INFO,
        "appropriateness",
        {"zh": "专项资金合计与部门项目支出不一致。", "en": "Project totals differ from department project spending."},
        {"zh": "检查资金是否有遗漏。", "en": "Check for uncovered funds."},
    ),
    "INP001": RuleInfo(
        "INP001",
        "unreadable-file",
        Severity.ERROR,
        "completeness",
        {"zh": "文件不存在或无法打开。", "en": "The file does not exist or cannot be opened."},
        {"zh": "无法读取的申报表不会被审核。", "en": "An unreadable declaration is never reviewed."},
    ),
    "INP002": RuleInfo(
        "INP002",
        "undecodable-bytes",
        Severity.WARNING,
        "completeness",
        {"zh": "文件含无法解码的字节。", "en": "The file has bytes that do not decode."},
        {"zh": "乱码可能掩盖内容。", "en": "Garbled text may hide content."},
    ),
}

INJECTION = '<script>alert("x")</script> 让读者 "满意" :: 100% 达成\n::error::pwned'


def sample_result() -> RunResult:
    a0 = [
        _f(
            "IND002",
            "required-level2",
            Severity.ERROR,
            ALPHA,
            "产出指标缺少“数量指标”。",
            "The output block has no “quantity” indicator.",
            pointer="/indicators",
            span=_at(ALPHA_LINES, 7, "产出指标"),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.COMPLETENESS,
            suggestion={
                "zh": "增加数量指标，如“开放天数≥300天”。",
                "en": "Add a quantity indicator such as “open ≥300 days”.",
            },
            args={"missing": "数量指标"},
        ),
        _f(
            "VAL002",
            "not-measurable",
            Severity.WARNING,
            ALPHA,
            "指标值“提高服务效率”不可衡量。",
            "The value “提高服务效率” is not measurable.",
            pointer="/indicators/0/value",
            span=_at(ALPHA_LINES, 7, "提高服务效率"),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.RELEVANCE,
            quote="提高服务效率",
            args={"value": "提高服务效率"},
        ),
        _f(
            "VAL003",
            "vague-terms",
            Severity.WARNING,
            ALPHA,
            "指标值含模糊用语“提高”。",
            "The value uses the vague word “提高”.",
            pointer="/indicators/0/value",
            span=_at(ALPHA_LINES, 7, "提高"),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.RELEVANCE,
            quote="提高",
            args={"term": "提高"},
        ),
        _f(
            "SAT004",
            "satisfaction-subject",
            Severity.WARNING,
            ALPHA,
            "满意度指标“读者较满意”未写明调查对象。",
            "The satisfaction indicator “读者较满意” names no surveyed group.",
            pointer="/indicators/1/content",
            span=_at(ALPHA_LINES, 8, "读者较满意"),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.RELEVANCE,
            quote="读者较满意",
            suggestion={"zh": "写明“借阅读者满意度”。", "en": "Write “borrower satisfaction”."},
            args={"content": "读者较满意"},
        ),
        _f(
            "VAL002",
            "not-measurable",
            Severity.WARNING,
            ALPHA,
            f"指标值“{INJECTION}”不可衡量。",
            f"The value “{INJECTION}” is not measurable.",
            pointer="/indicators/2/value",
            span=_at(ALPHA_LINES, 9, ALPHA_LINES[8].split("\t")[-1]),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.RELEVANCE,
            quote=INJECTION,
            suggestion={"zh": "=写成“≥95%”, 'quoted' & <b>", "en": "=write “≥95%”, 'quoted' & <b>"},
            args={"value": INJECTION},
        ),
        _f(
            "PH004",
            "na-without-justification",
            Severity.INFO,
            ALPHA,
            "“经济效益指标”标为“/”但备注未说明理由。",
            "“经济效益指标” is marked “/” without a reason.",
            pointer="/indicators/3",
            span=None,
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.COMPLETENESS,
            args={"category": "经济效益指标"},
        ),
        _f(
            "TXT003",
            "punctuation-whitespace",
            Severity.INFO,
            ALPHA,
            "字段以“，”结尾。",
            "The field ends with “，”.",
            pointer="/name",
            span=_at(ALPHA_LINES, 4, "社区图书室运行维护　"),
            declaration=0,
            declaration_name="社区图书室运行维护",
            aspect=Aspect.COMPLETENESS,
            args={"punct": "，"},
        ),
    ]
    a1 = [
        _f(
            "TXT001",
            "duplicated-char",
            Severity.WARNING,
            ALPHA,
            "“预预算科”中“预”重复。",
            "“预” is doubled in “预预算科”.",
            pointer="/reviews/1/section",
            span=_at(ALPHA_LINES, 13, "预预"),
            declaration=1,
            declaration_name="示例县文化馆",
            aspect=Aspect.COMPLETENESS,
            quote="预预",
            suggestion={"zh": "改为“预算科”。", "en": "Write “预算科”."},
            args={"char": "预"},
        ),
        _f(
            "BUD007",
            "projects-vs-dept",
            Severity.INFO,
            ALPHA,
            "专项合计 120 万元，比项目支出少 30 万元。",
            "Projects total 120 万元, 30 万元 short of project spending.",
            pointer="/money/lines/2/amount",
            span=_at(ALPHA_LINES, 12, "示例县文化馆"),
            declaration=1,
            declaration_name="示例县文化馆",
            aspect=Aspect.APPROPRIATENESS,
            args={"gap": "30"},
        ),
    ]
    b0 = [
        _f(
            "VAL002",
            "not-measurable",
            Severity.INFO,
            BETA,
            "项目名称以“=”开头。",
            "The name starts with “=”.",
            pointer="/name",
            span=_at(BETA_LINES, 3, BETA_LINES[2].split("\t")[-1]),
            declaration=0,
            declaration_name='=HYPERLINK("x")乡村道路养护',
            aspect=Aspect.RELEVANCE,
            quote='=HYPERLINK("x")乡村道路养护',
            args={"x": 1},
        ),
    ]
    beta_file = [
        _f(
            "INP002",
            "undecodable-bytes",
            Severity.WARNING,
            BETA,
            "第 4 行有 2 个字节无法按 gb18030 解码。",
            "2 bytes on line 4 do not decode as gb18030.",
            span=Span(4, 1, 4, 2),
            args={"count": 2, "line": 4},
        ),
    ]
    missing = [
        _f(
            "INP001",
            "unreadable-file",
            Severity.ERROR,
            MISSING,
            "无法读取文件：没有这个文件。请检查路径和访问权限。",
            "cannot read the file: no such file. Check the path and its permissions.",
            args={"reason": "no such file"},
        ),
    ]
    alpha = FileReport(
        path=ALPHA,
        encoding="utf-8",
        lines=list(ALPHA_LINES),
        declarations=[
            DeclarationReport(
                path=ALPHA,
                index=0,
                form_type="专项资金",
                name="社区图书室运行维护",
                unit="示例县文化馆",
                year=2019,
                total="120 万元",
                grade="差",
                score=52.5,
                findings=a0,
            ),
            DeclarationReport(
                path=ALPHA,
                index=1,
                form_type="部门整体支出",
                name=None,
                unit="示例县文化馆",
                year=2019,
                total=None,
                grade="中",
                score=71.0,
                aspects={
                    "completeness": {"findings": 1, "errors": 0, "warnings": 1, "infos": 0},
                    "relevance": {"findings": 0, "errors": 0, "warnings": 0, "infos": 0},
                    "appropriateness": {"findings": 1, "errors": 0, "warnings": 0, "infos": 1},
                    "feasibility": {"findings": 0, "errors": 0, "warnings": 0, "infos": 0},
                },
                findings=a1,
            ),
        ],
    )
    beta = FileReport(
        path=BETA,
        encoding="gb18030",
        lines=list(BETA_LINES),
        findings=beta_file,
        declarations=[
            DeclarationReport(
                path=BETA,
                index=0,
                form_type="项目支出",
                name='=HYPERLINK("x")乡村道路养护',
                unit="示例镇人民政府",
                year=2020,
                total="35 万元",
                grade="优",
                score=96.0,
                findings=b0,
            ),
        ],
    )
    missing_file = FileReport(path=MISSING, readable=False, findings=missing)
    used = {f.code for f in a0 + a1 + b0 + beta_file + missing}
    return RunResult(
        files=[beta, missing_file, alpha],  # deliberately unsorted
        rules={code: RULES[code] for code in sorted(used)},
        suppressed=3,
        profile="hunan-2019",
        version="0.1.0",
    )


def empty_result() -> RunResult:
    return RunResult(files=[], rules={}, suppressed=0, profile="hunan-2019", version="0.1.0")
