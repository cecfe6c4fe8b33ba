"""Relevance heuristics: does the content talk about what the project is
called, and is the annual goal really an annual one?

Keywords come from word segmentation (jieba, imported on first use): a raw
two-character window would make pieces such as 开信 or 息系 that occur in no
text.  A keyword counts as present verbatim or when the smaller words it is
made of all occur (信息系统 through 信息 and 系统).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from perflint.checks.analysis.values import dice
from perflint.checks.analysis.words import search_words, tagged
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.model import Declaration
from perflint.domain.text import compact

DEFAULT_STOP = [
    "专项",
    "项目",
    "经费",
    "资金",
    "日常",
    "事务",
    "工作经费",
    "专项资金",
    "年度",
    "本级",
    "工作",
    "补助",
    "补贴",
    "奖励",
    "国家",
    "中央",
    "发展",
    "综合",
    "建设",
    "管理",
    "服务",
    "工程",
    "金额",
]
# Nouns, verbal nouns and place words; place, organisation and person names
# (ns, nt, nr) are left out: the content rarely repeats the county's name.
DEFAULT_POS = ["n", "nz", "ng", "vn", "s", "l", "eng"]
_SPLIT = re.compile(r"[和及与、,，/;；（）()]+")


def keywords(name: str, stop: list[str], pos: list[str], min_len: int = 2) -> list[str]:
    """Content words of a project name, in order, without duplicates."""
    out: list[str] = []
    for piece in _SPLIT.split(compact(name)):
        if not piece:
            continue
        for word, flag in tagged(piece):
            if flag not in pos or any(ch.isdigit() for ch in word):
                continue
            rest = word  # 建设项目 → 建设 → (generic) nothing; 涵养林项目 → 涵养林
            for s in sorted(stop, key=len, reverse=True):
                rest = rest.replace(s, "")
            if len(rest) < min_len or rest in stop:
                continue
            if rest not in out:
                out.append(rest)
    return out


def tiling(word: str) -> list[str]:
    """Smaller dictionary words that cover ``word`` end to end
    (工作人员 → 工作 + 人员), or [] when there is none."""
    subs = {w for w in search_words(word) if w != word and len(w) >= 2}
    out: list[str] = []
    i = 0
    while i < len(word):
        choice = next((w for w in sorted(subs, key=len, reverse=True) if word.startswith(w, i)), None)
        if choice is None:
            return []
        out.append(choice)
        i += len(choice)
    return out


def is_present(word: str, corpus: str) -> bool:
    if word in corpus:
        return True
    parts = tiling(word)
    return bool(parts) and all(p in corpus for p in parts)


def content_corpus(decl: Declaration) -> str:
    texts: list[str] = [row.content for row in decl.schedule]
    texts += [decl.goals[k] for k in sorted(decl.goals)]
    for ind in decl.indicators:
        texts += [ind.content, ind.value or "", ind.note or ""]
    texts.append(decl.safeguards or "")
    return compact("\n".join(t for t in texts if t))


@kind
class NameKeywords(Kind):
    name = "name-keywords-absent"
    description = {
        "zh": "项目名称中的实词（分词得到的名词）在实施内容、绩效目标、绩效指标和保障措施中都没有出现。",
        "en": "A content word of the project name (a noun found by word segmentation) appears nowhere in the "
        "work content, goals, indicators or safeguards.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "stop_words": {"type": "array", "items": {"type": "string"}},
            "pos": {"type": "array", "items": {"type": "string"}},
            "min_len": {"type": "integer", "minimum": 1},
            "min_content": {"type": "integer", "minimum": 0},
            "max_each": {"type": "integer", "minimum": 0},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if not decl.name or not decl.name.strip():
            return  # REQ003
        corpus = content_corpus(decl)
        if not corpus:
            return  # nothing written: completeness rules report it
        if len(corpus) < int(params.get("min_content", 20)):
            return  # almost nothing written: completeness rules report it
        words = keywords(
            decl.name,
            params.get("stop_words", DEFAULT_STOP),
            params.get("pos", DEFAULT_POS),
            int(params.get("min_len", 2)),
        )
        absent = [w for w in words if not is_present(w, corpus)]
        if len(absent) > int(params.get("max_each", 2)):
            # most of the name is missing: one finding, not one per word
            yield Hit(
                "/name",
                {"keyword": absent[0], "keywords": "、".join(absent), "count": len(absent), "name": decl.name.strip()},
                variant="many",
            )
            return
        for word in absent:
            yield Hit("/name", {"keyword": word, "name": decl.name.strip()})


_MULTI_YEAR = re.compile(
    r"十[一二三四五六七八九]五|中长期|长期|长远|(?:[三四五六七八九十两]|\d+)年(?:内|间|来|规划|行动|计划)"
)
_TO_YEAR = re.compile(r"[到至]\s*((?:19|20)\d{2})\s*年")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年?")


def multi_year_term(text: str, year: int | None) -> str | None:
    t = compact(text)
    m = _MULTI_YEAR.search(t)
    if m:
        return m.group(0)
    for m in _TO_YEAR.finditer(t):
        if year is None or int(m.group(1)) > year:
            return m.group(0)
    for m in _RANGE.finditer(t):
        if m.group(1) != m.group(2):
            return m.group(0)
    return None


@kind
class AnnualVersusLongTerm(Kind):
    name = "annual-vs-longterm"
    description = {
        "zh": "年度绩效目标与长期目标相同或几乎相同，或使用跨年度表述（到20XX年、十四五、长期）。",
        "en": "The annual goal is (nearly) the same as the long-term goal, or uses multi-year wording (到20XX年, "
        "十四五, 长期).",
    }
    params_schema = {
        "type": "object",
        "properties": {"similarity": {"type": "number", "minimum": 0, "maximum": 1}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        annual = decl.goals.get("annual")
        if not annual or not annual.strip():
            return
        long_term = decl.goals.get("long_term")
        threshold = float(params.get("similarity", 0.8))
        if long_term and long_term.strip():
            score = dice(annual, long_term)
            if score >= threshold:
                yield Hit("/goals/annual", {"score": f"{score:.2f}", "text": _short(annual)}, variant="same")
                return
        term = multi_year_term(annual, decl.year)
        if term:
            yield Hit(
                "/goals/annual", {"term": term, "year": decl.year or "", "text": _short(annual)}, variant="multiyear"
            )


def _short(text: str, limit: int = 30) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"
