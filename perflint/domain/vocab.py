"""The label vocabulary (``perflint/data/labels.toml``) and label matching.

Labels are matched on a *key*: NFKC text with whitespace removed, leading
``*``/``★`` decorations and trailing colons stripped and short bracketed notes
(``(必填)``, ``（万元）``, ``（盖章）``) dropped.  :class:`NormText` keeps, for
each character of the key, the offset it came from, so a label found at the
start of a cell can be cut off the raw text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from perflint.domain.text import PAD, is_pad

DECOR = "*★☆※"
COLONS = ":："


@dataclass(frozen=True, slots=True)
class LabelInfo:
    """What a label introduces: ``kind`` and ``key`` (see labels.toml)."""

    kind: str
    key: str
    text: str


class NormText:
    """A normalised view of ``raw[start:end]`` that remembers raw offsets."""

    __slots__ = ("chars", "offsets", "raw_end")

    def __init__(self, raw: str, start: int = 0, end: int | None = None) -> None:
        end = len(raw) if end is None else end
        piece = raw[start:end]
        norm = piece if piece.isascii() else unicodedata.normalize("NFKC", piece)
        chars: list[str] | str
        if len(norm) == len(piece):
            # the common case: NFKC kept every character one for one
            offsets = [start + i for i, ch in enumerate(norm) if not ch.isspace() and ch not in PAD]
            chars = "".join(norm[i - start] for i in offsets)
        else:
            chars, offsets = [], []
            for i in range(start, end):
                ch = raw[i]
                if is_pad(ch):
                    continue
                for n in unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch:
                    if not n.isspace():
                        chars.append(n)
                        offsets.append(i)
            chars = "".join(chars)
        if not piece.isascii():
            chars = chars.translate(_traditional())
            if "(" in chars:
                # pinyin some mirrors print after characters: 項(xiàng)目 → 项目
                keep = [True] * len(chars)
                for m in _PINYIN.finditer(chars):
                    keep[m.start() : m.end()] = [False] * (m.end() - m.start())
                if not all(keep):
                    offsets = [o for o, k in zip(offsets, keep) if k]
                    chars = "".join(c for c, k in zip(chars, keep) if k)
        self.chars = chars
        self.offsets = offsets
        self.raw_end = end

    def raw_offset(self, index: int) -> int:
        """Raw offset where normalised character ``index`` starts (or the end)."""
        if index >= len(self.offsets):
            return self.raw_end
        return self.offsets[index]

    def raw_after(self, index: int) -> int:
        """Raw offset just after normalised character ``index - 1``, taking in
        what the normalised view skips after it (a pinyin annotation)."""
        if index <= 0:
            return self.offsets[0] if self.offsets else self.raw_end
        after = self.offsets[index - 1] + 1
        nxt = self.offsets[index] if index < len(self.offsets) else self.raw_end
        # what lies between is padding (trimmed by the caller) or skipped text
        return max(after, nxt)


_BRACKET_NOTE = re.compile(r"[(\[【][^()\[\]【】]{0,14}[)\]】]")


_WS = re.compile(r"\s+")
#: a category's score range after it, the 分 outside the bracket: "产出指标(40-50)分"
_SCORE_AFTER = re.compile(r"[(（]\d{1,3}(?:[-—–~～至]\d{1,3})?[)）]\s*分$")
#: a line that names a form without being its title: an attachment list, a file name
_NOT_TITLE = re.compile(r"^附件[:：]|\.(?:xlsx?|docx?|pdf|wps|et)\)?$", re.IGNORECASE)
#: the columns some header-only words head (the others are kept under extra)
_HEADER_ONLY_COLUMNS = {"指标": "content", "一级": "level1", "二级": "level2", "三级": "level3"}
#: an item of a notice's list of attachments: "2.某某资金绩效目标表" (a title names no number)
_LIST_ITEM = re.compile(r"\s*[0-9０-９]{1,2}\s*[.、．]\s*\S")
#: an enumeration before a label (NFKC text): 一、 (二) 3. 4)
_ENUM_KEY = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十\d]{1,2}\)|\d{1,2}[、.)](?!\d))")
#: the budget year before a label: 2021年, 2023年度
_YEAR_PREFIX = re.compile(r"(?:19|20)\d{2}年度?")
#: a department label with its sector between level and 主管部门: 区级 | 林业 | 主管部门
_SECTOR_DEPARTMENT = re.compile(r"((?:省|市|县|区|区县|市县|县区)级)([\u4e00-\u9fff]{2,4}?)((?:业务)?主管部门)")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
#: a pinyin annotation after a character, as some mirrors print: (xiàng)
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
#: entries each memo table of the reader keeps (labels, titles, cell cuts, footer and free
#: lines): a template's few hundred texts fit many times over, and a worker's memory stays
#: flat on a long run (issue 16: at 50,000-100,000 entries a table kept growing to the end)
MEMO_SIZE = 4096


@lru_cache(maxsize=1)
def _traditional() -> dict[int, str]:
    """Traditional → simplified for the characters of labels (labels.toml)."""
    pairs = _labels_toml().get("traditional", {}).get("pairs", "")
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs) - 1, 2)}


@lru_cache(maxsize=MEMO_SIZE)
def label_key(text: str) -> str:
    """The matching key of a label (cached: templates repeat their labels)."""
    if text.isascii():
        t = text
    else:
        t = unicodedata.normalize("NFKC", text).translate(_traditional())
    t = _WS.sub("", t)
    t = t.lstrip(DECOR).rstrip(COLONS)
    enum = _ENUM_KEY.match(t)
    if enum is not None and enum.end() < len(t):
        t = t[enum.end() :].lstrip(DECOR)  # "一、项目名称", "(二)产出指标"
    if "(" in t[1:] or "[" in t[1:] or "【" in t[1:]:
        # notes after the label's first character; a leading "(2022年度)" is no note
        t = t[:1] + _BRACKET_NOTE.sub("", t[1:])
    return t.rstrip(COLONS).strip(DECOR)


def dedupe_key(key: str) -> str:
    """Collapse doubled characters (预预算科 → 预算科) for a second-chance match."""
    out: list[str] = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


class Vocabulary:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.exact: dict[str, LabelInfo] = {}
        self.titles: list[tuple[str, str]] = sorted(
            ((label_key(k), v) for k, v in data["titles"].items()), key=lambda kv: -len(kv[0])
        )
        self.title_type = dict(self.titles)
        for key, labels in data["fields"].items():
            self._add("field", key, labels)
        for key, labels in data.get("extra", {}).items():
            self._add("extra", key, labels)
        for key, labels in data.get("headings", {}).items():
            self._add("heading", key, labels)
        for key, labels in data["goals"].items():
            self._add("goal", key, labels)
        self._add("money_group", "group", data["money"]["groups"])
        for key, labels in data["money"]["lines"].items():
            self._add("money", key, labels)
        sched = data["schedule"]
        self._add("schedule_start", "schedule", sched["starts"])
        for col in ("content", "start", "end"):
            self._add("schedule_col", col, sched[col])
        ind = data["indicators"]
        self._add("indicator_start", "indicators", ind["starts"])
        for col in ("level1", "level2", "level3", "content", "value", "note"):
            self._add("indicator_col", col, ind[col])
        for label in ind["extra"]:
            self._add("indicator_col", "extra:" + label_key(label), [label])
        #: column labels that count only inside a header row (指标, 单位 …)
        self.header_only: dict[str, LabelInfo] = {}
        for label in ind.get("header_only", []):
            key = label_key(label)
            col = _HEADER_ONLY_COLUMNS.get(key, "extra:" + key)
            self.header_only[key] = LabelInfo("indicator_col", col, label)
        #: column headings of other tables (序号, 金额, 备注): never the value of a field
        self.column_words = frozenset(label_key(w) for w in data.get("column_words", {}).get("words", []))
        #: what the cells of an extra column are (unit, comparator, nature, weight), by header key
        self.column_role: dict[str, str] = {}
        for role, labels in ind.get("roles", {}).items():
            for label in labels:
                self.column_role.setdefault(label_key(label), role)
        reviews = dict(data["reviews"])
        self._add("review_group", "finance", reviews.pop("groups"))
        for key, labels in reviews.items():
            self._add("review", key, labels)
        self.level1: dict[str, str] = {}
        self.level2: dict[str, str] = {}
        for canon, names in data["categories"]["level1"].items():
            for n in [canon, *names]:
                self.level1[label_key(n)] = canon
        for canon, names in data["categories"]["level2"].items():
            for n in [canon, *names]:
                self.level2[label_key(n)] = canon
        # Typos: labels of four characters or more by each one-character
        # wildcard (财政拨款 under "财政?款" …), so that "财政投款" is read as
        # 财政拨款 (its label text keeps the typo, for a rule to flag).
        fuzzy = data.get("fuzzy", {})
        self._never = frozenset(
            frozenset(pair) for pair in fuzzy.get("never", []) if len(pair) == 2 and pair[0] != pair[1]
        ) | frozenset(
            frozenset((a, b)) for chars in fuzzy.get("never_sets", []) for a in chars for b in chars if a != b
        )
        self._fuzzy_min = int(fuzzy.get("min_length", 4))
        self._near: dict[str, list[tuple[str, LabelInfo]]] = {}
        for key, info in self.exact.items():
            if self._fuzzy_min <= len(key) <= 24:
                for i in range(len(key)):
                    self._near.setdefault(key[:i] + "\0" + key[i + 1 :], []).append((key, info))
        # memo tables: templates repeat their labels, forms repeat their templates
        self._match_cache: dict[str, LabelInfo | None] = {}
        self._title_cache: dict[str, tuple[str, str] | None] = {}
        #: first characters of the category names, traditional forms included
        trad_of = {v: chr(k) for k, v in _traditional().items()}
        self.category_initials = frozenset(
            ch for k in [*self.level1, *self.level2] if k for ch in (k[0], trad_of.get(k[0], k[0]))
        )
        #: 二级 category -> the 一级 category it belongs under
        self.parent: dict[str, str] = dict(data["categories"].get("parent", {}))
        self.seals = [label_key(s) for s in data["template"]["seal"]]
        # Prefix index: first character -> labels sorted longest first.
        self._prefix: dict[str, list[tuple[str, LabelInfo]]] = {}
        for key, info in self.exact.items():
            if key:
                self._prefix.setdefault(key[0], []).append((key, info))
        for items in self._prefix.values():
            items.sort(key=lambda kv: -len(kv[0]))
        # the same labels of two characters or more, by their first two characters
        self._prefix2: dict[str, list[tuple[str, LabelInfo]]] = {}
        for items in self._prefix.values():
            for key, info in items:
                if len(key) >= 2:
                    self._prefix2.setdefault(key[:2], []).append((key, info))
        #: a run of characters none of which starts a label or is a decoration
        self.no_label_run = re.compile(
            "[^" + "".join(re.escape(ch) for ch in sorted(set(self._prefix) | set(DECOR))) + "]*"
        )
        #: cells already cut into labels and values (see build.split_piece)
        self.split_cache: dict[tuple[str, bool], tuple] = {}
        #: footer lines already recognised (see build.Builder._is_footer)
        self.footer_cache: dict[str, bool] = {}
        #: lines already classified by layouts.is_free_line
        self.free_line_cache: dict[str, bool] = {}

    def _add(self, kind: str, key: str, labels: list[str]) -> None:
        for label in labels:
            k = label_key(label)
            # First definition wins: the order of sections in labels.toml is
            # the precedence order.
            self.exact.setdefault(k, LabelInfo(kind, key, label))

    # -- matching -----------------------------------------------------------
    def match(self, text: str) -> LabelInfo | None:
        """The label that ``text`` is, exactly (after normalisation), if any."""
        try:
            return self._match_cache[text]
        except KeyError:
            pass
        key = label_key(text)
        info = self.exact.get(key) if key else None
        if info is None and key:
            deduped = dedupe_key(key)
            if deduped != key:
                info = self.exact.get(deduped)
            if info is None:
                info = self.near(key)
            if info is None:
                info = self._year_prefixed(key)
            if info is None:
                info = self._sector_department(key)
        if len(self._match_cache) >= MEMO_SIZE:
            self._match_cache.clear()
        self._match_cache[text] = info
        return info

    def _year_prefixed(self, key: str) -> LabelInfo | None:
        """A money label that opens with the budget year ("2021年金额(元)",
        "2023年度预算数"): the label after the year.  Money labels only: a year
        before other words is a title or a sentence."""
        m = _YEAR_PREFIX.match(key)
        if m is None or m.end() == len(key):
            return None
        rest = key[m.end() :]
        for candidate in (rest, "年度" + rest):  # 2021年金额 = that year's 年度金额
            info = self.exact.get(candidate)
            if info is not None and info.kind == "money":
                return info
        return None

    def _sector_department(self, key: str) -> LabelInfo | None:
        """A department label that names its sector ("区级林业主管部门", "省级教育主管部门"):
        the label without the sector word (区级主管部门, 省级主管部门)."""
        m = _SECTOR_DEPARTMENT.fullmatch(key)
        if m is None:
            return None
        info = self.exact.get(m.group(1) + m.group(3))
        return info if info is not None and info.kind in ("field", "extra") else None

    def near(self, key: str) -> LabelInfo | None:
        """The one label ``key`` misspells by one character (财政投款 → 财政拨款), if any.

        Only for keys of ``[fuzzy] min_length`` characters or more without
        digits, and never across a pair of characters that changes the
        meaning (``[fuzzy] never``: 收/支, 上/下 …).
        """
        if not self._fuzzy_min <= len(key) <= 24 or any(ch.isdigit() for ch in key):
            return None
        found: dict[str, LabelInfo] = {}
        for i in range(len(key)):
            for label, info in self._near.get(key[:i] + "\0" + key[i + 1 :], ()):
                if frozenset((label[i], key[i])) not in self._never:
                    found[label] = info
        if not found and len(key) > self._fuzzy_min and _CJK_CHAR.match(key[-1]):
            # "专项名称金": a field label with one stray character after it
            stray = self.exact.get(key[:-1])
            return stray if stray is not None and stray.kind == "field" else None
        if len(found) != 1:
            return None
        return next(iter(found.values()))

    def match_prefix(self, norm: str, start: int = 0, min_len: int = 2) -> tuple[LabelInfo, int] | None:
        """The longest label at ``norm[start:]``; returns it and its length."""
        if start >= len(norm):
            return None
        if min_len >= 2:
            for key, info in self._prefix2.get(norm[start : start + 2], ()):  # longest first
                if len(key) >= min_len and norm.startswith(key, start):
                    return info, len(key)
            return None
        for key, info in self._prefix.get(norm[start], ()):  # longest first
            if len(key) >= min_len and norm.startswith(key, start):
                return info, len(key)
        return None

    def title(self, text: str) -> tuple[str, str] | None:
        """(title key, form type) when ``text`` is a form title line."""
        try:
            return self._title_cache[text]
        except KeyError:
            pass
        key = label_key(text)
        found = None
        if len(key) <= 60 and not _NOT_TITLE.search(key) and not _LIST_ITEM.match(text):
            found = next(((t, ft) for t, ft in self.titles if t in key), None)
        if len(self._title_cache) >= MEMO_SIZE:
            self._title_cache.clear()
        self._title_cache[text] = found
        return found

    def listed_title(self, text: str) -> bool:
        """Whether ``text`` is an item of a list of attachments that names a form
        ("2.某某资金绩效目标表"): a reference to a form, not its title."""
        m = _LIST_ITEM.match(text)
        return m is not None and self.title(text[m.end() - 1 :]) is not None

    def category(self, text: str) -> tuple[int, str] | None:
        key = label_key(text)
        if key in self.level2 and key not in self.level1:
            return 2, self.level2[key]
        if key in self.level1:
            return 1, self.level1[key]
        if _money_control(key) and "成本指标" in self.level2:
            # "预算控制指标", "投资规模控制指标": the heading that holds the control of the
            # money (NDRC-style tables) is the cost category, one level down; the control of
            # anything else ("质量控制指标") is not a cost
            return 2, self.level2["成本指标"]
        if len(key) > 4 and key[-2:] in _CATEGORY_ENDS:
            return self._category_shape(key)
        if key.endswith("分") and (score := _SCORE_AFTER.search(text)) is not None:
            return self.category(text[: score.start()])  # the category, its weight after it
        return None

    def _category_shape(self, key: str) -> tuple[int, str] | None:
        """A category name of another template, known by its shape: a known category
        with 目标 for 指标 ("社会效益目标", "产出目标"), or a known 二级 category of three
        characters or more with words in front, ending in 指标 or 目标 ("社会公众满意度指标",
        "社会、经济、生态效益指标": the last one named stands for the row's category).
        Short stems (质量, 数量) with words in front stay names: "空气质量指标"."""
        stem = key[:-2]
        if stem[-1:] in "、,，/" or not stem:
            return None
        for ending in ("指标", ""):
            whole = stem + ending
            if whole in self.level2 and whole not in self.level1:
                return 2, self.level2[whole]
            if whole in self.level1:
                return 1, self.level1[whole]
        if len(stem) > 12 or any(ch.isdigit() for ch in stem):
            return None
        for i in range(1, len(stem) - 2):
            if stem[:i] in self.level1 or stem[:i] in self.level2:
                return None  # "成本指标经济成本指标": two categories run together
            tail = stem[i:]
            for whole in (tail + "指标", tail):
                if len(tail) >= 3 and whole in self.level2:  # a qualified category: one level down
                    return 2, self.level2[whole]
        return None


#: what a heading of the control of the money names: the budget, the investment, the funds
_MONEY_WORDS = ("预算", "投资", "资金", "经费", "成本")


def _money_control(key: str) -> bool:
    """A heading of the control of the money ("预算控制指标", "投资规模控制指标"; its notes in
    brackets dropped by label_key: "预算(或投资规模)控制指标")."""
    stem = key[:-4]
    return (
        key.endswith("控制指标")
        and 2 <= len(stem) <= 12
        and "指" not in stem
        and not any(ch.isdigit() for ch in stem)
        and any(w in stem for w in _MONEY_WORDS)
    )


#: the endings of a category name of any template (see Vocabulary._category_shape)
_CATEGORY_ENDS = frozenset({"指标", "目标"})


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary(_labels_toml())


@lru_cache(maxsize=1)
def _labels_toml() -> dict:
    """``perflint/data/labels.toml``, parsed once per process (the vocabulary and the
    Traditional → simplified table both read it; each parse costs ~5 ms of start-up;
    read only, never changed).  tomllib and importlib.resources are imported here:
    they cost milliseconds at start-up, and a run that reads only JSON never needs
    the vocabulary."""
    # start-up: tomllib and importlib.resources only when the vocabulary is first needed
    import tomllib
    from importlib import resources

    text = resources.files("perflint").joinpath("data/labels.toml").read_text("utf-8")
    return tomllib.loads(text)


_EXTRA_TRADITIONAL = str.maketrans("際關構顯讀覽歷舊園獲變語與製", "际关构显读览历旧园获变语与制")


def simplified(text: str) -> str:
    """``text`` with Traditional characters folded to Simplified and the pinyin some
    mirrors insert (``區(qū)``) dropped: for matching words, never for what is shown."""
    return _PINYIN.sub("", text).translate(_traditional()).translate(_EXTRA_TRADITIONAL)


def simplified_map(text: str) -> tuple[str, list[int]]:
    """``simplified(text)`` and, for each of its characters, the offset in ``text`` of the
    character it comes from: what matches in the folded text maps back onto the text as
    written (``萬(wàn)元`` matches 万元 and is quoted whole)."""
    where: list[int] = []
    pos = 0
    for m in _PINYIN.finditer(text):
        where.extend(range(pos, m.start()))
        pos = m.end()
    where.extend(range(pos, len(text)))
    kept = "".join(text[i] for i in where) if len(where) < len(text) else text
    return kept.translate(_traditional()).translate(_EXTRA_TRADITIONAL), where
