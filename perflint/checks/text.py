"""Text hygiene: duplicated characters, administrative-level vocabulary,
punctuation, a typo dictionary and goals without a measurable element.

Word segmentation is jieba's (``HMM=False``) done by :mod:`perflint.checks.analysis.segment`,
which reads jieba's dictionary through an index file instead of importing
jieba: the first segmentation of a process costs milliseconds, not a second.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from perflint.checks.analysis.measure import to_wan
from perflint.checks.analysis.shape import not_a_goal
from perflint.checks.analysis.values import quantities
from perflint.checks.analysis.values import strip_numbering as _strip_numbering
from perflint.checks.analysis.words import HAN, inside_words, token_at, tokens
from perflint.checks.analysis.written import field_label, free_text, snippet
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration
from perflint.domain.vocab import dedupe_key, label_key, vocabulary
from perflint.resources import rules_dir

# -- segmentation ----------------------------------------------------------------


# -- TXT001 duplicated characters --------------------------------------------------

_DUP = re.compile(rf"([{HAN}])\1")
#: single-character function words that may legitimately precede a word
#: starting with the same character (稳定和和谐, 针对对象).
_FUNCTION_CHARS = set("和与及或并对为将把被从向于以在是有")


def suspicious_duplicates(text: str, allow: set[str]) -> list[tuple[int, str]]:
    """(position, pair) of doubled characters that are not a word: one of the
    two characters stands alone as a one-character token (预|预算)."""
    out = []
    for m in _DUP.finditer(text):
        pair = m.group(0)
        i = m.start()
        if pair in allow:
            continue
        toks = tokens(text)
        left, right = token_at(toks, i), token_at(toks, i + 1)
        if left is None or right is None or left is right:
            continue  # one word (常常, 村村通, 工作作风)
        single_left = left[2] - left[1] == 1
        single_right = right[2] - right[1] == 1
        if not (single_left or single_right):
            continue  # two words meeting (项目|目标)
        if single_left and not single_right and pair[0] in _FUNCTION_CHARS:
            continue
        if single_right and not single_left and pair[1] in _FUNCTION_CHARS:
            continue  # a word ending in a function word's character, then the word: 普及|及|优质
        out.append((i, pair))
    return out


@kind
class DuplicatedChar(Kind):
    name = "duplicated-char"
    description = {
        "zh": "相邻重复的汉字（预预算科、绩绩效评价科），栏目名称中为警告，正文中为提示；叠词白名单除外。",
        "en": "A Chinese character typed twice (预预算科, 绩绩效评价科): a warning in labels, advice in body text; "
        "reduplicated words on the allowlist are fine.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "allow": {"type": "array", "items": {"type": "string"}},
            "labels": {"type": "boolean"},
            "body": {"type": "boolean"},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        allow = set(params.get("allow", []))
        if params.get("labels", True):
            yield from self._labels(decl, allow)
        if params.get("body", True):
            for pointer, text in free_text(decl):
                said: set[str] = set()  # a pair typed twice in one field is one finding
                for pos, pair in suspicious_duplicates(text, allow):
                    if pair in said:
                        continue
                    said.add(pair)
                    yield Hit(
                        pointer,
                        {
                            "pair": pair,
                            "char": pair[0],
                            "text": snippet(text, pos, pos + 2),
                            "field": field_label(decl, pointer),
                        },
                        severity=Severity.INFO,
                    )

    def _labels(self, decl: Declaration, allow: set[str]) -> Iterator[Hit]:
        vocab = vocabulary()
        for pointer in sorted(decl.source.labels):
            label = decl.source.labels[pointer]
            text = label.text or ""
            key = label_key(text)
            if not key:
                continue
            expected = None
            if key not in vocab.exact and dedupe_key(key) in vocab.exact:
                expected = vocab.exact[dedupe_key(key)].text
                pairs = [m.group(0) for m in _DUP.finditer(key) if m.group(0) not in allow]
                if not pairs:
                    continue
                pair = pairs[0]
            else:
                found = suspicious_duplicates(key, allow)
                if not found:
                    continue
                pair = found[0][1]
                expected = key.replace(pair, pair[0], 1)
            yield Hit(
                pointer,
                {"pair": pair, "char": pair[0], "label": text.strip(), "expected": expected},
                variant="label",
                severity=Severity.WARNING,
                suggest=True,
            )


# -- TXT002 administrative level ---------------------------------------------------


@lru_cache(maxsize=1024)
def _literal(word: str) -> re.Pattern[str]:
    """``word`` as a compiled literal pattern (compiled once, not once per cell)."""
    return re.compile(re.escape(word))


_LEVEL = re.compile(rf"(?:^|[省市州盟])((?:(?![省市州盟区县])[{HAN}]){{2,5}}?)([区县])(?![域级间内外])")
_NOT_A_LEVEL = ("开发", "保护", "示范", "试验", "功能", "自贸", "高新", "风景", "校", "园", "社", "片", "景")


def admin_level(decl: Declaration) -> tuple[str, str] | None:
    """(level 区/县, the place name) of the filing unit, from 部门名称 or 填报单位."""
    for text in (decl.department, decl.filing_unit, decl.implementing_unit):
        if not text:
            continue
        t = "".join(text.split())
        m = _LEVEL.search(t)
        if m and not m.group(1).endswith(_NOT_A_LEVEL):
            return m.group(2), m.group(1) + m.group(2)
    return None


@kind
class AdminLevel(Kind):
    name = "admin-level-mismatch"
    description = {
        "zh": "区级单位的申报表使用县级用语（全县、驻县……），或县级单位使用区级用语；区县、市县等合称除外。",
        "en": "A district (区) unit's form uses county (县) terms such as 全县 or 驻县, or the reverse; combined "
        "terms such as 区县 and 市县 are fine.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "admin_level_terms": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "admin_level_allow": {"type": "array", "items": {"type": "string"}},
            "unit_level": {"enum": ["区", "县"]},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        level_info = admin_level(decl)
        level = params.get("unit_level") or (level_info[0] if level_info else None)
        if level is None:
            return
        place = level_info[1] if level_info else level
        terms = (ctx.setting(params, "admin_level_terms", {}) or {}).get(level, [])
        allow = ctx.setting(params, "admin_level_allow", []) or []
        if not terms:
            return
        texts = list(free_text(decl))
        # only the words that occur somewhere are looked for in each field
        everything = "\x00".join(text for _, text in texts)
        terms = [term for term in terms if term in everything]
        allow = [a for a in allow if a in everything]
        for pointer, text in texts:
            if pointer in ("/department", "/filing_unit", "/implementing_unit"):
                continue
            covered = [(m.start(), m.end()) for a in allow if a in text for m in _literal(a).finditer(text)]
            found: list[tuple[int, str]] = []
            for term in terms:
                if term not in text:
                    continue
                for m in _literal(term).finditer(text):
                    if any(s <= m.start() and m.end() <= e for s, e in covered):
                        continue
                    found.append((m.start(), term))
            if not found:
                continue
            found.sort()
            names = list(dict.fromkeys(t for _, t in found))
            pos = found[0][0]
            yield Hit(
                pointer,
                {
                    "terms": "、".join(names),
                    "level": level,
                    "place": place,
                    "field": field_label(decl, pointer),
                    "text": snippet(text, pos, pos + len(found[0][1])),
                },
                variant={"区": "district", "县": "county"}.get(level),
            )


# -- TXT003 punctuation ------------------------------------------------------------

_DOUBLED = re.compile(r"[，,。；;：:、]{2,}")
_TRAILING = "，,、"
_STRAIGHT_QUOTES = '＂"'
_CURLY_QUOTES = "“”"
_PAIRS = (("（(", "）)"), ("《", "》"), ("“", "”"), ("【", "】"))
_BRACKET = re.compile("[" + re.escape("".join(o + c for o, c in _PAIRS)) + "]")
#: a field that is nothing but a list number ("2、"): an empty numbered row of the template
_ONLY_NUMBER = re.compile(r"^[\s(（]*[0-9０-９一二三四五六七八九十]{1,3}[)）]?[、，,.．]$")
_ENUM = re.compile(rf"(?:^|(?<=[。；;\n]))[ \t\u3000]*[（(]?(\d{{1,2}})[)）]?([、，,．.])(?=[{HAN}])")


def enumerator_style(text: str) -> str | None:
    styles = [m.group(2) for m in _ENUM.finditer(text)]
    if len(styles) < 1:
        return None
    return max(set(styles), key=lambda s: (styles.count(s), s))


#: a full stop between two characters: 重.要设备
_STOP_BETWEEN = re.compile(rf"[{HAN}][.．][{HAN}]")
_NUMERALS = frozenset("一二三四五六七八九十")


def _mark_inside_word(text: str) -> tuple[int, str] | None:
    """(offset, word) of the first full stop typed inside a word: the two characters around it
    make one dictionary word (重.要 → 重要). A numeral before it is list numbering (一.目标)."""
    for m in _STOP_BETWEEN.finditer(text):
        a, b = text[m.start()], text[m.end() - 1]
        if a in _NUMERALS:
            continue
        if len(tokens(a + b)) == 1:
            return m.start(), a + b
    return None


@kind
class Punctuation(Kind):
    name = "punctuation"
    description = {
        "zh": "标点问题：重复或冲突的标点（，；）、以逗号结尾、直引号与弯引号混用、括号不配对、序号格式不一致。",
        "en": "Punctuation: doubled or conflicting marks (，；), a field ending in a comma, straight and curly "
        "quotes mixed, unbalanced brackets, inconsistent list numbering.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "report_whitespace": {"type": "boolean"},
            "checks": {
                "type": "array",
                "items": {
                    "enum": ["doubled", "trailing", "quotes", "brackets", "enumerators", "inside_word", "whitespace"]
                },
            },
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        enabled = set(
            params.get(
                "checks", ["doubled", "trailing", "quotes", "brackets", "enumerators", "inside_word", "whitespace"]
            )
        )
        if not params.get("report_whitespace", False):
            enabled.discard("whitespace")
        reference: tuple[str, str] | None = None
        for pointer, text in free_text(decl):
            # the field label is looked up only for a finding (most texts have none)
            if "doubled" in enabled:
                m = _DOUBLED.search(text)
                if m:
                    yield Hit(
                        pointer,
                        {
                            "marks": m.group(0),
                            "field": field_label(decl, pointer),
                            "text": snippet(text, m.start(), m.end()),
                        },
                        variant="doubled",
                    )
            if "trailing" in enabled:
                stripped = text.rstrip()
                ends_doubled = "doubled" in enabled and bool(_DOUBLED.search(stripped[-2:]))
                if stripped and stripped[-1] in _TRAILING and not ends_doubled and not _ONLY_NUMBER.match(stripped):
                    yield Hit(
                        pointer,
                        {
                            "mark": stripped[-1],
                            "field": field_label(decl, pointer),
                            "text": snippet(stripped, len(stripped) - 1, len(stripped), 16),
                        },
                        variant="trailing",
                    )
            if "quotes" in enabled:
                straight = sum(text.count(q) for q in _STRAIGHT_QUOTES)
                curly = sum(text.count(q) for q in _CURLY_QUOTES) if straight else 0
                if straight and curly:
                    yield Hit(
                        pointer,
                        {"straight": straight, "curly": curly, "field": field_label(decl, pointer)},
                        variant="quotes",
                    )
            if "brackets" in enabled and _BRACKET.search(text):  # no bracket at all: balanced
                for opens, closes in _PAIRS:
                    o = sum(text.count(c) for c in opens)
                    c = sum(text.count(ch) for ch in closes)
                    if o != c:
                        yield Hit(
                            pointer,
                            {
                                "open": opens[0],
                                "close": closes[0],
                                "opens": o,
                                "closes": c,
                                "field": field_label(decl, pointer),
                            },
                            variant="brackets",
                        )
                        break
            # other fields (项目类型 …) often hold the template's printed list ("1.基本建设类"), not prose
            if "enumerators" in enabled and not pointer.startswith("/fields/"):
                style = enumerator_style(text)
                if style is not None:
                    if reference is None:
                        reference = (style, field_label(decl, pointer))
                    elif style != reference[0]:
                        yield Hit(
                            pointer,
                            {
                                "style": "1" + style,
                                "reference": "1" + reference[0],
                                "reference_field": reference[1],
                                "field": field_label(decl, pointer),
                            },
                            variant="enumerators",
                        )
            if "inside_word" in enabled:
                found = _mark_inside_word(text)
                if found is not None:
                    start, word = found
                    yield Hit(
                        pointer,
                        {
                            "mark": text[start + 1],
                            "word": word,
                            "field": field_label(decl, pointer),
                            "text": snippet(text, start, start + 3),
                        },
                        variant="inside_word",
                    )
            if "whitespace" in enabled and "\u3000" in text:
                yield Hit(
                    pointer, {"count": text.count("\u3000"), "field": field_label(decl, pointer)}, variant="whitespace"
                )


# -- TXT004 typo dictionary --------------------------------------------------------


def _file_stamp(path: Path) -> tuple[int, int]:
    """Size and modification time: a dictionary edited while perflint runs (a long-lived
    process, or the tests) is read again rather than answered from the memo."""
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def load_typos(path: str, stamp: tuple[int, int] = (0, 0)) -> tuple[tuple[str, str, bool], ...]:
    """(wrong, right, strict) entries of a typo dictionary, longest first (``stamp`` only
    keys the memo: see :func:`_file_stamp`)."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for entry in data.get("typos", []):
        wrong, right = str(entry.get("wrong", "")), str(entry.get("right", ""))
        if wrong and right and wrong != right:
            out.append((wrong, right, bool(entry.get("strict", True))))
    return tuple(sorted(set(out), key=lambda e: (-len(e[0]), e)))


