"""What kind of document a file is: a declaration, or something that only looks like one.

Reviewers receive, next to real declarations (申报表), documents that share
their vocabulary: approval tables issued back to the unit (批复表, 下达的绩效
目标表), self-evaluations (自评表: 实际完成值, 得分, 偏差原因), notices and
公示 that carry a target table or state the targets in prose, blank or sample
templates (``≥**%``, ``XX``), and reports or articles about performance
management.  Judged as declarations, they collect dozens of false findings.
:func:`classify` names the kind from the text and what was read of it; only
``declaration`` gets every rule, ``approval`` and ``notice`` get the rules on
their targets, and the other kinds get one note saying what they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from perflint.domain.model import Declaration
from perflint.domain.vocab import simplified
from perflint.ingest.reading import is_chrome

#: columns and words only a self-evaluation has
_SELF_EVAL = re.compile(
    r"自评表|自评得分|自评结果|实际完成值|全年执行数|执行数|执行率|完成情况|偏差原因|原因分析|得分|扣分|"
    r"未完成原因|改进措施|实际完成|年终评价"
)
_SELF_EVAL_TITLE = re.compile(r"自评表|自评报告|绩效自评|评价表|评价报告|评价结果")
#: a notice, 公示 or letter around the form
_NOTICE = re.compile(
    r"关于.{0,60}?(?:通知|公示|批复|函|决定|报告)|各(?:有关|乡|镇|县|区|单位|部门)|现将|现下达|根据[^\n《]{0,30}《|"
    r"特此|公示如下|予以公示|公示期|下达.{0,20}?(?:资金|预算|指标)|附件[:：\d]|抄送|印发|"
    # the addressee on a line of its own: "陈仓区林业局:"
    r"^[^\n:：,，。|]{2,24}(?:局|厅|委|办|院|政府|单位|部门|学校|中心|街道|乡|镇)[:：][ \t]*$",
    re.MULTILINE,
)
#: a form issued back to the unit, in its title or its cells: "…提前下达…绩效目标表",
#: "本次下达数", "下达地方或单位", "绩效目标审批表", an allocation table before the form
_ISSUED_TITLE = re.compile(r"下达[^，。；,;\n]{0,40}?绩效目标表")
_ISSUED = re.compile(r"批复表|审批表|区域绩效目标表|本次下达|提前下达|下达地方")
#: an allocation table (only before the form: a declaration may list its own 安排), also one
#: named with a qualifier: 分配明细表, 安排情况表, 分配结果表
_ALLOCATION = re.compile(r"(?:分配|安排)(?:明细|情况|结果|方案)?表")
_APPROVAL = re.compile(r"批复表|批复|下达.{0,12}?绩效目标|绩效目标.{0,4}下达|审核确定|核定")
_TEMPLATE_WORD = re.compile(r"模板|样表|样例|填写示例|参考格式|填报说明|填表说明|范本|范例|格式文本")
#: what a blank form shows where a filled one has answers, one pattern per kind of evidence:
#: an empty year "( 年度)", dates "年 月 日", bare numbering "1. 2. 3.", write-on lines,
#: sample rows ("定量指标一"), word limits "(450字内)", option boxes none of which is ticked
_BLANK_EVIDENCE = {
    "year": re.compile(r"[(（][ \t]*(?:20[Xx×]{2}年|年)度?[ \t]*[)）]|20[Xx×]{2}[ \t]*年"),
    "date": re.compile(r"年\s+月\s+日"),
    "numbering": re.compile(r"(?:^|[\s|])1[.、][\s|]*2[.、][\s|]*3[.、]"),
    "ellipsis": re.compile(r"……|\.{6}"),
    "lines": re.compile(r"_{4,}|＿{3,}"),
    "samples": re.compile(r"定[量性]指标[一二三\d]"),
    "limits": re.compile(r"[(（]限?\d{2,4}字以?内?[)）]"),
}
_BOX = re.compile(r"□")
_TICKED = re.compile(r"[☑■√✓✔☒]")
#: where a value goes, not a value: ≥**%, XX, "……" (NFKC: "......"), a line to write on (____)
_PLACEHOLDER = re.compile(r"[xX×]{2}|…{1,2}$|^\.{3,6}$|_{3,}|^\s*$")
#: a template's blank for a figure: exactly two stars standing where a number goes ("≥**%",
#: "**人次", "(≤**元/株)"), after a comparator, a bracket, a space or the cell's start, before a
#: unit or the cell's end.  Stars inside a word ("太**城管", "完成**日常") or runs of three or
#: more ("****城管局", "[055]****", "≤****000元") are a site's masks of a filled form's names
#: and figures, not places left to fill in.
#: A date's blanks ("2020年**月**日") stand between the date's own words.
_STAR_BLANK = re.compile(r"(?<![\w*＊])(?:\*\*|＊＊)(?![*＊\d])|(?<=[年月])(?:\*\*|＊＊)(?=[月日])")
_REPORT = re.compile(r"评价报告|评价指标体系|指标库|共性指标|评分标准|评分细则|打分|专家评审|绩效评价")
#: a form left blank: no year, XX for the year, the bare 盖章 prompt
_BLANK_YEAR = re.compile(r"[(（]\s*(?:20[Xx×]{2})?\s*年度?\s*[)）]")
#: what only a sentence has: its punctuation (NFKC text), or a run too long for a title
_SENTENCE = re.compile(r"[，。；,;]|\S{61}")
#: a name quoted in running text: “项目支出绩效自评表”
_QUOTED = re.compile(r"[“\"《][^”\"》\n]{1,40}[”\"》]")
#: an article or news page, not a form
_ARTICLE = re.compile(r"原标题|记者|据悉|报道")


@dataclass(frozen=True, slots=True)
class Kind:
    """The kind of a document and why (for ``perflint extract`` and the note)."""

    kind: str
    reason: str


def _nfkc(text: str) -> str:
    """NFKC, Traditional folded to Simplified and inserted pinyin dropped (for matching only)."""
    return simplified(unicodedata.normalize("NFKC", text))


def _form_start(decls: list[Declaration], text: str) -> int:
    """Offset where the first form starts (its first span), or len(text) when none."""
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    best = len(text)
    for decl in decls:
        spans = [s for s in decl.source.spans.values() if not s.is_empty]
        spans += [lab.span for lab in decl.source.labels.values() if lab.span is not None]
        for span in spans:
            if span.line - 1 < len(starts):
                best = min(best, starts[span.line - 1] + span.column - 1)
    return best


def _star_blanks(text: str) -> int:
    """How many template blanks for a figure ("≥**%") ``text`` holds; masks do not count."""
    return len(_STAR_BLANK.findall(text))


def _filled_values(decls: list[Declaration]) -> tuple[int, int]:
    """(indicator rows, rows whose value is blank or a template placeholder)."""
    rows = empty = 0
    for decl in decls:
        for ind in decl.indicators:
            value = ind.value if ind.value is not None else ind.content
            rows += 1
            if _PLACEHOLDER.search(_nfkc(value or "").strip()) or _star_blanks(value or ""):
                empty += 1
    return rows, empty


def _prose_chars(text: str) -> int:
    """Characters of running text in ``text`` (NFKC): sentences, not table rows or page chrome."""
    total = 0
    for line in text.splitlines():
        flat = "".join(line.split())
        if not flat or line.count("|") >= 2 or "\t" in line.strip() or not _SENTENCE.search(line):
            continue
        if not is_chrome(line):
            total += len(flat)
    return total


def _blank_evidence(body: str) -> set[str]:
    """The kinds of blank-form evidence in ``body`` (NFKC text of the form)."""
    kinds = {name for name, pattern in _BLANK_EVIDENCE.items() if pattern.search(body)}
    if len(_BOX.findall(body)) >= 3 and not _TICKED.search(body):
        kinds.add("boxes")
    return kinds


#: blank-form evidence only an unfilled form has (a filled one may keep a blank sign-off date,
#: an unticked box or a write-on line, never an empty year, bare "1. 2. 3." or sample rows)
_CORE_BLANK = {"year", "numbering", "samples"}


#: a title line naming an expert panel's opinion on a project's targets
_REVIEW_OPINION = re.compile(r"(?m)绩效目标[^\n，。；]{0,12}评审意见[ \t]*$")


def _title_lines(text: str) -> str:
    """The lines of ``text`` that could be titles: short, not sentences, quotes taken out."""
    return "\n".join(line for line in _QUOTED.sub("", text).splitlines() if not _SENTENCE.search(line))


#: a target form's own title line: "项目支出绩效目标表", "…绩效目标申报表"
_TARGET_TITLE = re.compile(r"(?m)^[^\n，。；,;]{0,40}绩效目标(?:申报)?表[^\n，。；,;]{0,12}$")
#: the columns a target table has where a self-evaluation has 实际完成值 and 得分
_TARGET_COLUMN = re.compile(r"指标值")


def _target_table_under_wrong_title(flat: str, unquoted: str, decls: list[Declaration]) -> bool:
    """A filled target form a site published under a self-evaluation's title ("…绩效自评表" over
    "项目支出绩效目标表"): the content wins over the page's title.  Only when the form has its own
    target title with no 自评 in it, a 指标值 column and filled indicator rows, and the words of
    a self-evaluation (实际完成值, 得分, 执行数, 偏差原因 …) stand in no line but the titles."""
    own_title = [
        m.group(0) for m in _TARGET_TITLE.finditer(flat) if "自评" not in m.group(0) and "评价" not in m.group(0)
    ]
    if not own_title or not _TARGET_COLUMN.search(flat):
        return False
    rows, empty = _filled_values(decls)
    if rows < 3 or empty * 2 > rows:
        return False
    title_lines = {line.strip() for line in _title_lines(unquoted).splitlines() if _SELF_EVAL_TITLE.search(line)}
    body = [line for line in unquoted.splitlines() if line.strip() not in title_lines]
    return not any(_SELF_EVAL.search(line) for line in body)


def classify(text: str, decls: list[Declaration]) -> Kind:
    """The kind of the document ``text``, from which ``decls`` were read."""
    flat = _nfkc(text)
    head = flat[:400]
    form_start = _form_start(decls, text)
    before = _nfkc(text[:form_start])
    if "评价报告" in head and "自评表" not in head:
        return Kind("other", "绩效评价报告，不是申报表")
    if _REVIEW_OPINION.search(_title_lines(head)):
        # "…项目绩效目标及指标评审意见": an expert panel's opinion on the targets
        return Kind("other", "绩效目标评审意见，不是申报表")
    filled_values = [v for d in decls for v in _filled(d)]
    # a title naming a template or a sample ("…自评表填写样例", "绩效目标表模板"); a name
    # quoted in a sentence ("为您整理的《绩效目标表【模板】》") is not the document's title
    if _TEMPLATE_WORD.search(_title_lines(flat[:200])) and len(filled_values) < 5:
        return Kind("template", "标题表明是模板、样表或填报说明")
    # a self-evaluation the text only names ("…要及时上报“项目支出绩效自评表”") does not count
    # nor one a sentence speaks of ("…及时将项目绩效自评报告报我局备案"): a title is a short line
    unquoted = _QUOTED.sub("", flat)
    uhead = _title_lines(head)
    self_eval_words = {m.group(0) for m in _SELF_EVAL.finditer(unquoted)}
    if (
        _SELF_EVAL_TITLE.search(uhead) and ("自评" in uhead or self_eval_words) or len(self_eval_words) >= 3
    ) and not _target_table_under_wrong_title(flat, unquoted, decls):
        if "自评" in unquoted or len(self_eval_words) >= 3:
            if not self_eval_words:
                # only the title tells: name it
                title = next(line for line in uhead.splitlines() if _SELF_EVAL_TITLE.search(line))
                return Kind("self-evaluation", "标题：" + " ".join(title.replace("|", " ").split())[:60])
            return Kind("self-evaluation", "自评：" + "、".join(sorted(self_eval_words))[:60])
    rows, empty = _filled_values(decls)
    # values blank where the form is otherwise filled in (a name, a unit, the funds):
    # a form cut short or not finished, not a template
    if rows >= 3 and empty / rows >= 0.7 and len(filled_values) - (rows - empty) < 3:
        return Kind("template", f"{empty}/{rows} 个指标值为空或占位符")
    labels = sum(len(d.source.labels) for d in decls)
    # placeholders where the values go (a "(≥**%)" hint inside a name is the template's own)
    bare = _star_blanks(re.sub(r"[(（][^()（）]{0,16}[)）]", "", flat))
    if bare >= 10:
        return Kind("template", f"有 {bare} 处“**”占位符")
    evidence = _blank_evidence(_nfkc(text[form_start:] if decls else text))
    if len(evidence) >= 4 and len(evidence & _CORE_BLANK) >= 2:
        return Kind("template", "表中是待填写的空白：" + "、".join(_BLANK_NAMES[e] for e in sorted(evidence)))
    answered = len(filled_values) - (rows - empty)  # answers outside the indicator table
    if labels >= 15 and answered <= 0:
        return Kind("template", f"读到 {labels} 个栏目，指标表以外没有一栏填写")
    readable = [d for d in decls if d.title or d.source.labels or d.indicators]
    # the title of a table issued back ("…提前下达…绩效目标表") is no notice's wording; an
    # attachment number alone ("附件1", "附件2" over two tables) is no notice either
    wording = _ISSUED_TITLE.sub("", before)
    notice_words = {_notice_word(m.group(0)) for m in _NOTICE.finditer(_QUOTED_NAME.sub("《》", wording))}
    head_words = {
        _notice_word(m.group(0)) for m in _NOTICE.finditer(_QUOTED_NAME.sub("《》", _ISSUED_TITLE.sub("", head)))
    }
    if _publication_note(wording):
        # a unit's own publication of its form: "现将…予以公开", "附件:…绩效目标表" and its name
        # and date; the page is the form, not a notice about it
        notice_words -= _PUBLISHING
        head_words -= _PUBLISHING
    prose_before = _prose_chars(before)
    if (
        # citing a document ("根据《…》") is what every declaration's 立项依据 does, and what a
        # unit says when it publishes its own form ("根据《…》要求，对我单位…绩效目标进行公开"):
        # a notice has its own words (现将, 现下达, 下达…资金, 公示, an addressee)
        (notice_words - _CITING and prose_before >= 60)
        or len(head_words - {"附件"}) >= 2
        or (not readable and _NOTICE.search(head))
    ):
        return Kind("notice", "表前有通知或公示正文：" + "、".join(sorted(notice_words | head_words))[:40])
    if decls and (
        (not filled_values and (_BLANK_YEAR.search(flat) or rows == 0))
        or (labels >= 10 and len(filled_values) * 5 <= labels and _BLANK_YEAR.search(flat))
        or (labels >= 20 and len(filled_values) * 10 <= labels)
    ):
        return Kind("template", "表中各栏几乎都没有填写")
    if readable and not any(d.title or d.indicators for d in decls) and _ARTICLE.search(head):
        return Kind("other", "新闻或文章，不是申报表")
    if (
        readable
        and not any(d.name or d.indicators for d in decls)
        and _CONTENTS.search(head)
        and len(_CONTENTS_ENTRY.findall(flat)) >= 3
    ):
        # a booklet's table of contents ("目录 … 1.某项目绩效目标表5 2.某项目绩效目标表6 …"):
        # the forms it lists are not in the text, its words were read as a form's labels
        return Kind("other", "汇编的目录，不含申报表本身")
    if not readable:
        if _REPORT.search(flat):
            return Kind("other", "评价报告或指标体系等，不是申报表")
        return Kind("other", "没有读到申报表的栏目")
    title_zone = _nfkc(before + " ".join(d.title or "" for d in decls))
    own_words = _QUOTED_NAME.sub("《》", title_zone)  # a 批复 cited as a document is not this table's kind
    # a title says the table was issued back; a sentence before the form that uses 核定 or 批复
    # for how a standard is set ("…按寄宿生标准的50%核定") describes the project, and a filer's own
    # preamble is full of such sentences: only the title lines count
    own_words = _title_lines(own_words)
    if _APPROVAL.search(own_words) or _ISSUED_TITLE.search(own_words):
        return Kind("approval", "批复或下达的绩效目标表")
    issued = _ISSUED.search(before + flat[form_start : form_start + 1000]) or _ALLOCATION.search(before)
    if issued:
        return Kind("approval", f"下达的绩效目标表：“{issued.group(0)}”")
    return Kind("declaration", "绩效目标申报表")


_BLANK_NAMES = {
    "boxes": "选项框均未勾选",
    "date": "日期空白",
    "ellipsis": "省略号",
    "limits": "字数限制提示",
    "lines": "填写横线",
    "numbering": "空编号",
    "samples": "示例指标",
    "year": "年度空白",
}
#: notice words that any document may hold: a cited document ("根据《")
_CITING = {"根据《"}
#: a publication sentence: "现将…绩效目标予以公开", "现将…公开如下" (no 下达, 公示, 通知 in it)
_PUBLISH = re.compile(r"现将[^。；;\n]{0,100}?公开")
_NOT_PUBLISHING = re.compile(r"下达|拨付|公示|通知|印发|你(?:单位|局|们)")
#: the notice words a publication note has of its own: its 现将…公开 and the 附件 it names
_PUBLISHING = {"现将", "附件"}
#: the most running text a publication note has before its form (a notice reads on)
_PUBLICATION_NOTE_CHARS = 400


def _publication_note(wording: str) -> bool:
    """Whether the text before the form is only a unit's note publishing it: a 现将…公开
    sentence with no 下达, 公示, 通知 or addressee in it, no notice words but that sentence, the
    attachment it names and a cited rule, and no more running text than a few lines."""
    quoted = _QUOTED_NAME.sub("《》", wording)
    publish = [m.group(0) for m in _PUBLISH.finditer(quoted)]
    if not publish or any(_NOT_PUBLISHING.search(sentence) for sentence in publish):
        return False
    words = {_notice_word(m.group(0)) for m in _NOTICE.finditer(quoted)}
    return words <= _PUBLISHING | _CITING and _prose_chars(wording) <= _PUBLICATION_NOTE_CHARS


#: a table of contents: its heading, and entries naming forms, each followed by its page number
_CONTENTS = re.compile(r"目\s{0,3}录")
_CONTENTS_ENTRY = re.compile(r"(?:目标|申报|自评)表\s*\d")
#: a document named in running text: 《关于…的通知》 is cited, not this document's title
_QUOTED_NAME = re.compile(r"《[^《》\n]{1,80}》")


def _notice_word(match: str) -> str:
    """A notice word as reported: every attachment number counts as one ("附件"), a cited
    document as "根据《", an addressee line as "主送单位"."""
    if match.startswith("附件"):
        return "附件"
    if match.startswith("根据"):
        return "根据《"
    if match.endswith((":", "：")):
        return "主送单位"
    return match[:8]


def _filled(decl: Declaration) -> list[str]:
    """The answers the form holds (values a filer wrote, not labels or placeholders)."""
    out = []
    for value in (decl.name, decl.department, decl.implementing_unit, decl.functions, decl.basis):
        if value and _answer(value):
            out.append(value)
    if decl.money.total is not None and decl.money.total.amount:
        out.append(decl.money.total.text)
    out += [g for g in decl.goals.values() if g.strip() and not _star_blanks(g) and "……" not in g]
    for ind in decl.indicators:
        value = ind.value if ind.value is not None else ind.content
        if value and _answer(value):
            out.append(value)
    return out


_NUMBERING = re.compile(r"^\(?\d{1,2}[.、)）]?$")


def _answer(value: str) -> bool:
    """Text a filer wrote, not a placeholder, an option box or bare numbering."""
    flat = _nfkc(value).strip()
    return (
        bool(flat)
        and not _PLACEHOLDER.search(flat)
        and not _star_blanks(flat)
        and "□" not in flat
        and not _NUMBERING.match(flat)
    )
