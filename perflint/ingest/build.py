"""Rows of cells → declarations.

The builder walks the rows of one file in order.  A title row starts a new
declaration; a label cell (from the vocabulary) says what the next cell is;
table headers switch to the schedule or indicator table until a row starts
with a field label again.  Every character that is not padding ends up in a
label, a value, template text or :attr:`Declaration.unrecognized`, each with
its span, so nothing the user wrote is dropped silently.

Two kinds of rows arrive here:

* real rows (tabbed and ``a | b |`` layouts): a label's value is in the same
  row, and a label that ends its row has a blank value;
* stream cells (:attr:`Row.stream`, one cell per line without row marks):
  a label's value is the next cell, and table cells fill the header's
  columns in order.

The layouts of ``lines`` and ``flattened`` text may fuse a label with its value
in one cell ("项目名称农村道路改造"); such cells are split on known labels.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from perflint.domain.dates import parse_date
from perflint.domain.model import (
    Declaration,
    ExtraField,
    FormType,
    Indicator,
    Label,
    MoneyLine,
    Review,
    ScheduleRow,
    Source,
    Span,
    escape_pointer,
)
from perflint.domain.text import (
    PAD_CHARS,
    PAD_SET,
    clean_label,
    clean_value,
    option_names,
    options_only,
    parse_amount,
    parse_ticks,
    unit_from_label,
)
from perflint.domain.vocab import (
    COLONS,
    DECOR,
    MEMO_SIZE,
    LabelInfo,
    NormText,
    Vocabulary,
    is_pad,
    label_key,
    simplified,
    simplified_map,
    vocabulary,
)
from perflint.ingest.cells import compose_value, is_comparator, leading_amount
from perflint.ingest.inline import (
    InlineLevel,
    InlineRow,
    find_categories,
    has_inline_indicators,
    qualitative_end,
    read_inline,
)
from perflint.ingest.layouts import Cell, Row
from perflint.ingest.reading import is_chrome

#: a cell that is only an amount written as one (1,000,000 / 968.19), not a count or a year
_DIGIT = re.compile(r"\d")
_PLAIN_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


class SourceMap:
    """Character offsets ↔ 1-based (line, column); built once per file."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def pos(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        line = bisect.bisect_right(starts, start)
        first = starts[line - 1]
        if start <= end and (line == len(starts) or end < starts[line]):
            return Span(line, start - first + 1, line, end - first + 1)  # on one line
        end_line = bisect.bisect_right(starts, end)
        return Span(line, start - first + 1, end_line, end - starts[end_line - 1] + 1)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without padding at either end."""
    if start >= end:
        return end, end
    if text[start] not in PAD_SET and text[end - 1] not in PAD_SET:
        return start, end  # the common case: nothing to trim
    piece = text[start:end]
    left = piece.lstrip(PAD_CHARS)
    if not left:
        return end, end
    s = start + len(piece) - len(left)
    return s, s + len(left.rstrip(PAD_CHARS))


@dataclass(slots=True)
class Segment:
    kind: str  # label | value | template
    start: int
    end: int
    info: LabelInfo | None = None


#: full-width digits too: （２０２３年度） (\d matches them; the century is spelt out)
_YEAR = re.compile(r"((?:[1１][9９]|[2２][0０])\s*\d\s*\d|20[Xx×]{2}|)\s*年度")  # not |\s*)\s*: cubic
_YEAR_ALONE = re.compile(r"((?:[1１][9９]|[2２][0０])\s*\d\s*\d)\s*年")
#: full-width digits as ASCII, to read a year
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
#: the year a notice's text gives its funds: "关于下达2023年…资金的通知", "提前下达2022年…"
_PROSE_YEAR = re.compile(
    r"(?:下达|安排|提前下达|分配|将(?=\s*(?:19|20)\d{2}\s*年[^，。；;,:：]{0,40}?下达))"  # 现将2026年…下达给你们
    r"\s*((?:19|20)\d{2}\s*年)(?!\d|\s*\d+\s*月)"
)
#: a form table's own title in a notice's text: its year, then its name (no figure, no clause
#: mark between), then 绩效目标(申报)表 ("附件2 2023年省级…资金区域绩效目标表"; run together
#: with its attachment's number, "附件22023年…", in flattened text)
_TABLE_TITLE_YEAR = re.compile(
    r"((?:19|20)\d{2}\s*年)度?[^\d，。；,;:：“”《》\n]{2,40}?绩效目标(?:申报|设定)?表"  # (附件2 2023年: no (?<!\d))
)
#: a page heading that opens with the year of the targets it lists, on a line of its own
_HEADING_YEAR = re.compile(r"(?m)^\s*((?:19|20)\d{2}\s*年)度?[^，。；,;:：\n]{0,30}绩效目标[^，。；,;\n]{0,6}$")
#: a page heading, a line of its own, that names the project or the funds it discloses with their
#: year, after the name of the unit ("某区总工会2024年送温暖专项资金项目"): no clause, no other
#: figure, nothing after the name (the site's heading "…2024年重点领域财政项目公开" is no project's)
_PROJECT_HEADING_YEAR = re.compile(
    r"(?m)^[ \t\u3000]*[^\d\s，。；,;:：、《》“”]{0,24}?((?:19|20)\d{2}\s*年)度?"
    r"[^\d\s，。；,;:：、《》“”]{2,30}?(?:项目|項目|资金|資金|经费|經費)[ \t\u3000]*$"
)
_YEAR_IN_TEXT = re.compile(
    r"[（(]\s*((?:19|20)\d{2}\s*年度)\s*[)）]|((?:19|20)\d{2}\s*年度)(?=[^，。,；;:：]{0,30}(?:表|申报|专项|项目|资金|專項|項目|資金))"
    # "2021年…绩效目标表", "2021年…申报", a heading "…2021年预算…项目文本" (a line with no clause
    # in it): the year of a table, a filing or a budget ("代表" is no table: "我州于2013年开始…
    # 代表性传承人" speaks of another year, "现下达你区2022年预算2350万元," is a notice's sentence;
    # "下达2024年…资金如数(详见附表)" points to a table, it is no table's title)
    r"|((?:19|20)\d{2}\s*年)(?=[^，。,；;:：\d]{0,30}?(?:(?<![代附])表|申报)|预算[^，。,；;:：\n]*(?:\n|$))"
)
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_DATE_TEMPLATE = re.compile(
    r"(?:(?:19|20)\d{2}\s*)?年[\s\u3000]*(?:\d{1,2}[\s\u3000]*)?月[\s\u3000]*(?:\d{1,2}[\s\u3000]*)?日"
)
_SEAL = re.compile(r"[（(]\s*(?:盖章|签章|公章)\s*[)）]")
_QIZHONG = re.compile(r"^其中\s*[:：]?")
#: a prompt for another field: a short label, perhaps with a note, and its colon, nothing after
_PROMPT = re.compile(r"[^\d:：,，。;；、|()（）]{2,12}(?:[(（][^()（）\d]{1,6}[)）])?[:：]")
#: the tail of a label joined to another by a conjunction, up to the cell's end or its colon:
#: "…单位及责任人", "…负责人和联系电话" (a value begins with no 及, 和 or 与)
_JOINED_LABEL = re.compile(
    r"[及和与暨][^\s,，。;；:：|()（）\d]{0,4}(?:人|人员|电话|方式|代码|编码|编号|名称|单位|部门|科室|职务|号码)"
)
_QIZHONG_END = re.compile(r"其中[:：]?$")
_FILE_NAME = re.compile(r"\S\.(?:pdf|PDF|docx?|DOCX?|xlsx?|XLSX?|wps|txt)\s*$")
_UNIT_LINE = re.compile(r"(?:金额|资金)?单位\s*[:：]\s*(万元|元)\s*")
_UNIT_NOTE = re.compile(r"[（(]\s*(万元?|元)\s*[)）]?")
#: the government levels a department label may name, from the centre out (see _level_rank)
_LEVEL_WORDS = (("中央", 0), ("省", 1), ("市", 2), ("区", 3), ("县", 3))
#: a heading of words that ends in a money unit note (white space taken out): "项目预算资金(万元)"
_UNIT_HEADING = re.compile(r"[^\d\s（()）]{2,16}[（(](万元|元)[)）]")
_NOTE = re.compile(r"[（(【\[][^()（）【】\[\]]{1,16}[)）】\]]$")
_TRAILING_VALUE = re.compile(
    r"((?:[≥≤≧≦<>=＞＜]=?|不低于|不少于|不高于|不超过|大于等于|小于等于|达到)?\s*"
    r"\d[\d.,]*\s*(?:%|‰|[个人次件项台套辆家户天日月年元万亩吨株米条所座公里]{1,3}"
    r"(?:/[个人次件项台套辆家户天日月年亩吨株米条所座公里]{1,2})?)?(?:以上|以下|以内)?)$"
)
#: what may stand around and between category names in a heading: 【产出指标-数量指标】
_CATEGORY_GLUE = re.compile(r"[\s【】\[\]()（）<>《》〔〕:：\-—–_/·、]*")
#: an indicator numbered in a list of its group: "指标1:", "指标 2："
_ITEM_NUMBER = re.compile(r"指标\s?\d{1,2}\s?[:：]")
#: a value in brackets after an indicator's name: "机柜数量(≥77台)", "服务保障民生(有力保障)"
_BRACKET_VALUE = re.compile(r"[(（]([^()（）*＊]{1,16})[)）][;；。]?\s*$")
#: what closes an item of a list of indicators ("…≥300人;", "…提高。")
_ITEM_END = re.compile(r"[;；。]+\s*$")
#: a value in words that is all a cell says: no indicator is named by it
_BARE_WORDS = frozenset({"是", "否", "有", "无", "全年"})
#: a figure that is all a cell says, with its comparator and a unit of a few characters (%以上)
_BARE_FIGURE = re.compile(
    r"(?:[≥≤≧≦<>=＞＜＝]=?|不低于|不少于|不高于|不超过|大于等于|小于等于|大于|小于|等于|达到)?\s*"
    r"\d[\d.,]*\s*(?:[^\d\s.,，;；。、:：()（）]{1,4})?"
)


def _unit_cell(piece: str) -> bool:
    """A unit in a cell of its own: a few characters, parts joined by "/" (公里, 元/人/月);
    "出行更方便" is words of another column."""
    return _UNIT_CELL.fullmatch(piece) is not None and all(0 < len(p) <= 4 for p in piece.split("/"))


#: a score at the end of a value cell: "… 20", "…15分"
_SCORE_END = re.compile(r"(\d{1,3}(?:\.\d)?)(分)?$")


def _bare_value(text: str, s: int, e: int) -> bool:
    """Whether a cell holds nothing but a value: a figure (with its comparator and
    unit) or a yes/no word."""
    s, e = trim(text, s, e)
    return s < e and (text[s:e] in _BARE_WORDS or _BARE_FIGURE.fullmatch(text, s, e) is not None)


#: a comma or colon left between an indicator's name and its value
_NAME_VALUE_SEP = re.compile(r"[,，:：、]+$")

#: an amount a notice states in its text: "资金50万元", "项目规模共计380万元", "涉及資金895.8萬元",
#: "全年预算数为 362万元"
_PROSE_AMOUNT = re.compile(
    r"(?P<label>资金总额|资金规模|总投资|共计|总计|预算数|资金|資金)[^，。；;,，\d()（）《》]{0,8}?"
    r"(?P<value>\d[\d,]*(?:\.\d+)?\s*(?:亿元|万元|萬元|萬元|元))"
)
#: the project a notice names in its text: "实施同心县…种植项目，", "资金用于…示范村项目，"
_PROSE_PROJECT = re.compile(
    r"(?:实施|资金用于|用于|資金用於|用於)(?P<name>[^，。；;,\s“”《》:：]{4,60}?(?:项目|項目))(?=[，。；;,])"
)
#: the funds a notice hands down: "关于下达2020年市级财政专项扶贫资金(第二批扶贫开发项目)的通知"
_PROSE_FUNDS = re.compile(r"(?:下达|下達)(?P<name>(?:19|20)\d{2}\s*年[^，。；;,\s“”《》:：]{2,60}?)的(?:通知|批复|函)")
#: the project a notice reports on, named as the subject of its carrying out: "…,2019年…补助资金
#: 项目由某学院实施完成" (a whole clause from its start; not "该项目", "本项目由…")
_PROSE_DONE_BY = re.compile(
    r"(?:^|(?<=[，。；;,:：\n]))(?![该本此这上])(?P<name>[^，。；;,\s“”《》:：]{6,60}?项目)由[^，。；;,]{2,30}?实施"
)
#: a project of a budget disclosure written as prose: "1.“文化中心运营专项经费”项目。 (1)项目概述。…"
_PROSE_ITEM = re.compile(
    r"(?:^|(?<=[\s|。]))\d{1,2}\s*[.、．]\s*[“\"](?P<name>[^”\"\n]{2,40})[”\"]\s*(?:项目|項目)?\s*[。.]?"
)
#: the first part of a prose project without a head: "(1)项目概述:…"
_PROSE_START = re.compile(r"\s*[(（]\s*1\s*[)）]")
_FIRST_PART = re.compile(r"\s*(?:[(（]\s*)?1\s*[)）]")
#: such a head on a line of its own, its name unquoted: "1.非遗传承与保护"
_PROSE_HEAD_LINE = re.compile(r"\d{1,2}\s*[.、．]\s*(?P<name>[^，。；;,:：\s“”\"]{2,40}?)\s*[。.]?")
#: one numbered part of such a project: "(6)年度预算安排。财政拨款634万元。"
_PROSE_PART = re.compile(r"[(（]\s*\d{1,2}\s*[)）](?=\s*[^\W\d_])")
#: ... at the start of a line, where "1)项目概述。" needs no opening bracket
_LINE_PART = re.compile(r"[(（]?\s*\d{1,2}\s*[)）](?=\s*[^\W\d_])")
#: what the cells of a nature, unit or weight column hold (see _FormBuilder._fit_roles)
_NATURE = re.compile(r"定量|定性|正向|反向|正向指标|反向指标|[≥≤=<>＞＜≧≦]=?|大于等于|小于等于|等于|大于|小于")
_UNIT_CELL = re.compile(r"[^\d\s]{1,8}")
_WEIGHT_CELL = re.compile(r"\d{1,3}(?:\.\d+)?%?")
#: the first cell of a table's total row
_TOTAL_ROW = frozenset({"合计", "总计"})
#: a title written where the department goes: the department, its year, a title's words
_UNIT_TITLE = re.compile(
    r"(?P<unit>[^\d\s|，。；,;:：]{2,30})(?:19|20)\d{2}年[^\d\s|，。；,;:：]{0,12}(?:绩效目标|目标表|申报表)"
)
#: a sub-label under a money group or a total label that names the whole amount
_TOTAL_SUBLABEL = frozenset({"合计", "总计", "总金额", "总额", "金额合计", "资金合计"})
#: a 合计/总计 row: the amounts of the whole of a funding table
_SUM_ROW = _TOTAL_SUBLABEL - {"总金额", "总额"}
#: what an amount cell may hold besides a figure: a numeral (五百万), a word of no amount
#: yet (待定, 暂无, 无, 略, 详见…), a mark (/, —), a sentence; a cell with none of these is words
_NOT_HEADING = re.compile(
    r"[\d０-９〇零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟]|待定|未定|暂无|^\s*无\s*$|见|略"
    r"|[/／\-—–,，。;；:：、]"
)
#: the words before the first figure of a cell
_LEAD_WORDS = re.compile(r"\s*([^\d\s]{2,12})(?=\s*\d)")
#: the headings of a table of costs or spending that opens a money label's value, before any
#: figure: 成本构成 | 金额 | 测算依据, 支出明细 | 单价 | 数量 (two of them: no source of funds,
#: no word of a breakdown after the amount)
_DETAIL_HEADING = r"(?:成本构成|明细|支出内容|经济分类|金额|单价|数量|测算(?:\(公式\)|（公式）)?依据|计算依据)"
_DETAIL_TABLE = re.compile(rf"\s*[^\d\s]{{0,8}}?{_DETAIL_HEADING}\s*{_DETAIL_HEADING}")
_NAME_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年")
#: the years of a period as it writes its dates: 2021年, 2021.1 / 2021-01 / 2021/1, 202101
#: a cell that is only a unit of money
_AMOUNT_UNIT_CELL = re.compile(r"万元?|元|萬元?")
_YEARS = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:\s*年|\s*[.．\-/]\s*(?=(?:1[0-2]|0?[1-9])(?!\d))"
    r"|(?=(?:0[1-9]|1[0-2])(?:[0-3]\d)?(?!\d)))"
)
#: a span of years (2021-2023, 2021至2023年): both ends
_YEAR_SPAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})(?!\d)")
#: a cell that looks like an indicator's value: a figure, a comparator, a value in words
_VALUE_LIKE = re.compile(
    r"\s*(?:[≥≤≧≦＞＜<>=＝]|不低于|不少于|不高于|不超过|大于|小于|达到|[0-9０-９][0-9０-９.,，%％]*"
    r"(?:[^\s]{0,6})$|[^\s]{0,4}(?:提升|提高|改善|健全|完善|保障|良好|明显|显著|满意|达标|合格|完成|及时|有效|稳定)$)"
)
#: an enumeration before a heading: 一、 (二) 3.
_ENUM_HEAD = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]|\d{1,2}\s*[、.．](?!\d))"
)
#: a row that ends a table: sign-off, footnote, attachment line, page chrome, a date alone
_TABLE_END = re.compile(
    r"\s*(?:附件\s*[:：\d一二三四五六七八九十]|注\s*[:：]|说明\s*[:：]|填报说明|填表说明|填报人|填表人|审核人|"
    r"单位负责人|财务负责人|经办人|(?:单位|部门)?(?:审核|审批)意见|\S{2,16}(?:审核|审批|初审|复审)意见\s*$|(?:[(（]\s*)?(?:盖章|公章)|扫一扫|打印本页|关闭窗口|"
    r"文件下载|附件下载|政策咨询|政策解读|相关文件|相关链接|相关阅读|上一篇|下一篇|"
    r"内容保障|网站标识码|主办单位|\S{2,24}(?:人民政府|办公室|委员会|局|厅)主办(?:\s|$)|"
    r"\[?打印\]?\s*\[?关闭|第\s*\d+\s*页|[—－-]\s*\d+\s*[—－-]\s*$|"
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*$)"
)
#: a date that is a whole cell (a sign-off date after a table, or a 时效 indicator's value)
_DATE_ONLY = re.compile(
    r"(?:19|20)\d\d(?:[ \u3000]*年[ \u3000]*\d\d?[ \u3000]*月[ \u3000]*\d\d?[ \u3000]*日|[-/.]\d\d?[-/.]\d\d?)"
)
FOOTER_KEYS = ("preparer", "phone", "filing_date")
FORM_TYPES = {ft.value: ft for ft in FormType}
#: labels that open a block rather than introduce one value
STRUCTURAL = frozenset({"money_group", "review_group", "schedule_start", "indicator_start", "heading"})
TABLE_STARTS = frozenset({"schedule_start", "indicator_start"})
TABLE_COLUMNS = frozenset({"schedule_col", "indicator_col"})
LEVELS = ("level1", "level2")
FIELD_KINDS = frozenset({"field", "goal", "money", "extra"})
FIELD_COLUMN = "field"
DEFAULT_COLUMNS = {"indicators": ["content", "value"], "schedule": ["content", "start", "end"]}


#: a column of a list of projects that holds each project's money
_LIST_MONEY = re.compile(r"资金|金额|预算|投资|万元")
#: one target of a cell that lists several (受益户数≥200户,受益脱贫户数≥15户)
_LIST_PIECE = re.compile(r"[^,，;；]+")


def _list_columns(rows: list[list[tuple[int, int]]], vocab: Vocabulary, text: str) -> list[tuple[int, int]] | None:
    """The heading of each column of a list of projects, from its header rows: the first row's
    headings, with a heading that the rows below divide (资金来源及规模 over 资金来源 | 资金规模,
    绩效目标 over 产出指标 | 效益指标 | 满意度指标) replaced by its parts. Rows below that keep
    the first row's cells (blank under the headings not divided) divide by position; rows of
    fewer cells divide the headings whose words their cells share, in order. None when the parts
    cannot be placed."""
    first = rows[0]
    below = [c for row in rows[1:] for c in row if c[0] < c[1]]
    if not below:
        return list(first)
    if all(len(row) == len(first) for row in rows[1:]):
        out = []
        for i, head in enumerate(first):
            under = [row[i] for row in rows[1:] if row[i][0] < row[i][1]]
            out.append(under[-1] if under else head)
        return out
    # each part goes under the first heading at or after the last one used that shares a
    # character with it (a category goes under a heading of targets: 绩效目标, 绩效指标)
    owner: list[int] = []
    at = 0
    for s, e in below:
        part = label_key(text[s:e])
        cat = vocab.category(text[s:e])
        k = at
        while k < len(first):
            hs, he = first[k]
            words = label_key(text[hs:he])
            if hs < he and (
                (cat is not None and ("绩效" in words or "目标" in words or "指标" in words))
                or (cat is None and len(set(part) & set(words)) >= 2)
            ):
                break
            k += 1
        if k == len(first):
            return None
        owner.append(k)
        at = k
    out = []
    for k, head in enumerate(first):
        parts = [c for c, o in zip(below, owner) if o == k]
        out.extend(parts or [head])
    return out


@dataclass(slots=True)
class _Table:
    """The schedule or indicator table being read."""

    kind: str  # schedule | indicators
    columns: list[str | None] = field(default_factory=list)
    #: cells per header row; 0 when the header came as stream cells
    width: int = 0
    #: the level cells of the last row, carried down to rows whose merged
    #: level cells are missing: column -> (text, pointer)
    last_levels: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: stream mode: level cells read but not used yet, and the data cells of
    #: the row being filled
    levels: dict[str, tuple[int, int]] = field(default_factory=dict)
    buffer: list[tuple[int, int]] = field(default_factory=list)
    #: stream mode: the buffer holds one cell that may be a name and its value fused
    #: ("…达标率100%"); the next cell tells (see _FormBuilder._stream_cell)
    fused_tail: bool = False
    #: stream mode: header cells are still arriving
    collecting: bool = False
    #: stream mode: cells taken as headings the vocabulary does not know (the towns
    #: of a town-by-indicator matrix), until the first row shows whether they were
    guessed: list[tuple[int, int]] = field(default_factory=list)
    #: wide sheets: columns that hold a declaration field (项目名称, 预算数 …),
    #: by position: the header label and its offsets
    fields: dict[int, tuple[LabelInfo, int, int]] = field(default_factory=dict)
    #: rows read so far
    rows: int = 0
    #: a row of a table with a row per line cut short before its value column
    #: ("推动… | 定性", then "长期" and "15" on lines of their own): its cells, kept
    #: until the lines below have filled the columns left or another row comes
    held: dict[str, tuple[int, int]] | None = None
    #: stream mode: rows have come as numbered items ("指标1:机柜数量(≥77台)")
    numbered: bool = False
    #: stream mode: the buffer holds a row's name and value, the value reading as a name:
    #: the next cell tells whether the row had an unknown 二级 category (see _maybe_emit_stream)
    level2_wait: bool = False
    #: stream mode: the end of a category label wrapped over lines, joined from its first
    #: line; the lines before it are read
    joined_to: int = -1
    _data_key: tuple | None = None
    _data: list[str] = field(default_factory=list)
    _twin_key: tuple | None = None
    _twin: tuple[list[str], list[str]] | None = None

    @property
    def col_kind(self) -> str:
        return "schedule_col" if self.kind == "schedule" else "indicator_col"

    @property
    def data_columns(self) -> list[str]:
        key = tuple(self.columns)
        if self._data_key != key:
            self._data_key, self._data = key, self._compute_data_columns()
        return self._data

    def opening_header(self) -> bool:
        """A header is being given a few headings a line: it has begun with the
        columns that name an indicator (一级/二级/三级, 指标内容) and no row has
        come yet."""
        return (
            self.collecting
            and not self.width
            and not self.rows
            and any(c in LEVELS or c in _NAMING for c in self.columns)
        )

    def twin(self) -> tuple[list[str], list[str]] | None:
        """Side-by-side blocks (东莞: 实施周期 | 当年度): a header that names its
        二级/三级 (or content) columns twice, each block with a value column of its
        own; the two blocks' columns (no 一级, no blank heading), or None."""
        key = tuple(self.columns)
        if self._twin_key != key:
            self._twin_key, self._twin = key, self._compute_twin()
        return self._twin

    def _compute_twin(self) -> tuple[list[str], list[str]] | None:
        if self.kind != "indicators":
            return None
        body = [c for c in self.columns if c is not None and c not in ("level1", FIELD_COLUMN)]
        if not body or body[0] not in _NAMING:
            return None
        half = next((i for i in range(1, len(body)) if body[i] == body[0]), None)
        if half is None or 2 * half != len(body):
            return None
        a, b = body[:half], body[half:]
        for x, y in zip(a, b):
            if (x in _NAMING or y in _NAMING) and x != y:
                return None
        if not any(c not in _NAMING for c in a):
            return None  # no value column in a block
        return a, b

    def _compute_data_columns(self) -> list[str]:
        cols = list(dict.fromkeys(c for c in self.columns if c is not None and c not in LEVELS and c != FIELD_COLUMN))
        if not cols:
            return list(DEFAULT_COLUMNS[self.kind])
        if self.kind == "indicators" and "content" not in cols and "level3" not in cols:
            cols.insert(0, "content")
        return cols