def _dictionary_path(name: str) -> Path:
    p = Path(name)
    return p if p.is_absolute() else rules_dir() / p


@kind
class TypoDictionary(Kind):
    name = "typo-dictionary"
    local = True
    description = {
        "zh": "按错别字词典查找常见错字（进设→建设、电力子政务→电子政务、网给→网络），跳过落在正常词语内部的匹配。",
        "en": "Known misspellings from a typo dictionary (进设→建设, 电力子政务→电子政务, 网给→网络); a match "
        "inside ordinary words is skipped.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "dictionary": {"type": "string"},
            "extra": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "wrong": {"type": "string", "minLength": 1},
                        "right": {"type": "string", "minLength": 1},
                        "strict": {"type": "boolean"},
                    },
                    "required": ["wrong", "right"],
                    "additionalProperties": False,
                },
            },
            "word_boundaries": {"type": "boolean"},
        },
        "additionalProperties": False,
    }

    def data_files(self, params: dict[str, Any]) -> list[str]:
        return [str(_dictionary_path(params.get("dictionary", "data/typos.toml")))]

    def entries(self, params: dict[str, Any]) -> list[tuple[str, str, bool]]:
        dictionary = params.get("dictionary", "data/typos.toml")
        extra = tuple((e["wrong"], e["right"], bool(e.get("strict", True))) for e in params.get("extra", []))
        try:
            return list(_entries(dictionary, extra))
        except (OSError, tomllib.TOMLDecodeError):  # not cached: a later run may find the file
            return sorted(set(extra), key=lambda e: (-len(e[0]), e))

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        # Text no field took (a flattened table, a notice's prose) is searched too: an entry is
        # wrong in every context, so it needs no field to be judged, and a slip in the functions
        # summary the reader could not place is still the applicant's.
        texts = list(free_text(decl)) + [(f"/unrecognized/{i}", t) for i, t in enumerate(decl.unrecognized) if t]
        # only the entries that occur somewhere are looked for in each field
        everything = "\x00".join(text for _, text in texts)
        entries = [entry for entry in self.entries(params) if entry[0] in everything]
        check_words = params.get("word_boundaries", True)
        for pointer, text in texts:
            taken: list[tuple[int, int]] = []
            for wrong, right, strict in entries:
                if wrong not in text:
                    continue
                for m in _literal(wrong).finditer(text):
                    s, e = m.start(), m.end()
                    if any(a < e and s < b for a, b in taken):
                        continue  # a longer entry already covers it
                    if check_words and inside_words(text, s, e, strict):
                        continue
                    taken.append((s, e))
                    yield Hit(
                        pointer,
                        {
                            "wrong": wrong,
                            "right": right,
                            "field": field_label(decl, pointer),
                            "text": snippet(text, s, e),
                        },
                        suggest=True,
                    )
                    break  # one finding per typo and field


