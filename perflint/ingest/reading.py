"""What was read of each declaration, and the text outside the form.

After the builder, :func:`assess` records on each declaration
(:class:`perflint.domain.model.Reading`) which parts of the form were read,
which are surely not there, and which could not be read — because the text
stops before them (a web page captured only in part, a cut PDF) or because
the layout was not understood.  Rules that claim something is missing run
only on parts read with confidence (see ``needs`` in the rule files), so a
reading failure never becomes a confident error.

:func:`separate_outside` moves the text around the form out of
``Declaration.unrecognized`` into ``Source.chrome``: web-page chrome (索引号 /
发布机构 / 发文时间 blocks, "扫一扫在手机打开当前页", "[打印] [关闭]",
"第2页/共16页", lists of other articles) and the prose of a notice before
the form.  It is kept, so nothing is lost, but never checked or reported.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from perflint.domain.model import SECTIONS, Declaration, Indicator, Reading, Span
from perflint.domain.vocab import Vocabulary, label_key, simplified, vocabulary
from perflint.ingest.fusedrows import reread
from perflint.ingest.misread import rows_misread

#: one line of page chrome (matched on NFKC text without spaces)
_CHROME = re.compile(
    r"^(?:索引号|发布机构|发文机关|发文时间|发文日期|发布时间|发布日期|成文日期|生成日期|信息来源|来源(?![于自是为])|"
    r"文号|主题分类|主题词|公开方式|公开范围|公开时限|有效性|信息分类|所属机构|体裁分类|浏览次数|点击数|阅读次数|"
    r"访问量|字号|【?字体大小|作者|编辑|责任编辑|审核|网站地图|联系我们|版权所有|主办|承办|技术支持|ICP备|网站标识码|"
    r"当前位置|您当前的位置|首页|上一篇|下一篇|相关链接|相关文章|相关阅读|相关稿件|扫一扫|分享到|打印|关闭|"
    r"【打印】|【关闭】|\[打印\]|\[关闭\]|\[下载\]|下载附件|附件下载|文件下载|政策咨询|收藏|纠错|返回顶部|返回)"
)
_CHROME_ANYWHERE = re.compile(
    r"扫一扫在手机打开当前页|在手机打开当前页|\[?打印(?:本页|此页)?\]?\s*\[?关闭(?:窗口)?\]?|"
    r"第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|^[—\-－]\s*\d+\s*[—\-－]$|^\d+\s*/\s*\d+$|"
    r"ICP备\d+|公网安备|网站标识码|版权所有|Copyright|©|"
    # a government site's footer: "某某人民政府主办 某某办公室承办", its 监督电话 and 公务邮箱
    r"主办.{0,30}承办|网站监督电话|网站纠错|公务邮箱|内容保障|"
    # the row of a disclosure page's metadata table: "名称: 2022年度重点项目… 文号:" (its
    # document number left empty)
    r"^(?:名称|标题)[:：]?.{2,60}文号|文号[:：]$|"
    # a document-sharing site around a preview: its notices, the file's card, its page captions
    r"^全文预览已结束|^下载本文档|^版权说明|^文档简介$|^资源(?:ID|大小|格式)|^下载积分|^友情提示$|"
    r"^归档时间|_第\d+页$|"
    # a line that is only a file's name
    r"^[^|]{1,80}\.(?:docx?|pdf|xlsx?|wps|et)$"
)
#: a date or date-time before a line's label ("2020-03-04 13:32来源: 石嘴山网"), on NFKC text without spaces
_LEADING_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")
#: the time after it (spaces are gone: "2020-03-0413:32")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
#: a line of a page's publishing metadata: everything on it is chrome, pieces such as "15:40" included
_META_LINE = re.compile(
    r"^(?:发布时间|发布日期|发文时间|发文日期|更新时间|信息来源|来源|作者|浏览次数|点击数|阅读次数|访问量)[:：]"
)
#: labels whose text shows the form goes on after them (sign-off, footer, notes after the table)
#: what may follow the last cell of a text without being more of it: blanks, cell rules
_CELL_EDGES = " \t\r\n\u3000|│┃｜"
_NO_EDGES = str.maketrans("", "", "|│┃｜")
#: the header of a value column: where it is in the table's text, the table has values
_VALUE_HEADER = re.compile(r"指标值|目标值|指标目标值|年度指标值|绩效目标值|计划值|标准值")
_END_MARKS = re.compile(
    r"填报人|填表人|填报日期|填表日期|单位负责人|审核意见|盖章|财务负责人|经办人|联系电话|说明[:：]|备注[:：]|注[:：]"
)
#: the links a site puts under an article it has shown whole (附件下载, 文件下载, 扫一扫, 打印,
#: 关闭, 返回, 上一篇 …): after a form's last row they say the page went on past the form
_ARTICLE_END = re.compile(
    r"^(?:附件下[载載]|文件下[载載]|下[载載]附件|[扫掃]一[扫掃]|分享到|【?打印|\[打印|【?[关關][闭閉]|\[[关關][闭閉]|"
    r"返回|上一篇|下一篇|相[关關][链鏈]接|相[关關]文章|相[关關][阅閱][读讀]|政策[咨諮][询詢])"
)
#: a document-sharing site's preview, which shows the first pages only: its end links say nothing
#: about the end of the document
_PREVIEW = re.compile(
    r"[还還]剩\d+[页頁]未[读讀]|已[阅閱][读讀]\d+[页頁]|全文[预預][览覽]已[结結]束|[继繼][续續](?:免[费費])?[阅閱][读讀]|"
    r"下[载載]本文[档檔]|付[费費]下[载載]"
)
_SECTION_OF = {
    "title": "header",
    "year": "header",
    "year_text": "header",
    "filing_unit": "header",
    "name": "identity",
    "attribute": "identity",
    "attribute_text": "identity",
    "department": "identity",
    "implementing_unit": "identity",
    "functions": "identity",
    "basis": "identity",
    "fields": "identity",
    "money": "money",
    "schedule": "schedule",
    "goals": "goals",
    "indicators": "indicators",
    "safeguards": "safeguards",
    "reviews": "review",
    "preparer": "footer",
    "phone": "footer",
    "filing_date": "footer",
}
#: layouts whose absence claims are weak: cells run together, labels and values apart
_WEAK_LAYOUTS = {"flattened"}
#: layouts whose cells are exact (a Word table saved as text, JSON, the native readers): a
#: blank cell there is a blank answer.  In the text of a web page (pipe rows, one cell per
#: line, space-separated rows) a label's value is often in the next row or cell, so a field
#: that looks blank may simply not have been found: no "blank field" claims there.
EXACT_LAYOUTS = {"tabbed", "json", "docx", "docm", "xlsx", "xlsm", "xls", "csv", "tsv", "html", "htm", "mht", "pdf"}
#: the sections whose labels head the columns of a list of projects (one project a row)
_LIST_SECTIONS = ("identity", "money", "schedule", "goals")
#: the parts of a form whose fields are claimed blank or missing (the indicator table is judged by its rows)
_FIELD_SECTIONS = ("header", "identity", "money", "schedule", "goals", "safeguards", "review", "footer")
#: the share of unrecognised text beyond which what was not found may still be there
_MAX_UNRECOGNIZED = 0.35


def _nfkc_compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_chrome(text: str) -> bool:
    """A piece of page chrome (navigation, publishing metadata, page numbers)."""
    flat = _nfkc_compact(text)
    if not flat:
        return False
    # what the line says after a list's dash ("- 资源格式: DOCX") and a leading date-time
    # ("2020-03-04 13:32来源: …")
    head = flat.lstrip("-—·•")
    dated = _LEADING_DATE.match(head)
    if dated:
        timed = _TIME.match(head, dated.end())
        end = timed.end() if timed else dated.end()
        if end < len(head):
            head = head[end:]
    if head and _CHROME.match(head) and len(head) <= 60:
        return True
    return any(_CHROME_ANYWHERE.search(t) and len(t) <= 80 for t in (flat, head) if t)


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def offset(self, span: Span) -> int:
        line = min(max(span.line, 1), len(self.starts))
        return self.starts[line - 1] + span.column - 1

    def end(self, span: Span) -> int:
        line = min(max(span.end_line, 1), len(self.starts))
        return self.starts[line - 1] + span.end_column - 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def text_of(self, text: str, line: int) -> str:
        """The text of line ``line`` (1-based)."""
        start = self.starts[min(max(line, 1), len(self.starts)) - 1]
        end = text.find("\n", start)
        return text[start : end if end >= 0 else len(text)]


def _form_spans(decl: Declaration) -> list[Span]:
    spans = [s for p, s in decl.source.spans.items() if not s.is_empty and not p.startswith("/unrecognized/")]
    spans += [lab.span for p, lab in decl.source.labels.items() if lab.span is not None]
    return spans


_ATTACHMENT = re.compile(r"^附件\d*[:：]?$")


def _drop_trailing_chrome_rows(decl: Declaration) -> None:
    """Indicator rows at the end of the table made of page chrome ("扫一扫在手机打开当前页",
    "[下载] [打印] [关闭]", a bare "附件:") are the page, not the form: their cells go to
    ``source.chrome``."""
    while decl.indicators:
        index = len(decl.indicators) - 1
        ind = decl.indicators[-1]
        cells = [c for c in (ind.content, ind.value, ind.level3, ind.note) if c and c.strip()]
        if not cells or not any(is_chrome(c) for c in cells):
            return
        pointer = f"/indicators/{index}/value"
        if (
            ind.value
            and is_chrome(ind.value)
            and "value" not in ind.inherited
            and ind.content
            and not is_chrome(ind.content)
            and pointer in decl.source.spans
        ):
            # the last row's value cell is the page's link under the form ("返回】"): the row
            # had no value before the page went on
            span = decl.source.spans.pop(pointer)
            if not span.is_empty:
                decl.source.chrome.append(span)
            ind.value = None
            return
        if not all(is_chrome(c) or _ATTACHMENT.match(_nfkc_compact(c)) for c in cells):
            return
        prefix = f"/indicators/{index}"
        for pointer in [p for p in decl.source.spans if p == prefix or p.startswith(prefix + "/")]:
            span = decl.source.spans.pop(pointer)
            pointer_inherited = pointer.rsplit("/", 1)[-1] in ind.inherited
            if not span.is_empty and not pointer_inherited:
                decl.source.chrome.append(span)
        for pointer in [p for p in decl.source.labels if p == prefix or p.startswith(prefix + "/")]:
            label = decl.source.labels.pop(pointer)
            if label.span is not None:
                decl.source.chrome.append(label.span)
        decl.indicators.pop()


#: a table's title line: "…绩效目标表", "…申报表", "…资金分配明细表" (no sentence punctuation)
_TABLE_TITLE = re.compile(
    r"^[^，。；,;:：]{4,60}(?:目标|申报|批复|审批|分配|明细|情况|预算|支出|汇总|公开)表(?:[(（][^()（）]{0,8}[)）])?$"
)
#: the shortest start of a title that is taken for the title it begins
_TITLE_START = 6


def next_table_title(text: str) -> int | None:
    """The line (1-based) of the title of another table that the text ends in, if it does: its
    last line is a table's title ("…绩效目标表"), or the start of one that stands earlier in the
    text ("自治区本级部门2019年项目支出预算绩" under a form titled "自治区本级部门2019年项目支出
    预算绩效目标表", the next form of a page of them).  Such a text stopped after the table
    before it, not inside it."""
    rows = text.rstrip(_CELL_EDGES).splitlines()
    if not rows:
        return None
    last = simplified(_nfkc_compact(rows[-1])).strip(_CELL_EDGES)
    if len(last) < _TITLE_START or any(ch.isdigit() for ch in last[-2:]):
        return None
    if _TABLE_TITLE.match(last):
        return len(rows)
    for row in rows[:-1]:
        title = simplified(_nfkc_compact(row)).strip(_CELL_EDGES)
        if len(title) > len(last) and title.startswith(last) and _TABLE_TITLE.match(title):
            return len(rows)
    return None


def _ends_in_next_title(decl: Declaration, text: str) -> bool:
    """Whether ``text`` ends in another table's title after ``decl``'s indicator table: the
    title line is no part of what was read for the form (a 项目名称 cut after its first words
    is the form's name, not a title)."""
    line = next_table_title(text)
    if line is None or not decl.indicators:
        return False
    return not any(
        not span.is_empty and span.line <= line <= span.end_line
        for pointer, span in _pointer_spans(decl)
        if span is not None and not pointer.startswith("/unrecognized/")
    )


def _drop_title_row(decl: Declaration, line: int) -> None:
    """The last indicator row, when every cell of it stands on ``line`` (the next table's title
    the text ends in): its cells go to ``source.chrome``, as that title is not of this form."""
    if not decl.indicators:
        return
    index = len(decl.indicators) - 1
    prefix = f"/indicators/{index}/"
    inherited = decl.indicators[index].inherited
    own = {p: sp for p, sp in decl.source.spans.items() if p.startswith(prefix)}
    if not own or any(
        not sp.is_empty and (sp.line != line or sp.end_line != line)
        for p, sp in own.items()
        if p.rsplit("/", 1)[-1] not in inherited
    ):
        return
    if any(
        lab.span is not None and (lab.span.line != line)
        for p, lab in decl.source.labels.items()
        if p.startswith(prefix)
    ):
        return
    for pointer in own:
        span = decl.source.spans.pop(pointer)
        if not span.is_empty and pointer.rsplit("/", 1)[-1] not in inherited:
            decl.source.chrome.append(span)
    for pointer in [p for p in decl.source.labels if p.startswith(prefix)]:
        label = decl.source.labels.pop(pointer)
        if label.span is not None:
            decl.source.chrome.append(label.span)
    decl.indicators.pop()


def separate_outside(text: str, decls: list[Declaration]) -> None:
    """Move page chrome and the text before the first form out of ``unrecognized`` (into ``source.chrome``)."""
    if not decls:
        return
    for decl in decls:
        _drop_trailing_chrome_rows(decl)
    title_line = next_table_title(text)
    if title_line is not None:
        _drop_title_row(decls[-1], title_line)
    lines = _Lines(text)
    first_form = min((lines.offset(s) for s in _form_spans(decls[0])), default=len(text))
    for index, decl in enumerate(decls):
        kept: list[str] = []
        moved: list[Span] = []
        old_spans = decl.source.spans
        new_spans = {p: s for p, s in old_spans.items() if not p.startswith("/unrecognized/")}
        for i, piece in enumerate(decl.unrecognized):
            pointer = f"/unrecognized/{i}"
            span = old_spans.get(pointer)
            before_form = index == 0 and span is not None and lines.end(span) <= first_form
            if span is not None and (
                before_form
                or is_chrome(piece)
                or _ATTACHMENT.match(_nfkc_compact(piece))
                or _META_LINE.match(_nfkc_compact(lines.text_of(text, span.line)))
            ):
                moved.append(span)
                continue
            if span is not None:
                new_spans[f"/unrecognized/{len(kept)}"] = span
            kept.append(piece)
        if moved:
            decl.unrecognized = kept
            decl.source.spans = new_spans
            decl.source.chrome.extend(moved)


def _pointer_spans(decl: Declaration) -> list[tuple[str, Span]]:
    """Every value and label read for ``decl``, by pointer."""
    return list(decl.source.spans.items()) + [
        (p, lab.span) for p, lab in decl.source.labels.items() if lab.span is not None
    ]


def _found(decl: Declaration) -> dict[str, int]:
    """Sections of the form that were found, with the position of their first span (for order)."""
    out: dict[str, int] = {}
    for pointer, span in _pointer_spans(decl):
        head = pointer.strip("/").split("/", 1)[0]
        section = _SECTION_OF.get(head)
        if section is None or span is None:
            continue
        key = (span.line, span.column)
        position = key[0] * 10_000 + key[1]
        if section not in out or position < out[section]:
            out[section] = position
    if decl.indicators:
        out.setdefault("indicators", 10**12)
    if decl.title or decl.year_text:
        out.setdefault("header", 0)
    return out


#: a finished paragraph of running text: sentence punctuation in it, no cell edges, and a
#: sentence end (or the colon before a list) at its end
_CLAUSE = re.compile(r"[，。；,;]")
_PARAGRAPH_END = re.compile(r"[。；;！!？?：:]\s*$")


def _paragraph(line: str) -> bool:
    """Whether ``line`` is a finished paragraph of prose (a notice's sentence), not a row of cells."""
    if any(edge in line for edge in "|│┃｜\t"):
        return False
    return bool(_CLAUSE.search(line) and _PARAGRAPH_END.search(line))


def form_read(decl: Declaration, text: str) -> bool:
    """Whether anything of a form was read for ``decl`` (see :func:`_form_started`), not
    only words of the prose around it."""
    return _form_started(decl, text.splitlines())


def _form_started(decl: Declaration, lines: list[str]) -> bool:
    """Whether any of the form itself was read: its title, an indicator row or a
    heading of the indicator table, or a labelled field with a value outside the prose.

    A notice gives a "declaration" built from its sentences ("本次下达资金320万元。"): a
    label found inside a finished paragraph is running text, not a cell, and a label
    whose cell stays empty is a column heading of some table (an allocation table), not a
    field of the form; a year is read from the notice's own title ("关于下达2024年…的通知").
    Text that ends after such pieces alone ends before the form."""
    if decl.title or decl.indicators:
        return True
    for pointer, label in decl.source.labels.items():
        if pointer.startswith("/indicators"):
            return True
        if label.span is None or pointer.startswith(("/$template", "/unrecognized/")):
            continue
        value = decl.source.spans.get(pointer)
        if value is None or value.is_empty:
            continue
        line = lines[label.span.line - 1] if label.span.line - 1 < len(lines) else ""
        if not _paragraph(line):
            return True
    return False


def _read_after_table(decl: Declaration, lines: _Lines) -> bool:
    """Whether a field of another part of the form (a label or its value) was read after the
    indicator table's last row: the table ended before it."""
    ends = [lines.end(s) for p, s in decl.source.spans.items() if p.startswith("/indicators/") and not s.is_empty]
    if not ends:
        return False
    table_end = max(ends)
    return any(
        lines.offset(span) >= table_end
        for pointer, span in _pointer_spans(decl)
        if span is not None
        and not span.is_empty
        and not pointer.startswith(("/indicators", "/unrecognized/", "/$template"))
    )


#: how a whole row or sentence ends: the cell rule closing a row, a sentence's full stop
_WHOLE_END = re.compile(r"(?:[。！？!?]|[。！？!?]?\s*[|│┃｜])\s*$")


def _ends_whole(text: str) -> bool:
    """The text ends at the end of a row (its closing cell rule) or of a sentence, not inside a cell."""
    return bool(_WHOLE_END.search(text))


def _last_section(decl: Declaration) -> str:
    """The section of the last thing read (a 联系电话 near the top is not the footer's end)."""
    best, section = -1, ""
    for pointer, span in _pointer_spans(decl):
        head = _SECTION_OF.get(pointer.strip("/").split("/", 1)[0])
        if head is None or span is None or span.is_empty:
            continue
        position = span.end_line * 10_000 + span.end_column
        if position > best:
            best, section = position, head
    return section


def _values_lost(decl: Declaration, text: str, lines: _Lines, stop: int) -> bool:
    """The table's header names a value column, yet no row has a value."""
    if not decl.indicators or any(ind.value is not None for ind in decl.indicators):
        return False
    offsets = [lines.offset(s) for p, s in decl.source.spans.items() if p.startswith("/indicators/") and not s.is_empty]
    offsets += [
        lines.offset(lab.span)
        for p, lab in decl.source.labels.items()
        if p.startswith("/indicators") and lab.span is not None
    ]
    if not offsets:
        return False
    return bool(_VALUE_HEADER.search(text, max(min(offsets) - 400, 0), stop))


#: what may stand between a label and the next one when the cell between is empty
_GAP = re.compile(r"[\s:：|｜│]*")
#: a label's cell closed and the next cell empty: "主管部门 | |"
_EMPTY_CELL = re.compile(r"[\s:：]*[|｜│][ \t\u3000]*[|｜│]")


def _seen_blank(decl: Declaration, lines: _Lines, text: str) -> list[str]:
    """The fields whose blank cell can be seen although the layout gives no exact cells.

    A field counts when its label is followed on the same line by an empty cell
    (``| 主管部门 | |``) or directly by the next label (``主管部门  项目起止时间``), and
    some value was read on that line — a line of labels alone is a header row whose
    values sit elsewhere — or the label stands alone on its line, its empty cell closed
    (``主管部门 |  |``), and the next line opens with a label whose value is beside it: a
    table whose rows carry their values beside their labels, where this row's value cell
    is the empty one (a header row has more than one label, and its values would be below)."""
    spans = decl.source.spans
    labels = [(p, lab.span) for p, lab in decl.source.labels.items() if lab.span is not None]
    starts: dict[int, dict[int, str]] = {}
    for p, span in labels:
        starts.setdefault(span.line, {})[lines.offset(span)] = p
    valued = {s.line for p, s in spans.items() if not s.is_empty and not p.startswith(("/unrecognized/", "/$template"))}
    out = []
    for pointer, span in labels:
        if pointer.startswith(("/$template", "/indicators", "/unrecognized")):
            continue
        value = spans.get(pointer)
        if value is None or not value.is_empty:
            continue
        at = lines.end(span)
        eol = text.find("\n", at)
        rest = text[at : len(text) if eol == -1 else eol]
        if span.end_line not in valued:
            if not (
                _EMPTY_CELL.match(rest)
                and len(starts.get(span.end_line, {})) == 1
                and _row_below_has_its_value(span.end_line, starts, valued, lines, text)
            ):
                continue
            out.append(pointer)
            continue
        gap = _GAP.match(rest)
        after = at + (gap.end() if gap else 0)
        following = starts.get(span.end_line, {}).get(after) if gap and gap.end() > 0 else None
        if following is not None and pointer.startswith("/goals/") and following.startswith("/goals/"):
            continue  # "总体目标  年度目标": a heading over the goals, not a goal left blank
        if _EMPTY_CELL.match(rest) or (following is not None and after < at + len(rest)):
            out.append(pointer)
    return sorted(out)


def _row_below_has_its_value(
    line: int, starts: dict[int, dict[int, str]], valued: set[int], lines: _Lines, text: str
) -> bool:
    """Whether the next line that is not blank opens with a label and carries a value."""
    below = line + 1
    while below <= len(lines.starts) and not lines.text_of(text, below).strip(" \t\u3000|｜│"):
        below += 1
    if below > len(lines.starts) or below not in valued or not starts.get(below):
        return False
    row = lines.text_of(text, below)
    first = lines.starts[below - 1] + len(row) - len(row.lstrip(" \t\u3000|｜│"))
    return min(starts[below]) == first


def _indicator_columns(decl: Declaration) -> list[str]:
    roles: list[str] = []
    if any(ind.level1 for ind in decl.indicators):
        roles.append("level1")
    if any(ind.level2 for ind in decl.indicators):
        roles.append("level2")
    if any(ind.level3 for ind in decl.indicators):
        roles.append("level3")
    if any(ind.content for ind in decl.indicators):
        roles.append("content")
    if any(ind.value is not None for ind in decl.indicators):
        roles.append("value")
    if any(ind.note for ind in decl.indicators):
        roles.append("note")
    for ind in decl.indicators:
        for key in ind.extra:
            if key not in roles:
                roles.append(key)
    return roles


def _page_went_on(decl: Declaration, lines: _Lines, text: str) -> bool:
    """Whether the page's own end links (附件下载, 扫一扫, 返回 …) follow the form's last row:
    the page showed the form to its end and went on, so the text did not stop inside it.

    A document-sharing site's preview (已阅读5页,还剩53页未读) shows only its first pages
    whatever follows them: there the links prove nothing."""
    rows = [s for p, s in decl.source.spans.items() if p.startswith("/indicators/") and not s.is_empty]
    if not rows or not decl.source.chrome:
        return False
    last_row = max(lines.end(s) for s in rows)
    ends = any(
        lines.offset(c) >= last_row
        and _ARTICLE_END.match(simplified(_nfkc_compact(text[lines.offset(c) : lines.end(c)])))
        for c in decl.source.chrome
    )
    return ends and not _is_preview(text)  # the preview test once per text, not once per form


@lru_cache(maxsize=1)
def _is_preview(text: str) -> bool:
    """Whether ``text`` is a document-sharing site's preview (asked once per text, not once
    per form in it; only the last text is kept)."""
    return _PREVIEW.search(simplified(_nfkc_compact(text))) is not None


#: the first-level categories of an indicator table, as its rows name them
_LEVEL1_NAMES = ("产出指标", "效益指标", "满意度指标", "成本指标")


def _swallows_table(decl: Declaration, lines: _Lines, text: str) -> bool:
    """Whether a cell read for a field holds an indicator table: two or more of its first-level
    categories (产出指标 … 效益指标) in one field's text."""
    for pointer, span in decl.source.spans.items():
        if span.is_empty or pointer.startswith(("/indicators/", "/unrecognized/")):
            continue
        start, end = lines.offset(span), lines.end(span)
        if end - start < 12:
            continue
        piece = simplified(_nfkc_compact(text[start:end]))
        if sum(1 for name in _LEVEL1_NAMES if name in piece) >= 2:
            return True
    return False


def _chars(text: str) -> int:
    return len("".join(text.split()))


def assess(text: str, decls: list[Declaration]) -> None:
    """Fill ``decl.reading`` for every declaration read from ``text``."""
    lines = _Lines(text)
    text_lines = text.splitlines()
    for index, decl in enumerate(decls):
        fused = _header_row(decl)
        if fused is not None:
            # the sheet's cells ran together: read its rows again from the header's order
            reread(text, decl, fused)
        found = _found(decl)
        spans = _form_spans(decl)
        start = min((lines.offset(s) for s in spans), default=0)
        # the end of everything read for this form, unrecognised text and template text included
        every = [s for s in decl.source.spans.values() if not s.is_empty] + decl.source.template + spans
        end = max((lines.end(s) for s in every), default=0)
        if index + 1 < len(decls):
            # the next form begins where its own text does: a title and year the two share
            # (one page heading over several forms) lie before both and end neither
            own = {lines.offset(s) for s in spans}
            following = [lines.offset(s) for s in _form_spans(decls[index + 1])]
            stop = min((o for o in following if o > start and o not in own), default=len(text))
        else:
            stop = len(text)
        after = text[end:stop]
        form_chars = _chars(text[start:stop])
        unrecognized = sum(_chars(u) for u in decl.unrecognized)
        # the text stops inside the form: nothing after the last thing read, no sign-off or footer
        # (a phone number or a 填报单位 line near the top says nothing about the end: only the
        # part read last does)
        last_section = _last_section(decl)
        ends_cleanly = last_section in ("footer", "review") or bool(_END_MARKS.search(after))
        page_went_on = _page_went_on(decl, lines, text)
        last_row_is_satisfaction = bool(decl.indicators) and (
            "满意" in (decl.indicators[-1].level1 or "") + (decl.indicators[-1].level2 or "")
        )
        # another part of the form read after the table's last row: the table ended there
        after_table = _read_after_table(decl, lines)
        # a table that ends with its satisfaction row is whole, and so is one followed by
        # another part of the form when the text ends on a whole row or sentence: a page
        # showing only part of the form leaves out the footer and sign-off, and what is not
        # shown is not judged
        # a text that ends in another table's title stopped after this form's table, not in it
        next_title = index + 1 == len(decls) and _ends_in_next_title(decl, text)
        table_complete = not ends_cleanly and (
            last_row_is_satisfaction or (after_table and _ends_whole(text[:stop])) or next_title
        )
        ends_unfinished = (
            index + 1 == len(decls)
            and not ends_cleanly
            and not page_went_on
            and _chars(after.translate(_NO_EDGES)) < 20
            and not table_complete
        )
        # the text can stop inside the form only once the form has begun: a notice whose
        # text ends in its own prose (or in another table) ends before the form
        before_form = ends_unfinished and not _form_started(decl, text_lines)
        # prose with no trace of an indicator table that ends on a whole sentence (a 公示 in
        # numbered sections) is not cut inside a table: whether it has one is what is unknown
        no_table = not decl.indicators and not any(p.startswith("/indicators") for p in decl.source.labels)
        prose_ends = (
            ends_unfinished
            and no_table
            and decl.source.layout in ("lines", "flattened")
            and text.rstrip().endswith(("。", "！", "？", "!", "?"))
        )
        truncated = ends_unfinished and not before_form and not prose_ends
        # a field's cell that ran on over the indicator table (a schedule date followed by the
        # goal and every row, in text with no cell edges): the text did not stop in the form,
        # its cells were not told apart
        swallowed = not decl.indicators and _swallows_table(decl, lines, text)
        truncated = truncated and not swallowed
        weak = decl.source.layout in _WEAK_LAYOUTS or (
            form_chars and unrecognized / max(form_chars, 1) > _MAX_UNRECOGNIZED
        )
        weak = weak or swallowed
        order = list(SECTIONS)
        last_found = max((order.index(s) for s in found), default=-1)
        sections: dict[str, str] = {}
        notes: dict[str, str] = {}
        for position, section in enumerate(order):
            if section in found:
                sections[section] = "read"
            elif table_complete and position > order.index("indicators"):
                sections[section] = "unread"
                notes[section] = "after-table"
            elif truncated and position > last_found:
                sections[section] = "unread"
                notes[section] = "truncated"
            elif before_form and position > last_found:
                sections[section] = "unread"
                notes[section] = "not-found"
            elif weak:
                sections[section] = "unread"
                notes[section] = "layout"
            elif section == "header" and not decl.title:
                # the form's own title line was not in the text (a page shows it apart)
                sections[section] = "unread"
                notes[section] = "no-title"
            else:
                sections[section] = "absent"
        if decl.indicators and truncated and order.index("indicators") == last_found and not last_row_is_satisfaction:
            sections["indicators"] = "partial"
            notes["indicators"] = "truncated"
        if decl.indicators and weak and not last_row_is_satisfaction and sections["indicators"] == "read":
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
        exact = (decl.source.layout or "tabbed") in EXACT_LAYOUTS
        later = any(found.get(s, -1) > found.get("indicators", 10**13) for s in ("safeguards", "review", "footer"))
        later = later or after_table
        if (
            not exact
            and index + 1 == len(decls)  # another form follows: this one's table has ended
            and sections["indicators"] == "read"
            and not (last_row_is_satisfaction or later or page_went_on or next_title or _END_MARKS.search(after))
        ):
            # the text of a web page shows no end of the table (no satisfaction row, nothing
            # after it): the rows read may not be all of them
            sections["indicators"] = "partial"
            notes["indicators"] = "truncated" if _chars(after.translate(_NO_EDGES)) < 20 else "layout"
            truncated = truncated or _chars(after.translate(_NO_EDGES)) < 20
        if (
            not exact
            and sections["indicators"] == "absent"
            and not any(p.startswith("/indicators") for p in decl.source.labels)
        ):
            # no table, no heading, no column of one anywhere: in text whose cells are not
            # exact that says more about the text (prose, another kind of page) than the form
            sections["indicators"] = "unread"
            notes["indicators"] = "not-found"
        if not exact:
            for section in _FIELD_SECTIONS:
                if sections[section] in ("read", "absent"):
                    sections[section] = "partial"
                    notes.setdefault(section, "cells")
        for section in _labels_over_values(decl, lines, text):
            if sections[section] in ("read", "absent"):
                # a row of labels with their values on the line below ("资金总额  财政拨款" over
                # "48.6  40"): the values were not taken, the fields are not blank
                sections[section] = "partial"
                notes[section] = "cells"
        if decl.indicators and sections["indicators"] == "read" and _rows_lost(decl):
            # a category name ("满意度指标") left out of the table: a row of it was not read (a
            # header the reader did not know, a row after page chrome), so what the table lacks
            # is not known
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
        # a text that stops right after a cell's closing separator ("…| 95 | % | |") stopped
        # between cells: the last row's cells were all closed, so they were read whole
        closed = truncated and _closed_at_end(decl, text)
        unreliable = _unreliable_rows(decl, truncated and not closed and sections.get("indicators") == "partial")
        if decl.source.layout in _WEAK_LAYOUTS and decl.indicators:
            # flattened text has no cell boundaries: its rows are guesses, and what a guess
            # says about a value is no finding a reviewer can stand behind
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
            unreliable = list(range(len(decl.indicators)))
        if decl.indicators and fused is not None and not _header_as_row(decl):
            # rows read again from the header run together (fusedrows): still fused text
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
            unreliable = list(range(len(decl.indicators)))
        if decl.indicators and _header_as_row(decl):
            # the table's header run together into one cell and read as a row ("一级指标二级指标
            # 三级指标指标值…"): its columns were never told apart, so every row's cells are
            # guesses (a name, its value and the scoring text in one cell)
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
            unreliable = list(range(len(decl.indicators)))
        project_list = False
        if "/$template/project-list" in decl.source.labels or _names_are_figures(decl):
            # rows named "1", "10", "2023": no indicator is named by a bare number, so the
            # name column took a serial-number, period or amount column (a table with one
            # project a row, categories as columns): every row's cells are shifted
            sections["indicators"] = "partial"
            notes["indicators"] = "layout"
            unreliable = list(range(len(decl.indicators)))
            project_list = True
            for section in _LIST_SECTIONS:
                if sections[section] != "unread":
                    # such a table is a list of projects: the form's own labels in its header
                    # (项目名称, 绩效目标) are its columns, and what one project of it says is no
                    # form's field; what these sections hold is not known
                    sections[section] = "partial"
                    notes[section] = "project-list"
        elif "/$template/project-row" in decl.source.labels:
            # one project of a list, one project a row, read as a form of its own: its row is
            # read, but a list has no department, goal, schedule … to be found missing
            for section in _LIST_SECTIONS:
                if sections[section] != "unread":
                    sections[section] = "partial"
                    notes[section] = "project-list"
        if _values_lost(decl, text, lines, stop):
            # the table has a value column (its header says so) but no row got a value: every
            # value claim would be a claim about a column that was not read
            sections["indicators"] = "partial"
            notes["indicators"] = "values"
            unreliable = list(range(len(decl.indicators)))
        if decl.indicators and rows_misread(decl):
            # many rows doubled (two column sets side by side read as two rows) or pieces of
            # a wrapped label read as names and values: the table's cells were not told apart
            sections["indicators"] = "partial"
            notes["indicators"] = "rows"
            unreliable = list(range(len(decl.indicators)))
        cut: list[str] = []
        if truncated and not closed:
            # the text stops inside the field read last: its end was never seen
            tail = len(text.rstrip(_CELL_EDGES))
            cut = sorted(
                p
                for p, s in decl.source.spans.items()
                if not s.is_empty and not p.startswith("/unrecognized/") and lines.end(s) >= tail
            )
        if project_list:
            # the fields read beside a list of projects hold a column's heading or one project's
            # cell: no claim about their content (a goal that is the heading 受益对象…)
            cut = sorted(
                set(cut)
                | {
                    p
                    for p, s in decl.source.spans.items()
                    if not s.is_empty and _SECTION_OF.get(p.split("/")[1]) in _LIST_SECTIONS
                }
            )
        # cells in rows (pipes, runs of spaces) show their blanks; flattened text, where labels
        # may come as a block before their values, does not
        blank = _seen_blank(decl, lines, text) if decl.source.layout in ("pipe", "spaced") else []
        decl.reading = Reading(
            sections=sections,
            indicator_rows=len(decl.indicators),
            indicator_columns=_indicator_columns(decl),
            truncated=truncated,
            text_chars=form_chars,
            unrecognized_chars=unrecognized,
            notes=notes,
            unreliable_rows=unreliable,
            cut_fields=cut,
            blank_fields=blank,
        )


#: what a label fragment read as an indicator row looks like: a level or column label
#: (or a piece of one) rather than an indicator's name
_FRAGMENT = re.compile(
    r"^(?:指标|标|指|目标|指标值|指标内容|一级指标|二级指标|三级指标|绩效指标|年度指标值|指标名称)$|^.{0,6}指标$"
)
#: names no indicator has: a score band ("(40-50)分"), a goal's label ("年度主要目标和成果")
_NOT_AN_INDICATOR = re.compile(
    r"[(（]?\d{1,3}(?:[-~—－至]\d{1,3})?[)）]?分|(?:年度|总体|长期|中期|实施期)[^\d]{0,4}目标(?:和|及)?(?:成果|任务)?"
)
#: the sample cells of a blank template: "定量指标一", "定性指标描述", "……", "______"
_TEMPLATE_CELL = re.compile(r"定[量性]指标[一二三四五六七八九十\d]*(?:描述)?|计划标准|[…\.。]{2,}|[_＿]{3,}")


def _is_column_header(text: str, vocab: Vocabulary) -> bool:
    info = vocab.match(text)
    return (info is not None and info.kind == "indicator_col") or label_key(text) in vocab.header_only


#: a sign-off or opinion row read as an indicator (the table runs on past its end)
_SIGN_OFF = re.compile(r"审核意见|审批意见|初审意见|盖章|签字|签章|负责人|填报人|填报日期")


#: sign-off labels a capture may cut short ("主管" of 主管部门审核意见)
_SIGN_OFF_LABELS = (
    "主管部门审核意见",
    "主管部门意见",
    "审核意见",
    "审批意见",
    "填报人",
    "填表人",
    "单位负责人",
    "财务负责人",
)


def _cut_sign_off(name: str) -> bool:
    return 2 <= len(name) <= 4 and any(label.startswith(name) for label in _SIGN_OFF_LABELS)


#: a unit on its own ("%", "元/册", "万人次"): the cell of a unit column, never an indicator's name
_UNIT_ONLY = re.compile(
    r"[%‰℃]|[万亿千]?(?:元|个|人|人次|次|项|户|册|亩|吨|年|月|天|日|公里|米|平方米|㎡|家|所|台|套|件|座|处|场|批)"
    r"(?:/[^\d\s/]{1,4})?"
)
#: a value where a name should be: "100%", "≥15000册", "≤32元/册"
_VALUE_AS_NAME = re.compile(r"[≥≤><=≧≦]{0,2}[\d.]+[%‰]?[\u4e00-\u9fff/]{0,4}")


def _continues(ind: Indicator) -> bool:
    """A row that only carries the value of the row above it (its name a value, no value)."""
    name = _nfkc_compact(ind.content or ind.level3 or "")
    return not ind.value and bool(_VALUE_AS_NAME.fullmatch(name))


#: layouts where a blank cell leaves no trace
_CELLS_VANISH = {"lines", "spaced", "flattened"}
#: a value that is a bare number, with or without a comparator: its unit stands elsewhere
_BARE_NUMBER = re.compile(r"[≥≤><=≧≦]{0,2}\d+(?:\.\d+)?")


#: the separators that close a cell on the page (pipes and box-drawing rules)
_CLOSING = ("|", "│", "┃", "｜")


def _closed_at_end(decl: Declaration, text: str) -> bool:
    """The text stops after the closing separator of the last cell (only blanks and rules
    after it), and the last indicator row has its value, and its unit where the table has
    a unit column: that row was read whole, nothing of it lies past the end."""
    if decl.source.layout != "pipe" or not decl.indicators:
        return False
    if not text.rstrip(" \t\r\n\u3000").endswith(_CLOSING):
        return False
    last = decl.indicators[-1]
    if not (last.value or "").strip():
        return False
    units = _unit_columns(decl, vocabulary())
    return not units or any((last.extra.get(key) or "").strip() for key in units)


def _unit_columns(decl: Declaration, vocab: Vocabulary) -> set[str]:
    """The extra columns of the indicator table that hold units (计量单位, 度量单位 …)."""
    return {key for ind in decl.indicators for key in ind.extra if vocab.column_role.get(key) == "unit"}


def _labels_over_values(decl: Declaration, lines: _Lines, text: str) -> set[str]:
    """Sections of field labels that stand two or more to a line with no value read on it,
    over a line of text left unrecognised: a header row whose values are the row below."""
    by_line: dict[int, list[str]] = {}
    for pointer, label in decl.source.labels.items():
        if label.span is None or pointer.startswith(("/indicators", "/$template", "/unrecognized")):
            continue
        by_line.setdefault(label.span.line, []).append(pointer)
    valued = {s.line for p, s in decl.source.spans.items() if not s.is_empty and not p.startswith("/unrecognized/")}
    unread = {s.line for p, s in decl.source.spans.items() if p.startswith("/unrecognized/") and not s.is_empty}
    out: set[str] = set()
    for line, pointers in by_line.items():
        if len(pointers) < 2 or line in valued:
            continue
        following = line + 1
        while following in _line_blank(text, lines, following):
            following += 1
        if following in unread:
            out.update(s for p in pointers if (s := _SECTION_OF.get(p.strip("/").split("/", 1)[0])))
    return out


def fused_headings(text: str, vocab: Vocabulary | None = None) -> int:
    """How many indicator column headings ``text`` runs together with nothing between them
    ("一级指标二级指标三级指标指标值度量单位"), when headings are most of it; else 0."""
    if text.count("指") < 2:
        return 0  # (asked of every row's name: most have no 指标 at all)
    vocab = vocab or vocabulary()
    key = _nfkc_compact(text)
    if len(key) < 8 or len(key) > 120 or key.count("指标") < 2:
        return 0  # (every run of headings names 指标 twice or more: 一级指标…, 指标名称…指标值)
    found = covered = i = 0
    while i < len(key):
        for size in range(min(12, len(key) - i), 1, -1):
            info = vocab.match(key[i : i + size])
            if info is not None and info.kind == "indicator_col":
                found += 1
                covered += size
                i += size
                break
        else:
            i += 1
    return found if found >= 3 and covered * 4 >= len(key) * 3 else 0


#: a cell that is only a number (a serial number, a count of months, an amount, a year)
_NUMBER_ONLY = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _names_are_figures(decl: Declaration) -> bool:
    """Two rows or more, and a quarter of the table or more, named by a bare number in rows
    that state no 二级 category of their own: the columns were taken wrongly (a serial-number
    or amount column read as the name). A row that states its category beside a number
    (数量指标 | 88 | 100) is read right: the filer wrote a number where the name goes."""
    figures = sum(
        1
        for ind in decl.indicators
        if _NUMBER_ONLY.fullmatch(_nfkc_compact(ind.content or ind.level3 or ""))
        and (not ind.level2 or "level2" in ind.inherited)
    )
    return figures >= 2 and figures * 4 >= len(decl.indicators)


def _header_as_row(decl: Declaration) -> bool:
    """A row of the table whose cell is the table's header run together (three headings or
    more with no separator): the text lost the table's cells."""
    vocab = vocabulary()
    return any(
        fused_headings(cell, vocab)
        for ind in decl.indicators
        for cell in (ind.content, ind.level3, ind.value)
        if cell and len(cell) <= 120
    )


def _header_row(decl: Declaration) -> int | None:
    """The row of the table whose name cell is the table's header run together (three headings
    or more with no separator), if one is: the text lost the table's cells."""
    vocab = vocabulary()
    for i, ind in enumerate(decl.indicators):
        if any(fused_headings(cell, vocab) for cell in (ind.content, ind.level3) if cell and len(cell) <= 120):
            return i
    return None


def _line_blank(text: str, lines: _Lines, line: int) -> set[int]:
    """``{line}`` when that line of ``text`` is blank (cell rules only), else nothing."""
    if line > len(lines.starts):
        return set()
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    return {line} if not text[start:end].translate(_NO_EDGES).strip() else set()


def _rows_lost(decl: Declaration) -> bool:
    """Text left unrecognised that holds a row of the table: a category the table has no row of
    ("满意度指标") and a target value ("≥90%"). A category name alone is an empty row of the form
    (经济效益指标 with no indicator), not a row lost."""
    vocab = vocabulary()
    pieces = [_nfkc_compact(piece) for piece in decl.unrecognized]
    read = {vocab.category(name) for ind in decl.indicators for name in (ind.level1, ind.level2) if name}
    lost = {vocab.category(p) for p in pieces if len(p) <= 12} - read - {None}
    return bool(lost) and any(len(p) <= 12 and _VALUE_AS_NAME.fullmatch(p) and re.search(r"\D", p) for p in pieces)


#: an amount of money: a figure and a unit of money, with its comparator
_MONEY_VALUE = re.compile(r"[≥≤><=≧≦]{0,2}\d[\d,]*(?:\.\d+)?(?:万|亿|千)?元")


def _money_named_cost(ind: Indicator, name: str, value: str, vocab: Vocabulary) -> bool:
    """A money label (项目金额, 资金总额) under a cost category with an amount of money
    for its value is the cost indicator's name, not the form's money field read as a row:
    inside the table, the category and the amount place it."""
    info = vocab.exact[label_key(name)]
    if info.kind not in ("money", "money_group") or not _MONEY_VALUE.fullmatch(value):
        return False
    levels = [vocab.category(level) for level in (ind.level2, ind.level1) if level]
    return any(c is not None and "成本" in c[1] for c in levels[:1])


def _unreliable_rows(decl: Declaration, cut: bool) -> list[int]:
    """Rows a finding about would be a finding about a misreading."""
    vocab = vocabulary()
    out = []
    last = len(decl.indicators) - 1
    # text whose blank cells vanish (one cell per line, runs of spaces) in a table with a unit
    # column: a row with no unit and no cell after it may have had its cells shifted, its
    # unit read as the next row's name or left out
    loose_units = decl.source.layout in _CELLS_VANISH and _unit_columns(decl, vocab)
    for i, ind in enumerate(decl.indicators):
        name = _nfkc_compact(ind.content or ind.level3 or "")
        value = _nfkc_compact(ind.value or "")
        if cut and i == last:
            out.append(i)  # the text stops in this row: its cells may be cut short
        elif name and name == value and re.search(r"[\u4e00-\u9fff]", name):
            out.append(i)  # the name read again as the value: the value column was missed
        elif name and (_FRAGMENT.match(name) or (len(name) <= 10 and vocab.category(name) is not None)):
            out.append(i)  # a level label or a piece of one read as an indicator
        elif len(name) <= 12 and label_key(name) in vocab.exact and not _money_named_cost(ind, name, value, vocab):
            # exactly: 项目总投入 is no 项目总投资
            out.append(i)  # a field label of the form (项目名称, 年度目标 …) read as an indicator
        elif value and re.fullmatch(r"[%％‰)）\]】>＞<＜≥≤=≧≦]+", value):
            out.append(i)  # "%", ")": the tail of a cell split by the layout, not a value
        elif re.match(r"[一二三四五六七八九十]{1,3}[、.．]", value) and not re.search(r"\d", value):
            out.append(i)  # "九、项目年度绩效目标": the form's next section heading
        elif value and len(value) <= 12 and _is_column_header(value, vocab):
            out.append(i)  # a column header (计划标准, 指标值说明 …) read as the value
        elif _TEMPLATE_CELL.fullmatch(name) or _TEMPLATE_CELL.fullmatch(value):
            out.append(i)  # the sample text of a blank template ("定量指标一", "……")
        elif re.fullmatch(r"\d{1,3}(?:\.\d+)?", name) and not value:
            out.append(i)  # a weight or score standing on its own line, read as a row
        elif _NOT_AN_INDICATOR.fullmatch(name):
            out.append(i)  # a score band or a goal label read as an indicator
        elif re.fullmatch(r"[(（]\d{1,2}[)）].{0,8}", name):
            out.append(i)  # a list heading ("(5)项目内容") read as an indicator name
        elif _SIGN_OFF.search(name) or _SIGN_OFF.search(value) or (not value and _cut_sign_off(name)):
            out.append(i)  # the sign-off block after the table
        elif not value and _VALUE_AS_NAME.fullmatch(name):
            out.append(i)  # "100%": the value of the row above, on a line of its own
        elif not value and i < last and _continues(decl.indicators[i + 1]):
            out.append(i)  # its value came on the next line, read as a row of its own
        elif not value and 0 < len(name) <= 3 and i > 0:
            out.append(i)  # "合格率": the end of the name above, broken over two lines
        elif _UNIT_ONLY.fullmatch(name):
            out.append(i)  # a unit cell ("%") read as the name of a row of its own
        elif loose_units and _BARE_NUMBER.fullmatch(value) and not (ind.note or any(ind.extra.values())):
            out.append(i)  # "≥90" whose unit cell ("%") the layout moved: its unit is unknown, not absent
        elif not (ind.level1 or ind.level2):
            # no level at all: prose, an allocation list or a header read as a row, more
            # often than an indicator filed without its category (labelled real forms:
            # 50 of 58 findings on such rows were false)
            out.append(i)
    return out