#: a heading that names a project and says its targets follow, on a line of its own:
#: "3岁以下婴幼儿照护服务项目项目绩效目标", "城乡居民健康体检经费绩效目标"
#: a list item's number opening a line: "二、", "(三)", "4."
_NUMBERING = re.compile(r"[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]")
_PROJECT_HEADING = re.compile(r"(?P<name>[^\s|，。；,;:：“”\"《》()（）]{2,46})绩效目标")
#: a form's title that names its project: a unit (局, 委, 中心 …) and a year may open it
#: ("宿州市审计局2024年政府投资审计项目支出预算绩效目标表"); a place is part of the name
#: ("同心县2025年设施农业技术培训项目绩效目标表")
_TITLE_PROJECT = re.compile(
    r"(?:[^\d\s|，。；,;:：]{2,20}(?:局|委|厅|办|中心|院|馆|所|站|学校|协会)(?:19|20)\d{2}年度?)?"
    r"(?P<name>[^\s|，。；,;:：“”《》]{2,40}项目)(?:支出)?(?:预算)?绩效目标(?:申报)?表"
)
#: what the name of a project heading ends with, the heading's own words after it
_HEADING_NAME_END = re.compile(r"(?:项目|资金|经费)(?=(?:项目)?(?:年度)?$)")
#: a 公示 heading that names a project and the parts of it made public, its targets among
#: them: "章贡区2019年林业有害生防治项目立项依据、实施主体、预算安排及绩效目标情况公示"
#: (not a notice's title "关于…的公示", nor one that names a table: "…绩效目标表的公示")
_PUBLIC_END = re.compile(r"绩效目标(?!表)[^\s|，。；,;:：“”\"《》]{0,6}公示$")
_PUBLIC_NAME_END = re.compile(r"项目|资金|经费")
_NOT_IN_HEADING = re.compile(r"[\s|，。；,;:：“”\"《》]")
_NOT_IN_NAME = re.compile(r"[()（）、]")
#: a tick box of a field that offers options (新增□ 延续□)
_TICK_BOX = re.compile(r"[□☐■☑☒]")
_FIGURE = re.compile(r"\d|[%％≥≤＞＜><=＝]")


def _figure_like(text: str) -> bool:
    """A cell that reads as an indicator's value: a figure, a comparator or a
    word of a few characters (是, 全年, 达标), not a sentence."""
    t = text.strip()
    return bool(t) and len(t) <= 24 and (_FIGURE.search(t) is not None or len(t) <= 4)


_SPLIT_CACHE_SIZE = MEMO_SIZE
#: labels that open a section of their own (a schedule given a cell a line ends at one)
_SECTION_KINDS = frozenset({"goal", "field", "money", "money_group", "indicator_start", "indicator_col"})
#: the columns that name an indicator (the rest of a block holds its value and parts)
_NAMING = frozenset({"level2", "level3", "content"})
#: a value heading of the year's block, not the period's (当年度指标值, 年度指标值)
_YEAR_BLOCK = re.compile(r"年度|当年|本年")
_PERIOD_BLOCK = re.compile(r"实施周期|中期|长期")
#: a period alone as a goal column's heading: 2022年—2024年, 2024-2026年, (2023年至2025年)
_PERIOD_HEADING = re.compile(r"[(（]?(?:19|20)\d{2}年?[-—–~～至到]{1,2}(?:19|20)\d{2}年?[)）]?")
#: the budget year in a goal column's heading: 年度目标, 当年总体目标, 本年目标
_YEAR_WORD = re.compile(r"年度|当年|本年")
#: a heading of a goal column: a qualifier, 目标, its period in brackets
_GOAL_HEADING = re.compile(r"[^\s|，。；,;:：]{1,12}目标(?:[(（][^()（）]{1,24}[)）])?")
#: an indicator table run into the text under a goals heading: its column headings, or a
#: level-1 category followed by a level-2 one (产出指标|数量指标, 产出指标(一)数量指标; white space taken out)
_GOAL_RUNON = re.compile(
    r"[一二三]级指标|(?:产出|效益|成本|满意度)指标[|｜:：、()（）一二三四五六七八九十\d]{0,5}"
    r"(?:数量|质量|时效|成本|经济|社会|生态|可持续|服务对象)"
)
#: a table of contents or a list of attached tables: no goal
_GOAL_TOC = re.compile(r"目标表|目\s*录")
#: a year a period names (2025年, 2025.1, 2025-12-31)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
#: characters of a sentence's end or pause
_SENTENCE_MARK = re.compile(r"[。；;，,]")


def split_piece(text: str, fused: bool, vocab: Vocabulary) -> tuple[tuple[str, int, int, LabelInfo | None], ...]:
    """Cut the text of one cell into labels, values and template text (其中：).

    Returns ``(kind, start, end, info)`` with offsets into ``text``; a pure
    function of its arguments (the builder caches it).
    """
    norm = NormText(text)
    chars = norm.chars
    segments: list[tuple[str, int, int, LabelInfo | None]] = []
    i = 0
    n = len(chars)
    value_from: int | None = None  # normalised index where a value run starts
    skip = vocab.no_label_run.match  # characters that start no label
    match_prefix = vocab.match_prefix
    while i < n:
        if value_from is not None:
            # inside a value: only a label (or its decoration) can end it
            run = skip(chars, i)
            assert run is not None  # no_label_run is a starred class: it matches, if only the empty string
            i = run.end()
            if i >= n:
                break
        j = i
        while j < n and chars[j] in DECOR:
            j += 1
        if value_from is None:
            q = _QIZHONG.match(chars[j : j + 3])
            if q and q.end() > 0 and j + q.end() < n:
                segments.append(("template", norm.raw_offset(i), norm.raw_after(j + q.end()), None))
                i = j + q.end()
                continue
        found = match_prefix(chars, j)
        if found is None:
            note = chars.find("(", j + 1, j + 8)
            if note != -1 and chars[j] not in "(":
                # 部门(单位)名称…: a note inside a label that has no shorter label before it
                close = chars.find(")", note + 1, note + 16)
                if close != -1:
                    through = match_prefix(chars[j:note] + chars[close + 1 : close + 41], 0)
                    if through is not None and through[1] > note - j:
                        found = (through[0], through[1] + close + 1 - note)
        if value_from is None and 2 <= n - j <= 40 and (found is None or found[1] < n - j):
            whole = vocab.match(chars[j:])
            if whole is not None:
                # the whole cell is one label: a misspelt one (预预算科, 财政投款), or
                # one with a note inside (主管部门(单位)名称及预算编码)
                found = (whole, n - j)
        if found is not None:
            info, length = found
            k = j + length
            # optional bracket note, then optional colon
            if k < n and chars[k] in "([【":
                shut = next((m for m in range(k + 1, min(n, k + 16)) if chars[m] in ")]】"), None)
                if shut is not None:
                    k = shut + 1
                    # a note inside a longer label: 主管部门(单位)名称及部门预算编码
                    longer = match_prefix(chars[j : j + length] + chars[k : k + 40], 0)
                    if longer is not None and longer[1] > length:
                        info, k = longer[0], k + longer[1] - length
            joined = _JOINED_LABEL.match(chars, k) if fused and k < n and chars[k] not in COLONS else None
            if joined is not None and (joined.end() >= n or chars[joined.end()] in COLONS):
                # "实施单位及责任人", "项目负责人和电话": a label joined to another word by 及/和/与 is
                # one label; what a value never begins with is the conjunction
                k = joined.end()
            colon = k < n and chars[k] in COLONS
            if colon:
                k += 1
            boundary = k >= n or colon
            raw_i = norm.raw_offset(i)
            if info.kind == "heading" and not boundary:
                accept = False  # "…绩效目标自评表": a heading word inside a title
            elif fused and not boundary and info.kind == "money" and chars.startswith("绩效", k):
                accept = False  # "项目支出绩效自评表": part of a title, not an amount label
            elif value_from is None:
                accept = boundary or fused
            else:
                # "填报人：　联系电话：" on one line; fused "…名称XX主管部门YY"
                gap_before = i == 0 or is_pad(text[raw_i - 1]) or text[raw_i - 1] == "|"
                accept = (colon and gap_before and length >= 2) or (
                    fused
                    and length >= 4
                    and not (info.kind in FIELD_KINDS and _mid_sentence(chars, value_from, i, k))
                    and not (info.kind == "goal" and not segments and n - k <= 4)
                )
            if accept and value_from is not None and fused:
                starred = _starred_label(vocab, chars, value_from, i, chars[j : j + length])
                if starred is not None:
                    # "一*级项目名称": a mark inside a label's word is no edge of it
                    i, info = starred
                    raw_i = norm.raw_offset(i)
            if accept:
                if value_from is not None:
                    q = _QIZHONG_END.search(chars, value_from, i)
                    cut = raw_i if q is None else norm.raw_offset(q.start())
                    if cut > norm.raw_offset(value_from):
                        segments.append(("value", norm.raw_offset(value_from), cut, None))
                    if q is not None:  # "…35其中:财政拨款35": 其中 introduces the next label
                        segments.append(("template", cut, raw_i, None))
                    value_from = None
                segments.append(("label", raw_i, norm.raw_after(k), info))
                i = k
                continue
        if value_from is None:
            value_from = i
        # No label starts after the decoration (★, *) from i to j, so none does from
        # any later point of that run either (it leaves no gap before a label):
        # step over the run, not one character at a time (quadratic on "*" × 200,000).
        i = max(i + 1, j)
    if value_from is not None:
        segments.append(("value", norm.raw_offset(value_from), len(text), None))
    return tuple(segments)


def _starred_label(vocab: Vocabulary, chars: str, value_from: int, i: int, label: str) -> tuple[int, LabelInfo] | None:
    """A longer label that ends with ``label`` and starts a few characters before it, a
    decoration mark (★, *) between its characters ("一*级项目名称" is 一级项目名称, not the
    value "一*级" before 项目名称): where it starts and what it is; None when there is none."""
    look = chars[max(value_from, i - 4) : i]
    if not any(c in DECOR for c in look):
        return None
    for back in range(len(look), 1, -1):
        piece = look[len(look) - back :]
        if piece[0] in DECOR or not any(c in DECOR for c in piece):
            continue
        found = vocab.match("".join(c for c in piece if c not in DECOR) + label)
        if found is not None:
            return i - back, found
    return None


#: what no heading of a form has: a clause's punctuation, a viewer's page caption ("…绩效目标表_第5页")
_NOT_A_HEADING = re.compile(r"[《》，。；]|_第\d+页\s*$")


#: the end of a form's title, whatever the template calls it: "…绩效目标表", "…绩效目标申报表",
#: "…绩效目标批复表" (an approval printed back to the unit), "…绩效目标审批表" …, with a year
#: or a note in brackets after it
_FORM_TITLE_END = re.compile(r"绩效目标(?:申报|批复|审批|审核|审定|下达|设定)?表(?:[(（][^()（）]{0,12}[)）])?$")


#: what a title has not: a clause or a label's colon, or the mark of a reference to a form
#: ("附件:…绩效目标表", "2.…绩效目标表": an attachment or a list item names a form, it is not one)
_NOT_A_TITLE = re.compile(r"[:：]|^(?:附件|附表|\d{1,2}[.、．])")


def _title_in_table(line: str) -> bool:
    """Whether ``line`` is a form's title by its shape: a short line with no clause in it that
    ends in a form's title word (see ``_FORM_TITLE_END``)."""
    key = re.sub(r"\s+", "", line)
    return (
        6 <= len(key) <= 60
        and _NOT_A_HEADING.search(key) is None
        and _NOT_A_TITLE.search(key) is None
        and _FORM_TITLE_END.search(key) is not None
    )


def _project_heading(vocab: Vocabulary, text: str, cell: tuple[int, int]) -> tuple[int, int] | None:
    """The name in a heading "某某项目项目绩效目标" (a line of its own that names a
    project and says its targets follow), or None."""
    m = _PROJECT_HEADING.fullmatch(text, *cell)
    if m is None:
        return _public_heading(vocab, text, cell)
    ns, ne = m.span("name")
    year = _TITLE_YEAR.match(text, ns, ne)
    end = _HEADING_NAME_END.search(text, (year.end() if year else ns) + 4, ne)
    if end is None or vocab.title(text[cell[0] : cell[1]]) is not None:
        return None  # a generic word ("专项资金绩效目标") or a form's title names no project
    return ns, end.end()


def _public_heading(vocab: Vocabulary, text: str, cell: tuple[int, int]) -> tuple[int, int] | None:
    """The name in a 公示 heading "某某项目立项依据、…及绩效目标情况公示", or None."""
    s, e = cell
    line = text[s:e]
    if line.startswith("关于") or not _PUBLIC_END.search(line) or _NOT_IN_HEADING.search(line):
        return None
    end = _PUBLIC_NAME_END.search(line, 2)
    if end is None or end.end() > 48 or _NOT_IN_NAME.search(line, 0, end.start()):
        return None
    if vocab.title(line) is not None:
        return None
    return s, s + end.end()


def _form_title(vocab: Vocabulary, line: str) -> bool:
    """Whether ``line`` is a form's title: the words of one in a heading, not in a
    sentence ("现将…绩效目标表进行公示，…") nor inside book-title marks
    ("关于公示《…文件及绩效目标表》的通知", or the part of it wrapped onto a line of
    its own): a notice naming a form is not that form."""
    return vocab.title(line) is not None and _NOT_A_HEADING.search(line) is None