def _entries(dictionary: str, extra: tuple[tuple[str, str, bool], ...]) -> tuple[tuple[str, str, bool], ...]:
    path = _dictionary_path(dictionary)
    return _merged(str(path), extra, _file_stamp(path))


@lru_cache(maxsize=16)
def _merged(
    path: str, extra: tuple[tuple[str, str, bool], ...], stamp: tuple[int, int]
) -> tuple[tuple[str, str, bool], ...]:
    """The merged, sorted entries of one dictionary and rule (once per run, not per declaration)."""
    base = load_typos(path, stamp)
    return tuple(sorted(set(base + extra), key=lambda e: (-len(e[0]), e)))


# -- TXT005 vague goals ------------------------------------------------------------


def has_measure(text: str) -> bool:
    """A figure with a unit or a percentage, by the shared value analysis
    (:func:`perflint.checks.analysis.values.quantities`); a calendar year (2019年) and
    ordinals or set phrases (第一, 一流, 一次办) do not count."""
    for q in quantities(text):
        if not q.unit or q.kind == "date":
            continue
        if q.unit == "年" and q.number == q.number.to_integral_value() and 1900 <= q.number <= 2100:
            continue
        if q.unit == "期" and _PHASE.match(_strip_numbering(text), q.end):
            continue  # 二期项目, 一期工程: which phase of the works, not a count
        return True
    return False


def _own_money_alone(decl: Declaration, text: str) -> list[str]:
    """The amounts of a goal whose only figures are the declaration's own money (its total or a
    line of its funding, compared in 万元): 投入1800万元,…促进教育事业的全面发展 restates what is
    spent and says nothing of what it buys.  Empty when the goal has any other figure (a count, a
    rate, a deadline), an amount that is not this money (a revenue to reach: 综合收入不低于280亿元)
    or a standard per head (每人2000元)."""
    own = set()
    for line in [decl.money.total, *decl.money.lines]:
        if line is not None and line.amount is not None:
            wan = to_wan(line.amount, line.unit or decl.money.unit or "万元")
            if wan is not None:
                own.add(wan.normalize())
    flat = _strip_numbering(text)
    out = []
    for q in quantities(text):
        if not q.unit or q.kind == "date" or not has_measure(q.text):
            continue  # no figure by has_measure's terms (a year, an ordinal)
        if q.unit == "期" and _PHASE.match(flat, q.end):
            continue  # a phase of the works (二期项目)
        money = "元" in q.unit and "/" not in q.unit and "／" not in q.unit
        wan = to_wan(q.number, q.unit) if money else None
        before = flat[max(0, q.start - 8) : q.start]
        if wan is None or wan.normalize() not in own or _PER_HEAD.search(before) or _EFFECT.search(before):
            return []
        out.append(q.text)
    return list(dict.fromkeys(out))