def _no_form_cell(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` (trimmed) cannot be any cell of a form: ASCII without a
    digit holds no label or title (all Chinese), no year, amount, date or value.
    Such lines (a page's code, a long run of junk lines) skip the row builder."""
    piece = text[s:e]
    return piece.isascii() and not any(ch.isdigit() for ch in piece)


_CLAUSE_END = "。;!?"
#: what only running text has: the marks between its clauses
_CLAUSE_MARK = re.compile(r"[，。；,;:：!?！？]")
#: how far before a label word a comma makes it a word of the sentence
_CLAUSE_REACH = 10


def _mid_sentence(chars: str, value_from: int, i: int, k: int) -> bool:
    """Whether a label word at ``chars[i:k]`` (no colon after it, inside a value
    that starts at ``value_from``) is a word of a sentence, not a label run on
    after a value: a comma stands a few characters before it in its clause
    ("…规定,会同本级业务主管部门", "…监控,确保年度绩效目标如期实现"), or a comma or
    full stop follows it right away (a field's value never opens with one).  The
    values of a fused form (names, units, amounts) seldom end in a short clause
    after a comma; a sentence's words do.

    (A goal word near the end of a line that opens with no label, "…分局2021年度
    绩效目标公开", is a heading's word too: ``split_piece`` checks that itself.)"""
    if k < len(chars) and chars[k] in ",。;、":
        return True
    start = max(value_from, i - _CLAUSE_REACH)
    for mark in _CLAUSE_END:
        cut = chars.rfind(mark, start, i)
        if cut >= start:
            start = cut + 1
    return chars.find(",", start, i) != -1


class _FoldedMatch:
    """A match in a folded copy of ``text[base:]`` (see ``simplified_map``), its groups'
    offsets mapped back onto the text as written."""

    def __init__(self, m: re.Match[str], base: int, where: list[int], size: int) -> None:
        self.m, self.base, self.where, self.size = m, base, where, size

    def start(self, group: int | str = 0) -> int:
        a = self.m.start(group)
        return self.base + (self.where[a] if a < len(self.where) else self.size)

    def end(self, group: int | str = 0) -> int:
        """After the group's last character and the pinyin that follows it (經費(fèi))."""
        a, b = self.m.span(group)
        return self.start(group) if a == b else self.base + (self.where[b] if b < len(self.where) else self.size)

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self.start(group), self.end(group)


#: a match in the text as written, or in its folded copy
_Found = re.Match[str] | _FoldedMatch


class _FormBuilder:
    """Builds one declaration from the rows given to it."""

    def __init__(self, owner: Builder, index: int) -> None:
        self.owner = owner
        self.text = owner.text
        self.smap = owner.smap
        self.vocab = owner.vocab
        self.fused = owner.layout in ("lines", "flattened")
        self.decl = Declaration(source=Source(owner.path, owner.encoding, owner.layout, index))
        self.pending: tuple[LabelInfo, int, int] | None = None  # label, its start, end
        self.table: _Table | None = None
        self.money_unit: str | None = owner.default_unit
        self.labels_seen = 0
        #: a header row that may open a list of projects (项目名称 among the column headings):
        #: its 项目名称 cell, the rows left to look at, the 一级 categories seen as columns
        self.list_head: tuple[tuple[int, int], int, set[str]] | None = None
        #: the header rows of that list read so far (the 项目名称 row first)
        self.list_rows: list[list[tuple[int, int]]] = []
        #: a list of projects read one project a row: the heading of each of its columns
        self.list_cols: list[tuple[int, int]] | None = None
        #: this form holds a project of the list already (the next row is the next form's)
        self.list_taken = False
        #: where the attribute's option list was read, while nothing else has been read after it:
        #: options in the next cell or line are the rest of the list (新增项目□ ⏎ 延续项目√)
        self.options_at: tuple[int, int] | None = None
        self.has_title = False
        #: this form holds a footer (填报人/联系电话/填报日期)
        self.has_footer = False
        #: the year came from a page heading above the form's own title
        self.year_from_heading = False
        #: flattened PDF text prints labels in blocks: labels waiting for values
        self.queue_labels = owner.layout == "flattened"
        self.queued: list[tuple[LabelInfo, int, int]] = []
        #: money lines read before any unit was given (PDF text may print the
        #: block's "项目资金 (元)" after its amounts)
        self.unit_unknown: list[MoneyLine] = []
        #: the money line read last with no unit written in its cell: (pointer, line, value start, end)
        self.unitless: tuple[str, MoneyLine, int, int] | None = None
        #: a wide sheet's row that starts the next project: the builder hands
        #: it to a new form (see :meth:`successor`)
        self.handoff: list[tuple[int, int]] | None = None
        #: the form is a project of a prose disclosure (see Builder._prose_items)
        self.from_item = False
        #: the cells of the row being read and of the row before (see _money_column)
        self.row_cells: list[tuple[int, int]] = []
        self.last_cells: list[tuple[int, int]] = []
        #: cells already read as the value of a label in another row
        self.taken: set[tuple[int, int]] = set()
        #: the goal columns named by a row of goal headings (see _goal_header): key, cell
        self.goal_heads: list[tuple[str, int, int]] = []
        #: goal headings gathered from rows of headings alone, a row or several ("总体目标 |",
        #: "中期目标(2024年—2026年) | 年度目标 |"), waiting for the rows of goal texts below
        #: them (see _goal_heading_row); ``goal_fill``: the texts have begun
        self.goal_stack: list[tuple[LabelInfo | None, int, int]] = []
        self.goal_fill = False
        #: texts read with confidence as the goal under a heading of the goals block (项目绩效目标 |
        #: <goal>, see _block_goal): the form's goal when it has no goal field of its own (see finish)
        self.block_goals: list[ExtraField] = []
        #: the label of a row broken after it (see _broken_after_label), waiting for the next row
        self.broken: tuple[LabelInfo, int, int] | None = None
        #: a money label or a heading with a money unit was read: a funding table is open
        self.money_seen = False
        #: a 合计 row being read (see _sum_cell): its cells and their unrecognized indices;
        #: the first such row with amounts
        self.sum_row: list[tuple[int, int, int]] | None = None
        self.sum_found: list[tuple[int, int, int]] | None = None
        #: the total's heading first in a header row of money headings ("专项资金情况 |
        #: 本年度预计投入(万元) | 财政资金(万元) | 其他"), waiting for the row of amounts
        #: below it (see _amounts_row): its label, and the rows of headings it may still skip
        self.money_head: tuple[LabelInfo, int, int] | None = None
        self.money_head_rows = 0
        #: the total's column of a money table with columns of amounts (上年度安排资金 |
        #: 本年度申请资金), placed by its 合计 row (see _money_column): how many amounts a
        #: row of the table gives, and which of them is the total's column
        self.total_column: tuple[int, int] | None = None

    def successor(self) -> _FormBuilder:
        """The form of the next project of a wide sheet: the same table, title,
        year, department and amount unit."""
        nxt = _FormBuilder(self.owner, self.decl.source.index + 1)
        src, dst = self.decl, nxt.decl
        for attr, pointer in (("title", "/title"), ("year_text", "/year_text"), ("department", "/department")):
            value = getattr(src, attr)
            if value is not None and pointer in src.source.spans:
                setattr(dst, attr, value)
                dst.source.spans[pointer] = src.source.spans[pointer]
                if pointer in src.source.labels:
                    dst.source.labels[pointer] = src.source.labels[pointer]
        dst.year, dst.form_type = src.year, src.form_type
        nxt.has_title = self.has_title
        nxt.money_unit = self.money_unit
        nxt.labels_seen = self.labels_seen
        nxt.list_cols = self.list_cols
        table = self.table
        if table is not None:
            table.last_levels.clear()
            table.levels.clear()
            table.buffer.clear()
        nxt.table, self.table = table, None
        return nxt

    # -- recording -----------------------------------------------------------
    def _label(self, pointer: str, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        self.decl.source.labels[pointer] = Label(clean_label(self.text[s:e]), self.smap.span(s, e))

    def _value(self, pointer: str, start: int, end: int) -> str:
        s, e = trim(self.text, start, end)
        self.options_at = None
        self.decl.source.spans[pointer] = self.smap.span(s, e)
        return clean_value(self.text[s:e])

    def _template(self, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        self.options_at = None
        if s < e:
            self.decl.source.template.append(self.smap.span(s, e))

    def _template_label(self, start: int, end: int) -> None:
        """A label that is part of the form (a heading): template, and kept
        under ``/$template/N`` so that a misspelt heading can be reported."""
        s, e = trim(self.text, start, end)
        self.options_at = None
        if s >= e:
            return
        key = f"/$template/{len(self.decl.source.template)}"
        self.decl.source.labels[key] = Label(clean_label(self.text[s:e]), self.smap.span(s, e))
        self.decl.source.template.append(self.smap.span(s, e))

    def unrecognized(self, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        if s >= e:
            return
        self.options_at = None
        if self._amount_unit(s, e):
            return
        if self.needs_year:
            # the look-ahead may read a little past the cell ("…项目)2022年\n…目标表")
            ym = _YEAR_IN_TEXT.search(self.text, s, min(len(self.text), e + 40))
            if ym is not None and ym.end(next(g for g in (1, 2, 3) if ym.group(g))) <= e:
                # "…绩效目标表(2025年度)项目名称…" run together: the year is in there
                ys, ye = ym.span(next(g for g in (1, 2, 3) if ym.group(g)))
                self._year(ys, ye)
                self.unrecognized(s, ys)
                self.unrecognized(ye, e)
                return
        heading = _UNIT_HEADING.fullmatch("".join(self.text[s:e].split())) if e - s <= 40 else None
        if heading is not None:
            # "项目预算资金(万元)", "投入目标 (万元)": a heading the vocabulary does not know
            # gives the amounts of its block their unit
            self.money_unit = "万元" if "万" in heading.group(1) else "元"
            self.money_seen = True
        self._sum_cell(s, e)
        pointer = f"/unrecognized/{len(self.decl.unrecognized)}"
        self.decl.unrecognized.append(self._value(pointer, s, e))

    def _amount_unit(self, s: int, e: int) -> bool:
        """A cell that is only a unit (万, 万元, 元) right after an amount cell on the same line
        ("资金额度 4623 万": text whose spaces split cells) is that amount's unit: the money
        line takes it, its text and span run on over it."""
        last, self.unitless = self.unitless, None
        if last is None or _AMOUNT_UNIT_CELL.fullmatch(self.text, s, e) is None:
            return False
        pointer, line, vs, ve = last
        gap = self.text[ve:s]
        if gap.strip() or "\n" in gap:
            return False
        line.text = self._value(pointer, vs, e)
        line.unit = parse_amount(line.text)[1] or line.unit
        if line in self.unit_unknown:
            self.unit_unknown.remove(line)
        return True

    def _sum_cell(self, s: int, e: int) -> None:
        """Follow a 合计/总计 row of the funding table through its unrecognized cells:
        "合计 | 1780.51 | 100% | …", "金额合计 | * | 0 | 2377.15 | 0". Its amounts run up to
        the first cell that is no amount (a share, 100%, ends them; a mark, *, is passed)."""
        row = self.sum_row
        if row is not None:
            if parse_amount(self.text[s:e])[0] is not None:
                row.append((s, e, len(self.decl.unrecognized)))
                return
            if not any(ch.isalnum() for ch in self.text[s:e]):
                return
            self._close_sum_row()
        if (
            self.sum_found is None
            and self.money_seen
            and not self.decl.indicators
            and (self.table is None or self.table.kind != "indicators")
            and label_key(self.text[s:e]) in _SUM_ROW
        ):
            self.sum_row = [(s, e, len(self.decl.unrecognized))]

    def _close_sum_row(self) -> None:
        row, self.sum_row = self.sum_row, None
        if row is not None and len(row) > 1 and self.sum_found is None:
            self.sum_found = row

    def _total_from_sum_row(self) -> None:
        """A form whose total field is missing or blank, whose funding table states its 合计
        row: that row's amount is the total the form states. Of the row's amounts (小计 and
        its sources, 当年 before the years before), the whole is the largest."""
        d = self.decl
        found, total = self.sum_found, d.money.total
        if found is None or (total is not None and (total.amount is not None or (total.text or "").strip())):
            return
        if not _worth_keeping(d):
            return  # a 合计 row makes no form: an allocation list's on its own is no declaration
        (ls, le, li), amounts = found[0], found[1:]
        vs, ve, vi = max(amounts, key=lambda c: parse_amount(self.text[c[0] : c[1]])[0] or Decimal(0))
        spans = d.source.spans
        kept = [i for i in range(len(d.unrecognized)) if i not in (li, vi)]
        moved = {new: spans.pop(f"/unrecognized/{old}", None) for new, old in enumerate(kept)}
        for i in range(len(d.unrecognized)):
            spans.pop(f"/unrecognized/{i}", None)
        d.unrecognized = [d.unrecognized[i] for i in kept]
        for new, span in moved.items():
            if span is not None:
                spans[f"/unrecognized/{new}"] = span
        if total is not None:
            # the blank total field (a column's heading) stays, as a line
            d.money.lines.append(total)
            _swap_pointers(d.source, "/money/total", f"/money/lines/{len(d.money.lines) - 1}")
            d.money.total = None
        self._assign_money("total", ls, le, vs, ve, label_is_template=False)

    def unrecognized_text(self, s: int, e: int) -> None:
        """``unrecognized`` for trimmed text that holds no year (no digit, no 年)."""
        pointer = f"/unrecognized/{len(self.decl.unrecognized)}"
        self.decl.unrecognized.append(self._value(pointer, s, e))

    @property
    def idle(self) -> bool:
        """Nothing waits for the next cell: no label, no queued labels, no table."""
        return self.pending is None and not self.queued and self.table is None

    @property
    def needs_year(self) -> bool:
        return self.decl.year_text is None or self.year_from_heading

    @property
    def substantive(self) -> bool:
        return self.labels_seen > 0

    def project_heading(self, s: int, e: int, ns: int, ne: int) -> None:
        """ "某某项目项目绩效目标": a heading that names the project: its name, and
        the words after it the name's label."""
        self._close_pending()
        if "/name" in self.decl.source.labels:
            self.unrecognized(s, e)
            return
        self._label("/name", ne, e)
        self.decl.name = self._value("/name", ns, ne)
        self.labels_seen += 1
        year = _TITLE_YEAR.search(self.text, ns, ne)
        if year is not None and self.needs_year:
            # "章贡区2019年林业有害生防治项目": the project's year, where the form gives none
            self._year(*year.span())

    # -- cell splitting ------------------------------------------------------
    def split(self, cell: Cell) -> list[Segment]:
        """Cut a cell into labels, values and template text (其中：)."""
        start = cell.start
        piece = self.text[start : cell.end]
        cache = self.vocab.split_cache
        key = (piece, self.fused)
        parts = cache.get(key)
        if parts is None:
            # the cut depends on the cell's text alone: templates repeat their cells
            parts = split_piece(piece, self.fused, self.vocab)
            if len(cache) >= _SPLIT_CACHE_SIZE:
                cache.clear()
            cache[key] = parts
        return [Segment(kind, start + s, start + e, info) for kind, s, e, info in parts]

    # -- rows ----------------------------------------------------------------
    def add_row(self, row: Row, cells: list[tuple[int, int]] | None = None) -> None:
        """Read ``row``; ``cells`` are its cells trimmed, when the caller has them."""
        text = self.text
        if cells is None:
            cells = [trim(text, c.start, c.end) for c in row.cells]
        self.row_cells = cells
        if not self.fused:
            self._close_sum_row()  # a row of cells ends a 合计 row (text a cell a line runs on)
        match = self.vocab.match
        infos = [match(text[s:e]) if s < e else None for s, e in cells]
        if not self.fused:
            if self.list_cols is not None and self._list_row(cells):
                return
            self._list_header(cells, infos)
        if self.goal_stack:
            nonblank = [i for i, (s, e) in enumerate(cells) if s < e]
            if not nonblank or self._goal_stack_row(row, cells, infos, nonblank):
                self.last_cells = cells
                return  # (a blank row between the headings and the goals is no cell of either)
        broken, self.broken = self.broken, None
        if broken is not None and self.pending is broken:
            filled = [i for i, (s, e) in enumerate(cells) if s < e]
            if (
                row.stream
                or len(filled) < 2
                or filled[0] != 0
                or infos[0] is not None
                or not any(info is not None and info.kind in FIELD_KINDS for info in infos[1:])
            ):
                # not the rest of a broken row (the value, then the row's next label and
                # its value): a column of headings one a line, or a label with no value
                self._close_pending_blank()
        kinds = [inf.kind for inf in infos if inf is not None]
        for col_kind, kind in (("indicator_col", "indicators"), ("schedule_col", "schedule")):
            if kinds.count(col_kind) >= 2:
                self._close_pending()
                if self.table is None or self.table.kind != kind:
                    self._end_table()
                    self.table = _Table(kind)
                self.labels_seen += 1
                table = self.table
                if table.opening_header() and len(kinds) == len([c for c in cells if c[0] < c[1]]):
                    # more headings of a header given a few a line (see _table_row)
                    table.columns.extend(inf.key for inf in infos if inf is not None)
                    for s, e in cells:
                        self._template(s, e)
                    return
                self._header(cells, infos)
                return
        if self.table is not None:
            if self._table_row(row, cells, infos):
                return
            self._end_table()
        nonblank = [i for i, (s, e) in enumerate(cells) if s < e]
        if not self.goal_stack and self._goal_heading_row(row, cells, infos, nonblank):
            self.last_cells = cells
            return
        if self.goal_heads:
            if self._goal_values(row, [cells[i] for i in nonblank], [infos[i] for i in nonblank]):
                self.last_cells = cells
                return
        elif (
            len(nonblank) >= 3
            and not row.stream
            and (head := infos[nonblank[0]]) is not None
            and _opens_goals(head)
            and self._goal_header([cells[i] for i in nonblank], [infos[i] for i in nonblank])
        ):
            self.last_cells = cells
            return
        if len(nonblank) >= 3 and sum(label_key(text[s:e]) in self.vocab.column_words for s, e in cells) >= 2:
            # 序号 | 项目单位 | 补助项目 | 补助金额 | 备注: the headings of an allocation list
            self._close_pending()
            for s, e in cells:
                self._template(s, e)
            return
        if nonblank:
            first = infos[nonblank[0]]
            if first is not None and first.kind in TABLE_STARTS and len(nonblank) > 1:
                # "部门整体支出年度绩效指标 | 产出指标 | …": the table label, then data
                self._close_pending()
                self.labels_seen += 1
                self.table = _Table("indicators" if first.kind == "indicator_start" else "schedule")
                self._table_row(row, cells, infos)
                return
        if self.money_head is not None:
            self._amounts_row(cells)
        if self.total_column is not None and not self._column_line(cells, infos):
            self.total_column = None
        for cell, (s, e) in zip(row.cells, cells):
            if (s, e) in self.taken:
                continue  # the amount of a money heading above (see _money_column)
            self._field_cell(cell, row, s, e)
        self.last_cells = cells
        if (
            self.pending is not None
            and not row.stream
            and row.cells
            and row.cells[-1].table
            and self.owner.layout in ("tabbed", "pipe")
            and self.pending[0].kind not in STRUCTURAL
        ):
            if self._broken_after_label(row, cells):
                self.broken = self.pending
            else:
                # In a table a label's value is in the same row; a label that
                # ends its row has a blank value.
                self._close_pending_blank()

    def _broken_after_label(self, row: Row, cells: list[tuple[int, int]]) -> bool:
        """A row that is a field label alone, not even an empty cell after it ("项目 名称 |"
        then "物业管理费支出 | 本年度申请资金 | 282.92"): the page broke the table's row after
        its first cell, so the label's value opens the next row (a blank value has its cell),
        when that row holds the rest of the row: the value, then the next label (see add_row)."""
        assert self.pending is not None
        info, ls, le = self.pending
        return (
            len(row.cells) == 1
            and info.kind in FIELD_KINDS
            and cells[0][0] < cells[0][1]
            and trim(self.text, ls, le) == cells[0]
        )

    def _goal_header(self, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> bool:
        """A row "总体目标 | 实施周期总目标(2022年--2024年) | 年度目标" (or "项目绩效目标 |
        项目总目标 | 年度总体目标"): the goal label or heading of the
        block, then the headings of its goal columns, one of them a heading the
        vocabulary does not know (a qualifier and 目标, its period in brackets, or
        the period alone: "总体目标 | 2022年—2024年 | 年度目标").  The
        goals are in the row below, in the order of the headings; True when handled."""
        if len(cells) < 3 or infos[0] is None or not _opens_goals(infos[0]) or self.pending is not None:
            return False
        heads: list[tuple[str, int, int]] = []
        unknown = False
        for (s, e), info in zip(cells[1:], infos[1:]):
            if info is not None and info.kind == "goal":
                heads.append((info.key, s, e))
                continue
            piece = self.text[s:e]
            if info is None and _PERIOD_HEADING.fullmatch("".join(piece.split())) is not None:
                # "总体目标 | 2022年—2024年 | 年度目标": the period heads the column of the goal
                # of the whole period
                heads.append(("long_term", s, e))
                unknown = True
                continue
            if info is not None or len(piece) > 30 or _GOAL_HEADING.fullmatch(piece) is None:
                return False
            year = _YEAR_WORD.search(piece) is not None and not _PERIOD_BLOCK.search(piece)
            heads.append(("annual" if year else "long_term", s, e))
            unknown = True
        if not unknown or len({k for k, _s, _e in heads}) != len(heads):
            return False
        self._close_pending()
        self.labels_seen += 1
        self._template_label(*cells[0])
        self.goal_heads = heads
        return True

    def _heading_cells(
        self, row: Row, cells: list[tuple[int, int]], infos: list[LabelInfo | None], nonblank: list[int]
    ) -> list[tuple[LabelInfo | None, int, int]] | None:
        """The cells of a table row that holds goal headings and nothing else, side by side
        (no blank cell between two of them: a blank there is a label's blank value), or None."""
        if (
            row.stream
            or not nonblank
            or len(nonblank) > 3
            or nonblank[-1] - nonblank[0] + 1 != len(nonblank)
            or not row.cells
            or not row.cells[-1].table
            or self.owner.layout not in ("tabbed", "pipe")
            or self.table is not None
        ):
            return None
        heads: list[tuple[LabelInfo | None, int, int]] = []
        for i in nonblank:
            s, e = cells[i]
            info = infos[i]
            if info is not None and info.kind == "goal":
                heads.append((info, s, e))
            elif info is None and e - s <= 30 and _GOAL_HEADING.fullmatch(self.text[s:e]) is not None:
                heads.append((None, s, e))
            else:
                return None
        return heads

    def _goal_heading_row(
        self, row: Row, cells: list[tuple[int, int]], infos: list[LabelInfo | None], nonblank: list[int]
    ) -> bool:
        """A row of goal labels alone, opening with a label the vocabulary knows ("总 体 目 标 |",
        "总体目标 | 中期目标(2023年—2023年) | 年度目标 |"): in a table a label's value is in
        its row, so such a row is a block of goal columns whose texts are in the rows
        below (see _goal_stack_row); True when taken."""
        if self.pending is not None or self.goal_heads:
            return False
        heads = self._heading_cells(row, cells, infos, nonblank)
        if heads is None or heads[0][0] is None:
            return False
        self.goal_stack = heads
        self.goal_fill = False
        self.labels_seen += 1
        return True

    def _goal_stack_row(
        self, row: Row, cells: list[tuple[int, int]], infos: list[LabelInfo | None], nonblank: list[int]
    ) -> bool:
        """A row after a row of goal headings: more headings (the block's columns given one
        a line), or the goals: plain text cells, in the order of the headings, a row or
        several, until every heading has its text.  The first heading is the block's own
        label when more headings follow it (总体目标 over 中期目标 and 年度目标).  Anything
        else ends the block: a known goal label with no text gets a blank goal, as a label
        alone in its row does; an unknown heading stays template text.  True when taken."""
        if not self.goal_fill:
            more = self._heading_cells(row, cells, infos, nonblank)
            if more is not None:
                self.goal_stack.extend(more)
                return True
        heads = self.goal_stack
        if len(heads) > 1 and not self.goal_fill:
            self._template_label(heads[0][1], heads[0][2])
            heads = heads[1:]
        filled = [cells[i] for i in nonblank]
        fits = (
            not row.stream
            and self.table is None
            and 0 < len(filled) <= len(heads)
            and all(infos[i] is None for i in nonblank)
        )
        if not fits:
            self._end_goal_stack(heads)
            return False
        for (info, hs, he), (vs, ve) in zip(heads, filled):
            if info is None:
                piece = self.text[hs:he]
                year = "年度" in piece and not _PERIOD_BLOCK.search(piece)
                info = LabelInfo("goal", "annual" if year else "long_term", piece)
            self._assign(info, hs, he, vs, ve)
        rest = heads[len(filled) :]
        self.goal_stack = rest
        self.goal_fill = bool(rest)
        return True

    def _end_goal_stack(self, heads: list[tuple[LabelInfo | None, int, int]]) -> None:
        """End a block of goal headings: a heading left with no cell under it once its
        texts have begun is a heading (a merged cell spans it), not a blank goal."""
        begun, self.goal_stack, self.goal_fill = self.goal_fill, [], False
        for info, hs, he in heads:
            if info is None or begun:
                self._template_label(hs, he)
            else:
                self._assign(info, hs, he, he, he)

    def _goal_values(self, row: Row, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> bool:
        """The row under a row of goal headings: its cells are the goals, in order
        (a heading with no cell under it stays a heading: the goal is not there to
        be read, which is not a blank goal).  False, the headings kept as template
        text, when the row is something else (labels, or more cells than headings)."""
        heads, self.goal_heads = self.goal_heads, []
        fits = not row.stream and 0 < len(cells) <= len(heads) and all(info is None for info in infos)
        for n, (key, hs, he) in enumerate(heads):
            if fits and n < len(cells):
                self._assign(LabelInfo("goal", key, self.text[hs:he]), hs, he, *cells[n])
            else:
                self._template_label(hs, he)
        return fits

    def _close_pending(self) -> None:
        """Drop a structural label, give a field label a blank value."""
        while self.queued:
            info, start, end = self.queued.pop(0)
            self._assign(info, start, end, end, end)
        if self.pending is None:
            return
        if self.pending[0].kind in STRUCTURAL:
            self.pending = None
        else:
            self._close_pending_blank()

    def _close_pending_blank(self) -> None:
        if self.pending is None:
            return
        info, start, end = self.pending
        self.pending = None
        self._assign(info, start, end, end, end)

    def _field_cell(self, cell: Cell, row: Row, s: int, e: int) -> None:
        """Read ``cell`` (trimmed: ``[s, e)``) outside a table."""
        if s >= e:
            if self.pending is not None and self.pending[0].kind not in STRUCTURAL:
                info, ls, le = self.pending
                self.pending = None
                self._assign(info, ls, le, s, s)
            return
        if not self.has_title and not self.substantive and _form_title(self.vocab, self.text[s:e]):
            self._title(s, e)
            return
        if self.decl.title and self.text[s:e] == self.decl.title and not self.substantive:
            self._template(s, e)  # the heading shown twice (a page's title over its text)
            return
        if e - s <= 60 and self.vocab.listed_title(self.text[s:e]):
            self.unrecognized(s, e)  # "2.绩效目标表" in a notice's list of attachments
            return
        if self.fused and self.table is None and self._list_headings(s, e):
            # "序号 镇、村 项目名称 项目内容 资金投入(万元)…": the headings of an allocation list
            self._close_pending()
            self._template(s, e)
            return
        if _FILE_NAME.search(self.text, s, e) and not self.substantive:
            # "…2023年整体绩效目标申报.pdf": a file name above the form, no labels in it
            self.unrecognized(s, e)
            return
        segs = self.split(Cell(s, e, cell.table))
        if (
            self.owner.layout == "lines"
            and len(segs) == 2
            and segs[0].kind == "value"
            and segs[1].info is not None
            and segs[1].info.kind == "money_group"
            and segs[0].end - segs[0].start >= 6
            and _NUMBERING.match(self.text, segs[0].start, segs[0].end) is None
        ):
            # "2024年开展“助老颐养”公益项目资金" on a line of its own: the heading of a money
            # block opens its line or stands alone ("二、项目资金"); at the end of a line of
            # value text it is the value's own words
            segs = [Segment("value", s, e, None)]
        for seg in segs:
            if seg.kind == "template":
                self._template(seg.start, seg.end)
            elif seg.kind == "label":
                if (
                    self.queue_labels
                    and self.pending is not None
                    and self.pending[0].kind not in STRUCTURAL
                    and seg.info is not None
                    and seg.info.kind not in STRUCTURAL | TABLE_COLUMNS
                    and not _SEAL.search(self.text, self.pending[1], self.pending[2])
                ):
                    # PDF text: a block of labels, then their values in order (a
                    # label with a seal note, 申报单位(盖章), has the seal for a value)
                    self.queued.append(self.pending)
                    self.pending = None
                elif self._money_header(seg):
                    pass  # the total's heading over a column, another money heading next to it
                else:
                    self._close_pending()
                self._start_label(seg)
            else:
                self._value_segment(seg.start, seg.end)

    def _money_column(self, info: LabelInfo, ls: int, le: int, start: int, end: int) -> bool:
        """A money heading over a column, its amount in the 合计 row below:
        "项目资金申请(万元) 项 目 上年度安排资金 本年度申请资金" then "合 计 213.4 259".
        The heading's place from the right of its row is the amount's place from
        the right of the 合计 row's amounts; True when the amount was taken."""
        if label_key(self.text[start:end]) not in _TOTAL_ROW or self.owner.layout != "spaced":
            return False
        header = [c for c in self.last_cells if c[0] < c[1]]
        row = [c for c in self.row_cells if c[0] < c[1]]
        place = next((len(header) - 1 - i for i, c in enumerate(header) if c[0] <= ls < c[1]), None)
        if place is None or not row or row[0] != (start, end):
            return False
        amounts = []
        for c in row[1:]:
            if parse_amount(self.text[c[0] : c[1]])[0] is None:
                break
            amounts.append(c)
        if place >= len(amounts) or len(amounts) > len(header) - 1:
            return False
        vs, ve = amounts[len(amounts) - 1 - place]
        self._template(start, end)
        self._assign(info, ls, le, vs, ve)
        self.taken.add((vs, ve))
        if info.key == "total" and len(amounts) >= 2:
            self.total_column = (len(amounts), len(amounts) - 1 - place)
        return True

    def _column_line(self, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> bool:
        """A row of a money table whose 合计 row placed the total's column (see
        ``_money_column``): a money line's label, then as many amounts as the 合计 row
        gives ("区级资金 130 300" under "上年度安排资金 本年度申请资金"), takes the amount
        of the total's column, not the first.  False when the row is not such a line,
        nor a blank row or a money label with no amounts (the table has ended)."""
        assert self.total_column is not None
        count, at = self.total_column
        filled = [(c, inf) for c, inf in zip(cells, infos) if c[0] < c[1]]
        if not filled:
            return True
        (ls, le), info = filled[0]
        if info is None or info.kind != "money" or info.key == "total":
            return False
        rest = [c for c, _ in filled[1:]]
        if not rest:
            return True  # "市级资金": a line with no amounts
        if len(rest) != count or any(parse_amount(self.text[s:e])[0] is None for s, e in rest):
            return False
        self._close_pending()
        self._assign(info, ls, le, *rest[at])
        self.taken.update([(ls, le), rest[at]])
        return True

    def _await_amounts(self, key: str, ls: int, le: int) -> None:
        """The total's heading in a header row of money headings, right after the block's label
        (or opening the row): its amount is the first of the row of amounts below (see
        ``_amounts_row``).  Only the first heading's place is sure: a heading over several
        columns (财政资金 over 中央 | 省级 | 市级 | 本级) moves the places of those after it."""
        if key != "total" or self.owner.layout not in ("pipe", "tabbed") or self.decl.money.total is not None:
            return
        row = [c for c in self.row_cells if c[0] < c[1]]
        at = next((i for i, c in enumerate(row) if c[0] <= ls < c[1]), None)
        if at is None or at > 1:
            return
        info = self.vocab.match(self.text[ls:le])
        if info is not None:
            self.money_head, self.money_head_rows = (info, ls, le), 2

    def _money_header(self, seg: Segment) -> bool:
        """The total's label waits for its value and the next cell of its row is another money
        heading ("年度资金总额(万元) | 财政拨款(万元) | 自筹"): a header row, the amounts in the
        row below (see ``_await_amounts``); True when the total's label was taken as such."""
        pending = self.pending
        if pending is None or pending[0].kind != "money" or seg.info is None or seg.info.kind != "money":
            return False
        info, ls, le = pending
        if not any(c[0] <= ls < c[1] for c in self.row_cells):
            return False
        self._await_amounts(info.key, ls, le)
        if self.money_head is None:
            return False
        self.pending = None
        self._template_label(ls, le)
        return True

    def _sub_heading(self, s: int, e: int) -> bool:
        """A short cell that names a source of money or none the vocabulary knows (中央, 省级,
        自筹): a sub-heading of a money header; a field's label is none."""
        info = self.vocab.match(self.text[s:e])
        return e - s <= 12 and (info is None or info.kind in ("money", "money_group"))

    def _amounts_row(self, cells: list[tuple[int, int]]) -> None:
        """A row of amounts alone below the total's heading (see ``_await_amounts``), the rows
        of sub-headings between them skipped ("中央 | 省级 | 市级资金 | 本级"): the first amount
        is the total; the others stay unread.  Any other row ends the wait."""
        assert self.money_head is not None
        filled = [c for c in cells if c[0] < c[1]]
        amounts = [parse_amount(self.text[s:e])[0] is not None for s, e in filled]
        if filled and all(amounts):
            info, ls, le = self.money_head
            self.money_head = None
            self._assign(info, ls, le, *filled[0])
            self.taken.add(filled[0])
        elif (
            filled
            and not any(amounts)
            and self.money_head_rows > 0
            and len(filled) >= 2
            and all(self._sub_heading(s, e) for s, e in filled)
        ):
            self.money_head_rows -= 1  # a row of sub-headings
        else:
            self.money_head = None

    def _list_headings(self, s: int, e: int) -> bool:
        """Whether a line of words separated by spaces holds two headings of
        another table (序号, 金额, 补助金额 …) among three words or more."""
        words = self.text[s:e].split()
        return len(words) >= 3 and sum(label_key(w) in self.vocab.column_words for w in words) >= 2

    def _start_label(self, seg: Segment) -> None:
        info = seg.info
        assert info is not None
        self.labels_seen += 1
        self._close_sum_row()
        if info.kind in ("money", "money_group"):
            self.money_seen = True
        if info.kind in TABLE_STARTS:
            self._end_table()
            self._template_label(seg.start, seg.end)
            self.table = _Table("schedule" if info.kind == "schedule_start" else "indicators")
            self.pending = (info, seg.start, seg.end)
            return
        if info.kind in ("schedule_col", "indicator_col"):
            kind = "schedule" if info.kind == "schedule_col" else "indicators"
            table = self.table
            if table is not None and table.kind == kind and not table.rows and not table.buffer:
                # "一级指标二级指标指标内容指标值" run together: one header
                if not table.collecting:
                    table.columns, table.width = [], 0
                table.columns.append(info.key)
                table.collecting = True
                self._template(seg.start, seg.end)
                return
            # a header outside its table: start the table implicitly
            self._end_table()
            self.table = _Table(
                "schedule" if info.kind == "schedule_col" else "indicators", columns=[info.key], collecting=True
            )
            self._template(seg.start, seg.end)
            return
        if info.kind == "money_group":
            unit = unit_from_label(self.text[seg.start : seg.end])
            if unit:
                self.money_unit = unit
        if info.kind in STRUCTURAL:
            self._template_label(seg.start, seg.end)
        self.pending = (info, seg.start, seg.end)

    def _value_segment(self, start: int, end: int) -> None:
        if self.queued:
            info, ls, le = self.queued.pop(0)
            while info.kind == "money" and not self._amount_like(start, end):
                # "年度资金总额: 市县财政资金 … 立项依据 根据…文件": a sentence is not an
                # amount; the money label of the block was left blank
                self._assign(info, ls, le, ls, ls)
                if not self.queued:
                    if self.pending is not None and self.pending[0].kind == "money":
                        self._close_pending()  # blank too
                        self.unrecognized(start, end)
                    else:
                        self._value_segment(start, end)  # the pending label's
                    return
                info, ls, le = self.queued.pop(0)
            if (
                info.kind != "money"
                and _PLAIN_AMOUNT.fullmatch(self.text[start:end].strip())
                and (
                    any(q[0].kind == "money" for q in self.queued)
                    or (self.pending is not None and self.pending[0].kind == "money")
                )
            ):
                # "项目期 实施期资金总额: 1,000,000": an amount is for the money label
                # of the block; the labels before it were left blank
                while info.kind != "money":
                    self._assign(info, ls, le, ls, ls)
                    if not self.queued:
                        self._value_segment(start, end)  # the pending money label's
                        return
                    info, ls, le = self.queued.pop(0)
            self._assign(info, ls, le, start, end)
            return
        if self.needs_year and self.fused and not self.from_item:
            # (a prose project's year is that of its period, not one its text speaks of)
            ym = _YEAR_IN_TEXT.search(self.text, start, end)
            if ym is not None and ym.group(3) and self._heading_line(start, end):
                # "…文化馆2021年预算重点领域财政项目文本公开": the document's heading names its year
                self._title(start, end)
                return
            if ym is not None:
                ys, ye = ym.span(next(g for g in (1, 2, 3) if ym.group(g)))
                own = _TABLE_TITLE_YEAR.search(self.text, start, end)
                first = False
                if own is not None and own.start(1) != ys:
                    # "附件:1.2024年…分配表 2.2023年…绩效目标表": of the tables a text names,
                    # the target table is the form, its year the form's (taken before the
                    # text ahead of it is read, where the other table's year stands)
                    ys, ye = own.span(1)
                    self._year(ys, ye)
                    first = True
                if trim(self.text, start, ys)[0] < ys:
                    self._value_segment(start, ys)
                if not first:
                    self._year(ys, ye)
                self.unrecognized(ye, end)
                return
        if self.pending is None and self.options_at is not None and self._more_options(start, end):
            return
        table = self.table
        if (
            self.pending is not None
            and self.pending[0].kind in ("goal", "heading")
            and self.vocab.category(self.text[start:end]) is not None
        ):
            # "年度绩效目标 | 产出指标 | …": the goal is stated as indicators
            self._close_pending()
        if (
            (self.pending is None or self.pending[0].kind in TABLE_STARTS)
            and (table is None or table.kind == "indicators")
            and self._inline_here(start, end)
        ):
            self.pending = None
            self._inline(start, end)
            return
        if self.pending is None:
            self.unrecognized(start, end)
            return
        info, ls, le = self.pending
        if info.kind in TABLE_STARTS:
            self.unrecognized(start, end)
            return
        if (
            (info.kind == "money_group" or (info.kind == "money" and info.key == "total"))
            and label_key(self.text[start:end]) in _TOTAL_SUBLABEL
            and self.decl.money.total is None
            and self.owner.layout != "spaced"  # there a 合计 row stands under column headings
        ):
            # "项目资金(万元) | 合计 | 1800", "预算金额 / 总金额 / 50万元": the total, under a
            # sub-label that names the whole amount (the parts follow in rows of their own)
            if info.kind == "money":
                self._template_label(ls, le)
            self.pending = (LabelInfo("money", "total", self.text[start:end]), start, end)
            return
        if info.kind in ("field", "money", "extra") and label_key(self.text[start:end]) in self.vocab.column_words:
            # "项目名称 | 金额 | 备注": headings of a table (an allocation list), not a value
            self.pending = None
            if info.kind == "money" and self._money_column(info, ls, le, start, end):
                return
            self._template_label(ls, le)
            self._template(start, end)
            return
        if info.kind == "money" and _UNIT_NOTE.fullmatch(self.text[start:end].strip()):
            # "年度预算安排 / (万元)": the label's unit, broken onto a line of its own
            unit = _UNIT_NOTE.fullmatch(self.text[start:end].strip())
            assert unit is not None
            self.money_unit = "万元" if "万" in unit.group(1) else "元"
            self._template(start, end)
            return
        self.pending = None
        if info.kind == "money_group":
            value = self.text[start:end]
            unit = _UNIT_NOTE.fullmatch(value.strip())
            if unit is not None:
                # "资金情况\n(万元)": the group label's unit, broken onto its own line
                self.money_unit = "万元" if "万" in unit.group(1) else "元"
                self._template(start, end)
                self.pending = (info, ls, le)
                return
            if parse_amount(value)[0] is not None:
                # "资金情况（万元） | 50" : an amount right after a group label is the total
                self._assign(LabelInfo("money", "total", info.text), ls, le, start, end, label_is_template=True)
            else:
                self.unrecognized(start, end)  # a column heading such as 年初预算数
        elif info.kind == "review_group":
            self.unrecognized(start, end)
        elif info.kind == "heading":
            self._extra(info.key, ls, le, start, end)
            if info.key == "goals_block" and self._block_goal(ls, le, start, end):
                self.block_goals.append(self.decl.fields[-1])
        else:
            self._assign(info, ls, le, start, end)

    def _list_header(self, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> None:
        """Notice a list of projects, one project a row: a header row that names 项目名称 among
        four column headings or more (the cell after it a heading too, not a name), with two 一级
        categories or more as columns of it or of the header rows right below (序号 | 项目名称 |
        实施单位 | 资金 | 产出指标 | 效益指标 | 满意度指标). Such a table is no form's indicator
        table; the reading notes say so (``/$template/project-list``)."""
        text = self.text
        filled = [i for i, (s, e) in enumerate(cells) if s < e]
        for i in filled:
            info = infos[i]
            if info is None or info.kind != "field" or info.key != "name" or len(filled) < 4 or i + 1 >= len(cells):
                continue
            ns, ne = cells[i + 1]
            nxt = infos[i + 1]
            if ns < ne and (nxt is not None or label_key(text[ns:ne]) in self.vocab.column_words):
                self.list_head = (cells[i], 4, set())
                self.list_rows = []
                break
        head = self.list_head
        if head is None:
            return
        self.list_rows.append(cells)
        found = [self.vocab.category(text[s:e]) for s, e in cells if s < e]
        if not any(c is not None and c[0] == 2 for c in found):
            # categories side by side, none of them 二级: headings of columns, not a row's levels
            head[2].update(c[1] for c in found if c is not None and c[0] == 1)
        if len(head[2]) >= 2:
            s, e = head[0]
            self.decl.source.labels["/$template/project-list"] = Label(clean_label(text[s:e]), self.smap.span(s, e))
            self.list_head = None
            self.list_cols = _list_columns(self.list_rows, self.vocab, text)
        else:
            self.list_head = (head[0], head[1] - 1, head[2]) if head[1] > 1 else None

    def _list_row(self, cells: list[tuple[int, int]]) -> bool:
        """A row of a list of projects: one project, this form's, or the next form's (handed
        off). A row that does not fit the columns (a 合计 row, a note) ends the list."""
        cols = self.list_cols
        assert cols is not None
        text = self.text
        filled = [(s, e) for s, e in cells if s < e]
        if (
            filled
            and self.list_rows
            and not self.list_taken
            and all((self.vocab.category(text[s:e]) or (0, ""))[0] == 1 for s, e in filled)
        ):
            # more category headings below the header (满意度 指标 on a row of its own): the
            # header goes on
            self.list_rows.append(cells)
            self.list_cols = _list_columns(self.list_rows, self.vocab, text)
            for s, e in filled:
                self._template(s, e)
            return True
        cols = self.list_cols
        if cols is None:
            return False
        name = next((i for i, (s, e) in enumerate(cols) if self._list_role(s, e)[0] == "name"), None)
        if len(cells) != len(cols) or name is None or cells[name][0] >= cells[name][1]:
            self.list_cols = None
            return False
        if self.list_taken:
            self.handoff = cells
            return True
        self._list_start()
        self.list_taken = True
        # one project of a list: read as its own form, with no form's other parts around it
        hs, he = cols[name]
        d = self.decl
        d.source.labels.pop("/$template/project-list", None)
        d.source.labels["/$template/project-row"] = Label(clean_label(self.text[hs:he]), self.smap.span(hs, he))
        for (hs, he), (s, e) in zip(cols, cells):
            if s >= e:
                continue
            role, info = self._list_role(hs, he)
            if role == "level1":
                self._list_targets(hs, he, s, e)
            elif role == "total" and self.decl.money.total is None and parse_amount(self.text[s:e])[0] is not None:
                self._assign(LabelInfo("money", "total", clean_label(self.text[hs:he])), hs, he, s, e)
            elif role in ("name", "field") and info is not None:
                self._assign(info, hs, he, s, e)
            else:
                self.unrecognized(s, e)
        return True

    def _list_role(self, hs: int, he: int) -> tuple[str, LabelInfo | None]:
        """What a column of a list of projects holds, by its heading."""
        heading = self.text[hs:he]
        info = self.vocab.match(heading)
        cat = self.vocab.category(heading)
        if cat is not None and cat[0] == 1:
            return "level1", None
        if info is not None and info.kind == "field" and info.key == "name":
            return "name", info
        if info is not None and info.kind == "money" or _LIST_MONEY.search(label_key(heading)):
            return "total", info
        if info is not None and info.kind in ("field", "extra"):
            return "field", info
        return "other", info

    def _list_start(self) -> None:
        """The first project of a list: what the header rows gave as this form's fields (a
        blank 项目名称, a heading read as the goal) was headings; they are template text."""
        d = self.decl
        self.pending, self.queued = None, []
        self.block_goals = []  # a 绩效目标 heading over the list's columns is no goal
        self._end_table()
        rows = self.list_rows
        if rows:
            first = min(s for row in rows for s, _ in row)
            last = max(e for row in rows for _, e in row)
            for pointer, span in list(d.source.spans.items()):
                start = self.smap.offset(span.line, span.column)
                if not (first <= start <= last) or pointer.startswith(("/unrecognized/", "/indicators", "/fields")):
                    continue
                parts = pointer.split("/")
                if parts[1] in ("name", "department", "implementing_unit", "attribute_text"):
                    setattr(d, parts[1], None)
                elif parts[1] == "goals" and len(parts) == 3:
                    d.goals.pop(parts[2], None)
                elif pointer == "/money/total":
                    d.money.total = None
                else:
                    continue
                del d.source.spans[pointer]
                label = d.source.labels.pop(pointer, None)
                if label is not None and label.span is not None:
                    d.source.template.append(label.span)
                d.source.template.append(span)
        # (no value column: a cell that is no list of targets is a row with no value, not a blank one)
        self.table = _Table("indicators", columns=["level1", "content"])

    def _list_targets(self, hs: int, he: int, s: int, e: int) -> None:
        """The targets of one project in one category's column: each a row of that category
        (受益户数≥200户,受益脱贫户数≥15户 is two; a cell that is no list of targets is one
        row, named by the whole cell)."""
        text = self.text
        pieces = [trim(text, m.start(), m.end()) for m in _LIST_PIECE.finditer(text, s, e)]
        pieces = [p for p in pieces if p[0] < p[1]]
        splits = [self._split_trailing_value(*p) for p in pieces]
        if len(pieces) < 2 or any(sp is None for sp in splits):
            pieces, splits = [(s, e)], [self._split_trailing_value(s, e)]
        else:
            for (_, end), (start, _) in zip(pieces, pieces[1:]):
                self._template(end, start)  # the comma between two targets
            self._template(pieces[-1][1], e)
        for piece, sp in zip(pieces, splits):
            if sp is None:
                self._emit_indicator({"level1": (hs, he), "content": piece})
            else:
                self._emit_indicator({"level1": (hs, he), "content": sp[0], "value": sp[1]})

    def _more_options(self, start: int, end: int) -> bool:
        """Options with their boxes right after the attribute's option list, with nothing read
        in between (the next cell of its row, or a line the list wrapped onto): the rest of that
        list; the tick may be there (新增项目□ ⏎ 延续项目√)."""
        assert self.options_at is not None
        vs = self.options_at[0]
        s, e = trim(self.text, start, end)
        if s >= e or not options_only(self.text[s:e]):
            return False
        if option_names(self.text[s:e]) & option_names(self.text[vs:s]):
            return False  # an option named again: another list, not the rest of this one
        d = self.decl
        d.attribute_text = self._value("/attribute_text", vs, e)
        ticked = parse_ticks(d.attribute_text)
        d.attribute = ticked[0] if len(ticked) == 1 else None
        self.options_at = (vs, e)
        return True

    def _amount_like(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` may be a money cell: an amount, or short words
        (待定, 无) rather than a sentence."""
        text = self.text[s:e].strip()
        return len(text) <= 8 or parse_amount(text)[0] is not None or leading_amount(text) is not None

    # -- assignment ----------------------------------------------------------
    def _assign(self, info: LabelInfo, ls: int, le: int, vs: int, ve: int, label_is_template: bool = False) -> None:
        d = self.decl
        kind, key = info.kind, info.key
        if kind == "field":
            self._assign_field(key, ls, le, vs, ve)
        elif kind == "goal":
            pointer = f"/goals/{key}"
            if key in d.goals:
                self._extra("goal." + key, ls, le, vs, ve)
                return
            self._label(pointer, ls, le)
            d.goals[key] = self._value(pointer, vs, ve)
        elif kind == "money":
            self._assign_money(key, ls, le, vs, ve, label_is_template)
        elif kind == "review":
            pointer = f"/reviews/{len(d.reviews)}"
            self._label(f"{pointer}/section", ls, le)
            review = Review(section=key)
            d.reviews.append(review)
            self._review_value(review, pointer, vs, ve)
        else:  # an extra field, or a header or group label given a value
            self._extra(key, ls, le, vs, ve)

    def _assign_field(self, key: str, ls: int, le: int, vs: int, ve: int) -> None:
        d = self.decl
        if key == "year_text":
            # "预算年度 | 2023": the year in a cell of its own
            s, e = trim(self.text, vs, ve)
            if s < e and (d.year_text is None or self.year_from_heading) and _YEAR_ALONE.match(self.text, s, e):
                self._label("/year_text", ls, le)
                self._year(s, e)
                return
            if s < e and _YEAR_DIGITS.fullmatch(self.text, s, e) and d.year_text is None:
                self._label("/year_text", ls, le)
                self._year(s, e)
                return
            self._extra("year", ls, le, vs, ve)
            return
        pointer = "/attribute_text" if key == "attribute" else f"/{key}"
        if pointer in d.source.labels or pointer in d.source.spans:
            self._extra(key, ls, le, vs, ve)  # a second value for the same field
            return
        self._label(pointer, ls, le)
        if key == "department":
            title = _UNIT_TITLE.fullmatch(self.text, *trim(self.text, vs, ve))
            if title is not None:
                # "东莞展览馆2022年部门整体绩效目标" in the 部门(单位)名称 cell: the form's title,
                # which names the department before its year; the rest is the title's wording
                self._template(title.end("unit"), title.end())
                vs, ve = title.span("unit")
        text = self._value(pointer, vs, ve)
        if key == "filing_date":
            d.filing_date = parse_date(text)
        elif key == "attribute":
            d.attribute_text = text
            ticked = parse_ticks(text)
            d.attribute = ticked[0] if len(ticked) == 1 else None
            if options_only(text):
                self.options_at = trim(self.text, vs, ve)
        else:
            setattr(d, key, text)
        blank = key == "filing_unit" and d.filing_unit and _SEAL.fullmatch(d.filing_unit.strip())
        # a cell holding only another label and its colon ("单位负责人(签名):" after a blank
        # 填报单位): the next field's prompt, not this field's answer; the field is blank
        prompt = isinstance(getattr(d, key, None), str) and _PROMPT.fullmatch(text.strip())
        if blank or prompt:
            # a value that is only a seal mark, or another field's prompt, is template text
            span = d.source.spans[pointer]
            d.source.template.append(span)
            d.source.spans[pointer] = Span(span.line, span.column, span.line, span.column)
            setattr(d, key, "")

    def _assign_money(self, key: str, ls: int, le: int, vs: int, ve: int, label_is_template: bool) -> None:
        d = self.decl
        vs, ve = trim(self.text, vs, ve)
        if vs < ve and not label_is_template and _NOT_HEADING.search(self.text, vs, ve) is None:
            # "项目总预算 | 项目本年度预算 | 项目主要支出方向和用途", "年初预算数 | 全年预算数": an
            # amount cell holds a figure (or a numeral, a word of no amount yet); words alone
            # are the next heading of a header row, and the label a column's heading
            self._template_label(ls, le)
            self._template(vs, ve)
            self._await_amounts(key, ls, le)
            return
        if self.fused and not label_is_template and _DETAIL_TABLE.match(self.text, vs, ve) is not None:
            # "项目预算成本构成金额测算依据…保安服务费191…合计814662.98794.55": under the label, the
            # headings of a table of costs, then its rows run together: no amount of the label's
            # own; a figure in it is an item's or a column's, never the label's
            self._extra("money." + key, ls, le, vs, ve)
            return
        label_raw = self.text[ls:le]
        written = clean_label(label_raw).rstrip(COLONS)
        pointer = "/money/total" if key == "total" and d.money.total is None else f"/money/lines/{len(d.money.lines)}"
        if label_is_template:
            s, e = trim(self.text, ls, le)
            self.decl.source.labels[pointer] = Label(clean_label(self.text[s:e]), None)
        else:
            self._label(pointer, ls, le)
        text = self._value(pointer, vs, ve)
        amount, unit_written = parse_amount(text) if text else (None, None)
        if amount is None and self.fused:
            amount = Decimal(text.replace(" ", "")) if _broken_decimal(text) else _repeated_amount(text)
        if amount is None and text:
            # "854万854万(…)", "12.26亿", "安排77300万元": the amount the cell starts with
            # ("财政拨款634万元": after the name of a source of funds)
            words = _LEAD_WORDS.match(text)
            info = self.vocab.match(words.group(1)) if words is not None else None
            rest = text[words.end(1) :] if words is not None and info is not None and info.kind == "money" else text
            lead = leading_amount(rest)
            after = rest[lead[2] :].strip()[:1] if lead is not None else ""
            if lead is not None and (lead[1] is not None or not (after.isdigit() or after in "年月日号%％/-.:：")):
                amount, unit_written = lead[0], lead[1]
        # the unit the form states (the label, the cell, a unit note of the block or the sheet):
        # none stated is an unknown unit, not 万元 (a form in 元 may leave it unsaid)
        unit = unit_from_label(label_raw) or unit_written or self.money_unit
        if unit_written == "元":
            unit = "元"
        line = MoneyLine(key=key, label=written, text=text, amount=amount, unit=unit)
        if not (unit_from_label(label_raw) or unit_written or self.money_unit):
            self.unit_unknown.append(line)
        if amount is not None and unit_written is None and text == self.text[vs:ve].strip():
            self.unitless = (pointer, line, vs, ve)
        if pointer == "/money/total":
            d.money.total = line
        else:
            d.money.lines.append(line)

    def _extra(self, key: str, ls: int, le: int, vs: int, ve: int) -> None:
        d = self.decl
        pointer = f"/fields/{len(d.fields)}"
        self._label(pointer, ls, le)
        text = self._value(pointer, vs, ve)
        d.fields.append(ExtraField(key=key, label=clean_label(self.text[ls:le]).rstrip(COLONS), text=text))

    def _review_value(self, review: Review, pointer: str, vs: int, ve: int) -> None:
        text = self.text
        s, e = trim(text, vs, ve)
        chunk = text[s:e]
        taken: list[tuple[int, int]] = []
        dates = list(_DATE_TEMPLATE.finditer(chunk))
        if dates:
            m = dates[-1]
            ds, de = s + m.start(), s + m.end()
            review.date = self._value(f"{pointer}/date", ds, de)
            taken.append((ds, de))
        for sm in _SEAL.finditer(chunk):
            self._template(s + sm.start(), s + sm.end())
            taken.append((s + sm.start(), s + sm.end()))
        taken.sort()
        pieces: list[tuple[int, int]] = []
        pos = s
        for ts, te in taken:
            if ts > pos:
                pieces.append(trim(text, pos, ts))
            pos = max(pos, te)
        pieces.append(trim(text, pos, e))
        pieces = [p for p in pieces if p[0] < p[1]]
        if pieces:
            # anything of the date or seal inside that range is part of the opinion text
            review.opinion = self._value(f"{pointer}/opinion", pieces[0][0], pieces[-1][1])
        else:
            anchor = s if s < e else vs
            self.decl.source.spans[f"{pointer}/opinion"] = self.smap.span(anchor, anchor)
            review.opinion = ""

    # -- title and year --------------------------------------------------------
    def _title(self, s: int, e: int) -> None:
        d = self.decl
        chunk = self.text[s:e]
        found = self.vocab.title(chunk)
        ym = _YEAR.search(chunk)
        if ym and ym.group(1).strip() and self.vocab.title(chunk[: ym.start()] + chunk[ym.end() :]):
            # "项目支出绩效目标申报表(2023年度)": title and year in one cell
            before = trim(self.text, s, s + ym.start())
            after = trim(self.text, s + ym.end(), e)
            ts, te = before if before[1] > before[0] else after
            te2 = te
            while te2 > ts and self.text[te2 - 1] in "（( \u3000":
                te2 -= 1
            if not self.vocab.title(self.text[ts:te2]):
                ts, te2 = s, e  # the year sits inside the title: keep the title whole
            d.title = self._value("/title", ts, te2)
            self._year(s + ym.start(), s + ym.end())
            for rs, re_ in ((s, ts), (te2, e)):
                self._template_outside(rs, re_, (s + ym.start(), s + ym.end()))
        else:
            d.title = self._value("/title", s, e)
            ty = _TITLE_YEAR.search(chunk)
            if ty and self.needs_year:
                # "2019年度…表", "…2022年市直部门…表": the budget year in the title
                self._year(s + ty.start(), s + ty.end())
        self.has_title = True
        if found:
            ft = found[1]
            if ft in FORM_TYPES and ft != "unknown":
                d.form_type = FORM_TYPES[ft]

    def _heading_line(self, s: int, e: int) -> bool:
        """``[s, e)`` is a heading before anything of the form: a whole line of at most 60
        characters with no clause in it, read while no title, label or value has been."""
        if self.has_title or self.substantive or e - s > 60:
            return False
        line_start = self.text.rfind("\n", 0, s) + 1
        line_end = self.text.find("\n", e)
        line = self.text[line_start : len(self.text) if line_end == -1 else line_end]
        return line.strip() == self.text[s:e].strip() and not _CLAUSE_MARK.search(line)

    def _template_outside(self, s: int, e: int, hole: tuple[int, int]) -> None:
        """Template text for ``[s, e)`` minus ``hole``."""
        for a, b in ((s, min(e, hole[0])), (max(s, hole[1]), e)):
            if a < b:
                self._template(a, b)

    def _year(self, s: int, e: int) -> None:
        d = self.decl
        if d.year_text is not None and self.year_from_heading:
            d.source.template.append(d.source.spans.pop("/year_text"))
            d.year_text, d.year, self.year_from_heading = None, None, False
        if d.year_text is not None:
            self.unrecognized(s, e)
            return
        d.year_text = self._value("/year_text", s, e)
        m = re.search(r"(?:19|20)\d{2}", re.sub(r"\s", "", d.year_text).translate(_ASCII_DIGITS))
        d.year = int(m.group(0)) if m else None

    def year_row(self, s: int, e: int) -> bool:
        """A cell that is only the year: "（  2019年度）", "(2022年度)", "2021年"."""
        chunk = self.text[s:e]
        ym = _YEAR.search(chunk) or _YEAR_ALONE.fullmatch(chunk.strip(PAD_CHARS + "()（）"))
        if ym is not None and ym.re is _YEAR_ALONE:
            ym = _YEAR_ALONE.search(chunk)
        if ym is None or not self.needs_year:
            return False
        rest = chunk[: ym.start()] + chunk[ym.end() :]
        if any(not is_pad(ch) and ch not in "()（）" for ch in rest):
            return False
        ys, ye = trim(self.text, s + ym.start(), s + ym.end())
        self._template_outside(s, e, (ys, ye))
        self._year(ys, ye)
        return True

    # -- tables --------------------------------------------------------------
    def _end_table(self) -> None:
        table = self.table
        if table is None:
            return
        self._emit_held()
        self._flush_stream()
        for s, e in table.levels.values():
            self.unrecognized(s, e)  # a category with no row under it
        table.levels.clear()
        self.table = None

    def _table_row(self, row: Row, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> bool:
        """Handle ``row`` as part of the current table; False ends the table."""
        table = self.table
        assert table is not None
        nonblank = [(i, c) for i, c in enumerate(cells) if c[0] < c[1]]
        if not nonblank:
            if row.stream and cells and table.buffer and not table.fused_tail:
                table.buffer.append(cells[0])  # an empty cell inside a stream row
                self._maybe_emit_stream()
            return True
        first_i, (fs, fe) = nonblank[0]
        first = infos[first_i]
        if table.fused_tail and not (row.stream and _TRAILING_VALUE.fullmatch(self.text, *trim(self.text, fs, fe))):
            self._split_fused_tail()  # no value below the name that ends in one
        if table.held is not None:
            if (
                not row.free
                and len(nonblank) == 1
                and first is None
                and not self._under_held_name(fs)
                and self._continue_held(fs, fe)
            ):
                return True
            self._emit_held()
        if row.free:
            return False
        if (
            _TABLE_END.match(self.text, fs, fe)
            and self.vocab.category(self.text[fs:fe]) is None
            and not self._awaited_date(row, fs, fe)
        ):
            return False  # sign-off, footnote, attachment or page chrome: the table has ended
        if (
            not row.stream
            and table.kind == "indicators"
            and self.vocab.category(self.text[fs:fe]) is None
            and any(len(_TICK_BOX.findall(self.text, s, e)) >= 2 for _i, (s, e) in nonblank)
        ):
            return False  # "评价情况 | 优秀□ 良好□ 合格□": a field of tick boxes, not an indicator
        if table.kind == "schedule" and self.fused and first is None and self._opens_section(fs, fe):
            return False  # "专项长期绩效目标组织实施…", "一级指标二级指标…": the next section
        header_hits = [inf for inf in infos if inf is not None and inf.kind == table.col_kind]
        if (
            len(header_hits) == 1
            and len(nonblank) == 2
            and first is not None
            and first.kind in TABLE_STARTS
            and not table.columns
            and not table.buffer
        ):
            # "绩效指标 | 一级指标 |", then the other headings one per line: the table's
            # label and its first heading open a header given as a stream
            self._template_label(fs, fe)
            table.columns, table.width, table.collecting = [header_hits[0].key], 0, True
            self._template(*nonblank[1][1])
            return True
        guessed = False
        if not header_hits and row.stream and table.kind == "indicators" and len(nonblank) == 1:
            # 指标, 单位 …: column headings only where a header is being read
            opening = table.collecting or (not table.columns and not table.buffer and not table.levels)
            weak = self.vocab.header_only.get(label_key(self.text[fs:fe])) if opening else None
            if weak is not None:
                header_hits = [weak]
            elif (
                table.collecting
                and any(c in LEVELS for c in table.columns)
                and first is None
                and self.vocab.category(self.text[fs:fe]) is None
                and fe - fs <= 16
                and not any(ch.isdigit() for ch in self.text[fs:fe])
            ):
                # a header whose rows open with categories: a heading it does not know (a
                # town of a town-by-indicator matrix, a 考核口径 column) is a column of its
                # own, kept under extra (the table is read in part), if a known heading or
                # a row opening with a category follows it (see _unguess_headings)
                header_hits = [LabelInfo("indicator_col", "extra:" + label_key(self.text[fs:fe]), "")]
                table.guessed.append((fs, fe))
                guessed = True
        if header_hits and len(header_hits) == len(nonblank):
            if not row.stream and table.opening_header():
                # a header given a few headings a line, its cells wrapped ("三级指标 |",
                # "指标值 | 二级指标 |", "计划指标值 | ||"): every line adds to it
                table.columns.extend(h.key for h in header_hits)
                for _i, (s, e) in nonblank:
                    self._template(s, e)
                return True
            if row.stream:
                if not table.collecting:
                    self._flush_stream()  # a new header in the stream
                    table.columns, table.width = [], 0
                if not guessed:
                    table.guessed = []  # a known heading after them: they were headings
                table.columns.append(header_hits[0].key)
                table.collecting = True
                self._template(fs, fe)
                return True
            if len(header_hits) >= 2 or not row.stream:
                self._header(cells, infos)
                return True
        if table.guessed and row.stream and self.vocab.category(self.text[fs:fe]) is None:
            self._unguess_headings()
        if table.collecting and row.stream:
            self._name_column_by_place()
        table.guessed = []
        table.collecting = False
        if (
            first is not None
            and row.stream
            and table.kind == "indicators"
            and (table.levels or table.buffer)
            and first.kind in ("schedule_col", "field", "extra", "money", "money_group", "goal")
            and len(nonblank) == 1
        ):
            # "时效指标 / 完成时间 / 2025年年底前": right after a category, or inside a
            # row, a word that is also a label elsewhere is the indicator's name
            first = None
        if (
            first is not None
            and first.kind not in (table.col_kind, *TABLE_STARTS)
            and self.vocab.category(self.text[fs:fe]) is None
        ):
            return False  # a field label: the table has ended
        if first is not None and first.kind in TABLE_STARTS and self.vocab.category(self.text[fs:fe]) is None:
            # "部门整体支出年度绩效指标 | 产出指标 | …": label column then data
            self._template_label(fs, fe)
            cells = cells[first_i + 1 :]
            if table.width:
                cells = [(fs, fs)] + cells  # keep positional alignment
            if not any(s < e for s, e in cells):
                return True
        if self.pending is not None and self.pending[0].kind in TABLE_STARTS:
            self.pending = None
        if row.stream:
            if (
                table.numbered
                and not table.buffer
                and not table.levels
                and self.vocab.category(self.text[fs:fe]) is None
                and not _ITEM_NUMBER.match(self.text, fs, fe)
                and not self._category_line(fs, fe)
            ):
                return False  # a list of numbered indicators ends at a line that is none
            self._stream_cell(cells[0])
        elif table.kind == "schedule":
            self._schedule_row(cells)
        else:
            self._indicator_row(cells)
        return True

    def _name_column_by_place(self) -> None:
        """A header given one cell per line that names no name column (no 三级指标, no
        指标名称) but has a heading it does not know right after its level columns and before
        its value column ("一级指标 / 二级指标 / 考核要点 / 指标值"): that column holds the
        indicators' names, by its place."""
        table = self.table
        assert table is not None
        cols = table.columns
        if any(c in _NAMING and c != "level2" for c in cols) or "value" not in cols:
            return
        rest = [i for i, c in enumerate(cols) if c not in LEVELS]
        first = cols[rest[0]] or "" if rest else ""
        if first.startswith("extra:") and self.vocab.match(first[6:]) is None and rest[0] < cols.index("value"):
            if rest[0] > 0 and all(c in LEVELS for c in cols[: rest[0]]):
                cols[rest[0]] = "content"

    def _unguess_headings(self) -> None:
        """The cells taken as unknown headings after a header given one cell per line
        were the first row's cells: the row under it does not open with a category, as
        the rows of a header whose headings run on past its known ones do ("一级指标 /
        … / 指标值" then "其他支出 / 某中心": a row whose level cells are empty, not two
        columns named 其他支出 and 某中心)."""
        table = self.table
        assert table is not None
        guessed, table.guessed = table.guessed, []
        keys = ["extra:" + label_key(self.text[s:e]) for s, e in guessed]
        if table.columns[-len(keys) :] != keys:
            return
        del table.columns[-len(keys) :]
        spans = {self.smap.span(*trim(self.text, s, e)) for s, e in guessed}
        template = self.decl.source.template
        template[:] = [sp for sp in template if sp not in spans]
        table.collecting = False
        for cell in guessed:
            self._stream_cell(cell)

    def _awaited_date(self, row: Row, s: int, e: int) -> bool:
        """Whether a date alone on its line is the value of a stream row that has its name
        and waits for its value ("项目完工时间" then "2021年12月31日"): a sign-off date
        never comes inside an unfinished row."""
        table = self.table
        return (
            table is not None
            and row.stream
            and table.kind == "indicators"
            and bool(table.buffer)
            and "value" in table.data_columns
            and len(table.buffer) == table.data_columns.index("value")
            and _DATE_ONLY.fullmatch(self.text, *trim(self.text, s, e)) is not None
        )

    def _opens_section(self, s: int, e: int) -> bool:
        """Whether a line of run-together cells opens with the label of another
        section (a goal, a field, an amount, the indicator table or its header):
        a schedule given one cell a line ends there, not at the end of the text."""
        segs = self.split(Cell(s, e, False))
        head = segs[0] if segs else None
        return (
            head is not None
            and head.kind == "label"
            and head.info is not None
            and head.info.kind in _SECTION_KINDS
            and len(label_key(self.text[head.start : head.end])) >= 4
        )

    def _header(self, cells: list[tuple[int, int]], infos: list[LabelInfo | None]) -> None:
        table = self.table
        assert table is not None
        self._flush_stream()
        columns: list[str | None] = []
        header_only = self.vocab.header_only
        for (s, e), inf in zip(cells, infos):
            if inf is None and s < e and table.kind == "indicators":
                inf = header_only.get(label_key(self.text[s:e]))  # 指标, 单位 … next to other headings
            if inf is not None and inf.kind == table.col_kind:
                columns.append(inf.key)
                self._template(s, e)
            elif inf is not None and inf.kind in TABLE_STARTS:
                columns.append(None)
                self._template_label(s, e)
            elif inf is not None and inf.kind in FIELD_KINDS and table.kind == "indicators":
                # a wide sheet: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | …
                table.fields[len(columns)] = (inf, s, e)
                columns.append(FIELD_COLUMN)
                self._template(s, e)
            elif s < e and not any(c not in (None, FIELD_COLUMN) for c in columns):
                # left of the first column heading: the block's own label,
                # often cut short by a merged cell ("绩 |" for 绩效指标)
                columns.append(None)
                self._template_label(s, e)
            elif s < e and table.kind == "indicators" and self.vocab.category(self.text[s:e]) is None:
                # a column the vocabulary does not know: kept under its heading
                columns.append("extra:" + label_key(self.text[s:e]))
                self._template(s, e)
            elif s < e:
                columns.append(None)
                self.unrecognized(s, e)
            else:
                columns.append(None)
        table.columns = columns
        table.width = len(columns)
        table.collecting = False
        self.pending = None

    # rows of a table given as real rows ---------------------------------------
    def _schedule_row(self, cells: list[tuple[int, int]]) -> None:
        table = self.table
        assert table is not None
        values: dict[str, tuple[int, int]] = {}
        if table.width and len(cells) == table.width:
            for col, c in zip(table.columns, cells):
                if col in ("content", "start", "end") and col not in values:
                    values[col] = c
                elif c[0] < c[1]:
                    self.unrecognized(*c)
        else:
            rest = [c for c in cells if c[0] < c[1]]
            cols = table.data_columns
            for col, c in zip(cols, rest):
                values[col] = c
            for c in rest[len(cols) :]:
                self.unrecognized(*c)
        self._emit_schedule(values)

    def _emit_schedule(self, values: dict[str, tuple[int, int]]) -> None:
        if not any(s < e for s, e in values.values()):
            return
        pointer = f"/schedule/{len(self.decl.schedule)}"
        row = ScheduleRow(content="")
        if "content" in values:
            row.content = self._value(f"{pointer}/content", *values["content"])
        for col in ("start", "end"):
            if col in values:
                setattr(row, col, parse_date(self._value(f"{pointer}/{col}", *values[col])))
        for col, c in values.items():
            if col not in ("content", "start", "end"):
                self.unrecognized(*c)
        self.decl.schedule.append(row)
        if self.table is not None:
            self.table.rows += 1

    def _indicator_row(self, cells: list[tuple[int, int]]) -> None:
        table = self.table
        assert table is not None
        text = self.text
        assigned: dict[str, tuple[int, int]] = {}
        if table.fields:
            if self._subtotal_row(cells):
                return
            if table.width and len(cells) != table.width:
                cells = self._align_wide(cells) or cells
            if table.width and len(cells) == table.width and self._starts_project(cells):
                self.handoff = cells
                return
        twin = table.twin()
        if (
            table.width
            and len(cells) < table.width
            and twin is None
            and not table.fields
            and self.owner.layout != "spaced"
        ):
            cells = self._right_align(cells) or cells
        if table.width and len(cells) == table.width and twin is None:
            for i, (col, c) in enumerate(zip(table.columns, cells)):
                if col == FIELD_COLUMN:
                    info, ls, le = table.fields[i]
                    if c[0] < c[1]:
                        self._assign(info, ls, le, *c)
                elif col is None:
                    if c[0] < c[1]:
                        if self.vocab.category(text[c[0] : c[1]]) and "level1" not in assigned:
                            assigned["level1"] = c
                        else:
                            self.unrecognized(*c)
                elif col in assigned:
                    self.unrecognized(*c)  # a header that names one column twice
                elif (
                    col.startswith("extra:")
                    and "level1" not in assigned
                    and not any(k in _NAMING for k in assigned)
                    and (self.vocab.category(text[c[0] : c[1]]) or (0, ""))[0] == 1
                ):
                    # 指标类型 | 指标名称 | …: a level-1 category in a column left of the
                    # indicator's name is its 一级指标, whatever the heading says
                    assigned["level1"] = c
                else:
                    assigned[col] = c
            named_cols = [k for k, c in assigned.items() if c[0] < c[1]]
            if named_cols == ["level1"] and any(k in _NAMING for k in table.columns):
                # "产出指标 (40-50)分 |" alone on its row: the heading of the rows below
                self._set_level("level1", assigned["level1"])
                return
            for slot, c in list(table.levels.items()):
                if slot not in named_cols:
                    assigned[slot] = c
            table.levels.clear()
            if not self._hold(assigned):
                self._emit_indicator(assigned)
            return
        rest = self._peel_levels(cells, assigned)
        filled = [c for c in rest if c[0] < c[1]]
        if not filled and assigned:
            # "二、效益指标" alone: the category of the rows that follow
            for slot in LEVELS:
                if slot in assigned:
                    self._set_level(slot, assigned[slot])
            return
        for slot, c in list(table.levels.items()):
            if slot not in assigned:
                assigned[slot] = c
            elif self.vocab.category(text[c[0] : c[1]]) == self.vocab.category(text[slice(*assigned[slot])]):
                self._template(*c)  # the heading above, said again in the row
            else:
                self.unrecognized(*c)
        table.levels.clear()
        if len(filled) == 1 and self._inline_here(*filled[0]):
            # "效益指标 | 宣传覆盖人次≥20万人次;名录基本健全;…": several indicators in one cell
            for slot in LEVELS:
                if slot in assigned:
                    self._set_level(slot, assigned[slot])
            self._inline(*filled[0])
            return
        if twin is not None and self._twin_row(filled, assigned, *twin):
            return
        if not table.width:
            rest = filled
        cols = table.data_columns
        if self.owner.layout == "spaced":
            rest = self._spaced_cells(filled, cols)
            if len(rest) < len(cols):
                rest = self._fit_roles(rest, cols)
        if self.fused and len(rest) == 1 and "value" in cols:
            split = self._split_trailing_value(*rest[0])
            if split is not None:
                rest = list(split)
        if (
            self.owner.layout == "pipe"
            and len(cols) >= 2
            and len(rest) >= 2 * len(cols)
            and len(rest) % len(cols) == 0
            and all(c[0] < c[1] for c in rest[:: len(cols)])
        ):
            # two rows run together (a row whose closing "| ||" the page left out)
            for k in range(0, len(rest) - len(cols), len(cols)):
                row = dict(zip(cols, rest[k : k + len(cols)]))
                self._emit_indicator({**assigned, **row} if k == 0 else row)
            rest = rest[len(rest) - len(cols) :]
            assigned = {}
        if (
            len(rest) == 1
            and cols[1:2] == ["value"]
            and assigned.get("level2") in cells
            and any(c[0] >= c[1] for c in cells[: cells.index(assigned["level2"])])
            and _bare_value(self.text, *rest[0])
        ):
            # "产出指标 | | 数量指标 | 375万平方米": the 二级 column left blank, the category
            # in the name's column names the row (see _flush_stream)
            rest = [assigned["level2"], rest[0]]
        for col, c in zip(cols, rest):
            assigned[col] = c
        for c in rest[len(cols) :]:
            self.unrecognized(*c)
        if not self._hold(assigned):
            self._emit_indicator(assigned)

    def _hold(self, assigned: dict[str, tuple[int, int]]) -> bool:
        """Keep a row of a sheet copied as text (a row per line) that stops before its
        value column: a cell holding a line break ("定性" then "长期" under 指标值, "15"
        under 分值) leaves what follows it on lines of their own (``_continue_held``)."""
        table = self.table
        assert table is not None
        if self.owner.layout != "spaced" or "value" not in table.columns:
            return False
        cols = table.data_columns
        after = cols[cols.index("value") :] if "value" in cols else []
        given = [i for i, c in enumerate(after) if c in assigned and assigned[c][0] < assigned[c][1]]
        if given and not any(
            c.startswith("extra:") and self.vocab.column_role.get(c[6:]) == "weight" for c in after[given[-1] + 1 :]
        ):
            # (the value given and a 权重 column after it left blank: a score wrapped onto
            # the line below, "高中低" then "10", is the row's, never a row of its own)
            return False
        if not any(c in assigned and assigned[c][0] < assigned[c][1] for c in _NAMING):
            return False
        table.held = dict(assigned)
        return True

    def _continue_held(self, s: int, e: int) -> bool:
        """A line of one cell under a row cut short (see ``_hold``): the next of the row's
        empty columns it can be (a comparator or nature column takes only such a word, a
        unit column a unit, a weight column a score; the value column any short text).
        False, the row left as it was, when it is a category, a label or fits none."""
        table = self.table
        assert table is not None and table.held is not None
        held = table.held
        piece = self.text[s:e]
        if e - s > 30 or self.vocab.category(piece) is not None or _TABLE_END.match(self.text, s, e):
            return False
        cols = table.data_columns
        filled = [i for i, c in enumerate(cols) if c in held and held[c][0] < held[c][1]]
        for n in range(filled[-1] + 1 if filled else 0, len(cols)):
            col = cols[n]
            if col == "value":
                held[col] = (s, e)
                break
            role = self.vocab.column_role.get(col.removeprefix("extra:")) if col.startswith("extra:") else None
            if (
                (role in ("comparator", "nature") and (is_comparator(piece) or _NATURE.fullmatch(piece)))
                or (role == "unit" and _unit_cell(piece) and "value" in held)
                or (role == "weight" and _WEIGHT_CELL.fullmatch(piece) and "value" in held)
            ):
                held[col] = (s, e)
                break
            if role not in ("comparator", "nature", "unit") and not (role == "weight" and "value" in held):
                return False  # a column that cannot be left blank
        else:
            return False
        if cols[-1] in held and held[cols[-1]][0] < held[cols[-1]][1]:
            self._emit_held()
        return True

    def _under_held_name(self, s: int) -> bool:
        """Whether a line of one cell starts where the held row's name starts, indented
        past its blank level cells: the name of a row of its own (a row with no value
        under one with none: "      促进社会和谐" then "      保障收入"), not a cell of the
        held row wrapped onto the line below (which stands under its own column)."""
        table = self.table
        assert table is not None and table.held is not None
        name = table.held.get("content") or table.held.get("level3")
        if name is None or name[0] >= name[1]:
            return False
        text = self.text
        col = name[0] - (text.rfind("\n", 0, name[0]) + 1)
        return col > 0 and s - (text.rfind("\n", 0, s) + 1) == col

    def _emit_held(self) -> None:
        table = self.table
        if table is None or table.held is None:
            return
        held, table.held = table.held, None
        self._emit_indicator(held)

    def _right_align(self, cells: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """A row shorter than its header whose leading cells were merged with the
        rows above (rowspan): "产出指标 | 数量指标 | 375万平方米 | 完成…" then
        "质量指标 | 100% | 达到…". Read from the left, every cell lands one column
        too far left (the 指标描述 becomes the value). The row is aligned to the
        header's right end when only level columns (or unknown ones) are left
        uncovered, its first cell lands in a column naming the indicator, and
        either that first cell is a category below level 1 or aligning puts a
        figure, not prose, under 指标值. Empty cells stand in for the merged ones;
        their levels are carried down from the row above."""
        table = self.table
        assert table is not None
        cols = table.columns
        pad = table.width - len(cells)
        if "value" not in cols or cols.index("value") < pad or not table.rows or table.levels:
            # (categories given on lines of their own above the row: read as before)
            return None
        if not all(c is None or c in ("level1", "level2") or c.startswith("extra:") for c in cols[:pad]):
            return None
        if cols[pad] not in _NAMING and cols[pad] not in LEVELS:
            return None
        s0, e0 = cells[0]
        if s0 >= e0:
            return None
        vi = cols.index("value")
        cat = self.vocab.category(self.text[s0:e0])
        if cat is not None and f"level{cat[0]}" in cols:
            # a category goes under its own level's column, wherever that puts the rest
            if cols[pad] != f"level{cat[0]}":
                return None
        elif cat is None or cat[0] == 1:
            right = cells[vi - pad]
            left = cells[vi] if vi < len(cells) else (e0, e0)
            if not (_figure_like(self.text[right[0] : right[1]]) and not _figure_like(self.text[left[0] : left[1]])):
                return None
        return [(s0, s0)] * pad + list(cells)

    def _twin_row(
        self,
        filled: list[tuple[int, int]],
        assigned: dict[str, tuple[int, int]],
        left_cols: list[str],
        right_cols: list[str],
    ) -> bool:
        """A row of side-by-side blocks (the period's indicator, then the year's:
        "数量指标 | 服务面积 | 2.6万平方米 | 数量指标 | 服务面积 | 2.6万平方米"): one
        indicator, the year's block (the right one unless only the left one's value
        heading names the year); the other block's value is kept under its heading,
        its name and category, said again, are template text.  ``filled`` are the
        row's cells after its leading categories (in ``assigned``); False when the
        row does not split into the two blocks (a row cut short)."""
        text = self.text
        left_data = [c for c in left_cols if c != "level2"]
        right_data = [c for c in right_cols if c != "level2"]
        m = len(left_data)
        both = "level2" in left_cols and "level2" in right_cols
        placed = both and "level2" not in assigned and len(filled) == m + len(right_data) + 2
        if placed:
            # room for both blocks' 二级 cells: the first is the left one's, a
            # category the vocabulary may not know ("预算(或投资规模)控制指标")
            assigned["level2"], filled = filled[0], filled[1:]
        left, right = filled[:m], filled[m:]
        right_level = None
        if (
            len(right) == len(right_data) + 1
            and "level2" in right_cols
            and (placed or self.vocab.category(text[slice(*right[0])]))
        ):
            right_level, right = right[0], right[1:]
        if len(left) != m or len(right) != len(right_data):
            return False

        def names_year(cols: list[str]) -> bool:
            heads = [c[6:] for c in cols if c.startswith("extra:")]
            return any(_YEAR_BLOCK.search(h) and not _PERIOD_BLOCK.search(h) for h in heads)

        year_right = names_year(right_cols) or not names_year(left_cols)
        keep, keep_cols, other, other_cols = (
            (right, right_data, left, left_data) if year_right else (left, left_data, right, right_data)
        )
        if right_level is not None:
            if year_right and "level2" in assigned:
                self._template(*assigned["level2"])  # the period's category, said again
            if year_right:
                assigned["level2"] = right_level
            else:
                self._template(*right_level)
        roles = self.vocab.column_role
        name = None
        for col, c in zip(keep_cols, keep):
            if col in _NAMING:
                assigned[col] = c
                name = c
            elif col == "value" or (col.startswith("extra:") and col[6:] not in roles and "value" not in assigned):
                assigned["value"] = c
            else:
                assigned[col] = c
        for col, c in zip(other_cols, other):
            if col in _NAMING and name is not None and label_key(text[slice(*c)]) == label_key(text[slice(*name)]):
                self._template(*c)
            elif col == "value" or (col.startswith("extra:") and col[6:] not in roles):
                head = col[6:] if col.startswith("extra:") else "指标值"
                if "extra:" + head in assigned:
                    self.unrecognized(*c)
                else:
                    assigned["extra:" + head] = c
            else:
                self.unrecognized(*c)
        self._emit_indicator(assigned)
        return True

    def _fit_roles(self, tokens: list[tuple[int, int]], cols: list[str]) -> list[tuple[int, int]]:
        """A spaced row whose blank cells vanished ("检查差旅费 470 人/天 2" under 三级指标 |
        指标性质 | 指标值 | 度量单位 | 权重): each token in the next column whose cells it
        can be, a blank cell (empty range) for the columns it skips.  Only the
        comparator or nature, unit and weight columns are skipped; a token that fits
        none of the columns left keeps the order as it was."""
        text = self.text
        out: list[tuple[int, int]] = []
        i = 0
        for n, col in enumerate(cols):
            if i >= len(tokens):
                break
            piece = text[tokens[i][0] : tokens[i][1]].strip()
            role = self.vocab.column_role.get(col.removeprefix("extra:")) if col.startswith("extra:") else None
            spare = len(cols) - n > len(tokens) - i  # columns enough to leave this one blank
            if spare and (
                (role in ("comparator", "nature") and not (is_comparator(piece) or _NATURE.fullmatch(piece)))
                or (role == "unit" and not _unit_cell(piece))
                or (role == "weight" and not _WEIGHT_CELL.fullmatch(piece))
            ):
                out.append((tokens[i][0], tokens[i][0]))
                continue
            out.append(tokens[i])
            i += 1
        return out + tokens[i:] if i == len(tokens) else tokens

    def _spaced_cells(self, tokens: list[tuple[int, int]], cols: list[str]) -> list[tuple[int, int]]:
        """The data cells of a row whose cells were separated by spaces: cell
        text with spaces of its own came as several tokens.  The value is the
        rightmost token that looks like one (≥95%, 8个, 显著改善) where the value
        column can be; the tokens before it fill the columns before the value,
        the first of them (the indicator's name) taking any extra ones."""
        if len(tokens) <= len(cols) or "value" not in cols:
            return tokens
        text = self.text
        k = cols.index("value")
        after = len(cols) - k - 1
        v = None
        for i in range(len(tokens) - 1, k - 1, -1):
            if len(tokens) - 1 - i > after:
                break
            if _VALUE_LIKE.match(text, *tokens[i]):
                v = i
                break
        if v is None:
            v = len(tokens) - 1 - after
        before, rest = tokens[:v], tokens[v:]
        if k and len(before) > k:
            keep = k - 1
            merged = (before[0][0], before[len(before) - keep - 1][1])
            before = [merged, *before[len(before) - keep :]]
        if len(rest) > after + 1:
            rest = [rest[0], *rest[1:after], (rest[after][0], rest[-1][1])] if after else [(rest[0][0], rest[-1][1])]
        return before + rest

    # wide sheets: one project per row group -------------------------------------------
    def _align_wide(self, cells: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """A row of a wide sheet whose merged cells on the left are missing:
        line it up on its first category cell (一级 or 二级 column)."""
        table = self.table
        assert table is not None
        text = self.text
        for k, (s, e) in enumerate(cells):
            if s >= e:
                continue
            cat = self.vocab.category(text[s:e])
            if cat is None:
                continue
            if cat[1] in self.vocab.level1.values() and cat[1] in self.vocab.level2.values():
                # 成本指标: a 二级 category under 产出指标, a 一级 one in the 2021 tables
                level = self._level_slot(cat[0], text[s:e], {}, cells[k:])
            else:
                level = "level1" if cat[0] == 1 or cat[1] in self.vocab.level1.values() else "level2"
            if level not in table.columns:
                level = "level1" if "level1" in table.columns else "level2"
            if level not in table.columns:
                return None
            shift = table.columns.index(level) - k
            if shift < 0 or shift + len(cells) > table.width:
                return None
            pad = (cells[0][0], cells[0][0])
            row = [pad] * shift + cells
            if self.owner.layout == "spaced":
                row = self._fit_tail(row)
            return row + [pad] * (table.width - len(row))
        return None

    def _fit_tail(self, row: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A wide row copied as text whose blank cells vanished: its cells from the
        indicator's name on fill the columns they fit (``_fit_roles``), so a score is
        not read as the unit of a value that has none."""
        table = self.table
        assert table is not None
        cols = table.columns
        k = next(
            (i for i, c in enumerate(cols) if c is not None and c not in LEVELS and c != FIELD_COLUMN),
            len(cols),
        )
        if k >= len(row):
            return row
        tail = [c for c in row[k:] if c[0] < c[1]]
        names = [c for c in cols[k:] if c is not None]
        if len(names) != len(cols) - k or len(tail) >= len(names):
            return row
        fitted = self._fit_roles(tail, names)
        return row[:k] + fitted if len(fitted) <= len(names) else row

    def _starts_project(self, cells: list[tuple[int, int]]) -> bool:
        """Does this full-width row name a project other than the one being read?"""
        table = self.table
        assert table is not None
        if self.decl.name is None:
            return False
        for i, (col, c) in enumerate(zip(table.columns, cells)):
            if col == FIELD_COLUMN and c[0] < c[1] and table.fields[i][0].key == "name":
                return True
        return False

    def _subtotal_row(self, cells: list[tuple[int, int]]) -> bool:
        """ "820-某镇部门 | 8,827,620.53": a department's subtotal above its projects.

        Its name is the department of the projects below; its amount is kept
        as an extra field (``subtotal``).
        """
        filled = [c for c in cells if c[0] < c[1]]
        if len(filled) != 2:
            return False
        (ns, ne), (vs, ve) = filled
        name, amount = self.text[ns:ne], self.text[vs:ve]
        head = leading_amount(name)
        if self.vocab.category(name) is not None or (head is not None and head[2] >= len(name)):
            return False
        found = leading_amount(amount)
        if found is None or found[2] < len(amount.rstrip()):
            return False
        d = self.decl
        if d.department is not None and "/department" in d.source.spans:
            self.unrecognized(ns, ne)
        else:
            d.department = self._value("/department", ns, ne)
        pointer = f"/fields/{len(d.fields)}"
        d.fields.append(ExtraField(key="subtotal", label="", text=self._value(pointer, vs, ve)))
        return True

    def _peel_levels(self, cells: list[tuple[int, int]], assigned: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
        """Take the category cells off the front of a row (fused ones too)."""
        rest = list(cells)
        while rest and rest[0][0] >= rest[0][1]:
            rest.pop(0)
        while rest:
            s, e = rest[0]
            if s >= e:
                rest.pop(0)
                continue
            cat = self.vocab.category(self.text[s:e])
            if cat is None:
                peeled = self._peel_category(s, e) if self.fused else None
                if peeled is None:
                    break
                level, cs, ce, remainder = peeled
                slot = self._level_slot(level, self.text[cs:ce], assigned, rest)
                if slot in assigned or slot not in LEVELS:
                    break
                assigned[slot] = (cs, ce)
                rest[0] = remainder
                continue
            slot = self._level_slot(cat[0], self.text[s:e], assigned, rest)
            if slot in assigned or slot not in LEVELS:
                break  # a third category: data, not a level
            if self._names_own_category(s, e, cat, assigned):
                break
            assigned[slot] = (s, e)
            rest.pop(0)
        return rest

    def _names_own_category(self, s: int, e: int, cat: tuple[int, str], levels: dict[str, tuple[int, int]]) -> bool:
        """A short category word (no 指标) right under the category it abbreviates is the
        indicator's name, not a level of its own: "服务对象满意度指标 | 满意度 | 90%"."""
        return not label_key(self.text[s:e]).endswith("指标") and any(
            (self.vocab.category(self.text[a:b]) or (0, ""))[1] == cat[1] for a, b in levels.values()
        )

    def _same_category(self, a: tuple[int, int], b: tuple[int, int] | None) -> bool:
        """Whether two cells name the same category."""
        cat = self.vocab.category(self.text[a[0] : a[1]])
        return b is not None and cat is not None and cat == self.vocab.category(self.text[b[0] : b[1]])

    def _repeats_level(self, peeled: dict[str, tuple[int, int]], levels: dict[str, tuple[int, int]]) -> bool:
        """Whether a category taken off the front of a cell names one that the row has already."""
        have = {cat[1] for a, b in levels.values() if (cat := self.vocab.category(self.text[a:b])) is not None}
        return any(
            (cat := self.vocab.category(self.text[a:b])) is not None and cat[1] in have for a, b in peeled.values()
        )

    # cells of a table given as a stream -------------------------------------------
    def _stream_cell(self, cell: tuple[int, int]) -> None:
        table = self.table
        assert table is not None
        if cell[0] < table.joined_to:
            return  # a line already joined to the category label it ends
        if table.kind == "indicators" and (joined := self._wrapped_label(*cell)) is not None:
            # "社会、经济、" then "生态效益指标": one category label wrapped over lines
            cell = (cell[0], joined)
            table.joined_to = joined
        s, e = cell
        if table.level2_wait:
            table.level2_wait = False
            if len(table.buffer) == 2 and _bare_value(self.text, s, e):
                # "满意度指标 / 服务对象满意度 / 使用人员满意度 / ≥98%": the first of the three
                # cells is the row's 二级 category, the vocabulary does not know it
                table.levels["level2"] = table.buffer[0]
                table.buffer = [table.buffer[1], cell]
                self._flush_stream()
                return
            self._flush_stream()
        if table.fused_tail:
            table.fused_tail = False
            if _TRAILING_VALUE.fullmatch(self.text, *trim(self.text, s, e)):
                # "…达标率100%" then ">=98%": a value on the line below; the figure at the
                # end of the line above is part of the name
                table.buffer.append(cell)
                self._maybe_emit_stream()
                return
            self._split_fused_tail()
        cat = self.vocab.category(self.text[s:e]) if table.kind == "indicators" else None
        if (
            cat is not None
            and table.buffer
            and "value" in table.data_columns
            and len(table.buffer) <= table.data_columns.index("value")
            and not self._names_own_category(s, e, cat, table.levels)
        ):
            # "设施温棚种植人员≧300人;" then "(二)质量指标": a heading ends the row above
            # (its value column left empty); it is never that row's value
            self._flush_stream()
        if cat is None and self._level2_by_place(s, e):
            self._set_level("level2", cell)
            return
        slot = None if cat is None else self._level_slot(cat[0], self.text[s:e], table.levels, [])
        if slot in LEVELS and cat is not None and self._names_own_category(s, e, cat, table.levels):
            table.buffer.append(cell)  # the indicator's name
            self._maybe_emit_stream()
            return
        if slot in LEVELS:
            self._flush_stream()
            self._set_level(slot, cell)
            return
        if table.kind == "indicators" and (self._stated_inline(s, e) or (cat is None and self._category_line(s, e))):
            # "1、数量指标：资助学生1966人。", "发放率100%,到位率100%;…": indicators in sentences
            self._flush_stream()
            self._inline(s, e)
            return
        if (
            table.kind == "indicators"
            and self.fused
            and table.buffer
            and (peeled := self._peel_category(s, e)) is not None
            and not (peeled[0] == 2 and self._same_category(peeled[1:3], table.levels.get("level2")))
        ):
            # "满意度指标学生家长满意度≥90%" opens a row of its own; "经济效益良好" under
            # 经济效益指标 is the row's value, which names the row's own 二级 category
            self._flush_stream()
        if table.kind == "indicators" and self.fused and not table.buffer:
            assigned: dict[str, tuple[int, int]] = {}
            rest = self._peel_levels([cell], assigned)
            if rest and rest[0][0] < rest[0][1] and self._repeats_level(assigned, table.levels):
                # "成本指标" then "成本控制": the row has that category from a cell of its own
                # already, so the word in front of the name is part of it (a cell that is the
                # category alone, said again under a merged cell, is still a level)
                assigned, rest = {}, [cell]
            marks = len(self.decl.source.template)
            split = self._split_trailing_value(*rest[0]) if len(rest) == 1 and "value" in table.data_columns else None
            if split is not None or assigned:
                for slot, c in sorted(assigned.items()):
                    self._set_level(slot, c)
                if split is None:
                    table.buffer.extend(rest)
                    self._maybe_emit_stream()
                    return
                if table.data_columns[-1:] == ["value"] and len(rest) == 1:
                    # name and value, unless a value comes on the next line: held whole
                    del self.decl.source.template[marks:]
                    table.buffer.append(rest[0])
                    table.fused_tail = True
                    return
                table.buffer.extend(split)
                self._flush_stream()
                return
        table.buffer.append(cell)
        self._maybe_emit_stream()

    def _wrapped_label(self, s: int, e: int) -> int | None:
        """The end of a category label that ``[s, e)`` begins and the next line or two end:
        a cell cut inside its bracket ("数量指标(或工作" / "量指标)") or after a comma of its
        list ("社会、经济、" / "生态效益指标"), whose lines joined are a category the
        vocabulary knows.  The lines joined are short and hold no figure (a value between
        the pieces leaves them apart); None when ``[s, e)`` is no such piece."""
        text = self.text
        piece = re.sub(r"\s+", "", text[s:e])
        if not piece or not (
            piece.count("(") + piece.count("（") > piece.count(")") + piece.count("）")
            or piece.endswith(("、", "，", ","))
        ):
            return None
        end = e
        for _ in range(2):
            start = text.find("\n", end)
            if start == -1:
                return None
            stop = text.find("\n", start + 1)
            stop = len(text) if stop == -1 else stop
            line = re.sub(r"\s+", "", text[start:stop])
            if not line or len(line) > 12 or re.search(r"\d", line):
                return None
            piece += line
            end = stop
            if self.vocab.category(piece) is not None:
                return len(text[:end].rstrip())
        return None

    def _level2_by_place(self, s: int, e: int) -> bool:
        """A 二级 category the vocabulary does not know, known by its place: the line
        right after a row's 一级 category, in a table with a 二级 column, a short
        heading ending in 指标 ("预期产出指标" then "预算(或投资规模)控制指标")."""
        table = self.table
        assert table is not None
        if table.kind != "indicators" or table.buffer or "level2" not in table.columns:
            return False
        if "level1" not in table.levels or "level2" in table.levels or "level2" in table.data_columns:
            return False
        key = label_key(self.text[s:e])
        return 4 < len(key) <= 16 and key.endswith("指标") and not any(ch.isdigit() for ch in key)

    def _split_fused_tail(self) -> None:
        """The held cell of a stream row is a name and its value after all: no value
        followed it. Cut it and end its row."""
        table = self.table
        assert table is not None
        table.fused_tail = False
        if len(table.buffer) != 1:
            return
        split = self._split_trailing_value(*table.buffer[0])
        if split is not None:
            table.buffer = list(split)
        self._flush_stream()

    def _set_level(self, slot: str, cell: tuple[int, int]) -> None:
        """Remember a level cell for the next stream row; one it replaces
        without a row under it is kept as unrecognized."""
        levels = self.table.levels if self.table is not None else {}
        if slot in levels:
            old = levels.pop(slot)
            if self.vocab.category(self.text[old[0] : old[1]]) == self.vocab.category(self.text[cell[0] : cell[1]]):
                self._template(*old)  # "二、效益指标" then "效益指标：…": one heading said twice
            else:
                self.unrecognized(*old)
        if slot == "level1" and "level2" in levels:
            self.unrecognized(*levels.pop("level2"))
        levels[slot] = cell

    def _maybe_emit_stream(self) -> None:
        table = self.table
        assert table is not None
        if len(table.buffer) >= len(table.data_columns):
            if self._value_reads_as_name():
                table.level2_wait = True
                return
            self._flush_stream()

    def _value_reads_as_name(self) -> bool:
        """A stream row of a table with a 二级 column, opened by its 一级 category and no 二级
        one, whose name and value are in but whose value is words, not a value: the next
        cell may show the three were an unknown 二级 category, a name and a value."""
        table = self.table
        assert table is not None
        if table.kind != "indicators" or table.data_columns[1:] != ["value"] or len(table.buffer) != 2:
            return False
        if "level2" not in table.columns or "level2" in table.levels or "level1" not in table.levels:
            return False
        first, value = (trim(self.text, *c) for c in table.buffer)
        return (
            0 < first[1] - first[0] <= 16
            and _DIGIT.search(self.text, *first) is None
            and value[0] < value[1]
            and _DIGIT.search(self.text, *value) is None
            and not _bare_value(self.text, *value)
            and _VALUE_LIKE.match(self.text, *value) is None
        )

    def _flush_stream(self) -> None:
        table = self.table
        if table is None or not table.buffer:
            return
        table.level2_wait = False
        if table.fused_tail:
            self._split_fused_tail()
            return
        cells, table.buffer = table.buffer, []
        cols = table.data_columns
        if (
            table.kind == "indicators"
            and cols[1:2] == ["value"]
            and "level2" in table.levels
            and all(s >= e for s, e in cells[1:2])
            and _bare_value(self.text, *cells[0])
        ):
            # "产出指标 / 数量指标 / 375万平方米": a name is never a bare figure or a yes/no;
            # the row names itself by its category and the figure is its value
            cells = [table.levels["level2"], cells[0], *cells[2:]]
        if table.kind == "indicators" and len(cells) < len(cols) and "value" in cols:
            # a row cut short by the next category or the table's end: its blank cells
            # left no line, so each cell goes to the next column it can be (定性 to 指标方向,
            # a score to 分值 past a blank 单位), as in a row of a sheet copied as text
            cells = self._fit_roles(cells, cols)
        values = dict(zip(cols, cells))
        for c in cells[len(cols) :]:
            self.unrecognized(*c)
        if table.kind == "schedule":
            self._emit_schedule(values)
            return
        values.update(table.levels)
        table.levels.clear()
        self._emit_indicator(values)

    # one indicator -------------------------------------------------------------------
    def _emit_indicator(self, assigned: dict[str, tuple[int, int]]) -> None:
        table = self.table
        assert table is not None
        if not any(s < e for s, e in assigned.values()):
            return
        d = self.decl
        pointer = f"/indicators/{len(d.indicators)}"
        ind = Indicator(value="" if "value" in table.columns or "value" in assigned else None, note=None)
        has_level3 = "level3" in table.columns
        given = {c: assigned[c] for c in LEVELS if c in assigned and assigned[c][0] < assigned[c][1]}
        if "level2" in given and "level1" not in given and not self._fits_group(given["level2"]):
            # "社会公众或服务对象满意度指标" in the 二级 column under a merged
            # 一级 cell: a category of its own, not part of the group above
            assigned = {**assigned, "level1": given["level2"]}
            del assigned["level2"]
        named = assigned.get("content") or assigned.get("level3")
        if "level2" not in given and "level2" not in table.columns and named is not None and named[0] < named[1]:
            cat = self.vocab.category(self.text[named[0] : named[1]])
            if cat is not None and cat[0] == 2 and label_key(self.text[named[0] : named[1]]).endswith("指标"):
                # 指标类型 | 指标名称 | 指标值 with "数量指标" as the name: the row's 二级
                # category is the one it is named by
                assigned = {**assigned, "level2": named}
        for col in LEVELS:
            c = assigned.get(col)
            if c is not None and c[0] < c[1]:
                s, e = self._strip_note(*c)
                raw = self._value(f"{pointer}/{col}", s, e)
                setattr(ind, col, raw)
                table.last_levels[col] = (raw, f"{pointer}/{col}")
                if col == "level1":
                    table.last_levels.pop("level2", None)
                continue
            if col == "level2" and "level1" in assigned and assigned["level1"][0] < assigned["level1"][1]:
                continue  # a new group without a 二级 cell
            prev = table.last_levels.get(col)
            if prev is not None:
                setattr(ind, col, prev[0])
                d.source.spans[f"{pointer}/{col}"] = d.source.spans[prev[1]]
                ind.inherited.append(col)
        assigned = self._score_off_value(assigned)
        for col in ("level3", "content", "value", "note"):
            if col in assigned:
                setattr(ind, col, self._value(f"{pointer}/{col}", *assigned[col]))
        if "content" not in assigned and has_level3 and ind.level3 is not None:
            # 三级指标 is the indicator's name in the 2021 tables
            ind.content = ind.level3
            d.source.spans[f"{pointer}/content"] = d.source.spans[f"{pointer}/level3"]
        parts: dict[str, str] = {}
        for col, c in assigned.items():
            if col.startswith("extra:") and c[0] < c[1]:
                name = col[6:]
                ind.extra[name] = self._value(f"{pointer}/extra/{escape_pointer(name)}", *c)
                role = self.vocab.column_role.get(name)
                if role is not None:
                    parts.setdefault(role, ind.extra[name])
                if role == "comparator" and is_comparator(ind.extra[name]) and not is_comparator(parts[role]):
                    parts[role] = ind.extra[name]  # 指标方向 (正向) then 比较符 (≥): the sign
        if ind.value and parts:
            # "≥ | 95 | %": the value is built from its columns; its span stays
            # the value cell's, the other parts keep theirs under extra
            comparator = parts.get("comparator")
            if comparator is None or not is_comparator(comparator):
                comparator = parts.get("nature")
            ind.value = compose_value(ind.value, comparator, parts.get("unit"))
        d.indicators.append(ind)
        table.rows += 1

    def _score_off_value(self, assigned: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        """A row of a table with a 分值/权重 column whose score cell is blank and whose value
        ends in a score: "≥86公里 20", "≥90%15分" (the score fused onto the value, its own
        cell lost). The score goes to its column; the value keeps what is a value."""
        table = self.table
        assert table is not None
        scores = [c for c in table.columns if c and c[:6] == "extra:" and self.vocab.column_role.get(c[6:]) == "weight"]
        weight = scores[0] if scores else None
        cell = assigned.get("value")
        if weight is None or cell is None or (weight in assigned and assigned[weight][0] < assigned[weight][1]):
            return assigned
        text = self.text
        s, e = trim(text, *cell)
        m = _SCORE_END.search(text, s, e)
        if m is None or m.start() <= s:
            return assigned
        cut = m.start()
        if text[cut - 1].isspace():
            vs, ve = trim(text, s, cut)
        elif m.group(2) and (text[cut - 1] in "%‰％" or "\u4e00" <= text[cut - 1] <= "\u9fff"):
            vs, ve = s, cut  # "≥90%15分": a score glued on after the value's unit
        else:
            return assigned
        if not (_bare_value(text, vs, ve) or _VALUE_LIKE.match(text, vs, ve)):
            return assigned
        return {**assigned, "value": (vs, ve), weight: (m.start(), m.end())}

    def _total_from_prose(self) -> None:
        """A notice that states the amount in its text and in no form cell:
        "…资金50万元，实施…", "项目规模共计380万元": the first such amount in
        the text left unrecognized is the total (its key word the label)."""

        def take(m: _Found) -> tuple[int, int]:
            self._template(m.end("label"), m.start("value"))
            self._assign(LabelInfo("money", "total", "资金"), *m.span("label"), *m.span("value"))
            return m.start("label"), m.end("value")

        self._from_prose(_PROSE_AMOUNT, take)

    def _name_from_prose(self) -> None:
        """A notice that names its project or its funds only in its text:
        "实施…种植项目，", "…补助资金项目由某学院实施", "关于下达2020年…资金(第二批…)的通知"
        (the project it reports on before the funds it was given from)."""

        def take(m: _Found) -> tuple[int, int]:
            self._template(m.start(), m.start("name"))
            self.decl.name = self._value("/name", *m.span("name"))
            return m.start(), m.end("name")

        for pattern in (_PROSE_PROJECT, _PROSE_DONE_BY, _PROSE_FUNDS):
            self._from_prose(pattern, take)
            if self.decl.name is not None:
                return

    def prose_item(self, cell: tuple[int, int], name: tuple[int, int]) -> None:
        """The head of a project in a prose disclosure: "1.“文化中心运营专项经费”项目。"."""
        self._template(cell[0], name[0])
        self.decl.name = self._value("/name", *name)
        self._template(name[1], cell[1])
        self.labels_seen += 1
        self.from_item = True

    def _year_from_prose(self) -> None:
        """A notice that gives the year only in its text: the title of its form table
        ("附件2 2023年…区域绩效目标表": the form's own year, before any its prose speaks of),
        else "关于下达2023年…资金的通知"."""

        def take(m: _Found) -> tuple[int, int]:
            self._template(m.start(), m.start(1))
            self._year(*m.span(1))
            return m.start(), m.end(1)

        self._from_prose(_TABLE_TITLE_YEAR, take)
        if self.decl.year_text is None:
            self._from_prose(_PROSE_YEAR, take)
        if self.decl.year_text is None:
            # "2023年某市重大政策和项目绩效目标情况": a page heading that opens with the year

            def heading(m: _Found) -> tuple[int, int]:
                self._year(*m.span(1))
                self._template(m.end(1), m.end())
                return m.start(), m.end()

            self._from_prose(_HEADING_YEAR, heading)
        if self.decl.year_text is None:
            # "某区总工会2024年送温暖专项资金项目" over a disclosure: the heading that names the
            # project gives its year

            def project_heading(m: _Found) -> tuple[int, int]:
                self._template(m.start(), m.start(1))
                self._year(*m.span(1))
                self._template(m.end(1), m.end())
                return m.start(), m.end()

            self._from_prose(_PROJECT_HEADING_YEAR, project_heading)

    def _from_prose(self, pattern: re.Pattern[str], take: Callable[[_Found], tuple[int, int]]) -> None:
        """Find ``pattern`` in the text left unrecognized (first match, in order);
        ``take`` records what it matched and returns the range it used; the rest
        of that piece stays unrecognized."""
        d = self.decl
        text = self.text
        for i in range(len(d.unrecognized)):
            if d.unrecognized[i].isascii():
                continue  # every prose pattern names Chinese words (下达, 年, 万元)
            span = d.source.spans.get(f"/unrecognized/{i}")
            if span is None:
                continue
            s = self.smap.offset(span.line, span.column)
            e = self.smap.offset(span.end_line, span.end_column)
            folded, where = simplified_map(text[s:e])
            if folded == text[s:e]:
                m: _Found | None = pattern.search(text, s, e)
            else:
                # Traditional characters, or pinyin a mirror inserted (財(cái)政資金895.8萬(wàn)元):
                # matched folded, taken as written
                found = pattern.search(folded)
                m = None if found is None else _FoldedMatch(found, s, where, e - s)
            if m is None:
                continue
            # the piece is replaced by what is around the match
            old = list(d.unrecognized)
            spans = {k: v for k, v in d.source.spans.items() if k.startswith("/unrecognized/")}
            for k in spans:
                del d.source.spans[k]
            d.unrecognized = []
            for j, value in enumerate(old):
                if j == i:
                    used_start, used_end = take(m)
                    for a, b in ((s, used_start), (used_end, e)):
                        if trim(text, a, b)[0] < b:
                            self.unrecognized(a, b)
                    continue
                d.source.spans[f"/unrecognized/{len(d.unrecognized)}"] = spans[f"/unrecognized/{j}"]
                d.unrecognized.append(value)
            return

    # indicators written inline ------------------------------------------------------
    def _inline_here(self, s: int, e: int) -> bool:
        """Is ``text[s:e]`` indicators written inline (or, in an indicator table
        of run-together text, the table's cells)?"""
        table = self.table
        piece = self.text[s:e]
        # cheap tests first: a full category name ends in 标, items need separators
        named = "标" in piece or "標" in piece
        items = any(c in piece for c in ";；。")
        if table is not None and table.kind == "indicators" and self.fused:
            return bool(named and find_categories(self.text, s, e, self.vocab)) or (
                items and has_inline_indicators(self.text, s, e, self.vocab)
            )
        if self.vocab.category(piece) is not None or self._category_line(s, e):
            return True  # "一、产出指标", "【产出指标-数量指标】": the heading of inline indicators
        if named and any(c in piece for c in ":：,，"):
            first = next(iter(find_categories(self.text, s, e, self.vocab)), None)
            if first is not None and trim(self.text, s, first.start)[0] == first.start:
                # "服务对象满意度指标,受益户满意度(≥**%)≥95%": a category, then its indicators
                after = self.text[first.end : first.end + 2].lstrip(" \u3000")
                if after[:1] in (":", "：", ",", "，"):
                    return True
        return items and has_inline_indicators(self.text, s, e, self.vocab)

    def _category_line(self, s: int, e: int) -> bool:
        """A heading that names the categories of the rows below and nothing else, in
        brackets or joined by a dash: "【产出指标-数量指标】", "[效益指标—社会效益指标]"."""
        piece = self.text[s:e]
        if len(piece) > 40 or "标" not in piece:
            return False
        levels = find_categories(self.text, s, e, self.vocab)
        if not levels or len(levels) > 2:
            return False
        if len(levels) == 2 and label_key(self.text[levels[1].start : levels[1].end]) not in self.vocab.level2:
            return False  # two 一级 categories: a list of them, not one row's heading
        pos = s
        for level in levels:
            if not _CATEGORY_GLUE.fullmatch(self.text, pos, level.start):
                return False
            pos = level.end
        return _CATEGORY_GLUE.fullmatch(self.text, pos, e) is not None and (len(levels) == 2 or "【" in piece)

    def _stated_inline(self, s: int, e: int) -> bool:
        """Indicators in a sentence: a category name then a colon, or several
        items with figures between semicolons."""
        piece = self.text[s:e]
        if any(c in piece for c in ":：") and ("标" in piece or "標" in piece):
            for level in find_categories(self.text, s, e, self.vocab):
                if self.text[level.end : level.end + 1] in (":", "：") or self.text[level.end : level.end + 8].lstrip(
                    " "
                ).startswith((":", "：")):
                    return True
        return any(c in piece for c in ";；") and has_inline_indicators(self.text, s, e, self.vocab)

    def _inline(self, s: int, e: int) -> None:
        """Read ``text[s:e]`` as indicators written inline, into the indicator table
        (started here when there is none)."""
        if self.table is None or self.table.kind != "indicators":
            self._end_table()
            self.table = _Table("indicators")
            self.labels_seen += 1
        table = self.table
        self._flush_stream()
        text = self.text
        for item in read_inline(text, s, e, self.vocab, runon=self.fused):
            if isinstance(item, InlineLevel):
                slot = self._level_slot(item.level, text[item.start : item.end], table.levels, [])
                if slot not in LEVELS:
                    slot = "level2"
                self._set_level(slot, (item.start, item.end))
            elif isinstance(item, InlineRow):
                values: dict[str, tuple[int, int]] = {}
                if item.content is not None:
                    values["content"] = item.content
                if item.value is not None:
                    values["value"] = item.value
                for name, c in item.extra.items():
                    values["extra:" + name] = c
                values.update(table.levels)
                table.levels.clear()
                self._emit_indicator(values)
            else:
                self._template(item.start, item.end)

    def _fits_group(self, cell: tuple[int, int]) -> bool:
        """Does the 二级 category in ``cell`` belong under the 一级 carried down?"""
        table = self.table
        prev = table.last_levels.get("level1") if table is not None else None
        cat = self.vocab.category(self.text[cell[0] : cell[1]])
        if prev is None or cat is None:
            return True
        parent = self.vocab.parent.get(cat[1])
        above = self.vocab.category(prev[0])
        return parent is None or above is None or parent == above[1] or cat[0] == 1 and cat[1] == above[1]

    def _strip_note(self, s: int, e: int) -> tuple[int, int]:
        """ "数量指标 (必填硬性指标)", "二、效益指标": the bracketed note and the
        enumeration are template text."""
        enum = _ENUM_HEAD.match(self.text, s, e)
        if enum is not None and s < enum.end() < e and self.vocab.category(self.text[enum.end() : e]) is not None:
            self._template(s, enum.end())
            s = trim(self.text, enum.end(), e)[0]
        m = _NOTE.search(self.text, s, e)
        if m is None or m.start() == s or m.end() != e:
            return s, e
        cs, ce = trim(self.text, s, m.start())
        if self.vocab.category(self.text[cs:ce]) is None:
            return s, e
        self._template(m.start(), e)
        return cs, ce

    def _level_slot(self, level: int, raw: str, assigned: dict, rest: list) -> str:
        key = self.vocab.category(raw)
        canon = key[1] if key else raw
        last = self.table.last_levels if self.table is not None else {}
        if canon in self.vocab.level1.values() and canon in self.vocab.level2.values():
            # 成本指标 is a 一级 category in the 2021 tables, a 二级 one before
            if "level1" in assigned:
                return "level2"
            nxt = rest[1] if len(rest) > 1 else None
            if nxt is not None and self.vocab.category(self.text[nxt[0] : nxt[1]]):
                return "level1"
            parent = self.vocab.parent.get(canon)
            above = self.vocab.category(last["level1"][0]) if "level1" in last else None
            if parent is None or parent == canon or above is None:
                return "level1"
            return "level2" if above[1] == parent else "level1"
        if level == 1 and "level1" not in assigned:
            return "level1"
        return "level2" if "level2" not in assigned else "level3"

    def _peel_category(self, s: int, e: int) -> tuple[int, int, int, tuple[int, int]] | None:
        if self.text[s] not in self.vocab.category_initials:
            return None  # no category starts with this character
        norm = NormText(self.text, s, e)
        for length in range(min(len(norm.chars) - 1, 16), 1, -1):
            cat = self.vocab.category(norm.chars[:length])
            if cat is not None:
                cut = norm.raw_after(length)
                return cat[0], s, cut, trim(self.text, cut, e)
        return None

    def _split_trailing_value(self, s: int, e: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """A cell holding an indicator's name then its value: "参训人员结业率≥100%",
        "…均衡发展情况稳步提高", and, in a list item closed by ";" or "。", "完成时限,
        2025年10月底前;" (the name, one comma, a short value).  The separators between
        and after are template text; None when the cell does not end in a value."""
        text = self.text
        numbered = _ITEM_NUMBER.match(text, s, e)
        # (under a header with a value column, a bracket after a name is a note or a guide)
        bracket = _BRACKET_VALUE.search(text, s, e) if self.table is None or not self.table.columns else None
        if bracket is not None and bracket.start() > (numbered.end() if numbered else s):
            inner = trim(text, *bracket.span(1))
            if numbered is not None or _TRAILING_VALUE.fullmatch(text, *inner):
                # "指标1:机柜数量(≥77台)": a numbered item gives its value in brackets (a
                # bracket holds a note otherwise, unless it is a figure: "到位率(≥95%)");
                # the number stays with the name, as written
                if numbered is not None and self.table is not None:
                    self.table.numbered = True
                self._template(bracket.start(), inner[0])
                self._template(inner[1], bracket.end())
                return trim(text, s, bracket.start()), inner
        item = _ITEM_END.search(text, s, e)
        end = item.start() if item is not None and item.start() > s else e
        m = _TRAILING_VALUE.search(text, s, end)
        cut: int | None
        if m is not None and m.start() > s and m.end() == end:
            cut = m.start()
        else:
            word = qualitative_end(text, s, end, self.vocab)  # "…均衡发展情况稳步提高"
            cut = word if word is not None else self._comma_value(s, end) if end < e else None
        if cut is None:
            return None
        name = trim(text, s, cut)
        sep = _NAME_VALUE_SEP.search(text, *name)
        if sep is not None and sep.start() > name[0]:
            self._template(sep.start(), name[1])  # "农民综合素质," then the value
            name = trim(text, name[0], sep.start())
        if end < e:
            self._template(*trim(text, end, e))
        return name, trim(text, cut, end)

    def _comma_value(self, s: int, e: int) -> int | None:
        """Where the value of "name,value" starts: one comma, a name of two
        characters or more before it, twelve characters or fewer after it."""
        piece = self.text[s:e]
        commas = [i for i, ch in enumerate(piece) if ch in ",，"]
        if len(commas) != 1:
            return None
        k = commas[0]
        tail = piece[k + 1 :].strip()
        if not tail or len(tail) > 12 or sum(1 for ch in piece[:k] if "\u4e00" <= ch <= "\u9fff") < 2:
            return None
        return trim(self.text, s + k + 1, e)[0]

    def _block_goal(self, ls: int, le: int, vs: int, ve: int) -> bool:
        """Whether the text after a heading of the goals block is, with confidence, the goal
        itself: "项目绩效目标 | <goal>" in one row (its cells on one line or a line each),
        "(7)绩效目标。<goal>" in prose, or a
        numbered section heading alone on its line ("四、绩效目标") over a paragraph.  Not
        the goal: the headings of goal columns or another label ("项目总目标", "专项年度"),
        a cell of a table given one cell a line (a name, a number), page chrome, an
        indicator table run into the text, a table of contents, a sentence that announces
        the goals listed after it (ending in a colon); and text under a heading
        that is no numbered section heading alone on its line.  A self-evaluation's
        "年度绩效目标完成情况" heads a table of results, not a goal."""
        text = self.text
        if "完成" in label_key(text[ls:le]):
            return False
        s, e = trim(text, vs, ve)
        value = text[s:e]
        cells = self.row_cells
        same_row = any(c[0] <= ls < c[1] for c in cells) and any(c[0] <= s < c[1] for c in cells)
        if "\n" in text[le:s] and not same_row:
            # (a row given a cell a line, its rows apart by blank lines: the label's row)
            line_start = text.rfind("\n", 0, ls) + 1
            line_end = text.find("\n", le)
            if (
                text[line_start:ls].strip()
                or text[le:line_end].strip(" \t:：。")
                or _ENUM_HEAD.match(text, ls) is None
                or _SENTENCE_MARK.search(value) is None
            ):
                return False
        flat = "".join(value.split())
        han = sum(1 for ch in flat if "\u4e00" <= ch <= "\u9fff")
        return (
            han >= 10
            and han * 5 >= len(flat) * 2  # words, not a table of numbers
            and len(flat) <= 1000
            and "|" not in value
            and not flat.endswith((":", "："))  # "…现将绩效目标公示如下：": the goals follow it
            and _GOAL_HEADING.fullmatch(flat) is None
            and self.vocab.match(flat) is None
            and self.vocab.category(flat) is None
            and _GOAL_RUNON.search(flat) is None
            and _GOAL_TOC.search(flat) is None
            and not is_chrome(value)
        )

    def _promote_block_goal(self) -> None:
        """A form with no goal field of its own and one goal read under the heading of its
        goals block: that text is the form's goal.  On a department form it is the overall
        goal; on a project form whose period is one year (2025年, 2025年1月1日-2025年12月31日),
        the budget year's, the annual goal; otherwise the goal as a whole, the overall goal."""
        d = self.decl
        if len(self.block_goals) != 1 or d.goals or any(f.key.startswith("goal.") for f in d.fields):
            return
        goal = self.block_goals[0]
        i = next((k for k, f in enumerate(d.fields) if f is goal), None)
        if i is None:
            return
        key = "overall"
        periods = [f.text or "" for f in d.fields if f.key == "period"]
        years = {int(y) for p in periods for y in _ANY_YEAR.findall(p)}
        if d.form_type is not FormType.DEPARTMENT and len(periods) == 1 and len(years) == 1:
            if d.year is None or d.year in years:
                key = "annual"
        d.fields.pop(i)
        _move_pointers(d.source, f"/fields/{i}", f"/goals/{key}", len(d.fields) + 1)
        d.goals[key] = goal.text or ""

    # -- finishing -----------------------------------------------------------
    def finish(self) -> Declaration:
        if self.goal_stack:
            heads = self.goal_stack
            if len(heads) > 1 and not self.goal_fill:
                self._template_label(heads[0][1], heads[0][2])
                heads = heads[1:]
            self._end_goal_stack(heads)
        self._end_table()
        self._close_pending()
        self._close_sum_row()
        d = self.decl
        _promote_total(d)
        self._total_from_sum_row()
        if self.queue_labels and self.money_unit:
            for line in self.unit_unknown:
                line.unit = self.money_unit
        _promote_department(d)
        if d.name is None and "/name" not in d.source.labels and "/title" in d.source.spans:
            self._name_from_title()
        if d.form_type is FormType.UNKNOWN:
            d.form_type = infer_form_type(d)
        self._promote_block_goal()
        return d

    def _name_from_title(self) -> None:
        """A form with no name cell whose title names its project ("宿州市某局2024年某某审计项目
        支出预算绩效目标表"): the project, after the unit and the year that open the title."""
        span = self.decl.source.spans["/title"]
        s = self.smap.offset(span.line, span.column)
        e = self.smap.offset(span.end_line, span.end_column)
        m = _TITLE_PROJECT.fullmatch(self.text, s, e)
        if m is not None:
            self.decl.name = self._value("/name", *m.span("name"))


def _opens_goals(info: LabelInfo) -> bool:
    """A goal label (总体目标) or the heading of the goals block (项目绩效目标)."""
    return info.kind == "goal" or (info.kind == "heading" and info.key == "goals_block")


def _implied_year(d: Declaration) -> int | None:
    """The budget year a form implies without stating it in a year cell: a
    project name that opens with it (2024年某县…项目), or a period within one
    year, however its dates are written (2022年1月—12月, 2022.1-2022.12, 202201-202212).
    ``year_text`` stays empty: no cell says it."""
    m = _NAME_YEAR.match(d.name or "")
    if m is not None:
        return int(m.group(1))
    for f in d.fields:
        if f.key == "period":
            text = f.text or ""
            years = {int(y) for y in _YEARS.findall(text)}
            years.update(int(y) for span in _YEAR_SPAN.findall(text) for y in span)
            if len(years) == 1:
                return years.pop()
    return None


def _promote_total(d: Declaration) -> None:
    """A blank total before a total with an amount ("年度预算安排(万元)" over
    "资金总额 171.41"): the first was the block's heading; the amount is the total.
    With no annual total at all, the period's total (实施期资金总额, 项目总预算)
    is the form's total."""
    total = d.money.total
    if total is not None and (total.amount is not None or (total.text or "").strip()):
        return
    for key in ("total", "total_period"):
        for i, line in enumerate(d.money.lines):
            if line.key == key and line.amount is not None:
                if total is None:
                    d.money.total = d.money.lines.pop(i)
                    _move_pointers(d.source, f"/money/lines/{i}", "/money/total", len(d.money.lines) + 1)
                else:
                    d.money.total, d.money.lines[i] = line, total
                    _swap_pointers(d.source, "/money/total", f"/money/lines/{i}")
                return


def _promote_department(d: Declaration) -> None:
    """A form whose only 主管部门 are those of levels (中央/省级/市级主管部门: a regional
    target table, a provincial project's form): the most local of them, the level that
    filled the form, is the form's department."""
    if d.department is not None:
        return
    found = [
        (_level_rank(f.label), i)
        for i, f in enumerate(d.fields)
        if f.key == "superior_department" and "主管部门" in label_key(f.label) and (f.text or "").strip()
    ]
    if not found:
        return
    i = max(found, key=lambda ri: (ri[0], -ri[1]))[1]  # the most local level; the first of a tie
    f = d.fields.pop(i)
    d.department = f.text
    _move_pointers(d.source, f"/fields/{i}", "/department", len(d.fields) + 1)


def _level_rank(label: str) -> int:
    """How local the level a label names is: 中央 0, 省 1, 市 2, 区/县 3 (1 for none named)."""
    key = label_key(label)
    return max((rank for word, rank in _LEVEL_WORDS if word in key), default=1)


def _move_pointers(source: Source, old: str, new: str, count: int) -> None:
    """``old`` (a money line) becomes ``new``; the lines after it move up one."""
    prefix, _, index = old.rpartition("/")
    gone = int(index)

    def moved(pointer: str) -> str:
        if pointer == old or pointer.startswith(old + "/"):
            return new + pointer[len(old) :]
        if pointer.startswith(prefix + "/"):
            head, _, rest = pointer[len(prefix) + 1 :].partition("/")
            if head.isdigit() and gone < int(head) < count:
                return f"{prefix}/{int(head) - 1}" + ("/" + rest if rest else "")
        return pointer

    source.spans = {moved(p): v for p, v in source.spans.items()}
    source.labels = {moved(p): v for p, v in source.labels.items()}


def _swap_pointers(source: Source, a: str, b: str) -> None:
    """Exchange what the source map records under pointers ``a`` and ``b`` (and below them)."""

    def moved(pointer: str) -> str:
        for x, y in ((a, b), (b, a)):
            if pointer == x or pointer.startswith(x + "/"):
                return y + pointer[len(x) :]
        return pointer

    source.spans = {moved(p): v for p, v in source.spans.items()}
    source.labels = {moved(p): v for p, v in source.labels.items()}


def infer_form_type(d: Declaration) -> FormType:
    title = d.title or ""
    if "整体" in title or any(line.key in ("income_total", "expenditure_total") for line in d.money.lines):
        return FormType.DEPARTMENT
    if "专项" in title or (d.source.labels.get("/name") and "专项" in d.source.labels["/name"].text):
        return FormType.SPECIAL
    if "项目" in title or d.name is not None:
        return FormType.PROJECT
    return FormType.UNKNOWN


class Builder:
    """Builds every declaration of one file from its rows.

    A title row after a form with content starts the next form.  A footer
    (填报人 / 联系电话 / 填报日期) belongs to every form since the previous
    footer: the seed prints one footer after two 专项 forms.
    """

    def __init__(
        self, text: str, path: str, encoding: str | None, layout: str, vocab: Vocabulary | None = None
    ) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.layout = layout
        self.vocab = vocab or vocabulary()
        self.smap = SourceMap(text)
        self.default_unit = _unit_note(text)
        #: heads of the projects of a prose disclosure (see _prose_items): cell -> name span
        self.items: dict[tuple[int, int], tuple[int, int]] = {}
        #: ... and the separator after the label of each of its parts, by label cell
        self.seps: dict[tuple[int, int], tuple[int, int]] = {}
        #: ... and the label cells of the first parts of projects without a head
        self.headless: set[tuple[int, int]] = set()

    def build(self, rows: list[Row]) -> list[Declaration]:
        forms: list[_FormBuilder] = []
        current = _FormBuilder(self, 0)
        text = self.text
        for row in self._prose_items(_rejoin_decimals(text, rows)):
            cells = [trim(text, c.start, c.end) for c in row.cells]
            cell = self._single_cell(cells)
            if cell is not None and row.stream and current.idle and _no_form_cell(text, *cell):
                # no label, title, year, amount or date can be in it, and nothing
                # waits for a value: unrecognised, as the long way would find
                current.row_cells = current.last_cells = cells
                current.unrecognized_text(*cell)
                continue
            item = self.items.get(cell) if cell is not None else None
            if cell is not None and item is not None:
                # a project of a prose disclosure starts a form of its own
                if current.substantive:
                    forms.append(current)
                    current = _FormBuilder(self, len(forms))
                current.prose_item(cell, item)
                continue
            if cells and cells[0] in self.seps:
                current._template(*self.seps[cells[0]])
            if cells and cells[0] in self.headless:
                current.from_item = True
            heading = _project_heading(self.vocab, text, cell) if cell is not None and cell[1] - cell[0] <= 60 else None
            if heading is not None and cell is not None:
                # "某某项目项目绩效目标" on a line of its own: the project whose targets
                # follow; after a form with content, the next project of the page
                if current.substantive:
                    current._end_table()
                    forms.append(current)
                    current = current.successor()
                    current.table = None
                current.project_heading(*cell, *heading)
                continue
            if cell is not None and cell[1] - cell[0] <= 60:
                if current.substantive and _form_title(self.vocab, self.text[cell[0] : cell[1]]):
                    # a title line after a form with content starts a new form
                    forms.append(current)
                    current = _FormBuilder(self, len(forms))
                elif current.decl.indicators and _title_in_table(self.text[cell[0] : cell[1]]):
                    # a declaration's or an approval's title after rows of a table (a page
                    # printing two forms one after the other): the table has ended, and the
                    # next form starts under this title
                    forms.append(current)
                    current = _FormBuilder(self, len(forms))
                    current._title(*cell)
                    continue
                if self._head_row(cell, current):
                    continue
            if not row.stream and self._next_project(cells, current):
                # "项目名称 | …" again after a form's indicators, with no title between:
                # the next project of the same document
                current._end_table()
                forms.append(current)
                current = current.successor()
            current.add_row(row, cells)
            if current.handoff is not None:
                # a wide sheet's next project
                forms.append(current)
                current.handoff, current = None, current.successor()
                current.add_row(row, cells)
            if row.free and cells and self._is_footer(cells[0]):
                current.has_footer = True
        forms.append(current)
        decls = [fb.finish() for fb in forms]
        # a footer belongs to every form since the previous footer
        group: list[int] = []
        for i, fb in enumerate(forms):
            group.append(i)
            if fb.has_footer:
                for j in group[:-1]:
                    _share_footer(decls[i], decls[j])
                group = []
        kept = _merge_leftovers(decls)
        builders = {id(fb.decl): fb for fb in forms}
        kept = self._merge_described(kept, builders)
        heading_year: Declaration | None = None
        for d in kept:
            # the unit the form's note states for its amounts ("单位：万元"): for the rules to read
            d.money.unit = self.default_unit
            # what only the text around the form says (its leftovers are merged in now)
            if d.money.total is None:
                builders[id(d)]._total_from_prose()
            if d.name is None and "/name" not in d.source.labels:
                builders[id(d)]._name_from_prose()
            if d.year is None:
                builders[id(d)]._year_from_prose()
                if d.year is not None:
                    heading_year = d
                elif heading_year is not None and heading_year.year_text is not None:
                    # the next project under the same page heading: the same year
                    d.year, d.year_text = heading_year.year, heading_year.year_text
                    d.source.spans["/year_text"] = heading_year.source.spans["/year_text"]
            if d.year is None:
                d.year = _implied_year(d)
        return kept

    def _prose_items(self, rows: list[Row]) -> list[Row]:
        """``rows`` with the projects of a prose budget disclosure cut out of the
        cells that hold them: each project's head ("1.“…”项目。") and each of its
        numbered parts ("(1)项目概述。…") a row of their own, and a form title run
        on after the last part ("…提高。 项目支出绩效目标表") too."""
        text = self.text
        out: list[Row] = []
        in_items = False
        for i, row in enumerate(rows):
            cells = [trim(text, c.start, c.end) for c in row.cells]
            cell = self._single_cell(cells)
            if cell is None:
                out.append(row)
                in_items = False
                continue
            s, e = cell
            if _DIGIT.search(text, s, e) is None:
                # heads and parts are numbered ("1.“…”项目", "(1)项目概述"): none here
                out.append(row)
                in_items = False
                continue
            heads = [m for m in _PROSE_ITEM.finditer(text, s, e) if _FIRST_PART.match(text, m.end(), e) or m.end() == e]
            if not heads and (line := _PROSE_HEAD_LINE.fullmatch(text, s, e)) is not None:
                heads = [line]
            if heads and heads[-1].end() == e:
                # a head on a line of its own: the next line must open its parts
                nxt = rows[i + 1].cells if i + 1 < len(rows) else []
                if not (
                    nxt
                    and _FIRST_PART.match(text, nxt[0].start, nxt[0].end)
                    and (
                        self._part_label(nxt[0].start, nxt[0].end) is not None
                        or self._opens_about_label(nxt[0].start, nxt[0].end)
                    )
                ):
                    heads.pop()
            if not heads:
                if in_items and _LINE_PART.match(text, s, e):
                    out += self._prose_part(s, e)
                elif not row.cells[0].table and (cut := self._headless_start(s, e)) is not None:
                    # "(1)项目概述:…" with no head: the project the page is about, in prose
                    in_items = True
                    self.headless.add(trim(text, s, cut))
                    out += self._prose_part(s, e)
                else:
                    out.append(row)
                    in_items = False
                continue
            in_items = True
            if trim(text, s, heads[0].start())[0] < heads[0].start():
                out.append(Row([Cell(s, heads[0].start(), True)]))
            for n, head in enumerate(heads):
                end = heads[n + 1].start() if n + 1 < len(heads) else e
                hs, he = trim(text, head.start(), head.end())
                self.items[(hs, he)] = head.span("name")
                out.append(Row([Cell(hs, he, True)], free=True))
                marks = [m.start() for m in _PROSE_PART.finditer(text, head.end(), end)]
                bounds = [*marks, end]
                for a, b in zip(bounds, bounds[1:]):
                    tail = self._title_after(a, b) if b == end else None
                    out += self._prose_part(a, tail if tail is not None else b)
                    if tail is not None:
                        out.append(Row([Cell(tail, b, True)], free=True))
                        in_items = False
        return out

    @staticmethod
    def _merge_described(kept: list[Declaration], builders: dict[int, _FormBuilder]) -> list[Declaration]:
        """A project of a prose disclosure followed by its own form (the same
        name): one declaration, the form; the prose is kept as its text.  A form
        right after a prose project of which nothing but the title was read (the
        text ends in its header, before its name) names no other project: it is
        the project's own form, and the prose is what was read of it."""
        out: list[Declaration] = []
        folded: set[int] = set()
        for i, d in enumerate(kept):
            if id(d) in folded:
                continue
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            if (
                nxt is not None
                and builders[id(d)].from_item
                and not builders[id(nxt)].from_item
                and _holds_nothing(nxt)
            ):
                _absorb(d, nxt)
                folded.add(id(nxt))
                out.append(d)
                continue
            if (
                nxt is not None
                and builders[id(d)].from_item
                and not builders[id(nxt)].from_item
                and nxt.name
                and (d.name is None or _same_project(d, nxt))
            ):
                _absorb(nxt, d)
                continue
            out.append(d)
        for i, d in enumerate(out):
            d.source.index = i
        return out

    def _prose_part(self, s: int, e: int) -> list[Row]:
        """A numbered part of a prose project: "(6)年度预算安排。财政拨款634万元。" is
        the label and its value, as two cells."""
        cut = self._part_label(s, e)
        if cut is not None:
            self.seps[trim(self.text, s, cut)] = (cut, cut + 1)  # the 。 after the label: template text
            return [Row([Cell(s, cut, True), Cell(cut + 1, e, True)])]
        return [Row([Cell(s, e, True)])]

    def _headless_start(self, s: int, e: int) -> int | None:
        """Where the label ends when ``text[s:e]`` opens a prose project that has no
        head: its first part, about the project ("(1)项目概述:…")."""
        if _PROSE_START.match(self.text, s, e) is None:
            return None
        cut = self._part_label(s, e)
        label = self.vocab.match(self.text[s:cut]) if cut is not None else None
        return cut if label is not None and label.kind == "extra" else None

    def _opens_about_label(self, s: int, e: int) -> bool:
        """Whether a numbered part opens with a label about the project worded at
        more length ("(1)项目概述和内容。…"): the first part of a project, as the
        bare label ("(1)项目概述。") is."""
        m = _LINE_PART.match(self.text, s, e)
        if m is None:
            return False
        vs, ve = trim(self.text, m.end(), e)
        found = self.vocab.match_prefix(NormText(self.text[vs:ve]).chars, 0)
        return found is not None and found[0].kind == "extra"

    def _part_label(self, s: int, e: int) -> int | None:
        """Where the label of a numbered part ("(6)年度预算安排。…") ends: at the
        。 or colon after it; None when the part opens with no known label."""
        text = self.text
        m = _LINE_PART.match(text, s, e)
        if m is not None:
            for sep in ("。", ":", "：", "．"):
                cut = text.find(sep, m.end(), min(e, m.end() + 20))
                if cut > 0 and self.vocab.match(text[s:cut]) is not None:
                    return cut
        return None

    def _title_after(self, s: int, e: int) -> int | None:
        """Where a form title run on after the last sentence of ``text[s:e]`` starts."""
        cut = max(self.text.rfind("。", s, e), self.text.rfind("\n", s, e))
        if cut < 0:
            return None
        ts, te = trim(self.text, cut + 1, e)
        if ts < te and te - ts <= 60 and self.vocab.title(self.text[ts:te]) is not None:
            return ts
        return None

    def _next_project(self, cells: list[tuple[int, int]], current: _FormBuilder) -> bool:
        """Whether a row that opens with the name label starts the next form: the
        current one has its name and indicators already."""
        d = current.decl
        if not (d.name and d.indicators and current.pending is None):
            return False
        first = next(((s, e) for s, e in cells if s < e), None)
        if first is None:
            return False
        info = self.vocab.match(self.text[first[0] : first[1]])
        return info is not None and info.kind == "field" and info.key == "name"

    @staticmethod
    def _single_cell(cells: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The only non-blank cell of a row (its cells trimmed); None if there are more."""
        found = None
        for s, e in cells:
            if s < e:
                if found is not None:
                    return None
                found = (s, e)
        return found

    def _head_row(self, cell: tuple[int, int], current: _FormBuilder) -> bool:
        """Title and year lines at the head of a form; True when handled."""
        s, e = cell
        if not current.substantive and _form_title(self.vocab, self.text[s:e]):
            if current.has_title:
                # a second title before any field: the first was a page heading
                self._demote_title(current)
            current._close_pending()
            current._title(s, e)
            return True
        if e - s <= 24 and current.year_row(s, e):
            return True
        if current.decl.money.total is None and current.table is None and self._amount_line(s, e, current):
            return True
        m = _UNIT_LINE.fullmatch(self.text, s, e)
        if m is not None:
            # "金额单位：元": the unit of the amounts that follow
            current.money_unit = m.group(1)
            current._template(s, e)
            return True
        return False

    def _amount_line(self, s: int, e: int, current: _FormBuilder) -> bool:
        """A line of its own that is only a money heading of a list, a colon and an
        amount ("金额：100 万元", printed under the form's title): the form's total.
        The heading word alone is no label (it heads the columns of allocation
        lists); with a colon and one amount on a line of its own it labels one."""
        text = self.text
        colon = next((i for i in range(s, min(e, s + 12)) if text[i] in ":："), None)
        if colon is None:
            return False
        word = label_key(text[s:colon])
        if word not in self.vocab.column_words or "金额" not in word:
            return False
        vs, ve = trim(text, colon + 1, e)
        if vs >= ve or parse_amount(text[vs:ve])[0] is None:
            return False
        current._close_pending()
        current.labels_seen += 1
        current._assign(LabelInfo("money", "total", text[s:colon]), s, colon + 1, vs, ve)
        return True

    @staticmethod
    def _demote_title(fb: _FormBuilder) -> None:
        d = fb.decl
        if d.title is None:
            return
        title = d.source.spans.pop("/title")
        d.source.template.append(title)
        d.title = None
        fb.has_title = False
        year = d.source.spans.get("/year_text")
        if year is not None and title.cover(year) == title:
            # a year printed in that heading stays until the form gives its own
            fb.year_from_heading = True

    def _is_footer(self, cell: tuple[int, int]) -> bool:
        """Is the first cell (trimmed) of a free row a footer (填报人, 联系电话, 填报日期)?"""
        piece = self.text[cell[0] : cell[1]]
        cache = self.vocab.footer_cache
        found = cache.get(piece)
        if found is None:
            info = self.vocab.match_prefix(NormText(piece).chars, 0)
            found = info is not None and info[0].kind == "field" and info[0].key in FOOTER_KEYS
            if len(cache) >= _SPLIT_CACHE_SIZE:
                cache.clear()
            cache[piece] = found
        return found


def _share_footer(src: Declaration, dst: Declaration) -> None:
    for key in FOOTER_KEYS:
        if getattr(dst, key) is not None:
            continue
        value = getattr(src, key)
        if value is None:
            continue
        setattr(dst, key, value)
        pointer = f"/{key}"
        if pointer in src.source.spans:
            dst.source.spans[pointer] = src.source.spans[pointer]
        if pointer in src.source.labels:
            dst.source.labels[pointer] = src.source.labels[pointer]


def _worth_keeping(d: Declaration) -> bool:
    """A form with a title and something more, or one of the parts that make
    a form (a name, a department, a unit, an amount, goals, indicators): not
    only headings, leftovers, or a web page's publishing data read as fields
    (信息分类: 项目绩效目标, 生效时间:)."""
    if d.title is not None and any(
        not p.startswith(("/unrecognized/", "/title", "/year_text")) for p in d.source.spans
    ):
        return True
    return bool(
        d.name is not None
        or d.department is not None
        or d.filing_unit is not None
        or d.implementing_unit is not None
        or d.functions is not None
        or d.money.total is not None
        or d.money.lines
        or d.goals
        or d.indicators
        or d.basis is not None
    )


def _merge_leftovers(decls: list[Declaration]) -> list[Declaration]:
    """Fold forms that hold only leftovers (a notice before the table, a page
    heading) into the next kept form, or the previous one at the end, so that
    none of their text is lost."""
    kept = [d for d in decls if _worth_keeping(d)]
    if not kept:
        kept = decls[:1]
    kept_ids = {id(k) for k in kept}
    for i, d in enumerate(decls):
        if id(d) in kept_ids:
            continue
        target = next((k for k in decls[i + 1 :] if id(k) in kept_ids), kept[-1])
        _absorb(target, d)
    for i, d in enumerate(kept):
        d.source.index = i
    return kept


def _holds_nothing(d: Declaration) -> bool:
    """Whether nothing of form ``d`` was read but its title, year and leftovers: every cell
    that has a label is empty, and no indicator row."""
    return not d.indicators and all(
        span.is_empty
        for pointer, span in d.source.spans.items()
        if not pointer.startswith(("/unrecognized/", "/title", "/year_text"))
    )


def _same_project(prose: Declaration, form: Declaration) -> bool:
    """Whether a prose project and the form right after it are the same project: the same
    name, a name worded a little differently ("…执法执勤车辆燃油维修费" / "…执法车辆维修燃油费":
    nearly every character of the shorter in the longer), or the same total."""
    a, b = label_key(prose.name or ""), label_key(form.name or "")
    if a and a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and sum(ch in long_ for ch in short) >= 0.8 * len(short):
        return True
    pt, ft = prose.money.total, form.money.total
    return bool(pt is not None and ft is not None and pt.amount and pt.amount == ft.amount)


def _absorb(dst: Declaration, src: Declaration) -> None:
    if dst.year_text is None and src.year_text is not None and "/year_text" in src.source.spans:
        # "2020年度…自评表" in the text above the table: the form's year
        dst.year, dst.year_text = src.year, src.year_text
        dst.source.spans["/year_text"] = src.source.spans.pop("/year_text")
    for i, text in enumerate(src.unrecognized):
        span = src.source.spans.get(f"/unrecognized/{i}")
        dst.source.spans[f"/unrecognized/{len(dst.unrecognized)}"] = span  # type: ignore[assignment]
        dst.unrecognized.append(text)
    for pointer, span in src.source.spans.items():
        if not pointer.startswith("/unrecognized/") and not span.is_empty:
            dst.source.template.append(span)  # a title or year of a form with nothing else
    for pointer, label in src.source.labels.items():
        if not pointer.startswith("/$template/") and label.span is not None:
            dst.source.template.append(label.span)
    dst.source.template.extend(src.source.template)
    dst.source.template.sort()


_LEADING_NUMBER = re.compile(r"\d+(?:\.\d+)?")


#: an amount in 万元 to the yuan (four decimals) that a flattened PDF broke at its cell's
#: edge, a single space before its last digit: "968.191 8" is 968.1918.  Two decimals and
#: a number ("65.07 10": an amount, then a score) are two cells: so is "3.14 2" (a score, a
#: count): only three decimals, then one digit alone, fit the shape of one decimal
_BROKEN_DECIMAL = re.compile(r"\d+\.\d{3} \d")


def _broken_decimal(text: str) -> bool:
    return _BROKEN_DECIMAL.fullmatch(text) is not None


def _rejoin_decimals(text: str, rows: list[Row]) -> list[Row]:
    """``rows`` with a decimal broken across two cells of a stream, a single space
    between them on one line, as one cell again (see ``_BROKEN_DECIMAL``)."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if (
            prev is not None
            and row.stream
            and prev.stream
            and len(row.cells) == 1
            and len(prev.cells) == 1
            and _broken_decimal(text[prev.cells[0].start : row.cells[0].end])
        ):
            joined = Cell(prev.cells[0].start, row.cells[0].end, prev.cells[0].table)
            out[-1] = Row([joined], free=prev.free, stream=True)
            continue
        out.append(row)
    return out


def _repeated_amount(text: str) -> Decimal | None:
    """An amount printed in two fused columns, as in "194.9194.9100%"
    (预算数 194.9, 执行数 194.9, 执行率 100%): the shortest leading number
    that the text repeats right away."""
    t = text.replace(",", "")
    for length in range(1, min(len(t) // 2, 16) + 1):
        head = t[:length]
        if _LEADING_NUMBER.fullmatch(head) and t.startswith(head, length) and not head.endswith("."):
            nxt = t[2 * length : 2 * length + 1]
            if nxt != "." and not (head.count(".") == 0 and nxt.isdigit() and "." in t[2 * length : 2 * length + 3]):
                return Decimal(head)
    return None


def _unit_note(text: str) -> str | None:
    """The unit a sheet's note states for its amounts ("单位：万元", "金額單位:萬元")."""
    m = re.search(r"(?:金额)?单位\s*[:：]\s*(万元|元)", simplified(text[:5000]))
    return m.group(1) if m else None