#: 每人, 每生每学年, 每村: an amount after it is a standard per head, which a goal may set
_PER_HEAD = re.compile(r"每[\u4e00-\u9fff]{1,5}$")
#: an amount earned, saved or generated (带动农户增收50万元, 节约资金20万元, 实现产值…) is an effect
#: the goal sets, even when it happens to equal the project's money
_EFFECT = re.compile(
    r"(?:增收|收入|产值|效益|利润|节约|节省|减少|降低|带动|拉动|创造|实现|增加|增长|销售)[^，,；;。]{0,6}$"
)
#: what follows 一期 / 二期 when it names a phase of a works (二期项目建设), not a count of sessions
_PHASE = re.compile(r"(?:项目|工程|建设)")


def vague_terms_in(text: str, terms: list[str]) -> list[str]:
    found: list[str] = []
    for term in sorted(terms, key=len, reverse=True):
        if term in text and not any(term in f for f in found):
            found.append(term)
    order = {t: text.index(t) for t in found}
    return sorted(found, key=lambda t: order[t])


#: an improvement promised by a degree word alone: 不断提升, 极大提高, 进一步改善, 得到明显改善
_PROMISE = re.compile(
    r"(?:极大|显著|明显|有所|不断|一定程度|进一步|全面|大幅|持续|逐步)[的地]?"
    r"(?:提高|提升|改善|增强|加强|优化|完善|扩大|降低|减少)"
    r"|得到(?:极大|显著|明显|有效|进一步)?(?:的)?(?:提高|提升|改善|增强|加强)"
    # an effect said to be clear, with no figure: 带动作用明显, 成效显著
    r"|(?:作用|效果|成效)(?:十分|非常|较为|更加|更为)?(?:明显|显著|突出)"
)
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")
#: the number of an item of a list run on after a space or at the start (…工作水平 2.组织开展…):
#: it numbers the item and is no figure of the clause before it
_LIST_NUMBER = re.compile(
    r"(?:^|\s+)[(（]?\d{1,2}(?:[、)）]|[.．](?!\d))"
    # 目标1: / 任务2、: the label of a list item, run on after the item before (…280亿元目标2:培育…)
    r"|(?:目标|任务)\d{1,2}[:：、.．]"
)
#: 一批 (a batch of): a count that gives no number (培育一批品牌项目); 第一批 and 一批次 are others
_BATCH = re.compile(r"(?<![第每])一批(?!次)")


def _promise_without_figure(text: str) -> str | None:
    """The first clause of a goal that promises an improvement by a degree word and states no
    figure of its own (the goal's other clauses may have some)."""
    found = _unbounded_clauses(text)
    return found[0][0] if found else None


def _unbounded_clauses(text: str) -> list[tuple[str, str]]:
    """(clause, variant) of each clause of a goal that states no figure of its own and either
    promises an improvement by a degree word (variant ``clause``) or counts by 一批 (``batch``)."""
    out = []
    for clause in (c for part in _CLAUSE_END.split(text) for c in _LIST_NUMBER.split(part)):
        clause = clause.strip()
        if not clause or any(ch.isdigit() for ch in clause):
            continue
        if _PROMISE.search(clause):
            out.append((clause, "clause"))
        elif _BATCH.search(clause):
            out.append((clause, "batch"))
    return out


@kind
class VagueGoal(Kind):
    name = "vague-goal"
    description = {
        "zh": "长期、年度或整体绩效目标中没有任何可衡量的要素（数字加单位、百分比），只有口号或笼统表述。",
        "en": "A long-term, annual or overall goal with no measurable element (a number with a unit, a "
        "percentage): slogans and general wording only.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "goals": {"type": "array", "items": {"enum": ["long_term", "annual", "overall"]}},
            "vague_terms": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        keys = params.get("goals", ["long_term", "annual", "overall"])
        terms = ctx.setting(params, "vague_terms", []) or []
        for key in keys:
            text = decl.goals.get(key)
            if not text or not text.strip():
                continue  # missing goal: REQ010
            if has_measure(text):
                amounts = _own_money_alone(decl, text)  # none unless the money is the only figure
                for clause, variant in [] if amounts else _unbounded_clauses(text)[:2]:
                    # "…展馆全年开放300天以上，不断提升服务品质": the figures bound the rest, not
                    # the improvement this clause promises (at most two clauses a goal)
                    pointer = f"/goals/{key}"
                    yield Hit(
                        pointer,
                        {"field": field_label(decl, pointer), "text": snippet(clause, 0, len(clause), 0)},
                        variant=variant,
                    )
                if not amounts:
                    continue
            else:
                amounts = []
            if not_a_goal(text):
                # a heading (年度总体目标完成情况, 中期目标(2019年--2021年)) or a table of contents
                # read where the goal was: not the filer's words
                continue
            if text.rstrip().endswith((":", "：")):
                continue  # "达成以下目标:": the targets follow in a list that was not read with it
            pointer = f"/goals/{key}"
            found = vague_terms_in(text, terms)
            done = _DONE.findall(unicodedata.normalize("NFKC", text))
            args = {
                "field": field_label(decl, pointer),
                "text": snippet(text, 0, min(len(text), 30), 0),
                "terms": "、".join(found),
            }
            if len(set(done)) >= 2:
                # "保障了…待遇,维护了社会稳定": results already reported, not a target to reach
                yield Hit(pointer, {**args, "done": "、".join(dict.fromkeys(done))}, variant="done")
                continue
            if amounts:
                # "投入1800万元,…促进教育事业的全面发展": the money is what goes in; nothing
                # says what it buys or achieves
                yield Hit(pointer, {**args, "money": "、".join(amounts)}, variant="money")
                continue
            yield Hit(pointer, args, variant="terms" if found else None)


#: a verb of achievement with the perfective 了 (保障了, 维护了, 完成了): a result reported as
#: reached; 为了, 除了, 了解 and the like are no such verb
_DONE = re.compile(
    r"(?:保障|维护|完成|改善|提高|提升|实现|解决|促进|加强|建立|建成|制定|落实|增强|推动|满足|丰富|"
    r"开展|达到|保证|确保|发挥|取得|做到|巩固|完善|优化)了"
)


# -- TXT006 a fixed label misspelt ------------------------------------------------

# what joins two labels in one cell: 项目负责人及联系电话, …和…, …与…, …或…, …、…, …/…
_JOINERS = frozenset("及和与或、/,，&+")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@kind
class LabelTypo(Kind):
    name = "label-typo"
    description = {
        "zh": "表中固定栏目名称有一个错字（财政投款 → 财政拨款）：perflint 按近似匹配读出了这一栏，并报告差异。",
        "en": "A fixed label of the form has one wrong character (财政投款 → 财政拨款): perflint read the field by "
        "approximate matching and reports the difference.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        vocab = vocabulary()
        seen: set[str] = set()
        for pointer in sorted(decl.source.labels):
            label = decl.source.labels[pointer]
            text = label.text or ""
            key = label_key(text)
            if not key or key in seen or key in vocab.exact or dedupe_key(key) in vocab.exact:
                continue  # known, or a doubled character (duplicated-char's)
            found = vocab.near(key)
            if found is None:
                continue
            expected = label_key(found.text)
            if len(expected) != len(key):
                continue
            diff = [(i, a, b) for i, (a, b) in enumerate(zip(key, expected)) if a != b]
            if len(diff) != 1:
                continue
            at, wrong, right = diff[0]
            if wrong in _JOINERS or right in _JOINERS or not _is_han(wrong):
                # "项目负责人/联系电话" for "…及…": the word that joins two labels, or a mark of
                # punctuation, is the template's wording, not a misspelt character
                continue
            word = token_at(tokens(key), at)
            if word is None or word[2] - word[1] > 1:
                continue  # 市级资金, 申报日期, 其它资金: a variant made of real words, not a slip
            seen.add(key)
            yield Hit(
                pointer,
                {"label": text.strip(), "expected": expected, "wrong": wrong, "right": right},
                suggest=True,
            )


# -- REL003 goals that restate duties or the spending -------------------------------
# A performance goal is the expected output and effect of the money (财预〔2015〕88号: 预期产出、
# 预期效果、服务对象满意度, broken down and quantified).  A goal that opens with a political or
# administrative duty (贯彻落实…决策部署, 紧紧围绕…中心工作), the unit's functions (保证…职能实现)
# or the spending itself (完成…项目支出, 保障人员经费), and gives no figure anywhere, restates the
# duty or the input: nothing in it can be achieved or missed at year end.

#: where a clause of a goal ends: a mark of punctuation, or the number of the next item
_DUTY_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]|\s+[(（]?\d{1,2}[、)）.．]|目标\s?\d{1,2}\s?[:：]")
#: a clause that only leads into the goal: 通过项目实施, 通过该项目的开展
_LEAD_IN = re.compile(r"^通过[^，,；;。]{0,16}(?:实施|开展|建设|落实)$")
#: a political or administrative duty: 贯彻落实…, 深入学习贯彻…, 紧紧围绕…中心工作, 落实…决策部署
_DUTY = re.compile(
    r"^(?:认真|深入|全面|坚决|切实|学习|深入学习|认真学习)?贯彻"
    r"|围绕[^，,；;。]{0,20}中心工作"
    r"|^(?:认真|全面|切实)?落实[^，,；;。]{0,30}(?:决策|部署|精神)"
)
#: the unit's functions: 保证林业局职能实现, 履行监管职责
_FUNCTIONS = re.compile(r"(?:履行|实现)[^，,；;。]{0,12}(?:职责|职能)|职能(?:实现|履行|正常)")
#: the spending stated as the goal: 完成文化工作主要项目支出, 保障人员经费
_SPENDING = re.compile(r"^(?:完成|保障|保证|确保|落实)[^，,；;。]{0,20}(?:支出|经费)$")


def _goal_clauses(text: str) -> list[str]:
    out = []
    for piece in _DUTY_CLAUSE_END.split(text):
        piece = _strip_numbering(piece).strip(" \t:：、")
        if len(piece) >= 4:
            out.append(piece)
    return out


def duty_clause(text: str) -> tuple[str, str] | None:
    """The clause a goal opens with (after a lead-in such as 通过项目实施) and what it states,
    when it states a duty ("duty"), the unit's functions ("functions") or the spending
    ("spending") rather than a result; None otherwise."""
    clauses = _goal_clauses(text)
    while clauses and _LEAD_IN.match(clauses[0]):
        clauses = clauses[1:]
    if not clauses:
        return None
    first = clauses[0]
    if _SPENDING.match(first):
        return first, "spending"
    if _FUNCTIONS.search(first):
        return first, "functions"
    if _DUTY.search(first):
        return first, "duty"
    return None


def _flat_goal(text: str) -> str:
    return "".join(text.split()).rstrip("。.；;")


def _copies_field(decl: Declaration, text: str) -> bool:
    """The goal is word for word another field of the form (its functions, overview …)."""
    goal = _flat_goal(text)
    others = [decl.functions, decl.basis, decl.safeguards, *(f.text for f in decl.fields)]
    return any(other and _flat_goal(other) == goal for other in others)


@kind
class GoalRestatesDuties(Kind):
    name = "goal-restates-duties"
    description = {
        "zh": "绩效目标开头写的是职责、政治任务或花钱本身（贯彻落实…、完成…支出），全文没有可衡量的结果。",
        "en": "A goal that opens with a duty, a political task or the spending itself (贯彻落实…, 完成…支出) "
        "and has no measurable result anywhere.",
    }
    params_schema = {
        "type": "object",
        "properties": {"goals": {"type": "array", "items": {"enum": ["long_term", "annual", "overall"]}}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        for key in params.get("goals", ["long_term", "annual", "overall"]):
            text = decl.goals.get(key)
            if not text or not text.strip() or not_a_goal(text) or has_measure(text):
                # a figure anywhere states a result to reach (TXT005 judges the rest)
                continue
            found = duty_clause(text)
            if found is None or _copies_field(decl, text):
                continue  # (a goal that copies another field word for word is CON008's)
            clause, what = found
            pointer = f"/goals/{key}"
            yield Hit(
                pointer,
                {"field": field_label(decl, pointer), "clause": clause},
                variant=None if what == "duty" else what,
            )
